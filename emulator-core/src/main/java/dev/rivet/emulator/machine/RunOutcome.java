package dev.rivet.emulator.machine;

/** How a run of the machine ended. */
public sealed interface RunOutcome {

    /** The guest wrote pass (status 0) or fail with a code to the test finisher. */
    record Exited(int status) implements RunOutcome {
    }

    /** The guest asked the test finisher for a reset. */
    record ResetRequested() implements RunOutcome {
    }

    /** The user quit (Ctrl-A x) or the host asked the machine to stop. */
    record Stopped() implements RunOutcome {
    }

    /** The instruction limit given to {@link VirtMachine#run} was reached (tests). */
    record InstructionLimit() implements RunOutcome {
    }
}
