package dev.rivet.emulator.cpu.testing;

import dev.rivet.emulator.bus.MemoryMappedDevice;
import dev.rivet.emulator.bus.PhysicalBus;
import dev.rivet.emulator.cpu.Hart;
import dev.rivet.emulator.devices.finisher.SiFiveTestFinisher;
import dev.rivet.emulator.irq.HartInterruptPins;
import dev.rivet.emulator.machine.DeviceKind;
import dev.rivet.emulator.machine.MemoryRegion;
import dev.rivet.emulator.time.InstructionCountClock;

import java.io.ByteArrayOutputStream;
import java.util.OptionalInt;

/**
 * The smallest machine that runs the CPU tests: RAM at 0x8000_0000, the SiFive test finisher at
 * 0x10_0000 and a transmit-only stand-in for the UART at 0x1000_0000 (THR at offset 0, LSR at 5
 * always "empty"), one hart. The real virt machine lives elsewhere; this one only serves tests.
 */
public final class TestMachine {

    public static final long RAM_BASE = 0x8000_0000L;

    public final PhysicalBus bus;
    public final Hart hart;
    public final InstructionCountClock clock = new InstructionCountClock();
    private final ByteArrayOutputStream uart = new ByteArrayOutputStream();
    private Integer exitCode;

    public TestMachine(long ramSize) {
        this(ramSize, -1);
    }

    /**
     * A machine whose hart translates a block to JVM bytecode after {@code translationThreshold}
     * entries (1: every block at once; 0: interpret only; negative: the hart's default).
     */
    public TestMachine(long ramSize, int translationThreshold) {
        bus = new PhysicalBus(RAM_BASE, ramSize);
        bus.attach(new MemoryRegion("test", DeviceKind.TEST_FINISHER, 0x100000, 0x1000, OptionalInt.empty()),
                new SiFiveTestFinisher(new SiFiveTestFinisher.Handler() {
                    @Override
                    public void exit(int code) {
                        exitCode = code;
                    }

                    @Override
                    public void reset() {
                        exitCode = -2;
                    }
                }));
        bus.attach(new MemoryRegion("uart", DeviceKind.UART, 0x10000000, 0x100, OptionalInt.empty()), new MemoryMappedDevice() {
            @Override
            public long load(long offset, int size) {
                return peek(offset, size);
            }

            @Override
            public void store(long offset, int size, long value) {
                if (offset == 0) {
                    uart.write((int) value);
                }
            }

            @Override
            public long peek(long offset, int size) {
                return offset == 5 ? 0x60 : 0;
            }
        });
        hart = new Hart(0, bus, clock);
        if (translationThreshold >= 0) {
            hart.setTranslationThreshold(translationThreshold);
        }
    }

    /** Loads {@code image} at the RAM base and resets the hart there. */
    public void load(byte[] image) {
        bus.writeBytes(RAM_BASE, image, 0, image.length);
        hart.reset(RAM_BASE);
        // QEMU's CLINT resets mtimecmp to 0, so mip.MTIP is set from the start; model that level.
        hart.setInterruptPending(HartInterruptPins.MTIP, true);
    }

    /**
     * Runs until the finisher is written or {@code maxInstructions} have been executed.
     *
     * @return the exit code, or null if the program did not finish
     */
    public Integer run(long maxInstructions) {
        long done = 0;
        while (exitCode == null && done < maxInstructions) {
            long n = hart.run(Math.min(10_000, maxInstructions - done));
            done += Math.max(n, 1);
            if (hart.isWaitingForInterrupt()) {
                clock.skip(1000);
            }
        }
        return exitCode;
    }

    public String uartOutput() {
        return uart.toString();
    }
}
