package dev.rivet.emulator.devices.virtio.blk;

import dev.rivet.emulator.bus.BusErrorException;
import dev.rivet.emulator.devices.virtio.DescriptorChain;
import dev.rivet.emulator.devices.virtio.DmaMemory;
import dev.rivet.emulator.devices.virtio.VirtioDevice;
import dev.rivet.emulator.devices.virtio.Virtqueue;
import dev.rivet.emulator.devices.virtio.VirtqueueException;
import java.io.IOException;
import java.util.List;
import java.util.OptionalInt;

/**
 * A virtio block device (virtio 1.1, section 5.2) over a {@link BlockBackend}.
 *
 * <p>Requests: a 16-byte header {type u32, reserved u32, sector u64} in device-readable buffers,
 * then for OUT the data (readable), for IN and GET_ID the data (writable), and finally one
 * writable status byte. Supported types: IN (0), OUT (1), FLUSH (4), GET_ID (8, 20 bytes);
 * others answer UNSUPP. A request whose data is not a whole number of 512-byte sectors, which
 * reaches past the disk's end, whose buffers lie outside RAM, or that writes a read-only disk
 * answers IOERR (section 5.2.6). As QEMU 7.2 ({@code virtio_blk_handle_request}), a chain with
 * no readable or no writable descriptor, a header shorter than 16 bytes or a last writable
 * descriptor of length 0 cannot be answered and is a queue error (the device needs a reset).
 * QEMU answers OK to buffers outside RAM (it bounces them through a scratch buffer, reading
 * junk and dropping writes); Rivet answers IOERR.
 *
 * <p>Features offered: SEG_MAX, BLK_SIZE, FLUSH, RING_INDIRECT_DESC, and RO for a read-only disk
 * (QEMU 7.2 also offers GEOMETRY, TOPOLOGY, CONFIG_WCE, DISCARD, WRITE_ZEROES and EVENT_IDX).
 */
public final class VirtioBlockDevice implements VirtioDevice {

    public static final int DEVICE_ID = 2;
    public static final int SECTOR_SIZE = 512;
    public static final long F_SEG_MAX = 1L << 2;
    public static final long F_RO = 1L << 5;
    public static final long F_BLK_SIZE = 1L << 6;
    public static final long F_FLUSH = 1L << 9;
    /** VIRTIO_RING_F_INDIRECT_DESC (virtio 1.1, section 6), which QEMU 7.2's virtio-blk offers. */
    public static final long F_INDIRECT_DESC = 1L << 28;

    public static final int T_IN = 0;
    public static final int T_OUT = 1;
    public static final int T_FLUSH = 4;
    public static final int T_GET_ID = 8;
    public static final int S_OK = 0;
    public static final int S_IOERR = 1;
    public static final int S_UNSUPP = 2;
    public static final int ID_BYTES = 20;
    /** QEMU's virtio-blk {@code queue-size} (256), which sets seg_max. */
    public static final int QUEUE_SIZE = 256;
    private static final int HEADER_BYTES = 16;
    /** Requests are copied between guest and disk in pieces of this size. */
    private static final int CHUNK_BYTES = 64 * 1024;

    private final BlockBackend backend;
    private final DmaMemory memory;
    private final String serial;

    /**
     * @param backend the disk
     * @param memory  guest memory for the data buffers
     * @param serial  what GET_ID returns (at most 20 bytes used; empty as QEMU without serial=)
     */
    public VirtioBlockDevice(BlockBackend backend, DmaMemory memory, String serial) {
        this.backend = backend;
        this.memory = memory;
        this.serial = serial;
    }

    @Override
    public int deviceId() {
        return DEVICE_ID;
    }

    @Override
    public long features() {
        return F_SEG_MAX | F_BLK_SIZE | F_FLUSH | F_INDIRECT_DESC | (backend.isReadOnly() ? F_RO : 0);
    }

    @Override
    public int queueCount() {
        return 1;
    }

    /** Capacity in 512-byte sectors. */
    public long capacity() {
        return backend.length() / SECTOR_SIZE;
    }

    @Override
    public long readConfig(int offset, int size) {
        // struct virtio_blk_config: capacity u64 @0, size_max u32 @8, seg_max u32 @12,
        // geometry @16 (4 bytes), blk_size u32 @20.
        byte[] config = new byte[24];
        put(config, 0, 8, capacity());
        put(config, 12, 4, QUEUE_SIZE - 2);
        put(config, 20, 4, SECTOR_SIZE);
        long v = 0;
        for (int i = size - 1; i >= 0; i--) {
            int at = offset + i;
            v = (v << 8) | (at >= 0 && at < config.length ? config[at] & 0xff : 0);
        }
        return v;
    }

    private static void put(byte[] b, int at, int n, long v) {
        for (int i = 0; i < n; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }

    @Override
    public void writeConfig(int offset, int size, long value) {
        // every field Rivet offers is read-only
    }

    @Override
    public void acknowledgeFeatures(long accepted) {
        // nothing changes with the negotiated set
    }

    @Override
    public void reset() {
        // no state beyond the queues, which the transport resets
    }

    @Override
    public boolean processQueue(Virtqueue queue) throws VirtqueueException {
        boolean any = false;
        OptionalInt head;
        while ((head = queue.nextAvailableHead()).isPresent()) {
            DescriptorChain chain = queue.readChain(head.getAsInt());
            int written = handle(chain);
            queue.pushUsed(chain.head(), written);
            any = true;
        }
        return any;
    }

    /** Serves one request; returns the number of bytes written to the chain's writable buffers. */
    private int handle(DescriptorChain chain) throws VirtqueueException {
        List<DescriptorChain.Descriptor> writableBuffers = chain.writable();
        if (chain.readable().isEmpty() || writableBuffers.isEmpty()) {
            throw new VirtqueueException("block request without a header or a status byte");
        }
        if (chain.readableLength() < HEADER_BYTES) {
            throw new VirtqueueException("block request header shorter than " + HEADER_BYTES + " bytes");
        }
        if (writableBuffers.getLast().length() < 1) {
            throw new VirtqueueException("block request whose last writable buffer has no room for a status byte");
        }
        long statusOffset = chain.writableLength() - 1;
        int written = 1;
        int status;
        try {
            byte[] header = new byte[HEADER_BYTES];
            chain.gather(memory, 0, header, 0, HEADER_BYTES);
            int type = (int) get(header, 0, 4);
            long sector = get(header, 8, 8);
            Outcome o = switch (type) {
                case T_IN -> read(chain, sector, statusOffset);
                case T_OUT -> write(chain, sector);
                case T_FLUSH -> flush();
                case T_GET_ID -> getId(chain, statusOffset);
                default -> new Outcome(S_UNSUPP, 0);
            };
            status = o.status;
            written += o.dataWritten;
        } catch (BusErrorException e) {
            status = S_IOERR;
            written = 1;
        }
        try {
            chain.scatter(memory, statusOffset, new byte[] {(byte) status}, 0, 1);
        } catch (BusErrorException e) {
            throw new VirtqueueException("block request's status byte is outside RAM");
        }
        return written;
    }

    private record Outcome(int status, int dataWritten) {
    }

    private Outcome read(DescriptorChain chain, long sector, long dataLength) {
        if (dataLength % SECTOR_SIZE != 0 || !inRange(sector, dataLength)) {
            return new Outcome(S_IOERR, 0);
        }
        byte[] chunk = new byte[(int) Math.min(dataLength, CHUNK_BYTES)];
        for (long done = 0; done < dataLength; done += chunk.length) {
            int n = (int) Math.min(chunk.length, dataLength - done);
            try {
                backend.read(sector * SECTOR_SIZE + done, chunk, 0, n);
            } catch (IOException e) {
                return new Outcome(S_IOERR, (int) done);
            }
            chain.scatter(memory, done, chunk, 0, n);
        }
        return new Outcome(S_OK, (int) dataLength);
    }

    private Outcome write(DescriptorChain chain, long sector) {
        long dataLength = chain.readableLength() - HEADER_BYTES;
        if (backend.isReadOnly() || dataLength % SECTOR_SIZE != 0 || !inRange(sector, dataLength)) {
            return new Outcome(S_IOERR, 0);
        }
        byte[] chunk = new byte[(int) Math.min(dataLength, CHUNK_BYTES)];
        for (long done = 0; done < dataLength; done += chunk.length) {
            int n = (int) Math.min(chunk.length, dataLength - done);
            chain.gather(memory, HEADER_BYTES + done, chunk, 0, n);
            try {
                backend.write(sector * SECTOR_SIZE + done, chunk, 0, n);
            } catch (IOException e) {
                return new Outcome(S_IOERR, 0);
            }
        }
        return new Outcome(S_OK, 0);
    }

    private Outcome flush() {
        try {
            backend.flush();
            return new Outcome(S_OK, 0);
        } catch (IOException e) {
            return new Outcome(S_IOERR, 0);
        }
    }

    /**
     * GET_ID: the serial, NUL-terminated when shorter than 20 bytes (virtio 1.1, section 5.2.6).
     * As QEMU 7.2, nothing is written after the terminating NUL: the rest of the buffer keeps
     * what the driver left there.
     */
    private Outcome getId(DescriptorChain chain, long dataLength) {
        byte[] id = new byte[ID_BYTES];
        byte[] s = serial.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(s, 0, id, 0, Math.min(s.length, ID_BYTES));
        int n = (int) Math.min(dataLength, Math.min(s.length + 1, ID_BYTES));
        chain.scatter(memory, 0, id, 0, n);
        return new Outcome(S_OK, n);
    }

    private boolean inRange(long sector, long length) {
        long sectors = length / SECTOR_SIZE;
        return sector >= 0 && sectors <= capacity() && sector <= capacity() - sectors
                && length < Integer.MAX_VALUE;
    }

    private static long get(byte[] b, int at, int n) {
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = (v << 8) | (b[at + i] & 0xff);
        }
        return v;
    }
}
