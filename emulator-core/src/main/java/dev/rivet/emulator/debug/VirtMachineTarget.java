package dev.rivet.emulator.debug;

import dev.rivet.emulator.bus.PhysicalBus;
import dev.rivet.emulator.cpu.Hart;
import dev.rivet.emulator.cpu.StopReason;
import dev.rivet.emulator.loader.ImageLoadException;
import dev.rivet.emulator.machine.MachineHart;
import dev.rivet.emulator.machine.RunOutcome;
import dev.rivet.emulator.machine.VirtMachine;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The {@code virt} machine as a {@link DebugTarget}: builds a {@link VirtMachine} whose harts are
 * {@link Hart}s behind a {@link MachineHart} adapter that lets the debugger's {@link SliceRunner}
 * run their slices, and runs one round of the machine's loop per {@link #runRound}. Reset builds
 * the machine again from its configuration.
 */
public final class VirtMachineTarget implements DebugTarget, AutoCloseable {

    private final VirtMachine.Config config;
    private final OutputStream console;
    private final LongSupplier wallClockNanos;
    private VirtMachine machine;
    private List<Hart> harts;
    private SliceRunner runner;

    private VirtMachineTarget(VirtMachine.Config config, OutputStream console, LongSupplier wallClockNanos)
            throws ImageLoadException, IOException {
        this.config = config;
        this.console = console;
        this.wallClockNanos = wallClockNanos;
        build();
    }

    /** Builds the machine; same arguments as {@link VirtMachine#create}. */
    public static VirtMachineTarget create(VirtMachine.Config config, OutputStream console,
            LongSupplier wallClockNanos) throws ImageLoadException, IOException {
        return new VirtMachineTarget(config, console, wallClockNanos);
    }

    private void build() throws ImageLoadException, IOException {
        List<Hart> made = new ArrayList<>();
        VirtMachine m = VirtMachine.create(config, (id, bus, clock) -> {
            Hart h = new Hart(id, bus, clock);
            made.add(h);
            return new SlicedHart(h);
        }, console, wallClockNanos);
        if (machine != null) {
            machine.close();
        }
        machine = m;
        harts = List.copyOf(made);
    }

    /** The machine (for console input: {@link VirtMachine#typed}). */
    public VirtMachine machine() {
        return machine;
    }

    @Override
    public List<Hart> harts() {
        return harts;
    }

    @Override
    public PhysicalBus bus() {
        return machine.bus();
    }

    @Override
    public Optional<MachineExit> runRound(SliceRunner sliceRunner) {
        runner = sliceRunner;
        try {
            RunOutcome o = machine.run(1);
            return switch (o) {
                case RunOutcome.Exited e -> Optional.of(new MachineExit(e.status(), false));
                case RunOutcome.ResetRequested r -> Optional.of(new MachineExit(0, true));
                case RunOutcome.Stopped s -> Optional.empty();
                case RunOutcome.InstructionLimit l -> Optional.empty();
            };
        } finally {
            runner = null;
        }
    }

    @Override
    public void reset() {
        try {
            build();
        } catch (ImageLoadException | IOException e) {
            throw new DebugException("reset failed: " + e.getMessage(), e);
        }
    }

    /** Flushes and closes the current machine's disk images ({@link VirtMachine#close()}). */
    @Override
    public void close() throws IOException {
        machine.close();
    }

    /** A hart whose slices the debugger runs. */
    private final class SlicedHart implements MachineHart {
        private final Hart hart;

        SlicedHart(Hart hart) {
            this.hart = hart;
        }

        @Override
        public StopReason run(long budget) {
            if (runner == null) {
                return StopReason.STOP_REQUESTED;
            }
            return runner.runSlice(hart.hartId(), budget);
        }

        @Override
        public boolean isWaitingForInterrupt() {
            return runner == null || runner.parked(hart.hartId());
        }

        @Override
        public void requestStop() {
            hart.requestStop();
        }

        @Override
        public void reset(long resetPc) {
            hart.reset(resetPc);
        }

        @Override
        public void setInterruptPending(int bit, boolean level) {
            hart.setInterruptPending(bit, level);
        }
    }
}
