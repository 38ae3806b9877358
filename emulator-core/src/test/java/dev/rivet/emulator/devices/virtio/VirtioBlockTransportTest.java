package dev.rivet.emulator.devices.virtio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivet.emulator.devices.virtio.blk.RawImageBackend;
import dev.rivet.emulator.devices.virtio.blk.VirtioBlockDevice;
import dev.rivet.emulator.testing.ByteArrayRam;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** virtio-blk behind both virtio-mmio versions, driven at the register level. */
class VirtioBlockTransportTest {

    static final long DATA = GuestDriver.BUFFERS + 0x1000;

    @TempDir
    Path dir;

    final ByteArrayRam ram = new ByteArrayRam(GuestDriver.RAM_BASE, 1 << 20);
    final DmaMemory dma = ram;
    boolean irq;
    RawImageBackend disk;

    @AfterEach
    void close() throws Exception {
        if (disk != null) {
            disk.close();
        }
    }

    Path image(int sectors) throws Exception {
        byte[] content = new byte[sectors * 512];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i / 512);
        }
        Path p = dir.resolve("disk.img");
        Files.write(p, content);
        return p;
    }

    GuestDriver driver(Path image, boolean readOnly, boolean legacy) throws Exception {
        disk = RawImageBackend.open(image, readOnly);
        var dev = new VirtioBlockDevice(disk, dma, "rivet-disk");
        var t = new VirtioMmioTransport(legacy, dev, dma, level -> irq = level);
        return new GuestDriver(ram, t, legacy);
    }

    @ParameterizedTest(name = "legacy={0}")
    @ValueSource(booleans = {true, false})
    void writesReachTheImageAndReadsComeBack(boolean legacy) throws Exception {
        Path img = image(16);
        GuestDriver d = driver(img, false, legacy);
        assertEquals(legacy ? 1 : 2, d.t.load(0x4, 4));
        assertEquals(2, d.t.load(0x8, 4));
        assertEquals(16, d.t.load(0x100, 4), "capacity in sectors");
        assertTrue(d.initialise(~0L));

        byte[] payload = new byte[1024];
        Arrays.fill(payload, (byte) 0xab);
        ram.writeBytes(DATA, payload, 0, payload.length);
        assertEquals(VirtioBlockDevice.S_OK, d.blockRequest(VirtioBlockDevice.T_OUT, 3, DATA, 1024, false));
        assertTrue(irq, "used-buffer interrupt");
        assertEquals(1, d.t.load(0x60, 4));
        d.t.store(0x64, 4, 1);
        assertFalse(irq);
        assertEquals(1, d.usedIdx());
        assertEquals(1, d.usedLength(0), "an OUT request writes only the status byte");

        assertEquals(VirtioBlockDevice.S_OK, d.blockRequest(VirtioBlockDevice.T_FLUSH, 0, DATA, 0, false));
        byte[] onDisk = Files.readAllBytes(img);
        assertEquals((byte) 0xab, onDisk[3 * 512]);
        assertEquals((byte) 0xab, onDisk[5 * 512 - 1]);
        assertEquals((byte) 5, onDisk[5 * 512], "sector 5 untouched");

        assertEquals(VirtioBlockDevice.S_OK, d.blockRequest(VirtioBlockDevice.T_IN, 4, DATA + 0x1000, 1024, true));
        byte[] back = new byte[1024];
        ram.readBytes(DATA + 0x1000, back, 0, 1024);
        assertEquals((byte) 0xab, back[0]);
        assertEquals((byte) 5, back[512]);
        assertEquals(1025, d.usedLength(2));
    }

    @Test
    void getIdReturnsTheSerialAndUnknownTypesAreUnsupported() throws Exception {
        GuestDriver d = driver(image(4), false, false);
        assertTrue(d.initialise(~0L));
        assertEquals(VirtioBlockDevice.S_OK, d.blockRequest(VirtioBlockDevice.T_GET_ID, 0, DATA, 20, true));
        byte[] id = new byte[10];
        ram.readBytes(DATA, id, 0, 10);
        assertEquals("rivet-disk", new String(id));
        assertEquals(VirtioBlockDevice.S_UNSUPP, d.blockRequest(11, 0, DATA, 512, true));
    }

    @Test
    void modernDeviceRefusesFeaturesItDidNotOfferOrWithoutVersion1() throws Exception {
        GuestDriver d = driver(image(4), false, false);
        assertEquals(VirtioBlockDevice.F_FLUSH, d.t.load(0x10, 4) & VirtioBlockDevice.F_FLUSH, "FLUSH offered");
        assertFalse(d.initialise(VirtioBlockDevice.F_FLUSH), "VERSION_1 not accepted: FEATURES_OK refused");
        d.t.store(0x70, 4, 0);
        d.t.store(0x70, 4, 3);
        d.t.store(0x24, 4, 0);
        d.t.store(0x20, 4, 1 << 20); // a feature the device never offered
        d.t.store(0x24, 4, 1);
        d.t.store(0x20, 4, 1);
        d.t.store(0x70, 4, 3 | 8);
        assertEquals(0, d.t.load(0x70, 4) & 8);
    }

    @ParameterizedTest(name = "legacy={0}")
    @ValueSource(booleans = {true, false})
    void readOnlyImageOffersRoAndRefusesWrites(boolean legacy) throws Exception {
        Path img = image(4);
        byte[] before = Files.readAllBytes(img);
        GuestDriver d = driver(img, true, legacy);
        assertEquals(VirtioBlockDevice.F_RO, d.t.load(0x10, 4) & VirtioBlockDevice.F_RO);
        assertTrue(d.initialise(~0L));
        assertEquals(VirtioBlockDevice.S_IOERR, d.blockRequest(VirtioBlockDevice.T_OUT, 0, DATA, 512, false));
        assertArrayEquals(before, Files.readAllBytes(img));
        assertEquals(VirtioBlockDevice.S_OK, d.blockRequest(VirtioBlockDevice.T_IN, 1, DATA, 512, true));
    }

    @Test
    void emptySlotShowsMagicVersionAndDeviceIdZero() {
        var t = new VirtioMmioTransport(true, null, dma, level -> irq = level);
        assertEquals(0x74726976, t.load(0, 4));
        assertEquals(1, t.load(4, 4));
        assertEquals(0, t.load(8, 4));
        assertEquals(0x554d4551, t.load(0xc, 4));
    }
}
