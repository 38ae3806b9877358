package dev.rivet.emulator.cpu.fpu;

/**
 * The two IEEE 754-2008 binary interchange formats of the F and D extensions: binary32 and
 * binary64 (RISC-V unprivileged spec, chapters 11 and 12).
 */
public enum FloatFormat {
    SINGLE(8, 23, 0x7fc00000L), DOUBLE(11, 52, 0x7ff8000000000000L);

    /** Width of the exponent field. */
    public final int exponentBits;
    /** Width of the trailing significand field. */
    public final int fractionBits;
    /** Precision p: significand bits including the hidden bit. */
    public final int precision;
    /** Exponent bias. */
    public final int bias;
    /** The biased exponent of infinities and NaNs. */
    public final int maxBiasedExponent;
    /** The canonical quiet NaN the F and D extensions return (section 11.3). */
    public final long canonicalNan;
    /** Mask of the sign bit. */
    public final long signBit;

    FloatFormat(int exponentBits, int fractionBits, long canonicalNan) {
        this.exponentBits = exponentBits;
        this.fractionBits = fractionBits;
        this.precision = fractionBits + 1;
        this.bias = (1 << (exponentBits - 1)) - 1;
        this.maxBiasedExponent = (1 << exponentBits) - 1;
        this.canonicalNan = canonicalNan;
        this.signBit = 1L << (exponentBits + fractionBits);
    }

    public long fraction(long bits) {
        return bits & ((1L << fractionBits) - 1);
    }

    public int biasedExponent(long bits) {
        return (int) ((bits >>> fractionBits) & maxBiasedExponent);
    }

    public boolean sign(long bits) {
        return (bits & signBit) != 0;
    }

    public boolean isNaN(long bits) {
        return biasedExponent(bits) == maxBiasedExponent && fraction(bits) != 0;
    }

    /** A signaling NaN: the most significant fraction bit is clear (IEEE 754-2008, 6.2.1). */
    public boolean isSignalingNaN(long bits) {
        return isNaN(bits) && (bits & (1L << (fractionBits - 1))) == 0;
    }

    public boolean isInfinite(long bits) {
        return biasedExponent(bits) == maxBiasedExponent && fraction(bits) == 0;
    }

    public boolean isZero(long bits) {
        return (bits & ~signBit) == 0;
    }

    public long infinity(boolean negative) {
        return ((long) maxBiasedExponent << fractionBits) | (negative ? signBit : 0);
    }

    public long zero(boolean negative) {
        return negative ? signBit : 0;
    }

    /** The largest finite magnitude, with the given sign. */
    public long maxFinite(boolean negative) {
        return (((long) (maxBiasedExponent - 1) << fractionBits) | ((1L << fractionBits) - 1)) | (negative ? signBit : 0);
    }
}
