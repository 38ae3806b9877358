package dev.rivet.ld.model;

import dev.rivet.emulator.machine.DeviceKind;
import dev.rivet.emulator.machine.MemoryRegion;
import dev.rivet.emulator.machine.VirtMemoryMap;
import java.util.Objects;
import java.util.Optional;

/**
 * The machine a linker script is checked against: emulator-core's table of QEMU's {@code virt}
 * machine ({@link VirtMemoryMap}) with a given RAM size (the launch's {@code -m}), and where that
 * size comes from, so that every message about RAM can say why RAM ends where it does.
 *
 * <p>Two profiles are equal when their RAM size and its source are: the rest of the map is fixed.
 *
 * @param map       the machine's memory map
 * @param ramSource why RAM has this size, e.g. "QEMU's default" or "the RAM of launch configuration 'k'"
 */
public record MachineProfile(VirtMemoryMap map, String ramSource) {

    /** The source of {@link #qemuVirtDefault()}'s RAM size. */
    public static final String QEMU_DEFAULT = "QEMU's default";

    public MachineProfile {
        Objects.requireNonNull(map);
        Objects.requireNonNull(ramSource);
    }

    /** QEMU {@code virt} with its default 128 MiB of RAM. */
    public static MachineProfile qemuVirtDefault() {
        return qemuVirtDefault(QEMU_DEFAULT);
    }

    /** QEMU {@code virt} with its default 128 MiB of RAM, for the reason {@code ramSource}. */
    public static MachineProfile qemuVirtDefault(String ramSource) {
        return new MachineProfile(VirtMemoryMap.qemuVirt(), ramSource);
    }

    /**
     * QEMU {@code virt} with {@code ramSize} bytes of RAM, for the reason {@code ramSource}.
     *
     * @throws IllegalArgumentException if {@code ramSize} is not a positive multiple of 4 KiB
     */
    public static MachineProfile qemuVirt(long ramSize, String ramSource) {
        return new MachineProfile(VirtMemoryMap.qemuVirt(ramSize), ramSource);
    }

    /** First byte of RAM. */
    public long ramStart() {
        return VirtMemoryMap.DRAM_BASE;
    }

    /** One past the last byte of RAM. */
    public long ramEnd() {
        return VirtMemoryMap.DRAM_BASE + map.ramSize();
    }

    /** RAM's range, size and source, e.g. {@code 0x80000000..0x87ffffff, 128 MiB: QEMU's default}. */
    public String ramText() {
        long size = map.ramSize();
        String amount = size % (1 << 20) == 0 ? (size >> 20) + " MiB" : (size >> 10) + " KiB";
        return String.format("0x%x..0x%x, %s: %s", ramStart(), ramEnd() - 1, amount, ramSource);
    }

    /**
     * What is wrong with placing {@code size} bytes at {@code start} on this machine, or empty if
     * the range lies in RAM. A range that touches a device names the device; a range elsewhere
     * is "outside RAM" with RAM's range, size and the source of its size. {@code size} 0 checks
     * the single address.
     */
    public Optional<String> problemWith(long start, long size) {
        long last = size == 0 ? start : start + size - 1;
        if (Long.compareUnsigned(last, start) < 0) {
            return Optional.of("runs past the end of the 64-bit address space");
        }
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
            return Optional.of("lies outside the virt machine's RAM (" + ramText() + ")");
        }
        return Optional.empty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MachineProfile p && p.map.ramSize() == map.ramSize() && p.ramSource.equals(ramSource);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(map.ramSize()) * 31 + ramSource.hashCode();
    }
}
