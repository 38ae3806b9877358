package dev.rivet.emulator.debug;

/**
 * Why the machine stopped, as the {@link DebugController} reports it. When any hart stops every
 * hart is halted ("all-stop"), and one event names the hart that caused it.
 */
public sealed interface StopEvent {

    /** The hart the event is about. */
    int hart();

    /** The hart reached a breakpoint (or the address of {@code runTo}); the instruction there has not run. */
    record BreakpointHit(int hart, long pc) implements StopEvent {
    }

    /** The instruction before {@code pc} accessed watched memory at {@code address}. */
    record WatchpointHit(int hart, Watchpoint watchpoint, long address, boolean write) implements StopEvent {
    }

    /** The hart took a trap whose cause was chosen with {@code stopOnTrap}; {@code pc} is the handler. */
    record TrapTaken(int hart, TrapRecord trap) implements StopEvent {
    }

    /** A single step finished (into a trap handler if the instruction trapped). */
    record Stepped(int hart) implements StopEvent {
    }

    /** The debugger halted the machine ({@code halt}, Ctrl-C). */
    record Halted(int hart) implements StopEvent {
    }

    /** The guest ended the machine through the test finisher. */
    record MachineExited(int hart, DebugTarget.MachineExit exit) implements StopEvent {
    }
}
