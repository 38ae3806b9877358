package dev.rivet.emulator.bench;

import dev.rivet.emulator.cpu.testing.Qemu;
import dev.rivet.emulator.cpu.testing.TestMachine;
import dev.rivet.emulator.cpu.testing.Toolchain;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The CPU benchmark (a main class, not a test): builds CPU-bound guest programs from
 * {@code src/test/bench} with riscv64-unknown-elf-gcc -O2 (integer, memory, floating point, mixed integer+FP, and
 * the mixed one again under Sv39 in S-mode), runs each on Rivet and on qemu-system-riscv64 (TCG),
 * checks that both print the same result, and prints millions of instructions per second for
 * each and the ratio. The instruction count is Rivet's retired-instruction count, which is the
 * same program on QEMU; QEMU's start-up time (measured with an empty program) is subtracted.
 * Rivet's figure is the best of {@code rivet.bench.warmRuns} (default 2) runs after a cold one in the same
 * JVM (the cold run warms up the JIT); the cold figure is printed too.
 *
 * <p>Run: {@code ./mvnw -q -pl emulator-core test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.rivet.emulator.bench.MipsBenchmark} (from the repository root).
 */
public final class MipsBenchmark {

    private static final Path SRC = Toolchain.MODULE.resolve("src/test/bench");
    private static final Path OUT = Toolchain.MODULE.resolve("target/bench");

    /** Warm runs of each workload on Rivet after the cold one; the best is reported. */
    private static final int WARM_RUNS = Integer.getInteger("rivet.bench.warmRuns", 2);

    private record Workload(String name, String source, boolean sv39) {
    }

    private MipsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<Workload> workloads = List.of(new Workload("integer", "integer.c", false),
                new Workload("memory", "memory.c", false), new Workload("floating point", "float.c", false),
                new Workload("mixed int+FP", "mixed.c", false),
                new Workload("mixed int+FP, Sv39", "mixed.c", true));
        Files.createDirectories(OUT);
        double qemuStartup = qemuStartupSeconds();
        System.out.printf("QEMU start-up (subtracted): %.3f s%n", qemuStartup);
        System.out.printf("%-20s %14s %12s %12s %10s %8s%n", "workload", "instructions", "Rivet cold", "Rivet MIPS",
                "QEMU MIPS", "ratio");
        List<String> problems = new ArrayList<>();
        for (Workload w : workloads) {
            Path elf = build(w);
            byte[] image = Toolchain.flatImage(elf);
            Run cold = runRivet(image);
            Run warm = runRivet(image);
            for (int i = 0; i < WARM_RUNS - 1; i++) {
                Run again = runRivet(image);
                if (again.seconds < warm.seconds) {
                    warm = again;
                }
            }
            long t0 = System.nanoTime();
            Qemu.Result q = Qemu.run(elf, 300);
            double qemuSeconds = (System.nanoTime() - t0) / 1e9 - qemuStartup;
            if (!q.output().trim().equals(warm.output.trim()) || q.exitCode() != 0 || warm.exit == null || warm.exit != 0) {
                problems.add(w.name + ": results differ (QEMU " + q.output().trim() + ", Rivet " + warm.output.trim() + ")");
            }
            double rivetMips = warm.instructions / warm.seconds / 1e6;
            double qemuMips = warm.instructions / qemuSeconds / 1e6;
            System.out.printf("%-20s %14d %10.1f   %10.1f %10.1f %8.2f%n", w.name, warm.instructions,
                    cold.instructions / cold.seconds / 1e6, rivetMips, qemuMips, rivetMips / qemuMips);
        }
        if (!problems.isEmpty()) {
            System.out.println("PROBLEMS:");
            problems.forEach(System.out::println);
            System.exit(1);
        }
    }

    private record Run(long instructions, double seconds, String output, Integer exit) {
    }

    private static Run runRivet(byte[] image) {
        TestMachine m = new TestMachine(256L << 20);
        m.load(image);
        long t0 = System.nanoTime();
        Integer exit = m.run(Long.MAX_VALUE);
        double s = (System.nanoTime() - t0) / 1e9;
        return new Run(m.hart.instructionsRetired(), s, m.uartOutput(), exit);
    }

    private static Path build(Workload w) throws Exception {
        String name = w.source.replace(".c", "") + (w.sv39 ? "-sv39" : "");
        Path elf = OUT.resolve(name + ".elf");
        List<String> cmd = new ArrayList<>(List.of("riscv64-unknown-elf-gcc", "-O2", "-march=rv64gc", "-mabi=lp64d",
                "-mcmodel=medany", "-ffreestanding", "-fno-math-errno", "-fno-tree-loop-distribute-patterns", "-nostdlib", "-nostartfiles",
                "-static", "-T", Toolchain.ASM_DIR.resolve("link.ld").toString(), "-o", elf.toString(),
                SRC.resolve("crt.S").toString(), SRC.resolve(w.source).toString()));
        if (w.sv39) {
            cmd.add(1, "-DSV39");
        }
        Toolchain.runCommand(cmd);
        return elf;
    }

    private static double qemuStartupSeconds() throws Exception {
        Path src = OUT.resolve("empty.c");
        Files.writeString(src, "unsigned long main(void) { return 0; }\n");
        Path elf = OUT.resolve("empty.elf");
        Toolchain.runCommand(List.of("riscv64-unknown-elf-gcc", "-O2", "-march=rv64gc", "-mabi=lp64d", "-mcmodel=medany",
                "-ffreestanding", "-nostdlib", "-nostartfiles", "-static", "-T",
                Toolchain.ASM_DIR.resolve("link.ld").toString(), "-o", elf.toString(), SRC.resolve("crt.S").toString(),
                src.toString()));
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            Qemu.run(elf, 30);
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        return best;
    }
}
