package dev.rivet.ld.ui.markers;

import dev.rivet.ld.ide.ParsedScript;
import dev.rivet.ld.ide.ScriptProblem;
import dev.rivet.ld.ide.ScriptProblems;
import dev.rivet.ld.model.IncludedScripts;
import dev.rivet.ld.model.MachineProfile;
import dev.rivet.ld.ui.BuiltElfs;
import dev.rivet.ld.ui.machine.LaunchMachineProfiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IResourceProxy;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;

/**
 * Checks linker scripts in the background and writes their markers ({@link ScriptMarkers}).
 * Callers queue work (a file, a whole project, or "the launch configurations changed"); one job
 * drains the queue, so a burst of saves costs one run. A file is read from disk, parsed, checked
 * against the machine of its project ({@link LaunchMachineProfiles}) and the kernel ELF built with
 * it ({@link BuiltElfs}), exactly as the editor checks its text. The job remembers which files
 * each script's INCLUDEs read or looked for, so that creating, changing or deleting one of them
 * re-checks the scripts that include it.
 *
 * <p>A file that cannot be read gets one error marker saying why. The parser and validator never
 * throw on bad input (dev.rivet.ld.tests feeds them every prefix of real scripts); should one
 * still fail, the file gets an error marker naming the failure and the exception is logged as
 * the bug it is.
 */
final class ScriptCheckJob extends Job {

    /** How long a request waits for more to come (saves of several files, a refresh). */
    private static final long COALESCE_MILLIS = 100;

    private final Set<IFile> files = new LinkedHashSet<>();
    private final Set<IProject> projects = new LinkedHashSet<>();
    private boolean launchesChanged;
    /** The machine each project's scripts were last checked against. */
    private final Map<IProject, MachineProfile> checkedAgainst = new ConcurrentHashMap<>();
    /** The files each script's INCLUDEs read or looked for when it was last checked. */
    private final Map<IFile, Set<Path>> includes = new ConcurrentHashMap<>();

    ScriptCheckJob() {
        super("Checking linker scripts");
        setSystem(true);
        setPriority(Job.BUILD);
    }

    /** Queues a check of {@code file} (which need not be a checked script: then its markers go). */
    void check(IFile file) {
        synchronized (this) {
            files.add(file);
        }
        schedule(COALESCE_MILLIS);
    }

    /** Queues a check of every script in {@code project}. */
    void checkAll(IProject project) {
        synchronized (this) {
            projects.add(project);
        }
        schedule(COALESCE_MILLIS);
    }

    /** Queues a check of the projects whose machine may have changed with the launch configurations. */
    void launchConfigurationsChanged() {
        synchronized (this) {
            launchesChanged = true;
        }
        schedule(COALESCE_MILLIS);
    }

    /**
     * Queues a check of the scripts whose INCLUDEs read {@code file} or looked for it when they
     * were last checked: it was created, changed or deleted, so what they include changed.
     */
    void checkScriptsIncluding(IFile file) {
        if (file.getLocation() == null) {
            return;
        }
        Path changed = file.getLocation().toPath().toAbsolutePath().normalize();
        includes.forEach((script, paths) -> {
            if (!script.equals(file) && paths.contains(changed)) {
                check(script);
            }
        });
    }

    /** Forgets {@code project} (closed or deleted: its markers are gone or frozen with it). */
    void forget(IProject project) {
        checkedAgainst.remove(project);
        includes.keySet().removeIf(script -> project.equals(script.getProject()));
    }

    @Override
    public boolean belongsTo(Object family) {
        return ScriptMarkers.TYPE.equals(family);
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        while (!monitor.isCanceled()) {
            List<IFile> batch = new ArrayList<>();
            List<IProject> sweep = new ArrayList<>();
            boolean launches;
            synchronized (this) {
                batch.addAll(files);
                sweep.addAll(projects);
                launches = launchesChanged;
                files.clear();
                projects.clear();
                launchesChanged = false;
            }
            if (batch.isEmpty() && sweep.isEmpty() && !launches) {
                return Status.OK_STATUS;
            }
            if (launches) {
                checkedAgainst.forEach((project, machine) -> {
                    if (!project.isAccessible()) {
                        checkedAgainst.remove(project);
                    } else if (!LaunchMachineProfiles.forProject(project).equals(machine)) {
                        sweep.add(project);
                    }
                });
            }
            Set<IFile> todo = new LinkedHashSet<>(batch);
            for (IProject project : sweep) {
                todo.addAll(scriptsOf(project));
            }
            for (IFile file : todo) {
                if (monitor.isCanceled()) {
                    break;
                }
                checkFile(file, monitor);
            }
        }
        return Status.CANCEL_STATUS;
    }

    /** The checked scripts of {@code project} (none if it is closed). */
    private static List<IFile> scriptsOf(IProject project) {
        List<IFile> scripts = new ArrayList<>();
        if (!project.isAccessible()) {
            return scripts;
        }
        try {
            project.accept((IResourceProxy proxy) -> {
                if (proxy.isDerived() || proxy.isTeamPrivateMember()) {
                    return false;
                }
                if (proxy.getType() == IResource.FILE) {
                    IFile file = (IFile) proxy.requestResource();
                    if (LinkerScriptFiles.hasScriptName(file) && LinkerScriptFiles.isChecked(file)) {
                        scripts.add(file);
                    }
                }
                return true;
            }, IResource.NONE);
        } catch (CoreException e) {
            if (project.isAccessible()) {
                ILog.of(ScriptCheckJob.class).log(Status.warning("Linker scripts of " + project.getName()
                        + " could not be listed: " + e.getStatus().getMessage()));
            }
        }
        return scripts;
    }

    private void checkFile(IFile file, IProgressMonitor monitor) {
        try {
            if (!file.exists()) {
                includes.remove(file);
                return; // deleted: its markers went with it
            }
            if (!LinkerScriptFiles.isChecked(file)) {
                includes.remove(file);
                ScriptMarkers.clear(file);
                return;
            }
            String text;
            try {
                text = file.readString();
            } catch (CoreException e) {
                if (file.exists()) {
                    ScriptMarkers.replaceWithError(file, "The linker script cannot be read: " + e.getStatus().getMessage());
                }
                return;
            }
            MachineProfile machine = LaunchMachineProfiles.forProject(file.getProject());
            checkedAgainst.put(file.getProject(), machine);
            String location = file.getLocation() != null ? file.getLocation().toOSString() : file.getFullPath().toString();
            List<ScriptProblem> problems;
            try {
                ParsedScript parsed = ParsedScript.parse(location, text);
                includes.put(file, Set.copyOf(IncludedScripts.of(parsed.resource()).dependencies()));
                problems = ScriptProblems.of(parsed, machine, BuiltElfs.forChecks(location), monitor::isCanceled);
            } catch (RuntimeException e) {
                ILog.of(ScriptCheckJob.class).error("Checking linker script " + file.getFullPath() + " failed", e);
                ScriptMarkers.replaceWithError(file, "Rivet's linker-script check failed on this file (" + e
                        + "); please report it with the file");
                return;
            }
            if (!monitor.isCanceled()) {
                ScriptMarkers.replace(file, problems);
            }
        } catch (CoreException e) {
            if (file.exists()) {
                ILog.of(ScriptCheckJob.class).log(Status.warning("Markers of " + file.getFullPath()
                        + " could not be updated: " + e.getStatus().getMessage()));
            }
        }
    }
}
