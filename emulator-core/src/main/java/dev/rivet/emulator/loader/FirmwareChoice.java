package dev.rivet.emulator.loader;

import java.nio.file.Path;

/** What {@code -bios} asked for. */
public sealed interface FirmwareChoice {

    /** {@code -bios none}: no firmware; the kernel starts at DRAM in M-mode. */
    record None() implements FirmwareChoice {
    }

    /** No {@code -bios} or {@code -bios default}: Debian's OpenSBI {@code fw_dynamic} for the generic platform. */
    record Default() implements FirmwareChoice {
    }

    /** {@code -bios FILE}. */
    record File(Path path) implements FirmwareChoice {
    }

    /** Parses a {@code -bios} argument. */
    static FirmwareChoice of(String arg) {
        return switch (arg) {
            case "none" -> new None();
            case "default" -> new Default();
            default -> new File(Path.of(arg));
        };
    }
}
