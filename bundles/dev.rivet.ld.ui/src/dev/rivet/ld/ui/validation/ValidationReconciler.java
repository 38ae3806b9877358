package dev.rivet.ld.ui.validation;

import dev.rivet.ld.ui.machine.LaunchMachineProfiles;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationListener;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.reconciler.MonoReconciler;
import org.eclipse.jface.text.source.ISourceViewer;

/**
 * Validates a linker script as it is typed: half a second after the last edit, the script is
 * parsed and checked in the background and the editor's problem annotations are replaced. A
 * change of a Rivet Kernel launch configuration (the RAM the script is checked against)
 * validates again at once.
 */
public class ValidationReconciler extends MonoReconciler {

    private final ValidationStrategy strategy;
    private final ILaunchConfigurationListener launches = new ILaunchConfigurationListener() {
        @Override
        public void launchConfigurationAdded(ILaunchConfiguration configuration) {
            launchConfigurationChanged(configuration);
        }

        @Override
        public void launchConfigurationChanged(ILaunchConfiguration configuration) {
            if (LaunchMachineProfiles.matters(configuration)) {
                forceReconciling();
            }
        }

        @Override
        public void launchConfigurationRemoved(ILaunchConfiguration configuration) {
            launchConfigurationChanged(configuration);
        }
    };

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
        DebugPlugin.getDefault().getLaunchManager().addLaunchConfigurationListener(launches);
    }

    @Override
    public void uninstall() {
        DebugPlugin.getDefault().getLaunchManager().removeLaunchConfigurationListener(launches);
        strategy.dispose();
        super.uninstall();
    }
}
