package dev.rivet.core.launch;

import java.util.function.Consumer;

/**
 * A booted kernel machine as a launch sees it. The machine runs on its own thread, in bounded
 * slices; every method here is a thread-safe command to that thread and returns at once. The
 * machine never touches the caller's thread, and the caller never touches machine state.
 *
 * <p>The UART's transmit side goes to the output stream given when the machine was made.
 */
public interface KernelMachine {

    /**
     * Starts the machine's thread. {@code onStop} is called exactly once, on that thread, after
     * the machine has stopped for good and its disk images are closed.
     *
     * @throws IllegalStateException if already started
     */
    void start(Consumer<MachineStop> onStop);

    /** Queues {@code bytes} for the UART's receive path, in order. */
    void type(byte[] bytes);

    /** Asks the machine to stop; {@code onStop} follows with {@link MachineStop#terminated()}. */
    void stop();
}
