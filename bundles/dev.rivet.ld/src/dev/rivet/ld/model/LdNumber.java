package dev.rivet.ld.model;

import java.math.BigInteger;

/**
 * Numbers as GNU ld 2.40 reads them in expressions (ld manual 3.10.2 "Constants"; binutils
 * {@code ld/ldlex.l}): {@code 0x}/{@code 0X} hexadecimal, a leading {@code 0} octal, otherwise
 * decimal, each optionally scaled by {@code K} (1024) or {@code M} (1024*1024), case-insensitive;
 * or hexadecimal digits followed by a base letter: {@code h}/{@code x} hexadecimal, {@code o}
 * octal, {@code b} binary, {@code d} decimal ({@code 80000000h}, {@code 101b}). Values are 64-bit
 * and wrap like ld's {@code bfd_vma}; a value that needs more than 64 bits is an error.
 *
 * <p>Note that ld has no {@code 0b} prefix: {@code 0b101} is read by ld as the number {@code 0b}
 * (binary zero) followed by {@code 101}, a syntax error; {@link #parse} rejects it likewise.
 */
public final class LdNumber {

    private static final BigInteger LIMIT = BigInteger.ONE.shiftLeft(64);

    private LdNumber() {
    }

    /**
     * The value of {@code text}, as an unsigned 64-bit quantity in a {@code long}.
     *
     * @throws NumberFormatException with a message fit for an editor marker if ld would not read
     *                               {@code text} as one number
     */
    public static long parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new NumberFormatException("empty number");
        }
        String digits = text;
        int radix;
        long scale = 1;
        char last = Character.toLowerCase(text.charAt(text.length() - 1));
        boolean hexPrefix = text.length() > 2 && text.charAt(0) == '0' && (text.charAt(1) == 'x' || text.charAt(1) == 'X');
        if (hexPrefix || isDecimalWithScale(text)) {
            if (last == 'k' || last == 'm') {
                scale = last == 'k' ? 1024 : 1024 * 1024;
                digits = text.substring(0, text.length() - 1);
            }
            if (hexPrefix) {
                radix = 16;
                digits = digits.substring(2);
            } else if (digits.length() > 1 && digits.charAt(0) == '0') {
                radix = 8;
                digits = digits.substring(1);
            } else {
                radix = 10;
            }
        } else {
            radix = switch (last) {
                case 'h', 'x' -> 16;
                case 'o' -> 8;
                case 'b' -> 2;
                case 'd' -> 10;
                default -> throw new NumberFormatException("'" + text + "' is not a number ld can read"
                        + " (use 0x.. for hex, a K or M suffix, or a base suffix h o b d)");
            };
            digits = text.substring(0, text.length() - 1);
            for (int i = 0; i < digits.length(); i++) {
                if (Character.digit(digits.charAt(i), 16) < 0) {
                    throw new NumberFormatException("'" + text + "' is not a number ld can read");
                }
            }
        }
        if (digits.isEmpty()) {
            throw new NumberFormatException("'" + text + "' has no digits");
        }
        BigInteger value;
        try {
            value = new BigInteger(digits, radix);
        } catch (NumberFormatException e) {
            throw new NumberFormatException("'" + text + "' has a digit that is not valid in base " + radix);
        }
        value = value.multiply(BigInteger.valueOf(scale));
        if (value.compareTo(LIMIT) >= 0) {
            throw new NumberFormatException("'" + text + "' does not fit in 64 bits");
        }
        return value.longValue();
    }

    /** Whether {@code text} is a valid number for ld. */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isDecimalWithScale(String text) {
        int end = text.length();
        char last = Character.toLowerCase(text.charAt(end - 1));
        if (last == 'k' || last == 'm') {
            end--;
        }
        if (end == 0) {
            return false;
        }
        for (int i = 0; i < end; i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
