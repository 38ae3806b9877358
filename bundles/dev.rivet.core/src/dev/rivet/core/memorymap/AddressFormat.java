package dev.rivet.core.memorymap;

/** Formats physical addresses and sizes for display in Rivet's views. */
public final class AddressFormat {

    private static final String[] UNITS = { "B", "KiB", "MiB", "GiB", "TiB" };

    private AddressFormat() {
    }

    /**
     * An address as zero-padded hex with a {@code 0x} prefix, {@code digits} digits wide (more if
     * the address needs more), so that the addresses of one table line up.
     */
    public static String address(long address, int digits) {
        String hex = Long.toHexString(address);
        return "0x" + "0".repeat(Math.max(0, digits - hex.length())) + hex;
    }

    /** The number of hex digits {@code address} needs, at least 8 (a 32-bit address). */
    public static int digitsFor(long address) {
        return Math.max(8, (64 - Long.numberOfLeadingZeros(address) + 3) / 4);
    }

    /**
     * A size in the largest binary unit that divides it exactly ({@code 0x600000} is
     * {@code 6 MiB}, {@code 0xf000} is {@code 60 KiB}, {@code 0x18} is {@code 24 B}).
     */
    public static String size(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative size " + bytes);
        }
        int unit = 0;
        long value = bytes;
        while (unit < UNITS.length - 1 && value != 0 && (value & 1023) == 0) {
            value >>= 10;
            unit++;
        }
        return value + " " + UNITS[unit];
    }
}
