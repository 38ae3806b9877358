package dev.rivet.emulator.machine;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * One region of the physical address space: a device's registers or memory.
 *
 * @param name display name, unique within a map (for example {@code UART0}, {@code virtio-mmio 3})
 * @param kind what occupies the region
 * @param base first physical address
 * @param size length in bytes, greater than zero
 * @param irq  the PLIC interrupt source the device raises, if it has one
 */
public record MemoryRegion(String name, DeviceKind kind, long base, long size, OptionalInt irq) {

    public MemoryRegion {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(irq, "irq");
        if (size <= 0) {
            throw new IllegalArgumentException(name + ": size must be positive, was " + size);
        }
        if (Long.compareUnsigned(base + size - 1, base) < 0) {
            throw new IllegalArgumentException(name + ": region wraps around the address space");
        }
    }

    /** The last address inside the region (inclusive). */
    public long end() {
        return base + size - 1;
    }

    /** Whether {@code address} falls inside the region (addresses compare unsigned). */
    public boolean contains(long address) {
        return Long.compareUnsigned(address, base) >= 0 && Long.compareUnsigned(address, end()) <= 0;
    }

    /** Whether this region shares at least one address with {@code other}. */
    public boolean overlaps(MemoryRegion other) {
        return Long.compareUnsigned(base, other.end()) <= 0 && Long.compareUnsigned(other.base, end()) <= 0;
    }

    /** The offset of {@code address} from the region's base. */
    public long offsetOf(long address) {
        return address - base;
    }
}
