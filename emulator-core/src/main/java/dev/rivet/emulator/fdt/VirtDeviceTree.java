package dev.rivet.emulator.fdt;

import dev.rivet.emulator.machine.DeviceKind;
import dev.rivet.emulator.machine.MemoryRegion;
import dev.rivet.emulator.machine.VirtMemoryMap;
import dev.rivet.emulator.time.MachineClock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds the device tree of the {@code virt} machine from its {@link VirtMemoryMap}, node for
 * node and property for property as QEMU 7.2's {@code hw/riscv/virt.c} ({@code create_fdt} and
 * its {@code create_fdt_*} helpers) writes it, in the same order and with the same phandles.
 *
 * <p>What Rivet's machine does not have is not described: no {@code fw-cfg}, {@code flash},
 * {@code platform-bus} or {@code pci} node. {@code /chosen} carries no {@code rng-seed} (QEMU
 * writes 32 random bytes there; Rivet runs are deterministic).
 */
public final class VirtDeviceTree {

    /** The ISA string QEMU 7.2 writes for an RV64GC hart ({@code -cpu rv64} without H and the B and Sstc extensions). */
    public static final String RV64GC_ISA = "rv64imafdc_zicsr_zifencei_zihintpause";
    /**
     * The {@code mmu-type} QEMU 7.2 writes for an RV64 hart; Rivet's harts implement Sv39, Sv48
     * and Sv57, as QEMU's do.
     */
    public static final String MMU_TYPE = "riscv,sv48";
    /** The UART's input clock, {@code 3686400} Hz, as QEMU writes it ({@code "clock-frequency"}). */
    public static final long UART_CLOCK_HZ = 3686400;
    /** QEMU's {@code riscv,event-to-mhpmcounters} table for the SBI PMU ({@code riscv_pmu_generate_fdt_node}). */
    private static final long[] PMU_EVENT_MAP = {
        0x01, 0x01, 0x7fff9, 0x02, 0x02, 0x7fffc, 0x10019, 0x10019, 0x7fff8,
        0x1001b, 0x1001b, 0x7fff8, 0x10021, 0x10021, 0x7fff8, 0, 0, 0, 0, 0,
    };
    /** {@code syscon-poweroff} and {@code syscon-reboot} values of the SiFive test device. */
    private static final long FINISHER_PASS = 0x5555;
    private static final long FINISHER_RESET = 0x7777;
    /** mip bit numbers in {@code interrupts-extended}: M/S external, M software, M timer. */
    private static final int IRQ_M_EXT = 11;
    private static final int IRQ_S_EXT = 9;
    private static final int IRQ_M_SOFT = 3;
    private static final int IRQ_M_TIMER = 7;

    /**
     * What varies between runs.
     *
     * @param harts    number of harts ({@code -smp})
     * @param isa      the {@code riscv,isa} string of every hart
     * @param mmuType  the {@code mmu-type} of every hart ({@code riscv,sv39}, ...)
     * @param bootargs the kernel command line ({@code -append}); empty for none
     * @param initrd   where the initrd was loaded, if one was
     */
    public record Options(int harts, String isa, String mmuType, String bootargs, Optional<Range> initrd) {
        public Options {
            if (harts < 1) {
                throw new IllegalArgumentException("at least one hart");
            }
            Objects.requireNonNull(isa);
            Objects.requireNonNull(mmuType);
            Objects.requireNonNull(bootargs);
            Objects.requireNonNull(initrd);
        }
    }

    /** A physical address range [start, end). */
    public record Range(long start, long end) {
    }

    private VirtDeviceTree() {
    }

    /** The device tree for {@code map} with {@code options}. */
    public static FdtNode build(VirtMemoryMap map, Options options) {
        int n = options.harts();
        // QEMU allocates phandles while creating the cpus from the last to the first:
        // cpu (N-1-i)*2+1, its interrupt controller the next; then the PLIC, then the test device.
        long plicPhandle = 2L * n + 1;
        long testPhandle = 2L * n + 2;

        FdtNode root = new FdtNode("");
        root.setCells("#address-cells", 2).setCells("#size-cells", 2)
                .setStrings("compatible", "riscv-virtio").setStrings("model", "riscv-virtio,qemu");

        root.addChild("pmu").setCells("riscv,event-to-mhpmcounters", PMU_EVENT_MAP)
                .setStrings("compatible", "riscv,pmu");

        MemoryRegion uart = map.regionsOf(DeviceKind.UART).get(0);
        FdtNode chosen = root.addChild("chosen");
        setChosen(chosen, options.bootargs(), options.initrd());
        chosen.setStrings("stdout-path", "/soc/" + nodeName(uart));

        root.addChild("poweroff").setCells("value", FINISHER_PASS).setCells("offset", 0)
                .setCells("regmap", testPhandle).setStrings("compatible", "syscon-poweroff");
        root.addChild("reboot").setCells("value", FINISHER_RESET).setCells("offset", 0)
                .setCells("regmap", testPhandle).setStrings("compatible", "syscon-reboot");

        MemoryRegion dram = map.regionsOf(DeviceKind.DRAM).get(0);
        root.addChild(nodeName(dram)).setStrings("device_type", "memory").setCells("reg", reg(dram));

        FdtNode cpus = root.addChild("cpus");
        cpus.setCells("#address-cells", 1).setCells("#size-cells", 0)
                .setCells("timebase-frequency", MachineClock.FREQUENCY_HZ);
        for (int i = 0; i < n; i++) {
            FdtNode cpu = cpus.addChild("cpu@" + Integer.toHexString(i));
            cpu.setCells("phandle", cpuPhandle(n, i)).setStrings("device_type", "cpu").setCells("reg", i)
                    .setStrings("status", "okay").setStrings("compatible", "riscv")
                    .setStrings("riscv,isa", options.isa()).setStrings("mmu-type", options.mmuType());
            cpu.addChild("interrupt-controller").setCells("#interrupt-cells", 1).setEmpty("interrupt-controller")
                    .setStrings("compatible", "riscv,cpu-intc").setCells("phandle", intcPhandle(n, i));
        }
        FdtNode cluster = cpus.addChild("cpu-map").addChild("cluster0");
        for (int i = 0; i < n; i++) {
            cluster.addChild("core" + i).setCells("cpu", cpuPhandle(n, i));
        }

        FdtNode soc = root.addChild("soc");
        soc.setCells("#address-cells", 2).setCells("#size-cells", 2)
                .setStrings("compatible", "simple-bus").setEmpty("ranges");
        for (MemoryRegion r : map.regionsOf(DeviceKind.RTC)) {
            interruptingDevice(soc, r, plicPhandle);
        }
        FdtNode serial = soc.addChild(nodeName(uart));
        serial.setCells("interrupts", uart.irq().orElseThrow()).setCells("interrupt-parent", plicPhandle)
                .setCells("clock-frequency", UART_CLOCK_HZ).setCells("reg", reg(uart))
                .setStrings("compatible", compatible(uart));
        MemoryRegion test = map.regionsOf(DeviceKind.TEST_FINISHER).get(0);
        soc.addChild(nodeName(test)).setCells("phandle", testPhandle).setCells("reg", reg(test))
                .setStrings("compatible", compatible(test));
        List<MemoryRegion> virtio = map.regionsOf(DeviceKind.VIRTIO_MMIO);
        for (int i = virtio.size() - 1; i >= 0; i--) {
            interruptingDevice(soc, virtio.get(i), plicPhandle);
        }
        MemoryRegion plic = map.regionsOf(DeviceKind.PLIC).get(0);
        long[] plicIrqs = new long[4 * n];
        long[] clintIrqs = new long[4 * n];
        for (int i = 0; i < n; i++) {
            long intc = intcPhandle(n, i);
            plicIrqs[4 * i] = intc;
            plicIrqs[4 * i + 1] = IRQ_M_EXT;
            plicIrqs[4 * i + 2] = intc;
            plicIrqs[4 * i + 3] = IRQ_S_EXT;
            clintIrqs[4 * i] = intc;
            clintIrqs[4 * i + 1] = IRQ_M_SOFT;
            clintIrqs[4 * i + 2] = intc;
            clintIrqs[4 * i + 3] = IRQ_M_TIMER;
        }
        // QEMU 7.2 writes riscv,ndev = VIRT_IRQCHIP_NUM_SOURCES (96): one more than the last source.
        soc.addChild(nodeName(plic)).setCells("phandle", plicPhandle)
                .setCells("riscv,ndev", VirtMemoryMap.PLIC_SOURCES + 1).setCells("reg", reg(plic))
                .setCells("interrupts-extended", plicIrqs).setEmpty("interrupt-controller")
                .setStrings("compatible", compatible(plic)).setCells("#address-cells", 0)
                .setCells("#interrupt-cells", 1);
        MemoryRegion clint = map.regionsOf(DeviceKind.CLINT).get(0);
        soc.addChild(nodeName(clint)).setCells("interrupts-extended", clintIrqs).setCells("reg", reg(clint))
                .setStrings("compatible", compatible(clint));
        return root;
    }

    /**
     * Writes {@code bootargs} and the initrd range into {@code /chosen} the way QEMU does, also
     * into a tree loaded with {@code -dtb}. Nothing is written for an empty {@code bootargs}.
     */
    public static void setChosen(FdtNode chosen, String bootargs, Optional<Range> initrd) {
        initrd.ifPresent(r -> {
            chosen.setCells("linux,initrd-end", r.end());
            chosen.setCells("linux,initrd-start", r.start());
        });
        if (!bootargs.isEmpty()) {
            chosen.setStrings("bootargs", bootargs);
        }
    }

    private static void interruptingDevice(FdtNode parent, MemoryRegion r, long plicPhandle) {
        parent.addChild(nodeName(r)).setCells("interrupts", r.irq().orElseThrow())
                .setCells("interrupt-parent", plicPhandle).setCells("reg", reg(r))
                .setStrings("compatible", compatible(r));
    }

    private static long cpuPhandle(int harts, int hart) {
        return 2L * (harts - 1 - hart) + 1;
    }

    private static long intcPhandle(int harts, int hart) {
        return cpuPhandle(harts, hart) + 1;
    }

    private static String nodeName(MemoryRegion r) {
        return r.kind().nodeName() + "@" + Long.toHexString(r.base());
    }

    private static String[] compatible(MemoryRegion r) {
        return r.kind().compatible().toArray(String[]::new);
    }

    private static long[] reg(MemoryRegion r) {
        return new long[] {r.base() >>> 32, r.base() & 0xffff_ffffL, r.size() >>> 32, r.size() & 0xffff_ffffL};
    }
}
