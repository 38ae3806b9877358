package dev.rivet.ld.ui.tests.markers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rivet.ld.ui.tests.EditorFixture;
import dev.rivet.ld.ui.tests.ErrorLog;
import dev.rivet.ld.ui.tests.ProblemsView;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;

/**
 * A script whose INCLUDE names a file that does not exist gets one clear error marker on the
 * INCLUDE (not one "Couldn't resolve" per region it would have declared); creating the file
 * re-checks the script, and the marker goes; deleting it brings the marker back.
 */
class IncludeMarkersTest {

    private static final String MEMORY = "MEMORY\n{\n  RAM (rwx) : ORIGIN = 0x80000000, LENGTH = 128M\n}\n";
    private static final String KERNEL = "INCLUDE memory.lds\nSECTIONS\n{\n  .text : { *(.text) } > RAM\n  .bss : { *(.bss) } > RAM\n}\n";

    @Test
    void aMissingIncludeIsOneMarkerThatGoesWhenTheFileIsCreated() throws Exception {
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        try (ErrorLog log = ErrorLog.record()) {
            IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject("ld-include-markers");
            if (!project.exists()) {
                project.create(null);
            }
            project.open(null);
            IFile kernel = project.getFile("kernel.ld");
            kernel.create(new ByteArrayInputStream(KERNEL.getBytes(StandardCharsets.UTF_8)), true, null);

            String missing = "cannot open linker script file 'memory.lds': not found in " + project.getLocation().toOSString();
            EditorFixture.waitForEquals("the missing-INCLUDE marker", () -> ProblemsView.messages(kernel, IMarker.SEVERITY_ERROR),
                    List.of(missing), 15_000);
            IMarker marker = ProblemsView.markersOf(kernel).get(0);
            assertEquals(1, marker.getAttribute(IMarker.LINE_NUMBER, -1));
            assertEquals("memory.lds", KERNEL.substring(marker.getAttribute(IMarker.CHAR_START, -1), marker.getAttribute(IMarker.CHAR_END, -1)));
            ProblemsView problems = ProblemsView.show(page);
            problems.waitForRow("memory.lds");
            problems.showWholeMessages();
            EditorFixture.screenshot(page, "include-missing-marker");

            IFile memory = project.getFile("memory.lds");
            memory.create(new ByteArrayInputStream(MEMORY.getBytes(StandardCharsets.UTF_8)), true, null);
            EditorFixture.waitForEquals("no marker once memory.lds exists", () -> ProblemsView.markersOf(kernel), List.of(), 15_000);

            memory.delete(true, null);
            EditorFixture.waitForEquals("the marker again after memory.lds is deleted",
                    () -> ProblemsView.messages(kernel, IMarker.SEVERITY_ERROR), List.of(missing), 15_000);
            project.delete(true, null);
        }
    }
}
