package dev.rivet.core.memorymap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rivet.emulator.machine.VirtMemoryMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryMapModelTest {

    @Test
    void uartRowShowsQemuAddressRangeSizeAndIrq() {
        MemoryMapRow uart = row("UART0");
        assertEquals("0x10000000", uart.start());
        assertEquals("0x100000ff", uart.end());
        assertEquals("256 B", uart.size());
        assertEquals("10", uart.irq());
    }

    @Test
    void devicesWithoutInterruptShowEmptyIrq() {
        assertEquals("", row("CLINT").irq());
        assertEquals("64 KiB", row("CLINT").size());
        assertEquals("6 MiB", row("PLIC").size());
    }

    @Test
    void rowsAreInAddressOrderFromMromToDram() {
        List<MemoryMapRow> rows = MemoryMapModel.rows(VirtMemoryMap.qemuVirt());
        assertEquals(15, rows.size());
        assertEquals("MROM", rows.get(0).name());
        assertEquals("DRAM", rows.get(rows.size() - 1).name());
        assertEquals("128 MiB", rows.get(rows.size() - 1).size());
    }

    @Test
    void sizesUseTheLargestExactBinaryUnit() {
        assertEquals("60 KiB", AddressFormat.size(0xf000));
        assertEquals("24 B", AddressFormat.size(0x18));
        assertEquals("0 B", AddressFormat.size(0));
        assertEquals("1 GiB", AddressFormat.size(1L << 30));
        assertEquals("1025 B", AddressFormat.size(1025));
    }

    @Test
    void addressesWidenTogetherWhenRamReachesAbove4GiB() {
        List<MemoryMapRow> rows = MemoryMapModel.rows(VirtMemoryMap.qemuVirt(4L << 30));
        assertEquals("0x000001000", rows.get(0).start());
        assertEquals("0x17fffffff", rows.get(rows.size() - 1).end());
    }

    private static MemoryMapRow row(String name) {
        return MemoryMapModel.rows(VirtMemoryMap.qemuVirt()).stream()
                .filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }
}
