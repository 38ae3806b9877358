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
    public static final long MPRV = 1L << 17;
    public static final long SUM = 1L << 18;
    public static final long MXR = 1L << 19;
    public static final long TVM = 1L << 20;
    public static final long TW = 1L << 21;
    public static final long TSR = 1L << 22;
    /** UXL and SXL, both fixed to 2 (XLEN 64) as on QEMU. */
    public static final long UXL_SXL_64 = (2L << 32) | (2L << 34);
    public static final long SD = 1L << 63;

    /** The bits M-mode software can write (QEMU 7.2 {@code write_mstatus} for RV64 without H or V). */
    public static final long WRITABLE = SIE | SPIE | MIE | MPIE | SPP | MPP | FS | MPRV | SUM | MXR | TVM | TW | TSR;

    /** The bits visible through {@code sstatus} (section 4.1.1). */
    public static final long SSTATUS_MASK = SIE | SPIE | UBE | SPP | FS | XS | SUM | MXR | (3L << 32) | SD;

    /** The bits S-mode software can write through {@code sstatus}. */
    public static final long SSTATUS_WRITABLE = SIE | SPIE | SPP | FS | SUM | MXR;

    private Mstatus() {
    }

    /** {@code value} with SD recomputed from FS (section 3.1.6.6). */
    public static long withSd(long value) {
        return (value & FS) == FS_DIRTY ? value | SD : value & ~SD;
    }
}
