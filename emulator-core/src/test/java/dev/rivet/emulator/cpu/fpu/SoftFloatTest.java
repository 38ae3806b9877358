package dev.rivet.emulator.cpu.fpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The exact soft-float path against independent references: the host's IEEE arithmetic for
 * round-to-nearest-even (add, mul, div, sqrt, fused multiply-add via {@link Math#fma}, double to
 * float), and BigDecimal rounding for the directed modes.
 */
class SoftFloatTest {

    private static final int N = 100_000;

    private static double randomDouble(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> Double.longBitsToDouble(r.nextLong());
            case 1 -> (r.nextDouble() - 0.5) * Math.pow(2, r.nextInt(200) - 100);
            case 2 -> Double.longBitsToDouble(r.nextLong() & 0x800fffffffffffffL); // subnormals and zero
            default -> r.nextInt(2000) - 1000;
        };
    }

    private static long bits(double d) {
        return Double.isNaN(d) ? FloatFormat.DOUBLE.canonicalNan : Double.doubleToRawLongBits(d);
    }

    @Test
    void roundToNearestEvenMatchesHostArithmetic() {
        SoftFloat sf = new SoftFloat();
        Random r = new Random(42);
        FloatFormat d = FloatFormat.DOUBLE;
        for (int i = 0; i < N; i++) {
            double a = randomDouble(r);
            double b = randomDouble(r);
            double c = randomDouble(r);
            long la = Double.doubleToRawLongBits(a);
            long lb = Double.doubleToRawLongBits(b);
            long lc = Double.doubleToRawLongBits(c);
            String ctx = a + " " + b + " " + c;
            assertEquals(bits(a + b), sf.add(d, la, lb, false, RoundingMode.RNE), "add " + ctx);
            assertEquals(bits(a * b), sf.mul(d, la, lb, RoundingMode.RNE), "mul " + ctx);
            assertEquals(bits(a / b), sf.div(d, la, lb, RoundingMode.RNE), "div " + ctx);
            assertEquals(bits(Math.sqrt(a)), sf.sqrt(d, la, RoundingMode.RNE), "sqrt " + ctx);
            assertEquals(bits(Math.fma(a, b, c)), sf.fma(d, la, lb, lc, false, false, RoundingMode.RNE), "fma " + ctx);
            float f = (float) a;
            long expected = Float.isNaN(f) ? FloatFormat.SINGLE.canonicalNan : Float.floatToRawIntBits(f) & 0xffffffffL;
            assertEquals(expected, sf.convert(d, FloatFormat.SINGLE, la, RoundingMode.RNE), "d->s " + ctx);
        }
    }

    @Test
    void directedRoundingMatchesBigDecimal() {
        SoftFloat sf = new SoftFloat();
        Random r = new Random(7);
        FloatFormat d = FloatFormat.DOUBLE;
        java.math.RoundingMode[] modes = {java.math.RoundingMode.DOWN, java.math.RoundingMode.FLOOR,
            java.math.RoundingMode.CEILING, java.math.RoundingMode.HALF_UP};
        int[] rm = {RoundingMode.RTZ, RoundingMode.RDN, RoundingMode.RUP, RoundingMode.RMM};
        for (int i = 0; i < N / 4; i++) {
            double a = (r.nextDouble() - 0.5) * Math.pow(2, r.nextInt(60) - 30);
            double b = (r.nextDouble() - 0.5) * Math.pow(2, r.nextInt(60) - 30);
            double c = (r.nextDouble() - 0.5) * Math.pow(2, r.nextInt(60) - 30);
            BigDecimal exact = new BigDecimal(a).multiply(new BigDecimal(b)).add(new BigDecimal(c));
            for (int m = 0; m < 4; m++) {
                double ref = roundTo53Bits(exact, modes[m]);
                long got = sf.fma(d, Double.doubleToRawLongBits(a), Double.doubleToRawLongBits(b),
                        Double.doubleToRawLongBits(c), false, false, rm[m]);
                assertEquals(Double.doubleToRawLongBits(ref), got, "fma " + a + " " + b + " " + c + " rm " + rm[m]);
            }
        }
    }

    /** Rounds a normal-range exact value to 53 significant bits with a BigDecimal rounding mode. */
    private static double roundTo53Bits(BigDecimal v, java.math.RoundingMode mode) {
        if (v.signum() == 0) {
            return 0.0;
        }
        int exp = Math.getExponent(v.doubleValue());
        BigDecimal scale = new BigDecimal(java.math.BigInteger.ONE.shiftLeft(Math.abs(exp - 52)));
        BigDecimal scaled = exp - 52 >= 0 ? v.divide(scale, MathContext.UNLIMITED) : v.multiply(scale);
        BigDecimal integral = scaled.setScale(0, mode);
        if (integral.abs().compareTo(new BigDecimal(java.math.BigInteger.ONE.shiftLeft(53))) >= 0) {
            // the estimate of the exponent was one too low: retry one binade up
            scale = new BigDecimal(java.math.BigInteger.ONE.shiftLeft(Math.abs(exp - 51)));
            scaled = exp - 51 >= 0 ? v.divide(scale, MathContext.UNLIMITED) : v.multiply(scale);
            integral = scaled.setScale(0, mode);
            return Math.scalb(integral.doubleValue(), exp - 51);
        }
        if (integral.abs().compareTo(new BigDecimal(java.math.BigInteger.ONE.shiftLeft(52))) < 0) {
            scale = new BigDecimal(java.math.BigInteger.ONE.shiftLeft(Math.abs(exp - 53)));
            scaled = exp - 53 >= 0 ? v.divide(scale, MathContext.UNLIMITED) : v.multiply(scale);
            integral = scaled.setScale(0, mode);
            return Math.scalb(integral.doubleValue(), exp - 53);
        }
        return Math.scalb(integral.doubleValue(), exp - 52);
    }
}
