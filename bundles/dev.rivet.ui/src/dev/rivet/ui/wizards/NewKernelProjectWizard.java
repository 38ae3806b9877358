package dev.rivet.ui.wizards;

import dev.rivet.core.project.KernelTemplate;
import java.lang.reflect.InvocationTargetException;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IPath;
import org.eclipse.jface.dialogs.ErrorDialog;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.wizard.Wizard;
import org.eclipse.ui.INewWizard;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.actions.WorkspaceModifyOperation;
import org.eclipse.ui.dialogs.WizardNewProjectCreationPage;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.wizards.newresource.BasicNewResourceWizard;

/**
 * File &gt; New &gt; Rivet Kernel Project: a new project holding a copy of Rivet's reference
 * kernel (a Cargo workspace), with the kernel nature and Cargo builder; it is revealed in the
 * Project Explorer and its {@code kernel/src/main.rs} opened.
 */
public final class NewKernelProjectWizard extends Wizard implements INewWizard {

    /** The wizard's id (plugin.xml). */
    public static final String ID = "dev.rivet.ui.wizards.newKernelProject";
    /** The text editor new projects open their main source in. */
    static final String TEXT_EDITOR = "org.eclipse.ui.DefaultTextEditor";

    private IWorkbench workbench;
    private WizardNewProjectCreationPage page;
    private IProject created;

    public NewKernelProjectWizard() {
        setWindowTitle("New Rivet Kernel Project");
        setNeedsProgressMonitor(true);
    }

    @Override
    public void init(IWorkbench workbench, IStructuredSelection selection) {
        this.workbench = workbench;
    }

    @Override
    public void addPages() {
        page = new WizardNewProjectCreationPage("kernelProject");
        page.setTitle("Rivet Kernel Project");
        page.setDescription("A RISC-V kernel in Rust, made from Rivet's reference kernel: boots on the "
                + "virt machine, with Sv39 paging, traps, a heap and a shell.");
        page.setInitialProjectName("my-kernel");
        addPage(page);
    }

    @Override
    public boolean performFinish() {
        String name = page.getProjectName();
        IPath location = page.useDefaults() ? null : page.getLocationPath();
        WorkspaceModifyOperation create = new WorkspaceModifyOperation() {
            @Override
            protected void execute(org.eclipse.core.runtime.IProgressMonitor monitor) throws CoreException {
                created = KernelTemplate.createProject(name, location, monitor);
            }
        };
        try {
            getContainer().run(true, true, create);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof CoreException ce) {
                ErrorDialog.openError(getShell(), "Cannot create the kernel project", null, ce.getStatus());
            } else {
                ErrorDialog.openError(getShell(), "Cannot create the kernel project", null,
                        org.eclipse.core.runtime.Status.error(String.valueOf(cause), cause));
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        open(created);
        return true;
    }

    /** The project the last finish created, or null. */
    public IProject createdProject() {
        return created;
    }

    private void open(IProject project) {
        IWorkbenchWindow window = workbench == null ? null : workbench.getActiveWorkbenchWindow();
        if (window == null) {
            return;
        }
        BasicNewResourceWizard.selectAndReveal(project, window);
        IWorkbenchPage active = window.getActivePage();
        IFile main = project.getFile(KernelTemplate.MAIN_SOURCE);
        if (active != null && main.exists()) {
            try {
                IDE.openEditor(active, main, TEXT_EDITOR);
            } catch (PartInitException e) {
                ErrorDialog.openError(getShell(), "Cannot open " + main.getName(), null, e.getStatus());
            }
        }
    }
}
