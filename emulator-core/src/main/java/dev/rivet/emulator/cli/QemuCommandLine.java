package dev.rivet.emulator.cli;

import dev.rivet.emulator.machine.VirtMemoryMap;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Parses the subset of {@code qemu-system-riscv64}'s options that kernel projects put in their
 * {@code .cargo/config.toml} runner lines and Makefiles (QEMU 7.2 manual, "Invocation"):
 * {@code -machine virt}, {@code -bios}, {@code -kernel}, {@code -initrd}, {@code -append},
 * {@code -dtb}, {@code -m}, {@code -smp}, {@code -nographic}, {@code -serial mon:stdio},
 * {@code -drive file=...,if=none,format=raw,id=...}, {@code -device virtio-blk-device,drive=...},
 * {@code -global virtio-mmio.force-legacy=...}, {@code -s}, {@code -S}, {@code -gdb tcp::PORT},
 * {@code -no-reboot}, and {@code -display none} / {@code -monitor none} (Rivet has neither). Options may be written with one or two dashes, as QEMU allows. Anything
 * else is refused with one line naming it.
 */
public final class QemuCommandLine {

    private static final Set<String> WITH_ARGUMENT = Set.of("machine", "M", "bios", "kernel", "initrd", "append",
            "dtb", "m", "smp", "serial", "drive", "device", "global", "gdb", "display", "monitor");
    private static final Set<String> FLAGS = Set.of("nographic", "s", "S", "no-reboot");

    private QemuCommandLine() {
    }

    /** Parses {@code args}. */
    public static EmulatorOptions parse(List<String> args) throws CommandLineException {
        String bios = "default";
        Optional<Path> kernel = Optional.empty();
        Optional<Path> initrd = Optional.empty();
        Optional<Path> dtb = Optional.empty();
        Optional<Path> dumpDtb = Optional.empty();
        String append = "";
        long ram = VirtMemoryMap.DEFAULT_RAM_SIZE;
        int harts = 1;
        boolean forceLegacy = true;
        OptionalInt gdbPort = OptionalInt.empty();
        boolean waitForGdb = false;
        boolean noReboot = false;
        boolean sawMachine = false;
        Map<String, Drive> drives = new LinkedHashMap<>();
        List<DeviceArg> devices = new ArrayList<>();

        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("-") || arg.length() < 2) {
                throw new CommandLineException("unexpected argument '" + arg + "' (options start with '-')");
            }
            String name = arg.startsWith("--") ? arg.substring(2) : arg.substring(1);
            String value = null;
            if (WITH_ARGUMENT.contains(name)) {
                if (i + 1 >= args.size()) {
                    throw new CommandLineException("option -" + name + " needs an argument");
                }
                value = args.get(++i);
            } else if (!FLAGS.contains(name)) {
                throw new CommandLineException("unsupported option: " + arg);
            }
            switch (name) {
                case "machine", "M" -> {
                    dumpDtb = machine(value);
                    sawMachine = true;
                }
                case "bios" -> bios = value;
                case "kernel" -> kernel = Optional.of(Path.of(value));
                case "initrd" -> initrd = Optional.of(Path.of(value));
                case "dtb" -> dtb = Optional.of(Path.of(value));
                case "append" -> append = value;
                case "m" -> ram = memorySize(value);
                case "smp" -> harts = smp(value);
                case "serial" -> {
                    if (!value.equals("mon:stdio") && !value.equals("stdio")) {
                        throw new CommandLineException("unsupported -serial " + value + " (Rivet supports mon:stdio and stdio)");
                    }
                }
                case "nographic" -> { } // Rivet has no display: the console is always stdio
                case "display", "monitor" -> {
                    if (!value.equals("none")) {
                        throw new CommandLineException("unsupported -" + name + " " + value + " (Rivet accepts -" + name
                                + " none)");
                    }
                }
                case "drive" -> {
                    Drive d = drive(value);
                    if (drives.put(d.id, d) != null) {
                        throw new CommandLineException("-drive: duplicate id " + d.id);
                    }
                }
                case "device" -> devices.add(device(value));
                case "global" -> forceLegacy = global(value);
                case "s" -> gdbPort = OptionalInt.of(1234);
                case "S" -> waitForGdb = true;
                case "gdb" -> gdbPort = OptionalInt.of(gdb(value));
                case "no-reboot" -> noReboot = true;
                default -> throw new CommandLineException("unsupported option: " + arg);
            }
        }
        if (kernel.isEmpty() && !append.isEmpty()) {
            throw new CommandLineException("-append only allowed with -kernel option");
        }
        if (kernel.isEmpty() && initrd.isPresent()) {
            throw new CommandLineException("-initrd only allowed with -kernel option");
        }
        if (!sawMachine) {
            throw new CommandLineException("no machine given: Rivet emulates -machine virt, say so as for QEMU");
        }
        List<EmulatorOptions.Disk> disks = new ArrayList<>();
        for (DeviceArg dev : devices) {
            Drive d = drives.remove(dev.drive);
            if (d == null) {
                throw new CommandLineException("-device virtio-blk-device: no -drive with id=" + dev.drive);
            }
            disks.add(new EmulatorOptions.Disk(d.file, d.readOnly, dev.slot, dev.serial));
        }
        if (!drives.isEmpty()) {
            throw new CommandLineException("-drive id=" + drives.keySet().iterator().next()
                    + " is not used by any -device virtio-blk-device");
        }
        return new EmulatorOptions(bios, kernel, initrd, dtb, append, dumpDtb, ram, harts, List.copyOf(disks),
                forceLegacy, gdbPort, waitForGdb, noReboot);
    }

    private record Drive(String id, Path file, boolean readOnly) {
    }

    private record DeviceArg(String drive, OptionalInt slot, String serial) {
    }

    /** {@code key=value,...} after an optional leading bare word. */
    private static Map<String, String> properties(String option, String value, int from) throws CommandLineException {
        Map<String, String> map = new LinkedHashMap<>();
        String[] parts = value.split(",", -1);
        for (int i = from; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq <= 0) {
                throw new CommandLineException(option + ": cannot parse '" + parts[i] + "' (expected key=value)");
            }
            map.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
        }
        return map;
    }

    private static Optional<Path> machine(String value) throws CommandLineException {
        String[] parts = value.split(",", 2);
        String type = parts[0].startsWith("type=") ? parts[0].substring(5) : parts[0];
        if (!type.equals("virt")) {
            throw new CommandLineException("unsupported machine '" + type + "': Rivet emulates -machine virt");
        }
        Optional<Path> dump = Optional.empty();
        for (Map.Entry<String, String> p : properties("-machine", value, 1).entrySet()) {
            if (p.getKey().equals("dumpdtb")) {
                dump = Optional.of(Path.of(p.getValue()));
            } else {
                throw new CommandLineException("unsupported -machine property: " + p.getKey());
            }
        }
        return dump;
    }

    static long memorySize(String value) throws CommandLineException {
        String v = value.startsWith("size=") ? value.substring(5) : value;
        if (v.contains(",")) {
            throw new CommandLineException("unsupported -m " + value + " (only a size is supported)");
        }
        long unit = 1L << 20; // QEMU: a bare number is MiB
        String digits = v;
        if (!v.isEmpty()) {
            char suffix = Character.toUpperCase(v.charAt(v.length() - 1));
            long u = switch (suffix) {
                case 'K' -> 1L << 10;
                case 'M' -> 1L << 20;
                case 'G' -> 1L << 30;
                case 'T' -> 1L << 40;
                case 'B' -> 1L;
                default -> 0;
            };
            if (u != 0) {
                unit = u;
                digits = v.substring(0, v.length() - 1);
            }
        }
        long n;
        try {
            n = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new CommandLineException("-m: cannot parse size '" + value + "'");
        }
        if (n <= 0 || n > (2L << 30) / unit) {
            throw new CommandLineException("-m " + value + ": Rivet supports 4 KiB to 2047 MiB of RAM");
        }
        long bytes = n * unit;
        if ((bytes & 0xfff) != 0 || bytes > (2L << 30) - 4096) {
            throw new CommandLineException("-m " + value + ": RAM must be a multiple of 4 KiB below 2 GiB");
        }
        return bytes;
    }

    private static int smp(String value) throws CommandLineException {
        String[] parts = value.split(",", -1);
        String count = null;
        int from = 0;
        if (!parts[0].contains("=")) {
            count = parts[0];
            from = 1;
        }
        Map<String, String> props = properties("-smp", value, from);
        if (props.containsKey("cpus")) {
            count = props.remove("cpus");
        }
        if (!props.isEmpty()) {
            throw new CommandLineException("unsupported -smp property: " + props.keySet().iterator().next());
        }
        if (count == null) {
            throw new CommandLineException("-smp " + value + ": give the number of cpus");
        }
        try {
            int n = Integer.parseInt(count);
            if (n < 1 || n > 8) {
                throw new CommandLineException("-smp " + value + ": Rivet supports 1 to 8 harts (QEMU's virt: VIRT_CPUS_MAX per socket)");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new CommandLineException("-smp: cannot parse '" + value + "'");
        }
    }

    private static Drive drive(String value) throws CommandLineException {
        Map<String, String> p = properties("-drive", value, 0);
        String file = p.remove("file");
        String id = p.remove("id");
        String iface = p.remove("if");
        String format = p.remove("format");
        String readonly = p.remove("readonly");
        if (file == null || id == null) {
            throw new CommandLineException("-drive needs file=... and id=... (Rivet attaches drives with -device virtio-blk-device,drive=ID)");
        }
        if (!"none".equals(iface)) {
            throw new CommandLineException("unsupported -drive if=" + iface + " (Rivet supports if=none with -device virtio-blk-device)");
        }
        if (format != null && !format.equals("raw")) {
            throw new CommandLineException("unsupported -drive format=" + format + " (Rivet reads raw images)");
        }
        if (!p.isEmpty()) {
            throw new CommandLineException("unsupported -drive property: " + p.keySet().iterator().next());
        }
        return new Drive(id, Path.of(file), readonly != null && onOff("-drive readonly", readonly));
    }

    private static DeviceArg device(String value) throws CommandLineException {
        String[] parts = value.split(",", 2);
        if (!parts[0].equals("virtio-blk-device")) {
            throw new CommandLineException("unsupported -device " + parts[0] + " (Rivet has virtio-blk-device)");
        }
        Map<String, String> p = properties("-device", value, 1);
        String drive = p.remove("drive");
        String bus = p.remove("bus");
        String serial = p.remove("serial");
        if (drive == null) {
            throw new CommandLineException("-device virtio-blk-device needs drive=ID");
        }
        OptionalInt slot = OptionalInt.empty();
        if (bus != null) {
            String prefix = "virtio-mmio-bus.";
            int n = -1;
            if (bus.startsWith(prefix)) {
                try {
                    n = Integer.parseInt(bus.substring(prefix.length()));
                } catch (NumberFormatException e) {
                    n = -1;
                }
            }
            if (n < 0 || n >= VirtMemoryMap.VIRTIO_COUNT) {
                throw new CommandLineException("unsupported -device bus=" + bus + " (virtio-mmio-bus.0 to .7)");
            }
            slot = OptionalInt.of(n);
        }
        if (!p.isEmpty()) {
            throw new CommandLineException("unsupported -device virtio-blk-device property: " + p.keySet().iterator().next());
        }
        return new DeviceArg(drive, slot, serial == null ? "" : serial);
    }

    private static boolean global(String value) throws CommandLineException {
        String key = "virtio-mmio.force-legacy=";
        if (!value.startsWith(key)) {
            throw new CommandLineException("unsupported -global " + value + " (Rivet supports virtio-mmio.force-legacy)");
        }
        return onOff("-global virtio-mmio.force-legacy", value.substring(key.length()));
    }

    private static boolean onOff(String what, String v) throws CommandLineException {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "on", "true", "yes" -> true;
            case "off", "false", "no" -> false;
            default -> throw new CommandLineException(what + ": expected on/off or true/false, not '" + v + "'");
        };
    }

    private static int gdb(String value) throws CommandLineException {
        // the stub listens on the loopback address only: tcp::PORT, or a loopback host named
        String prefix = null;
        for (String p : new String[] {"tcp::", "tcp:localhost:", "tcp:127.0.0.1:"}) {
            if (value.startsWith(p)) {
                prefix = p;
            }
        }
        if (prefix == null) {
            throw new CommandLineException("unsupported -gdb " + value
                    + " (Rivet's stub listens on 127.0.0.1 only: tcp::PORT, tcp:localhost:PORT or tcp:127.0.0.1:PORT)");
        }
        try {
            int port = Integer.parseInt(value.substring(prefix.length()));
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new CommandLineException("-gdb: bad port in '" + value + "'");
        }
    }
}
