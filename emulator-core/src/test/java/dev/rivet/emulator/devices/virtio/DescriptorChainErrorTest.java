package dev.rivet.emulator.devices.virtio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivet.emulator.devices.virtio.blk.RawImageBackend;
import dev.rivet.emulator.devices.virtio.blk.VirtioBlockDevice;
import dev.rivet.emulator.testing.ByteArrayRam;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed requests get the status the virtio specification prescribes: a chain that can be
 * answered gets VIRTIO_BLK_S_IOERR (section 5.2.6); one that cannot (loops, indices beyond the
 * queue, queue structures outside RAM, no status byte) sets DEVICE_NEEDS_RESET with a
 * configuration-change interrupt (section 2.1.2). Never a host exception.
 */
class DescriptorChainErrorTest {

    static final long DATA = GuestDriver.BUFFERS + 0x1000;
    static final long OUTSIDE_RAM = 0x1_0000_0000L;

    @TempDir
    Path dir;

    final ByteArrayRam ram = new ByteArrayRam(GuestDriver.RAM_BASE, 1 << 20);
    final DmaMemory dma = new DmaMemory() {
        @Override
        public void readBytes(long pa, byte[] into, int from, int len) {
            ram.readBytes(pa, into, from, len);
        }

        @Override
        public void writeBytes(long pa, byte[] data, int from, int len) {
            ram.writeBytes(pa, data, from, len);
        }
    };
    RawImageBackend disk;
    GuestDriver d;
    boolean irq;

    @BeforeEach
    void setUp() throws Exception {
        Path img = dir.resolve("d.img");
        Files.write(img, new byte[8 * 512]);
        disk = RawImageBackend.open(img, false);
        d = new GuestDriver(ram, new VirtioMmioTransport(false, new VirtioBlockDevice(disk, dma, ""), dma,
                level -> irq = level), false);
        assertTrue(d.initialise(~0L));
    }

    @AfterEach
    void tearDown() throws Exception {
        disk.close();
    }

    private void assertNeedsReset() {
        assertTrue((d.t.load(0x70, 4) & VirtioMmioTransport.STATUS_DEVICE_NEEDS_RESET) != 0, "DEVICE_NEEDS_RESET");
        assertEquals(VirtioMmioTransport.INT_CONFIG_CHANGE, d.t.load(0x60, 4) & 2);
        assertTrue(irq);
    }

    @Test
    void loopingChainNeedsReset() {
        d.descriptor(0, GuestDriver.BUFFERS, 16, 1, 1);
        d.descriptor(1, DATA, 512, 1 | 2, 0); // points back to 0
        d.submit(0);
        assertNeedsReset();
        assertEquals(0, d.usedIdx());
    }

    @Test
    void nextIndexBeyondTheQueueNeedsReset() {
        d.descriptor(0, GuestDriver.BUFFERS, 16, 1, GuestDriver.QSIZE);
        d.submit(0);
        assertNeedsReset();
    }

    @Test
    void headIndexBeyondTheQueueNeedsReset() {
        d.submit(200);
        assertNeedsReset();
    }

    @Test
    void descriptorTableOutsideRamNeedsResetAndTheDeviceRecoversAfterReset() {
        d.t.store(0x70, 4, 0);
        d.t.store(0x70, 4, 1 | 2);
        d.t.store(0x24, 4, 1);
        d.t.store(0x20, 4, 1);
        d.t.store(0x70, 4, 1 | 2 | 8);
        d.t.store(0x38, 4, GuestDriver.QSIZE);
        d.t.store(0x80, 4, 0);
        d.t.store(0x84, 4, 1); // desc table at 4 GiB
        d.t.store(0x90, 4, GuestDriver.AVAIL);
        d.t.store(0xa0, 4, GuestDriver.USED);
        d.t.store(0x44, 4, 1);
        d.t.store(0x70, 4, 15);
        d.availIdx = 0;
        ram.writeLong(GuestDriver.AVAIL + 2, 2, 0);
        d.submit(0);
        assertNeedsReset();
        d.availIdx = 0;
        ram.writeLong(GuestDriver.AVAIL + 2, 2, 0);
        assertTrue(d.initialise(~0L));
        assertFalse(irq);
        assertEquals(VirtioBlockDevice.S_OK, d.blockRequest(VirtioBlockDevice.T_IN, 0, DATA, 512, true));
    }

    @Test
    void dataBufferOutsideRamIsAnIoError() {
        assertEquals(VirtioBlockDevice.S_IOERR, d.blockRequest(VirtioBlockDevice.T_IN, 0, OUTSIDE_RAM, 512, true));
        assertEquals(VirtioBlockDevice.S_IOERR, d.blockRequest(VirtioBlockDevice.T_OUT, 0, OUTSIDE_RAM, 512, false));
        assertEquals(2, d.usedIdx());
        assertEquals(0, d.t.load(0x70, 4) & VirtioMmioTransport.STATUS_DEVICE_NEEDS_RESET);
    }

    @Test
    void badLengthsAreIoErrors() {
        assertEquals(VirtioBlockDevice.S_IOERR, d.blockRequest(VirtioBlockDevice.T_IN, 0, DATA, 100, true),
                "not a whole sector");
        assertEquals(VirtioBlockDevice.S_IOERR, d.blockRequest(VirtioBlockDevice.T_IN, 7, DATA, 1024, true),
                "past the end of the disk");
        assertEquals(VirtioBlockDevice.S_IOERR, d.blockRequest(VirtioBlockDevice.T_IN, -1, DATA, 512, true),
                "sector 2^64-1");
        assertEquals(VirtioBlockDevice.S_IOERR, d.blockRequest(VirtioBlockDevice.T_IN, 0, DATA, 0xffff_fe00L, true),
                "a 4 GiB buffer");
        // header descriptor only 8 bytes long
        ram.writeLong(GuestDriver.BUFFERS + 0x80, 1, 0xff);
        d.descriptor(0, GuestDriver.BUFFERS, 8, 1, 1);
        d.descriptor(1, GuestDriver.BUFFERS + 0x80, 1, 2, 0);
        d.submit(0);
        assertEquals(VirtioBlockDevice.S_IOERR, ram.readLong(GuestDriver.BUFFERS + 0x80, 1));
    }

    @Test
    void chainWithoutStatusByteNeedsReset() {
        d.descriptor(0, GuestDriver.BUFFERS, 16, 0, 0);
        d.submit(0);
        assertNeedsReset();
    }

    @Test
    void readableAfterWritableNeedsReset() {
        d.descriptor(0, GuestDriver.BUFFERS, 16, 1, 1);
        d.descriptor(1, DATA, 512, 1 | 2, 2);
        d.descriptor(2, DATA, 512, 1, 3);
        d.descriptor(3, GuestDriver.BUFFERS + 0x80, 1, 2, 0);
        d.submit(0);
        assertNeedsReset();
    }
}
