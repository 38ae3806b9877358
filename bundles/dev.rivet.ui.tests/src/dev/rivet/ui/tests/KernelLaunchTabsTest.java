package dev.rivet.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivet.core.launch.KernelLaunchAttributes;
import dev.rivet.core.launch.KernelLaunchConfigurations;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.internal.ui.DebugUIPlugin;
import org.eclipse.debug.internal.ui.launchConfigurations.LaunchConfigurationsDialog;
import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.custom.CTabItem;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;

/**
 * The Run Configurations dialog on a Rivet Kernel configuration: its tabs, what they show, and
 * the error an empty ELF gives. Screenshots: target/screenshots/launch-tab-*.png.
 */
class KernelLaunchTabsTest {

    @Test
    void tabsShowTheConfigurationAndCheckTheElf() throws Exception {
        ILaunchManager manager = DebugPlugin.getDefault().getLaunchManager();
        ILaunchConfigurationWorkingCopy wc = manager.getLaunchConfigurationType(KernelLaunchAttributes.TYPE_ID)
                .newInstance(null, "tabs-test");
        KernelLaunchConfigurations.setDefaults(wc);
        wc.setAttribute(KernelLaunchAttributes.ELF, "/kernel/rivet-kernel");
        wc.setAttribute(KernelLaunchAttributes.MEMORY_MIB, 256);
        wc.setAttribute(KernelLaunchAttributes.HARTS, 2);
        wc.setAttribute(KernelLaunchAttributes.FIRMWARE, KernelLaunchAttributes.Firmware.OPENSBI.id());
        wc.setAttribute(KernelLaunchAttributes.COMMAND_LINE, "console=ttyS0");
        wc.setAttribute(KernelLaunchAttributes.DISKS, List.of("/images/fs.img"));
        ILaunchConfiguration config = wc.doSave();
        Shell workbench = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
        LaunchConfigurationsDialog dialog = new LaunchConfigurationsDialog(workbench,
                DebugUIPlugin.getDefault().getLaunchConfigurationManager().getLaunchGroup(IDebugUIConstants.ID_RUN_LAUNCH_GROUP));
        dialog.setOpenMode(LaunchConfigurationsDialog.LAUNCH_CONFIGURATION_DIALOG_OPEN_ON_SELECTION);
        dialog.setInitialSelection(new StructuredSelection(config));
        dialog.setBlockOnOpen(false);
        try {
            dialog.open();
            Shell shell = dialog.getShell();
            shell.setSize(1100, 700);
            Screenshots.flush(shell.getDisplay());
            CTabFolder tabs = find(shell, CTabFolder.class);
            assertNotNull(tabs, "the dialog shows the configuration's tabs");
            List<String> names = new ArrayList<>();
            for (CTabItem item : tabs.getItems()) {
                names.add(item.getText());
            }
            assertEquals(List.of("Kernel", "Machine", "Disks", "Common"), names);
            Screenshots.capture(shell, "launch-tab-kernel");

            select(tabs, 1);
            Spinner memory = find((Composite) tabs.getItem(1).getControl(), Spinner.class);
            assertEquals(256, memory.getSelection());
            Combo firmware = find((Composite) tabs.getItem(1).getControl(), Combo.class);
            assertTrue(firmware.getText().startsWith("OpenSBI"), firmware.getText());
            Screenshots.capture(shell, "launch-tab-machine");

            select(tabs, 2);
            org.eclipse.swt.widgets.List disks = find((Composite) tabs.getItem(2).getControl(),
                    org.eclipse.swt.widgets.List.class);
            assertEquals(List.of("/images/fs.img"), List.of(disks.getItems()));
            Screenshots.capture(shell, "launch-tab-disks");

            select(tabs, 0);
            org.eclipse.swt.widgets.Text elf = texts((Composite) tabs.getItem(0).getControl()).get(1);
            assertEquals("/kernel/rivet-kernel", elf.getText());
            elf.setText("");
            Screenshots.flush(shell.getDisplay());
            assertEquals("Choose the kernel ELF to boot", dialog.getErrorMessage());
            Screenshots.capture(shell, "launch-tab-kernel-error");
        } finally {
            if (dialog.getShell() != null && !dialog.getShell().isDisposed()) {
                dialog.getShell().close();
            }
            config.delete();
        }
    }

    private static void select(CTabFolder tabs, int index) {
        tabs.setSelection(index);
        tabs.notifyListeners(SWT.Selection, null);
        org.eclipse.swt.widgets.Event e = new org.eclipse.swt.widgets.Event();
        e.item = tabs.getItem(index);
        tabs.notifyListeners(SWT.Selection, e);
        Screenshots.flush(tabs.getDisplay());
    }

    private static List<org.eclipse.swt.widgets.Text> texts(Composite root) {
        List<org.eclipse.swt.widgets.Text> found = new ArrayList<>();
        for (Control c : root.getChildren()) {
            if (c instanceof org.eclipse.swt.widgets.Text t) {
                found.add(t);
            } else if (c instanceof Composite composite) {
                found.addAll(texts(composite));
            }
        }
        return found;
    }

    private static <T extends Control> T find(Composite root, Class<T> type) {
        for (Control c : root.getChildren()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
            if (c instanceof Composite composite) {
                T found = find(composite, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
