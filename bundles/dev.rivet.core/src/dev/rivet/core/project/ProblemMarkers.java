package dev.rivet.core.project;

import java.nio.file.Path;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IPath;

/** Turns cargo's diagnostics into Problems markers of type {@link #TYPE} on the project's files. */
public final class ProblemMarkers {

    /** The marker type (plugin.xml): a problem marker and a text marker. */
    public static final String TYPE = "dev.rivet.core.cargoProblem";

    private ProblemMarkers() {
    }

    /** Deletes every Cargo problem of {@code project}. */
    public static void clear(IProject project) throws CoreException {
        project.deleteMarkers(TYPE, true, IResource.DEPTH_INFINITE);
    }

    /**
     * Adds a marker for {@code d}: on the file and line it names when that file is in the project,
     * otherwise on the project with the location in the message.
     */
    public static IMarker add(IProject project, CargoDiagnostic d) throws CoreException {
        IResource target = project;
        String text = d.message();
        if (d.file().isPresent()) {
            IFile file = fileOf(project, d.file().get());
            if (file != null && file.exists()) {
                target = file;
            } else {
                text = d.file().get() + ":" + d.line() + ": " + text;
            }
        }
        IMarker marker = target.createMarker(TYPE);
        marker.setAttribute(IMarker.MESSAGE, text);
        marker.setAttribute(IMarker.SEVERITY, d.severity() == CargoDiagnostic.Severity.ERROR
                ? IMarker.SEVERITY_ERROR : IMarker.SEVERITY_WARNING);
        if (target != project && d.line() > 0) {
            marker.setAttribute(IMarker.LINE_NUMBER, d.line());
        }
        marker.setAttribute(IMarker.SOURCE_ID, "cargo");
        return marker;
    }

    /** Adds a project-level error (a failed build with no diagnostic, a missing toolchain). */
    public static void addProjectError(IProject project, String message) throws CoreException {
        IMarker marker = project.createMarker(TYPE);
        marker.setAttribute(IMarker.MESSAGE, message);
        marker.setAttribute(IMarker.SEVERITY, IMarker.SEVERITY_ERROR);
        marker.setAttribute(IMarker.SOURCE_ID, "cargo");
    }

    /** The project file a cargo path names: relative to the workspace root (the project), or absolute inside it. */
    static IFile fileOf(IProject project, String cargoPath) {
        Path path = Path.of(cargoPath);
        if (path.isAbsolute()) {
            IPath location = project.getLocation();
            if (location == null) {
                return null;
            }
            Path root = location.toPath().normalize();
            Path file = path.normalize();
            if (!file.startsWith(root)) {
                return null;
            }
            path = root.relativize(file);
        }
        if (path.toString().isEmpty() || path.startsWith("..")) {
            return null;
        }
        return project.getFile(IPath.fromOSString(path.toString()));
    }
}
