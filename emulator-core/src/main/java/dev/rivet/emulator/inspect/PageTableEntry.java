package dev.rivet.emulator.inspect;

/**
 * Bits of a page-table entry of Sv39/Sv48/Sv57 (RISC-V privileged spec, section 4.4.1, figure
 * 4.21: V R W X U G A D, RSW, PPN, and the high bits that must be zero without Svpbmt/Svnapot).
 */
public final class PageTableEntry {

    public static final long V = 1;
    public static final long R = 2;
    public static final long W = 4;
    public static final long X = 8;
    public static final long U = 16;
    public static final long G = 32;
    public static final long A = 64;
    public static final long D = 128;
    /** PBMT (62:61), N (63) and reserved bits 60:54. */
    public static final long HIGH_BITS = 0xffc0_0000_0000_0000L;
    public static final long PPN_MASK = (1L << 44) - 1;

    private PageTableEntry() {
    }

    /** The physical page number (bits 53:10). */
    public static long ppn(long pte) {
        return (pte >>> 10) & PPN_MASK;
    }

    /** Whether the entry is valid and not one of the reserved encodings (W without R, high bits). */
    public static boolean isValid(long pte) {
        return (pte & V) != 0 && (pte & HIGH_BITS) == 0 && !((pte & R) == 0 && (pte & W) != 0);
    }

    /** Whether a valid entry is a leaf (R or X set) rather than a pointer to the next level. */
    public static boolean isLeaf(long pte) {
        return (pte & (R | X)) != 0;
    }

    /** The flags as {@code "DAGUXWRV"}-style letters, a dash for each clear bit, like QEMU's "info mem". */
    public static String flags(long pte) {
        String letters = "VRWXUGAD";
        StringBuilder b = new StringBuilder();
        for (int i = 7; i >= 0; i--) {
            b.append((pte & (1L << i)) != 0 ? letters.charAt(i) : '-');
        }
        return b.toString();
    }
}
