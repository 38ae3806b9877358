package dev.rivet.emulator.cpu.fpu;

import static dev.rivet.emulator.cpu.fpu.RoundingMode.*;

import java.math.BigInteger;

/**
 * Exact IEEE 754-2008 arithmetic on binary32/binary64 bit patterns, with every rounding mode and
 * the exception flags as the RISC-V F and D extensions define them (unprivileged spec, chapters
 * 11-12): each operation computes the exact result (arbitrary precision), then rounds once;
 * tininess is detected after rounding; NaN results are the canonical NaN.
 *
 * <p>This is the reference path: slow but simple. {@link FloatingPointUnit} uses host arithmetic
 * where it is provably identical. Flags raised accumulate in {@link #flags} until the caller
 * takes them. Not thread-safe (one instance per hart).
 */
public final class SoftFloat {

    /** Exception flags raised since the last {@link #takeFlags()}. */
    public int flags;

    /** Returns and clears the accumulated flags. */
    public int takeFlags() {
        int f = flags;
        flags = 0;
        return f;
    }

    // ---- unpacking: finite nonzero values as mag * 2^exp ----

    private static BigInteger mag(FloatFormat f, long bits) {
        long frac = f.fraction(bits);
        return BigInteger.valueOf(f.biasedExponent(bits) == 0 ? frac : frac | (1L << f.fractionBits));
    }

    private static int exp(FloatFormat f, long bits) {
        int be = f.biasedExponent(bits);
        return (be == 0 ? 1 : be) - f.bias - f.fractionBits;
    }

    /**
     * Rounds {@code (-1)^negative * (mag + sticky*tiny) * 2^exp} to format {@code f} with rounding
     * mode {@code rm}, raising NX, UF and OF as appropriate. {@code sticky} means the exact value
     * is slightly larger in magnitude than {@code mag * 2^exp} (bits beyond mag were nonzero).
     */
    public long round(FloatFormat f, boolean negative, BigInteger mag, int exp, boolean sticky, int rm) {
        if (mag.signum() == 0 && !sticky) {
            return f.zero(negative);
        }
        if (mag.signum() == 0) {
            // only a sticky remainder below: treat as the smallest possible amount
            mag = BigInteger.ONE;
            exp -= 2 * f.precision + 2;
            sticky = false;
        }
        int p = f.precision;
        int emin = 1 - f.bias;
        int msb = exp + mag.bitLength() - 1;
        int lsbNormal = msb - (p - 1);
        int lsbSub = emin - (p - 1);
        int lsb = Math.max(lsbNormal, lsbSub);
        boolean tiny = false;
        if (msb < emin) {
            // tininess after rounding: round with unbounded exponent range at precision p
            BigInteger unbounded = roundedSignificand(negative, mag, exp, sticky, lsbNormal, rm);
            int roundedMsb = lsbNormal + unbounded.bitLength() - 1;
            tiny = roundedMsb < emin;
        }
        int shift = lsb - exp;
        BigInteger kept;
        boolean inexact;
        if (shift > 0) {
            kept = roundedSignificand(negative, mag, exp, sticky, lsb, rm);
            inexact = sticky || mag.getLowestSetBit() < shift;
        } else {
            kept = mag.shiftLeft(-shift);
            inexact = sticky;
            if (sticky) {
                kept = applyStickyOnly(negative, kept, rm);
            }
        }
        if (kept.bitLength() > p) {
            kept = kept.shiftRight(1);
            lsb++;
        }
        if (inexact) {
            flags |= NX;
            if (tiny) {
                flags |= UF;
            }
        }
        long k = kept.longValue();
        if (kept.signum() == 0) {
            return f.zero(negative);
        }
        int biased;
        long frac;
        if (kept.bitLength() == p) {
            biased = lsb + f.fractionBits + f.bias;
            frac = k & ((1L << f.fractionBits) - 1);
        } else {
            biased = 0;
            frac = k;
        }
        if (biased >= f.maxBiasedExponent) {
            flags |= OF | NX;
            boolean toInf = switch (rm) {
                case RTZ -> false;
                case RDN -> negative;
                case RUP -> !negative;
                default -> true;
            };
            return toInf ? f.infinity(negative) : f.maxFinite(negative);
        }
        return (negative ? f.signBit : 0) | ((long) biased << f.fractionBits) | frac;
    }

    /** {@code mag * 2^exp} rounded to an integer multiple of {@code 2^lsb} (lsb > exp), as a significand. */
    private static BigInteger roundedSignificand(boolean negative, BigInteger mag, int exp, boolean sticky, int lsb, int rm) {
        int shift = lsb - exp;
        if (shift <= 0) {
            BigInteger k = mag.shiftLeft(-shift);
            return sticky ? applyStickyOnly(negative, k, rm) : k;
        }
        BigInteger kept = mag.shiftRight(shift);
        boolean half = mag.testBit(shift - 1);
        boolean rest = sticky || mag.getLowestSetBit() < shift - 1;
        boolean inc = switch (rm) {
            case RNE -> half && (rest || kept.testBit(0));
            case RTZ -> false;
            case RDN -> negative && (half || rest);
            case RUP -> !negative && (half || rest);
            default -> half;
        };
        return inc ? kept.add(BigInteger.ONE) : kept;
    }

    private static BigInteger applyStickyOnly(boolean negative, BigInteger kept, int rm) {
        boolean inc = (rm == RDN && negative) || (rm == RUP && !negative);
        return inc ? kept.add(BigInteger.ONE) : kept;
    }

    // ---- NaN handling ----

    private long nan(FloatFormat f, long... operands) {
        for (long o : operands) {
            if (f.isSignalingNaN(o)) {
                flags |= NV;
            }
        }
        return f.canonicalNan;
    }

    private long invalid(FloatFormat f) {
        flags |= NV;
        return f.canonicalNan;
    }

    // ---- arithmetic ----

    /** {@code a + b}, or {@code a - b} when {@code subtract}. */
    public long add(FloatFormat f, long a, long b, boolean subtract, int rm) {
        if (f.isNaN(a) || f.isNaN(b)) {
            return nan(f, a, b);
        }
        if (subtract) {
            b ^= f.signBit;
        }
        boolean sa = f.sign(a);
        boolean sb = f.sign(b);
        if (f.isInfinite(a) || f.isInfinite(b)) {
            if (f.isInfinite(a) && f.isInfinite(b) && sa != sb) {
                return invalid(f);
            }
            return f.isInfinite(a) ? a : b;
        }
        if (f.isZero(a) && f.isZero(b)) {
            return sa == sb ? a : f.zero(rm == RDN);
        }
        if (f.isZero(a)) {
            return b;
        }
        if (f.isZero(b)) {
            return a;
        }
        return sum(f, sa, mag(f, a), exp(f, a), sb, mag(f, b), exp(f, b), rm);
    }

    private long sum(FloatFormat f, boolean sa, BigInteger ma, int ea, boolean sb, BigInteger mb, int eb, int rm) {
        int e = Math.min(ea, eb);
        BigInteger va = ma.shiftLeft(ea - e);
        BigInteger vb = mb.shiftLeft(eb - e);
        if (sa) {
            va = va.negate();
        }
        if (sb) {
            vb = vb.negate();
        }
        BigInteger s = va.add(vb);
        if (s.signum() == 0) {
            return f.zero(rm == RDN);
        }
        return round(f, s.signum() < 0, s.abs(), e, false, rm);
    }

    /** {@code a * b}. */
    public long mul(FloatFormat f, long a, long b, int rm) {
        if (f.isNaN(a) || f.isNaN(b)) {
            return nan(f, a, b);
        }
        boolean s = f.sign(a) ^ f.sign(b);
        if (f.isInfinite(a) || f.isInfinite(b)) {
            if (f.isZero(a) || f.isZero(b)) {
                return invalid(f);
            }
            return f.infinity(s);
        }
        if (f.isZero(a) || f.isZero(b)) {
            return f.zero(s);
        }
        return round(f, s, mag(f, a).multiply(mag(f, b)), exp(f, a) + exp(f, b), false, rm);
    }

    /**
     * The fused {@code ±(a * b) ± c} with one rounding: {@code negateProduct} and
     * {@code negateAddend} give FMSUB, FNMSUB and FNMADD (unprivileged spec, section 11.6).
     */
    public long fma(FloatFormat f, long a, long b, long c, boolean negateProduct, boolean negateAddend, int rm) {
        boolean infZero = (f.isInfinite(a) && f.isZero(b)) || (f.isZero(a) && f.isInfinite(b));
        if (f.isNaN(a) || f.isNaN(b) || f.isNaN(c)) {
            if (infZero) {
                flags |= NV;
            }
            return nan(f, a, b, c);
        }
        if (infZero) {
            return invalid(f);
        }
        if (negateAddend) {
            c ^= f.signBit;
        }
        boolean sp = f.sign(a) ^ f.sign(b) ^ negateProduct;
        boolean sc = f.sign(c);
        boolean pInf = f.isInfinite(a) || f.isInfinite(b);
        if (pInf || f.isInfinite(c)) {
            if (pInf && f.isInfinite(c) && sp != sc) {
                return invalid(f);
            }
            return pInf ? f.infinity(sp) : c;
        }
        boolean pZero = f.isZero(a) || f.isZero(b);
        if (pZero && f.isZero(c)) {
            return sp == sc ? f.zero(sp) : f.zero(rm == RDN);
        }
        if (pZero) {
            return c;
        }
        BigInteger mp = mag(f, a).multiply(mag(f, b));
        int ep = exp(f, a) + exp(f, b);
        if (f.isZero(c)) {
            return round(f, sp, mp, ep, false, rm);
        }
        return sum(f, sp, mp, ep, sc, mag(f, c), exp(f, c), rm);
    }

    /** {@code a / b}. */
    public long div(FloatFormat f, long a, long b, int rm) {
        if (f.isNaN(a) || f.isNaN(b)) {
            return nan(f, a, b);
        }
        boolean s = f.sign(a) ^ f.sign(b);
        if (f.isInfinite(a)) {
            return f.isInfinite(b) ? invalid(f) : f.infinity(s);
        }
        if (f.isInfinite(b)) {
            return f.zero(s);
        }
        if (f.isZero(b)) {
            if (f.isZero(a)) {
                return invalid(f);
            }
            flags |= DZ;
            return f.infinity(s);
        }
        if (f.isZero(a)) {
            return f.zero(s);
        }
        BigInteger ma = mag(f, a);
        BigInteger mb = mag(f, b);
        int k = f.precision + 3 + Math.max(0, mb.bitLength() - ma.bitLength());
        BigInteger[] qr = ma.shiftLeft(k).divideAndRemainder(mb);
        return round(f, s, qr[0], exp(f, a) - exp(f, b) - k, qr[1].signum() != 0, rm);
    }

    /** The square root of {@code a}. */
    public long sqrt(FloatFormat f, long a, int rm) {
        if (f.isNaN(a)) {
            return nan(f, a);
        }
        if (f.isZero(a)) {
            return a;
        }
        if (f.sign(a)) {
            return invalid(f);
        }
        if (f.isInfinite(a)) {
            return a;
        }
        BigInteger m = mag(f, a);
        int e = exp(f, a);
        int shift = 2 * (f.precision + 3) - m.bitLength() + 2;
        if (shift < 0) {
            shift = 0;
        }
        if (((e - shift) & 1) != 0) {
            shift++;
        }
        BigInteger v = m.shiftLeft(shift);
        BigInteger r = v.sqrt();
        boolean sticky = r.multiply(r).compareTo(v) != 0;
        return round(f, false, r, (e - shift) / 2, sticky, rm);
    }

    // ---- conversions ----

    /** Converts {@code a} from format {@code from} to format {@code to}. */
    public long convert(FloatFormat from, FloatFormat to, long a, int rm) {
        if (from.isNaN(a)) {
            nan(from, a);
            return to.canonicalNan;
        }
        boolean s = from.sign(a);
        if (from.isInfinite(a)) {
            return to.infinity(s);
        }
        if (from.isZero(a)) {
            return to.zero(s);
        }
        return round(to, s, mag(from, a), exp(from, a), false, rm);
    }

    /** Converts the integer {@code value} (unsigned when {@code unsigned}) to format {@code f}. */
    public long fromInteger(FloatFormat f, long value, boolean unsigned, int rm) {
        if (value == 0) {
            return f.zero(false);
        }
        boolean negative = !unsigned && value < 0;
        BigInteger m = unsigned ? new BigInteger(Long.toUnsignedString(value)) : BigInteger.valueOf(value).abs();
        return round(f, negative, m, 0, false, rm);
    }

    /**
     * Converts {@code a} to an integer of {@code width} bits (32 or 64), signed or unsigned, with
     * the saturation of the unprivileged spec, section 11.7, table 11.4. The result is the
     * integer as a long (32-bit results not yet sign-extended to register width).
     */
    public long toInteger(FloatFormat f, long a, int width, boolean unsigned, int rm) {
        BigInteger min = unsigned ? BigInteger.ZERO : BigInteger.ONE.shiftLeft(width - 1).negate();
        BigInteger max = unsigned ? BigInteger.ONE.shiftLeft(width).subtract(BigInteger.ONE)
                : BigInteger.ONE.shiftLeft(width - 1).subtract(BigInteger.ONE);
        if (f.isNaN(a)) {
            flags |= NV;
            return max.longValue();
        }
        boolean s = f.sign(a);
        if (f.isInfinite(a)) {
            flags |= NV;
            return s ? min.longValue() : max.longValue();
        }
        if (f.isZero(a)) {
            return 0;
        }
        BigInteger m = mag(f, a);
        int e = exp(f, a);
        BigInteger r;
        boolean inexact;
        if (e >= 0) {
            r = m.shiftLeft(e);
            inexact = false;
        } else {
            r = roundedSignificand(s, m, e, false, 0, rm);
            inexact = m.getLowestSetBit() < -e;
        }
        if (s) {
            r = r.negate();
        }
        if (r.compareTo(min) < 0 || r.compareTo(max) > 0) {
            flags |= NV;
            return s ? min.longValue() : max.longValue();
        }
        if (inexact) {
            flags |= NX;
        }
        return r.longValue();
    }

    // ---- comparisons and classification (no rounding) ----

    /** {@code a == b}; quiet: only signaling NaNs raise NV. */
    public boolean eq(FloatFormat f, long a, long b) {
        if (f.isNaN(a) || f.isNaN(b)) {
            nan(f, a, b);
            return false;
        }
        return a == b || (f.isZero(a) && f.isZero(b));
    }

    /** {@code a < b} (or {@code a <= b} when {@code orEqual}); signaling: any NaN raises NV. */
    public boolean less(FloatFormat f, long a, long b, boolean orEqual) {
        if (f.isNaN(a) || f.isNaN(b)) {
            flags |= NV;
            return false;
        }
        if (f.isZero(a) && f.isZero(b)) {
            return orEqual;
        }
        int c = compareOrdered(f, a, b);
        return orEqual ? c <= 0 : c < 0;
    }

    private static int compareOrdered(FloatFormat f, long a, long b) {
        boolean sa = f.sign(a);
        boolean sb = f.sign(b);
        if (sa != sb) {
            return sa ? -1 : 1;
        }
        long ma = a & ~f.signBit;
        long mb = b & ~f.signBit;
        int c = Long.compare(ma, mb);
        return sa ? -c : c;
    }

    /**
     * FMIN/FMAX (IEEE 754-2019 minimumNumber/maximumNumber as RISC-V specifies, section 11.6):
     * a NaN operand yields the other operand, two NaNs the canonical NaN, -0 is less than +0,
     * signaling NaNs raise NV.
     */
    public long minMax(FloatFormat f, long a, long b, boolean max) {
        boolean na = f.isNaN(a);
        boolean nb = f.isNaN(b);
        if (f.isSignalingNaN(a) || f.isSignalingNaN(b)) {
            flags |= NV;
        }
        if (na && nb) {
            return f.canonicalNan;
        }
        if (na) {
            return b;
        }
        if (nb) {
            return a;
        }
        int c = compareOrdered(f, a, b);
        if (f.isZero(a) && f.isZero(b)) {
            c = Boolean.compare(!f.sign(a), !f.sign(b));
        }
        return (max ? c >= 0 : c <= 0) ? a : b;
    }

    /** FCLASS: the one-hot class mask of section 11.9, table 11.5. */
    public static long classify(FloatFormat f, long a) {
        boolean s = f.sign(a);
        if (f.isInfinite(a)) {
            return s ? 1 : 1 << 7;
        }
        if (f.isNaN(a)) {
            return f.isSignalingNaN(a) ? 1 << 8 : 1 << 9;
        }
        if (f.isZero(a)) {
            return s ? 1 << 3 : 1 << 4;
        }
        if (f.biasedExponent(a) == 0) {
            return s ? 1 << 2 : 1 << 5;
        }
        return s ? 1 << 1 : 1 << 6;
    }
}
