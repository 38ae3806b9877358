package dev.rivet.emulator.bus;

/**
 * Thrown by the bus or a device when a physical access cannot be performed: nothing is mapped at
 * the address, or the device does not decode that width or offset. The hart converts it into a
 * load, store/AMO or instruction access fault with the faulting address as {@code xtval}.
 *
 * <p>Thrown on guest-controlled paths, so it carries no stack trace (cheap to create).
 */
public final class BusErrorException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long address;

    /**
     * @param address the physical (or device-relative) address of the failed access
     * @param message what went wrong, for logs and the trap log
     */
    public BusErrorException(long address, String message) {
        super(message, null, false, false);
        this.address = address;
    }

    /** The address of the failed access. */
    public long address() {
        return address;
    }
}
