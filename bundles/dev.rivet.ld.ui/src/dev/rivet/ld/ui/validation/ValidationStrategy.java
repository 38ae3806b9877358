package dev.rivet.ld.ui.validation;

import dev.rivet.ld.ide.ParsedScript;
import dev.rivet.ld.ide.ScriptProblem;
import dev.rivet.ld.ide.ScriptProblems;
import dev.rivet.ld.ui.BuiltElfs;
import dev.rivet.ld.ui.DocumentParses;
import dev.rivet.ld.ui.machine.LaunchMachineProfiles;
import dev.rivet.ld.ui.markers.ScriptMarkers;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.Position;
import org.eclipse.jface.text.reconciler.DirtyRegion;
import org.eclipse.jface.text.reconciler.IReconcilingStrategy;
import org.eclipse.jface.text.reconciler.IReconcilingStrategyExtension;
import org.eclipse.jface.text.source.Annotation;
import org.eclipse.jface.text.source.IAnnotationModel;
import org.eclipse.jface.text.source.IAnnotationModelExtension;
import org.eclipse.jface.text.source.IAnnotationModelListener;
import org.eclipse.jface.text.source.ISourceViewer;
import org.eclipse.ui.texteditor.SimpleMarkerAnnotation;

/**
 * Turns the problems of the current text ({@link ScriptProblems}: syntax errors, undeclared
 * regions, checks against the machine of the file's project and against the built kernel ELF)
 * into error/warning/info annotations of the editor, replacing those of the previous run.
 *
 * <p>The file's Problems markers ({@link ScriptMarkers}) describe the saved file and show in the
 * editor's annotation model too; once this strategy has validated the text, its annotations are
 * the current ones, so the marker annotations are hidden (marked deleted, the way Xtext's editor
 * does it) instead of being shown twice. New marker annotations (after a save) are hidden as they
 * arrive.
 */
final class ValidationStrategy implements IReconcilingStrategy, IReconcilingStrategyExtension {

    /** Annotation types of the Platform's text editors (squiggles, overview ruler). */
    static final String ERROR = "org.eclipse.ui.workbench.texteditor.error";
    static final String WARNING = "org.eclipse.ui.workbench.texteditor.warning";
    static final String INFO = "org.eclipse.ui.workbench.texteditor.info";

    private volatile ISourceViewer viewer;
    private IDocument document;
    private IProgressMonitor monitor = new NullProgressMonitor();
    private Annotation[] current = new Annotation[0];
    private IAnnotationModel listenedModel;
    private final IAnnotationModelListener markerHider = ValidationStrategy::hideScriptMarkers;

    void setViewer(ISourceViewer viewer) {
        this.viewer = viewer;
    }

    /** Stops hiding marker annotations (the editor is closing). */
    synchronized void dispose() {
        if (listenedModel != null) {
            listenedModel.removeAnnotationModelListener(markerHider);
            listenedModel = null;
        }
    }

    @Override
    public void setDocument(IDocument document) {
        this.document = document;
    }

    @Override
    public void setProgressMonitor(IProgressMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public void initialReconcile() {
        validate();
    }

    @Override
    public void reconcile(DirtyRegion dirtyRegion, IRegion subRegion) {
        validate();
    }

    @Override
    public void reconcile(IRegion partition) {
        validate();
    }

    private void validate() {
        IDocument doc = document;
        ISourceViewer v = viewer;
        if (doc == null || v == null) {
            return;
        }
        ParsedScript parsed = DocumentParses.of(doc);
        List<ScriptProblem> problems = ScriptProblems.of(parsed,
                LaunchMachineProfiles.forFile(DocumentParses.file(doc)),
                BuiltElfs.forChecks(parsed.location()), () -> monitor.isCanceled());
        if (monitor.isCanceled()) {
            return;
        }
        Map<Annotation, Position> added = new HashMap<>();
        for (ScriptProblem p : problems) {
            String type = switch (p.severity()) {
                case ERROR -> ERROR;
                case WARNING -> WARNING;
                case INFO -> INFO;
            };
            added.put(new Annotation(type, false, p.message()), new Position(p.offset(), p.length()));
        }
        IAnnotationModel model = v.getAnnotationModel();
        if (model == null || !parsed.text().equals(doc.get())) {
            return; // the text changed meanwhile: the next run will report
        }
        synchronized (this) {
            Annotation[] old = current;
            if (model instanceof IAnnotationModelExtension extension) {
                extension.replaceAnnotations(old, added);
            } else {
                for (Annotation a : old) {
                    model.removeAnnotation(a);
                }
                added.forEach(model::addAnnotation);
            }
            current = added.keySet().toArray(new Annotation[0]);
            if (listenedModel != model) {
                dispose();
                model.addAnnotationModelListener(markerHider);
                listenedModel = model;
            }
        }
        hideScriptMarkers(model);
    }

    /** Marks the annotations of linker-script markers in {@code model} deleted (not drawn, not hovered). */
    private static void hideScriptMarkers(IAnnotationModel model) {
        for (Iterator<Annotation> it = model.getAnnotationIterator(); it.hasNext();) {
            if (it.next() instanceof SimpleMarkerAnnotation a && !a.isMarkedDeleted()
                    && ScriptMarkers.isScriptMarker(a.getMarker())) {
                a.markDeleted(true);
            }
        }
    }
}
