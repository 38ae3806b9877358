package dev.rivet.emulator.cpu.decode;

import dev.rivet.emulator.bus.CodeWriteListener;
import dev.rivet.emulator.bus.PhysicalBus;

/**
 * Decoded instructions of one hart, keyed by physical address: one array per 4 KiB RAM page with
 * a slot per 2-byte parcel. A page's decode is dropped when the bus reports a store into it
 * ({@link CodeWriteListener}: self-modifying code, loaders, DMA) and all are dropped by FENCE.I
 * (unprivileged spec, chapter 3, "Zifencei"). Instructions that straddle two pages are not cached.
 */
public final class DecodeCache implements CodeWriteListener {

    /** Slots per page: one per 2-byte parcel. */
    public static final int SLOTS = 2048;

    private final PhysicalBus bus;
    private final Instruction[][] pages;
    private final Runnable onInvalidate;

    /**
     * @param bus          the bus whose RAM is cached; this cache registers itself as listener
     * @param onInvalidate run whenever a page is dropped (the hart forgets its current fetch page)
     */
    public DecodeCache(PhysicalBus bus, Runnable onInvalidate) {
        this.bus = bus;
        this.pages = new Instruction[(int) (bus.ramSize() >>> PhysicalBus.PAGE_SHIFT)][];
        this.onInvalidate = onInvalidate;
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

    @Override
    public void codePageWritten(int pageIndex) {
        pages[pageIndex] = null;
        onInvalidate.run();
    }

    /** Drops every cached decode (FENCE.I). */
    public void flushAll() {
        java.util.Arrays.fill(pages, null);
        onInvalidate.run();
    }
}
