package dev.rivet.emulator.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rivet.emulator.loader.BootLoader;
import dev.rivet.emulator.machine.VirtMachine;
import dev.rivet.emulator.testing.HostTools;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds the debugger's test programs (test resources {@code /gdb}) and machines running them. */
public final class Debuggee {

    private Debuggee() {
    }

    /**
     * Builds an ELF from the given resource files of {@code /gdb} (linked with {@code link.ld})
     * with -O0 -g into {@code dir}.
     */
    public static Path build(Path dir, String name, String... sources) throws Exception {
        HostTools.require("riscv64-unknown-elf-gcc", "gcc-riscv64-unknown-elf");
        List<String> cmd = new ArrayList<>(List.of("riscv64-unknown-elf-gcc", "-march=rv64gc", "-mabi=lp64d",
                "-mcmodel=medany", "-O0", "-g", "-ffreestanding", "-nostdlib", "-nostartfiles",
                "-Wl,--no-warn-rwx-segments", "-T", copy(dir, "link.ld").toString()));
        Path elf = dir.resolve(name + ".elf");
        cmd.add("-o");
        cmd.add(elf.toString());
        for (String s : sources) {
            cmd.add(copy(dir, s).toString());
        }
        HostTools.Result r = HostTools.run(60, cmd.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.stderr());
        return elf;
    }

    private static Path copy(Path dir, String name) throws Exception {
        Path to = dir.resolve(name);
        if (!Files.exists(to)) {
            try (InputStream in = Debuggee.class.getResourceAsStream("/gdb/" + name)) {
                if (in == null) {
                    fail("test resource /gdb/" + name + " is missing");
                }
                Files.copy(in, to);
            }
        }
        return to;
    }

    /** The address of {@code symbol} in {@code elf} (from riscv64-unknown-elf-nm). */
    public static long symbol(Path elf, String symbol) throws Exception {
        HostTools.Result r = HostTools.run(30, "riscv64-unknown-elf-nm", elf.toString());
        for (String line : r.stdout().split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3 && f[2].equals(symbol)) {
                return Long.parseUnsignedLong(f[0], 16);
            }
        }
        fail("no symbol " + symbol + " in " + elf);
        return 0;
    }

    /** A {@code virt} machine with {@code harts} harts booting {@code kernel} with {@code -bios none}. */
    public static VirtMachineTarget machine(Path kernel, int harts) throws Exception {
        VirtMachine.Config config = new VirtMachine.Config(128L << 20, harts,
                new BootLoader.Request(BootLoader.firmware("none"), Optional.of(kernel), Optional.empty(),
                        Optional.empty(), ""), List.of(), true);
        return VirtMachineTarget.create(config, OutputStream.nullOutputStream(), () -> 0L);
    }
}
