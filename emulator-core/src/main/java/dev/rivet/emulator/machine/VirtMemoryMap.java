package dev.rivet.emulator.machine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The physical memory map of QEMU 7.2's {@code virt} machine: the one table from which Rivet
 * builds its devices, its device tree and every view of the address space.
 *
 * <p>Addresses and sizes are those of {@code virt_memmap[]} in QEMU 7.2's {@code hw/riscv/virt.c};
 * interrupt numbers are those of {@code include/hw/riscv/virt.h} ({@code UART0_IRQ = 10},
 * {@code RTC_IRQ = 11}, {@code VIRTIO_IRQ = 1}). QEMU's debug region, fw_cfg, flash, PCIe and the
 * platform bus are not part of Rivet's machine and are therefore not in this table.
 *
 * <p>Instances are immutable; regions are sorted by base address and never overlap.
 */
public final class VirtMemoryMap {

    /** Boot ROM: QEMU's reset vector lives at its base ({@code VIRT_MROM}). */
    public static final long MROM_BASE = 0x1000L;
    public static final long MROM_SIZE = 0xf000L;
    /** SiFive test finisher ({@code VIRT_TEST}). */
    public static final long TEST_BASE = 0x100000L;
    public static final long TEST_SIZE = 0x1000L;
    /** Goldfish RTC ({@code VIRT_RTC}) and its PLIC source ({@code RTC_IRQ}). */
    public static final long RTC_BASE = 0x101000L;
    public static final long RTC_SIZE = 0x1000L;
    public static final int RTC_IRQ = 11;
    /** CLINT ({@code VIRT_CLINT}). */
    public static final long CLINT_BASE = 0x2000000L;
    public static final long CLINT_SIZE = 0x10000L;
    /**
     * PLIC ({@code VIRT_PLIC}): {@code VIRT_PLIC_SIZE(VIRT_CPUS_MAX * 2)} with
     * {@code VIRT_CPUS_MAX = 512}, context base 0x200000 and context stride 0x1000.
     */
    public static final long PLIC_BASE = 0xc000000L;
    public static final long PLIC_SIZE = 0x200000L + 512L * 2 * 0x1000L;
    /** Number of PLIC interrupt sources, {@code VIRT_IRQCHIP_NUM_SOURCES} (the DT's riscv,ndev). */
    public static final int PLIC_SOURCES = 95;
    /** NS16550A UART ({@code VIRT_UART0}) and its PLIC source ({@code UART0_IRQ}). */
    public static final long UART0_BASE = 0x10000000L;
    public static final long UART0_SIZE = 0x100L;
    public static final int UART0_IRQ = 10;
    /** First virtio-mmio slot ({@code VIRT_VIRTIO}); slot n is at base + n * size, IRQ 1 + n. */
    public static final long VIRTIO_BASE = 0x10001000L;
    public static final long VIRTIO_SLOT_SIZE = 0x1000L;
    public static final int VIRTIO_FIRST_IRQ = 1;
    /** Number of virtio-mmio slots ({@code VIRTIO_COUNT}). */
    public static final int VIRTIO_COUNT = 8;
    /** Main memory ({@code VIRT_DRAM}); its size is the machine's {@code -m}. */
    public static final long DRAM_BASE = 0x80000000L;
    /** QEMU's default {@code -m} for {@code virt}: 128 MiB. */
    public static final long DEFAULT_RAM_SIZE = 128L << 20;

    private final List<MemoryRegion> regions;
    private final long ramSize;

    private VirtMemoryMap(List<MemoryRegion> regions, long ramSize) {
        List<MemoryRegion> sorted = new ArrayList<>(regions);
        sorted.sort(Comparator.comparing(MemoryRegion::base, Long::compareUnsigned));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i - 1).overlaps(sorted.get(i))) {
                throw new IllegalArgumentException(
                        sorted.get(i - 1).name() + " overlaps " + sorted.get(i).name());
            }
        }
        this.regions = Collections.unmodifiableList(sorted);
        this.ramSize = ramSize;
    }

    /** The map of QEMU 7.2's {@code virt} machine with the default 128 MiB of RAM. */
    public static VirtMemoryMap qemuVirt() {
        return qemuVirt(DEFAULT_RAM_SIZE);
    }

    /**
     * The map of QEMU 7.2's {@code virt} machine with {@code ramSize} bytes of RAM at
     * {@link #DRAM_BASE}.
     *
     * @throws IllegalArgumentException if {@code ramSize} is not a positive multiple of 4 KiB
     */
    public static VirtMemoryMap qemuVirt(long ramSize) {
        if (ramSize <= 0 || (ramSize & 0xfff) != 0) {
            throw new IllegalArgumentException("RAM size must be a positive multiple of 4 KiB, was " + ramSize);
        }
        List<MemoryRegion> r = new ArrayList<>();
        r.add(new MemoryRegion("MROM", DeviceKind.MROM, MROM_BASE, MROM_SIZE, OptionalInt.empty()));
        r.add(new MemoryRegion("Test finisher", DeviceKind.TEST_FINISHER, TEST_BASE, TEST_SIZE, OptionalInt.empty()));
        r.add(new MemoryRegion("RTC", DeviceKind.RTC, RTC_BASE, RTC_SIZE, OptionalInt.of(RTC_IRQ)));
        r.add(new MemoryRegion("CLINT", DeviceKind.CLINT, CLINT_BASE, CLINT_SIZE, OptionalInt.empty()));
        r.add(new MemoryRegion("PLIC", DeviceKind.PLIC, PLIC_BASE, PLIC_SIZE, OptionalInt.empty()));
        r.add(new MemoryRegion("UART0", DeviceKind.UART, UART0_BASE, UART0_SIZE, OptionalInt.of(UART0_IRQ)));
        for (int n = 0; n < VIRTIO_COUNT; n++) {
            r.add(new MemoryRegion("virtio-mmio " + n, DeviceKind.VIRTIO_MMIO,
                    VIRTIO_BASE + n * VIRTIO_SLOT_SIZE, VIRTIO_SLOT_SIZE, OptionalInt.of(VIRTIO_FIRST_IRQ + n)));
        }
        r.add(new MemoryRegion("DRAM", DeviceKind.DRAM, DRAM_BASE, ramSize, OptionalInt.empty()));
        return new VirtMemoryMap(r, ramSize);
    }

    /** All regions, sorted by base address. */
    public List<MemoryRegion> regions() {
        return regions;
    }

    /** The size of RAM in bytes. */
    public long ramSize() {
        return ramSize;
    }

    /** The region containing {@code address}, or empty if nothing is mapped there. */
    public Optional<MemoryRegion> regionAt(long address) {
        int lo = 0;
        int hi = regions.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            MemoryRegion m = regions.get(mid);
            if (Long.compareUnsigned(address, m.base()) < 0) {
                hi = mid - 1;
            } else if (Long.compareUnsigned(address, m.end()) > 0) {
                lo = mid + 1;
            } else {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /**
     * The region named {@code name}.
     *
     * @throws NoSuchElementException if there is none
     */
    public MemoryRegion region(String name) {
        return regions.stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no region named " + name));
    }

    /** The regions of one kind, sorted by base address (the eight virtio slots, for instance). */
    public List<MemoryRegion> regionsOf(DeviceKind kind) {
        return regions.stream().filter(m -> m.kind() == kind).toList();
    }
}
