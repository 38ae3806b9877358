package dev.rivet.emulator.cpu;

/**
 * The RV64I/M operations that are not a single Java operator (RISC-V unprivileged spec, section 2.4
 * for SLT/SLTU, chapter 7 for M): comparisons to 0/1, MULHSU, and division with the results the
 * spec defines for division by zero and overflow (section 7.2, table 7.1) instead of a host
 * exception. Shared by the interpreter and by translated blocks, so both compute the same thing.
 */
public final class IntegerArithmetic {

    private IntegerArithmetic() {
    }

    public static long slt(long a, long b) {
        return a < b ? 1 : 0;
    }

    public static long sltu(long a, long b) {
        return Long.compareUnsigned(a, b) < 0 ? 1 : 0;
    }

    /** The high 64 bits of signed {@code a} times unsigned {@code b} (section 7.1). */
    public static long mulhsu(long a, long b) {
        long high = Math.unsignedMultiplyHigh(a, b);
        return a < 0 ? high - b : high;
    }

    /** DIV: division by zero gives all ones; overflow gives the dividend. */
    public static long div(long a, long b) {
        if (b == 0) {
            return -1L;
        }
        if (a == Long.MIN_VALUE && b == -1) {
            return a;
        }
        return a / b;
    }

    public static long divu(long a, long b) {
        return b == 0 ? -1L : Long.divideUnsigned(a, b);
    }

    /** REM: division by zero gives the dividend; overflow gives 0. */
    public static long rem(long a, long b) {
        if (b == 0) {
            return a;
        }
        if (a == Long.MIN_VALUE && b == -1) {
            return 0;
        }
        return a % b;
    }

    public static long remu(long a, long b) {
        return b == 0 ? a : Long.remainderUnsigned(a, b);
    }

    /** DIVW on the low words, sign-extended. */
    public static long divw(long a, long b) {
        int x = (int) a;
        int y = (int) b;
        if (y == 0) {
            return -1L;
        }
        if (x == Integer.MIN_VALUE && y == -1) {
            return x;
        }
        return x / y;
    }

    public static long divuw(long a, long b) {
        int y = (int) b;
        return y == 0 ? -1L : Integer.divideUnsigned((int) a, y);
    }

    public static long remw(long a, long b) {
        int x = (int) a;
        int y = (int) b;
        if (y == 0) {
            return x;
        }
        if (x == Integer.MIN_VALUE && y == -1) {
            return 0;
        }
        return x % y;
    }

    public static long remuw(long a, long b) {
        int y = (int) b;
        return y == 0 ? (int) a : Integer.remainderUnsigned((int) a, y);
    }
}
