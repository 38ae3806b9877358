package dev.rivet.emulator.cpu.trap;

import dev.rivet.emulator.cpu.HartState;
import dev.rivet.emulator.cpu.csr.Mstatus;

/**
 * Trap entry and return (RISC-V privileged spec, sections 3.1.6.1, 3.1.8, 3.3.2, 3.1.9 and 4.1.1):
 * interrupt selection with the standard priorities and delegation, exception delegation through
 * {@code medeleg}, the {@code xepc}/{@code xcause}/{@code xtval} writes, the {@code mstatus}
 * stack (xIE, xPIE, xPP), direct and vectored {@code xtvec}, and MRET/SRET.
 */
public final class TrapUnit {

    /** Interrupts in decreasing priority: MEI, MSI, MTI, SEI, SSI, STI (section 3.1.9). */
    private static final int[] PRIORITY = {11, 3, 7, 9, 1, 5};

    private final HartState s;
    private final int hartId;
    private TrapObserver observer;

    public TrapUnit(HartState state, int hartId) {
        this.s = state;
        this.hartId = hartId;
    }

    public void setObserver(TrapObserver observer) {
        this.observer = observer;
    }

    /**
     * The interrupt the hart must take now, or -1: pending and enabled in {@code mie}, and enabled
     * globally for its target mode (M-targeted when {@code priv < M} or {@code MIE}; S-targeted
     * when delegated and {@code priv < S}, or {@code priv == S} with {@code SIE}).
     */
    public int pendingInterrupt() {
        long pending = s.mip() & s.mie;
        if (pending == 0) {
            return -1;
        }
        long m = pending & ~s.mideleg;
        boolean mEnabled = s.priv < 3 || (s.mstatus & Mstatus.MIE) != 0;
        if (m != 0 && mEnabled) {
            return highest(m);
        }
        long sPending = pending & s.mideleg;
        boolean sEnabled = s.priv < 1 || (s.priv == 1 && (s.mstatus & Mstatus.SIE) != 0);
        if (sPending != 0 && sEnabled) {
            return highest(sPending);
        }
        return -1;
    }

    /** Whether an interrupt is pending and enabled in {@code mie}, the WFI wake-up condition. */
    public boolean wakeUpPending() {
        return (s.mip() & s.mie) != 0;
    }

    private static int highest(long set) {
        for (int irq : PRIORITY) {
            if ((set & (1L << irq)) != 0) {
                return irq;
            }
        }
        return -1;
    }

    /** Enters the trap for synchronous exception {@code cause} raised by the instruction at {@code pc}. */
    public void takeException(int cause, long tval) {
        boolean toS = s.priv <= 1 && ((s.medeleg >>> cause) & 1) != 0;
        enter(cause, tval, toS, false);
    }

    /** Enters the trap for interrupt {@code irq}; {@code pc} is the next instruction to execute. */
    public void takeInterrupt(int irq) {
        boolean toS = s.priv <= 1 && ((s.mideleg >>> irq) & 1) != 0;
        enter(irq, 0, toS, true);
    }

    private void enter(int code, long tval, boolean toS, boolean interrupt) {
        long cause = interrupt ? (code | TrapCause.INTERRUPT_FLAG) : code;
        long epc = s.pc;
        int from = s.priv;
        long st = s.mstatus;
        if (toS) {
            s.scause = cause;
            s.sepc = epc;
            s.stval = tval;
            st = (st & ~(Mstatus.SPIE | Mstatus.SPP)) | ((st & Mstatus.SIE) != 0 ? Mstatus.SPIE : 0)
                    | (from == 1 ? Mstatus.SPP : 0);
            st &= ~Mstatus.SIE;
            s.priv = 1;
            s.pc = vector(s.stvec, code, interrupt);
        } else {
            s.mcause = cause;
            s.mepc = epc;
            s.mtval = tval;
            st = (st & ~(Mstatus.MPIE | Mstatus.MPP)) | ((st & Mstatus.MIE) != 0 ? Mstatus.MPIE : 0)
                    | ((long) from << Mstatus.MPP_SHIFT);
            st &= ~Mstatus.MIE;
            s.priv = 3;
            s.pc = vector(s.mtvec, code, interrupt);
        }
        s.mstatus = st;
        if (observer != null) {
            observer.trapTaken(hartId, cause, epc, tval, from, s.priv);
        }
    }

    private static long vector(long tvec, int code, boolean interrupt) {
        long base = tvec & ~3L;
        if (interrupt && (tvec & 3) == 1) {
            return base + 4L * code;
        }
        return base;
    }

    /** MRET: returns to {@code mepc} in mode MPP (section 3.3.2). Privilege is checked by the caller. */
    public void mret() {
        long st = s.mstatus;
        int mpp = (int) ((st >>> Mstatus.MPP_SHIFT) & 3);
        st = (st & ~Mstatus.MIE) | ((st & Mstatus.MPIE) != 0 ? Mstatus.MIE : 0);
        st |= Mstatus.MPIE;
        st &= ~Mstatus.MPP;
        if (mpp != 3) {
            st &= ~Mstatus.MPRV;
        }
        s.mstatus = st;
        s.priv = mpp == 2 ? 0 : mpp;
        s.pc = s.mepc & ~1L;
    }

    /** SRET: returns to {@code sepc} in mode SPP (section 3.3.2). Privilege is checked by the caller. */
    public void sret() {
        long st = s.mstatus;
        int spp = (st & Mstatus.SPP) != 0 ? 1 : 0;
        st = (st & ~Mstatus.SIE) | ((st & Mstatus.SPIE) != 0 ? Mstatus.SIE : 0);
        st |= Mstatus.SPIE;
        st &= ~Mstatus.SPP;
        st &= ~Mstatus.MPRV;
        s.mstatus = st;
        s.priv = spp;
        s.pc = s.sepc & ~1L;
    }
}
