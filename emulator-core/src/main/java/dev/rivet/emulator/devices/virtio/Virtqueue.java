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
 * ring[size] of {id u32, len u32}. Rivet negotiates neither indirect descriptors nor event
 * indices, so an INDIRECT descriptor is a driver error.
 */
public final class Virtqueue {

    static final int DESC_F_NEXT = 1;
    static final int DESC_F_WRITE = 2;
    static final int DESC_F_INDIRECT = 4;

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
     * Walks the chain starting at {@code head}.
     *
     * @throws VirtqueueException for an index beyond the table, a loop (more descriptors than the
     *                            table holds), an indirect descriptor, a readable buffer after a
     *                            writable one, or a table outside RAM
     */
    public DescriptorChain readChain(int head) throws VirtqueueException {
        List<DescriptorChain.Descriptor> list = new ArrayList<>();
        int index = head;
        boolean sawWritable = false;
        while (true) {
            if (list.size() >= size) {
                throw new VirtqueueException("descriptor chain from " + head + " loops");
            }
            long at = descTable + 16L * index;
            long addr = read(at, 8);
            long len = read(at + 8, 4);
            int flags = (int) read(at + 12, 2);
            int next = (int) read(at + 14, 2);
            if ((flags & DESC_F_INDIRECT) != 0) {
                throw new VirtqueueException("indirect descriptor, which was not negotiated");
            }
            boolean writable = (flags & DESC_F_WRITE) != 0;
            if (!writable && sawWritable) {
                throw new VirtqueueException("device-readable descriptor after a device-writable one");
            }
            sawWritable |= writable;
            list.add(new DescriptorChain.Descriptor(addr, len, writable));
            if ((flags & DESC_F_NEXT) == 0) {
                return new DescriptorChain(head, List.copyOf(list));
            }
            if (next >= size) {
                throw new VirtqueueException("descriptor " + index + " chains to " + next + " of " + size);
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
