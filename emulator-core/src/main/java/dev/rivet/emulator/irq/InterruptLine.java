package dev.rivet.emulator.irq;

/**
 * A level-triggered interrupt wire from a device to an interrupt controller (a PLIC source, for
 * instance). The device raises the line while it has a condition pending and lowers it when the
 * condition is cleared; the controller samples the level.
 *
 * <p>Calls are made on the machine's thread. Setting the same level twice is harmless.
 */
@FunctionalInterface
public interface InterruptLine {

    /** A line wired to nothing. */
    InterruptLine NONE = level -> { };

    /** Drives the line high ({@code true}) or low ({@code false}). */
    void set(boolean level);
}
