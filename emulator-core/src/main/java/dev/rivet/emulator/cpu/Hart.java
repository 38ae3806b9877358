package dev.rivet.emulator.cpu;

import static dev.rivet.emulator.cpu.decode.Opcode.*;

import dev.rivet.emulator.bus.BusErrorException;
import dev.rivet.emulator.bus.PhysicalBus;
import dev.rivet.emulator.cpu.csr.CsrFile;
import dev.rivet.emulator.cpu.csr.PerformanceMonitor;
import dev.rivet.emulator.cpu.decode.DecodeCache;
import dev.rivet.emulator.cpu.decode.Instruction;
import dev.rivet.emulator.cpu.decode.InstructionDecoder;
import dev.rivet.emulator.cpu.fpu.FloatingPointUnit;
import dev.rivet.emulator.cpu.jit.BlockCache;
import dev.rivet.emulator.cpu.jit.BlockTranslator;
import dev.rivet.emulator.cpu.jit.TranslatedBlock;
import dev.rivet.emulator.cpu.mmu.AccessType;
import dev.rivet.emulator.cpu.mmu.Mmu;
import dev.rivet.emulator.cpu.pmp.PhysicalMemoryProtection;
import dev.rivet.emulator.cpu.trap.TrapException;
import dev.rivet.emulator.cpu.trap.TrapObserver;
import dev.rivet.emulator.cpu.trap.TrapUnit;
import dev.rivet.emulator.irq.HartInterruptPins;
import dev.rivet.emulator.time.MachineClock;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * One RV64IMAFDC hart with Zicsr, Zifencei and Zicntr, M/S/U modes, Sv39/Sv48/Sv57, 16 PMP
 * entries and 16 programmable performance counters, modelled on QEMU 7.2's {@code -cpu rv64} (with H, Sstc and Zb* off).
 *
 * <h2>Contract for the machine</h2>
 * <ul>
 * <li>Construct one per hart with the machine's {@link PhysicalBus} and {@link MachineClock}, then
 * {@link #reset(long)}. Harts are run on the machine's thread, one at a time, in bounded slices by
 * {@link #run(long)}: it returns the number of instructions retired, at most the budget, and
 * stops early when the hart executes WFI ({@link #isWaitingForInterrupt()}), reaches a breakpoint
 * or is asked to stop.</li>
 * <li>Interrupt controllers drive {@code mip} through {@link HartInterruptPins}; a pending and
 * enabled interrupt is taken before the next instruction. A waiting hart wakes up by itself in its
 * next {@code run} once an interrupt is pending in {@code mip & mie}.</li>
 * <li>Debugger access ({@link #gpr}, {@link #csr}, {@link #setPc}, ...) reads and writes the
 * architectural state directly, without privilege checks or side effects; call it between slices.
 * A single step is {@code run(1)}: after an ECALL it stops at the first instruction of the trap
 * handler; taking an interrupt is a step of its own, which stops at the vector; a debugger can
 * hold interrupts back while it steps ({@link #holdInterrupts}).</li>
 * </ul>
 *
 * <p>The hart delegates: decoding to {@link InstructionDecoder} (cached per physical address in a
 * {@link DecodeCache}), integer work to {@link IntegerExecutor} and {@link AtomicExecutor},
 * floating point to {@link FloatingPointUnit}, system instructions to {@link SystemExecutor},
 * CSRs to {@link CsrFile}, traps to {@link TrapUnit}, memory to {@link Mmu} and PMP.
 */
public final class Hart implements HartInterruptPins {

    private static final long NO_PAGE = -1L;

    private final int hartId;
    private final PhysicalBus bus;
    private final MachineClock clock;
    private final HartState s = new HartState();
    private final PhysicalMemoryProtection pmp = new PhysicalMemoryProtection();
    private final PerformanceMonitor pmu = new PerformanceMonitor(s);
    private final Mmu mmu;
    private final CsrFile csrs;
    private final TrapUnit traps;
    private final DecodeCache decodeCache;
    private final BlockCache blocks;
    private final IntegerExecutor integer;
    private final AtomicExecutor atomics;
    private final FloatingPointUnit fpu;
    private final SystemExecutor system;
    private final Set<Long> breakpoints = new HashSet<>();
    /** Mirrors {@code !breakpoints.isEmpty()}: one field test per instruction keeps the check cheap. */
    private boolean hasBreakpoints;

    /** Virtual page number of the page {@link #fetchSlots} caches, or {@link #NO_PAGE}. */
    private long fetchVpn = NO_PAGE;
    private Instruction[] fetchSlots;
    /** The translated blocks of the same page, and its offset from the RAM base. */
    private BlockCache.Page fetchBlocks;
    private int fetchRamPage;
    private boolean interruptCheck = true;
    /** Set by a debugger while it single-steps: pending interrupts wait (QEMU's SSTEP_NOIRQ). */
    private boolean interruptsHeld;
    private volatile boolean stopRequested;
    /** The value of {@code s.instret} last reported to the clock. */
    private long reportedInstret;
    private StopReason lastStop = StopReason.BUDGET;

    /**
     * @param hartId the value of {@code mhartid}; also the hart's index in the bus's
     *               reservation set, so ids must be small and dense (0, 1, ...)
     * @param bus    the machine's physical address space
     * @param clock  the machine's time base (the {@code time} CSR)
     */
    public Hart(int hartId, PhysicalBus bus, MachineClock clock) {
        if (hartId < 0) {
            throw new IllegalArgumentException("hart id must not be negative");
        }
        this.hartId = hartId;
        this.bus = Objects.requireNonNull(bus, "bus");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.mmu = new Mmu(s, bus, pmp, hartId);
        this.traps = new TrapUnit(s, hartId);
        this.csrs = new CsrFile(s, pmp, pmu, mmu, this::currentTime, hartId);
        this.decodeCache = new DecodeCache(bus, this::codePageDropped);
        this.integer = new IntegerExecutor(s, mmu);
        this.atomics = new AtomicExecutor(s, mmu, bus.reservations(), hartId);
        this.fpu = new FloatingPointUnit(s, mmu);
        this.blocks = new BlockCache(bus, decodeCache, new BlockTranslator(mmu, fpu.arithmetic(), this::interpretForBlock));
        this.system = new SystemExecutor(s, csrs, traps, mmu, decodeCache);
    }

    // ---- life cycle ----

    /** Resets the hart: M-mode, {@code pc = resetPc}, CSRs and registers at their reset values. */
    public void reset(long resetPc) {
        reportRetired();
        s.reset(resetPc);
        reportedInstret = 0;
        pmp.reset();
        pmu.reset();
        mmu.flush();
        decodeCache.flushAll();
        atomics.clearReservation();
        system.waiting = false;
        interruptCheck = true;
        fetchVpn = NO_PAGE;
    }

    /** The value of {@code mhartid}. */
    public int hartId() {
        return hartId;
    }

    /**
     * Runs up to {@code maxInstructions} instructions.
     *
     * @return the number of instructions retired (instructions that raised an exception are not
     *         retired but count against the budget)
     */
    public long run(long maxInstructions) {
        stopRequested = false;
        long startInstret = s.instret;
        long steps = 0;
        StopReason reason = StopReason.BUDGET;
        if (system.waiting) {
            if (!traps.wakeUpPending()) {
                lastStop = StopReason.WAITING_FOR_INTERRUPT;
                return 0;
            }
            system.waiting = false;
        }
        // true where a block may start: the run's first instruction and after any change of flow
        boolean entry = true;
        while (steps < maxInstructions) {
            if (interruptCheck && !interruptsHeld) {
                interruptCheck = false;
                int irq = traps.pendingInterrupt();
                if (irq >= 0) {
                    traps.takeInterrupt(irq);
                    fetchVpn = NO_PAGE;
                    entry = true;
                    steps++; // entering the handler is a step: run(1) stops at the vector
                    continue;
                }
            }
            if (hasBreakpoints && steps > 0 && breakpoints.contains(s.pc)) {
                reason = StopReason.BREAKPOINT;
                break;
            }
            long pc = s.pc;
            try {
                Instruction in = fetch(pc);
                if (entry) {
                    entry = false;
                    TranslatedBlock b = blockAt(pc);
                    if (b != null && b.length <= maxInstructions - steps) {
                        steps += runBlock(b, pc);
                        entry = true;
                        if (stopRequested) {
                            reason = StopReason.STOP_REQUESTED;
                            break;
                        }
                        continue;
                    }
                }
                int op = in.op;
                if (op <= REMUW && op != ILLEGAL) {
                    integer.execute(in);
                    entry = op >= JAL && op <= BGEU;
                } else if (op >= FLW) {
                    fpu.execute(in);
                } else if (op >= LR_W && op <= AMOMAXU_D) {
                    atomics.execute(in);
                } else {
                    system.execute(in);
                    fetchVpn = NO_PAGE;
                    interruptCheck = true;
                    entry = true;
                    if (system.waiting) {
                        s.instret++;
                        reason = StopReason.WAITING_FOR_INTERRUPT;
                        break;
                    }
                }
                s.instret++;
            } catch (TrapException t) {
                traps.takeException(t.cause(), t.tval());
                fetchVpn = NO_PAGE;
                interruptCheck = true;
                entry = true;
            }
            steps++;
            // the volatile stop flag is read once per 1024 steps, so the loop's state stays in registers
            if ((steps & 1023) == 0 && stopRequested) {
                reason = StopReason.STOP_REQUESTED;
                break;
            }
        }
        reportRetired();
        lastStop = reason;
        return s.instret - startInstret;
    }

    /** The translated block starting at {@code pc} (in the current fetch page), counting the entry; or null. */
    private TranslatedBlock blockAt(long pc) {
        if (hasBreakpoints || (pc >>> 12) != fetchVpn) {
            return null; // breakpoints are checked per instruction; code outside RAM is not translated
        }
        int slot = ((int) pc & 0xfff) >>> 1;
        TranslatedBlock b = fetchBlocks.block(slot);
        return b != null ? b : blocks.enter(fetchBlocks, fetchRamPage | (slot << 1));
    }

    /**
     * Runs block {@code b} at {@code pc}, enters the trap if one of its instructions raises an
     * exception, and returns the steps it took against the budget.
     */
    private long runBlock(TranslatedBlock b, long pc) {
        try {
            b.execute(s);
            s.instret += b.length;
            return b.length;
        } catch (TrapException t) {
            int done = b.retiredBefore(s.pc - pc);
            s.instret += done;
            traps.takeException(t.cause(), t.tval());
            fetchVpn = NO_PAGE;
            interruptCheck = true;
            return done + 1;
        }
    }

    /** The interpreter for the instructions translated blocks leave to it: A, and F/D with a reserved rounding mode. */
    private void interpretForBlock(Instruction in) {
        if (in.op >= FLW) {
            fpu.execute(in);
        } else {
            atomics.execute(in);
        }
    }

    private void reportRetired() {
        long delta = s.instret - reportedInstret;
        if (delta != 0) {
            clock.instructionsRetired(delta);
            reportedInstret = s.instret;
        }
    }

    /** The {@code time} CSR: the clock, told first about the instructions retired so far. */
    private long currentTime() {
        reportRetired();
        return clock.now();
    }

    /** Why the last {@link #run} returned. */
    public StopReason lastStopReason() {
        return lastStop;
    }

    /** Asks a running {@link #run} to return soon (within 1024 instructions; any thread). */
    public void requestStop() {
        stopRequested = true;
    }

    /**
     * Holds pending interrupts back ({@code true}) or lets them be taken again: a debugger's
     * single step, like QEMU's gdbstub by default ({@code SSTEP_NOIRQ}), runs the next instruction
     * of the program, not an interrupt handler that became due while the hart was stopped.
     * Exceptions are not held: a step on ECALL stops at the trap vector.
     */
    public void holdInterrupts(boolean hold) {
        interruptsHeld = hold;
        interruptCheck = true;
    }

    /** Whether the hart executed WFI and no interrupt is pending in {@code mip & mie} yet. */
    public boolean isWaitingForInterrupt() {
        return system.waiting && !traps.wakeUpPending();
    }

    // ---- fetch ----

    private void codePageDropped(int ramPage) {
        fetchVpn = NO_PAGE;
        if (blocks != null) { // null only while the constructor runs
            blocks.drop(ramPage);
        }
    }

    private Instruction fetch(long pc) {
        if ((pc >>> 12) == fetchVpn) {
            Instruction in = fetchSlots[(int) (pc & 0xfff) >>> 1];
            if (in != null) {
                return in;
            }
        }
        return fetchSlow(pc);
    }

    private Instruction fetchSlow(long pc) {
        long pa = mmu.translateFetch(pc);
        if (bus.isRam(pa, 2)) {
            int off = (int) (pa - bus.ramBase());
            Instruction in = decodeCache.instructionAt(off);
            if (in == null) { // a 32-bit instruction straddling two pages: not cached
                return InstructionDecoder.decode(bus.fetchRamShort(off) | (fetchParcel(pc + 2) << 16));
            }
            fetchSlots = decodeCache.page(off >>> 12);
            fetchBlocks = blocks.page(off >>> 12);
            fetchRamPage = off & ~0xfff;
            fetchVpn = pc >>> 12;
            return in;
        }
        int low = fetchParcelAt(pa, pc);
        if (InstructionDecoder.isFullLength(low)) {
            low |= fetchParcel(pc + 2) << 16;
        }
        return InstructionDecoder.decode(low);
    }

    private int fetchParcel(long va) {
        return fetchParcelAt(mmu.translateFetch(va), va);
    }

    private int fetchParcelAt(long pa, long va) {
        try {
            return (int) bus.load(pa, 2);
        } catch (BusErrorException e) {
            throw new TrapException(AccessType.accessFault(AccessType.FETCH), va);
        }
    }

    // ---- interrupt pins ----

    @Override
    public void setInterruptPending(int bit, boolean level) {
        long mask = 1L << bit;
        s.mipPins = level ? s.mipPins | mask : s.mipPins & ~mask;
        interruptCheck = true;
    }

    // ---- debugger access ----

    public long pc() {
        return s.pc;
    }

    public void setPc(long pc) {
        s.pc = pc;
        fetchVpn = NO_PAGE;
    }

    /** Integer register {@code x<i>}, 0..31. */
    public long gpr(int i) {
        return s.x[Objects.checkIndex(i, 32)];
    }

    /** Sets integer register {@code x<i>}; writes to x0 are ignored. */
    public void setGpr(int i, long value) {
        if (Objects.checkIndex(i, 32) != 0) {
            s.x[i] = value;
        }
    }

    /** Raw bits of floating-point register {@code f<i>} (singles are NaN-boxed). */
    public long fpr(int i) {
        return s.f[Objects.checkIndex(i, 32)];
    }

    public void setFpr(int i, long bits) {
        s.f[Objects.checkIndex(i, 32)] = bits;
    }

    /** Whether {@code csr} exists on this hart. */
    public boolean hasCsr(int csr) {
        return csrs.exists(csr);
    }

    /**
     * Reads CSR {@code csr} as M-mode software would, without privilege checks.
     *
     * @throws IllegalArgumentException if the hart has no such CSR
     */
    public long csr(int csr) {
        if (!csrs.exists(csr)) {
            throw new IllegalArgumentException("no CSR 0x" + Integer.toHexString(csr));
        }
        return csrs.read(csr);
    }

    /** Writes CSR {@code csr} with its WARL rules, as M-mode software would. */
    public void setCsr(int csr, long value) {
        if (!csrs.exists(csr)) {
            throw new IllegalArgumentException("no CSR 0x" + Integer.toHexString(csr));
        }
        csrs.write(csr, value);
        fetchVpn = NO_PAGE;
        interruptCheck = true;
    }

    public PrivilegeMode privilege() {
        return PrivilegeMode.of(s.priv);
    }

    public void setPrivilege(PrivilegeMode mode) {
        s.priv = mode.encoding();
        fetchVpn = NO_PAGE;
        interruptCheck = true;
    }

    /** Instructions retired since reset (not affected by writes to {@code minstret}). */
    public long instructionsRetired() {
        return s.instret;
    }

    /** Stops {@link #run} before the instruction at virtual address {@code pc} (not the first of a run). */
    public void addBreakpoint(long pc) {
        breakpoints.add(pc);
        hasBreakpoints = true;
    }

    public void removeBreakpoint(long pc) {
        breakpoints.remove(pc);
        hasBreakpoints = !breakpoints.isEmpty();
    }

    /**
     * How often execution must enter a block of code before the hart translates it to JVM
     * bytecode ({@link BlockCache#DEFAULT_THRESHOLD} by default); 1 translates every block at
     * its first entry, 0 interprets everything. Drops the blocks translated so far.
     */
    public void setTranslationThreshold(int entries) {
        blocks.setThreshold(entries);
        fetchVpn = NO_PAGE;
    }

    /** The number of blocks this hart translated to JVM bytecode since it was constructed. */
    public long translatedBlocks() {
        return blocks.translatedCount();
    }

    /** Tells {@code observer} about every trap from now on ({@code null} to stop). */
    public void setTrapObserver(TrapObserver observer) {
        traps.setObserver(observer);
    }

    /** The machine's bus, for debuggers that translate and peek. */
    public PhysicalBus bus() {
        return bus;
    }
}
