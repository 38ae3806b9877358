package dev.rivet.emulator.machine;

import dev.rivet.emulator.bus.PhysicalBus;
import dev.rivet.emulator.cpu.StopReason;
import dev.rivet.emulator.time.MachineClock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * A stand-in hart for machine-assembly tests: each slice runs the next scripted step against the
 * bus (as the hart's loads and stores would), counts as a whole slice of retired instructions,
 * and records its mip pins. It lets the tests check
 * the wiring of the table's devices without depending on instruction execution.
 */
final class ScriptedHart implements MachineHart {

    final int id;
    final PhysicalBus bus;
    final MachineClock clock;
    final Deque<Consumer<ScriptedHart>> steps = new ArrayDeque<>();
    long mip;
    long resetPc = -1;
    boolean waiting;
    int slices;

    ScriptedHart(int id, PhysicalBus bus, MachineClock clock) {
        this.id = id;
        this.bus = bus;
        this.clock = clock;
    }

    @Override
    public void setInterruptPending(int bit, boolean level) {
        mip = level ? mip | (1L << bit) : mip & ~(1L << bit);
        if (level) {
            waiting = false;
        }
    }

    boolean pending(int bit) {
        return (mip & (1L << bit)) != 0;
    }

    @Override
    public StopReason run(long budget) {
        slices++;
        Consumer<ScriptedHart> step = steps.poll();
        if (step == null) {
            waiting = true;
            return StopReason.WAITING_FOR_INTERRUPT;
        }
        step.accept(this);
        clock.instructionsRetired(budget); // as a hart retiring a whole slice tells the clock
        return StopReason.BUDGET;
    }

    @Override
    public boolean isWaitingForInterrupt() {
        return waiting;
    }

    @Override
    public void requestStop() {
        // a scripted step is atomic
    }

    @Override
    public void reset(long pc) {
        resetPc = pc;
    }
}
