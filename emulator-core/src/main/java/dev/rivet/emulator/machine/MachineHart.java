package dev.rivet.emulator.machine;

import dev.rivet.emulator.cpu.StopReason;
import dev.rivet.emulator.irq.HartInterruptPins;

/**
 * What the machine needs of a hart: run a bounded slice, report WFI, take interrupt levels,
 * restart at an address. The machine's run loop calls these on its own thread only;
 * {@link #requestStop()} may be called from a device during a slice (the test finisher).
 */
public interface MachineHart extends HartInterruptPins {

    /**
     * Executes at most {@code budget} instructions, returning early on WFI, a breakpoint or
     * {@link #requestStop()}.
     */
    StopReason run(long budget);

    /** Whether the hart sits in WFI with no enabled interrupt pending. */
    boolean isWaitingForInterrupt();

    /** Asks a running slice to return after the current instruction. */
    void requestStop();

    /** Architectural reset: M-mode, {@code pc} = {@code resetPc}, registers cleared. */
    void reset(long resetPc);
}
