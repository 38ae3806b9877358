package dev.rivet.emulator.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A parsed qemu-system-riscv64-style command line.
 *
 * @param bios        {@code -bios} argument ({@code default} when absent)
 * @param kernel      {@code -kernel}
 * @param initrd      {@code -initrd}
 * @param dtb         {@code -dtb}
 * @param append      {@code -append} (empty when absent)
 * @param dumpDtb     {@code -machine virt,dumpdtb=FILE}: write the device tree there and exit
 * @param ramBytes    {@code -m} in bytes
 * @param harts       {@code -smp}
 * @param disks       the {@code -device virtio-blk-device} disks, in command-line order
 * @param forceLegacy {@code -global virtio-mmio.force-legacy} (QEMU 7.2's default: true)
 * @param gdbPort     {@code -s} / {@code -gdb tcp::PORT}
 * @param waitForGdb  {@code -S}
 * @param noReboot    {@code -no-reboot}: a guest reset ends the run with status 0
 */
public record EmulatorOptions(String bios, Optional<Path> kernel, Optional<Path> initrd, Optional<Path> dtb,
        String append, Optional<Path> dumpDtb, long ramBytes, int harts, List<Disk> disks, boolean forceLegacy,
        OptionalInt gdbPort, boolean waitForGdb, boolean noReboot) {

    /**
     * One virtio block device and its drive.
     *
     * @param file     the raw image
     * @param readOnly {@code readonly=on} on the drive
     * @param slot     {@code bus=virtio-mmio-bus.N}, if given
     * @param serial   {@code serial=} on the device (what GET_ID returns)
     */
    public record Disk(Path file, boolean readOnly, OptionalInt slot, String serial) {
    }
}
