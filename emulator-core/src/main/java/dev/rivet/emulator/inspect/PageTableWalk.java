package dev.rivet.emulator.inspect;

import java.util.Optional;

/**
 * Translates virtual addresses through the page table named by a {@code satp} value, as the
 * debugger and the views see memory: Bare, Sv39, Sv48 and Sv57 (RISC-V privileged spec, section
 * 4.1.11 for {@code satp}, section 4.3.2 "Virtual Address Translation Process" for the walk).
 *
 * <p>Unlike the hart's walk this is a pure function over {@link PhysicalPeek}: it checks only
 * what makes a mapping exist (V, the reserved encodings, superpage alignment, canonical
 * addresses), not permissions, and never sets A or D.
 */
public final class PageTableWalk {

    /** {@code satp.MODE} values (section 4.1.11, table 4.4). */
    public static final int MODE_BARE = 0;
    public static final int MODE_SV39 = 8;
    public static final int MODE_SV48 = 9;
    public static final int MODE_SV57 = 10;

    /**
     * A translation.
     *
     * @param va       the virtual address asked for
     * @param pa       the physical address it maps to
     * @param pageSize the size of the leaf's page (4 KiB, 2 MiB, 1 GiB, ...)
     * @param pte      the leaf entry (0 for Bare)
     * @param level    the level of the leaf (0 for a 4 KiB page)
     */
    public record Translation(long va, long pa, long pageSize, long pte, int level) {
    }

    private PageTableWalk() {
    }

    /** The number of levels of {@code satp}'s mode, 0 for Bare; -1 for a reserved mode. */
    public static int levels(long satp) {
        return switch ((int) (satp >>> 60)) {
            case MODE_BARE -> 0;
            case MODE_SV39 -> 3;
            case MODE_SV48 -> 4;
            case MODE_SV57 -> 5;
            default -> -1;
        };
    }

    /** Physical address of the root page table of {@code satp} (PPN field, bits 43:0). */
    public static long root(long satp) {
        return (satp & PageTableEntry.PPN_MASK) << 12;
    }

    /**
     * Translates {@code va}; empty when {@code va} is not mapped (invalid entry, non-canonical
     * address, misaligned superpage, unreadable page table, reserved {@code satp} mode).
     */
    public static Optional<Translation> translate(PhysicalPeek memory, long satp, long va) {
        int levels = levels(satp);
        if (levels == 0) {
            return Optional.of(new Translation(va, va, 1L << 12, 0, 0));
        }
        if (levels < 0) {
            return Optional.empty();
        }
        int vaBits = 12 + 9 * levels;
        long top = va >> (vaBits - 1);
        if (top != 0 && top != -1) {
            return Optional.empty();
        }
        long table = root(satp);
        for (int level = levels - 1; level >= 0; level--) {
            long index = (va >>> (12 + 9 * level)) & 511;
            long pte;
            try {
                pte = memory.peek64(table + index * 8);
            } catch (RuntimeException unreadable) {
                return Optional.empty();
            }
            if (!PageTableEntry.isValid(pte)) {
                return Optional.empty();
            }
            long ppn = PageTableEntry.ppn(pte);
            if (!PageTableEntry.isLeaf(pte)) {
                table = ppn << 12;
                continue;
            }
            long pageMask = (1L << (9 * level)) - 1;
            if ((ppn & pageMask) != 0) {
                return Optional.empty(); // misaligned superpage (section 4.3.2, step 6)
            }
            long pageSize = 1L << (12 + 9 * level);
            long pa = (ppn << 12) | (va & (pageSize - 1));
            return Optional.of(new Translation(va, pa, pageSize, pte, level));
        }
        return Optional.empty();
    }
}
