package dev.rivet.emulator.cpu.decode;

import dev.rivet.emulator.bus.CodeWriteListener;
import dev.rivet.emulator.bus.PhysicalBus;

import java.util.function.IntConsumer;

/**
 * Decoded instructions of one hart, keyed by physical address: one array per 4 KiB RAM page with
 * a slot per 2-byte parcel. A page's decode is dropped when the bus reports a store into it
 * ({@link CodeWriteListener}: self-modifying code, loaders, DMA) and all are dropped by FENCE.I
 * (unprivileged spec, chapter 3, "Zifencei"). Instructions that straddle two pages are not cached.
 */
public final class DecodeCache implements CodeWriteListener {

    /** Slots per page: one per 2-byte parcel. */
    public static final int SLOTS = 2048;
    /** Argument of the drop listener when every page is dropped. */
    public static final int ALL_PAGES = -1;

    private final PhysicalBus bus;
    private final Instruction[][] pages;
    private final IntConsumer onDrop;

    /**
     * @param bus    the bus whose RAM is cached; this cache registers itself as listener
     * @param onDrop told the RAM page index whenever a page is dropped, or {@link #ALL_PAGES}
     *               (the hart forgets its current fetch page and what it derived from the page)
     */
    public DecodeCache(PhysicalBus bus, IntConsumer onDrop) {
        this.bus = bus;
        this.pages = new Instruction[(int) (bus.ramSize() >>> PhysicalBus.PAGE_SHIFT)][];
        this.onDrop = onDrop;
        bus.addCodeWriteListener(this);
    }

    /** The slots of RAM page {@code index}, created (and registered with the bus) on first use. */
    public Instruction[] page(int index) {
        Instruction[] p = pages[index];
        if (p == null) {
            p = new Instruction[SLOTS];
            pages[index] = p;
            bus.markCodePage(index);
        }
        return p;
    }

    /**
     * The instruction at offset {@code ramOffset} from the RAM base (2-byte aligned), decoded and
     * cached on first use; {@code null} for a 32-bit instruction whose second half lies on the
     * next page (such instructions are not cached).
     */
    public Instruction instructionAt(int ramOffset) {
        Instruction[] slots = page(ramOffset >>> PhysicalBus.PAGE_SHIFT);
        int slot = (ramOffset & 0xfff) >>> 1;
        Instruction in = slots[slot];
        if (in != null) {
            return in;
        }
        int bits = bus.fetchRamShort(ramOffset);
        if (InstructionDecoder.isFullLength(bits)) {
            if ((ramOffset & 0xfff) == 0xffe) {
                return null;
            }
            bits = bus.fetchRamInt(ramOffset);
        }
        in = InstructionDecoder.decode(bits);
        slots[slot] = in;
        return in;
    }

    @Override
    public void codePageWritten(int pageIndex) {
        pages[pageIndex] = null;
        onDrop.accept(pageIndex);
    }

    /** Drops every cached decode (FENCE.I). */
    public void flushAll() {
        java.util.Arrays.fill(pages, null);
        onDrop.accept(ALL_PAGES);
    }
}
