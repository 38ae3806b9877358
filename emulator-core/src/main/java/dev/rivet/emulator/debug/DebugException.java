package dev.rivet.emulator.debug;

/**
 * A debugger request that cannot be carried out: an unknown hart or register, unmapped or
 * unreadable memory, a write outside RAM, a machine that is gone. The message is one line meant
 * for the user; the machine is left as it was.
 */
public final class DebugException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DebugException(String message) {
        super(message);
    }

    public DebugException(String message, Throwable cause) {
        super(message, cause);
    }
}
