package dev.rivet.emulator.debug;

import dev.rivet.emulator.cpu.StopReason;

/**
 * Runs harts' slices on behalf of a {@link DebugTarget}'s round robin. Implemented by the
 * {@link DebugController}; called on the machine's thread.
 */
public interface SliceRunner {

    /** Runs hart {@code hartId} for at most {@code budget} instructions and says why it returned. */
    StopReason runSlice(int hartId, long budget);

    /**
     * Whether hart {@code hartId} should be passed over by the round robin as if it waited for an
     * interrupt (it is halted by the debugger, or really waits in WFI and nothing else is to do).
     */
    boolean parked(int hartId);
}
