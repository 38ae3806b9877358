package dev.rivet.emulator.devices.rtc;

import dev.rivet.emulator.bus.AccessWidths;
import dev.rivet.emulator.bus.BusErrorException;
import dev.rivet.emulator.bus.MemoryMappedDevice;
import dev.rivet.emulator.irq.InterruptLine;
import java.util.function.LongSupplier;

/**
 * The Goldfish real-time clock (Android emulator goldfish RTC, as QEMU's
 * {@code hw/rtc/goldfish_rtc.c}): nanoseconds since the Unix epoch and one alarm.
 * <ul>
 * <li>0x00 TIME_LOW (reading it latches TIME_HIGH), 0x04 TIME_HIGH; writing them sets the time;</li>
 * <li>0x08 ALARM_LOW (writing arms the alarm), 0x0c ALARM_HIGH;</li>
 * <li>0x10 IRQ_ENABLED, 0x14 CLEAR_ALARM, 0x18 ALARM_STATUS, 0x1c CLEAR_INTERRUPT.</li>
 * </ul>
 * Registers are 32 bits wide. The alarm is checked on every access and on {@link #update()}.
 */
public final class GoldfishRtc implements MemoryMappedDevice {

    static final long TIME_LOW = 0x00;
    static final long TIME_HIGH = 0x04;
    static final long ALARM_LOW = 0x08;
    static final long ALARM_HIGH = 0x0c;
    static final long IRQ_ENABLED = 0x10;
    static final long CLEAR_ALARM = 0x14;
    static final long ALARM_STATUS = 0x18;
    static final long CLEAR_INTERRUPT = 0x1c;

    private final LongSupplier nanosSinceEpoch;
    private final InterruptLine irq;
    private long offsetNs;
    private long latchedHigh;
    private long alarmHigh;
    private long alarmNs;
    private boolean alarmRunning;
    private boolean irqEnabled;
    private boolean irqPending;

    /**
     * @param nanosSinceEpoch the host's notion of now (wall clock, or a deterministic source)
     * @param irq             the interrupt line to the PLIC
     */
    public GoldfishRtc(LongSupplier nanosSinceEpoch, InterruptLine irq) {
        this.nanosSinceEpoch = nanosSinceEpoch;
        this.irq = irq;
    }

    private long now() {
        return nanosSinceEpoch.getAsLong() + offsetNs;
    }

    /** Fires the alarm if its time has come. */
    public void update() {
        if (alarmRunning && Long.compareUnsigned(now(), alarmNs) >= 0) {
            alarmRunning = false;
            irqPending = true;
        }
        irq.set(irqPending && irqEnabled);
    }

    @Override
    public long load(long offset, int size) {
        check(offset, size);
        update();
        if (offset == TIME_LOW) {
            long t = now();
            latchedHigh = t >>> 32;
            return t & 0xffff_ffffL;
        }
        return read(offset);
    }

    @Override
    public long peek(long offset, int size) {
        check(offset, size);
        return offset == TIME_LOW ? now() & 0xffff_ffffL : read(offset);
    }

    /** Every register is 32 bits wide and read whole. */
    @Override
    public AccessWidths registerWidths(long offset) {
        return AccessWidths.WORD;
    }

    private long read(long offset) {
        return switch ((int) offset) {
            case (int) TIME_HIGH -> latchedHigh;
            case (int) ALARM_LOW -> alarmNs & 0xffff_ffffL;
            case (int) ALARM_HIGH -> alarmNs >>> 32;
            case (int) IRQ_ENABLED -> irqEnabled ? 1 : 0;
            case (int) ALARM_STATUS -> alarmRunning ? 1 : 0;
            default -> 0;
        };
    }

    @Override
    public void store(long offset, int size, long value) {
        check(offset, size);
        long v = value & 0xffff_ffffL;
        switch ((int) offset) {
            case (int) TIME_LOW -> {
                long wanted = (now() & 0xffff_ffff_0000_0000L) | v;
                offsetNs += wanted - now();
            }
            case (int) TIME_HIGH -> {
                long wanted = (v << 32) | (now() & 0xffff_ffffL);
                offsetNs += wanted - now();
            }
            case (int) ALARM_LOW -> {
                alarmNs = (alarmHigh << 32) | v;
                alarmRunning = true;
            }
            case (int) ALARM_HIGH -> alarmHigh = v;
            case (int) IRQ_ENABLED -> irqEnabled = (v & 1) != 0;
            case (int) CLEAR_ALARM -> alarmRunning = false;
            case (int) CLEAR_INTERRUPT -> irqPending = false;
            default -> { }
        }
        update();
    }

    private static void check(long offset, int size) {
        if (size != 4 || (offset & 3) != 0) {
            throw new BusErrorException(offset, "RTC: registers take aligned 4-byte accesses");
        }
    }
}
