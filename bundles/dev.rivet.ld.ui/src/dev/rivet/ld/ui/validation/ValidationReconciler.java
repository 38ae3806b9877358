package dev.rivet.ld.ui.validation;

import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.reconciler.MonoReconciler;
import org.eclipse.jface.text.source.ISourceViewer;

/**
 * Validates a linker script as it is typed: half a second after the last edit, the script is
 * parsed and checked in the background and the editor's problem annotations are replaced.
 */
public class ValidationReconciler extends MonoReconciler {

    private final ValidationStrategy strategy;

    public ValidationReconciler() {
        this(new ValidationStrategy());
    }

    private ValidationReconciler(ValidationStrategy strategy) {
        super(strategy, false);
        this.strategy = strategy;
        setDelay(500);
    }

    @Override
    public void install(ITextViewer textViewer) {
        if (textViewer instanceof ISourceViewer sourceViewer) {
            strategy.setViewer(sourceViewer);
        }
        super.install(textViewer);
    }
}
