package dev.rivet.emulator.gdb;

/**
 * Hex encodings of the Remote Serial Protocol: register values are sent in target byte order
 * (little-endian on RISC-V), memory as a byte string, numbers in command arguments big-endian
 * without leading zeros (GDB manual, appendix "Remote Protocol", section "Packets").
 */
final class Hex {

    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {
    }

    static String bytes(byte[] b) {
        StringBuilder s = new StringBuilder(b.length * 2);
        for (byte x : b) {
            s.append(DIGITS[(x >>> 4) & 15]).append(DIGITS[x & 15]);
        }
        return s.toString();
    }

    static byte[] toBytes(String hex) {
        if ((hex.length() & 1) != 0) {
            throw new MalformedPacketException("odd number of hex digits");
        }
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (digit(hex.charAt(2 * i)) << 4 | digit(hex.charAt(2 * i + 1)));
        }
        return out;
    }

    /** {@code value}'s low {@code size} bytes, little-endian, as hex. */
    static String littleEndian(long value, int size) {
        StringBuilder s = new StringBuilder(size * 2);
        for (int i = 0; i < size; i++) {
            int b = (int) (value >>> (8 * i)) & 0xff;
            s.append(DIGITS[b >>> 4]).append(DIGITS[b & 15]);
        }
        return s.toString();
    }

    /** Parses {@code size} little-endian bytes of hex at {@code from}. */
    static long parseLittleEndian(String hex, int from, int size) {
        if (from + 2 * size > hex.length()) {
            throw new MalformedPacketException("register value too short");
        }
        long v = 0;
        for (int i = size - 1; i >= 0; i--) {
            v = (v << 8) | (digit(hex.charAt(from + 2 * i)) << 4 | digit(hex.charAt(from + 2 * i + 1)));
        }
        return v;
    }

    /** A big-endian hex number of at most 16 digits (addresses, lengths, register numbers). */
    static long number(String s) {
        if (s.isEmpty() || s.length() > 16) {
            throw new MalformedPacketException("bad number '" + s + "'");
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            v = (v << 4) | digit(s.charAt(i));
        }
        return v;
    }

    /** A non-negative number that fits an int (lengths, kinds). */
    static int smallNumber(String s, int max) {
        long v = number(s);
        if (v < 0 || v > max) {
            throw new MalformedPacketException("number out of range: " + s);
        }
        return (int) v;
    }

    static int digit(char c) {
        int d = Character.digit(c, 16);
        if (d < 0) {
            throw new MalformedPacketException("bad hex digit '" + c + "'");
        }
        return d;
    }

    static String text(String s) {
        return bytes(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
