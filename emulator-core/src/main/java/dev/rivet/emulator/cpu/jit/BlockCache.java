package dev.rivet.emulator.cpu.jit;

import dev.rivet.emulator.bus.PhysicalBus;
import dev.rivet.emulator.cpu.decode.DecodeCache;
import dev.rivet.emulator.cpu.decode.Instruction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The translated blocks of one hart, keyed like the {@link DecodeCache} by physical RAM page and
 * 2-byte slot, with a counter per slot of how often execution entered a block there. A block is
 * translated once its start has been entered {@link #threshold()} times (so code that runs a few
 * times is only interpreted); a start that cannot begin a block is not tried again. The hart
 * drops a page's blocks whenever the decode cache drops the page (a store into it, FENCE.I).
 */
public final class BlockCache {

    /** Entries before a block is translated when nothing else is set. */
    public static final int DEFAULT_THRESHOLD = 64;
    private static final short NEVER = Short.MIN_VALUE;

    /** The blocks and entry counts of one RAM page. */
    public static final class Page {
        private final TranslatedBlock[] blocks = new TranslatedBlock[DecodeCache.SLOTS];
        private final short[] entries = new short[DecodeCache.SLOTS];

        /** The block starting at {@code slot} (2-byte parcel index in the page), or {@code null}. */
        public TranslatedBlock block(int slot) {
            return blocks[slot];
        }
    }

    private final DecodeCache decodeCache;
    private final BlockTranslator translator;
    private final Page[] pages;
    private int threshold = DEFAULT_THRESHOLD;
    private long translated;

    public BlockCache(PhysicalBus bus, DecodeCache decodeCache, BlockTranslator translator) {
        this.decodeCache = decodeCache;
        this.translator = translator;
        this.pages = new Page[(int) (bus.ramSize() >>> PhysicalBus.PAGE_SHIFT)];
    }

    /** Entries before translation; 0 turns translation off. */
    public int threshold() {
        return threshold;
    }

    /** Sets the entries before translation (1 translates at the first entry, 0 never translates). */
    public void setThreshold(int entries) {
        if (entries < 0 || entries > Short.MAX_VALUE) {
            throw new IllegalArgumentException("threshold must be 0.." + Short.MAX_VALUE + ", was " + entries);
        }
        threshold = entries;
        dropAll();
    }

    /** Blocks translated since construction (statistics for tests and benchmarks). */
    public long translatedCount() {
        return translated;
    }

    /** The blocks of RAM page {@code index}, created on first use. */
    public Page page(int index) {
        Page p = pages[index];
        if (p == null) {
            p = new Page();
            pages[index] = p;
        }
        return p;
    }

    /**
     * Counts an entry into the code at {@code ramOffset} (offset from the RAM base), which lies in
     * {@code page} and has no block yet; translates the block there when this entry makes it hot.
     *
     * @return the new block, or {@code null} if it is not (yet) translated
     */
    public TranslatedBlock enter(Page page, int ramOffset) {
        if (threshold == 0) {
            return null;
        }
        int slot = (ramOffset & 0xfff) >>> 1;
        int count = page.entries[slot];
        if (count == NEVER) {
            return null;
        }
        if (count + 1 < threshold) {
            page.entries[slot] = (short) (count + 1);
            return null;
        }
        List<Instruction> block = blockAt(ramOffset);
        if (block.isEmpty()) {
            page.entries[slot] = NEVER;
            return null;
        }
        TranslatedBlock b = translator.translate(block);
        translated++;
        page.blocks[slot] = b;
        return b;
    }

    /** The instructions of the block starting at {@code ramOffset}: up to a branch, a system instruction or the page end. */
    private List<Instruction> blockAt(int ramOffset) {
        List<Instruction> list = new ArrayList<>();
        int end = (ramOffset | 0xfff) + 1;
        int off = ramOffset;
        while (list.size() < BlockTranslator.MAX_INSTRUCTIONS && off < end) {
            Instruction in = decodeCache.instructionAt(off);
            if (in == null || !BlockTranslator.canTranslate(in)) {
                break;
            }
            list.add(in);
            off += in.length;
            if (BlockTranslator.endsBlock(in)) {
                break;
            }
        }
        return list;
    }

    /** Drops the blocks of RAM page {@code index}, or of all pages for {@link DecodeCache#ALL_PAGES}. */
    public void drop(int index) {
        if (index == DecodeCache.ALL_PAGES) {
            dropAll();
        } else {
            pages[index] = null;
        }
    }

    private void dropAll() {
        Arrays.fill(pages, null);
    }
}
