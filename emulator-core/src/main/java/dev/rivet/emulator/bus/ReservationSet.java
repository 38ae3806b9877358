package dev.rivet.emulator.bus;

import java.util.Arrays;

/**
 * The load-reserved/store-conditional reservations of all harts of a machine (RISC-V unprivileged
 * spec, chapter 8.2, "Load-Reserved/Store-Conditional Instructions").
 *
 * <p>A hart's LR records its reservation here; every store that reaches the {@link PhysicalBus}
 * (from any hart or from a device DMA) clears the reservations of the other harts whose reserved
 * 8-byte granule it touches. A hart's SC succeeds only while its reservation is still valid. The
 * reservation granule is 8 bytes, aligned.
 */
public final class ReservationSet {

    private static final long NONE = -1L;
    private long[] reserved = new long[0];
    private int active;

    /** Registers hart index {@code hart} (0-based, dense); must be called before it reserves. */
    public void ensureHart(int hart) {
        if (hart >= reserved.length) {
            int old = reserved.length;
            reserved = Arrays.copyOf(reserved, hart + 1);
            Arrays.fill(reserved, old, reserved.length, NONE);
        }
    }

    /** Records hart {@code hart}'s reservation of the granule holding physical address {@code pa}. */
    public void reserve(int hart, long pa) {
        if (reserved[hart] == NONE) {
            active++;
        }
        reserved[hart] = pa & ~7L;
    }

    /** Whether hart {@code hart} still holds a reservation on the granule of {@code pa}. */
    public boolean holds(int hart, long pa) {
        return hart < reserved.length && reserved[hart] == (pa & ~7L);
    }

    /** Drops hart {@code hart}'s reservation (after any SC, on a trap return, on reset). */
    public void release(int hart) {
        if (hart < reserved.length && reserved[hart] != NONE) {
            reserved[hart] = NONE;
            active--;
        }
    }

    /** A store of {@code size} bytes at {@code pa} by {@code storer} (-1 for a device). */
    void storeObserved(int storer, long pa, int size) {
        if (active == 0) {
            return;
        }
        long first = pa & ~7L;
        long last = (pa + size - 1) & ~7L;
        for (int h = 0; h < reserved.length; h++) {
            long r = reserved[h];
            if (h != storer && r != NONE && (r == first || r == last)) {
                reserved[h] = NONE;
                active--;
            }
        }
    }
}
