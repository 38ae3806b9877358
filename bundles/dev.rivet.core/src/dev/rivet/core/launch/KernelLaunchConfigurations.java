package dev.rivet.core.launch;

import dev.rivet.core.project.CargoBuilder;
import java.util.List;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationType;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;

/** Finds or makes the kernel launch configuration for a project or an ELF (what Run As does). */
public final class KernelLaunchConfigurations {

    private KernelLaunchConfigurations() {
    }

    /** The ELF a debug build of {@code project} makes: the Cargo workspace's one binary, named after the kernel crate. */
    public static String elfOf(IProject project) {
        return "${workspace_loc:/" + project.getName() + "/" + CargoBuilder.DEBUG_OUTPUT + "/rivet-kernel}";
    }

    /** The configuration that runs {@code project}'s kernel, made and saved if none exists. */
    public static ILaunchConfiguration forProject(IProject project) throws CoreException {
        return findOrCreate(project.getName(), project, elfOf(project));
    }

    /** The configuration that runs the ELF {@code elf}, made and saved if none exists. */
    public static ILaunchConfiguration forElf(IFile elf) throws CoreException {
        return findOrCreate(elf.getProject().getName() + " " + elf.getName(), elf.getProject(),
                "${workspace_loc:" + elf.getFullPath() + "}");
    }

    private static ILaunchConfiguration findOrCreate(String name, IProject project, String elf) throws CoreException {
        ILaunchManager manager = DebugPlugin.getDefault().getLaunchManager();
        ILaunchConfigurationType type = manager.getLaunchConfigurationType(KernelLaunchAttributes.TYPE_ID);
        for (ILaunchConfiguration c : manager.getLaunchConfigurations(type)) {
            if (elf.equals(c.getAttribute(KernelLaunchAttributes.ELF, ""))) {
                return c;
            }
        }
        ILaunchConfigurationWorkingCopy wc = type.newInstance(null, manager.generateLaunchConfigurationName(name));
        setDefaults(wc);
        wc.setAttribute(KernelLaunchAttributes.PROJECT, project.getName());
        wc.setAttribute(KernelLaunchAttributes.ELF, elf);
        wc.setMappedResources(new org.eclipse.core.resources.IResource[] { project });
        return wc.doSave();
    }

    /** The defaults of a new configuration: QEMU's virt with -bios none -m 128M -smp 1, legacy virtio. */
    public static void setDefaults(ILaunchConfigurationWorkingCopy wc) {
        wc.setAttribute(KernelLaunchAttributes.FIRMWARE, KernelLaunchAttributes.Firmware.NONE.id());
        wc.setAttribute(KernelLaunchAttributes.MEMORY_MIB, KernelLaunchAttributes.DEFAULT_MEMORY_MIB);
        wc.setAttribute(KernelLaunchAttributes.HARTS, KernelLaunchAttributes.DEFAULT_HARTS);
        wc.setAttribute(KernelLaunchAttributes.DISKS, List.<String>of());
        wc.setAttribute(KernelLaunchAttributes.COMMAND_LINE, "");
        wc.setAttribute(KernelLaunchAttributes.VIRTIO, KernelLaunchAttributes.VirtioVersion.LEGACY.id());
    }
}
