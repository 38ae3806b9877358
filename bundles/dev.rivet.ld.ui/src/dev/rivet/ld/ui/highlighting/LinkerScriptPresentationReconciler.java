package dev.rivet.ld.ui.highlighting;

import dev.rivet.ld.ide.highlighting.HighlightedRange;
import dev.rivet.ld.ide.highlighting.HighlightingCalculator;
import dev.rivet.ld.ui.DocumentParses;
import org.eclipse.jface.text.DocumentEvent;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.ITypedRegion;
import org.eclipse.jface.text.Region;
import org.eclipse.jface.text.TextAttribute;
import org.eclipse.jface.text.TextPresentation;
import org.eclipse.jface.text.presentation.IPresentationDamager;
import org.eclipse.jface.text.presentation.IPresentationRepairer;
import org.eclipse.jface.text.presentation.PresentationReconciler;
import org.eclipse.swt.custom.StyleRange;

/**
 * Syntax and semantic highlighting of linker scripts in the Generic Editor: every edit re-colours
 * the whole script from one parse ({@link HighlightingCalculator}), because a change anywhere
 * (a region renamed, a comment opened) can change the meaning of text far away.
 */
public class LinkerScriptPresentationReconciler extends PresentationReconciler {

    public LinkerScriptPresentationReconciler() {
        WholeDocument whole = new WholeDocument();
        setDamager(whole, IDocument.DEFAULT_CONTENT_TYPE);
        setRepairer(whole, IDocument.DEFAULT_CONTENT_TYPE);
    }

    /** Damages the whole document and repairs it from the current parse. */
    private static final class WholeDocument implements IPresentationDamager, IPresentationRepairer {

        private IDocument document;

        @Override
        public void setDocument(IDocument document) {
            this.document = document;
        }

        @Override
        public IRegion getDamageRegion(ITypedRegion partition, DocumentEvent event, boolean documentPartitioningChanged) {
            return new Region(0, event.getDocument().getLength());
        }

        @Override
        public void createPresentation(TextPresentation presentation, ITypedRegion damage) {
            if (document == null) {
                return;
            }
            int length = document.getLength();
            for (HighlightedRange r : HighlightingCalculator.compute(DocumentParses.of(document))) {
                if (r.offset() + r.length() > length) {
                    break;
                }
                TextAttribute a = HighlightColors.of(r.style());
                StyleRange s = new StyleRange(r.offset(), r.length(), a.getForeground(), a.getBackground(), a.getStyle());
                presentation.addStyleRange(s);
            }
        }
    }
}
