package dev.rivet.emulator.gdb;

/**
 * A packet or a command argument the stub cannot parse. Caught by the session, which answers
 * with an error reply ({@code E01}) or drops the packet; it never ends the session.
 */
public final class MalformedPacketException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MalformedPacketException(String message) {
        super(message, null, false, false);
    }
}
