package dev.rivet.emulator.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the project's machine-level test programs ({@code src/test/resources/guest}: a small
 * M-mode runtime and one C file per behaviour) with Debian's riscv64-unknown-elf-gcc.
 */
public final class GuestPrograms {

    private static final List<String> SOURCES = List.of("link.ld", "start.S", "rt.h", "finisher.c", "uart_irq.c",
            "uart_regs.c", "uart_fifo.c", "plic_gateway.c", "timer.c", "ipi.c", "virtio_blk.c",
            "virtio_errors.c");

    private GuestPrograms() {
    }

    /** Copies the sources into {@code dir} and returns it. */
    private static Path sources(Path dir) throws IOException {
        Path src = dir.resolve("src");
        Files.createDirectories(src);
        for (String name : SOURCES) {
            try (InputStream in = GuestPrograms.class.getResourceAsStream("/guest/" + name)) {
                if (in == null) {
                    fail("test resource /guest/" + name + " is missing");
                }
                Files.copy(in, src.resolve(name));
            }
        }
        return src;
    }

    /**
     * Builds {@code program} ({@code uart_irq}, ...) with extra {@code -D} definitions into an ELF
     * in {@code dir}.
     */
    public static Path build(Path dir, String program, String... defines) throws Exception {
        HostTools.require("riscv64-unknown-elf-gcc", "gcc-riscv64-unknown-elf");
        Path src = Files.isDirectory(dir.resolve("src")) ? dir.resolve("src") : sources(dir);
        Path elf = dir.resolve(program + String.join("", defines).replaceAll("[^A-Za-z0-9]", "_") + ".elf");
        List<String> cmd = new ArrayList<>(List.of("riscv64-unknown-elf-gcc", "-march=rv64gc", "-mabi=lp64d",
                "-mcmodel=medany", "-O2", "-ffreestanding", "-nostdlib", "-nostartfiles",
                "-Wl,--no-warn-rwx-segments", "-T", src.resolve("link.ld").toString(), "-o", elf.toString()));
        for (String d : defines) {
            cmd.add("-D" + d);
        }
        cmd.add(src.resolve("start.S").toString());
        cmd.add(src.resolve(program + ".c").toString());
        HostTools.Result r = HostTools.run(60, cmd.toArray(String[]::new));
        if (r.exitCode() != 0) {
            fail("building " + program + " failed:\n" + r.stderr());
        }
        return elf;
    }
}
