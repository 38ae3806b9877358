package dev.rivet.emulator.bus;

/**
 * Told by the {@link PhysicalBus} that a store has hit a RAM page on which a hart caches decoded
 * instructions, so the cached decode of that page must be dropped (self-modifying code, program
 * loading, DMA). Called on the machine's thread, synchronously with the store, before the store
 * returns.
 */
@FunctionalInterface
public interface CodeWriteListener {

    /** The page whose physical address is {@code pageIndex * 4096 + ramBase} was written. */
    void codePageWritten(int pageIndex);
}
