package dev.rivet.ld.ui.machine;

import dev.rivet.core.launch.KernelLaunchAttributes;
import dev.rivet.ld.model.MachineProfile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationType;
import org.eclipse.debug.core.ILaunchManager;

/**
 * The machine a project's linker scripts are checked against: QEMU's {@code virt} with the RAM of
 * the Rivet Kernel launch configurations ({@link KernelLaunchAttributes#TYPE_ID}) that run the
 * project, i.e. whose {@link KernelLaunchAttributes#PROJECT} names it or whose mapped resources
 * include it. Their {@link KernelLaunchAttributes#MEMORY_MIB} is the {@code -m} the kernel gets.
 * With several configurations the largest RAM is used (a script that fits the largest machine is
 * not wrong for it; the message names every configuration). With none, QEMU's default of 128 MiB.
 * The profile's {@link MachineProfile#ramSource()} says which case applies, so every message and
 * hover about RAM says where its size came from.
 */
public final class LaunchMachineProfiles {

    private LaunchMachineProfiles() {
    }

    /** The machine of scripts in {@code file}'s project; QEMU's default for a file outside the workspace (null). */
    public static MachineProfile forFile(IFile file) {
        if (file == null) {
            return MachineProfile.qemuVirtDefault(MachineProfile.QEMU_DEFAULT + "; the script is in no workspace project");
        }
        return forProject(file.getProject());
    }

    /** The machine of scripts in {@code project}. */
    public static MachineProfile forProject(IProject project) {
        List<ILaunchConfiguration> configurations;
        try {
            configurations = configurationsOf(project);
        } catch (CoreException e) {
            return MachineProfile.qemuVirtDefault(MachineProfile.QEMU_DEFAULT
                    + "; the launch configurations could not be read: " + e.getStatus().getMessage());
        }
        record Ram(String configuration, int mib) {
        }
        List<Ram> rams = new ArrayList<>();
        int invalid = 0;
        for (ILaunchConfiguration c : configurations) {
            try {
                int mib = c.getAttribute(KernelLaunchAttributes.MEMORY_MIB, KernelLaunchAttributes.DEFAULT_MEMORY_MIB);
                if (mib > 0) {
                    rams.add(new Ram(c.getName(), mib));
                } else {
                    invalid++;
                }
            } catch (CoreException e) {
                invalid++; // not an integer: the launch itself rejects such a configuration
            }
        }
        if (rams.isEmpty()) {
            return MachineProfile.qemuVirtDefault(MachineProfile.QEMU_DEFAULT + (invalid == 0
                    ? "; no Rivet Kernel launch configuration runs project '" + project.getName() + "'"
                    : "; no Rivet Kernel launch configuration of project '" + project.getName() + "' has a valid RAM size"));
        }
        rams.sort(Comparator.comparing(Ram::configuration));
        Ram largest = rams.stream().max(Comparator.comparingInt(Ram::mib)).orElseThrow();
        String source = rams.size() == 1
                ? "the RAM of launch configuration '" + largest.configuration() + "'"
                : "the largest RAM of the " + rams.size() + " launch configurations of project '" + project.getName()
                        + "' (" + rams.stream().map(r -> "'" + r.configuration() + "' " + r.mib() + " MiB")
                                .collect(Collectors.joining(", ")) + ")";
        return MachineProfile.qemuVirt((long) largest.mib() << 20, source);
    }

    /**
     * Whether a change of {@code configuration} can change a machine profile: it is a Rivet Kernel
     * configuration, or it can no longer be read (it was deleted). Working copies are not saved
     * configurations and never count.
     */
    public static boolean matters(ILaunchConfiguration configuration) {
        if (configuration.isWorkingCopy()) {
            return false;
        }
        try {
            return KernelLaunchAttributes.TYPE_ID.equals(configuration.getType().getIdentifier());
        } catch (CoreException e) {
            return true; // deleted: its type is gone with its file
        }
    }

    /** The saved Rivet Kernel configurations that run {@code project}. */
    private static List<ILaunchConfiguration> configurationsOf(IProject project) throws CoreException {
        ILaunchManager manager = DebugPlugin.getDefault().getLaunchManager();
        ILaunchConfigurationType type = manager.getLaunchConfigurationType(KernelLaunchAttributes.TYPE_ID);
        List<ILaunchConfiguration> result = new ArrayList<>();
        if (type == null) {
            return result;
        }
        for (ILaunchConfiguration c : manager.getLaunchConfigurations(type)) {
            if (runs(c, project)) {
                result.add(c);
            }
        }
        return result;
    }

    /** Whether {@code c} runs {@code project}; a configuration whose attributes cannot be read runs nothing. */
    private static boolean runs(ILaunchConfiguration c, IProject project) {
        try {
            if (project.getName().equals(c.getAttribute(KernelLaunchAttributes.PROJECT, ""))) {
                return true;
            }
            IResource[] mapped = c.getMappedResources();
            if (mapped != null) {
                for (IResource r : mapped) {
                    if (r != null && project.equals(r.getProject())) {
                        return true;
                    }
                }
            }
            return false;
        } catch (CoreException e) {
            return false;
        }
    }
}
