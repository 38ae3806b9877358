package dev.rivet.ui.launch;

import dev.rivet.core.launch.KernelLaunchAttributes;
import dev.rivet.core.launch.KernelLaunchAttributes.Firmware;
import dev.rivet.core.launch.KernelLaunchAttributes.VirtioVersion;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.ui.AbstractLaunchConfigurationTab;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;

/** The machine: boot firmware, memory size, harts, virtio-mmio version and the kernel command line. */
public final class MachineTab extends AbstractLaunchConfigurationTab {

    /** QEMU's virt machine takes up to 8 harts per socket; Rivet has one socket. */
    static final int MAX_HARTS = 8;
    /** Rivet's RAM limit (the emulator's -m check). */
    static final int MAX_MEMORY_MIB = 2047;

    private Combo firmware;
    private Spinner memory;
    private Spinner harts;
    private Combo virtio;
    private Text commandLine;

    @Override
    public void createControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(new GridLayout(2, false));
        setControl(c);

        new Label(c, SWT.NONE).setText("Boot &firmware:");
        firmware = new Combo(c, SWT.READ_ONLY);
        for (Firmware f : Firmware.values()) {
            firmware.add(f.label());
        }
        firmware.addListener(SWT.Selection, e -> updateLaunchConfigurationDialog());

        new Label(c, SWT.NONE).setText("&Memory (MiB):");
        memory = new Spinner(c, SWT.BORDER);
        memory.setValues(KernelLaunchAttributes.DEFAULT_MEMORY_MIB, 1, MAX_MEMORY_MIB, 0, 1, 64);
        memory.addModifyListener(e -> updateLaunchConfigurationDialog());

        new Label(c, SWT.NONE).setText("&Harts:");
        harts = new Spinner(c, SWT.BORDER);
        harts.setValues(KernelLaunchAttributes.DEFAULT_HARTS, 1, MAX_HARTS, 0, 1, 1);
        harts.addModifyListener(e -> updateLaunchConfigurationDialog());

        new Label(c, SWT.NONE).setText("&virtio-mmio version:");
        virtio = new Combo(c, SWT.READ_ONLY);
        for (VirtioVersion v : VirtioVersion.values()) {
            virtio.add(v.label());
        }
        virtio.addListener(SWT.Selection, e -> updateLaunchConfigurationDialog());

        new Label(c, SWT.NONE).setText("Kernel &command line:");
        commandLine = new Text(c, SWT.BORDER);
        commandLine.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        commandLine.setToolTipText("Passed in the device tree's /chosen/bootargs (-append)");
        commandLine.addModifyListener(e -> updateLaunchConfigurationDialog());
    }

    @Override
    public void setDefaults(ILaunchConfigurationWorkingCopy configuration) {
        configuration.setAttribute(KernelLaunchAttributes.FIRMWARE, Firmware.NONE.id());
        configuration.setAttribute(KernelLaunchAttributes.MEMORY_MIB, KernelLaunchAttributes.DEFAULT_MEMORY_MIB);
        configuration.setAttribute(KernelLaunchAttributes.HARTS, KernelLaunchAttributes.DEFAULT_HARTS);
        configuration.setAttribute(KernelLaunchAttributes.VIRTIO, VirtioVersion.LEGACY.id());
        configuration.setAttribute(KernelLaunchAttributes.COMMAND_LINE, "");
    }

    @Override
    public void initializeFrom(ILaunchConfiguration configuration) {
        try {
            Firmware f = Firmware.of(configuration.getAttribute(KernelLaunchAttributes.FIRMWARE, Firmware.NONE.id()));
            firmware.select(f == null ? 0 : f.ordinal());
            memory.setSelection(configuration.getAttribute(KernelLaunchAttributes.MEMORY_MIB,
                    KernelLaunchAttributes.DEFAULT_MEMORY_MIB));
            harts.setSelection(configuration.getAttribute(KernelLaunchAttributes.HARTS,
                    KernelLaunchAttributes.DEFAULT_HARTS));
            VirtioVersion v = VirtioVersion.of(configuration.getAttribute(KernelLaunchAttributes.VIRTIO,
                    VirtioVersion.LEGACY.id()));
            virtio.select(v == null ? 0 : v.ordinal());
            commandLine.setText(configuration.getAttribute(KernelLaunchAttributes.COMMAND_LINE, ""));
        } catch (CoreException e) {
            setErrorMessage(e.getStatus().getMessage());
        }
    }

    @Override
    public void performApply(ILaunchConfigurationWorkingCopy configuration) {
        configuration.setAttribute(KernelLaunchAttributes.FIRMWARE,
                Firmware.values()[Math.max(0, firmware.getSelectionIndex())].id());
        configuration.setAttribute(KernelLaunchAttributes.MEMORY_MIB, memory.getSelection());
        configuration.setAttribute(KernelLaunchAttributes.HARTS, harts.getSelection());
        configuration.setAttribute(KernelLaunchAttributes.VIRTIO,
                VirtioVersion.values()[Math.max(0, virtio.getSelectionIndex())].id());
        configuration.setAttribute(KernelLaunchAttributes.COMMAND_LINE, commandLine.getText());
    }

    @Override
    public String getName() {
        return "Machine";
    }
}
