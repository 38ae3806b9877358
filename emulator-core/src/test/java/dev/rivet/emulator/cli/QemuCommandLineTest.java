package dev.rivet.emulator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QemuCommandLineTest {

    private static EmulatorOptions parse(String line) throws CommandLineException {
        return QemuCommandLine.parse(List.of(line.split(" ")));
    }

    private static String error(String line) {
        return assertThrows(CommandLineException.class, () -> parse(line)).getMessage();
    }

    @Test
    void cargoRunnerLineOfAHobbyKernel() throws Exception {
        // as in a .cargo/config.toml runner written for QEMU
        EmulatorOptions o = parse("-machine virt -bios none -m 128M -smp 2 -nographic -serial mon:stdio "
                + "-global virtio-mmio.force-legacy=false -drive file=fs.img,if=none,format=raw,id=x0 "
                + "-device virtio-blk-device,drive=x0,bus=virtio-mmio-bus.0 -kernel target/kernel");
        assertEquals("none", o.bios());
        assertEquals(128L << 20, o.ramBytes());
        assertEquals(2, o.harts());
        assertFalse(o.forceLegacy());
        assertEquals(Optional.of(Path.of("target/kernel")), o.kernel());
        assertEquals(List.of(new EmulatorOptions.Disk(Path.of("fs.img"), false, OptionalInt.of(0), "")), o.disks());
        assertFalse(o.noReboot());
        assertTrue(o.gdbPort().isEmpty());
    }

    @Test
    void runnerLineOfTheReferenceKernel() throws Exception {
        // kernel-sources/scripts/run.sh
        EmulatorOptions o = parse("-machine virt -bios none -m 128M -smp 1 -display none -monitor none "
                + "-serial stdio -kernel k.elf");
        assertEquals(Optional.of(Path.of("k.elf")), o.kernel());
        assertTrue(error("-machine virt -display gtk").contains("-display gtk"));
        assertTrue(error("-machine virt -monitor stdio").contains("-monitor stdio"));
    }

    @Test
    void defaultsAreQemus() throws Exception {
        EmulatorOptions o = parse("-M virt");
        assertEquals("default", o.bios());
        assertEquals(128L << 20, o.ramBytes());
        assertEquals(1, o.harts());
        assertTrue(o.forceLegacy(), "QEMU 7.2's virtio-mmio default is legacy");
        assertEquals("", o.append());
    }

    @Test
    void appendKeepsItsSpacesAsOneArgument() throws Exception {
        EmulatorOptions o = QemuCommandLine.parse(List.of("-machine", "virt", "-append", "console=ttyS0 root=/dev/vda",
                "-initrd", "i.img", "-dtb", "x.dtb", "--no-reboot", "-kernel", "k"));
        assertEquals("console=ttyS0 root=/dev/vda", o.append());
        assertEquals(Optional.of(Path.of("i.img")), o.initrd());
        assertEquals(Optional.of(Path.of("x.dtb")), o.dtb());
        assertTrue(o.noReboot());
    }

    @ParameterizedTest
    @CsvSource({"256, 268435456", "1G, 1073741824", "64M, 67108864", "size=512M, 536870912", "524288K, 536870912"})
    void memorySizesAsQemuReadsThem(String arg, long bytes) throws Exception {
        assertEquals(bytes, parse("-machine virt -m " + arg).ramBytes());
    }

    @Test
    void gdbOptions() throws Exception {
        assertEquals(OptionalInt.of(1234), parse("-machine virt -s").gdbPort());
        EmulatorOptions o = parse("-machine virt -gdb tcp::4321 -S");
        assertEquals(OptionalInt.of(4321), o.gdbPort());
        assertTrue(o.waitForGdb());
        assertEquals(OptionalInt.of(4322), parse("-machine virt -gdb tcp:127.0.0.1:4322").gdbPort());
        assertEquals(OptionalInt.of(4323), parse("-machine virt -gdb tcp:localhost:4323").gdbPort());
        assertTrue(error("-machine virt -gdb tcp:0.0.0.0:4324").contains("127.0.0.1 only"),
                "listening on every address is refused, not silently narrowed");
    }

    @Test
    void smpForms() throws Exception {
        assertEquals(4, parse("-machine virt -smp 4").harts());
        assertEquals(3, parse("-machine virt -smp cpus=3").harts());
        assertTrue(error("-machine virt -smp 4,sockets=2").contains("sockets"));
    }

    @Test
    void readOnlyDriveAndSerial() throws Exception {
        EmulatorOptions o = parse("-machine virt -drive file=a.img,if=none,format=raw,id=d,readonly=on "
                + "-device virtio-blk-device,drive=d,serial=abc");
        assertEquals(new EmulatorOptions.Disk(Path.of("a.img"), true, OptionalInt.empty(), "abc"), o.disks().get(0));
    }

    @Test
    void unsupportedThingsGetOneLineNamingThem() {
        assertEquals("unsupported option: -vga", error("-machine virt -vga std"));
        assertTrue(error("-machine sifive_u").contains("sifive_u"));
        assertTrue(error("-machine virt -device virtio-net-device").contains("virtio-net-device"));
        assertTrue(error("-machine virt -drive file=a,if=virtio,id=x").contains("if=virtio"));
        assertTrue(error("-machine virt -drive file=a,if=none,format=qcow2,id=x").contains("qcow2"));
        assertTrue(error("-machine virt -serial pty").contains("pty"));
        assertTrue(error("-machine virt -kernel").contains("-kernel needs an argument"));
        assertTrue(error("-machine virt -device virtio-blk-device,drive=nope").contains("nope"));
        assertTrue(error("-machine virt -drive file=a,if=none,id=x").contains("not used"));
        assertTrue(error("-machine virt -m 3G").contains("3G"));
        assertTrue(error("-machine virt -global virtio-mmio.force-legacy=maybe").contains("maybe"));
        assertTrue(error("-kernel k").contains("-machine virt"));
        assertTrue(error("-machine virt -gdb udp::1").contains("udp::1"));
        assertTrue(error("-machine virt kernel.elf").contains("kernel.elf"));
        assertEquals("-append only allowed with -kernel option", error("-machine virt -append x"));
        assertEquals("-initrd only allowed with -kernel option", error("-machine virt -initrd x"));
        for (String line : List.of("-machine virt -vga std", "-machine virt -m 3G")) {
            assertFalse(error(line).contains("\n"), "one line");
        }
    }
}
