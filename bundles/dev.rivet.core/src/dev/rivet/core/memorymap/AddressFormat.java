package dev.rivet.core.memorymap;

/** Formats physical addresses and sizes for display in Rivet's views. */
public final class AddressFormat {

    private static final String[] UNITS = { "B", "KiB", "MiB", "GiB", "TiB" };

    private AddressFormat() {
    }

    /** A 64-bit address as 16 zero-padded hex digits with a {@code 0x} prefix. */
    public static String address(long address) {
        return String.format("0x%016x", address);
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
