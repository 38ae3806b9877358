package dev.rivet.emulator.devices.virtio;

import dev.rivet.emulator.bus.BusErrorException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * The device side of one split virtqueue (virtio 1.1, section 2.6): the descriptor table, the
 * available ring the driver fills and the used ring the device fills, at the guest-physical
 * addresses the transport configured. Knows nothing about the transport or the device type.
 *
 * <p>Descriptor layout (16 bytes): addr u64, len u32, flags u16 (NEXT 1, WRITE 2, INDIRECT 4),
 * next u16. Available ring: flags u16, idx u16, ring[size] u16. Used ring: flags u16, idx u16,
 * ring[size] of {id u32, len u32}. Indirect descriptor tables are followed
 * ({@link #readChain}); event indices are not offered, so the rings' flags and event fields are
 * not used.
 */
public final class Virtqueue {

    static final int DESC_F_NEXT = 1;
    static final int DESC_F_WRITE = 2;
    static final int DESC_F_INDIRECT = 4;
    /** The most buffers one request may have ({@code VIRTQUEUE_MAX_SIZE} in QEMU 7.2). */
    public static final int MAX_CHAIN = 1024;

    private final DmaMemory memory;
    private final int maxSize;
    private int size;
    private long descTable;
    private long availRing;
    private long usedRing;
    private boolean ready;
    private int lastAvailIdx;
    private int usedIdx;

    /**
     * @param memory  guest memory
     * @param maxSize the largest queue the device accepts (QueueNumMax)
     */
    public Virtqueue(DmaMemory memory, int maxSize) {
        this.memory = memory;
        this.maxSize = maxSize;
    }

    public int maxSize() {
        return maxSize;
    }

    public int size() {
        return size;
    }

    /** Sets the number of entries; a size the device does not accept leaves the queue unusable. */
    public void setSize(int size) {
        this.size = size;
    }

    public long descTable() {
        return descTable;
    }

    public long availRing() {
        return availRing;
    }

    public long usedRing() {
        return usedRing;
    }

    public void setAddresses(long desc, long avail, long used) {
        this.descTable = desc;
        this.availRing = avail;
        this.usedRing = used;
    }

    public void setDescTable(long desc) {
        this.descTable = desc;
    }

    public void setAvailRing(long avail) {
        this.availRing = avail;
    }

    public void setUsedRing(long used) {
        this.usedRing = used;
    }

    public boolean isReady() {
        return ready;
    }

    /** Enables or disables the queue; enabling starts at the rings' current positions (zero after reset). */
    public void setReady(boolean ready) {
        this.ready = ready;
    }

    /** Forgets all configuration (device reset). */
    public void reset() {
        size = 0;
        descTable = availRing = usedRing = 0;
        ready = false;
        lastAvailIdx = 0;
        usedIdx = 0;
    }

    private boolean usable() {
        return ready && size > 0 && size <= maxSize && Integer.bitCount(size) == 1;
    }

    /**
     * The next chain the driver made available, or empty if there is none (or the queue is not
     * usable).
     *
     * @throws VirtqueueException if the rings or the chain are malformed
     */
    public OptionalInt nextAvailableHead() throws VirtqueueException {
        if (!usable()) {
            return OptionalInt.empty();
        }
        int availIdx = (int) read(availRing + 2, 2);
        if (availIdx == lastAvailIdx) {
            return OptionalInt.empty();
        }
        if (((availIdx - lastAvailIdx) & 0xffff) > size) {
            throw new VirtqueueException("available index moved by more than the queue size");
        }
        int head = (int) read(availRing + 4 + 2L * (lastAvailIdx % size), 2);
        lastAvailIdx = (lastAvailIdx + 1) & 0xffff;
        if (head >= size) {
            throw new VirtqueueException("available ring names descriptor " + head + " of " + size);
        }
        return OptionalInt.of(head);
    }

    /**
     * Walks the chain starting at {@code head}. A head descriptor with the INDIRECT flag names a
     * table of descriptors in guest memory (virtio 1.1, section 2.6.5.3), which then holds the
     * whole chain from its entry 0; as in QEMU 7.2 ({@code virtqueue_split_pop}) the table is
     * followed whether or not VIRTIO_RING_F_INDIRECT_DESC was negotiated, the head's NEXT and
     * WRITE flags are ignored, and an INDIRECT flag anywhere but on the head means nothing.
     *
     * @throws VirtqueueException for an index beyond the table, a loop (more descriptors than the
     *                            table holds), an indirect table whose length is not a whole
     *                            number of descriptors, more than {@link #MAX_CHAIN} descriptors,
     *                            a readable buffer after a writable one, or a table outside RAM
     */
    public DescriptorChain readChain(int head) throws VirtqueueException {
        List<DescriptorChain.Descriptor> list = new ArrayList<>();
        long table = descTable;
        int entries = size;
        int index = head;
        long at = table + 16L * index;
        if ((read(at + 12, 2) & DESC_F_INDIRECT) != 0) {
            long tableBytes = read(at + 8, 4);
            if (tableBytes == 0 || tableBytes % 16 != 0) {
                throw new VirtqueueException(
                        "indirect table of " + tableBytes + " bytes (not a whole number of descriptors)");
            }
            table = read(at, 8);
            entries = (int) Math.min(tableBytes / 16, Integer.MAX_VALUE);
            index = 0;
        }
        boolean sawWritable = false;
        while (true) {
            if (list.size() >= entries) {
                throw new VirtqueueException("descriptor chain from " + head + " loops");
            }
            if (list.size() >= MAX_CHAIN) {
                throw new VirtqueueException("descriptor chain from " + head + " has more than " + MAX_CHAIN
                        + " descriptors");
            }
            at = table + 16L * index;
            long addr = read(at, 8);
            long len = read(at + 8, 4);
            int flags = (int) read(at + 12, 2);
            int next = (int) read(at + 14, 2);
            boolean writable = (flags & DESC_F_WRITE) != 0;
            if (!writable && sawWritable) {
                throw new VirtqueueException("device-readable descriptor after a device-writable one");
            }
            sawWritable |= writable;
            list.add(new DescriptorChain.Descriptor(addr, len, writable));
            if ((flags & DESC_F_NEXT) == 0) {
                return new DescriptorChain(head, List.copyOf(list));
            }
            if (next >= entries) {
                throw new VirtqueueException("descriptor " + index + " chains to " + next + " of " + entries);
            }
            index = next;
        }
    }

    /**
     * Returns a chain to the driver with {@code written} bytes written into its writable buffers.
     *
     * @throws VirtqueueException if the used ring is outside RAM
     */
    public void pushUsed(int head, int written) throws VirtqueueException {
        long elem = usedRing + 4 + 8L * (usedIdx % size);
        write(elem, 4, head);
        write(elem + 4, 4, written & 0xffff_ffffL);
        usedIdx = (usedIdx + 1) & 0xffff;
        write(usedRing + 2, 2, usedIdx);
    }

    private long read(long pa, int n) throws VirtqueueException {
        try {
            return memory.readLittleEndian(pa, n);
        } catch (BusErrorException e) {
            throw new VirtqueueException("virtqueue structure at 0x" + Long.toHexString(pa) + " is outside RAM");
        }
    }

    private void write(long pa, int n, long v) throws VirtqueueException {
        try {
            memory.writeLittleEndian(pa, n, v);
        } catch (BusErrorException e) {
            throw new VirtqueueException("virtqueue structure at 0x" + Long.toHexString(pa) + " is outside RAM");
        }
    }
}
