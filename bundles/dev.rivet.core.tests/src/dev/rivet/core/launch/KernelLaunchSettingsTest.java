package dev.rivet.core.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunchConfigurationType;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad launch input ends in an error that names the problem, and nothing is left running. The
 * valid RISC-V ELF is Debian's OpenSBI (package opensbi, which ./rivet test installs).
 */
class KernelLaunchSettingsTest {

    static final Path RISCV_ELF = Path.of("/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.elf");
    static final Path X86_ELF = Path.of("/bin/ls");

    @TempDir
    Path temp;
    private ILaunchConfigurationWorkingCopy config;

    @BeforeEach
    void newConfiguration() throws CoreException {
        assertTrue(Files.isRegularFile(RISCV_ELF), RISCV_ELF + " is missing: install the Debian package opensbi "
                + "(./rivet test installs it)");
        ILaunchManager manager = DebugPlugin.getDefault().getLaunchManager();
        ILaunchConfigurationType type = manager.getLaunchConfigurationType(KernelLaunchAttributes.TYPE_ID);
        config = type.newInstance(null, "settings-test");
        KernelLaunchConfigurations.setDefaults(config);
        config.setAttribute(KernelLaunchAttributes.ELF, RISCV_ELF.toString());
    }

    @AfterEach
    void nothingLeftRunning() {
        ILaunchManager manager = DebugPlugin.getDefault().getLaunchManager();
        assertEquals(0, manager.getLaunches().length, "a failed launch leaves no launch behind");
        assertFalse(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith("rivet-machine")),
                "no machine thread is running");
    }

    private String problem() {
        return assertThrows(CoreException.class, () -> KernelLaunchSettings.read(config)).getStatus().getMessage();
    }

    /** The same configuration through the launch framework: the launch fails with the message. */
    private String launchProblem() {
        return assertThrows(CoreException.class, () -> config.launch(ILaunchManager.RUN_MODE,
                new NullProgressMonitor())).getStatus().getMessage();
    }

    @Test
    void validConfigurationBecomesTheEquivalentCommandLine() throws CoreException {
        config.setAttribute(KernelLaunchAttributes.MEMORY_MIB, 256);
        config.setAttribute(KernelLaunchAttributes.HARTS, 2);
        config.setAttribute(KernelLaunchAttributes.COMMAND_LINE, "console=ttyS0 ${env_var:HOME}");
        config.setAttribute(KernelLaunchAttributes.VIRTIO, KernelLaunchAttributes.VirtioVersion.MODERN.id());
        KernelLaunchSettings s = KernelLaunchSettings.read(config);
        assertEquals(List.of("-machine", "virt", "-bios", "none", "-m", "256M", "-smp", "2", "-kernel",
                RISCV_ELF.toString(), "-append", "console=ttyS0 " + System.getenv("HOME"),
                "-global", "virtio-mmio.force-legacy=off"), s.emulatorArguments());
        assertEquals(256L << 20, s.emulatorOptions().ramBytes());
        assertEquals(2, s.emulatorOptions().harts());
        assertFalse(s.emulatorOptions().forceLegacy());
    }

    @Test
    void disksBecomeVirtioBlockDevicesInOrder() throws Exception {
        Path a = Files.write(temp.resolve("a.img"), new byte[4096]);
        Path b = Files.write(temp.resolve("b.img"), new byte[4096]);
        config.setAttribute(KernelLaunchAttributes.DISKS, List.of(a.toString(), b.toString()));
        KernelLaunchSettings s = KernelLaunchSettings.read(config);
        assertEquals(List.of(a, b), s.emulatorOptions().disks().stream().map(d -> d.file()).toList());
    }

    @Test
    void missingElfIsNamed() {
        Path missing = temp.resolve("no-such-kernel");
        config.setAttribute(KernelLaunchAttributes.ELF, missing.toString());
        assertEquals("Kernel ELF " + missing + " does not exist", problem());
        assertEquals("Kernel ELF " + missing + " does not exist", launchProblem());
    }

    @Test
    void emptyElfSettingIsNamed() {
        config.setAttribute(KernelLaunchAttributes.ELF, " ");
        assertEquals("No kernel ELF is set (Kernel tab)", launchProblem());
    }

    @Test
    void elfForAnotherArchitectureIsNamed() {
        config.setAttribute(KernelLaunchAttributes.ELF, X86_ELF.toString());
        assertEquals("Kernel ELF " + X86_ELF + ": ELF machine is 62, not RISC-V (243)", launchProblem());
    }

    @Test
    void fileThatIsNotElfIsNamed() throws Exception {
        Path text = Files.writeString(temp.resolve("kernel.txt"), "not a kernel\n");
        config.setAttribute(KernelLaunchAttributes.ELF, text.toString());
        assertEquals("Kernel ELF " + text + ": not an ELF file", launchProblem());
    }

    @Test
    void undefinedVariableIsNamed() {
        config.setAttribute(KernelLaunchAttributes.ELF, "${no_such_variable}/kernel");
        String message = problem();
        assertTrue(message.startsWith("Kernel ELF: ") && message.contains("no_such_variable"), message);
    }

    @Test
    void missingOrUnreadableDiskImageIsNamed() throws Exception {
        Path missing = temp.resolve("missing.img");
        config.setAttribute(KernelLaunchAttributes.DISKS, List.of(missing.toString()));
        assertEquals("Disk image " + missing + " does not exist", launchProblem());
        Path folder = Files.createDirectory(temp.resolve("folder.img"));
        config.setAttribute(KernelLaunchAttributes.DISKS, List.of(folder.toString()));
        assertEquals("Disk image " + folder + " cannot be read (not a readable raw image file)", launchProblem());
    }

    @Test
    void impossibleMachineOptionsAreNamedByTheEmulatorsRules() {
        config.setAttribute(KernelLaunchAttributes.MEMORY_MIB, 4096);
        assertEquals("Impossible machine: -m 4096M: Rivet supports 4 KiB to 2047 MiB of RAM", launchProblem());
        config.setAttribute(KernelLaunchAttributes.MEMORY_MIB, 128);
        config.setAttribute(KernelLaunchAttributes.HARTS, 9);
        String harts = launchProblem();
        assertTrue(harts.startsWith("Impossible machine: -smp 9: Rivet supports 1 to 8 harts"), harts);
        config.setAttribute(KernelLaunchAttributes.HARTS, 0);
        assertEquals("Harts: 0 is not a number of harts (1 to 8)", launchProblem());
    }

    @Test
    void unknownFirmwareIsNamed() {
        config.setAttribute(KernelLaunchAttributes.FIRMWARE, "u-boot");
        assertEquals("Unknown boot firmware 'u-boot' (choose none or OpenSBI)", launchProblem());
    }
}
