package dev.rivet.emulator.time;

/**
 * A deterministic {@link MachineClock}: time is derived from the instructions the harts retire,
 * so that a run with the same inputs repeats bit for bit. Every {@link #instructionsPerTick}
 * retired instructions advance {@code mtime} by one tick (the default, 10, models a 100 MIPS
 * hart against the 10 MHz timebase). The machine may also {@link #skip} time forward while every
 * hart waits for an interrupt, so a WFI idle loop does not spin.
 */
public final class InstructionCountClock implements MachineClock {

    private final long instructionsPerTick;
    private long retired;
    private long skippedTicks;

    /** A clock advancing one tick per 10 retired instructions. */
    public InstructionCountClock() {
        this(10);
    }

    /** @param instructionsPerTick retired instructions per 100 ns tick, at least 1 */
    public InstructionCountClock(long instructionsPerTick) {
        if (instructionsPerTick < 1) {
            throw new IllegalArgumentException("instructionsPerTick must be at least 1");
        }
        this.instructionsPerTick = instructionsPerTick;
    }

    @Override
    public long now() {
        return retired / instructionsPerTick + skippedTicks;
    }

    @Override
    public void instructionsRetired(long count) {
        retired += count;
    }

    /** Advances time by {@code ticks} without retiring instructions (all harts idle). */
    public void skip(long ticks) {
        if (ticks > 0) {
            skippedTicks += ticks;
        }
    }
}
