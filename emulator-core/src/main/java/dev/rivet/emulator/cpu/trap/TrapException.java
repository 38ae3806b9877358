package dev.rivet.emulator.cpu.trap;

/**
 * A synchronous exception raised while executing an instruction: unwinds the executor back to
 * the hart's run loop, which enters the trap ({@link TrapUnit#takeException}). Carries no stack
 * trace; it is part of normal guest control flow, never a host error.
 */
public final class TrapException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int cause;
    private final long tval;

    /**
     * @param cause the exception code ({@link TrapCause})
     * @param tval  the value for {@code xtval}: faulting address, instruction bits, or 0
     */
    public TrapException(int cause, long tval) {
        super(null, null, false, false);
        this.cause = cause;
        this.tval = tval;
    }

    public int cause() {
        return cause;
    }

    public long tval() {
        return tval;
    }

    @Override
    public String getMessage() {
        return "exception " + cause + " tval=0x" + Long.toHexString(tval);
    }
}
