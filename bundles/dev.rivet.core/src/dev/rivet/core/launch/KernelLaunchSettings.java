package dev.rivet.core.launch;

import dev.rivet.core.launch.KernelLaunchAttributes.Firmware;
import dev.rivet.core.launch.KernelLaunchAttributes.VirtioVersion;
import dev.rivet.emulator.cli.CommandLineException;
import dev.rivet.emulator.cli.EmulatorOptions;
import dev.rivet.emulator.cli.QemuCommandLine;
import dev.rivet.emulator.loader.ElfImage;
import dev.rivet.emulator.loader.ImageLoadException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IPath;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.variables.VariablesPlugin;
import org.eclipse.debug.core.ILaunchConfiguration;

/**
 * A kernel launch configuration read, with variables substituted and paths resolved, and checked:
 * every problem is a {@link CoreException} whose message names the setting and what is wrong.
 * Machine options are checked by the emulator's own {@link QemuCommandLine} (one set of rules for
 * {@code rivet emu} and the IDE): {@link #emulatorArguments()} is the equivalent command line.
 *
 * @param elf         the kernel ELF (exists, is a readable file)
 * @param firmware    what runs before the kernel
 * @param memoryMiB   RAM in MiB
 * @param harts       number of harts
 * @param disks       raw disk images (exist, are readable)
 * @param commandLine the kernel command line
 * @param virtio      virtio-mmio version
 */
public record KernelLaunchSettings(Path elf, Firmware firmware, int memoryMiB, int harts, List<Path> disks,
        String commandLine, VirtioVersion virtio) {

    public KernelLaunchSettings {
        Objects.requireNonNull(elf);
        Objects.requireNonNull(firmware);
        disks = List.copyOf(disks);
        Objects.requireNonNull(commandLine);
        Objects.requireNonNull(virtio);
    }

    /** Reads and checks {@code configuration}. */
    public static KernelLaunchSettings read(ILaunchConfiguration configuration) throws CoreException {
        String elfText = configuration.getAttribute(KernelLaunchAttributes.ELF, "").strip();
        if (elfText.isEmpty()) {
            throw problem("No kernel ELF is set (Kernel tab)");
        }
        Path elf = resolve("Kernel ELF", elfText);
        if (!Files.exists(elf)) {
            throw problem("Kernel ELF " + elf + " does not exist" + (elfText.contains("/target/")
                    ? " (build the project first)" : ""));
        }
        if (!Files.isRegularFile(elf) || !Files.isReadable(elf)) {
            throw problem("Kernel ELF " + elf + " is not a readable file");
        }
        checkElf(elf);
        String firmwareId = configuration.getAttribute(KernelLaunchAttributes.FIRMWARE, Firmware.NONE.id());
        Firmware firmware = Firmware.of(firmwareId);
        if (firmware == null) {
            throw problem("Unknown boot firmware '" + firmwareId + "' (choose none or OpenSBI)");
        }
        String virtioId = configuration.getAttribute(KernelLaunchAttributes.VIRTIO, VirtioVersion.LEGACY.id());
        VirtioVersion virtio = VirtioVersion.of(virtioId);
        if (virtio == null) {
            throw problem("Unknown virtio-mmio version '" + virtioId + "' (choose legacy or modern)");
        }
        List<Path> disks = new ArrayList<>();
        for (String d : configuration.getAttribute(KernelLaunchAttributes.DISKS, List.<String>of())) {
            Path disk = resolve("Disk image", d.strip());
            if (!Files.exists(disk)) {
                throw problem("Disk image " + disk + " does not exist");
            }
            if (!Files.isRegularFile(disk) || !Files.isReadable(disk)) {
                throw problem("Disk image " + disk + " cannot be read (not a readable raw image file)");
            }
            if (disk.toString().contains(",")) {
                throw problem("Disk image " + disk + ": the path contains a comma, which the drive syntax cannot carry");
            }
            disks.add(disk);
        }
        String commandLine = substitute("Kernel command line",
                configuration.getAttribute(KernelLaunchAttributes.COMMAND_LINE, ""));
        KernelLaunchSettings settings = new KernelLaunchSettings(elf, firmware,
                configuration.getAttribute(KernelLaunchAttributes.MEMORY_MIB, KernelLaunchAttributes.DEFAULT_MEMORY_MIB),
                configuration.getAttribute(KernelLaunchAttributes.HARTS, KernelLaunchAttributes.DEFAULT_HARTS),
                disks, commandLine, virtio);
        settings.emulatorOptions(); // machine options: the emulator's own checks
        return settings;
    }

    /** The emulator's ELF checks (RV64, little-endian, RISC-V machine, executable, loadable segments). */
    private static void checkElf(Path elf) throws CoreException {
        try {
            ElfImage.parse(elf.toString(), Files.readAllBytes(elf));
        } catch (ImageLoadException e) {
            throw problem("Kernel ELF " + e.getMessage());
        } catch (IOException e) {
            throw problem("Kernel ELF " + elf + " cannot be read: " + e.getMessage());
        }
    }

    /** The {@code qemu-system-riscv64} / {@code rivet emu} arguments that describe the same machine. */
    public List<String> emulatorArguments() {
        List<String> args = new ArrayList<>(List.of("-machine", "virt", "-bios", firmware.biosArgument(),
                "-m", memoryMiB + "M", "-smp", Integer.toString(harts), "-kernel", elf.toString()));
        if (!commandLine.isEmpty()) {
            args.addAll(List.of("-append", commandLine));
        }
        args.addAll(List.of("-global", "virtio-mmio.force-legacy=" + (virtio == VirtioVersion.LEGACY ? "on" : "off")));
        for (int i = 0; i < disks.size(); i++) {
            args.addAll(List.of("-drive", "file=" + disks.get(i) + ",if=none,format=raw,id=disk" + i,
                    "-device", "virtio-blk-device,drive=disk" + i));
        }
        return args;
    }

    /** The emulator's reading of {@link #emulatorArguments()}; its one-line error names the bad option. */
    public EmulatorOptions emulatorOptions() throws CoreException {
        if (memoryMiB <= 0) {
            throw problem("Memory size " + memoryMiB + " MiB: give a positive number of MiB");
        }
        if (harts <= 0) {
            throw problem("Harts: " + harts + " is not a number of harts (1 to 8)");
        }
        try {
            return QemuCommandLine.parse(emulatorArguments());
        } catch (CommandLineException e) {
            throw problem("Impossible machine: " + e.getMessage());
        }
    }

    /**
     * A path setting: variables substituted, then a workspace path if a workspace resource of that
     * path exists, otherwise a file-system path.
     */
    private static Path resolve(String what, String text) throws CoreException {
        String value = substitute(what, text);
        if (value.startsWith("/")) {
            IPath path = IPath.fromOSString(value);
            IResource member = ResourcesPlugin.getWorkspace().getRoot().findMember(path);
            if (member != null && member.getLocation() != null) {
                return member.getLocation().toPath();
            }
            // a file the workspace has not seen yet (a fresh build output) in an open project
            IProject project = path.segmentCount() > 1
                    ? ResourcesPlugin.getWorkspace().getRoot().getProject(path.segment(0)) : null;
            if (project != null && project.isOpen() && project.getLocation() != null) {
                return project.getLocation().append(path.removeFirstSegments(1)).toPath();
            }
        }
        return Path.of(value).toAbsolutePath();
    }

    private static String substitute(String what, String text) throws CoreException {
        try {
            return VariablesPlugin.getDefault().getStringVariableManager().performStringSubstitution(text);
        } catch (CoreException e) {
            throw problem(what + ": " + e.getStatus().getMessage());
        }
    }

    private static CoreException problem(String message) {
        return new CoreException(Status.error(message));
    }
}
