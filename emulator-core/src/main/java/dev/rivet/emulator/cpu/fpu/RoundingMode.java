package dev.rivet.emulator.cpu.fpu;

/**
 * Rounding-mode encodings of the {@code rm} field and of {@code frm} (RISC-V unprivileged spec,
 * section 11.2, table 11.1), and the accrued exception flags of {@code fflags}.
 */
public final class RoundingMode {

    /** Round to nearest, ties to even. */
    public static final int RNE = 0;
    /** Round towards zero. */
    public static final int RTZ = 1;
    /** Round down (towards negative infinity). */
    public static final int RDN = 2;
    /** Round up (towards positive infinity). */
    public static final int RUP = 3;
    /** Round to nearest, ties to max magnitude. */
    public static final int RMM = 4;
    /** In an instruction's rm field: use {@code frm}. */
    public static final int DYN = 7;

    /** Invalid operation. */
    public static final int NV = 0x10;
    /** Divide by zero. */
    public static final int DZ = 0x08;
    /** Overflow. */
    public static final int OF = 0x04;
    /** Underflow. */
    public static final int UF = 0x02;
    /** Inexact. */
    public static final int NX = 0x01;

    private RoundingMode() {
    }

    /** Whether {@code rm} is a rounding mode an operation can use (0-4). */
    public static boolean isValid(int rm) {
        return rm >= 0 && rm <= 4;
    }
}
