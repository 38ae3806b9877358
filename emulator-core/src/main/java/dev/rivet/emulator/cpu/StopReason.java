package dev.rivet.emulator.cpu;

/** Why {@link Hart#run(long)} returned. */
public enum StopReason {
    /** The instruction budget of the slice was used up. */
    BUDGET,
    /** The hart executed WFI and waits for an interrupt ({@link Hart#isWaitingForInterrupt()}). */
    WAITING_FOR_INTERRUPT,
    /** The next instruction is at a breakpoint address; it has not been executed. */
    BREAKPOINT,
    /** {@link Hart#requestStop()} was called. */
    STOP_REQUESTED
}
