package dev.rivet.core.memorymap;

import dev.rivet.emulator.machine.MemoryRegion;

/**
 * One row of the Memory Map view: a region of the machine's physical address space, with its
 * columns already formatted the way a kernel developer reads them (hex addresses, binary sizes).
 *
 * @param region the region the row shows
 * @param addressDigits how many hex digits addresses are padded to (the same for every row)
 */
public record MemoryMapRow(MemoryRegion region, int addressDigits) {

    /** The region's display name, for example {@code UART0}. */
    public String name() {
        return region.name();
    }

    /** The first address, as {@code 0x10000000}. */
    public String start() {
        return AddressFormat.address(region.base(), addressDigits);
    }

    /** The last address (inclusive), as {@code 0x100000ff}. */
    public String end() {
        return AddressFormat.address(region.end(), addressDigits);
    }

    /** The size with a binary unit, as {@code 256 B}, {@code 4 KiB} or {@code 128 MiB}. */
    public String size() {
        return AddressFormat.size(region.size());
    }

    /** The PLIC interrupt source, or an empty string if the device raises none. */
    public String irq() {
        return region.irq().isPresent() ? Integer.toString(region.irq().getAsInt()) : "";
    }
}
