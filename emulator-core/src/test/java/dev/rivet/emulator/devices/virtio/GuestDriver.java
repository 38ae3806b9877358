package dev.rivet.emulator.devices.virtio;

import dev.rivet.emulator.testing.ByteArrayRam;

/**
 * A minimal virtio-mmio driver written the way a guest kernel would, to exercise the transport
 * from the register level: one queue of 8 entries at fixed RAM addresses.
 */
final class GuestDriver {

    static final long RAM_BASE = 0x80000000L;
    static final long QUEUE = RAM_BASE + 0x10000; // page-aligned for legacy's PFN
    static final int QSIZE = 8;
    static final long DESC = QUEUE;
    static final long AVAIL = QUEUE + 16 * QSIZE;
    static final long USED = QUEUE + 0x1000; // legacy: align_up(avail + 6 + 2 * QSIZE, 4096)
    static final long BUFFERS = RAM_BASE + 0x20000;

    final ByteArrayRam ram;
    final VirtioMmioTransport t;
    final boolean legacy;
    int availIdx;
    int usedSeen;

    GuestDriver(ByteArrayRam ram, VirtioMmioTransport t, boolean legacy) {
        this.ram = ram;
        this.t = t;
        this.legacy = legacy;
    }

    /** The initialisation sequence of virtio 1.1 section 3.1.1 (or 3.1.2 for legacy). */
    boolean initialise(long wantedFeatures) {
        t.store(0x70, 4, 0);
        availIdx = 0; // fresh rings, as a driver allocates them
        ram.writeLong(AVAIL + 2, 2, 0);
        ram.writeLong(USED + 2, 2, 0);
        t.store(0x70, 4, 1); // ACKNOWLEDGE
        t.store(0x70, 4, 1 | 2); // DRIVER
        t.store(0x14, 4, 0);
        long offered = t.load(0x10, 4);
        t.store(0x14, 4, 1);
        offered |= t.load(0x10, 4) << 32;
        long accepted = offered & wantedFeatures;
        t.store(0x24, 4, 0);
        t.store(0x20, 4, accepted & 0xffff_ffffL);
        t.store(0x24, 4, 1);
        t.store(0x20, 4, accepted >>> 32);
        if (!legacy) {
            t.store(0x70, 4, 1 | 2 | 8);
            if ((t.load(0x70, 4) & 8) == 0) {
                return false;
            }
        } else {
            t.store(0x28, 4, 4096);
        }
        t.store(0x30, 4, 0);
        t.store(0x38, 4, QSIZE);
        if (legacy) {
            t.store(0x3c, 4, 4096);
            t.store(0x40, 4, QUEUE >>> 12);
        } else {
            t.store(0x80, 4, DESC & 0xffff_ffffL);
            t.store(0x84, 4, DESC >>> 32);
            t.store(0x90, 4, AVAIL & 0xffff_ffffL);
            t.store(0x94, 4, AVAIL >>> 32);
            t.store(0xa0, 4, USED & 0xffff_ffffL);
            t.store(0xa4, 4, USED >>> 32);
            t.store(0x44, 4, 1);
        }
        t.store(0x70, 4, t.load(0x70, 4) | 4); // DRIVER_OK
        return true;
    }

    void descriptor(int index, long addr, long len, int flags, int next) {
        descriptorAt(DESC, index, addr, len, flags, next);
    }

    /** Makes {@code head} available and notifies queue 0. */
    void submit(int head) {
        submit(head, 1);
    }

    /** Puts {@code head} in the next available slot, moves the available index by {@code advance}, notifies. */
    void submit(int head, int advance) {
        ram.writeLong(AVAIL + 4 + 2L * (availIdx % QSIZE), 2, head);
        availIdx += advance;
        ram.writeLong(AVAIL + 2, 2, availIdx & 0xffff);
        t.store(0x50, 4, 0);
    }

    /** Writes descriptor {@code index} of a table at {@code table} (an indirect one, say). */
    void descriptorAt(long table, int index, long addr, long len, int flags, int next) {
        long at = table + 16L * index;
        ram.writeLong(at, 8, addr);
        ram.writeLong(at + 8, 4, len);
        ram.writeLong(at + 12, 2, flags);
        ram.writeLong(at + 14, 2, next);
    }

    /**
     * Points queue 0's descriptor table at {@code desc} (legacy: the page {@code desc >>> 12},
     * which moves the other rings with it), leaving the rest of the set-up as it was.
     */
    void moveDescriptorTable(long desc) {
        t.store(0x30, 4, 0);
        if (legacy) {
            t.store(0x40, 4, desc >>> 12);
        } else {
            t.store(0x44, 4, 0);
            t.store(0x80, 4, desc & 0xffff_ffffL);
            t.store(0x84, 4, desc >>> 32);
            t.store(0x44, 4, 1);
        }
    }

    int usedIdx() {
        return (int) ram.readLong(USED + 2, 2);
    }

    /** The length the device reported for used element {@code n}. */
    long usedLength(int n) {
        return ram.readLong(USED + 4 + 8L * (n % QSIZE) + 4, 4);
    }

    long usedId(int n) {
        return ram.readLong(USED + 4 + 8L * (n % QSIZE), 4);
    }

    /**
     * A three-descriptor block request: header at BUFFERS, data at BUFFERS+0x100 (device-writable
     * for reads), status at BUFFERS+0x80. Returns the status byte.
     */
    int blockRequest(int type, long sector, long dataAddr, long dataLen, boolean deviceWritesData) {
        long header = BUFFERS;
        long status = BUFFERS + 0x80;
        ram.writeLong(header, 4, type);
        ram.writeLong(header + 4, 4, 0);
        ram.writeLong(header + 8, 8, sector);
        ram.writeLong(status, 1, 0xff);
        descriptor(0, header, 16, 1, 1);
        descriptor(1, dataAddr, dataLen, 1 | (deviceWritesData ? 2 : 0), 2);
        descriptor(2, status, 1, 2, 0);
        submit(0);
        return (int) ram.readLong(status, 1);
    }
}
