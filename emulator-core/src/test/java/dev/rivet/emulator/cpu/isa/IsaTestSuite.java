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
 * interpreted only, once with every block translated to JVM bytecode at its first entry.
 */
class IsaTestSuite {

    private static final Path OUT = Path.of("target/isa");

    @TestFactory
    Stream<DynamicTest> isaTests() throws IOException {
        return Files.list(Toolchain.ASM_DIR).filter(p -> p.toString().endsWith(".S")).sorted()
                .flatMap(src -> Stream.of(
                        DynamicTest.dynamicTest(name(src) + " on Rivet, interpreted", () -> runOnRivet(src, 0)),
                        DynamicTest.dynamicTest(name(src) + " on Rivet, translated", () -> runOnRivet(src, 1)),
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

    private static void runOnQemu(Path src) throws Exception {
        Path elf = Toolchain.build(src, OUT);
        Qemu.Result r = Qemu.run(elf, 20);
        assertEquals(0, r.exitCode(), name(src) + " on QEMU: exit code is the number of the failing check\n" + r.output());
    }
}
