package dev.rivet.emulator.gdb;

import dev.rivet.emulator.debug.StopEvent;

/**
 * Stop-reply packets (GDB manual, appendix "Remote Protocol", section "Stop Reply Packets"):
 * {@code T05} with {@code swbreak:}, {@code watch:}/{@code rwatch:}/{@code awatch:} and the
 * stopping thread for breakpoints, watchpoints, trap stops and steps; {@code T02} (SIGINT) for a
 * halt; {@code W} with the exit status when the guest ended the machine.
 */
final class StopReplies {

    static final int SIGINT = 2;
    static final int SIGTRAP = 5;

    private StopReplies() {
    }

    /** Thread ids are hart ids plus one (0 and -1 are reserved by the protocol). */
    static int threadOf(int hart) {
        return hart + 1;
    }

    static String reply(StopEvent e, boolean swbreak) {
        String thread = "thread:" + Integer.toHexString(threadOf(e.hart())) + ";";
        return switch (e) {
            case StopEvent.BreakpointHit b -> "T05" + (swbreak ? "swbreak:;" : "") + thread;
            case StopEvent.WatchpointHit w -> "T05" + switch (w.watchpoint().kind()) {
                case WRITE -> "watch";
                case READ -> "rwatch";
                case ACCESS -> "awatch";
            } + ":" + Long.toHexString(w.address()) + ";" + thread;
            case StopEvent.TrapTaken t -> "T05" + thread;
            case StopEvent.Stepped s -> "T05" + thread;
            case StopEvent.Halted h -> "T02" + thread;
            case StopEvent.MachineExited x -> String.format("W%02x", x.exit().status() & 0xff);
        };
    }
}
