package dev.rivet.emulator.time;

/**
 * A {@link MachineClock} that follows the host's monotonic clock from the moment it was created
 * (machine reset): real time, not repeatable from run to run.
 */
public final class WallClock implements MachineClock {

    private final long startNanos = System.nanoTime();

    @Override
    public long now() {
        return (System.nanoTime() - startNanos) / (1_000_000_000L / FREQUENCY_HZ);
    }
}
