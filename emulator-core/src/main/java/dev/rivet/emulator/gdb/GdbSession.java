package dev.rivet.emulator.gdb;

import dev.rivet.emulator.debug.AddressSpace;
import dev.rivet.emulator.debug.DebugController;
import dev.rivet.emulator.debug.DebugException;
import dev.rivet.emulator.debug.StopEvent;
import dev.rivet.emulator.debug.StopListener;
import dev.rivet.emulator.debug.WatchKind;
import dev.rivet.emulator.debug.Watchpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One GDB connection: the command handlers of the Remote Serial Protocol over the
 * {@link DebugController} (GDB manual, appendix "Remote Protocol": sections "Packets", "Stop
 * Reply Packets", "General Query Packets", "Interrupts", "Packet Acknowledgment").
 *
 * <p>Handled: {@code qSupported}, {@code QStartNoAckMode}, {@code qXfer:features:read} (target.xml),
 * {@code ?}, {@code g G p P}, {@code m M X}, {@code Z0-Z4}/{@code z0-z4}, {@code c s},
 * {@code vCont} (continue and step), {@code qfThreadInfo}/{@code qsThreadInfo}, {@code qC},
 * {@code H}, {@code T}, {@code qThreadExtraInfo}, {@code qRcmd} ({@link MonitorCommands}),
 * QEMU's {@code qqemu.sstepbits}, {@code qqemu.sstep} and {@code Qqemu.sstep=} (steps hold
 * interrupts back unless told otherwise), Ctrl-C, {@code D}, {@code k}. Anything else gets the empty reply ("not supported"). A malformed
 * command gets {@code E01}, a memory error {@code E14}; the session goes on either way. All-stop:
 * one stop reply per resume.
 *
 * <p>When the session ends (detach, kill, closed connection) every breakpoint and watchpoint it
 * set is removed and, except after kill, the machine runs on.
 */
final class GdbSession implements StopListener, MonitorCommands.Session {

    /** Largest packet accepted and advertised ({@code PacketSize}). */
    static final int MAX_PACKET = 0x4000;
    /** QEMU's single-step flags ({@code qqemu.sstepbits}). */
    static final int SSTEP_ENABLE = 1;
    static final int SSTEP_NOIRQ = 2;
    static final int SSTEP_NOTIMER = 4;

    private final RspConnection connection;
    private final DebugController debug;
    private final TargetDescription registers;
    private final MonitorCommands monitor;
    private final Runnable onKill;
    private final Set<Long> breakpoints = new HashSet<>();
    private final List<Watchpoint> watchpoints = new ArrayList<>();
    private volatile boolean awaitingStop;
    private volatile StopEvent lastStop;
    private volatile int currentHart;
    private volatile boolean physical;
    private volatile boolean swbreak;

    GdbSession(RspConnection connection, DebugController debug, Runnable onKill) {
        this.connection = connection;
        this.debug = debug;
        this.registers = new TargetDescription(debug);
        this.monitor = new MonitorCommands(debug);
        this.onKill = onKill;
    }

    /** Serves the connection until it closes, gdb detaches or kills. */
    void serve() throws IOException {
        debug.addStopListener(this);
        boolean resumeOnEnd = true;
        try {
            debug.haltAll(); // like QEMU: the machine stops while a debugger is attached
            lastStop = new StopEvent.Halted(0);
            while (true) {
                PacketEvent e = connection.receive();
                if (e == null) {
                    break;
                }
                if (e instanceof PacketEvent.Interrupt) {
                    debug.haltAll();
                    continue;
                }
                if (e instanceof PacketEvent.Corrupt) {
                    continue; // already answered with '-' (acknowledgment mode) or silently dropped
                }
                String packet = ((PacketEvent.Packet) e).text();
                if (packet.equals("D") || packet.startsWith("D;")) {
                    connection.send("OK");
                    break;
                }
                if (packet.equals("k") || packet.startsWith("vKill")) {
                    resumeOnEnd = false;
                    if (packet.startsWith("vKill")) {
                        connection.send("OK");
                    }
                    break;
                }
                String reply = handle(packet);
                if (reply != null) {
                    connection.send(reply);
                }
            }
        } finally {
            debug.removeStopListener(this);
            end(resumeOnEnd);
        }
    }

    private void end(boolean resume) {
        try {
            for (long bp : breakpoints) {
                debug.removeBreakpoint(bp);
            }
            for (Watchpoint w : watchpoints) {
                debug.removeWatchpoint(w);
            }
            if (resume) {
                debug.resumeAll();
            } else {
                onKill.run();
            }
        } catch (DebugException e) {
            // the machine is gone already (closed with the server): nothing is left to clean up
            return;
        }
    }

    @Override
    public void stopped(StopEvent event) {
        lastStop = event;
        currentHart = event.hart();
        if (awaitingStop) {
            awaitingStop = false;
            try {
                connection.send(StopReplies.reply(event, swbreak));
            } catch (IOException e) {
                awaitingStop = false; // the reader thread sees the closed connection and ends the session
            }
        }
    }

    @Override
    public int stoppedHart() {
        StopEvent e = lastStop;
        return e == null ? 0 : e.hart();
    }

    @Override
    public boolean physicalMemory() {
        return physical;
    }

    @Override
    public void setPhysicalMemory(boolean p) {
        physical = p;
    }

    /** The reply to {@code packet}, or {@code null} when the reply is a later stop reply. */
    String handle(String packet) {
        try {
            return dispatch(packet);
        } catch (MalformedPacketException | IllegalArgumentException | IndexOutOfBoundsException e) {
            return "E01";
        } catch (DebugException e) {
            return "E14";
        }
    }

    private String dispatch(String p) {
        char c = p.isEmpty() ? ' ' : p.charAt(0);
        switch (c) {
            case '?':
                if (p.length() != 1) {
                    return "";
                }
                return StopReplies.reply(lastStop instanceof StopEvent.MachineExited ? lastStop
                        : new StopEvent.Halted(currentHart), swbreak).replace("T02", "T05");
            case 'g':
                return readGeneralRegisters();
            case 'G':
                return writeGeneralRegisters(p.substring(1));
            case 'p':
                return readRegister(p.substring(1));
            case 'P':
                return writeRegister(p.substring(1));
            case 'm':
                return readMemory(p.substring(1));
            case 'M':
                return writeMemory(p.substring(1), false);
            case 'X':
                return writeMemory(p.substring(1), true);
            case 'Z':
            case 'z':
                return breakOrWatch(p.charAt(0) == 'Z', p.substring(1));
            case 'c':
                return resume(false, currentHart, p.substring(1));
            case 's':
                return resume(true, currentHart, p.substring(1));
            case 'H':
                return selectThread(p.substring(1));
            case 'T':
                return hartOf(p.substring(1)).isPresent() ? "OK" : "E01";
            case 'q':
                return query(p);
            case 'Q':
                if (p.startsWith("Qqemu.sstep=")) {
                    return singleStepFlags(p.substring("Qqemu.sstep=".length()));
                }
                if (p.equals("QStartNoAckMode")) {
                    try {
                        connection.send("OK");
                    } catch (IOException e) {
                        return null;
                    }
                    connection.stopAcknowledging();
                    return null;
                }
                return "";
            case 'v':
                return vPacket(p);
            default:
                return "";
        }
    }

    private String query(String p) {
        if (p.startsWith("qSupported")) {
            swbreak = p.contains("swbreak+");
            return "PacketSize=" + Integer.toHexString(MAX_PACKET) + ";qXfer:features:read+;QStartNoAckMode+;"
                    + "vContSupported+" + (swbreak ? ";swbreak+" : "");
        }
        if (p.startsWith("qXfer:features:read:")) {
            return features(p.substring("qXfer:features:read:".length()));
        }
        if (p.equals("qAttached") || p.startsWith("qAttached:")) {
            return "1";
        }
        if (p.equals("qC")) {
            return "QC" + Integer.toHexString(StopReplies.threadOf(currentHart));
        }
        if (p.equals("qfThreadInfo")) {
            StringBuilder b = new StringBuilder("m");
            int n = debug.hartCount();
            for (int h = 0; h < n; h++) {
                b.append(h == 0 ? "" : ",").append(Integer.toHexString(StopReplies.threadOf(h)));
            }
            return b.toString();
        }
        if (p.equals("qsThreadInfo")) {
            return "l";
        }
        if (p.startsWith("qThreadExtraInfo,")) {
            int hart = hartOf(p.substring("qThreadExtraInfo,".length())).orElseThrow(
                    () -> new MalformedPacketException("no such thread"));
            return Hex.text("hart " + hart + ", " + debug.privilege(hart).name().toLowerCase() + " mode");
        }
        if (p.startsWith("qRcmd,")) {
            String line = new String(Hex.toBytes(p.substring("qRcmd,".length())), StandardCharsets.UTF_8);
            return Hex.text(monitor.execute(line, this));
        }
        if (p.equals("qSymbol::")) {
            return "OK";
        }
        if (p.equals("qqemu.sstepbits")) {
            return "ENABLE=" + SSTEP_ENABLE + ",NOIRQ=" + SSTEP_NOIRQ + ",NOTIMER=" + SSTEP_NOTIMER;
        }
        if (p.equals("qqemu.sstep")) {
            return "0x" + Integer.toHexString(SSTEP_ENABLE | SSTEP_NOTIMER | (debug.stepHoldsInterrupts() ? SSTEP_NOIRQ : 0));
        }
        return "";
    }

    /**
     * {@code Qqemu.sstep=FLAGS}, QEMU's single-step flags ({@code maintenance packet
     * Qqemu.sstep=1} in gdb lets steps enter due interrupt handlers; {@code =7} is the default).
     * NOIRQ is honoured; NOTIMER always holds (time advances by the stepped instruction only).
     */
    private String singleStepFlags(String hex) {
        int flags;
        try {
            flags = Integer.parseInt(hex.startsWith("0x") ? hex.substring(2) : hex, 16);
        } catch (NumberFormatException e) {
            return "E01";
        }
        if ((flags & SSTEP_ENABLE) == 0 || (flags & ~(SSTEP_ENABLE | SSTEP_NOIRQ | SSTEP_NOTIMER)) != 0) {
            return "E01";
        }
        debug.setStepHoldsInterrupts((flags & SSTEP_NOIRQ) != 0);
        return "OK";
    }

    private String features(String args) {
        // target.xml:OFFSET,LENGTH
        int colon = args.indexOf(':');
        if (colon < 0) {
            throw new MalformedPacketException("qXfer without offset");
        }
        if (!args.substring(0, colon).equals("target.xml")) {
            return "E00";
        }
        String[] ol = args.substring(colon + 1).split(",");
        if (ol.length != 2) {
            throw new MalformedPacketException("qXfer needs offset,length");
        }
        int offset = Hex.smallNumber(ol[0], Integer.MAX_VALUE);
        int length = Hex.smallNumber(ol[1], Integer.MAX_VALUE);
        String xml = registers.xml();
        if (offset >= xml.length()) {
            return "l";
        }
        int end = (int) Math.min((long) offset + Math.min(length, MAX_PACKET - 16), xml.length());
        return (end == xml.length() ? "l" : "m") + xml.substring(offset, end);
    }

    private Optional<Integer> hartOf(String threadId) {
        long id = threadId.equals("-1") ? -1 : Hex.number(threadId);
        if (id == 0 || id == -1) {
            return Optional.of(currentHart);
        }
        int hart = (int) id - 1;
        return hart >= 0 && hart < debug.hartCount() && id < Integer.MAX_VALUE ? Optional.of(hart) : Optional.empty();
    }

    private String selectThread(String args) {
        if (args.isEmpty() || (args.charAt(0) != 'g' && args.charAt(0) != 'c')) {
            throw new MalformedPacketException("H needs g or c");
        }
        Optional<Integer> hart = hartOf(args.substring(1));
        if (hart.isEmpty()) {
            return "E01";
        }
        currentHart = hart.get();
        return "OK";
    }

    private String readGeneralRegisters() {
        StringBuilder b = new StringBuilder();
        for (int n : registers.generalRegisters()) {
            b.append(Hex.littleEndian(registers.read(debug, currentHart, n), 8));
        }
        return b.toString();
    }

    private String writeGeneralRegisters(String hex) {
        List<Integer> regs = registers.generalRegisters();
        if (hex.length() < regs.size() * 16) {
            throw new MalformedPacketException("G packet too short");
        }
        for (int i = 0; i < regs.size(); i++) {
            registers.write(debug, currentHart, regs.get(i), Hex.parseLittleEndian(hex, i * 16, 8));
        }
        return "OK";
    }

    private String readRegister(String args) {
        int n = Hex.smallNumber(args, 1 << 20);
        Optional<Integer> size = registers.size(n);
        if (size.isEmpty()) {
            return "E01";
        }
        return Hex.littleEndian(registers.read(debug, currentHart, n), size.get());
    }

    private String writeRegister(String args) {
        int eq = args.indexOf('=');
        if (eq < 0) {
            throw new MalformedPacketException("P needs n=value");
        }
        int n = Hex.smallNumber(args.substring(0, eq), 1 << 20);
        Optional<Integer> size = registers.size(n);
        if (size.isEmpty()) {
            return "E01";
        }
        registers.write(debug, currentHart, n, Hex.parseLittleEndian(args, eq + 1, size.get()));
        return "OK";
    }

    /** The translation for memory packets: physical, or the current hart's data translation. */
    private Long satp() {
        return physical ? null : debug.translationOf(currentHart);
    }

    private String readMemory(String args) {
        String[] al = args.split(",");
        if (al.length != 2) {
            throw new MalformedPacketException("m needs addr,length");
        }
        long address = Hex.number(al[0]);
        int length = Math.min(Hex.smallNumber(al[1], Integer.MAX_VALUE), (MAX_PACKET - 8) / 2);
        Long satp = satp();
        byte[] data = satp == null ? debug.readPhysical(address, length) : debug.readVirtual(satp, address, length);
        if (data.length == 0 && length > 0) {
            return "E14";
        }
        return Hex.bytes(data);
    }

    private String writeMemory(String args, boolean binary) {
        int colon = args.indexOf(':');
        if (colon < 0) {
            throw new MalformedPacketException("memory write needs addr,length:data");
        }
        String[] al = args.substring(0, colon).split(",");
        if (al.length != 2) {
            throw new MalformedPacketException("memory write needs addr,length");
        }
        long address = Hex.number(al[0]);
        int length = Hex.smallNumber(al[1], MAX_PACKET);
        byte[] data = binary ? args.substring(colon + 1).getBytes(StandardCharsets.ISO_8859_1)
                : Hex.toBytes(args.substring(colon + 1));
        if (data.length != length) {
            throw new MalformedPacketException("memory write: length does not match the data");
        }
        if (length == 0) {
            return "OK";
        }
        Long satp = satp();
        if (satp == null) {
            debug.writePhysical(address, data);
        } else {
            debug.writeVirtual(satp, address, data);
        }
        return "OK";
    }

    private String breakOrWatch(boolean insert, String args) {
        String[] f = args.split("[,;]");
        if (f.length < 3) {
            throw new MalformedPacketException("Z needs type,addr,kind");
        }
        int type = Hex.smallNumber(f[0], 4);
        long address = Hex.number(f[1]);
        long kind = Hex.number(f[2]);
        if (type <= 1) {
            if (insert) {
                debug.addBreakpoint(address);
                breakpoints.add(address);
            } else {
                debug.removeBreakpoint(address);
                breakpoints.remove(address);
            }
            return "OK";
        }
        if (kind < 1 || kind > 1 << 20) {
            throw new MalformedPacketException("bad watch length");
        }
        WatchKind wk = type == 2 ? WatchKind.WRITE : type == 3 ? WatchKind.READ : WatchKind.ACCESS;
        Watchpoint w = new Watchpoint(wk, physical ? AddressSpace.PHYSICAL : AddressSpace.VIRTUAL, address, kind);
        if (insert) {
            debug.addWatchpoint(w);
            watchpoints.add(w);
        } else {
            debug.removeWatchpoint(w);
            watchpoints.remove(w);
        }
        return "OK";
    }

    /** {@code c [addr]} / {@code s [addr]} on {@code hart}; returns null: the stop reply comes later. */
    private String resume(boolean step, int hart, String address) {
        if (!address.isEmpty()) {
            debug.setPc(hart, Hex.number(address));
        }
        awaitingStop = true;
        if (step) {
            debug.step(hart);
        } else {
            debug.resumeAll();
        }
        return null;
    }

    private String vPacket(String p) {
        if (p.equals("vCont?")) {
            return "vCont;c;C;s;S";
        }
        if (p.startsWith("vCont;")) {
            return vCont(p.substring("vCont;".length()));
        }
        if (p.equals("vMustReplyEmpty")) {
            return "";
        }
        return "";
    }

    /**
     * {@code vCont;ACTION[:THREAD];...}: in all-stop mode a step action on one hart is carried out
     * while the others stay halted (the step ends the whole resume); otherwise continue actions
     * resume every hart they name (no thread: every hart not named before).
     */
    private String vCont(String actions) {
        Integer stepHart = null;
        boolean continueAll = false;
        List<Integer> continued = new ArrayList<>();
        for (String a : actions.split(";")) {
            if (a.isEmpty()) {
                throw new MalformedPacketException("empty vCont action");
            }
            String[] at = a.split(":", 2);
            char action = at[0].charAt(0);
            Optional<Integer> hart = at.length == 2 ? hartOf(at[1]) : Optional.empty();
            if (at.length == 2 && hart.isEmpty()) {
                return "E01";
            }
            switch (action) {
                case 's', 'S' -> {
                    if (stepHart == null) {
                        stepHart = hart.orElse(currentHart);
                    }
                }
                case 'c', 'C' -> {
                    if (hart.isPresent()) {
                        continued.add(hart.get());
                    } else {
                        continueAll = true;
                    }
                }
                default -> throw new MalformedPacketException("unsupported vCont action " + action);
            }
        }
        awaitingStop = true;
        if (stepHart != null) {
            currentHart = stepHart;
            debug.step(stepHart);
        } else if (continueAll) {
            debug.resumeAll();
        } else if (!continued.isEmpty()) {
            for (int h : continued) {
                debug.resume(h);
            }
        } else {
            awaitingStop = false;
            return "E01";
        }
        return null;
    }
}
