package dev.rivet.emulator.gdb;

import dev.rivet.emulator.cpu.csr.CsrAddress;
import dev.rivet.emulator.debug.DebugController;
import dev.rivet.emulator.debug.TrapRecord;
import dev.rivet.emulator.inspect.PageTableDump;
import dev.rivet.emulator.inspect.PageTableWalk;
import java.util.List;

/**
 * GDB's {@code monitor} commands, sent as {@code qRcmd} (GDB manual, appendix "Remote Protocol",
 * section "General Query Packets"): each returns the text to show.
 *
 * <ul>
 * <li>{@code pagetable [HART]} — the mappings of the hart's {@code satp} (default: the hart of the
 * last stop)</li>
 * <li>{@code phys on|off} — whether memory packets use physical addresses</li>
 * <li>{@code traplog [N]} — the last N traps (default 20)</li>
 * <li>{@code trapstop CAUSE on|off} — stop at the handler of traps with that {@code xcause}</li>
 * <li>{@code reset} — power-on state, every hart halted</li>
 * <li>{@code help}</li>
 * </ul>
 */
final class MonitorCommands {

    /** The session state the commands read and change. */
    interface Session {
        /**
         * The hart monitor commands are about: the one GDB last reported a stop for (GDB selects
         * that thread; it does not tell the stub when the user selects another one).
         */
        int stoppedHart();

        boolean physicalMemory();

        void setPhysicalMemory(boolean physical);
    }

    private final DebugController debug;

    MonitorCommands(DebugController debug) {
        this.debug = debug;
    }

    /** Executes {@code line}; returns its output, ending with a newline. */
    String execute(String line, Session session) {
        String[] w = line.trim().split("\\s+");
        switch (w[0]) {
            case "help", "" -> {
                return """
                        pagetable [HART]       mappings of the satp of HART (default: last stopped)
                        phys on|off            memory access by physical address
                        traplog [N]            the last N traps (default 20)
                        trapstop CAUSE on|off  stop at the handler of traps with xcause CAUSE
                        reset                  power-on reset; every hart halted
                        """;
            }
            case "pagetable" -> {
                return pageTable(w.length > 1 ? (int) Math.min(parse(w[1]), Integer.MAX_VALUE)
                        : session.stoppedHart());
            }
            case "phys" -> {
                if (w.length == 2 && (w[1].equals("on") || w[1].equals("off"))) {
                    session.setPhysicalMemory(w[1].equals("on"));
                }
                return "memory access is " + (session.physicalMemory() ? "physical" : "virtual (current satp)") + "\n";
            }
            case "traplog" -> {
                int n = w.length > 1 ? (int) Math.min(parse(w[1]), 100_000) : 20;
                return trapLog(n);
            }
            case "trapstop" -> {
                if (w.length != 3 || !(w[2].equals("on") || w[2].equals("off"))) {
                    return "usage: trapstop CAUSE on|off\n";
                }
                long cause = parse(w[1]);
                debug.stopOnTrap(cause, w[2].equals("on"));
                return "traps with cause 0x" + Long.toHexString(cause) + (w[2].equals("on") ? " stop" : " do not stop")
                        + " the machine\n";
            }
            case "reset" -> {
                debug.reset();
                return "machine reset; every hart halted\n";
            }
            default -> {
                return "unknown monitor command '" + w[0] + "' (try: monitor help)\n";
            }
        }
    }

    private static long parse(String s) {
        try {
            return Long.decode(s);
        } catch (NumberFormatException e) {
            throw new MalformedPacketException("not a number: " + s);
        }
    }

    private String pageTable(int hart) {
        long satp = debug.csr(hart, CsrAddress.SATP);
        int levels = PageTableWalk.levels(satp);
        StringBuilder b = new StringBuilder(String.format("hart %d satp 0x%016x (%s)%n", hart, satp,
                levels == 0 ? "Bare" : levels < 0 ? "reserved mode" : "Sv" + (12 + 9 * levels)));
        if (levels <= 0) {
            return b.toString();
        }
        List<PageTableDump.Mapping> maps = debug.pageTable(satp);
        b.append("vaddr            paddr            size             attr\n");
        for (PageTableDump.Mapping m : maps) {
            b.append(m).append('\n');
        }
        return b.toString();
    }

    private String trapLog(int n) {
        List<TrapRecord> all = debug.trapLog().snapshot();
        StringBuilder b = new StringBuilder();
        long dropped = debug.trapLog().dropped();
        b.append(all.size()).append(" traps kept");
        if (dropped > 0) {
            b.append(", ").append(dropped).append(" older dropped");
        }
        b.append('\n');
        for (TrapRecord r : all.subList(Math.max(0, all.size() - n), all.size())) {
            b.append(r).append('\n');
        }
        return b.toString();
    }
}
