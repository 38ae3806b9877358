package dev.rivet.emulator.testing;

import dev.rivet.emulator.bus.BusErrorException;
import dev.rivet.emulator.devices.virtio.DmaMemory;
import dev.rivet.emulator.loader.PhysicalMemoryWriter;

/** RAM as a byte array at a base address, for loader and DMA tests. */
public final class ByteArrayRam implements PhysicalMemoryWriter, DmaMemory {

    public final long base;
    public final byte[] bytes;

    public ByteArrayRam(long base, int size) {
        this.base = base;
        this.bytes = new byte[size];
    }

    @Override
    public void writeBytes(long pa, byte[] data, int from, int len) {
        long off = pa - base;
        if (off < 0 || off + len > bytes.length || len < 0) {
            throw new BusErrorException(pa, "outside RAM");
        }
        System.arraycopy(data, from, bytes, (int) off, len);
    }

    @Override
    public void readBytes(long pa, byte[] into, int from, int len) {
        long off = pa - base;
        if (off < 0 || off + len > bytes.length || len < 0) {
            throw new BusErrorException(pa, "outside RAM");
        }
        System.arraycopy(bytes, (int) off, into, from, len);
    }

    public long readLong(long pa, int size) {
        long v = 0;
        for (int i = size - 1; i >= 0; i--) {
            v = (v << 8) | (bytes[(int) (pa - base) + i] & 0xff);
        }
        return v;
    }

    public void writeLong(long pa, int size, long value) {
        for (int i = 0; i < size; i++) {
            bytes[(int) (pa - base) + i] = (byte) (value >>> (8 * i));
        }
    }
}
