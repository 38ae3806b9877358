package dev.rivet.emulator.cpu.isa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rivet.emulator.cpu.testing.Qemu;
import dev.rivet.emulator.cpu.testing.TestMachine;
import dev.rivet.emulator.cpu.testing.Toolchain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Rivet's own ISA test suite: every {@code src/test/asm/isa/*.S} program (one per instruction group
 * and per privileged rule) is built with riscv64-unknown-elf-gcc and must report PASS through the
 * SiFive test finisher, on QEMU 7.2 (which proves the test itself right) and on Rivet twice: once
 * interpreted only, once with every block translated to JVM bytecode at its first entry. A third
 * check per program runs it on Rivet interpreted, translated at the first entry and translated at
 * the third, and requires the same retired-instruction count, registers and trap CSRs from all:
 * translation must not be observable (QEMU cannot check this: its counters are not exact).
 */
class IsaSuiteTest {

    private static final Path OUT = Path.of("target/isa");

    @TestFactory
    Stream<DynamicTest> isaTests() throws IOException {
        return Files.list(Toolchain.ASM_DIR).filter(p -> p.toString().endsWith(".S")).sorted()
                .flatMap(src -> Stream.of(
                        DynamicTest.dynamicTest(name(src) + " on Rivet, interpreted", () -> runOnRivet(src, 0)),
                        DynamicTest.dynamicTest(name(src) + " on Rivet, translated", () -> runOnRivet(src, 1)),
                        DynamicTest.dynamicTest(name(src) + " on Rivet, translated retires as interpreted",
                                () -> translationIsInvisible(src)),
                        DynamicTest.dynamicTest(name(src) + " on QEMU", () -> runOnQemu(src))));
    }

    private static String name(Path src) {
        return src.getFileName().toString().replaceFirst("\\.S$", "");
    }

    private static void runOnRivet(Path src, int translationThreshold) throws Exception {
        Path elf = Toolchain.build(src, OUT);
        TestMachine m = new TestMachine(64L << 20, translationThreshold);
        m.load(Toolchain.flatImage(elf));
        Integer exit = m.run(50_000_000L);
        assertEquals(Integer.valueOf(0), exit, name(src) + " on Rivet: exit code is the number of the failing check"
                + " (0x7ff = unexpected trap, null = did not finish); pc=0x" + Long.toHexString(m.hart.pc())
                + " mcause=" + m.hart.csr(0x342) + " a1=" + m.hart.gpr(11));
    }

    private static void translationIsInvisible(Path src) throws Exception {
        byte[] image = Toolchain.flatImage(Toolchain.build(src, OUT));
        String interpreted = finalState(image, 0);
        assertEquals(interpreted, finalState(image, 1), name(src) + ": translated at the first entry");
        assertEquals(interpreted, finalState(image, 3), name(src) + ": translated at the third entry");
    }

    /** Retired instructions, pc, x and f registers, and the trap CSRs after the program ran. */
    private static String finalState(byte[] image, int translationThreshold) {
        TestMachine m = new TestMachine(64L << 20, translationThreshold);
        m.load(image);
        m.run(50_000_000L);
        StringBuilder b = new StringBuilder("retired " + m.hart.instructionsRetired() + " pc " + Long.toHexString(m.hart.pc()));
        for (int i = 0; i < 32; i++) {
            b.append(" x").append(i).append('=').append(Long.toHexString(m.hart.gpr(i)));
            b.append(" f").append(i).append('=').append(Long.toHexString(m.hart.fpr(i)));
        }
        for (int csr : new int[] {0x001, 0x002, 0x300, 0x341, 0x342, 0x343, 0x141, 0x142, 0x143, 0x180}) {
            b.append(" csr").append(Integer.toHexString(csr)).append('=').append(Long.toHexString(m.hart.csr(csr)));
        }
        return b.toString();
    }

    private static void runOnQemu(Path src) throws Exception {
        Path elf = Toolchain.build(src, OUT);
        Qemu.Result r = Qemu.run(elf, 20);
        assertEquals(0, r.exitCode(), name(src) + " on QEMU: exit code is the number of the failing check\n" + r.output());
    }
}
