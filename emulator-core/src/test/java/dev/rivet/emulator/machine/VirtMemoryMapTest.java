package dev.rivet.emulator.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class VirtMemoryMapTest {

    private final VirtMemoryMap map = VirtMemoryMap.qemuVirt();

    @Test
    void uartIsAtQemuAddressWithIrq10() {
        MemoryRegion uart = map.region("UART0");
        assertEquals(0x10000000L, uart.base());
        assertEquals(0x100L, uart.size());
        assertEquals(OptionalInt.of(10), uart.irq());
        assertEquals(DeviceKind.UART, uart.kind());
    }

    @Test
    void virtioSlotsFollowEachOtherWithIrqOnePlusSlot() {
        var slots = map.regionsOf(DeviceKind.VIRTIO_MMIO);
        assertEquals(8, slots.size());
        for (int n = 0; n < 8; n++) {
            assertEquals(0x10001000L + n * 0x1000L, slots.get(n).base());
            assertEquals(OptionalInt.of(1 + n), slots.get(n).irq());
        }
    }

    @Test
    void fixedDevicesMatchQemu72VirtMemmap() {
        assertEquals(0x1000L, map.region("MROM").base());
        assertEquals(0x100000L, map.region("Test finisher").base());
        assertEquals(OptionalInt.of(11), map.region("RTC").irq());
        assertEquals(0x101000L, map.region("RTC").base());
        assertEquals(0x2000000L, map.region("CLINT").base());
        assertEquals(0x10000L, map.region("CLINT").size());
        assertEquals(0xc000000L, map.region("PLIC").base());
        // the size QEMU 7.2 writes into the device tree's plic reg property
        assertEquals(0x600000L, map.region("PLIC").size());
    }

    @Test
    void dramStartsAt2GiBAndTakesTheRequestedSize() {
        VirtMemoryMap big = VirtMemoryMap.qemuVirt(512L << 20);
        MemoryRegion dram = big.region("DRAM");
        assertEquals(0x80000000L, dram.base());
        assertEquals(0x9fffffffL, dram.end());
        assertEquals(128L << 20, map.region("DRAM").size());
    }

    @Test
    void regionAtFindsTheContainingRegionAndNothingInHoles() {
        assertEquals("UART0", map.regionAt(0x10000005L).orElseThrow().name());
        assertEquals("virtio-mmio 7", map.regionAt(0x10008ffcL).orElseThrow().name());
        assertEquals("DRAM", map.regionAt(0x87ffffffL).orElseThrow().name());
        assertTrue(map.regionAt(0x88000000L).isEmpty(), "just past 128 MiB of RAM");
        assertTrue(map.regionAt(0x0L).isEmpty(), "QEMU's debug region is not modelled");
        assertTrue(map.regionAt(0xffffffffffff0000L).isEmpty(), "high addresses compare unsigned");
    }

    @Test
    void regionsAreSortedAndDisjoint() {
        var regions = map.regions();
        for (int i = 1; i < regions.size(); i++) {
            assertTrue(Long.compareUnsigned(regions.get(i - 1).end(), regions.get(i).base()) < 0);
            assertFalse(regions.get(i - 1).overlaps(regions.get(i)));
        }
    }

    @Test
    void ramSizeMustBePageMultiple() {
        assertThrows(IllegalArgumentException.class, () -> VirtMemoryMap.qemuVirt(0));
        assertThrows(IllegalArgumentException.class, () -> VirtMemoryMap.qemuVirt(4097));
    }
}
