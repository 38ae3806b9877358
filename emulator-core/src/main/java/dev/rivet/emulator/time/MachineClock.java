package dev.rivet.emulator.time;

/**
 * The machine's time base: the value of the CLINT's {@code mtime} (and of the {@code time} CSR),
 * ticking at {@link #FREQUENCY_HZ} as on QEMU's {@code virt} machine
 * ({@code RISCV_ACLINT_DEFAULT_TIMEBASE_FREQ}, the device tree's {@code timebase-frequency}).
 *
 * <p>Two implementations are expected: one derived from wall-clock time, and a deterministic one
 * derived from the number of instructions retired, so that a run repeats bit for bit.
 */
public interface MachineClock {

    /** Ticks per second: 10 MHz. */
    long FREQUENCY_HZ = 10_000_000L;

    /** The current time in ticks since machine reset. */
    long now();

    /**
     * Told by a hart that it retired {@code count} more instructions; harts call it at the end of
     * each run slice and before they read the {@code time} CSR. A clock derived from retired
     * instructions advances on it; a wall clock ignores it.
     */
    default void instructionsRetired(long count) {
    }
}
