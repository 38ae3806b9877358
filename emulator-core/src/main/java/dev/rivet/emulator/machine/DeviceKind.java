package dev.rivet.emulator.machine;

import java.util.List;

/**
 * The kinds of thing that occupy the physical address space of QEMU's {@code virt} machine.
 *
 * <p>Each kind carries what the device tree needs to describe it: the node name and the
 * {@code compatible} strings QEMU 7.2 writes for it ({@code hw/riscv/virt.c}, {@code create_fdt_*}).
 * The machine builder uses the kind to decide which device model to instantiate.
 */
public enum DeviceKind {
    /** Boot ROM holding QEMU's reset vector (hw/riscv/boot.c {@code riscv_setup_rom_reset_vec}). */
    MROM("mrom", List.of()),
    /** SiFive test finisher: pass, fail with code, reset. */
    TEST_FINISHER("test", List.of("sifive,test1", "sifive,test0", "syscon")),
    /** Goldfish real-time clock. */
    RTC("rtc", List.of("google,goldfish-rtc")),
    /** Core-local interruptor: mtime, mtimecmp and msip per hart. */
    CLINT("clint", List.of("sifive,clint0", "riscv,clint0")),
    /** Platform-level interrupt controller, sources 1..95, an M and an S context per hart. */
    PLIC("plic", List.of("sifive,plic-1.0.0", "riscv,plic0")),
    /** NS16550A UART. */
    UART("serial", List.of("ns16550a")),
    /** One virtio-mmio transport slot (virtio 1.x, section 4.2). */
    VIRTIO_MMIO("virtio_mmio", List.of("virtio,mmio")),
    /** Main memory. */
    DRAM("memory", List.of());

    private final String nodeName;
    private final List<String> compatible;

    DeviceKind(String nodeName, List<String> compatible) {
        this.nodeName = nodeName;
        this.compatible = compatible;
    }

    /** The device-tree node name, without the unit address (for example {@code serial}). */
    public String nodeName() {
        return nodeName;
    }

    /** The device-tree {@code compatible} strings, most specific first; empty where QEMU writes none. */
    public List<String> compatible() {
        return compatible;
    }
}
