package dev.rivet.emulator.devices.virtio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivet.emulator.devices.virtio.blk.RawImageBackend;
import dev.rivet.emulator.devices.virtio.blk.VirtioBlockDevice;
import dev.rivet.emulator.testing.ByteArrayRam;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The legacy virtio-mmio interface (virtio 1.1, section 4.2.4) as QEMU 7.2 presents it: one
 * 32-bit feature word (HostFeatures / GuestFeatures with selector 0, applied as written, no
 * FEATURES_OK step), the queue placed by QueuePFN in GuestPageSize units with the used ring at
 * QueueAlign, and QueuePFN 0 resetting the device.
 */
class LegacyFeatureNegotiationTest {

    static final long DATA = GuestDriver.BUFFERS + 0x1000;

    @TempDir
    Path dir;

    final ByteArrayRam ram = new ByteArrayRam(GuestDriver.RAM_BASE, 1 << 20);
    final DmaMemory dma = ram;
    final List<Long> acknowledged = new ArrayList<>();
    RawImageBackend disk;
    VirtioMmioTransport t;

    @BeforeEach
    void setUp() throws Exception {
        Path img = dir.resolve("d.img");
        Files.write(img, new byte[8 * 512]);
        disk = RawImageBackend.open(img, false);
        VirtioBlockDevice blk = new VirtioBlockDevice(disk, dma, "");
        VirtioDevice recording = new VirtioDevice() {
            @Override
            public int deviceId() {
                return blk.deviceId();
            }

            @Override
            public long features() {
                return blk.features();
            }

            @Override
            public int queueCount() {
                return blk.queueCount();
            }

            @Override
            public long readConfig(int offset, int size) {
                return blk.readConfig(offset, size);
            }

            @Override
            public void writeConfig(int offset, int size, long value) {
                blk.writeConfig(offset, size, value);
            }

            @Override
            public void acknowledgeFeatures(long accepted) {
                acknowledged.add(accepted);
                blk.acknowledgeFeatures(accepted);
            }

            @Override
            public boolean processQueue(Virtqueue queue) throws VirtqueueException {
                return blk.processQueue(queue);
            }

            @Override
            public void reset() {
                blk.reset();
            }
        };
        t = new VirtioMmioTransport(true, recording, dma, level -> { });
    }

    @AfterEach
    void tearDown() throws Exception {
        disk.close();
    }

    @Test
    void oneFeatureWordWithoutVersion1() {
        t.store(0x14, 4, 0);
        long word0 = t.load(0x10, 4);
        assertEquals(new VirtioBlockDevice(disk, dma, "").features(), word0);
        t.store(0x14, 4, 1);
        assertEquals(0, t.load(0x10, 4), "no VIRTIO_F_VERSION_1, nothing above bit 31");
    }

    @Test
    void guestFeaturesApplyWhenWrittenMaskedByTheOfferAndOnlyWithSelectorZero() {
        t.store(0x70, 4, 1 | 2);
        t.store(0x24, 4, 1);
        t.store(0x20, 4, 0xffff_ffff);
        assertTrue(acknowledged.isEmpty(), "selector 1 is a guest error on legacy: ignored");
        t.store(0x24, 4, 0);
        t.store(0x20, 4, (int) (VirtioBlockDevice.F_FLUSH | (1L << 20)));
        assertEquals(List.of(VirtioBlockDevice.F_FLUSH), acknowledged, "applied at once, bit 20 was never offered");
    }

    @Test
    void featuresOkIsNotPartOfTheLegacyHandshake() {
        t.store(0x70, 4, 1 | 2);
        t.store(0x24, 4, 0);
        t.store(0x20, 4, (int) VirtioBlockDevice.F_FLUSH);
        t.store(0x70, 4, 1 | 2 | 4); // DRIVER_OK straight after the features
        GuestDriver d = queueAt(GuestDriver.QUEUE, 4096, 4096);
        assertEquals(VirtioBlockDevice.S_OK, d.blockRequest(VirtioBlockDevice.T_FLUSH, 0, DATA, 0, false));
        assertEquals(0x07, t.load(0x70, 4));
    }

    /** Configures queue 0 of {@link GuestDriver#QSIZE} entries at {@code desc}. */
    private GuestDriver queueAt(long desc, int pageSize, int align) {
        t.store(0x28, 4, pageSize);
        t.store(0x30, 4, 0);
        assertEquals(VirtioMmioTransport.MAX_QUEUE_SIZE, t.load(0x34, 4), "QEMU's VIRTQUEUE_MAX_SIZE");
        t.store(0x38, 4, GuestDriver.QSIZE);
        t.store(0x3c, 4, align);
        t.store(0x40, 4, desc / pageSize);
        assertEquals(desc / pageSize, t.load(0x40, 4), "QueuePFN reads back");
        assertEquals(0, t.load(0x44, 4), "QueueReady is not a legacy register");
        return new GuestDriver(ram, t, true);
    }

    @Test
    void queuePfnCountsGuestPagesAndQueueAlignPlacesTheUsedRing() {
        t.store(0x70, 4, 1 | 2 | 4);
        long desc = GuestDriver.RAM_BASE + 0x40000; // 16 KiB aligned
        queueAt(desc, 16384, 256);
        Virtqueue q = t.queue(0);
        assertEquals(desc, q.descTable(), "PFN * GuestPageSize");
        assertEquals(desc + 16 * GuestDriver.QSIZE, q.availRing(), "right after the descriptors");
        assertEquals(desc + 256, q.usedRing(), "avail + 6 + 2 * 8 = +150, aligned up to 256");
        t.store(0x3c, 4, 4096);
        assertEquals(desc + 4096, t.queue(0).usedRing(), "a new QueueAlign moves the used ring");
    }

    @Test
    void queuePfnZeroResetsTheDeviceAsQemuDoes() {
        t.store(0x70, 4, 1 | 2 | 4);
        queueAt(GuestDriver.QUEUE, 4096, 4096);
        assertTrue(t.queue(0).isReady());
        t.store(0x40, 4, 0);
        assertEquals(0, t.load(0x70, 4), "status cleared");
        assertFalse(t.queue(0).isReady());
        assertEquals(0, t.queue(0).size());
    }
}
