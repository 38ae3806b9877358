package dev.rivet.emulator.cpu.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's riscv64-unknown-elf toolchain, used by tests to build guest programs into
 * {@code target/}. A missing tool fails the test with a message naming the package.
 */
public final class Toolchain {

    /** The emulator-core module folder: the working directory under Surefire, a child of it under exec:java. */
    public static final Path MODULE = Files.isDirectory(Path.of("emulator-core/src/test/asm"))
            ? Path.of("emulator-core") : Path.of(".");
    public static final Path ASM_DIR = MODULE.resolve("src/test/asm/isa");

    private Toolchain() {
    }

    /** Assembles and links {@code source} (with the ISA-test linker script) into an ELF, returns its path. */
    public static Path build(Path source, Path outDir) throws IOException, InterruptedException {
        Files.createDirectories(outDir);
        String name = source.getFileName().toString().replaceFirst("\\.S$", "");
        Path elf = outDir.resolve(name + ".elf");
        run(List.of("riscv64-unknown-elf-gcc", "-march=rv64gc", "-mabi=lp64d", "-nostdlib", "-nostartfiles",
                "-static", "-I", ASM_DIR.toAbsolutePath().toString(), "-T", ASM_DIR.resolve("link.ld").toAbsolutePath().toString(),
                "-o", elf.toString(), source.toString()));
        return elf;
    }

    /** The flat binary image of {@code elf} starting at its lowest load address (0x80000000). */
    public static byte[] flatImage(Path elf) throws IOException, InterruptedException {
        Path bin = elf.resolveSibling(elf.getFileName().toString().replaceFirst("\\.elf$", ".bin"));
        run(List.of("riscv64-unknown-elf-objcopy", "-O", "binary", elf.toString(), bin.toString()));
        return Files.readAllBytes(bin);
    }

    /** Runs a toolchain command, failing with its output. */
    public static void runCommand(List<String> command) throws IOException, InterruptedException {
        run(command);
    }

    static void run(List<String> command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException(command.get(0) + " is not installed (Debian package "
                    + "gcc-riscv64-unknown-elf / binutils-riscv64-unknown-elf); ./rivet test installs it", e);
        }
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
        }
    }
}
