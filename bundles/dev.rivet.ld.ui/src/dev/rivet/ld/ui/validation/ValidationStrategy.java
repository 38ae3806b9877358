package dev.rivet.ld.ui.validation;

import dev.rivet.ld.ide.ElfChecks;
import dev.rivet.ld.ide.ParsedScript;
import dev.rivet.ld.ui.BuiltElfs;
import dev.rivet.ld.ui.DocumentParses;
import java.util.HashMap;
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
import org.eclipse.jface.text.source.ISourceViewer;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.validation.Issue;

/**
 * Turns the issues of the current parse (syntax errors, undeclared regions, validator findings)
 * and the checks against the built kernel ELF (regions it overflows) into error/warning/info
 * annotations of the editor, replacing those of the previous run.
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

    void setViewer(ISourceViewer viewer) {
        this.viewer = viewer;
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
        List<Issue> issues = parsed.issues(() -> monitor.isCanceled());
        if (monitor.isCanceled()) {
            return;
        }
        Map<Annotation, Position> added = new HashMap<>();
        int length = parsed.text().length();
        for (Issue issue : issues) {
            Integer offset = issue.getOffset();
            Integer len = issue.getLength();
            if (offset == null || issue.getSeverity() == Severity.IGNORE) {
                continue;
            }
            int start = Math.min(Math.max(0, offset), length);
            int size = Math.max(0, Math.min(len == null ? 0 : len, length - start));
            String type = switch (issue.getSeverity()) {
                case ERROR -> ERROR;
                case WARNING -> WARNING;
                default -> INFO;
            };
            added.put(new Annotation(type, false, issue.getMessage()), new Position(start, Math.max(size, start < length ? 1 : 0)));
        }
        BuiltElfs.forScript(parsed.location()).ifPresent(built -> {
            for (ElfChecks.Finding finding : ElfChecks.check(parsed, built.elf(), built.path().getFileName().toString())) {
                added.put(new Annotation(WARNING, false, finding.message()), new Position(finding.offset(), finding.length()));
            }
        });
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
        }
    }
}
