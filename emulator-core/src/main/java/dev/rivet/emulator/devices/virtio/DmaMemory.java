package dev.rivet.emulator.devices.virtio;

/**
 * Guest physical memory as a device sees it for DMA: byte ranges of RAM. Implemented by the
 * machine's bus ({@code PhysicalBus::readBytes} / {@code writeBytes}).
 *
 * <p>Both methods throw {@link dev.rivet.emulator.bus.BusErrorException} when any byte of the
 * range is not RAM; callers on guest-controlled paths turn that into the device error the
 * virtio specification prescribes.
 */
public interface DmaMemory {

    /** Copies {@code len} bytes at {@code pa} into {@code into[from..]}. */
    void readBytes(long pa, byte[] into, int from, int len);

    /** Copies {@code len} bytes of {@code data[from..]} to {@code pa}. */
    void writeBytes(long pa, byte[] data, int from, int len);

    /** A little-endian value of {@code size} bytes (2, 4 or 8) at {@code pa}. */
    default long readLittleEndian(long pa, int size) {
        byte[] b = new byte[size];
        readBytes(pa, b, 0, size);
        long v = 0;
        for (int i = size - 1; i >= 0; i--) {
            v = (v << 8) | (b[i] & 0xff);
        }
        return v;
    }

    /** Writes the low {@code size} bytes of {@code value}, little-endian, at {@code pa}. */
    default void writeLittleEndian(long pa, int size, long value) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (value >>> (8 * i));
        }
        writeBytes(pa, b, 0, size);
    }
}
