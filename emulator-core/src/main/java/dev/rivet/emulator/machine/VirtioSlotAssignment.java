package dev.rivet.emulator.machine;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Which virtio-mmio slot each virtio device occupies, as QEMU 7.2 decides: a device naming
 * {@code bus=virtio-mmio-bus.N} takes slot N; the others take the highest free slot, in
 * command-line order (the first {@code -device} lands at 0x10008000, IRQ 8, as
 * {@code info qtree} shows on QEMU).
 */
public final class VirtioSlotAssignment {

    private VirtioSlotAssignment() {
    }

    /**
     * @param requested per device, the slot it asked for, if any
     * @param slots     number of slots
     * @return per device, its slot
     * @throws IllegalArgumentException if two devices want one slot or there are too many devices
     */
    public static List<Integer> assign(List<OptionalInt> requested, int slots) {
        Integer[] owner = new Integer[slots];
        List<Integer> result = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            result.add(-1);
            OptionalInt r = requested.get(i);
            if (r.isPresent()) {
                if (owner[r.getAsInt()] != null) {
                    throw new IllegalArgumentException("virtio-mmio-bus." + r.getAsInt() + " is given twice");
                }
                owner[r.getAsInt()] = i;
                result.set(i, r.getAsInt());
            }
        }
        for (int i = 0; i < requested.size(); i++) {
            if (requested.get(i).isPresent()) {
                continue;
            }
            int slot = slots - 1;
            while (slot >= 0 && owner[slot] != null) {
                slot--;
            }
            if (slot < 0) {
                throw new IllegalArgumentException("more virtio devices than the " + slots + " virtio-mmio slots");
            }
            owner[slot] = i;
            result.set(i, slot);
        }
        return result;
    }
}
