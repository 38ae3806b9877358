package dev.rivet.emulator.devices.virtio;

import dev.rivet.emulator.bus.BusErrorException;
import java.util.List;

/**
 * One request: the descriptors from a head index, device-readable ones first, then
 * device-writable ones (virtio 1.1, section 2.6.5 "The Virtqueue Descriptor Table").
 *
 * @param head        the head descriptor's index (what goes into the used ring)
 * @param descriptors the buffers in chain order
 */
public record DescriptorChain(int head, List<Descriptor> descriptors) {

    /** One buffer of guest memory. */
    public record Descriptor(long address, long length, boolean writable) {
    }

    /** The device-readable buffers. */
    public List<Descriptor> readable() {
        return descriptors.stream().filter(d -> !d.writable()).toList();
    }

    /** The device-writable buffers. */
    public List<Descriptor> writable() {
        return descriptors.stream().filter(Descriptor::writable).toList();
    }

    /** The total length of the readable buffers. */
    public long readableLength() {
        return readable().stream().mapToLong(Descriptor::length).sum();
    }

    /** The total length of the writable buffers. */
    public long writableLength() {
        return writable().stream().mapToLong(Descriptor::length).sum();
    }

    /**
     * Copies {@code len} bytes starting {@code offset} bytes into the readable buffers (as one
     * contiguous stream) into {@code into}.
     *
     * @throws BusErrorException if a buffer lies outside RAM
     */
    public void gather(DmaMemory memory, long offset, byte[] into, int from, int len) {
        copy(memory, readable(), offset, into, from, len, false);
    }

    /**
     * Copies {@code len} bytes of {@code data} to {@code offset} bytes into the writable buffers.
     *
     * @throws BusErrorException if a buffer lies outside RAM
     */
    public void scatter(DmaMemory memory, long offset, byte[] data, int from, int len) {
        copy(memory, writable(), offset, data, from, len, true);
    }

    private static void copy(DmaMemory memory, List<Descriptor> buffers, long offset, byte[] bytes, int from,
            int len, boolean toGuest) {
        long skip = offset;
        int done = 0;
        for (Descriptor d : buffers) {
            if (done == len) {
                return;
            }
            if (skip >= d.length()) {
                skip -= d.length();
                continue;
            }
            int n = (int) Math.min(d.length() - skip, len - done);
            if (toGuest) {
                memory.writeBytes(d.address() + skip, bytes, from + done, n);
            } else {
                memory.readBytes(d.address() + skip, bytes, from + done, n);
            }
            done += n;
            skip = 0;
        }
        if (done < len) {
            throw new IllegalArgumentException("copy of " + len + " bytes beyond the chain's buffers");
        }
    }
}
