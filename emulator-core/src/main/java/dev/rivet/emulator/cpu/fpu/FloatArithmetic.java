package dev.rivet.emulator.cpu.fpu;

import static dev.rivet.emulator.cpu.fpu.FloatFormat.DOUBLE;
import static dev.rivet.emulator.cpu.fpu.FloatFormat.SINGLE;
import static dev.rivet.emulator.cpu.fpu.RoundingMode.NX;
import static dev.rivet.emulator.cpu.fpu.RoundingMode.RMM;
import static dev.rivet.emulator.cpu.fpu.RoundingMode.RNE;
import static dev.rivet.emulator.cpu.fpu.RoundingMode.RTZ;
import static dev.rivet.emulator.cpu.fpu.RoundingMode.RDN;

import dev.rivet.emulator.cpu.HartState;

/**
 * The operations of the F and D extensions (RISC-V unprivileged spec, chapters 11 and 12), one
 * method per instruction, on register values: doubles as raw bits, singles NaN-boxed (an operand
 * that is not properly boxed reads as the canonical NaN, section 12.2; results are boxed).
 * Exception flags accrue into {@code fflags} of the {@link HartState}; the rounding mode
 * {@code rm} is already resolved (0-4). Used by the interpreter ({@link FloatingPointUnit}) and by
 * translated blocks alike.
 *
 * <h2>Host fast paths</h2>
 * {@link SoftFloat} is exact for everything; host arithmetic is used where it provably gives the
 * same bits and flags. Java's {@code + - * /}, {@link Math#sqrt} and {@link Math#fma} round to
 * nearest-even (JLS 15.4, IEEE 754), so for {@code rm = RNE}, when the host result is finite and
 * normal (above the smallest normal, so no underflow; no overflow) and the operands were not NaN,
 * the only flag left is inexact, which is derived exactly:
 * <ul>
 * <li>add/sub: the rounding error by Knuth's TwoSum ({@code r - x} etc.), exact in RNE without
 * overflow;</li>
 * <li>mul, div, sqrt in binary64: the residual {@code fma(x, y, -r)}, {@code fma(-q, y, x)},
 * {@code fma(-r, r, x)}, exactly representable when the operands and result are at least
 * 2<sup>-900</sup> in magnitude (far from underflow); smaller values take SoftFloat;</li>
 * <li>mul, div, sqrt in binary32: the product of two singles is exact in binary64, so
 * {@code x*y}, {@code q*y} and {@code r*r} are compared with the exact operand;</li>
 * <li>fused multiply-add: only when inexact has already accrued (its exact error needs more than
 * one residual); otherwise SoftFloat.</li>
 * </ul>
 * Other rounding modes, NaN operands, zeros, subnormal or overflowing results all take SoftFloat.
 * Not thread-safe (one instance per hart).
 */
public final class FloatArithmetic {

    /** The upper 32 bits of a NaN-boxed single (section 12.2). */
    public static final long BOX = 0xffff_ffff_0000_0000L;
    private static final double TINY_D = 0x1p-900;

    private final HartState s;
    private final SoftFloat sf = new SoftFloat();

    public FloatArithmetic(HartState state) {
        this.s = state;
    }

    // ---- boxing and flags ----

    /** The single in register value {@code reg}: its low 32 bits if NaN-boxed, else the canonical NaN. */
    public static long unbox(long reg) {
        return (reg & BOX) == BOX ? reg & 0xffff_ffffL : SINGLE.canonicalNan;
    }

    /** The register value of single {@code bits} (low 32 bits used). */
    public static long box(long bits) {
        return BOX | (bits & 0xffff_ffffL);
    }

    private long accrue(long result) {
        s.fflags |= sf.takeFlags();
        return result;
    }

    private boolean inexactUnknown() {
        return (s.fflags & NX) == 0;
    }

    private void inexactIf(boolean inexact) {
        if (inexact) {
            s.fflags |= NX;
        }
    }

    private static boolean normal(double r) {
        double m = Math.abs(r);
        return m > Double.MIN_NORMAL && m <= Double.MAX_VALUE;
    }

    private static boolean normal(float r) {
        float m = Math.abs(r);
        return m > Float.MIN_NORMAL && m <= Float.MAX_VALUE;
    }

    private static double d(long bits) {
        return Double.longBitsToDouble(bits);
    }

    private static float f(long bits) {
        return Float.intBitsToFloat((int) bits);
    }

    private static long bits(double v) {
        return Double.doubleToRawLongBits(v);
    }

    private static long bits(float v) {
        return Float.floatToRawIntBits(v) & 0xffff_ffffL;
    }

    // ---- binary64 arithmetic ----

    public long faddD(long a, long b, int rm) {
        return addD(a, b, false, rm);
    }

    public long fsubD(long a, long b, int rm) {
        return addD(a, b, true, rm);
    }

    private long addD(long a, long b, boolean subtract, int rm) {
        if (rm == RNE) {
            double x = d(a);
            double y = subtract ? -d(b) : d(b);
            double r = x + y;
            if (normal(r)) {
                if (inexactUnknown()) {
                    double bb = r - x;
                    inexactIf((x - (r - bb)) + (y - bb) != 0);
                }
                return bits(r);
            }
        }
        return accrue(sf.add(DOUBLE, a, b, subtract, rm));
    }

    public long fmulD(long a, long b, int rm) {
        if (rm == RNE) {
            double x = d(a);
            double y = d(b);
            double r = x * y;
            if (normal(r) && Math.abs(r) >= TINY_D) {
                if (inexactUnknown()) {
                    inexactIf(Math.fma(x, y, -r) != 0);
                }
                return bits(r);
            }
        }
        return accrue(sf.mul(DOUBLE, a, b, rm));
    }

    public long fdivD(long a, long b, int rm) {
        if (rm == RNE) {
            double x = d(a);
            double y = d(b);
            double q = x / y;
            if (normal(q) && Math.abs(q) >= TINY_D && Math.abs(x) >= TINY_D) {
                if (inexactUnknown()) {
                    inexactIf(Math.fma(-q, y, x) != 0);
                }
                return bits(q);
            }
        }
        return accrue(sf.div(DOUBLE, a, b, rm));
    }

    public long fsqrtD(long a, int rm) {
        if (rm == RNE) {
            double x = d(a);
            if (x >= TINY_D && x <= Double.MAX_VALUE) {
                double r = Math.sqrt(x);
                if (inexactUnknown()) {
                    inexactIf(Math.fma(-r, r, x) != 0);
                }
                return bits(r);
            }
        }
        return accrue(sf.sqrt(DOUBLE, a, rm));
    }

    public long fmaddD(long a, long b, long c, int rm) {
        return fmaD(a, b, c, false, false, rm);
    }

    public long fmsubD(long a, long b, long c, int rm) {
        return fmaD(a, b, c, false, true, rm);
    }

    public long fnmsubD(long a, long b, long c, int rm) {
        return fmaD(a, b, c, true, false, rm);
    }

    public long fnmaddD(long a, long b, long c, int rm) {
        return fmaD(a, b, c, true, true, rm);
    }

    /** {@code ±(a * b) ± c} with one rounding (section 11.6). */
    private long fmaD(long a, long b, long c, boolean negProduct, boolean negAddend, int rm) {
        if (rm == RNE && !inexactUnknown()) {
            double x = d(a);
            double r = Math.fma(negProduct ? -x : x, d(b), negAddend ? -d(c) : d(c));
            if (normal(r)) {
                return bits(r);
            }
        }
        return accrue(sf.fma(DOUBLE, a, b, c, negProduct, negAddend, rm));
    }

    // ---- binary32 arithmetic ----

    public long faddS(long a, long b, int rm) {
        return box(addS(unbox(a), unbox(b), false, rm));
    }

    public long fsubS(long a, long b, int rm) {
        return box(addS(unbox(a), unbox(b), true, rm));
    }

    private long addS(long a, long b, boolean subtract, int rm) {
        if (rm == RNE) {
            float x = f(a);
            float y = subtract ? -f(b) : f(b);
            float r = x + y;
            if (normal(r)) {
                if (inexactUnknown()) {
                    float bb = r - x;
                    inexactIf((x - (r - bb)) + (y - bb) != 0);
                }
                return bits(r);
            }
        }
        return accrue(sf.add(SINGLE, a, b, subtract, rm));
    }

    public long fmulS(long a, long b, int rm) {
        long ua = unbox(a);
        long ub = unbox(b);
        if (rm == RNE) {
            float x = f(ua);
            float y = f(ub);
            float r = x * y;
            if (normal(r)) {
                if (inexactUnknown()) {
                    inexactIf((double) x * (double) y != r);
                }
                return box(bits(r));
            }
        }
        return box(accrue(sf.mul(SINGLE, ua, ub, rm)));
    }

    public long fdivS(long a, long b, int rm) {
        long ua = unbox(a);
        long ub = unbox(b);
        if (rm == RNE) {
            float x = f(ua);
            float y = f(ub);
            float q = x / y;
            if (normal(q)) {
                if (inexactUnknown()) {
                    inexactIf((double) q * (double) y != x);
                }
                return box(bits(q));
            }
        }
        return box(accrue(sf.div(SINGLE, ua, ub, rm)));
    }

    public long fsqrtS(long a, int rm) {
        long ua = unbox(a);
        if (rm == RNE) {
            float x = f(ua);
            if (x > 0 && x <= Float.MAX_VALUE) {
                float r = (float) Math.sqrt(x);
                if (inexactUnknown()) {
                    inexactIf((double) r * (double) r != x);
                }
                return box(bits(r));
            }
        }
        return box(accrue(sf.sqrt(SINGLE, ua, rm)));
    }

    public long fmaddS(long a, long b, long c, int rm) {
        return box(fmaS(unbox(a), unbox(b), unbox(c), false, false, rm));
    }

    public long fmsubS(long a, long b, long c, int rm) {
        return box(fmaS(unbox(a), unbox(b), unbox(c), false, true, rm));
    }

    public long fnmsubS(long a, long b, long c, int rm) {
        return box(fmaS(unbox(a), unbox(b), unbox(c), true, false, rm));
    }

    public long fnmaddS(long a, long b, long c, int rm) {
        return box(fmaS(unbox(a), unbox(b), unbox(c), true, true, rm));
    }

    private long fmaS(long a, long b, long c, boolean negProduct, boolean negAddend, int rm) {
        if (rm == RNE && !inexactUnknown()) {
            float x = f(a);
            float r = Math.fma(negProduct ? -x : x, f(b), negAddend ? -f(c) : f(c));
            if (normal(r)) {
                return bits(r);
            }
        }
        return accrue(sf.fma(SINGLE, a, b, c, negProduct, negAddend, rm));
    }

    // ---- sign injection, min/max, comparison, classification ----

    public static long fsgnjD(long a, long b) {
        return (a & ~DOUBLE.signBit) | (b & DOUBLE.signBit);
    }

    public static long fsgnjnD(long a, long b) {
        return (a & ~DOUBLE.signBit) | (~b & DOUBLE.signBit);
    }

    public static long fsgnjxD(long a, long b) {
        return a ^ (b & DOUBLE.signBit);
    }

    public static long fsgnjS(long a, long b) {
        return box((unbox(a) & ~SINGLE.signBit) | (unbox(b) & SINGLE.signBit));
    }

    public static long fsgnjnS(long a, long b) {
        return box((unbox(a) & ~SINGLE.signBit) | (~unbox(b) & SINGLE.signBit));
    }

    public static long fsgnjxS(long a, long b) {
        return box(unbox(a) ^ (unbox(b) & SINGLE.signBit));
    }

    public long fminD(long a, long b) {
        return minMaxD(a, b, false);
    }

    public long fmaxD(long a, long b) {
        return minMaxD(a, b, true);
    }

    private long minMaxD(long a, long b, boolean max) {
        double x = d(a);
        double y = d(b);
        if (x < y) {
            return max ? b : a;
        }
        if (x > y) {
            return max ? a : b;
        }
        return accrue(sf.minMax(DOUBLE, a, b, max)); // NaNs, equal values, zeros of either sign
    }

    public long fminS(long a, long b) {
        return box(accrue(sf.minMax(SINGLE, unbox(a), unbox(b), false)));
    }

    public long fmaxS(long a, long b) {
        return box(accrue(sf.minMax(SINGLE, unbox(a), unbox(b), true)));
    }

    public long feqD(long a, long b) {
        double x = d(a);
        double y = d(b);
        if (x == y) {
            return 1;
        }
        return x < y || x > y ? 0 : accrue(sf.eq(DOUBLE, a, b) ? 1 : 0);
    }

    public long fltD(long a, long b) {
        double x = d(a);
        double y = d(b);
        if (x < y) {
            return 1;
        }
        return x >= y ? 0 : accrue(sf.less(DOUBLE, a, b, false) ? 1 : 0);
    }

    public long fleD(long a, long b) {
        double x = d(a);
        double y = d(b);
        if (x <= y) {
            return 1;
        }
        return x > y ? 0 : accrue(sf.less(DOUBLE, a, b, true) ? 1 : 0);
    }

    public long feqS(long a, long b) {
        return accrue(sf.eq(SINGLE, unbox(a), unbox(b)) ? 1 : 0);
    }

    public long fltS(long a, long b) {
        return accrue(sf.less(SINGLE, unbox(a), unbox(b), false) ? 1 : 0);
    }

    public long fleS(long a, long b) {
        return accrue(sf.less(SINGLE, unbox(a), unbox(b), true) ? 1 : 0);
    }

    public static long fclassD(long a) {
        return SoftFloat.classify(DOUBLE, a);
    }

    public static long fclassS(long a) {
        return SoftFloat.classify(SINGLE, unbox(a));
    }

    // ---- moves between register files ----

    /** FMV.X.W: the low 32 bits of the FP register, sign-extended (no unboxing, section 11.10). */
    public static long fmvXW(long a) {
        return (int) a;
    }

    /** FMV.W.X: the low 32 bits of the integer register, NaN-boxed. */
    public static long fmvWX(long x) {
        return box(x);
    }

    // ---- conversions ----

    public long fcvtWD(long a, int rm) {
        return (int) toInt(DOUBLE, a, 32, false, rm);
    }

    public long fcvtWUD(long a, int rm) {
        return (int) toInt(DOUBLE, a, 32, true, rm);
    }

    public long fcvtLD(long a, int rm) {
        return toInt(DOUBLE, a, 64, false, rm);
    }

    public long fcvtLUD(long a, int rm) {
        return toInt(DOUBLE, a, 64, true, rm);
    }

    public long fcvtWS(long a, int rm) {
        return (int) toInt(SINGLE, unbox(a), 32, false, rm);
    }

    public long fcvtWUS(long a, int rm) {
        return (int) toInt(SINGLE, unbox(a), 32, true, rm);
    }

    public long fcvtLS(long a, int rm) {
        return toInt(SINGLE, unbox(a), 64, false, rm);
    }

    public long fcvtLUS(long a, int rm) {
        return toInt(SINGLE, unbox(a), 64, true, rm);
    }

    /**
     * {@code a} rounded to an integer of {@code width} bits with the saturation of section 11.7:
     * on the host when the value is finite, within range, and the mode is not RMM.
     */
    private long toInt(FloatFormat fmt, long a, int width, boolean unsigned, int rm) {
        if (rm != RMM) {
            double v = fmt == DOUBLE ? d(a) : f(a);
            if (Math.abs(v) < (width == 32 ? 0x1p31 : 0x1p63)) { // also false for NaN
                double r = switch (rm) {
                    case RNE -> Math.rint(v);
                    case RTZ -> v < 0 ? Math.ceil(v) : Math.floor(v);
                    case RDN -> Math.floor(v);
                    default -> Math.ceil(v);
                };
                long n = (long) r;
                if (!(unsigned && n < 0)) {
                    inexactIf(r != v);
                    return n;
                }
            }
        }
        return accrue(sf.toInteger(fmt, a, width, unsigned, rm));
    }

    public long fcvtDW(long x, int rm) {
        return bits((double) (int) x);
    }

    public long fcvtDWU(long x, int rm) {
        return bits((double) (x & 0xffff_ffffL));
    }

    public long fcvtDL(long x, int rm) {
        return x > -(1L << 53) && x < (1L << 53) ? bits((double) x) : accrue(sf.fromInteger(DOUBLE, x, false, rm));
    }

    public long fcvtDLU(long x, int rm) {
        return Long.compareUnsigned(x, 1L << 53) < 0 ? bits((double) x) : accrue(sf.fromInteger(DOUBLE, x, true, rm));
    }

    public long fcvtSW(long x, int rm) {
        return box(fromIntS((int) x, false, rm));
    }

    public long fcvtSWU(long x, int rm) {
        return box(fromIntS(x & 0xffff_ffffL, false, rm));
    }

    public long fcvtSL(long x, int rm) {
        return box(fromIntS(x, false, rm));
    }

    public long fcvtSLU(long x, int rm) {
        return box(fromIntS(x, true, rm));
    }

    private long fromIntS(long v, boolean unsigned, int rm) {
        if (unsigned ? Long.compareUnsigned(v, 1L << 24) < 0 : (v > -(1L << 24) && v < (1L << 24))) {
            return bits((float) v);
        }
        return accrue(sf.fromInteger(SINGLE, v, unsigned, rm));
    }

    /** FCVT.S.D: binary64 to a boxed binary32. */
    public long fcvtSD(long a, int rm) {
        if (rm == RNE) {
            double v = d(a);
            float r = (float) v;
            if (normal(r)) {
                inexactIf(r != v);
                return box(bits(r));
            }
        }
        return box(accrue(sf.convert(DOUBLE, SINGLE, a, rm)));
    }

    /** FCVT.D.S: a boxed binary32 to binary64 (exact but for NaNs). */
    public long fcvtDS(long a, int rm) {
        long u = unbox(a);
        float v = f(u);
        if (!Float.isNaN(v)) {
            return bits((double) v);
        }
        return accrue(sf.convert(SINGLE, DOUBLE, u, rm));
    }
}
