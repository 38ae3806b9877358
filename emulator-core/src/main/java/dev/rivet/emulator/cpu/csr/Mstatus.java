package dev.rivet.emulator.cpu.csr;

/**
 * Fields of {@code mstatus} on RV64 (RISC-V privileged spec, section 3.1.6, figure 3.7).
 * {@code sstatus} is a restricted view of the same register ({@link #SSTATUS_MASK}).
 */
public final class Mstatus {

    public static final long SIE = 1L << 1;
    public static final long MIE = 1L << 3;
    public static final long SPIE = 1L << 5;
    public static final long UBE = 1L << 6;
    public static final long MPIE = 1L << 7;
    public static final long SPP = 1L << 8;
    public static final int MPP_SHIFT = 11;
    public static final long MPP = 3L << MPP_SHIFT;
    public static final int FS_SHIFT = 13;
    public static final long FS = 3L << FS_SHIFT;
    public static final long FS_DIRTY = 3L << FS_SHIFT;
    public static final long XS = 3L << 15;
    /** The vector-state field: QEMU 7.2 keeps what is written even without V. */
    public static final long VS = 3L << 9;
    public static final long MPRV = 1L << 17;
    public static final long SUM = 1L << 18;
    public static final long MXR = 1L << 19;
    public static final long TVM = 1L << 20;
    public static final long TW = 1L << 21;
    public static final long TSR = 1L << 22;
    /** UXL and SXL at reset: 2 (XLEN 64). */
    public static final long UXL_SXL_64 = (2L << 32) | (2L << 34);
    public static final long UXL = 3L << 32;
    /** MPV and GVA: hypervisor fields that QEMU 7.2 lets M-mode write (without effect) even with H off. */
    public static final long MPV_GVA = (1L << 39) | (1L << 38);
    public static final long SD = 1L << 63;

    /**
     * The bits M-mode software can write, as QEMU 7.2 {@code write_mstatus} for RV64 (VS, MPV and
     * GVA included; UXL only when the written UXL is nonzero), measured against QEMU.
     */
    public static final long WRITABLE = SIE | SPIE | MIE | MPIE | SPP | VS | MPP | FS | MPRV | SUM | MXR | TVM | TW | TSR
            | MPV_GVA;

    /** The bits visible through {@code sstatus} (section 4.1.1, plus VS as QEMU 7.2). */
    public static final long SSTATUS_MASK = SIE | SPIE | UBE | SPP | VS | FS | XS | SUM | MXR | UXL | SD;

    /** The bits S-mode software can write through {@code sstatus}. */
    public static final long SSTATUS_WRITABLE = SIE | SPIE | SPP | VS | FS | SUM | MXR;

    private Mstatus() {
    }

    /** {@code value} with SD recomputed from FS, VS and XS (section 3.1.6.6). */
    public static long withSd(long value) {
        boolean dirty = (value & FS) == FS || (value & VS) == VS || (value & XS) == XS;
        return dirty ? value | SD : value & ~SD;
    }
}
