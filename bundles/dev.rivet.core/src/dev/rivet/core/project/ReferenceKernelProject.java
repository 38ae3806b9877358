package dev.rivet.core.project;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IProjectDescription;
import org.eclipse.core.resources.IWorkspace;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IPath;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;

/**
 * Puts the reference kernel's sources (the repository's {@code kernel-sources/}, in place) into
 * the workspace as project {@value #NAME}: what {@code ./rivet ide} asks for with the system
 * property {@value #PROPERTY}.
 */
public final class ReferenceKernelProject {

    /** System property naming the folder of the reference kernel's Cargo workspace. */
    public static final String PROPERTY = "rivet.referenceKernel";
    /** The project's name. */
    public static final String NAME = "rivet-kernel";

    private ReferenceKernelProject() {
    }

    /**
     * Creates (or opens) project {@value #NAME} located at {@code sources}, with the kernel nature.
     * A project of that name elsewhere is left as it is and returned.
     *
     * @throws CoreException {@code sources} is not a Cargo workspace
     */
    public static IProject ensure(Path sources, IProgressMonitor monitor) throws CoreException {
        SubMonitor progress = SubMonitor.convert(monitor, "Opening the reference kernel", 3);
        if (!Files.isRegularFile(sources.resolve("Cargo.toml"))) {
            throw new CoreException(Status.error(PROPERTY + "=" + sources + " is not a Cargo workspace (no Cargo.toml)"));
        }
        IWorkspace workspace = ResourcesPlugin.getWorkspace();
        IProject project = workspace.getRoot().getProject(NAME);
        if (!project.exists()) {
            IProjectDescription description = workspace.newProjectDescription(NAME);
            IPath location = IPath.fromPath(sources.toAbsolutePath().normalize());
            if (!location.equals(workspace.getRoot().getLocation().append(NAME))) {
                description.setLocation(location);
            }
            project.create(description, progress.split(1));
        }
        if (!project.isOpen()) {
            project.open(progress.split(1));
        }
        KernelProjectNature.addTo(project, progress.split(1));
        return project;
    }
}
