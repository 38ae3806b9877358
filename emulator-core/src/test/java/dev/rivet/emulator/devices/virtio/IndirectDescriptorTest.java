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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Indirect descriptors (virtio 1.1, section 2.6.5.3, VIRTIO_RING_F_INDIRECT_DESC), which QEMU
 * 7.2's virtio-blk offers on both virtio-mmio versions and follows even when the driver did not
 * accept the feature; a malformed table breaks the device as any malformed chain does.
 */
@ParameterizedClass(name = "legacy={0}")
@ValueSource(booleans = {false, true})
class IndirectDescriptorTest {

    static final long TABLE = GuestDriver.BUFFERS + 0x400;
    static final long HEADER = GuestDriver.BUFFERS;
    static final long STATUS = GuestDriver.BUFFERS + 0x80;
    static final long DATA = GuestDriver.BUFFERS + 0x1000;

    @Parameter
    boolean legacy;

    @TempDir
    Path dir;

    final ByteArrayRam ram = new ByteArrayRam(GuestDriver.RAM_BASE, 1 << 20);
    final DmaMemory dma = ram;
    Path image;
    RawImageBackend disk;
    VirtioMmioTransport transport;
    GuestDriver d;

    @BeforeEach
    void setUp() throws Exception {
        byte[] content = new byte[8 * 512];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i / 512 + 1);
        }
        image = dir.resolve("d.img");
        Files.write(image, content);
        disk = RawImageBackend.open(image, false);
        transport = new VirtioMmioTransport(legacy, new VirtioBlockDevice(disk, dma, ""), dma, level -> { });
        d = new GuestDriver(ram, transport, legacy);
    }

    @AfterEach
    void tearDown() throws Exception {
        disk.close();
    }

    private void header(int type, long sector) {
        ram.writeLong(HEADER, 4, type);
        ram.writeLong(HEADER + 4, 4, 0);
        ram.writeLong(HEADER + 8, 8, sector);
        ram.writeLong(STATUS, 1, 0xff);
    }

    /** A read of {@code sectors} sectors from {@code sector}: header, one buffer per sector, status. */
    private int indirectTable(int sectors) {
        d.descriptorAt(TABLE, 0, HEADER, 16, 1, 1);
        for (int i = 0; i < sectors; i++) {
            d.descriptorAt(TABLE, 1 + i, DATA + 0x400L * i, 512, 1 | 2, 2 + i);
        }
        d.descriptorAt(TABLE, 1 + sectors, STATUS, 1, 2, 0);
        return 2 + sectors;
    }

    @Test
    void offeredOnBothVersions() {
        d.t.store(0x14, 4, 0);
        assertEquals(VirtioBlockDevice.F_INDIRECT_DESC, d.t.load(0x10, 4) & VirtioBlockDevice.F_INDIRECT_DESC);
    }

    @Test
    void aRequestInAnIndirectTableIsServed() {
        assertTrue(d.initialise(VirtioBlockDevice.F_INDIRECT_DESC | VirtioMmioTransport.VIRTIO_F_VERSION_1));
        header(VirtioBlockDevice.T_IN, 2);
        int entries = indirectTable(3);
        d.descriptor(5, TABLE, 16L * entries, 4, 0); // the head: INDIRECT
        d.submit(5);
        assertFalse(transport.isBroken(), transport.lastError());
        assertEquals(VirtioBlockDevice.S_OK, ram.readLong(STATUS, 1));
        assertEquals(1, d.usedIdx());
        assertEquals(5, d.usedId(0), "the used element names the head in the queue's own table");
        assertEquals(3 * 512 + 1, d.usedLength(0));
        for (int i = 0; i < 3; i++) {
            byte[] sector = new byte[512];
            ram.readBytes(DATA + 0x400L * i, sector, 0, 512);
            byte[] expected = new byte[512];
            Arrays.fill(expected, (byte) (2 + i + 1));
            assertArrayEquals(expected, sector, "sector " + (2 + i));
        }
    }

    @Test
    void aWriteThroughAnIndirectTableReachesTheImage() throws Exception {
        assertTrue(d.initialise(~0L));
        header(VirtioBlockDevice.T_OUT, 6);
        byte[] payload = new byte[512];
        Arrays.fill(payload, (byte) 0x5a);
        ram.writeBytes(DATA, payload, 0, 512);
        d.descriptorAt(TABLE, 0, HEADER, 16, 1, 1);
        d.descriptorAt(TABLE, 1, DATA, 512, 1, 2);
        d.descriptorAt(TABLE, 2, STATUS, 1, 2, 0);
        d.descriptor(0, TABLE, 48, 4, 0);
        d.submit(0);
        assertEquals(VirtioBlockDevice.S_OK, ram.readLong(STATUS, 1));
        disk.flush();
        assertEquals((byte) 0x5a, Files.readAllBytes(image)[6 * 512]);
    }

    @Test
    void followedAlsoWhenTheDriverDidNotAcceptTheFeatureAsQemuDoes() {
        assertTrue(d.initialise(VirtioMmioTransport.VIRTIO_F_VERSION_1));
        header(VirtioBlockDevice.T_IN, 0);
        d.descriptor(0, TABLE, 16L * indirectTable(1), 4, 0);
        d.submit(0);
        assertFalse(transport.isBroken(), transport.lastError());
        assertEquals(VirtioBlockDevice.S_OK, ram.readLong(STATUS, 1));
    }

    @Test
    void theHeadsNextAndIndirectFlagsInsideTheTableAreIgnoredAsQemuDoes() {
        assertTrue(d.initialise(~0L));
        header(VirtioBlockDevice.T_IN, 0);
        int entries = indirectTable(1);
        d.descriptorAt(TABLE, 2, STATUS, 1, 2 | 4, 0); // INDIRECT inside the table: means nothing
        d.descriptor(0, TABLE, 16L * entries, 4 | 1 | 2, 7); // NEXT and WRITE on the head: ignored
        d.descriptor(7, 0, 0, 0, 0);
        d.submit(0);
        assertFalse(transport.isBroken(), transport.lastError());
        assertEquals(VirtioBlockDevice.S_OK, ram.readLong(STATUS, 1));
        assertEquals(513, d.usedLength(0));
    }

    private void assertBrokenBy(long tableLength) {
        assertTrue(d.initialise(~0L));
        header(VirtioBlockDevice.T_IN, 0);
        d.descriptor(0, TABLE, tableLength, 4, 0);
        d.submit(0);
        assertTrue(transport.isBroken(), "broken");
        assertEquals(0, d.usedIdx());
        assertEquals(0xff, ram.readLong(STATUS, 1));
    }

    @Test
    void aTableLengthThatIsNotWholeDescriptorsBreaksTheDevice() {
        indirectTable(1);
        assertBrokenBy(40);
    }

    @Test
    void anEmptyTableBreaksTheDevice() {
        assertBrokenBy(0);
    }

    @Test
    void aNextBeyondTheTableBreaksTheDevice() {
        indirectTable(1);
        d.descriptorAt(TABLE, 1, DATA, 512, 1 | 2, 3); // the table has 3 entries
        assertBrokenBy(48);
    }

    @Test
    void aLoopInsideTheTableBreaksTheDevice() {
        indirectTable(1);
        d.descriptorAt(TABLE, 1, DATA, 512, 1 | 2, 1);
        assertBrokenBy(48);
    }

    @Test
    void aTableOutsideRamBreaksTheDevice() {
        assertTrue(d.initialise(~0L));
        header(VirtioBlockDevice.T_IN, 0);
        d.descriptor(0, 0x1_0000_0000L, 48, 4, 0);
        d.submit(0);
        assertTrue(transport.isBroken());
    }

    @Test
    void aTableOfMoreThan1024DescriptorsBreaksTheDevice() {
        assertTrue(d.initialise(~0L));
        header(VirtioBlockDevice.T_IN, 0);
        long big = GuestDriver.BUFFERS + 0x10000;
        for (int i = 0; i < 1025; i++) {
            d.descriptorAt(big, i, HEADER, 16, 1, i + 1);
        }
        d.descriptorAt(big, 1025, STATUS, 1, 2, 0);
        d.descriptor(0, big, 16L * 1026, 4, 0);
        d.submit(0);
        assertTrue(transport.isBroken());
        assertTrue(transport.lastError().contains("1024"), transport.lastError());
    }
}
