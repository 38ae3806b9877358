package dev.rivet.emulator.debug;

import java.util.ArrayList;
import java.util.List;

/**
 * The most recent traps of a machine, oldest first, in a ring of fixed capacity: older records
 * are dropped, and {@link #dropped()} says how many. Thread-safe (the machine thread appends,
 * the IDE and the GDB stub read snapshots).
 */
public final class TrapLog {

    private final TrapRecord[] ring;
    private long total;

    public TrapLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        ring = new TrapRecord[capacity];
    }

    /** The sequence number the next record gets. */
    public synchronized long nextSequence() {
        return total;
    }

    public synchronized void add(TrapRecord r) {
        ring[(int) (total % ring.length)] = r;
        total++;
    }

    /** The records kept, oldest first. */
    public synchronized List<TrapRecord> snapshot() {
        List<TrapRecord> out = new ArrayList<>();
        long first = Math.max(0, total - ring.length);
        for (long i = first; i < total; i++) {
            out.add(ring[(int) (i % ring.length)]);
        }
        return out;
    }

    /** How many records were pushed out of the ring. */
    public synchronized long dropped() {
        return Math.max(0, total - ring.length);
    }

    public synchronized void clear() {
        java.util.Arrays.fill(ring, null);
        total = 0;
    }
}
