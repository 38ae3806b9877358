package dev.rivet.emulator.machine;

import dev.rivet.emulator.cpu.Hart;
import dev.rivet.emulator.cpu.StopReason;

/** The machine's harts: the emulator's RV64GC {@link Hart}, seen through {@link MachineHart}. */
public final class Rv64Harts {

    private Rv64Harts() {
    }

    /** A factory of RV64GC harts. */
    public static HartFactory factory() {
        return (id, bus, clock) -> new Adapter(new Hart(id, bus, clock));
    }

    /** Presents a {@link Hart} as a {@link MachineHart}; {@link #hart()} gives debuggers the hart itself. */
    public static final class Adapter implements MachineHart {

        private final Hart hart;

        Adapter(Hart hart) {
            this.hart = hart;
        }

        /** The hart, for debuggers and views. */
        public Hart hart() {
            return hart;
        }

        @Override
        public StopReason run(long budget) {
            hart.run(budget);
            return hart.lastStopReason();
        }

        @Override
        public boolean isWaitingForInterrupt() {
            return hart.isWaitingForInterrupt();
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
