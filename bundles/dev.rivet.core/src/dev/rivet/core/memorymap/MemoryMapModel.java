package dev.rivet.core.memorymap;

import dev.rivet.emulator.machine.VirtMemoryMap;
import java.util.List;

/**
 * The content of the Memory Map view: one row per region of the machine's physical address
 * space, in address order. Computed from emulator-core's {@link VirtMemoryMap}, the same table
 * that builds the emulated machine, so the view cannot disagree with the machine.
 */
public final class MemoryMapModel {

    private MemoryMapModel() {
    }

    /**
     * The rows for {@code map}, sorted by start address, with addresses padded to the width the
     * highest address needs (8 hex digits while everything lies below 4 GiB).
     */
    public static List<MemoryMapRow> rows(VirtMemoryMap map) {
        long highest = map.regions().get(map.regions().size() - 1).end();
        int digits = AddressFormat.digitsFor(highest);
        return map.regions().stream().map(region -> new MemoryMapRow(region, digits)).toList();
    }
}
