package dev.rivet.emulator.loader;

import dev.rivet.emulator.bus.BusErrorException;
import dev.rivet.emulator.fdt.FdtNode;
import dev.rivet.emulator.fdt.FdtReader;
import dev.rivet.emulator.fdt.FdtWriter;
import dev.rivet.emulator.fdt.VirtDeviceTree;
import dev.rivet.emulator.machine.VirtMemoryMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Puts firmware, kernel, initrd and device tree into RAM exactly where QEMU 7.2's {@code virt}
 * machine puts them ({@code hw/riscv/virt.c virt_machine_done} and {@code hw/riscv/boot.c}):
 * <ul>
 * <li>the firmware at DRAM's base (an ELF at its own addresses); {@code -bios none} loads none;</li>
 * <li>the kernel: an ELF at its own addresses (entry = {@code e_entry}); a raw image at the first
 * 2 MiB boundary at or after the firmware's end ({@code riscv_calc_kernel_start_addr}), which is
 * DRAM's base with {@code -bios none};</li>
 * <li>the initrd at {@code kernel entry + min(RAM / 2, 128 MiB)} ({@code riscv_load_initrd});</li>
 * <li>the device tree at {@code align_down(min(DRAM end, 3 GiB) - size, 2 MiB)}
 * ({@code riscv_load_fdt}), where size is QEMU's allocation for the tree (1 MiB for a generated
 * tree, {@code (file size + 10000) * 2} for {@code -dtb}).</li>
 * </ul>
 * The harts start at the reset vector, which jumps to DRAM's base (the firmware, or the kernel with
 * {@code -bios none}) with a0 = hart id and a1 = the device tree's address.
 */
public final class BootLoader {

    /** Where Debian keeps QEMU's default firmware and OpenSBI's generic platform builds, in search order. */
    public static final List<Path> DEFAULT_FIRMWARE = List.of(
            Path.of("/usr/share/qemu/opensbi-riscv64-generic-fw_dynamic.bin"),
            Path.of("/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin"));
    /** Folder in which a bare {@code -bios NAME} is also looked up, as QEMU's data directory. */
    public static final Path QEMU_DATA_DIR = Path.of("/usr/share/qemu");

    static final long MIB = 1L << 20;
    /** QEMU's {@code FDT_MAX_SIZE}: the size of the tree QEMU generates before packing. */
    static final long GENERATED_FDT_ALLOCATION = MIB;

    /**
     * What to load.
     *
     * @param firmware {@code -bios}
     * @param kernel   {@code -kernel}
     * @param initrd   {@code -initrd}
     * @param dtb      {@code -dtb}
     * @param append   {@code -append} (empty for none)
     */
    public record Request(FirmwareChoice firmware, Optional<Path> kernel, Optional<Path> initrd,
            Optional<Path> dtb, String append) {
        public Request {
            Objects.requireNonNull(firmware);
            Objects.requireNonNull(kernel);
            Objects.requireNonNull(initrd);
            Objects.requireNonNull(dtb);
            Objects.requireNonNull(append);
        }
    }

    /**
     * The outcome.
     *
     * @param startAddress where the reset vector jumps
     * @param kernelEntry  the kernel's entry (fw_dynamic's next_addr), 0 without a kernel
     * @param fdtAddress   where the device tree is (a1)
     * @param fdt          the device-tree blob placed there
     * @param initrd       where the initrd went
     */
    public record Plan(long startAddress, long kernelEntry, long fdtAddress, byte[] fdt,
            Optional<VirtDeviceTree.Range> initrd) {
    }

    private BootLoader() {
    }

    /** Parses a {@code -bios} argument. */
    public static FirmwareChoice firmware(String arg) {
        return FirmwareChoice.of(arg);
    }

    /**
     * Loads everything {@code request} names into {@code memory} and returns where it went.
     *
     * @param treeOptions the device-tree options except bootargs and initrd, which come from the request
     * @throws ImageLoadException a file is missing, unreadable, malformed or does not fit in RAM
     */
    public static Plan load(Request request, VirtMemoryMap map, VirtDeviceTree.Options treeOptions,
            PhysicalMemoryWriter memory) throws ImageLoadException {
        long dramBase = VirtMemoryMap.DRAM_BASE;
        long dramEnd = dramBase + map.ramSize();
        long firmwareEnd = dramBase;
        Optional<Path> firmwarePath = resolveFirmware(request.firmware());
        if (firmwarePath.isPresent()) {
            firmwareEnd = loadFirmware(firmwarePath.get(), dramBase, dramEnd, memory);
        }
        long kernelEntry = 0;
        Optional<VirtDeviceTree.Range> initrd = Optional.empty();
        if (request.kernel().isPresent()) {
            long kernelStart = alignUp(firmwareEnd, 2 * MIB);
            kernelEntry = loadKernel(request.kernel().get(), kernelStart, dramBase, dramEnd, memory);
            if (request.initrd().isPresent()) {
                long start = kernelEntry + Math.min(map.ramSize() / 2, 128 * MIB);
                byte[] data = read(request.initrd().get(), "initrd");
                place(request.initrd().get(), data, start, dramBase, dramEnd, memory);
                initrd = Optional.of(new VirtDeviceTree.Range(start, start + data.length));
            }
        } else if (request.initrd().isPresent()) {
            throw new ImageLoadException("-initrd needs -kernel");
        }

        FdtNode tree;
        long allocation;
        if (request.dtb().isPresent()) {
            byte[] file = read(request.dtb().get(), "device tree");
            try {
                tree = FdtReader.read(file);
            } catch (FdtReader.MalformedFdtException e) {
                throw new ImageLoadException(request.dtb().get() + ": " + e.getMessage(), e);
            }
            FdtNode chosen = tree.child("chosen").orElseGet(() -> tree.addChild("chosen"));
            VirtDeviceTree.setChosen(chosen, request.append(), initrd);
            allocation = (file.length + 10000L) * 2;
        } else {
            tree = VirtDeviceTree.build(map, new VirtDeviceTree.Options(treeOptions.harts(), treeOptions.isa(),
                    treeOptions.mmuType(), request.append(), initrd));
            allocation = GENERATED_FDT_ALLOCATION;
        }
        byte[] blob = FdtWriter.write(tree, 0);
        long top = dramBase < 3072 * MIB ? Math.min(dramEnd, 3072 * MIB) : dramEnd;
        long fdtAddress = alignDown(top - Math.max(allocation, blob.length), 2 * MIB);
        if (fdtAddress < dramBase) {
            throw new ImageLoadException("the device tree does not fit in " + (map.ramSize() >> 20) + " MiB of RAM");
        }
        try {
            memory.writeBytes(fdtAddress, blob, 0, blob.length);
        } catch (BusErrorException e) {
            throw new ImageLoadException("the device tree does not fit in RAM", e);
        }
        return new Plan(dramBase, kernelEntry, fdtAddress, blob, initrd);
    }

    /** The firmware file a choice stands for, or empty for {@code -bios none}. */
    public static Optional<Path> resolveFirmware(FirmwareChoice choice) throws ImageLoadException {
        return switch (choice) {
            case FirmwareChoice.None none -> Optional.empty();
            case FirmwareChoice.Default def -> Optional.of(DEFAULT_FIRMWARE.stream().filter(Files::isRegularFile)
                    .findFirst().orElseThrow(() -> new ImageLoadException(
                            "no default firmware: install Debian's opensbi package (./rivet test installs it), "
                                    + "or give -bios FILE or -bios none")));
            case FirmwareChoice.File file -> {
                if (Files.isRegularFile(file.path())) {
                    yield Optional.of(file.path());
                }
                Path inData = QEMU_DATA_DIR.resolve(file.path().toString());
                if (file.path().getNameCount() == 1 && Files.isRegularFile(inData)) {
                    yield Optional.of(inData);
                }
                throw new ImageLoadException("could not find firmware " + file.path());
            }
        };
    }

    private static long loadFirmware(Path path, long dramBase, long dramEnd, PhysicalMemoryWriter memory)
            throws ImageLoadException {
        byte[] data = read(path, "firmware");
        if (ElfImage.isElf(data)) {
            ElfImage elf = ElfImage.parse(path.toString(), data);
            placeElf(path, elf, dramBase, dramEnd, memory);
            return elf.highAddress();
        }
        place(path, data, dramBase, dramBase, dramEnd, memory);
        return dramBase + data.length;
    }

    private static long loadKernel(Path path, long start, long dramBase, long dramEnd, PhysicalMemoryWriter memory)
            throws ImageLoadException {
        byte[] data = read(path, "kernel");
        if (ElfImage.isElf(data)) {
            ElfImage elf = ElfImage.parse(path.toString(), data);
            placeElf(path, elf, dramBase, dramEnd, memory);
            return elf.entry();
        }
        place(path, data, start, dramBase, dramEnd, memory);
        return start;
    }

    private static void placeElf(Path path, ElfImage elf, long dramBase, long dramEnd, PhysicalMemoryWriter memory)
            throws ImageLoadException {
        for (ElfImage.Segment s : elf.segments()) {
            if (s.paddr() < dramBase || s.end() > dramEnd || s.end() < s.paddr()) {
                throw new ImageLoadException(String.format("%s: segment at 0x%x..0x%x is outside RAM (0x%x..0x%x)",
                        path, s.paddr(), s.end(), dramBase, dramEnd));
            }
        }
        elf.loadInto(memory);
    }

    private static void place(Path path, byte[] data, long at, long dramBase, long dramEnd, PhysicalMemoryWriter memory)
            throws ImageLoadException {
        if (at < dramBase || at + data.length > dramEnd) {
            throw new ImageLoadException(String.format("%s (%d bytes) does not fit in RAM at 0x%x", path, data.length, at));
        }
        memory.writeBytes(at, data, 0, data.length);
    }

    private static byte[] read(Path path, String what) throws ImageLoadException {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new ImageLoadException("could not read " + what + " " + path + ": " + e.getMessage(), e);
        }
    }

    private static long alignUp(long v, long a) {
        return (v + a - 1) & -a;
    }

    private static long alignDown(long v, long a) {
        return v & -a;
    }
}
