package dev.rivet.emulator.devices.virtio.blk;

import java.io.Closeable;
import java.io.IOException;

/**
 * The storage behind a block device: a byte array of fixed length, read and written at byte
 * offsets. Implementations report host failures as {@link IOException}; the block device turns
 * them into VIRTIO_BLK_S_IOERR for the guest.
 */
public interface BlockBackend extends Closeable {

    /** The size in bytes. */
    long length();

    /** Whether writes are refused. */
    boolean isReadOnly();

    /** Fills {@code into[from..from+len)} from {@code position}. */
    void read(long position, byte[] into, int from, int len) throws IOException;

    /** Writes {@code data[from..from+len)} at {@code position}. */
    void write(long position, byte[] data, int from, int len) throws IOException;

    /** Makes every completed write durable (VIRTIO_BLK_T_FLUSH). */
    void flush() throws IOException;

    /** Flushes and releases the backing store. Idempotent. */
    @Override
    void close() throws IOException;
}
