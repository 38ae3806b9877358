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
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Malformed requests, on both virtio-mmio versions, get what QEMU 7.2 gives them: a chain that
 * can be answered gets VIRTIO_BLK_S_IOERR (section 5.2.6); one that cannot (loops, indices beyond
 * the queue, an available index that moved by more than the queue size, queue structures outside
 * RAM, no header or status byte) breaks the device until it is reset ({@code virtio_error}): a
 * modern device also sets DEVICE_NEEDS_RESET with a configuration-change interrupt (section
 * 2.1.2), a legacy one just stops. Never a host exception. The same cases on QEMU and Rivet are
 * {@code GuestProgramsTest.virtioQueueErrorsAndIndirectDescriptorsAsQemu}.
 */
@ParameterizedClass(name = "legacy={0}")
@ValueSource(booleans = {false, true})
class DescriptorChainErrorTest {

    static final long DATA = GuestDriver.BUFFERS + 0x1000;
    static final long STATUS = GuestDriver.BUFFERS + 0x80;
    static final long OUTSIDE_RAM = 0x1_0000_0000L;

    @Parameter
    boolean legacy;

    @TempDir
    Path dir;

    final ByteArrayRam ram = new ByteArrayRam(GuestDriver.RAM_BASE, 1 << 20);
    final DmaMemory dma = ram;
    RawImageBackend disk;
    VirtioMmioTransport transport;
    GuestDriver d;
    boolean irq;

    @BeforeEach
    void setUp() throws Exception {
        Path img = dir.resolve("d.img");
        Files.write(img, new byte[8 * 512]);
        disk = RawImageBackend.open(img, false);
        transport = new VirtioMmioTransport(legacy, new VirtioBlockDevice(disk, dma, ""), dma, level -> irq = level);
        d = new GuestDriver(ram, transport, legacy);
        assertTrue(d.initialise(~0L));
    }

    @AfterEach
    void tearDown() throws Exception {
        disk.close();
    }

    private int status() {
        return (int) d.t.load(0x70, 4);
    }

    /** The device stopped: as QEMU, modern says so, legacy does not; either serves nothing more. */
    private void assertBroken() {
        assertTrue(transport.isBroken(), "broken");
        if (legacy) {
            assertEquals(0x07, status(), "legacy: the status register is left alone");
            assertEquals(0, d.t.load(0x60, 4), "legacy: no interrupt");
            assertFalse(irq);
        } else {
            assertEquals(VirtioMmioTransport.STATUS_DEVICE_NEEDS_RESET,
                    status() & VirtioMmioTransport.STATUS_DEVICE_NEEDS_RESET, "DEVICE_NEEDS_RESET");
            assertEquals(3, d.t.load(0x60, 4), "configuration change, with the used-buffer bit as QEMU sets it");
            assertTrue(irq);
        }
        d.t.store(0x64, 4, 3);
        int used = d.usedIdx();
        ram.writeLong(STATUS, 1, 0xff);
        d.blockRequest(VirtioBlockDevice.T_IN, 0, DATA, 512, true);
        assertEquals(used, d.usedIdx(), "a broken device serves no request");
        assertEquals(0xff, ram.readLong(STATUS, 1));
        assertFalse(irq);
    }

    /** After a reset and a new initialisation the device serves requests again. */
    private void assertRecoversAfterReset() {
        assertTrue(d.initialise(~0L));
        assertFalse(transport.isBroken());
        assertFalse(irq);
        assertEquals(VirtioBlockDevice.S_OK, d.blockRequest(VirtioBlockDevice.T_IN, 0, DATA, 512, true));
        assertEquals(1, d.usedIdx());
    }

    @Test
    void loopingChainBreaksTheDevice() {
        d.descriptor(0, GuestDriver.BUFFERS, 16, 1, 1);
        d.descriptor(1, DATA, 512, 1, 0); // points back to 0
        d.submit(0);
        assertEquals(0, d.usedIdx());
        assertBroken();
        assertRecoversAfterReset();
    }

    @Test
    void nextIndexBeyondTheQueueBreaksTheDevice() {
        d.descriptor(0, GuestDriver.BUFFERS, 16, 1, GuestDriver.QSIZE);
        d.submit(0);
        assertBroken();
    }

    @Test
    void headIndexBeyondTheQueueBreaksTheDevice() {
        d.submit(200);
        assertBroken();
    }

    @Test
    void availableIndexMovingByMoreThanTheQueueSizeBreaksTheDevice() {
        ram.writeLong(GuestDriver.BUFFERS, 4, VirtioBlockDevice.T_IN);
        d.descriptor(0, GuestDriver.BUFFERS, 16, 1, 1);
        d.descriptor(1, STATUS, 1, 2, 0);
        ram.writeLong(STATUS, 1, 0xff);
        d.submit(0, GuestDriver.QSIZE + 1);
        assertEquals(0, d.usedIdx(), "nothing served");
        assertEquals(0xff, ram.readLong(STATUS, 1));
        assertBroken();
        assertRecoversAfterReset();
    }

    @Test
    void availableIndexMovingByExactlyTheQueueSizeIsServed() {
        ram.writeLong(GuestDriver.BUFFERS, 4, VirtioBlockDevice.T_FLUSH);
        d.descriptor(0, GuestDriver.BUFFERS, 16, 1, 1);
        d.descriptor(1, STATUS, 1, 2, 0);
        for (int i = 0; i < GuestDriver.QSIZE; i++) {
            ram.writeLong(GuestDriver.AVAIL + 4 + 2L * i, 2, 0);
        }
        d.submit(0, GuestDriver.QSIZE);
        assertFalse(transport.isBroken());
        assertEquals(GuestDriver.QSIZE, d.usedIdx(), "a full ring of requests");
    }

    @Test
    void descriptorTableOutsideRamBreaksTheDeviceWhichRecoversAfterReset() {
        d.moveDescriptorTable(OUTSIDE_RAM); // legacy: the available and used rings go with it
        d.submit(0);
        assertBroken();
        assertRecoversAfterReset();
    }

    @Test
    void dataBufferOutsideRamIsAnIoError() {
        // QEMU bounces such buffers through a scratch buffer and answers OK; Rivet answers IOERR
        assertEquals(VirtioBlockDevice.S_IOERR, d.blockRequest(VirtioBlockDevice.T_IN, 0, OUTSIDE_RAM, 512, true));
        assertEquals(VirtioBlockDevice.S_IOERR, d.blockRequest(VirtioBlockDevice.T_OUT, 0, OUTSIDE_RAM, 512, false));
        assertEquals(2, d.usedIdx());
        assertFalse(transport.isBroken());
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
        assertFalse(transport.isBroken());
    }

    @Test
    void headerShorterThanSixteenBytesBreaksTheDevice() {
        ram.writeLong(STATUS, 1, 0xff);
        d.descriptor(0, GuestDriver.BUFFERS, 8, 1, 1);
        d.descriptor(1, STATUS, 1, 2, 0);
        d.submit(0);
        assertEquals(0xff, ram.readLong(STATUS, 1), "QEMU: 'virtio-blk request outhdr too short'");
        assertBroken();
    }

    @Test
    void chainWithoutStatusByteBreaksTheDevice() {
        d.descriptor(0, GuestDriver.BUFFERS, 16, 0, 0);
        d.submit(0);
        assertBroken();
    }

    @Test
    void lastWritableDescriptorOfLengthZeroBreaksTheDevice() {
        d.descriptor(0, GuestDriver.BUFFERS, 16, 1, 1);
        d.descriptor(1, DATA, 512, 1 | 2, 2);
        d.descriptor(2, STATUS, 0, 2, 0);
        d.submit(0);
        assertBroken();
    }

    @Test
    void readableAfterWritableBreaksTheDevice() {
        d.descriptor(0, GuestDriver.BUFFERS, 16, 1, 1);
        d.descriptor(1, DATA, 512, 1 | 2, 2);
        d.descriptor(2, DATA, 512, 1, 3);
        d.descriptor(3, STATUS, 1, 2, 0);
        d.submit(0);
        assertBroken();
    }
}
