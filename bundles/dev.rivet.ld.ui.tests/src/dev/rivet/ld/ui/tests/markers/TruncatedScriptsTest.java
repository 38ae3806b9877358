package dev.rivet.ld.ui.tests.markers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivet.ld.ui.tests.EditorFixture;
import dev.rivet.ld.ui.tests.ErrorLog;
import dev.rivet.ld.ui.tests.ProblemsView;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;

/**
 * Truncated and broken scripts in the workspace (what a failed copy or a half-written file leaves)
 * get error markers, and nothing reaches the error log: neither from the marker job that checks
 * them unopened, nor from the editor's services (highlighting, folding, outline, validation) when
 * they are opened. The exhaustive check of the parser and validator against GNU ld on every
 * prefix is dev.rivet.ld.tests' TruncatedScriptsTest; this is the workbench side.
 */
class TruncatedScriptsTest {

    private static final int CUTS = 30;

    @Test
    void truncatedScriptsGetErrorMarkersAndTheErrorLogStaysClean() throws Exception {
        String kernel = Files.readString(Path.of(System.getProperty("rivet.repo", "../.."), "kernel-sources/kernel/kernel.ld"));
        int sectionsStart = kernel.indexOf("SECTIONS");
        int sectionsEnd = kernel.lastIndexOf('}');
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        try (ErrorLog log = ErrorLog.record()) {
            IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject("ld-truncated");
            if (project.exists()) {
                project.delete(true, null);
            }
            project.create(null);
            project.open(null);
            // cuts inside SECTIONS { ... }: every one leaves a block open, so ld rejects every one
            Random random = new Random(7);
            List<IFile> files = new ArrayList<>();
            ResourcesPlugin.getWorkspace().run(monitor -> {
                for (int i = 0; i < CUTS; i++) {
                    int cut = sectionsStart + 1 + random.nextInt(sectionsEnd - sectionsStart - 1);
                    IFile file = project.getFile(String.format("cut-%02d.ld", i));
                    file.create(new ByteArrayInputStream(kernel.substring(0, cut).getBytes(StandardCharsets.UTF_8)), true, null);
                    files.add(file);
                }
                // not text at all: bytes that are no valid UTF-8, NULs, a lone quote and comment start
                IFile garbage = project.getFile("garbage.ld");
                garbage.create(new ByteArrayInputStream(new byte[] {(byte) 0xff, 0, (byte) 0xfe, '"', '/', '*', 0x7f, '\n', '{'}), true, null);
                files.add(garbage);
            }, null);

            EditorFixture.waitUntil("an error marker on every truncated script", () -> files.stream()
                    .allMatch(f -> !ProblemsView.messages(f, IMarker.SEVERITY_ERROR).isEmpty()), 30_000);

            ProblemsView.show(page).waitForRow("cut-");
            EditorFixture.screenshot(page, "problems-truncated");

            // the editor on a few of them: its services run on the broken text too
            for (IFile file : List.of(files.get(0), files.get(CUTS / 2), files.get(files.size() - 1))) {
                try (EditorFixture f = EditorFixture.open(file)) {
                    EditorFixture.waitUntil("an error in the editor", () -> errors(f) > 0, 10_000);
                }
            }
            assertTrue(log.errors().isEmpty(), log.errors().toString());
            project.delete(true, null);
        }
    }

    private static long errors(EditorFixture f) {
        long n = 0;
        for (var it = f.viewer().getAnnotationModel().getAnnotationIterator(); it.hasNext();) {
            var a = it.next();
            if ("org.eclipse.ui.workbench.texteditor.error".equals(a.getType()) && !a.isMarkedDeleted()) {
                n++;
            }
        }
        return n;
    }
}
