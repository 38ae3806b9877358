package dev.rivet.emulator.debug;

/**
 * A data watchpoint: stops a hart after an instruction that reads or writes any byte of
 * {@code [address, address + length)}.
 *
 * @param kind    reads, writes or both
 * @param space   whether {@code address} is virtual (compared with the instruction's effective
 *                address) or physical (compared after translation with the hart's {@code satp},
 *                privilege and {@code mstatus.MPRV})
 * @param address first byte watched
 * @param length  number of bytes watched, at least 1
 */
public record Watchpoint(WatchKind kind, AddressSpace space, long address, long length) {
    public Watchpoint {
        if (length < 1) {
            throw new IllegalArgumentException("a watchpoint covers at least one byte");
        }
        java.util.Objects.requireNonNull(kind);
        java.util.Objects.requireNonNull(space);
    }

    /** Whether {@code [a, a + size)} overlaps the watched bytes. */
    public boolean overlaps(long a, int size) {
        return Long.compareUnsigned(a, address + length) < 0 && Long.compareUnsigned(address, a + size) < 0;
    }
}
