package dev.rivet.ld.ui.folding;

import dev.rivet.ld.ide.folding.FoldingRanges;
import dev.rivet.ld.ui.DocumentParses;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.Position;
import org.eclipse.jface.text.reconciler.DirtyRegion;
import org.eclipse.jface.text.reconciler.IReconcilingStrategy;
import org.eclipse.jface.text.reconciler.IReconcilingStrategyExtension;
import org.eclipse.jface.text.reconciler.MonoReconciler;
import org.eclipse.jface.text.source.Annotation;
import org.eclipse.jface.text.source.projection.ProjectionAnnotation;
import org.eclipse.jface.text.source.projection.ProjectionAnnotationModel;
import org.eclipse.jface.text.source.projection.ProjectionViewer;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.swt.widgets.Display;

/**
 * Folding in linker scripts: MEMORY, SECTIONS, PHDRS, OVERLAY, output sections and comments
 * ({@link FoldingRanges}), recomputed half a second after each edit.
 */
public class LinkerScriptFoldingReconciler extends MonoReconciler {

    private final Strategy strategy;

    public LinkerScriptFoldingReconciler() {
        this(new Strategy());
    }

    private LinkerScriptFoldingReconciler(Strategy strategy) {
        super(strategy, false);
        this.strategy = strategy;
        setDelay(500);
    }

    @Override
    public void install(ITextViewer textViewer) {
        if (textViewer instanceof ProjectionViewer pv) {
            strategy.viewer = pv;
        }
        super.install(textViewer);
    }

    private static final class Strategy implements IReconcilingStrategy, IReconcilingStrategyExtension {
        private volatile ProjectionViewer viewer;
        private IDocument document;
        private Annotation[] current = new Annotation[0];

        @Override
        public void setDocument(IDocument document) {
            this.document = document;
        }

        @Override
        public void setProgressMonitor(IProgressMonitor monitor) {
            // folding is cheap; nothing to cancel
        }

        @Override
        public void initialReconcile() {
            update();
        }

        @Override
        public void reconcile(DirtyRegion dirtyRegion, IRegion subRegion) {
            update();
        }

        @Override
        public void reconcile(IRegion partition) {
            update();
        }

        private void update() {
            IDocument doc = document;
            ProjectionViewer v = viewer;
            if (doc == null || v == null) {
                return;
            }
            List<FoldingRanges.Range> ranges = FoldingRanges.compute(DocumentParses.of(doc));
            Display display = v.getTextWidget() == null ? null : v.getTextWidget().getDisplay();
            if (display == null || display.isDisposed()) {
                return;
            }
            display.asyncExec(() -> apply(v, doc, ranges));
        }

        private synchronized void apply(ProjectionViewer v, IDocument doc, List<FoldingRanges.Range> ranges) {
            if (v.getTextWidget() == null || v.getTextWidget().isDisposed()) {
                return;
            }
            if (!v.isProjectionMode()) {
                v.enableProjection();
            }
            ProjectionAnnotationModel model = v.getProjectionAnnotationModel();
            if (model == null) {
                return;
            }
            Map<Annotation, Position> added = new HashMap<>();
            for (FoldingRanges.Range r : ranges) {
                if (r.offset() + r.length() <= doc.getLength()) {
                    added.put(new ProjectionAnnotation(), new Position(r.offset(), r.length()));
                }
            }
            model.modifyAnnotations(current, added, null);
            current = added.keySet().toArray(new Annotation[0]);
        }
    }
}
