package dev.rivet.ui.internal;

import dev.rivet.core.launch.KernelLaunchConfigurations;
import dev.rivet.core.project.ReferenceKernelProject;
import java.nio.file.Path;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.resources.WorkspaceJob;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.ui.IStartup;

/**
 * When the IDE starts with {@code -Drivet.referenceKernel=<kernel-sources>} ({@code ./rivet ide}
 * passes it), puts the reference kernel into the workspace as project {@code rivet-kernel} with
 * a Rivet Kernel launch configuration, ready to build and run. Without the property it does nothing.
 */
public final class ReferenceKernelStartup implements IStartup {

    @Override
    public void earlyStartup() {
        String sources = System.getProperty(ReferenceKernelProject.PROPERTY);
        if (sources == null || sources.isBlank()) {
            return;
        }
        WorkspaceJob job = new WorkspaceJob("Opening the reference kernel") {
            @Override
            public IStatus runInWorkspace(IProgressMonitor monitor) throws CoreException {
                IProject project = ReferenceKernelProject.ensure(Path.of(sources), monitor);
                KernelLaunchConfigurations.forProject(project);
                return Status.OK_STATUS;
            }
        };
        job.setRule(ResourcesPlugin.getWorkspace().getRoot());
        job.setUser(false);
        job.schedule();
    }
}
