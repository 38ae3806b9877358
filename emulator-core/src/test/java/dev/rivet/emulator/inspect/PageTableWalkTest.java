package dev.rivet.emulator.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Translation and listing of Sv39/Sv48 page tables (RISC-V privileged spec, sections 4.3-4.5). */
class PageTableWalkTest {

    private final Map<Long, Long> memory = new HashMap<>();
    private final PhysicalPeek peek = pa -> {
        if (pa >= 0x9000_0000L) {
            throw new IllegalStateException("nothing at 0x" + Long.toHexString(pa));
        }
        return memory.getOrDefault(pa, 0L);
    };

    static final long ROOT = 0x8000_0000L;
    static final long RWX_AD = PageTableEntry.V | PageTableEntry.R | PageTableEntry.W | PageTableEntry.X
            | PageTableEntry.A | PageTableEntry.D;

    private void pte(long table, long index, long target, long flags) {
        memory.put(table + 8 * index, (target >>> 12) << 10 | flags);
    }

    private static long sv39() {
        return 8L << 60 | ROOT >>> 12;
    }

    @Test
    void fourKilobyteMegaAndGigaPages() {
        long l1 = 0x8000_1000L;
        long l0 = 0x8000_2000L;
        pte(ROOT, 1, l1, PageTableEntry.V);
        pte(l1, 2, l0, PageTableEntry.V);
        pte(l0, 3, 0x8765_4000L, RWX_AD);                 // va 0x4040_3000 -> 4 KiB page
        pte(l1, 5, 0x8060_0000L, RWX_AD);                 // va 0x40a0_0000 -> 2 MiB page
        pte(ROOT, 2, 0xc000_0000L, RWX_AD);               // va 0x8000_0000 -> 1 GiB page
        assertEquals(new PageTableWalk.Translation(0x4040_3123L, 0x8765_4123L, 4096, memory.get(l0 + 24), 0),
                PageTableWalk.translate(peek, sv39(), 0x4040_3123L).orElseThrow());
        assertEquals(0x8071_2345L, PageTableWalk.translate(peek, sv39(), 0x40b1_2345L).orElseThrow().pa());
        assertEquals(2 << 20, PageTableWalk.translate(peek, sv39(), 0x40b1_2345L).orElseThrow().pageSize());
        assertEquals(0xc123_4567L, PageTableWalk.translate(peek, sv39(), 0x8123_4567L).orElseThrow().pa());
        assertTrue(PageTableWalk.translate(peek, sv39(), 0x4040_4000L).isEmpty(), "invalid leaf");
    }

    @Test
    void reservedEncodingsMisalignedSuperpagesAndNonCanonicalAddressesAreNotMapped() {
        pte(ROOT, 0, 0x8000_0000L, PageTableEntry.V | PageTableEntry.W);          // W without R
        pte(ROOT, 1, 0x8020_0000L, RWX_AD);                                       // gigapage, misaligned
        pte(ROOT, 2, 0x8000_0000L, RWX_AD | 1L << 60);                            // reserved high bit
        pte(ROOT, 3, 0xc000_0000L, RWX_AD);
        assertTrue(PageTableWalk.translate(peek, sv39(), 0x1000).isEmpty());
        assertTrue(PageTableWalk.translate(peek, sv39(), 0x4000_0000L).isEmpty());
        assertTrue(PageTableWalk.translate(peek, sv39(), 0x8000_0000L).isEmpty());
        assertTrue(PageTableWalk.translate(peek, sv39(), 0xc000_0000L).isPresent());
        assertTrue(PageTableWalk.translate(peek, sv39(), 0x0000_0040_c000_0000L).isEmpty(), "bit 38 not extended");
        assertTrue(PageTableWalk.translate(peek, 5L << 60, 0x1000).isEmpty(), "reserved satp mode");
    }

    @Test
    void bareIsIdentityAndSv48HasFourLevels() {
        assertEquals(0x1234_5678L, PageTableWalk.translate(peek, 0, 0x1234_5678L).orElseThrow().pa());
        long l2 = 0x8000_1000L;
        pte(ROOT, 1, l2, PageTableEntry.V);
        pte(l2, 0, 0x8000_0000L, RWX_AD);  // a 1 GiB page at va 0x80_0000_0000
        assertEquals(0x8000_0010L, PageTableWalk.translate(peek, 9L << 60 | ROOT >>> 12, 0x80_0000_0010L)
                .orElseThrow().pa());
        assertTrue(PageTableWalk.translate(peek, sv39(), 0x80_0000_0010L).isEmpty(), "not canonical in Sv39");
    }

    @Test
    void unreadableTablesAreNotMapped() {
        pte(ROOT, 0, 0x9000_0000L, PageTableEntry.V);
        assertTrue(PageTableWalk.translate(peek, sv39(), 0x1000).isEmpty());
    }

    @Test
    void dumpMergesContiguousPagesWithEqualFlagsAndSignExtends() {
        long l1 = 0x8000_1000L;
        long l0 = 0x8000_2000L;
        pte(ROOT, 0, l1, PageTableEntry.V);
        pte(l1, 0, l0, PageTableEntry.V);
        for (int i = 0; i < 4; i++) {
            pte(l0, i, 0x8010_0000L + 4096L * i, RWX_AD);
        }
        pte(l0, 4, 0x8010_4000L, PageTableEntry.V | PageTableEntry.R | PageTableEntry.A);
        pte(ROOT, 511, 0x8000_0000L, RWX_AD); // top gigapage: va 0xffff_ffff_c000_0000
        List<PageTableDump.Mapping> m = PageTableDump.mappings(peek, sv39(), 100);
        assertEquals(List.of(new PageTableDump.Mapping(0, 0x8010_0000L, 0x4000, RWX_AD),
                new PageTableDump.Mapping(0x4000, 0x8010_4000L, 0x1000, 0x43),
                new PageTableDump.Mapping(0xffff_ffff_c000_0000L, 0x8000_0000L, 1L << 30, RWX_AD)), m);
        assertEquals("0000000000000000 0000000080100000 0000000000004000 DA--XWRV", m.get(0).toString());
    }

    @Test
    void aTableThatPointsToItselfIsWalkedBoundedly() {
        pte(ROOT, 0, ROOT, PageTableEntry.V);
        assertTrue(PageTableDump.mappings(peek, sv39(), 50).isEmpty());
        assertTrue(PageTableWalk.translate(peek, sv39(), 0).isEmpty());
    }
}
