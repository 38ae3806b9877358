package dev.rivet.core.project;

import org.eclipse.core.resources.ICommand;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IProjectDescription;
import org.eclipse.core.resources.IProjectNature;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;

/**
 * The nature of a Rivet kernel project: a Cargo workspace for {@code riscv64gc-unknown-none-elf}
 * at the project's root, built by {@link CargoBuilder}.
 */
public final class KernelProjectNature implements IProjectNature {

    /** The nature's id (plugin.xml). */
    public static final String ID = "dev.rivet.core.kernelNature";

    private IProject project;

    /** Adds this nature (and with it the Cargo builder) to {@code project}, if it lacks it. */
    public static void addTo(IProject project, IProgressMonitor monitor) throws CoreException {
        if (project.hasNature(ID)) {
            return;
        }
        IProjectDescription description = project.getDescription();
        String[] old = description.getNatureIds();
        String[] natures = new String[old.length + 1];
        System.arraycopy(old, 0, natures, 0, old.length);
        natures[old.length] = ID;
        description.setNatureIds(natures);
        project.setDescription(description, monitor);
    }

    @Override
    public void configure() throws CoreException {
        IProjectDescription description = project.getDescription();
        for (ICommand command : description.getBuildSpec()) {
            if (CargoBuilder.ID.equals(command.getBuilderName())) {
                return;
            }
        }
        ICommand[] old = description.getBuildSpec();
        ICommand[] spec = new ICommand[old.length + 1];
        System.arraycopy(old, 0, spec, 0, old.length);
        ICommand cargo = description.newCommand();
        cargo.setBuilderName(CargoBuilder.ID);
        spec[old.length] = cargo;
        description.setBuildSpec(spec);
        project.setDescription(description, null);
    }

    @Override
    public void deconfigure() throws CoreException {
        IProjectDescription description = project.getDescription();
        description.setBuildSpec(java.util.Arrays.stream(description.getBuildSpec())
                .filter(c -> !CargoBuilder.ID.equals(c.getBuilderName())).toArray(ICommand[]::new));
        project.setDescription(description, null);
    }

    @Override
    public IProject getProject() {
        return project;
    }

    @Override
    public void setProject(IProject project) {
        this.project = project;
    }
}
