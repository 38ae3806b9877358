package dev.rivet.emulator.devices.finisher;

import dev.rivet.emulator.bus.AccessWidths;
import dev.rivet.emulator.bus.BusErrorException;
import dev.rivet.emulator.bus.MemoryMappedDevice;

import java.util.Objects;

/**
 * The SiFive test finisher of QEMU's {@code virt} machine (QEMU 7.2 {@code hw/misc/sifive_test.c}):
 * a 32-bit write at offset 0 ends the run. The low 16 bits select the action:
 * {@code 0x5555} pass (exit code 0), {@code 0x3333} fail with exit code {@code value >>> 16},
 * {@code 0x7777} machine reset. Other values and other offsets are ignored, as QEMU does (it only
 * logs a guest error). Reads return 0. Accesses of 2 or 4 bytes are valid, as in QEMU; other
 * widths are refused with a bus error.
 */
public final class SiFiveTestFinisher implements MemoryMappedDevice {

    /** Low half-word of a write meaning "tests failed"; the exit code is in the high half. */
    public static final int FAIL = 0x3333;
    /** Low half-word of a write meaning "tests passed". */
    public static final int PASS = 0x5555;
    /** Low half-word of a write requesting a machine reset. */
    public static final int RESET = 0x7777;

    /** What the machine does when the guest finishes. Called on the machine's thread. */
    public interface Handler {
        /** The guest asked to exit with {@code exitCode} (0 for pass). */
        void exit(int exitCode);

        /** The guest asked for a machine reset. */
        void reset();
    }

    private static final AccessWidths WIDTHS = new AccessWidths(2, 4);

    private final Handler handler;

    public SiFiveTestFinisher(Handler handler) {
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    @Override
    public long load(long offset, int size) {
        checkSize(offset, size);
        return 0;
    }

    @Override
    public void store(long offset, int size, long value) {
        checkSize(offset, size);
        if (offset != 0) {
            return;
        }
        int status = (int) (value & 0xffff);
        int code = (int) ((value >>> 16) & 0xffff);
        switch (status) {
            case FAIL -> handler.exit(code);
            case PASS -> handler.exit(0);
            case RESET -> handler.reset();
            default -> {
                // QEMU logs an unknown status as a guest error and carries on; so does Rivet.
            }
        }
    }

    @Override
    public long peek(long offset, int size) {
        checkSize(offset, size);
        return 0;
    }

    /** Reads of 2 or 4 bytes, as QEMU's {@code sifive_test_ops} accept. */
    @Override
    public AccessWidths registerWidths(long offset) {
        return WIDTHS;
    }

    private static void checkSize(long offset, int size) {
        if (size != 2 && size != 4) {
            throw new BusErrorException(offset, "test finisher accepts 2- and 4-byte accesses only");
        }
    }
}
