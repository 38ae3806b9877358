package dev.rivet.emulator.cpu;

import dev.rivet.emulator.cpu.csr.Mstatus;

/**
 * The architectural state of one hart: registers, program counter, privilege mode and the
 * trap-related CSRs. A plain record of fields shared by the parts of the hart (executor, CSR
 * file, trap unit, MMU), which hold the rules; nothing here decides anything.
 *
 * <p>Integer register {@code x0} is {@code x[0]} and is never written: the decoder redirects
 * writes to {@code x0} into the sink slot {@code x[32]}. Floating-point registers hold raw IEEE
 * bits; single-precision values are NaN-boxed (upper 32 bits all ones).
 */
public final class HartState {

    /** Index of the write sink that stands in for {@code x0} as a destination. */
    public static final int X0_SINK = 32;

    public final long[] x = new long[33];
    public final long[] f = new long[32];
    public long pc;
    /** Current privilege mode encoding: 0 U, 1 S, 3 M. */
    public int priv = 3;

    public long mstatus = Mstatus.UXL_SXL_64;
    public long medeleg;
    public long mideleg;
    public long mie;
    /** Software-writable bits of {@code mip} (SSIP, STIP, SEIP). */
    public long mipSoftware;
    /** Levels driven by interrupt controllers (MSIP, MTIP, MEIP, SEIP). */
    public long mipPins;
    public long mtvec;
    public long stvec;
    public long mepc;
    public long sepc;
    public long mcause;
    public long scause;
    public long mtval;
    public long stval;
    public long mscratch;
    public long sscratch;
    public long satp;
    public long mcounteren;
    public long scounteren;
    public long menvcfg;
    public long senvcfg;
    public long mcountinhibit;
    public int fflags;
    public int frm;
    /** Instructions retired since reset (the {@code minstret} and {@code mcycle} base). */
    public long instret;
    /** Offsets so that writes to {@code minstret}/{@code mcycle} take effect. */
    public long instretOffset;
    public long cycleOffset;

    /** The value of {@code mip} as software reads it: software bits OR-ed with pin levels. */
    public long mip() {
        return mipSoftware | mipPins;
    }

    /** Restores the reset values of the privileged spec (section 3.4) and QEMU: pc, M-mode, MIE = 0. */
    public void reset(long resetPc) {
        java.util.Arrays.fill(x, 0);
        java.util.Arrays.fill(f, 0);
        pc = resetPc;
        priv = 3;
        mstatus = Mstatus.UXL_SXL_64;
        medeleg = mideleg = mie = mipSoftware = 0;
        mtvec = stvec = mepc = sepc = mcause = scause = mtval = stval = 0;
        mscratch = sscratch = satp = mcounteren = scounteren = menvcfg = senvcfg = mcountinhibit = 0;
        fflags = frm = 0;
        instret = instretOffset = cycleOffset = 0;
    }
}
