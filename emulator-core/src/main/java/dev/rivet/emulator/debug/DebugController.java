package dev.rivet.emulator.debug;

import dev.rivet.emulator.cpu.Hart;
import dev.rivet.emulator.cpu.PrivilegeMode;
import dev.rivet.emulator.cpu.StopReason;
import dev.rivet.emulator.cpu.csr.CsrAddress;
import dev.rivet.emulator.cpu.decode.Instruction;
import dev.rivet.emulator.cpu.decode.InstructionDecoder;
import dev.rivet.emulator.inspect.PageTableDump;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The debug API of a machine, used by the IDE and by the GDB stub: halt, resume and step per
 * hart, run to an address, breakpoints, watchpoints, stop on chosen trap causes, registers and
 * CSRs, side-effect-free memory access by physical address or through a given {@code satp}, a
 * bounded trap log, reset.
 *
 * <h2>Threads</h2>
 * The machine runs on one thread, the one that calls {@link #runMachine()}: it runs the
 * machine's round robin while any hart is running and otherwise waits for commands. Every public
 * method may be called from any thread: it is queued, executed on the machine thread between
 * slices, and its result handed back (a call made on the machine thread itself, for instance from
 * a {@link StopListener}, runs at once). Nothing outside the machine thread touches a hart.
 *
 * <h2>Stops</h2>
 * All-stop: when one hart stops (breakpoint, watchpoint, a chosen trap cause, end of a step,
 * {@link #haltAll()}, the guest ending the machine) every hart is halted and listeners get one
 * {@link StopEvent}. A hart resumed or stepped from a breakpoint address runs the instruction
 * there. A watchpoint stops the hart before the accessing instruction runs, its {@code pc} on
 * that instruction, as QEMU's and the RISC-V debug triggers' do (GDB's RISC-V target expects
 * this: it steps over the access itself); resumed, the hart makes the access. An access that
 * cannot be translated is not reported: it faults. While any watchpoint or trap stop is set, running harts are run one instruction
 * at a time, which is several times slower. Breakpoints compare the virtual {@code pc}.
 */
public final class DebugController implements SliceRunner, AutoCloseable {

    /** How long a caller waits for the machine thread before giving up. */
    private static final long COMMAND_TIMEOUT_S = 30;

    private static final class HartControl {
        boolean running;
        boolean stepping;
        /** The hart may run the instruction at a breakpoint it is resumed from. */
        boolean mayPassBreakpoint;
        /** The hart stopped before an access a watchpoint reported: resumed, it makes that access. */
        boolean mayPassWatchpoint;
        Long runTo;
        TrapRecord trapStop;
        long trapsTaken;
    }

    private final DebugTarget target;
    private final BlockingQueue<FutureTask<?>> commands = new LinkedBlockingQueue<>();
    private final List<StopListener> listeners = new CopyOnWriteArrayList<>();
    private final TrapLog trapLog;
    private volatile Thread machineThread;
    private volatile boolean closed;

    // ---- machine-thread state ----
    private List<Hart> harts;
    private HartControl[] control;
    private MachineMemory memory;
    private final Set<Long> breakpoints = new HashSet<>();
    private final List<Watchpoint> watchpoints = new ArrayList<>();
    private final Set<Long> trapStops = new HashSet<>();
    private final List<StopEvent> events = new ArrayList<>();
    private StopEvent pendingStop;
    private boolean steppingRound;
    /** Whether a single step holds pending interrupts back ({@link #setStepHoldsInterrupts}). */
    private volatile boolean stepHoldsInterrupts = true;
    private DebugTarget.MachineExit exit;
    private volatile RuntimeException failure;

    /**
     * @param target          the machine
     * @param trapLogCapacity how many traps the log keeps
     * @param startHalted     whether every hart is halted at first (QEMU's {@code -S})
     */
    public DebugController(DebugTarget target, int trapLogCapacity, boolean startHalted) {
        this.target = Objects.requireNonNull(target);
        this.trapLog = new TrapLog(trapLogCapacity);
        attach();
        for (HartControl c : control) {
            c.running = !startHalted;
        }
    }

    private void attach() {
        harts = List.copyOf(target.harts());
        memory = new MachineMemory(target.bus());
        control = new HartControl[harts.size()];
        for (int i = 0; i < harts.size(); i++) {
            control[i] = new HartControl();
            Hart h = harts.get(i);
            h.setTrapObserver(this::trapTaken);
            for (long bp : breakpoints) {
                h.addBreakpoint(bp);
            }
        }
    }

    private void trapTaken(int hartId, long cause, long epc, long tval, int fromMode, int toMode) {
        Hart h = harts.get(hartId);
        TrapRecord r = new TrapRecord(trapLog.nextSequence(), hartId, cause, epc, tval, PrivilegeMode.of(fromMode),
                PrivilegeMode.of(toMode), h.csr(CsrAddress.SATP));
        trapLog.add(r);
        HartControl c = control[hartId];
        c.trapsTaken++;
        if (trapStops.contains(cause)) {
            c.trapStop = r;
            h.requestStop();
        }
    }

    // ---- the machine thread ----

    /**
     * Runs the machine on the calling thread, which becomes the machine thread, until
     * {@link #close()}. Runs harts while any is running, executes commands between slices.
     */
    public void runMachine() {
        machineThread = Thread.currentThread();
        try {
            while (!closed) {
                FutureTask<?> task;
                while ((task = commands.poll()) != null) {
                    task.run();
                }
                deliverEvents();
                if (closed) {
                    break;
                }
                if (anyRunning()) {
                    runRound();
                    deliverEvents();
                } else {
                    task = commands.take();
                    task.run();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closed = true;
            FutureTask<?> task;
            while ((task = commands.poll()) != null) {
                task.cancel(false);
            }
        }
    }

    /** Starts {@link #runMachine()} on a new daemon thread named {@code name}. */
    public Thread start(String name) {
        Thread t = new Thread(this::runMachine, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Ends {@link #runMachine()} after the current slice. */
    @Override
    public void close() {
        closed = true;
        commands.add(new FutureTask<>(() -> null));
    }

    private boolean anyRunning() {
        for (HartControl c : control) {
            if (c.running) {
                return true;
            }
        }
        return false;
    }

    private void runRound() {
        steppingRound = false;
        for (HartControl c : control) {
            steppingRound |= c.running && c.stepping;
        }
        Optional<DebugTarget.MachineExit> ended;
        try {
            ended = target.runRound(this);
        } catch (RuntimeException e) {
            // an emulator defect, not a guest action: keep the debugger alive and show the state
            failure = e;
            int hart = firstRunning();
            pendingStop = null;
            haltEveryHart();
            events.add(new StopEvent.Halted(hart));
            return;
        }
        if (ended.isPresent()) {
            exit = ended.get();
            int hart = pendingStop != null ? pendingStop.hart() : firstRunning();
            pendingStop = null;
            haltEveryHart();
            events.add(new StopEvent.MachineExited(hart, exit));
            return;
        }
        if (pendingStop != null) {
            StopEvent e = pendingStop;
            pendingStop = null;
            haltEveryHart();
            events.add(e);
        }
    }

    private void deliverEvents() {
        while (!events.isEmpty()) {
            StopEvent e = events.remove(0);
            for (StopListener l : listeners) {
                l.stopped(e);
            }
        }
    }

    private int firstRunning() {
        for (int i = 0; i < control.length; i++) {
            if (control[i].running) {
                return i;
            }
        }
        return 0;
    }

    private void haltEveryHart() {
        for (int i = 0; i < control.length; i++) {
            HartControl c = control[i];
            c.running = false;
            c.stepping = false;
            c.trapStop = null;
            if (c.runTo != null) {
                if (!breakpoints.contains(c.runTo)) {
                    harts.get(i).removeBreakpoint(c.runTo);
                }
                c.runTo = null;
            }
        }
    }

    private void stop(StopEvent e) {
        if (pendingStop == null) {
            pendingStop = e;
        }
        for (Hart h : harts) {
            h.requestStop();
        }
    }

    @Override
    public boolean parked(int hartId) {
        if (!commands.isEmpty() || pendingStop != null) {
            return false; // let the round end so that the commands run
        }
        HartControl c = control[hartId];
        if (!c.running || (steppingRound && !c.stepping)) {
            return true;
        }
        return harts.get(hartId).isWaitingForInterrupt();
    }

    @Override
    public StopReason runSlice(int hartId, long budget) {
        HartControl c = control[hartId];
        // queued commands do not cut a slice short: a caller polling the machine would starve it
        if (!c.running || pendingStop != null || (steppingRound && !c.stepping)) {
            return StopReason.STOP_REQUESTED;
        }
        Hart h = harts.get(hartId);
        if (!c.mayPassBreakpoint && atBreakpoint(c, h.pc())) {
            stop(new StopEvent.BreakpointHit(hartId, h.pc()));
            return StopReason.BREAKPOINT;
        }
        long n = c.stepping ? 1 : budget;
        h.holdInterrupts(c.stepping && stepHoldsInterrupts);
        long pc0 = h.pc();
        long retired0 = h.instructionsRetired();
        long traps0 = c.trapsTaken;
        // Hart.requestStop() takes effect only within a bounded number of instructions, so a stop
        // that must be exact (a watchpoint, a trap cause) runs the hart one instruction at a time
        boolean stepwise = !watchpoints.isEmpty() || !trapStops.isEmpty();
        StopReason why = stepwise ? runStepwise(hartId, h, c, n) : runPlain(h, n);
        boolean progress = h.pc() != pc0 || h.instructionsRetired() != retired0 || c.trapsTaken != traps0;
        if (progress) {
            c.mayPassBreakpoint = false;
            c.mayPassWatchpoint = false;
        }
        if (pendingStop instanceof StopEvent.WatchpointHit w && w.hart() == hartId) {
            c.mayPassWatchpoint = true; // it stopped before the access: resumed, it makes it
        }
        if (c.trapStop != null) {
            TrapRecord r = c.trapStop;
            c.trapStop = null;
            stop(new StopEvent.TrapTaken(hartId, r));
        } else if (why == StopReason.BREAKPOINT) {
            stop(new StopEvent.BreakpointHit(hartId, h.pc()));
        } else if (c.stepping && progress && pendingStop == null) {
            stop(new StopEvent.Stepped(hartId));
        }
        return why;
    }

    private static StopReason runPlain(Hart h, long n) {
        h.run(n);
        return h.lastStopReason();
    }

    private boolean atBreakpoint(HartControl c, long pc) {
        return breakpoints.contains(pc) || (c.runTo != null && c.runTo == pc);
    }

    private StopReason runStepwise(int hartId, Hart h, HartControl c, long n) {
        for (long k = 0; k < n; k++) {
            if (k > 0 && atBreakpoint(c, h.pc())) {
                return StopReason.BREAKPOINT;
            }
            Optional<StopEvent.WatchpointHit> hit = k == 0 && c.mayPassWatchpoint ? Optional.empty()
                    : watchpointHit(hartId, h);
            if (hit.isPresent()) {
                stop(hit.get());
                return StopReason.STOP_REQUESTED;
            }
            h.run(1);
            StopReason why = h.lastStopReason();
            if (c.trapStop != null || why == StopReason.WAITING_FOR_INTERRUPT || why == StopReason.STOP_REQUESTED) {
                return why;
            }
        }
        return StopReason.BUDGET;
    }

    private Optional<StopEvent.WatchpointHit> watchpointHit(int hartId, Hart h) {
        long pc = h.pc();
        byte[] code = memory.read(MachineMemory.effectiveSatp(h, false), pc, 4);
        if (code.length < 2) {
            return Optional.empty();
        }
        int bits = (code[0] & 0xff) | (code[1] & 0xff) << 8;
        if (InstructionDecoder.isFullLength(bits)) {
            if (code.length < 4) {
                return Optional.empty();
            }
            bits |= (code[2] & 0xff) << 16 | (code[3] & 0xff) << 24;
        }
        Instruction in = InstructionDecoder.decode(bits);
        Optional<MemoryAccess> access = MemoryAccess.of(in, h.gpr(in.rs1 & 31));
        if (access.isEmpty()) {
            return Optional.empty();
        }
        MemoryAccess a = access.get();
        Optional<Long> translated = memory.translate(MachineMemory.effectiveSatp(h, true), a.address());
        if (translated.isEmpty()) {
            return Optional.empty(); // the access will fault: the trap comes first, as on QEMU
        }
        for (Watchpoint w : watchpoints) {
            if (!w.kind().matches(a.read(), a.write())) {
                continue;
            }
            long address = a.address();
            if (w.space() == AddressSpace.PHYSICAL) {
                address = translated.get();
            }
            if (w.overlaps(address, a.size())) {
                return Optional.of(new StopEvent.WatchpointHit(hartId, w, address, a.write()));
            }
        }
        return Optional.empty();
    }

    // ---- commands from any thread ----

    private <T> T call(Callable<T> body) {
        if (Thread.currentThread() == machineThread) {
            try {
                return body.call();
            } catch (DebugException e) {
                throw e;
            } catch (Exception e) {
                throw new DebugException(String.valueOf(e.getMessage()), e);
            }
        }
        if (closed) {
            throw new DebugException("the machine is gone");
        }
        FutureTask<T> task = new FutureTask<>(body);
        commands.add(task);
        try {
            return task.get(COMMAND_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DebugException d) {
                throw d;
            }
            throw new DebugException(String.valueOf(e.getCause().getMessage()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DebugException("interrupted while waiting for the machine", e);
        } catch (TimeoutException e) {
            throw new DebugException("the machine did not answer within " + COMMAND_TIMEOUT_S + " s", e);
        } catch (java.util.concurrent.CancellationException e) {
            throw new DebugException("the machine is gone", e);
        }
    }

    private void run(Runnable body) {
        call(() -> {
            body.run();
            return null;
        });
    }

    private HartControl hartControl(int hart) {
        if (hart < 0 || hart >= control.length) {
            throw new DebugException("no hart " + hart + " (the machine has " + control.length + ")");
        }
        return control[hart];
    }

    private Hart hart(int hart) {
        hartControl(hart);
        return harts.get(hart);
    }

    public void addStopListener(StopListener l) {
        listeners.add(Objects.requireNonNull(l));
    }

    public void removeStopListener(StopListener l) {
        listeners.remove(l);
    }

    /** The number of harts. */
    public int hartCount() {
        return call(() -> harts.size());
    }

    /** Whether {@code hart} is running (not halted by the debugger). */
    public boolean isRunning(int hart) {
        return call(() -> hartControl(hart).running);
    }

    /** How the guest ended the machine, if it did (until {@link #reset()}). */
    public Optional<DebugTarget.MachineExit> machineExit() {
        return call(() -> Optional.ofNullable(exit));
    }

    /**
     * The emulator error that halted the machine, if one did: the machine is then left halted
     * in the state it had, for inspection.
     */
    public Optional<RuntimeException> machineFailure() {
        return Optional.ofNullable(failure);
    }

    /** Halts {@code hart}; listeners get {@link StopEvent.Halted} if it was running. */
    public void halt(int hart) {
        run(() -> {
            HartControl c = hartControl(hart);
            if (c.running) {
                c.running = false;
                c.stepping = false;
                events.add(new StopEvent.Halted(hart));
            }
        });
    }

    /** Halts every hart; listeners get one {@link StopEvent.Halted} if any was running. */
    public void haltAll() {
        run(() -> {
            if (anyRunning()) {
                int first = firstRunning();
                haltEveryHart();
                events.add(new StopEvent.Halted(first));
            }
        });
    }

    /** Lets {@code hart} run; if the machine has ended, listeners are told so again. */
    public void resume(int hart) {
        run(() -> start(hartControl(hart), hart, false));
    }

    /** Lets every hart run. */
    public void resumeAll() {
        run(() -> {
            for (int i = 0; i < control.length; i++) {
                start(control[i], i, false);
            }
        });
    }

    /**
     * Runs exactly one instruction on {@code hart} while the others stay halted; an instruction that
     * traps stops at the first instruction of the trap handler. Listeners get
     * {@link StopEvent.Stepped} (or the event of what the instruction hit).
     */
    public void step(int hart) {
        run(() -> start(hartControl(hart), hart, true));
    }

    /**
     * Whether a single step runs the program's next instruction with pending interrupts held back
     * ({@code true}, the default, as QEMU's gdbstub: {@code qqemu.sstep} 0x7) or may enter an
     * interrupt handler that is due ({@code false}: step into interrupt handlers). Exceptions are
     * taken either way.
     */
    public void setStepHoldsInterrupts(boolean hold) {
        stepHoldsInterrupts = hold;
    }

    /** See {@link #setStepHoldsInterrupts}. */
    public boolean stepHoldsInterrupts() {
        return stepHoldsInterrupts;
    }

    /** Resumes {@code hart} until its {@code pc} reaches {@code address} (or another stop comes first). */
    public void runTo(int hart, long address) {
        run(() -> {
            HartControl c = hartControl(hart);
            c.runTo = address;
            harts.get(hart).addBreakpoint(address);
            start(c, hart, false);
        });
    }

    private void start(HartControl c, int hart, boolean step) {
        if (exit != null) {
            events.add(new StopEvent.MachineExited(hart, exit));
            return;
        }
        c.running = true;
        c.stepping = step;
        c.mayPassBreakpoint = true;
    }

    /** Stops any hart before it runs the instruction at virtual address {@code pc}. */
    public void addBreakpoint(long pc) {
        run(() -> {
            if (breakpoints.add(pc)) {
                harts.forEach(h -> h.addBreakpoint(pc));
            }
        });
    }

    public void removeBreakpoint(long pc) {
        run(() -> {
            if (breakpoints.remove(pc)) {
                for (int i = 0; i < harts.size(); i++) {
                    if (!Objects.equals(control[i].runTo, pc)) {
                        harts.get(i).removeBreakpoint(pc);
                    }
                }
            }
        });
    }

    /** The breakpoints set. */
    public Set<Long> breakpoints() {
        return call(() -> Set.copyOf(breakpoints));
    }

    public void addWatchpoint(Watchpoint w) {
        run(() -> watchpoints.add(Objects.requireNonNull(w)));
    }

    /** Removes one watchpoint equal to {@code w}; returns whether there was one. */
    public boolean removeWatchpoint(Watchpoint w) {
        return call(() -> watchpoints.remove(w));
    }

    public List<Watchpoint> watchpoints() {
        return call(() -> List.copyOf(watchpoints));
    }

    /**
     * Whether a trap with {@code cause} (the {@code xcause} value, interrupt flag in bit 63) stops
     * the machine at the first instruction of its handler.
     */
    public void stopOnTrap(long cause, boolean stop) {
        run(() -> {
            if (stop) {
                trapStops.add(cause);
            } else {
                trapStops.remove(cause);
            }
        });
    }

    /** The trap log (thread-safe; read it any time). */
    public TrapLog trapLog() {
        return trapLog;
    }

    /**
     * Rebuilds the machine in its power-on state; breakpoints, watchpoints and trap stops stay,
     * the trap log is cleared, every hart is halted.
     */
    public void reset() {
        run(() -> {
            haltEveryHart();
            pendingStop = null;
            exit = null;
            target.reset();
            trapLog.clear();
            attach();
        });
    }

    // ---- registers ----

    public long pc(int hart) {
        return call(() -> hart(hart).pc());
    }

    public void setPc(int hart, long pc) {
        run(() -> hart(hart).setPc(pc));
    }

    /** Integer register {@code x<i>}. */
    public long gpr(int hart, int i) {
        return call(() -> hart(hart).gpr(checkRegister(i)));
    }

    public void setGpr(int hart, int i, long value) {
        run(() -> hart(hart).setGpr(checkRegister(i), value));
    }

    /** Raw bits of floating-point register {@code f<i>}. */
    public long fpr(int hart, int i) {
        return call(() -> hart(hart).fpr(checkRegister(i)));
    }

    public void setFpr(int hart, int i, long bits) {
        run(() -> hart(hart).setFpr(checkRegister(i), bits));
    }

    private static int checkRegister(int i) {
        if (i < 0 || i > 31) {
            throw new DebugException("no register " + i);
        }
        return i;
    }

    /** Whether the hart has CSR {@code csr}. */
    public boolean hasCsr(int hart, int csr) {
        return call(() -> hart(hart).hasCsr(csr));
    }

    /** Reads CSR {@code csr} without side effects or privilege checks. */
    public long csr(int hart, int csr) {
        return call(() -> {
            Hart h = hart(hart);
            if (!h.hasCsr(csr)) {
                throw new DebugException(String.format("no CSR 0x%03x", csr));
            }
            return h.csr(csr);
        });
    }

    /** Writes CSR {@code csr} with its WARL rules. */
    public void setCsr(int hart, int csr, long value) {
        run(() -> {
            Hart h = hart(hart);
            if (!h.hasCsr(csr)) {
                throw new DebugException(String.format("no CSR 0x%03x", csr));
            }
            h.setCsr(csr, value);
        });
    }

    public PrivilegeMode privilege(int hart) {
        return call(() -> hart(hart).privilege());
    }

    public void setPrivilege(int hart, PrivilegeMode mode) {
        run(() -> hart(hart).setPrivilege(Objects.requireNonNull(mode)));
    }

    // ---- memory ----

    /**
     * The {@code satp} that {@code hart}'s data accesses use now: 0 (Bare) in M-mode unless MPRV
     * selects a lower mode, its {@code satp} otherwise.
     */
    public long translationOf(int hart) {
        return call(() -> MachineMemory.effectiveSatp(hart(hart), true));
    }

    /** The physical address of virtual {@code va} under {@code satp}, if mapped. */
    public Optional<Long> translate(long satp, long va) {
        return call(() -> memory.translate(satp, va));
    }

    /** Up to {@code len} bytes at physical {@code pa}, without device side effects; fewer if some are unreadable. */
    public byte[] readPhysical(long pa, int len) {
        return call(() -> memory.read(null, pa, len));
    }

    /** Up to {@code len} bytes at virtual {@code va} translated with {@code satp}; fewer if some are unmapped. */
    public byte[] readVirtual(long satp, long va, int len) {
        return call(() -> memory.read(satp, va, len));
    }

    /** Writes RAM at physical {@code pa}; all or nothing. */
    public void writePhysical(long pa, byte[] data) {
        run(() -> memory.write(null, pa, data.clone()));
    }

    /** Writes RAM at virtual {@code va} translated with {@code satp}; all or nothing. */
    public void writeVirtual(long satp, long va, byte[] data) {
        run(() -> memory.write(satp, va, data.clone()));
    }

    /** The mappings of the page table of {@code satp} (at most 4096 tables are visited). */
    public List<PageTableDump.Mapping> pageTable(long satp) {
        return call(() -> PageTableDump.mappings(memory.peek(), satp, 4096));
    }
}
