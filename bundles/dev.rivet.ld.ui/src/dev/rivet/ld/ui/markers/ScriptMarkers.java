package dev.rivet.ld.ui.markers;

import dev.rivet.ld.ide.ScriptProblem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IWorkspace;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.content.IContentType;

/**
 * The Problems markers of a linker script: one marker of type {@link #TYPE} (a problem marker and
 * a text marker, plugin.xml) per {@link ScriptProblem}, with the file, 1-based line, character
 * range, message and severity, so that the Problems view lists them and opening one selects the
 * problem in the editor. The background checks that write them are jobs of the family {@link #TYPE}
 * ({@code Job.getJobManager().join(ScriptMarkers.TYPE, null)} waits for them).
 */
public final class ScriptMarkers {

    /** The marker type (plugin.xml): subtype of {@link IMarker#PROBLEM} and {@link IMarker#TEXT}. */
    public static final String TYPE = "dev.rivet.ld.problem";
    /** The marker attribute holding the problem's issue code. */
    public static final String CODE = "dev.rivet.ld.code";
    /** {@link IMarker#SOURCE_ID} of these markers. */
    static final String SOURCE = "Rivet linker-script checks";
    /**
     * IDE.EDITOR_ID_ATTR: the editor to open the marker in. Set for scripts whose name is not of
     * the linker-script content type ({@code *.x}), which would otherwise open in whatever the
     * registry picks for an unknown name (possibly an external program).
     */
    private static final String EDITOR_ID_ATTRIBUTE = "org.eclipse.ui.editorID";
    private static final String GENERIC_EDITOR = "org.eclipse.ui.genericeditor.GenericEditor";
    private static final String CONTENT_TYPE = "dev.rivet.ld.linkerScript";

    private ScriptMarkers() {
    }

    /**
     * Makes {@code file}'s markers exactly {@code problems}, in one workspace operation. When the
     * markers already say the same, nothing is touched (no marker delta, no Problems view flicker).
     */
    public static void replace(IFile file, List<ScriptProblem> problems) throws CoreException {
        List<Map<String, Object>> wanted = new ArrayList<>();
        for (ScriptProblem p : problems) {
            wanted.add(attributes(file, p));
        }
        IMarker[] existing = file.findMarkers(TYPE, false, IResource.DEPTH_ZERO);
        if (sameProblems(existing, wanted)) {
            return;
        }
        IWorkspace workspace = file.getWorkspace();
        workspace.run(monitor -> {
            file.deleteMarkers(TYPE, false, IResource.DEPTH_ZERO);
            for (Map<String, Object> a : wanted) {
                file.createMarker(TYPE, a);
            }
        }, workspace.getRuleFactory().markerRule(file), IWorkspace.AVOID_UPDATE, null);
    }

    /** Removes {@code file}'s markers (it is no longer a checked script). */
    public static void clear(IFile file) throws CoreException {
        if (file.exists() && file.findMarkers(TYPE, false, IResource.DEPTH_ZERO).length > 0) {
            file.deleteMarkers(TYPE, false, IResource.DEPTH_ZERO);
        }
    }

    /** A single error marker saying that {@code file} could not be checked, and why. */
    public static void replaceWithError(IFile file, String message) throws CoreException {
        replace(file, List.of(new ScriptProblem(ScriptProblem.Severity.ERROR, 0, 0, 1, message, "")));
    }

    /** Whether {@code marker} is one of these markers. */
    public static boolean isScriptMarker(IMarker marker) {
        try {
            return marker.exists() && marker.isSubtypeOf(TYPE);
        } catch (CoreException e) {
            return false; // deleted meanwhile
        }
    }

    private static Map<String, Object> attributes(IFile file, ScriptProblem p) {
        Map<String, Object> a = new HashMap<>();
        a.put(IMarker.MESSAGE, p.message());
        a.put(IMarker.SEVERITY, switch (p.severity()) {
            case ERROR -> IMarker.SEVERITY_ERROR;
            case WARNING -> IMarker.SEVERITY_WARNING;
            case INFO -> IMarker.SEVERITY_INFO;
        });
        a.put(IMarker.LINE_NUMBER, p.line());
        a.put(IMarker.CHAR_START, p.offset());
        a.put(IMarker.CHAR_END, p.offset() + p.length());
        a.put(IMarker.LOCATION, "line " + p.line());
        a.put(IMarker.SOURCE_ID, SOURCE);
        a.put(CODE, p.code());
        if (!isLinkerScriptContentType(file)) {
            a.put(EDITOR_ID_ATTRIBUTE, GENERIC_EDITOR);
        }
        return a;
    }

    private static boolean isLinkerScriptContentType(IFile file) {
        IContentType type = Platform.getContentTypeManager().findContentTypeFor(file.getName());
        return type != null && CONTENT_TYPE.equals(type.getId());
    }

    /** Whether the markers carry exactly the wanted attributes, each as often as wanted. */
    private static boolean sameProblems(IMarker[] existing, List<Map<String, Object>> wanted) throws CoreException {
        if (existing.length != wanted.size()) {
            return false;
        }
        Map<Map<String, Object>, Integer> count = new HashMap<>();
        for (Map<String, Object> a : wanted) {
            count.merge(a, 1, Integer::sum);
        }
        for (IMarker m : existing) {
            if (count.merge(m.getAttributes(), -1, Integer::sum) < 0) {
                return false;
            }
        }
        return true;
    }
}
