package dev.rivet.emulator.cpu.csr;

import static dev.rivet.emulator.cpu.csr.CsrAddress.*;

import dev.rivet.emulator.cpu.HartState;
import dev.rivet.emulator.cpu.mmu.Mmu;
import dev.rivet.emulator.cpu.pmp.PhysicalMemoryProtection;

import java.util.function.LongSupplier;

/**
 * The control and status registers of one hart: access rules (privilege, read-only, counter
 * enables, TVM, FS) and the WARL behaviour of each register as QEMU 7.2 implements it for
 * {@code -cpu rv64} without H, V, Sstc, Zb*: {@code misa} read-only, {@code mtvec}/{@code stvec}
 * ignore writes of a reserved MODE, {@code satp} ignores writes of an unsupported MODE,
 * {@code mepc}/{@code sepc} bit 0 reads as zero; the programmable counters and their events are
 * the {@link PerformanceMonitor}'s.
 *
 * <p>Guest accesses go through {@link #read} and {@link #write} after {@link #checkAccess}; a
 * debugger uses {@link #read} and {@link #write} directly (no privilege check).
 */
public final class CsrFile {

    /** {@code misa}: RV64 with A, C, D, F, I, M, S, U (section 3.1.1). */
    public static final long MISA_VALUE = (2L << 62) | (1 << 0) | (1 << 2) | (1 << 3) | (1 << 5) | (1 << 8) | (1 << 12)
            | (1 << 18) | (1 << 20);
    /*
     * Writable masks measured on QEMU 7.2 (-cpu rv64,h=false,...) by writing all ones: they include
     * the VS-level and LCOFI interrupt bits, which have no effect without H and Sscofpmf.
     */
    /** {@code mideleg} and the M-writable bits of {@code mip}: SSIP, STIP, SEIP (+VS*, LCOFI). */
    public static final long DELEGABLE_INTERRUPTS = 0x2666L;
    /** {@code mie}: all of the above plus MSIE, MTIE, MEIE. */
    public static final long ALL_INTERRUPTS = 0x2eeeL;
    /** The interrupt bits visible in {@code sie}/{@code sip}: SSI, STI, SEI, LCOFI. */
    public static final long S_INTERRUPTS = 0x2222L;
    /** Bits of {@code sip} S-mode may write: SSIP and LCOFIP. */
    public static final long SIP_WRITABLE = 0x2002L;
    /** Exceptions {@code medeleg} can delegate (QEMU 7.2 {@code DELEGABLE_EXCPS}). */
    public static final long DELEGABLE_EXCEPTIONS = 0xf0bfffL;
    /** {@code senvcfg}: FIOM, CBIE, CBCFE, CBZE (QEMU 7.2 with Zicbom, Zicboz). */
    public static final long ENVCFG_WRITABLE = 0xf1L;
    /** {@code menvcfg}: as {@code senvcfg} plus PBMTE and STCE, which QEMU 7.2 keeps on RV64. */
    public static final long MENVCFG_WRITABLE = 0xc0000000000000f1L;
    private static final long SATP_PPN_ASID = (1L << 60) - 1;
    private static final long SEIP_BIT = 1L << 9;

    private final HartState s;
    private final PhysicalMemoryProtection pmp;
    private final PerformanceMonitor pmu;
    private final Mmu mmu;
    private final LongSupplier time;
    private final long hartId;

    /**
     * @param time the source of the {@code time} CSR (the machine clock, brought up to date)
     */
    public CsrFile(HartState state, PhysicalMemoryProtection pmp, PerformanceMonitor pmu, Mmu mmu, LongSupplier time,
            long hartId) {
        this.s = state;
        this.pmp = pmp;
        this.pmu = pmu;
        this.mmu = mmu;
        this.time = time;
        this.hartId = hartId;
    }

    /** Whether {@code csr} exists on this hart. */
    public boolean exists(int csr) {
        switch (csr) {
            case FFLAGS, FRM, FCSR, CYCLE, TIME, INSTRET, SSTATUS, SIE, STVEC, SCOUNTEREN, SENVCFG, SSCRATCH, SEPC,
                    SCAUSE, STVAL, SIP, SATP, MVENDORID, MARCHID, MIMPID, MHARTID, MCONFIGPTR, MSTATUS, MISA, MEDELEG,
                    MIDELEG, MIE, MTVEC, MCOUNTEREN, MENVCFG, MCOUNTINHIBIT, MSCRATCH, MEPC, MCAUSE, MTVAL, MIP,
                    MCYCLE, MINSTRET:
                return true;
            default:
                return PerformanceMonitor.hasCounter(csr - CYCLE) || PerformanceMonitor.hasCounter(csr - MCYCLE)
                        || (csr >= MHPMEVENT3 && csr <= MHPMEVENT31)
                        || csr == PMPCFG0 || csr == PMPCFG0 + 2 || (csr >= PMPADDR0 && csr <= PMPADDR15);
        }
    }

    /**
     * Checks that the current mode may access {@code csr}: returns normally or returns
     * {@code false} if the access raises an illegal-instruction exception (section 2.1; counter
     * enables, section 3.1.11; TVM, section 3.1.6.5; FS, section 3.1.6.6).
     */
    public boolean accessAllowed(int csr, boolean write) {
        if (!exists(csr)) {
            return false;
        }
        int priv = s.priv;
        if (priv < minimumPrivilege(csr) || (write && isReadOnly(csr))) {
            return false;
        }
        if (csr <= FCSR && (s.mstatus & Mstatus.FS) == 0) {
            return false;
        }
        if (csr == SATP && priv == 1 && (s.mstatus & Mstatus.TVM) != 0) {
            return false;
        }
        if (csr >= CYCLE && csr <= HPMCOUNTER31 && priv < 3) {
            long bit = 1L << (csr - CYCLE);
            if ((s.mcounteren & bit) == 0) {
                return false;
            }
            if (priv == 0 && (s.scounteren & bit) == 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The value the read-modify-write of CSRRS/CSRRC/CSRRSI/CSRRCI starts from. It is
     * {@link #read} except for {@code mip} and {@code sip}: there the SEIP level driven by the
     * PLIC takes no part, only the software-writable SEIP bit does (privileged spec 1.12, section
     * 3.1.9: "Only the software-writable SEIP bit participates in the read-modify-write sequence of
     * a CSRRS or CSRRC instruction"). Otherwise an M-mode {@code csrs mip, SSIP} taken while the
     * PLIC asserts SEIP would latch SEIP in software and the interrupt would never go away. QEMU
     * 7.2 writes only the bits of the instruction's mask, with the same effect.
     */
    public long readForModify(int csr) {
        return switch (csr) {
            case MIP -> s.mipSoftware | (s.mipPins & ~SEIP_BIT);
            case SIP -> (s.mipSoftware | (s.mipPins & ~SEIP_BIT)) & s.mideleg & S_INTERRUPTS;
            default -> read(csr);
        };
    }

    /** The value of {@code csr}; unknown registers read as 0 (callers check {@link #exists}). */
    public long read(int csr) {
        switch (csr) {
            case FFLAGS:
                return s.fflags;
            case FRM:
                return s.frm;
            case FCSR:
                return (s.frm << 5) | s.fflags;
            case CYCLE, MCYCLE:
                return s.instret + s.cycleOffset;
            case INSTRET, MINSTRET:
                return s.instret + s.instretOffset;
            case TIME:
                return time.getAsLong();
            case SSTATUS:
                return Mstatus.withSd(s.mstatus) & Mstatus.SSTATUS_MASK;
            case SIE:
                return s.mie & s.mideleg & S_INTERRUPTS;
            case STVEC:
                return s.stvec;
            case SCOUNTEREN:
                return s.scounteren;
            case SENVCFG:
                return s.senvcfg;
            case SSCRATCH:
                return s.sscratch;
            case SEPC:
                return s.sepc & ~1L;
            case SCAUSE:
                return s.scause;
            case STVAL:
                return s.stval;
            case SIP:
                return s.mip() & s.mideleg & S_INTERRUPTS;
            case SATP:
                return s.satp;
            case MHARTID:
                return hartId;
            case MSTATUS:
                return Mstatus.withSd(s.mstatus);
            case MISA:
                return MISA_VALUE;
            case MEDELEG:
                return s.medeleg;
            case MIDELEG:
                return s.mideleg;
            case MIE:
                return s.mie;
            case MTVEC:
                return s.mtvec;
            case MCOUNTEREN:
                return s.mcounteren;
            case MENVCFG:
                return s.menvcfg;
            case MCOUNTINHIBIT:
                return s.mcountinhibit;
            case MSCRATCH:
                return s.mscratch;
            case MEPC:
                return s.mepc & ~1L;
            case MCAUSE:
                return s.mcause;
            case MTVAL:
                return s.mtval;
            case MIP:
                return s.mip();
            default:
                if (csr == PMPCFG0 || csr == PMPCFG0 + 2) {
                    return pmp.readConfig(csr - PMPCFG0);
                }
                if (csr >= PMPADDR0 && csr <= PMPADDR15) {
                    return pmp.readAddress(csr - PMPADDR0);
                }
                if (PerformanceMonitor.hasCounter(csr - CYCLE)) {
                    return pmu.counter(csr - CYCLE);
                }
                if (PerformanceMonitor.hasCounter(csr - MCYCLE)) {
                    return pmu.counter(csr - MCYCLE);
                }
                if (csr >= MHPMEVENT3 && csr <= MHPMEVENT31) {
                    return pmu.event(csr - MCOUNTINHIBIT);
                }
                return 0; // mvendorid, marchid, mimpid, mconfigptr
        }
    }

    /**
     * Writes {@code value} to {@code csr} with the register's WARL rules.
     * The caller drops cached fetch translations and re-checks pending interrupts afterwards.
     */
    public void write(int csr, long value) {
        switch (csr) {
            case FFLAGS -> {
                s.fflags = (int) (value & 0x1f);
                s.mstatus |= Mstatus.FS_DIRTY;
            }
            case FRM -> {
                s.frm = (int) (value & 7);
                s.mstatus |= Mstatus.FS_DIRTY;
            }
            case FCSR -> {
                s.fflags = (int) (value & 0x1f);
                s.frm = (int) ((value >>> 5) & 7);
                s.mstatus |= Mstatus.FS_DIRTY;
            }
            case MCYCLE -> s.cycleOffset = value - s.instret;
            case MINSTRET -> s.instretOffset = value - s.instret;
            case SSTATUS -> writeMstatus((s.mstatus & ~Mstatus.SSTATUS_WRITABLE) | (value & Mstatus.SSTATUS_WRITABLE));
            case MSTATUS -> {
                long mask = Mstatus.WRITABLE | ((value & Mstatus.UXL) != 0 ? Mstatus.UXL : 0);
                writeMstatus((s.mstatus & ~mask) | (value & mask));
            }
            case SIE -> {
                long mask = s.mideleg & S_INTERRUPTS;
                s.mie = (s.mie & ~mask) | (value & mask);
            }
            case MIE -> s.mie = value & ALL_INTERRUPTS;
            case SIP -> {
                long mask = s.mideleg & SIP_WRITABLE;
                s.mipSoftware = (s.mipSoftware & ~mask) | (value & mask);
            }
            case MIP -> s.mipSoftware = (s.mipSoftware & ~DELEGABLE_INTERRUPTS) | (value & DELEGABLE_INTERRUPTS);
            case STVEC -> {
                if ((value & 3) < 2) {
                    s.stvec = value;
                }
            }
            case MTVEC -> {
                if ((value & 3) < 2) {
                    s.mtvec = value;
                }
            }
            case SCOUNTEREN -> s.scounteren = value;
            case MCOUNTEREN -> s.mcounteren = value;
            case SENVCFG -> s.senvcfg = value & ENVCFG_WRITABLE;
            case MENVCFG -> s.menvcfg = value & MENVCFG_WRITABLE;
            case MCOUNTINHIBIT -> {
                pmu.settle();
                s.mcountinhibit = value;
            }
            case SSCRATCH -> s.sscratch = value;
            case MSCRATCH -> s.mscratch = value;
            case SEPC -> s.sepc = value & ~1L;
            case MEPC -> s.mepc = value & ~1L;
            case SCAUSE -> s.scause = value;
            case MCAUSE -> s.mcause = value;
            case STVAL -> s.stval = value;
            case MTVAL -> s.mtval = value;
            case MEDELEG -> s.medeleg = value & DELEGABLE_EXCEPTIONS;
            case MIDELEG -> s.mideleg = value & DELEGABLE_INTERRUPTS;
            case SATP -> writeSatp(value);
            default -> {
                if (csr == PMPCFG0 || csr == PMPCFG0 + 2) {
                    pmp.writeConfig(csr - PMPCFG0, value);
                    mmu.flush();
                } else if (csr >= PMPADDR0 && csr <= PMPADDR15) {
                    pmp.writeAddress(csr - PMPADDR0, value);
                    mmu.flush();
                } else if (PerformanceMonitor.hasCounter(csr - MCYCLE)) {
                    pmu.setCounter(csr - MCYCLE, value);
                } else if (csr >= MHPMEVENT3 && csr <= MHPMEVENT31) {
                    pmu.setEvent(csr - MCOUNTINHIBIT, value);
                }
                // read-only and read-zero registers ignore writes
            }
        }
    }

    private void writeMstatus(long value) {
        long changed = value ^ s.mstatus;
        s.mstatus = value;
        if ((changed & (Mstatus.SUM | Mstatus.MXR)) != 0) {
            mmu.flush();
        }
    }

    private void writeSatp(long value) {
        int mode = (int) (value >>> 60);
        if (mode != 0 && mode != 8 && mode != 9 && mode != 10) {
            return; // WARL: a write of an unsupported MODE has no effect (section 4.1.11)
        }
        s.satp = value & ((15L << 60) | SATP_PPN_ASID);
        mmu.flush();
    }
}
