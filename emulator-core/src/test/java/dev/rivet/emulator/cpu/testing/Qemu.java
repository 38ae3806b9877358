package dev.rivet.emulator.cpu.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a program on Debian's qemu-system-riscv64 7.2 virt machine, the oracle of the CPU tests. */
public final class Qemu {

    /** An RV64GC hart comparable to Rivet's: H, Sstc and the bit-manipulation extensions off. */
    public static final String CPU = "rv64,h=false,sstc=false,zba=false,zbb=false,zbc=false,zbs=false";

    /** Exit code and console output of a run. */
    public record Result(int exitCode, String output) {
    }

    private Qemu() {
    }

    public static Result run(Path elf, int timeoutSeconds) throws IOException, InterruptedException {
        List<String> cmd = List.of("timeout", String.valueOf(timeoutSeconds), "qemu-system-riscv64", "-machine", "virt",
                "-bios", "none", "-nographic", "-cpu", CPU, "-m", "128M", "-kernel", elf.toString());
        if (!new java.io.File("/usr/bin/qemu-system-riscv64").canExecute()) {
            throw new IllegalStateException("qemu-system-riscv64 is not installed (Debian package qemu-system-misc); "
                    + "./rivet test installs it");
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutSeconds + 5L, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        if (p.exitValue() == 124) {
            throw new IllegalStateException("QEMU did not finish " + elf + " in " + timeoutSeconds + " s");
        }
        return new Result(p.exitValue(), new String(out));
    }
}
