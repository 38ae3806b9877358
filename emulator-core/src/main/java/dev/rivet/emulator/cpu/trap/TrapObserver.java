package dev.rivet.emulator.cpu.trap;

/**
 * Told about every trap a hart takes, after the trap CSRs are written and before the handler's
 * first instruction runs (for a trap log or a debugger's "stop on trap"). Called on the machine's
 * thread; must not modify the hart.
 */
@FunctionalInterface
public interface TrapObserver {

    /**
     * @param hartId  the hart that trapped
     * @param cause   the value written to {@code xcause} (interrupt flag in bit 63)
     * @param epc     the value written to {@code xepc}
     * @param tval    the value written to {@code xtval}
     * @param fromMode privilege mode encoding before the trap
     * @param toMode   privilege mode encoding of the handler (1 or 3)
     */
    void trapTaken(int hartId, long cause, long epc, long tval, int fromMode, int toMode);
}
