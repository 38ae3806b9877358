package dev.rivet.emulator.inspect;

/**
 * Side-effect-free 64-bit reads of physical memory, for inspectors that walk guest data
 * structures (in the emulator: {@code PhysicalBus::peek}).
 */
@FunctionalInterface
public interface PhysicalPeek {

    /**
     * The little-endian doubleword at physical address {@code pa} (8-byte aligned).
     *
     * @throws RuntimeException when nothing readable is there (the bus throws
     *                          {@code BusErrorException}); walkers treat it as an invalid entry
     */
    long peek64(long pa);
}
