package dev.rivet.core.launch;

import dev.rivet.core.console.UartStreamsProxy;
import dev.rivet.core.launch.internal.EmulatorKernelMachine;
import java.util.List;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.model.LaunchConfigurationDelegate;

/**
 * Runs a kernel on Rivet's emulator inside the IDE: reads and checks the configuration
 * ({@link KernelLaunchSettings}), builds the machine and loads the images (every problem ends the
 * launch with its message before anything runs), then starts the machine on its own thread as a
 * {@link KernelProcess} whose console is the UART.
 */
public final class KernelLaunchDelegate extends LaunchConfigurationDelegate {

    @Override
    public void launch(ILaunchConfiguration configuration, String mode, ILaunch launch, IProgressMonitor monitor)
            throws CoreException {
        if (!ILaunchManager.RUN_MODE.equals(mode)) {
            throw new CoreException(Status.error("Rivet kernels launch in run mode only (debugging comes through GDB)"));
        }
        SubMonitor progress = SubMonitor.convert(monitor, "Booting " + configuration.getName(), 2);
        KernelLaunchSettings settings = KernelLaunchSettings.read(configuration);
        progress.worked(1);
        UartStreamsProxy uart = new UartStreamsProxy();
        KernelMachine machine = EmulatorKernelMachine.boot(settings.emulatorOptions(), uart.output().sink(),
                configuration.getName());
        KernelProcess.start(launch, machine, uart, settings.elf().getFileName() + " on Rivet virt",
                "rivet emu " + String.join(" ", settings.emulatorArguments()));
        progress.worked(1);
    }

    @Override
    protected IProject[] getProjectsForProblemSearch(ILaunchConfiguration configuration, String mode)
            throws CoreException {
        return project(configuration);
    }

    @Override
    protected IProject[] getBuildOrder(ILaunchConfiguration configuration, String mode) throws CoreException {
        return project(configuration);
    }

    private static IProject[] project(ILaunchConfiguration configuration) throws CoreException {
        String name = configuration.getAttribute(KernelLaunchAttributes.PROJECT, "");
        if (name.isEmpty()) {
            return null;
        }
        IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject(name);
        return project.isOpen() ? List.of(project).toArray(IProject[]::new) : null;
    }
}
