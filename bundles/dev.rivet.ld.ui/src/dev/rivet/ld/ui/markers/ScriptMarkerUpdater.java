package dev.rivet.ld.ui.markers;

import dev.rivet.ld.ui.machine.LaunchMachineProfiles;
import java.util.Arrays;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IResourceChangeEvent;
import org.eclipse.core.resources.IResourceChangeListener;
import org.eclipse.core.resources.IResourceDelta;
import org.eclipse.core.resources.IWorkspace;
import org.eclipse.core.resources.IncrementalProjectBuilder;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.Status;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationListener;
import org.eclipse.debug.core.ILaunchManager;

/**
 * Keeps the Problems markers of the workspace's linker scripts ({@link LinkerScriptFiles}) in sync
 * with their content, also for files never opened in an editor. A resource-change validator rather
 * than a project builder: a builder only runs in projects whose {@code .project} lists it, and the
 * checks apply to {@code *.ld} files in any project. It re-checks
 * <ul>
 * <li>a script when it is added, saved or replaced (POST_CHANGE delta with CONTENT/REPLACED);</li>
 * <li>the scripts that INCLUDE a file (or looked for it) when it is added, changed or deleted;</li>
 * <li>every script of a project when it is opened, added, or its natures change (which decides
 * about {@code *.x}), when a kernel ELF under its {@code target/} changes (the checks against
 * the built ELF), and on a clean build of it or of the workspace;</li>
 * <li>the scripts of projects whose machine changed when a Rivet Kernel launch configuration is
 * added, changed or deleted (their RAM size);</li>
 * <li>every script of every open project once the workspace is up (markers are persistent, but
 * the machine or the checks may have changed since they were written).</li>
 * </ul>
 * A declarative-services component (OSGI-INF): it starts when the workspace service exists, with
 * or without a workbench, and stops with it.
 */
public final class ScriptMarkerUpdater implements IResourceChangeListener, ILaunchConfigurationListener {

    private final ScriptCheckJob job = new ScriptCheckJob();
    private IWorkspace workspace;

    /** DS: the workspace whose scripts are kept checked. */
    public void setWorkspace(IWorkspace workspace) {
        this.workspace = workspace;
    }

    /** DS: starts listening and queues every open project. */
    public void activate() {
        workspace.addResourceChangeListener(this, IResourceChangeEvent.POST_CHANGE | IResourceChangeEvent.PRE_BUILD);
        launchManager().addLaunchConfigurationListener(this);
        for (IProject project : workspace.getRoot().getProjects()) {
            job.checkAll(project);
        }
    }

    /** DS: stops listening and ends the running check. */
    public void deactivate() {
        workspace.removeResourceChangeListener(this);
        DebugPlugin debug = DebugPlugin.getDefault();
        if (debug != null) { // null when org.eclipse.debug.core stopped first (shutdown)
            debug.getLaunchManager().removeLaunchConfigurationListener(this);
        }
        job.cancel();
        try {
            job.join(10_000, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ILaunchManager launchManager() {
        return DebugPlugin.getDefault().getLaunchManager();
    }

    @Override
    public void resourceChanged(IResourceChangeEvent event) {
        if (event.getType() == IResourceChangeEvent.PRE_BUILD) {
            if (event.getBuildKind() == IncrementalProjectBuilder.CLEAN_BUILD) {
                if (event.getSource() instanceof IProject project) {
                    job.checkAll(project);
                } else {
                    for (IProject project : workspace.getRoot().getProjects()) {
                        job.checkAll(project);
                    }
                }
            }
            return;
        }
        IResourceDelta delta = event.getDelta();
        if (delta == null) {
            return;
        }
        try {
            delta.accept(this::visit);
        } catch (CoreException e) {
            ILog.of(ScriptMarkerUpdater.class).log(Status.warning("Linker-script markers: a resource change could not be read: "
                    + e.getStatus().getMessage()));
        }
    }

    /** Queues what {@code d} makes stale; answers whether to look at its children. */
    private boolean visit(IResourceDelta d) {
        IResource resource = d.getResource();
        int flags = d.getFlags();
        if (resource instanceof IProject project) {
            if (d.getKind() == IResourceDelta.REMOVED || !project.isOpen()) {
                job.forget(project);
                return false;
            }
            if (d.getKind() == IResourceDelta.ADDED || (flags & (IResourceDelta.OPEN | IResourceDelta.DESCRIPTION)) != 0) {
                job.checkAll(project);
                return false;
            }
            return true;
        }
        if (resource instanceof IFile file && d.getKind() == IResourceDelta.REMOVED) {
            job.checkScriptsIncluding(file);
        } else if (resource instanceof IFile file) {
            boolean contentChanged = d.getKind() == IResourceDelta.ADDED
                    || (flags & (IResourceDelta.CONTENT | IResourceDelta.REPLACED | IResourceDelta.ENCODING
                            | IResourceDelta.DERIVED_CHANGED)) != 0;
            if (contentChanged) {
                job.checkScriptsIncluding(file);
            }
            if (contentChanged && LinkerScriptFiles.hasScriptName(file)) {
                job.check(file);
            } else if (contentChanged && isBuiltKernel(file)) {
                job.checkAll(file.getProject());
            }
        }
        return true;
    }

    /** Whether {@code file} may be a kernel ELF built by Cargo (as {@code BuiltElfLocator} looks for them). */
    private static boolean isBuiltKernel(IFile file) {
        String folder = file.getParent().getName();
        return file.getFileExtension() == null && (folder.equals("debug") || folder.equals("release"))
                && file.getProjectRelativePath().segmentCount() >= 3
                && Arrays.asList(file.getProjectRelativePath().segments()).contains("target");
    }

    @Override
    public void launchConfigurationAdded(ILaunchConfiguration configuration) {
        launchConfigurationChanged(configuration);
    }

    @Override
    public void launchConfigurationChanged(ILaunchConfiguration configuration) {
        if (LaunchMachineProfiles.matters(configuration)) {
            job.launchConfigurationsChanged();
        }
    }

    @Override
    public void launchConfigurationRemoved(ILaunchConfiguration configuration) {
        launchConfigurationChanged(configuration);
    }
}
