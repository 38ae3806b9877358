package dev.rivet.emulator.debug;

import dev.rivet.emulator.bus.PhysicalBus;
import dev.rivet.emulator.cpu.Hart;
import java.util.List;
import java.util.Optional;

/**
 * The machine a {@link DebugController} drives. Implemented by {@link VirtMachineTarget} (the
 * {@code virt} machine) and by tests.
 *
 * <p>Contract: every method is called on the machine's thread only. {@link #runRound} runs the
 * machine's round robin once (devices, timers and interrupts advance as in a normal run) but lets
 * the given {@link SliceRunner} run each hart's slice, so the debugger decides which harts run
 * and how far.
 */
public interface DebugTarget {

    /** The harts, by hart id; the list changes only on {@link #reset()}. */
    List<Hart> harts();

    /** The physical address space (for side-effect-free peeks and RAM pokes). */
    PhysicalBus bus();

    /**
     * Runs one round of the machine with {@code runner} running the harts' slices.
     *
     * @return how the machine ended, if the guest finished it during this round
     */
    Optional<MachineExit> runRound(SliceRunner runner);

    /** Rebuilds the machine in its power-on state (images loaded again); {@link #harts()} changes. */
    void reset();

    /** How the guest ended the machine (through the SiFive test finisher). */
    record MachineExit(int status, boolean resetRequested) {
    }
}
