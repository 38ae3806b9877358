package dev.rivet.emulator.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class VirtioSlotAssignmentTest {

    @Test
    void devicesWithoutBusTakeTheHighestFreeSlotsAsOnQemu() {
        // qemu-system-riscv64 -device virtio-blk-device,drive=a -device virtio-blk-device,drive=b:
        // info qtree shows a on virtio-mmio-bus.7 (0x10008000) and b on virtio-mmio-bus.6
        assertEquals(List.of(7, 6), VirtioSlotAssignment.assign(List.of(OptionalInt.empty(), OptionalInt.empty()), 8));
    }

    @Test
    void explicitBusIsHonouredAndSkipped() {
        assertEquals(List.of(0, 6, 7), VirtioSlotAssignment.assign(
                List.of(OptionalInt.of(0), OptionalInt.of(6), OptionalInt.empty()), 8));
        assertEquals(List.of(7, 6), VirtioSlotAssignment.assign(List.of(OptionalInt.of(7), OptionalInt.empty()), 8));
    }

    @Test
    void conflictsAndOverflowAreErrors() {
        assertThrows(IllegalArgumentException.class,
                () -> VirtioSlotAssignment.assign(List.of(OptionalInt.of(2), OptionalInt.of(2)), 8));
        assertThrows(IllegalArgumentException.class, () -> VirtioSlotAssignment.assign(
                List.of(OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty()), 2));
    }
}
