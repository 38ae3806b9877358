package dev.rivet.ld.ui.tests.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivet.core.launch.KernelLaunchAttributes;
import dev.rivet.ld.ui.hover.LinkerScriptTextHover;
import dev.rivet.ld.ui.tests.EditorFixture;
import dev.rivet.ld.ui.tests.ProblemsView;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationType;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.jface.text.source.Annotation;
import org.eclipse.jface.text.source.IAnnotationModel;
import org.junit.jupiter.api.Test;

/**
 * The machine scripts are checked against has the RAM of the project's Rivet Kernel launch
 * configurations: the largest when there are several, QEMU's 128 MiB when there is none, and
 * every message says which. Markers of files not open and the open editor's annotations follow a
 * change of the configurations without the script being touched.
 */
class LaunchRamTest {

    private static final String PROJECT = "ld-ram";
    /** Fits 256 MiB of RAM, not 128. */
    private static final String FITS_256M = "MEMORY { RAM (rwx) : ORIGIN = 0x80000000, LENGTH = 256M }\n";
    /** Fits no configuration of this test. */
    private static final String NEEDS_1G = "MEMORY { RAM (rwx) : ORIGIN = 0x80000000, LENGTH = 1024M }\n";
    private static final String WARNING = "org.eclipse.ui.workbench.texteditor.warning";

    @Test
    void ramComesFromTheProjectsLaunchConfigurations() throws Exception {
        List<ILaunchConfiguration> configurations = new ArrayList<>();
        try (EditorFixture f = EditorFixture.open(PROJECT, "fits-256m.ld", FITS_256M)) {
            IProject project = f.file.getProject();
            IFile big = project.getFile("needs-1g.ld");
            if (big.exists()) {
                big.setContents(new ByteArrayInputStream(NEEDS_1G.getBytes(StandardCharsets.UTF_8)), true, false, null);
            } else {
                big.create(new ByteArrayInputStream(NEEDS_1G.getBytes(StandardCharsets.UTF_8)), true, null);
            }
            IAnnotationModel model = f.viewer().getAnnotationModel();

            // no configuration: QEMU's default, said in the marker, the editor and the hover
            String qemuDefault = "0x80000000..0x87ffffff, 128 MiB: QEMU's default; no Rivet Kernel launch configuration runs project 'ld-ram'";
            EditorFixture.waitForEquals("a warning with QEMU's default", () -> warnings(f.file), List.of(
                    "region 'RAM' (0x80000000, 256 MiB) lies outside the virt machine's RAM (" + qemuDefault + ")"), 15_000);
            EditorFixture.waitForEquals("the editor's warning", () -> annotations(model), warnings(f.file), 10_000);
            LinkerScriptTextHover hover = new LinkerScriptTextHover();
            int ram = f.offsetOf("RAM (rwx)", 0);
            String hoverText = hover.getHoverInfo(f.viewer(), hover.getHoverRegion(f.viewer(), ram));
            assertTrue(hoverText.endsWith("on the virt machine: lies outside the virt machine's RAM (" + qemuDefault + ")"), hoverText);

            // one configuration with -m 256M: the region fits; the closed file's marker follows too
            configurations.add(configuration(project, "ld-ram big", 256));
            EditorFixture.waitForEquals("no warning in the editor with 256 MiB", () -> annotations(model), List.of(), 15_000);
            EditorFixture.waitForEquals("no marker with 256 MiB", () -> warnings(f.file), List.of(), 15_000);
            EditorFixture.waitForEquals("needs-1g.ld checked against 256 MiB", () -> warnings(big), List.of(
                    "region 'RAM' (0x80000000, 1024 MiB) lies outside the virt machine's RAM"
                            + " (0x80000000..0x8fffffff, 256 MiB: the RAM of launch configuration 'ld-ram big')"), 15_000);

            // a second, smaller one: the largest counts, and the message names both
            configurations.add(configuration(project, "ld-ram small", 64));
            EditorFixture.waitForEquals("needs-1g.ld names both configurations", () -> warnings(big), List.of(
                    "region 'RAM' (0x80000000, 1024 MiB) lies outside the virt machine's RAM (0x80000000..0x8fffffff, 256 MiB:"
                            + " the largest RAM of the 2 launch configurations of project 'ld-ram'"
                            + " ('ld-ram big' 256 MiB, 'ld-ram small' 64 MiB))"), 15_000);
            assertEquals(List.of(), warnings(f.file));
            ProblemsView problems = ProblemsView.show(f.page);
            problems.waitForRow("the largest RAM of the 2 launch configurations");
            problems.maximize(true);
            problems.showWholeMessages();
            f.screenshot("problems-launch-ram");
            problems.maximize(false);

            // the big one shrinks to 128 MiB: fits-256m.ld is wrong again, in the editor at once
            ILaunchConfigurationWorkingCopy shrink = configurations.get(0).getWorkingCopy();
            shrink.setAttribute(KernelLaunchAttributes.MEMORY_MIB, 128);
            configurations.set(0, shrink.doSave());
            List<String> shrunk = List.of("region 'RAM' (0x80000000, 256 MiB) lies outside the virt machine's RAM"
                    + " (0x80000000..0x87ffffff, 128 MiB: the largest RAM of the 2 launch configurations of project 'ld-ram'"
                    + " ('ld-ram big' 128 MiB, 'ld-ram small' 64 MiB))");
            EditorFixture.waitForEquals("warning back with 128 MiB from the configuration", () -> annotations(model), shrunk, 15_000);
            EditorFixture.waitForEquals("the marker too", () -> warnings(f.file), shrunk, 15_000);

            // all deleted: QEMU's default again
            for (ILaunchConfiguration c : configurations) {
                c.delete();
            }
            configurations.clear();
            EditorFixture.waitForEquals("QEMU's default again", () -> warnings(big), List.of(
                    "region 'RAM' (0x80000000, 1024 MiB) lies outside the virt machine's RAM (" + qemuDefault + ")"), 15_000);
        } finally {
            for (ILaunchConfiguration c : configurations) {
                c.delete();
            }
        }
    }

    /** A saved Rivet Kernel configuration of {@code project} with {@code mib} MiB of RAM. */
    private static ILaunchConfiguration configuration(IProject project, String name, int mib) throws Exception {
        ILaunchConfigurationType type = DebugPlugin.getDefault().getLaunchManager()
                .getLaunchConfigurationType(KernelLaunchAttributes.TYPE_ID);
        ILaunchConfigurationWorkingCopy wc = type.newInstance(null, name);
        wc.setAttribute(KernelLaunchAttributes.PROJECT, project.getName());
        wc.setAttribute(KernelLaunchAttributes.MEMORY_MIB, mib);
        return wc.doSave();
    }

    private static List<String> warnings(IFile file) {
        return ProblemsView.messages(file, IMarker.SEVERITY_WARNING);
    }

    /** The editor's warning annotations that are drawn. */
    private static List<String> annotations(IAnnotationModel model) {
        List<String> result = new ArrayList<>();
        for (Iterator<Annotation> it = model.getAnnotationIterator(); it.hasNext();) {
            Annotation a = it.next();
            if (WARNING.equals(a.getType()) && !a.isMarkedDeleted()) {
                result.add(a.getText());
            }
        }
        return result;
    }
}
