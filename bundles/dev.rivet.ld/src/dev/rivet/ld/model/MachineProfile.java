package dev.rivet.ld.model;

import dev.rivet.emulator.machine.DeviceKind;
import dev.rivet.emulator.machine.MemoryRegion;
import dev.rivet.emulator.machine.VirtMemoryMap;
import java.util.Optional;

/**
 * The machine a linker script is checked against: emulator-core's table of QEMU's {@code virt}
 * machine ({@link VirtMemoryMap}) with a given RAM size (the launch's {@code -m}).
 *
 * @param map the machine's memory map
 */
public record MachineProfile(VirtMemoryMap map) {

    /** QEMU {@code virt} with its default 128 MiB of RAM. */
    public static MachineProfile qemuVirtDefault() {
        return new MachineProfile(VirtMemoryMap.qemuVirt());
    }

    /** QEMU {@code virt} with {@code ramSize} bytes of RAM. */
    public static MachineProfile qemuVirt(long ramSize) {
        return new MachineProfile(VirtMemoryMap.qemuVirt(ramSize));
    }

    /** First byte of RAM. */
    public long ramStart() {
        return VirtMemoryMap.DRAM_BASE;
    }

    /** One past the last byte of RAM. */
    public long ramEnd() {
        return VirtMemoryMap.DRAM_BASE + map.ramSize();
    }

    /**
     * What is wrong with placing {@code size} bytes at {@code start} on this machine, or empty if
     * the range lies in RAM. A range that touches a device names the device; a range elsewhere
     * is "outside RAM". {@code size} 0 checks the single address.
     */
    public Optional<String> problemWith(long start, long size) {
        long last = size == 0 ? start : start + size - 1;
        for (MemoryRegion r : map.regions()) {
            if (r.kind() == DeviceKind.DRAM) {
                continue;
            }
            if (Long.compareUnsigned(start, r.end()) <= 0 && Long.compareUnsigned(last, r.base()) >= 0) {
                return Optional.of(String.format("lies on the virt machine's %s (%s at 0x%x..0x%x), not in RAM",
                        r.name(), r.kind() == DeviceKind.MROM ? "boot ROM" : "MMIO", r.base(), r.end()));
            }
        }
        if (Long.compareUnsigned(start, ramStart()) < 0 || Long.compareUnsigned(last, ramEnd() - 1) > 0) {
            return Optional.of(String.format("lies outside the virt machine's RAM (0x%x..0x%x, %d MiB)",
                    ramStart(), ramEnd() - 1, map.ramSize() >> 20));
        }
        return Optional.empty();
    }
}
