package dev.rivet.emulator.cpu.fpu;

import static dev.rivet.emulator.cpu.fpu.FloatFormat.DOUBLE;
import static dev.rivet.emulator.cpu.fpu.FloatFormat.SINGLE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rivet.emulator.cpu.HartState;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * {@link FloatArithmetic} (host fast paths where it takes them) against {@link SoftFloat} alone,
 * the exact reference: every operation on random operands drawn to hit the fast paths' edges
 * (subnormals, the smallest normal, 2<sup>-900</sup>, overflow, zeros, infinities, quiet and
 * signaling NaNs, singles that are not NaN-boxed), in every rounding mode, with the accrued flags
 * starting empty and starting with inexact set; result bits and {@code fflags} must be identical.
 */
class FloatArithmeticTest {

    private static final int ROUNDS = 40_000;
    private static final long BOX = 0xffff_ffff_0000_0000L;
    private static final long[] SPECIAL_D = {0, 0x8000000000000000L, 0x7ff0000000000000L, 0xfff0000000000000L,
        0x7ff8000000000000L, 0x7ff4000000000000L, 0xfff0000000000001L, 1, 0x000fffffffffffffL, 0x0010000000000000L,
        0x0010000000000001L, 0x800fffffffffffffL, 0x3ff0000000000000L, 0x7fefffffffffffffL, 0xffefffffffffffffL,
        Double.doubleToRawLongBits(0x1p-900), Double.doubleToRawLongBits(-0x1p-900),
        Double.doubleToRawLongBits(Math.nextDown(0x1p-900)), 0x43e0000000000000L, 0xc3e0000000000000L,
        0x41e0000000000000L, 0xc1e0000000000000L, 0x41dfffffffc00000L};
    private static final int[] SPECIAL_S = {0, 0x80000000, 0x7f800000, 0xff800000, 0x7fc00000, 0x7fa00000, 1,
        0x007fffff, 0x00800000, 0x00800001, 0x3f800000, 0x7f7fffff, 0xff7fffff, 0x5f000000, 0xdf000000, 0x4f000000,
        0xcf000000, 0x4b800000};

    private final Random r = new Random(2024);

    private long randomDouble() {
        return switch (r.nextInt(9)) {
            case 0 -> SPECIAL_D[r.nextInt(SPECIAL_D.length)];
            // one ulp above a power of two, around 2^-500: products whose rounding error lies
            // below the subnormal range, where an FMA residual would no longer be exact
            case 7 -> Double.doubleToRawLongBits(Math.scalb(1.0 + r.nextInt(4) * 0x1p-52, r.nextInt(120) - 540));
            case 1 -> r.nextLong();
            case 2 -> r.nextLong() & 0x800fffffffffffffL; // subnormal or zero
            case 3 -> Double.doubleToRawLongBits((r.nextDouble() - 0.5) * Math.scalb(1.0, r.nextInt(2100) - 1074));
            case 4 -> Double.doubleToRawLongBits((r.nextDouble() + 1) * Math.scalb(1.0, r.nextInt(40) - 470));
            case 5 -> Double.doubleToRawLongBits(r.nextInt(2001) - 1000 + (r.nextBoolean() ? 0.5 : 0));
            case 6 -> Double.doubleToRawLongBits(Math.scalb(1.0, r.nextInt(30) - 1022) * (1 + r.nextInt(4)))
                    ^ (r.nextBoolean() ? Long.MIN_VALUE : 0);
            default -> Double.doubleToRawLongBits((r.nextDouble() - 0.5) * Math.scalb(1.0, r.nextInt(60) - 30));
        };
    }

    /** A single as a register value: mostly NaN-boxed, sometimes not (it then reads as the canonical NaN). */
    private long randomSingle() {
        long bits = switch (r.nextInt(6)) {
            case 0 -> SPECIAL_S[r.nextInt(SPECIAL_S.length)] & 0xffffffffL;
            case 1 -> r.nextInt() & 0xffffffffL;
            case 2 -> r.nextInt() & 0x807fffffL;
            case 3 -> Float.floatToRawIntBits((float) ((r.nextDouble() - 0.5) * Math.scalb(1.0, r.nextInt(300) - 150)))
                    & 0xffffffffL;
            case 4 -> Float.floatToRawIntBits(r.nextInt(2001) - 1000 + (r.nextBoolean() ? 0.5f : 0)) & 0xffffffffL;
            default -> Float.floatToRawIntBits((float) ((r.nextDouble() - 0.5) * Math.scalb(1.0, r.nextInt(60) - 30)))
                    & 0xffffffffL;
        };
        return r.nextInt(20) == 0 ? bits | ((long) r.nextInt() << 32) : bits | BOX;
    }

    private long randomInteger() {
        return switch (r.nextInt(4)) {
            case 0 -> r.nextLong();
            case 1 -> r.nextInt();
            case 2 -> (1L << r.nextInt(64)) + r.nextInt(3) - 1;
            default -> r.nextInt(1 << 25) - (1 << 24);
        };
    }

    private interface Op {
        long apply(FloatArithmetic fa, long a, long b, long c, int rm);
    }

    private interface Ref {
        long apply(SoftFloat sf, long a, long b, long c, int rm);
    }

    private static long u(long reg) {
        return FloatArithmetic.unbox(reg);
    }

    private static long box(long bits) {
        return FloatArithmetic.box(bits);
    }

    /** Runs {@code op} and {@code ref} on the same operands in every rounding mode, twice (flags empty, NX set). */
    private void check(String name, char kind, Op op, Ref ref) {
        HartState s = new HartState();
        FloatArithmetic fa = new FloatArithmetic(s);
        SoftFloat sf = new SoftFloat();
        for (int i = 0; i < ROUNDS; i++) {
            long a = operand(kind);
            long b = operand(kind);
            long c = operand(kind);
            if (kind == 'd' && r.nextInt(4) == 0) {
                b = Double.doubleToRawLongBits(-Double.longBitsToDouble(a) * (1 + Math.scalb(r.nextDouble(), -40)));
            }
            int rm = r.nextInt(5);
            for (int initial : new int[] {0, RoundingMode.NX}) {
                s.fflags = initial;
                long got = op.apply(fa, a, b, c, rm);
                sf.takeFlags();
                long expected = ref.apply(sf, a, b, c, rm);
                int expectedFlags = initial | sf.takeFlags();
                String ctx = name + " " + Long.toHexString(a) + " " + Long.toHexString(b) + " " + Long.toHexString(c)
                        + " rm=" + rm + " fflags before=" + initial;
                assertEquals(Long.toHexString(expected), Long.toHexString(got), ctx);
                assertEquals(expectedFlags, s.fflags, "flags of " + ctx);
            }
        }
    }

    private long operand(char kind) {
        return switch (kind) {
            case 'd' -> randomDouble();
            case 's' -> randomSingle();
            default -> randomInteger();
        };
    }

    @Test
    void doubleArithmetic() {
        check("fadd.d", 'd', (fa, a, b, c, rm) -> fa.faddD(a, b, rm), (sf, a, b, c, rm) -> sf.add(DOUBLE, a, b, false, rm));
        check("fsub.d", 'd', (fa, a, b, c, rm) -> fa.fsubD(a, b, rm), (sf, a, b, c, rm) -> sf.add(DOUBLE, a, b, true, rm));
        check("fmul.d", 'd', (fa, a, b, c, rm) -> fa.fmulD(a, b, rm), (sf, a, b, c, rm) -> sf.mul(DOUBLE, a, b, rm));
        check("fdiv.d", 'd', (fa, a, b, c, rm) -> fa.fdivD(a, b, rm), (sf, a, b, c, rm) -> sf.div(DOUBLE, a, b, rm));
        check("fsqrt.d", 'd', (fa, a, b, c, rm) -> fa.fsqrtD(a, rm), (sf, a, b, c, rm) -> sf.sqrt(DOUBLE, a, rm));
        check("fmadd.d", 'd', (fa, a, b, c, rm) -> fa.fmaddD(a, b, c, rm),
                (sf, a, b, c, rm) -> sf.fma(DOUBLE, a, b, c, false, false, rm));
        check("fmsub.d", 'd', (fa, a, b, c, rm) -> fa.fmsubD(a, b, c, rm),
                (sf, a, b, c, rm) -> sf.fma(DOUBLE, a, b, c, false, true, rm));
        check("fnmsub.d", 'd', (fa, a, b, c, rm) -> fa.fnmsubD(a, b, c, rm),
                (sf, a, b, c, rm) -> sf.fma(DOUBLE, a, b, c, true, false, rm));
        check("fnmadd.d", 'd', (fa, a, b, c, rm) -> fa.fnmaddD(a, b, c, rm),
                (sf, a, b, c, rm) -> sf.fma(DOUBLE, a, b, c, true, true, rm));
    }

    @Test
    void singleArithmetic() {
        check("fadd.s", 's', (fa, a, b, c, rm) -> fa.faddS(a, b, rm),
                (sf, a, b, c, rm) -> box(sf.add(SINGLE, u(a), u(b), false, rm)));
        check("fsub.s", 's', (fa, a, b, c, rm) -> fa.fsubS(a, b, rm),
                (sf, a, b, c, rm) -> box(sf.add(SINGLE, u(a), u(b), true, rm)));
        check("fmul.s", 's', (fa, a, b, c, rm) -> fa.fmulS(a, b, rm), (sf, a, b, c, rm) -> box(sf.mul(SINGLE, u(a), u(b), rm)));
        check("fdiv.s", 's', (fa, a, b, c, rm) -> fa.fdivS(a, b, rm), (sf, a, b, c, rm) -> box(sf.div(SINGLE, u(a), u(b), rm)));
        check("fsqrt.s", 's', (fa, a, b, c, rm) -> fa.fsqrtS(a, rm), (sf, a, b, c, rm) -> box(sf.sqrt(SINGLE, u(a), rm)));
        check("fmadd.s", 's', (fa, a, b, c, rm) -> fa.fmaddS(a, b, c, rm),
                (sf, a, b, c, rm) -> box(sf.fma(SINGLE, u(a), u(b), u(c), false, false, rm)));
        check("fnmadd.s", 's', (fa, a, b, c, rm) -> fa.fnmaddS(a, b, c, rm),
                (sf, a, b, c, rm) -> box(sf.fma(SINGLE, u(a), u(b), u(c), true, true, rm)));
    }

    @Test
    void comparisonsMinMaxAndSignInjection() {
        check("feq.d", 'd', (fa, a, b, c, rm) -> fa.feqD(a, b), (sf, a, b, c, rm) -> sf.eq(DOUBLE, a, b) ? 1 : 0);
        check("flt.d", 'd', (fa, a, b, c, rm) -> fa.fltD(a, b), (sf, a, b, c, rm) -> sf.less(DOUBLE, a, b, false) ? 1 : 0);
        check("fle.d", 'd', (fa, a, b, c, rm) -> fa.fleD(a, b), (sf, a, b, c, rm) -> sf.less(DOUBLE, a, b, true) ? 1 : 0);
        check("fmin.d", 'd', (fa, a, b, c, rm) -> fa.fminD(a, b), (sf, a, b, c, rm) -> sf.minMax(DOUBLE, a, b, false));
        check("fmax.d", 'd', (fa, a, b, c, rm) -> fa.fmaxD(a, b), (sf, a, b, c, rm) -> sf.minMax(DOUBLE, a, b, true));
        check("feq.s", 's', (fa, a, b, c, rm) -> fa.feqS(a, b), (sf, a, b, c, rm) -> sf.eq(SINGLE, u(a), u(b)) ? 1 : 0);
        check("fmax.s", 's', (fa, a, b, c, rm) -> fa.fmaxS(a, b), (sf, a, b, c, rm) -> box(sf.minMax(SINGLE, u(a), u(b), true)));
        check("fsgnjn.s", 's', (fa, a, b, c, rm) -> FloatArithmetic.fsgnjnS(a, b),
                (sf, a, b, c, rm) -> box((u(a) & 0x7fffffffL) | (~u(b) & 0x80000000L)));
        check("fsgnjx.d", 'd', (fa, a, b, c, rm) -> FloatArithmetic.fsgnjxD(a, b),
                (sf, a, b, c, rm) -> (a & Long.MAX_VALUE) | ((a ^ b) & Long.MIN_VALUE));
        check("fclass.s", 's', (fa, a, b, c, rm) -> FloatArithmetic.fclassS(a), (sf, a, b, c, rm) -> SoftFloat.classify(SINGLE, u(a)));
    }

    @Test
    void conversions() {
        check("fcvt.w.d", 'd', (fa, a, b, c, rm) -> fa.fcvtWD(a, rm), (sf, a, b, c, rm) -> (int) sf.toInteger(DOUBLE, a, 32, false, rm));
        check("fcvt.wu.d", 'd', (fa, a, b, c, rm) -> fa.fcvtWUD(a, rm), (sf, a, b, c, rm) -> (int) sf.toInteger(DOUBLE, a, 32, true, rm));
        check("fcvt.l.d", 'd', (fa, a, b, c, rm) -> fa.fcvtLD(a, rm), (sf, a, b, c, rm) -> sf.toInteger(DOUBLE, a, 64, false, rm));
        check("fcvt.lu.d", 'd', (fa, a, b, c, rm) -> fa.fcvtLUD(a, rm), (sf, a, b, c, rm) -> sf.toInteger(DOUBLE, a, 64, true, rm));
        check("fcvt.l.s", 's', (fa, a, b, c, rm) -> fa.fcvtLS(a, rm), (sf, a, b, c, rm) -> sf.toInteger(SINGLE, u(a), 64, false, rm));
        check("fcvt.wu.s", 's', (fa, a, b, c, rm) -> fa.fcvtWUS(a, rm), (sf, a, b, c, rm) -> (int) sf.toInteger(SINGLE, u(a), 32, true, rm));
        check("fcvt.d.w", 'x', (fa, a, b, c, rm) -> fa.fcvtDW(a, rm), (sf, a, b, c, rm) -> sf.fromInteger(DOUBLE, (int) a, false, rm));
        check("fcvt.d.wu", 'x', (fa, a, b, c, rm) -> fa.fcvtDWU(a, rm),
                (sf, a, b, c, rm) -> sf.fromInteger(DOUBLE, a & 0xffffffffL, false, rm));
        check("fcvt.d.l", 'x', (fa, a, b, c, rm) -> fa.fcvtDL(a, rm), (sf, a, b, c, rm) -> sf.fromInteger(DOUBLE, a, false, rm));
        check("fcvt.d.lu", 'x', (fa, a, b, c, rm) -> fa.fcvtDLU(a, rm), (sf, a, b, c, rm) -> sf.fromInteger(DOUBLE, a, true, rm));
        check("fcvt.s.l", 'x', (fa, a, b, c, rm) -> fa.fcvtSL(a, rm), (sf, a, b, c, rm) -> box(sf.fromInteger(SINGLE, a, false, rm)));
        check("fcvt.s.wu", 'x', (fa, a, b, c, rm) -> fa.fcvtSWU(a, rm),
                (sf, a, b, c, rm) -> box(sf.fromInteger(SINGLE, a & 0xffffffffL, false, rm)));
        check("fcvt.s.d", 'd', (fa, a, b, c, rm) -> fa.fcvtSD(a, rm), (sf, a, b, c, rm) -> box(sf.convert(DOUBLE, SINGLE, a, rm)));
        check("fcvt.d.s", 's', (fa, a, b, c, rm) -> fa.fcvtDS(a, rm), (sf, a, b, c, rm) -> sf.convert(SINGLE, DOUBLE, u(a), rm));
    }
}
