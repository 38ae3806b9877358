package dev.rivet.ui.launch;

import dev.rivet.core.launch.KernelLaunchAttributes;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.ui.AbstractLaunchConfigurationTab;
import org.eclipse.debug.ui.StringVariableSelectionDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.dialogs.FilteredResourcesSelectionDialog;

/** The kernel: the project built before launching and the ELF to boot (workspace path, variables allowed). */
public final class KernelTab extends AbstractLaunchConfigurationTab {

    private Text project;
    private Text elf;

    @Override
    public void createControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(new GridLayout(4, false));
        setControl(c);

        new Label(c, SWT.NONE).setText("&Project:");
        project = new Text(c, SWT.BORDER);
        project.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));
        project.setToolTipText("Built before the launch; the launch stops if it has errors. May be empty.");
        project.addModifyListener(e -> updateLaunchConfigurationDialog());

        new Label(c, SWT.NONE).setText("Kernel &ELF:");
        elf = new Text(c, SWT.BORDER);
        elf.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));
        elf.setToolTipText("A workspace path (/project/target/...), a file-system path, or ${workspace_loc:...}");
        elf.addModifyListener(e -> updateLaunchConfigurationDialog());

        new Label(c, SWT.NONE);
        Button workspace = createPushButton(c, "&Workspace...", null);
        workspace.addListener(SWT.Selection, e -> chooseFromWorkspace());
        Button fileSystem = createPushButton(c, "&File System...", null);
        fileSystem.addListener(SWT.Selection, e -> {
            FileDialog dialog = new FileDialog(getShell(), SWT.OPEN);
            String path = dialog.open();
            if (path != null) {
                elf.setText(path);
            }
        });
        Button variables = createPushButton(c, "&Variables...", null);
        variables.addListener(SWT.Selection, e -> {
            StringVariableSelectionDialog dialog = new StringVariableSelectionDialog(getShell());
            if (dialog.open() == Window.OK) {
                elf.insert(dialog.getVariableExpression());
            }
        });
    }

    private void chooseFromWorkspace() {
        FilteredResourcesSelectionDialog dialog = new FilteredResourcesSelectionDialog(getShell(), false,
                ResourcesPlugin.getWorkspace().getRoot(), IResource.FILE);
        dialog.setTitle("Kernel ELF");
        dialog.setInitialPattern("rivet-kernel");
        if (dialog.open() == Window.OK && dialog.getFirstResult() instanceof IFile file) {
            elf.setText("${workspace_loc:" + file.getFullPath() + "}");
            if (project.getText().isBlank()) {
                project.setText(file.getProject().getName());
            }
        }
    }

    @Override
    public void setDefaults(ILaunchConfigurationWorkingCopy configuration) {
        configuration.setAttribute(KernelLaunchAttributes.ELF, "");
    }

    @Override
    public void initializeFrom(ILaunchConfiguration configuration) {
        try {
            project.setText(configuration.getAttribute(KernelLaunchAttributes.PROJECT, ""));
            elf.setText(configuration.getAttribute(KernelLaunchAttributes.ELF, ""));
        } catch (CoreException e) {
            setErrorMessage(e.getStatus().getMessage());
        }
    }

    @Override
    public void performApply(ILaunchConfigurationWorkingCopy configuration) {
        configuration.setAttribute(KernelLaunchAttributes.PROJECT, project.getText().strip());
        configuration.setAttribute(KernelLaunchAttributes.ELF, elf.getText().strip());
    }

    @Override
    public boolean isValid(ILaunchConfiguration launchConfig) {
        setErrorMessage(null);
        if (elf.getText().isBlank()) {
            setErrorMessage("Choose the kernel ELF to boot");
            return false;
        }
        String name = project.getText().strip();
        if (!name.isEmpty() && !ResourcesPlugin.getWorkspace().getRoot().getProject(name).exists()) {
            setErrorMessage("There is no project named " + name);
            return false;
        }
        return true;
    }

    @Override
    public String getName() {
        return "Kernel";
    }
}
