package dev.rivet.emulator.cpu.diff;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivet.emulator.cpu.testing.Qemu;
import dev.rivet.emulator.cpu.testing.TestMachine;
import dev.rivet.emulator.cpu.testing.Toolchain;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

/**
 * Differential test against QEMU 7.2: random programs from {@link RandomProgramGenerator} run on
 * Rivet and on qemu-system-riscv64; the dumps of architectural state, trap log, page tables (with
 * the A/D bits the hardware set) and data area must be identical. Rivet runs each program twice:
 * interpreted only, and with every block translated to JVM bytecode at its first entry.
 *
 * <p>System properties: {@code rivet.diff.programs} (default 300), {@code rivet.diff.length}
 * (random instructions per program, default 300), {@code rivet.diff.seed} (default 1).
 */
class DifferentialTest {

    private static final Path OUT = Path.of("target/diff");
    private static final String[] REGIONS = {"data", "root0 PTE", "root1 PTE"};

    @Test
    void randomProgramsMatchQemu() throws Exception {
        int programs = Integer.getInteger("rivet.diff.programs", 300);
        int length = Integer.getInteger("rivet.diff.length", 300);
        long seed = Long.getLong("rivet.diff.seed", 1L);
        Files.createDirectories(OUT);
        List<String> mismatches = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<?>> jobs = new ArrayList<>();
        for (int i = 0; i < programs; i++) {
            long s = seed + i;
            jobs.add(pool.submit(() -> {
                String m = compare(s, length);
                if (m != null) {
                    mismatches.add(m);
                }
                return null;
            }));
        }
        for (Future<?> j : jobs) {
            j.get();
        }
        pool.shutdown();
        System.out.println("DifferentialTest: " + programs + " random programs of " + length
                + " instructions compared with QEMU, " + mismatches.size() + " mismatches");
        assertTrue(mismatches.isEmpty(), mismatches.size() + " of " + programs + " programs differ:\n"
                + String.join("\n", mismatches.subList(0, Math.min(10, mismatches.size()))));
    }

    /**
     * Determinism: with the instruction-count clock, running the same program twice gives the same
     * dump, the same number of retired instructions and the same final time.
     */
    @Test
    void rivetRunsRepeatBitForBit() throws Exception {
        Files.createDirectories(OUT);
        for (long seed = 1000; seed < 1005; seed++) {
            Path src = OUT.resolve("det" + seed + ".S");
            Files.writeString(src, new RandomProgramGenerator(seed).generate(400));
            byte[] image = Toolchain.flatImage(Toolchain.build(src, OUT));
            TestMachine a = new TestMachine(128L << 20);
            a.load(image);
            a.run(20_000_000L);
            TestMachine b = new TestMachine(128L << 20);
            b.load(image);
            b.run(20_000_000L);
            org.junit.jupiter.api.Assertions.assertFalse(a.uartOutput().isEmpty(), "seed " + seed + " printed nothing");
            org.junit.jupiter.api.Assertions.assertEquals(a.uartOutput(), b.uartOutput(), "seed " + seed);
            org.junit.jupiter.api.Assertions.assertEquals(a.hart.instructionsRetired(), b.hart.instructionsRetired());
            org.junit.jupiter.api.Assertions.assertEquals(a.clock.now(), b.clock.now());
        }
    }

    /**
     * Execution that moves between interpreted and translated code gives the interpreter's result:
     * with every block translated at its first entry, or after two entries, a program leaves the
     * same dump as interpreted only. (Exact retirement counts are checked by the ISA suite, whose
     * programs read {@code minstret} at known points; these programs end in a spin loop that runs
     * to the end of a slice, which hides the count.)
     */
    @Test
    void mixedInterpretedAndTranslatedExecutionMatchesTheInterpreter() throws Exception {
        Files.createDirectories(OUT);
        for (long seed = 2000; seed < 2040; seed++) {
            Path src = OUT.resolve("tr" + seed + ".S");
            Files.writeString(src, new RandomProgramGenerator(seed).generate(400));
            byte[] image = Toolchain.flatImage(Toolchain.build(src, OUT));
            TestMachine interpreted = new TestMachine(16L << 20, 0);
            interpreted.load(image);
            interpreted.run(20_000_000L);
            for (int threshold : new int[] {1, 2}) {
                TestMachine translated = new TestMachine(16L << 20, threshold);
                translated.load(image);
                translated.run(20_000_000L);
                String ctx = "seed " + seed + ", translation threshold " + threshold;
                org.junit.jupiter.api.Assertions.assertTrue(translated.hart.translatedBlocks() > 0, ctx);
                org.junit.jupiter.api.Assertions.assertEquals(interpreted.uartOutput(), translated.uartOutput(), ctx);
            }
        }
    }

    private static String compare(long seed, int length) throws Exception {
        Path src = OUT.resolve("rand" + seed + ".S");
        Files.writeString(src, new RandomProgramGenerator(seed).generate(length));
        Path elf = Toolchain.build(src, OUT);
        Qemu.Result q;
        try {
            q = Qemu.run(elf, 20);
        } catch (IllegalStateException e) {
            return "seed " + seed + ": " + e.getMessage();
        }
        if (q.exitCode() != 0) {
            return "seed " + seed + ": QEMU exit " + q.exitCode();
        }
        byte[] image = Toolchain.flatImage(elf);
        String interpreted = compareWithRivet(seed, image, q.output(), 0);
        return interpreted != null ? interpreted : compareWithRivet(seed, image, q.output(), 1);
    }

    private static String compareWithRivet(long seed, byte[] image, String qemuOutput, int translationThreshold) {
        String mode = translationThreshold == 0 ? " (interpreted)" : " (translated)";
        // 16 MiB hold everything the programs touch (code, data, page tables within 64 KiB of the
        // RAM base; the deliberate access fault is at 0x9000_0000, outside RAM on both machines)
        // and keep two machines per program cheap to allocate
        TestMachine m = new TestMachine(16L << 20, translationThreshold);
        m.load(image);
        Integer exit = m.run(20_000_000L);
        if (exit == null || exit != 0) {
            return "seed " + seed + mode + ": Rivet did not finish (exit " + exit + ", pc 0x"
                    + Long.toHexString(m.hart.pc()) + ")";
        }
        String[] a = qemuOutput.replace("\r", "").split("\n");
        String[] b = m.uartOutput().split("\n");
        StringBuilder diff = new StringBuilder();
        int shown = 0;
        for (int i = 0; i < Math.max(a.length, b.length) && shown < 6; i++) {
            String qa = i < a.length ? a[i] : "<none>";
            String rb = i < b.length ? b[i] : "<none>";
            if (!qa.equals(rb)) {
                diff.append(shown++ == 0 ? "seed " + seed + mode + ": " : "; ").append(describe(i)).append(": QEMU ")
                        .append(qa).append(" Rivet ").append(rb);
            }
        }
        return shown == 0 ? null : diff.toString();
    }

    private static String describe(int line) {
        if (line < 1536) {
            return REGIONS[line / 512] + " dword " + (line % 512);
        }
        int r = line - 1536;
        if (r < 32) {
            return "x" + r;
        }
        if (r < 64) {
            return "f" + (r - 32);
        }
        if (r < 128) {
            return "csr #" + (r - 64) + " (fcsr, mstatus, mcause, mtval, mepc, scause, stval, sepc, mscratch, sscratch,"
                    + " satp, medeleg, mideleg, mie, mip, mcounteren, scounteren, menvcfg, senvcfg, stvec, mcountinhibit, log)";
        }
        return "trap log entry " + (r - 128) / 3 + " field " + (r - 128) % 3 + " (cause, tval, epc offset; +1 = S)";
    }
}
