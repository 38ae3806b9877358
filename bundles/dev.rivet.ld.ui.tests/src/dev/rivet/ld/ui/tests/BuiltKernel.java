package dev.rivet.ld.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A kernel ELF linked by GNU ld ({@code riscv64-unknown-elf-ld}, Debian's
 * binutils-riscv64-unknown-elf) with a script, where Cargo would put it:
 * {@code <project>/target/riscv64gc-unknown-none-elf/debug/rivet-kernel}, which is where the
 * editor looks for the ELF built with a script.
 */
public final class BuiltKernel {

    /** A small kernel: {@code _start} in .text.boot, a 256-byte {@code big_function}, an 8-byte {@code counter} in .bss. */
    public static final String ASSEMBLY = """
            .section .text.boot, "ax"
            .globl _start
            _start: nop
            .text
            .globl big_function
            .type big_function, @function
            big_function: .fill 64, 4, 0x00000013
            .size big_function, . - big_function
            .bss
            .globl counter
            .type counter, @object
            counter: .zero 8
            .size counter, 8
            """;

    private BuiltKernel() {
    }

    /** Assembles {@link #ASSEMBLY} and links it with {@code script} under {@code project}; returns the ELF. */
    public static Path build(Path project, Path script) throws IOException, InterruptedException {
        Path out = Files.createDirectories(project.resolve("target/riscv64gc-unknown-none-elf/debug"));
        Files.writeString(out.resolve("kernel.s"), ASSEMBLY, StandardCharsets.UTF_8);
        run(out, "riscv64-unknown-elf-as", "-o", "kernel.o", "kernel.s");
        run(out, "riscv64-unknown-elf-ld", "-T", script.toString(), "-o", "rivet-kernel", "kernel.o");
        return out.resolve("rivet-kernel");
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            fail(command[0] + " is not installed; `./rivet test` installs binutils-riscv64-unknown-elf", e);
            return;
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), command[0] + " finished");
        assertEquals(0, p.exitValue(), String.join(" ", command) + ": " + output);
    }
}
