package dev.rivet.ld.tests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the host's Debian tools (dpkg, GNU binutils) for the tests; fails clearly if one is missing. */
public final class HostTools {

    /** The Debian package of GNU binutils for riscv64-unknown-elf. */
    public static final String BINUTILS = "binutils-riscv64-unknown-elf";
    private static final String INSTALL_HINT =
            "; `./rivet test` installs it (releng/debian-packages.txt), or: apt-get install ";

    /** What a finished process printed and returned. */
    public record Result(int exitCode, String output) {
    }

    private HostTools() {
    }

    /** Runs {@code command} in {@code dir} (merged stdout/stderr), at most 60 s. */
    public static Result run(Path dir, List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", command) + " did not finish in 60 s");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /** The files of Debian package {@code pkg} whose path contains {@code /ldscripts/}. */
    public static List<Path> ldscriptsOf(String pkg) throws IOException, InterruptedException {
        Result r = run(Path.of("/"), List.of("dpkg", "-L", pkg));
        if (r.exitCode() != 0) {
            fail("Debian package " + pkg + " is not installed" + INSTALL_HINT + pkg);
        }
        List<Path> scripts = new ArrayList<>();
        for (String line : r.output().split("\n")) {
            Path p = Path.of(line.trim());
            if (line.contains("/ldscripts/") && p.toFile().isFile()) {
                scripts.add(p);
            }
        }
        if (scripts.isEmpty()) {
            fail("Debian package " + pkg + " lists no ldscripts folder (dpkg -L " + pkg + ")");
        }
        return scripts;
    }

    /**
     * Assembles, in {@code work}, the object the tests link scripts against: {@code _start} in
     * {@code .text.boot}, and a word in each of .text, .rodata, .data and .bss.
     *
     * @return the object file
     */
    public static Path linkInput(Path work) throws IOException, InterruptedException {
        Path as = require("riscv64-unknown-elf-as", BINUTILS);
        Files.createDirectories(work);
        Files.writeString(work.resolve("input.s"), """
                .section .text.boot, "ax"
                .globl _start
                _start: nop
                .text
                f: ret
                .section .rodata
                .word 1
                .data
                .word 2
                .bss
                .word 0
                """);
        Result r = run(work, List.of(as.toString(), "-o", "input.o", "input.s"));
        if (r.exitCode() != 0) {
            fail("riscv64-unknown-elf-as failed:\n" + r.output());
        }
        return work.resolve("input.o");
    }

    /** The path of GNU ld for RISC-V, or a failure saying how to install it. */
    public static Path ld() throws IOException, InterruptedException {
        return require("riscv64-unknown-elf-ld", BINUTILS);
    }

    /** The path of {@code tool} on PATH, or a failure naming the package that provides it. */
    public static Path require(String tool, String pkg) throws IOException, InterruptedException {
        Result r = run(Path.of("/"), List.of("sh", "-c", "command -v " + tool));
        if (r.exitCode() != 0) {
            fail(tool + " is not installed" + INSTALL_HINT + pkg);
        }
        return Path.of(r.output().trim());
    }
}
