package dev.rivet.ld.elf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the kernel ELF built with a linker script: the newest RISC-V ELF64 file under a Cargo
 * {@code target/<triple>/{debug,release}/} folder in the script's folder or up to three folders
 * above it (the reference kernel: kernel-sources/kernel/kernel.ld and
 * kernel-sources/target/riscv64gc-unknown-none-elf/debug/kernel).
 */
public final class BuiltElfLocator {

    private BuiltElfLocator() {
    }

    /** The ELF built from {@code script}, if there is one. */
    public static Optional<Path> find(Path script) {
        Path dir = script.toAbsolutePath().getParent();
        for (int up = 0; up < 4 && dir != null; up++, dir = dir.getParent()) {
            Path target = dir.resolve("target");
            if (Files.isDirectory(target)) {
                Optional<Path> elf = newestElf(target);
                if (elf.isPresent()) {
                    return elf;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> newestElf(Path target) {
        try (Stream<Path> files = Files.find(target, 3, (p, a) -> a.isRegularFile()
                && (p.getParent().getFileName().toString().equals("debug") || p.getParent().getFileName().toString().equals("release"))
                && !p.getFileName().toString().contains("."))) {
            return files.filter(ElfSections::isRiscv64Elf).max(Comparator.comparing(BuiltElfLocator::modified));
        } catch (IOException | java.io.UncheckedIOException e) {
            return Optional.empty();
        }
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
