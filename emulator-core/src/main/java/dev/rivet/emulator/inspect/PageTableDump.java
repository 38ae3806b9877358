package dev.rivet.emulator.inspect;

import java.util.ArrayList;
import java.util.List;

/**
 * Lists the mappings of the page table named by a {@code satp} value, merging neighbouring leaves
 * whose virtual and physical ranges are contiguous and whose flags are equal, like QEMU's
 * {@code info mem} (RISC-V privileged spec, sections 4.3-4.6). Pure; reads only through
 * {@link PhysicalPeek}; never follows more than {@code maxTables} tables (guards against cycles
 * and garbage tables).
 */
public final class PageTableDump {

    /**
     * A run of mapped virtual addresses.
     *
     * @param va    first virtual address (sign-extended, canonical)
     * @param pa    first physical address
     * @param size  length in bytes
     * @param pte   the flags of the leaf entries (low 8 bits of the PTE)
     */
    public record Mapping(long va, long pa, long size, long pte) {
        @Override
        public String toString() {
            return String.format("%016x %016x %016x %s", va, pa, size, PageTableEntry.flags(pte));
        }
    }

    private PageTableDump() {
    }

    /**
     * The mappings of {@code satp}, in increasing virtual-address order; empty for Bare or a
     * reserved mode.
     */
    public static List<Mapping> mappings(PhysicalPeek memory, long satp, int maxTables) {
        List<Mapping> out = new ArrayList<>();
        int levels = PageTableWalk.levels(satp);
        if (levels <= 0) {
            return out;
        }
        int[] tablesLeft = {maxTables};
        walk(memory, PageTableWalk.root(satp), levels - 1, 0, levels, out, tablesLeft);
        return out;
    }

    private static void walk(PhysicalPeek memory, long table, int level, long vaPrefix, int levels,
            List<Mapping> out, int[] tablesLeft) {
        if (tablesLeft[0]-- <= 0) {
            return;
        }
        for (int index = 0; index < 512; index++) {
            long pte;
            try {
                pte = memory.peek64(table + index * 8L);
            } catch (RuntimeException unreadable) {
                return;
            }
            if (!PageTableEntry.isValid(pte)) {
                continue;
            }
            long va = vaPrefix | ((long) index << (12 + 9 * level));
            if (!PageTableEntry.isLeaf(pte)) {
                if (level > 0) {
                    walk(memory, PageTableEntry.ppn(pte) << 12, level - 1, va, levels, out, tablesLeft);
                }
                continue;
            }
            long ppn = PageTableEntry.ppn(pte);
            if ((ppn & ((1L << (9 * level)) - 1)) != 0) {
                continue; // misaligned superpage: not a mapping
            }
            int vaBits = 12 + 9 * levels;
            long canonical = (va << (64 - vaBits)) >> (64 - vaBits);
            add(out, new Mapping(canonical, ppn << 12, 1L << (12 + 9 * level), pte & 0xff));
        }
    }

    private static void add(List<Mapping> out, Mapping m) {
        if (!out.isEmpty()) {
            Mapping last = out.get(out.size() - 1);
            if (last.va() + last.size() == m.va() && last.pa() + last.size() == m.pa() && last.pte() == m.pte()) {
                out.set(out.size() - 1, new Mapping(last.va(), last.pa(), last.size() + m.size(), last.pte()));
                return;
            }
        }
        out.add(m);
    }
}
