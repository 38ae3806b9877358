package dev.rivet.emulator.devices.testutil;

import dev.rivet.emulator.irq.HartInterruptPins;

/** Records the mip bits a controller drives, like a hart's mip register would. */
public final class RecordingHartPins implements HartInterruptPins {

    private long mip;

    @Override
    public void setInterruptPending(int bit, boolean level) {
        if (level) {
            mip |= 1L << bit;
        } else {
            mip &= ~(1L << bit);
        }
    }

    public boolean pending(int bit) {
        return (mip & (1L << bit)) != 0;
    }
}
