package dev.rivet.ui.launch;

import dev.rivet.core.launch.KernelLaunchConfigurations;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.Adapters;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.debug.ui.ILaunchShortcut;
import org.eclipse.jface.dialogs.ErrorDialog;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.PlatformUI;

/**
 * Run As &gt; Rivet Kernel: on a kernel project, runs the ELF its debug build makes; on a RISC-V
 * ELF executable (in any project), runs that ELF. Reuses the configuration made the first time.
 */
public final class KernelLaunchShortcut implements ILaunchShortcut {

    @Override
    public void launch(ISelection selection, String mode) {
        if (selection instanceof IStructuredSelection s && !s.isEmpty()) {
            IResource resource = Adapters.adapt(s.getFirstElement(), IResource.class);
            if (resource != null) {
                launch(resource, mode);
            }
        }
    }

    @Override
    public void launch(IEditorPart editor, String mode) {
        IResource resource = Adapters.adapt(editor.getEditorInput(), IResource.class);
        if (resource != null) {
            launch(resource.getProject(), mode);
        }
    }

    /** Finds or makes the configuration for {@code resource} and launches it in {@code mode}. */
    public static ILaunchConfiguration launch(IResource resource, String mode) {
        try {
            ILaunchConfiguration configuration = resource instanceof IFile file && KernelElfPropertyTester.isKernelElf(file)
                    ? KernelLaunchConfigurations.forElf(file)
                    : KernelLaunchConfigurations.forProject(resource.getProject());
            DebugUITools.launch(configuration, mode);
            return configuration;
        } catch (CoreException e) {
            ErrorDialog.openError(PlatformUI.getWorkbench().getDisplay().getActiveShell(), "Run As Rivet Kernel",
                    null, e.getStatus());
            return null;
        }
    }

}
