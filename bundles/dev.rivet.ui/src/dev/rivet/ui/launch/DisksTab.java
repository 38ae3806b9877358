package dev.rivet.ui.launch;

import dev.rivet.core.launch.KernelLaunchAttributes;
import java.util.Arrays;
import java.util.List;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.ui.AbstractLaunchConfigurationTab;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

/** Raw disk images, each a virtio-blk device; the emulator assigns their virtio-mmio slots as QEMU does. */
public final class DisksTab extends AbstractLaunchConfigurationTab {

    private org.eclipse.swt.widgets.List disks;
    private Text path;

    @Override
    public void createControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(new GridLayout(2, false));
        setControl(c);

        Label intro = new Label(c, SWT.WRAP);
        intro.setText("Raw disk images attached as virtio-blk devices (workspace or file-system paths, variables allowed):");
        intro.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        disks = new org.eclipse.swt.widgets.List(c, SWT.BORDER | SWT.SINGLE | SWT.V_SCROLL);
        disks.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 1, 3));
        Button browse = createPushButton(c, "&File System...", null);
        browse.addListener(SWT.Selection, e -> {
            String file = new FileDialog(getShell(), SWT.OPEN).open();
            if (file != null) {
                disks.add(file);
                updateLaunchConfigurationDialog();
            }
        });
        Button remove = createPushButton(c, "&Remove", null);
        remove.addListener(SWT.Selection, e -> {
            int i = disks.getSelectionIndex();
            if (i >= 0) {
                disks.remove(i);
                updateLaunchConfigurationDialog();
            }
        });
        new Label(c, SWT.NONE);
        path = new Text(c, SWT.BORDER);
        path.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        path.setMessage("/project/disk.img or ${workspace_loc:...}");
        Button add = createPushButton(c, "&Add", null);
        add.addListener(SWT.Selection, e -> {
            if (!path.getText().isBlank()) {
                disks.add(path.getText().strip());
                path.setText("");
                updateLaunchConfigurationDialog();
            }
        });
    }

    @Override
    public void setDefaults(ILaunchConfigurationWorkingCopy configuration) {
        configuration.setAttribute(KernelLaunchAttributes.DISKS, List.<String>of());
    }

    @Override
    public void initializeFrom(ILaunchConfiguration configuration) {
        try {
            disks.setItems(configuration.getAttribute(KernelLaunchAttributes.DISKS, List.<String>of())
                    .toArray(String[]::new));
        } catch (CoreException e) {
            setErrorMessage(e.getStatus().getMessage());
        }
    }

    @Override
    public void performApply(ILaunchConfigurationWorkingCopy configuration) {
        configuration.setAttribute(KernelLaunchAttributes.DISKS, Arrays.asList(disks.getItems()));
    }

    @Override
    public String getName() {
        return "Disks";
    }
}
