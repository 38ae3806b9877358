package dev.rivet.ld.ui.tests.markers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivet.core.project.KernelProjectNature;
import dev.rivet.ld.ui.markers.ScriptMarkers;
import dev.rivet.ld.ui.tests.EditorFixture;
import dev.rivet.ld.ui.tests.ErrorLog;
import dev.rivet.ld.ui.tests.ProblemsView;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IWorkspace;
import org.eclipse.core.resources.IWorkspaceDescription;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextSelection;
import org.eclipse.jface.text.ITextOperationTarget;
import org.eclipse.jface.text.source.Annotation;
import org.eclipse.jface.text.source.IAnnotationModel;
import org.eclipse.jface.text.source.ISourceViewer;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IFileEditorInput;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.texteditor.ITextEditor;
import org.junit.jupiter.api.Test;

/**
 * Linker scripts in the workspace get Problems markers without being opened: created when the
 * file is written, removed when it is fixed, listed in the Problems view (file, line, message,
 * severity), and a double-click on one opens the script in the editor with the problem selected.
 */
class ProblemsViewTest {

    private static final String BROKEN = EditorFixture.KERNEL_SCRIPT
            .replace("} > RAM", "} > DRAM").replace("ALIGN(8)", "ALIGN(0b1000)");
    private static final String ON_UART = EditorFixture.KERNEL_SCRIPT.replace("ORIGIN = 0x80200000", "ORIGIN = 0x10000000");
    /** A Sun RPC definition: .x outside a Rivet kernel project is not a linker script. */
    private static final String RPC = "program PING_PROG { version PING_VERS { int PING(void) = 1; } = 1; } = 0x20000001;\n";

    @Test
    void scriptsNeverOpenedGetMarkersThatTheProblemsViewListsAndOpens() throws Exception {
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        try (ErrorLog log = ErrorLog.record()) {
            IProject project = project("ld-problems");
            IFile rpc = write(project, "ping.x", RPC);
            IFile broken = write(project, "link/broken.ld", BROKEN);
            IFile uart = write(project, "link/uart.lds", ON_UART);

            EditorFixture.waitUntil("markers of broken.ld and uart.lds", () -> ProblemsView.markersOf(broken).size() == 2
                    && ProblemsView.markersOf(uart).size() == 1, 15_000);
            IMarker dram = marker(broken, "DRAM");
            assertEquals(IMarker.SEVERITY_ERROR, dram.getAttribute(IMarker.SEVERITY, -1));
            assertEquals(lineOf(BROKEN, "} > DRAM"), dram.getAttribute(IMarker.LINE_NUMBER, -1));
            assertEquals("DRAM", BROKEN.substring(dram.getAttribute(IMarker.CHAR_START, -1), dram.getAttribute(IMarker.CHAR_END, -1)));
            IMarker number = marker(broken, "0b1000");
            assertEquals(IMarker.SEVERITY_ERROR, number.getAttribute(IMarker.SEVERITY, -1));
            assertEquals(lineOf(BROKEN, "ALIGN(0b1000)"), number.getAttribute(IMarker.LINE_NUMBER, -1));
            IMarker onUart = marker(uart, "UART0");
            assertEquals(IMarker.SEVERITY_WARNING, onUart.getAttribute(IMarker.SEVERITY, -1));
            assertEquals(lineOf(ON_UART, "RAM (rw)"), onUart.getAttribute(IMarker.LINE_NUMBER, -1));
            assertEquals(List.of(), ProblemsView.markersOf(rpc), "ping.x in a project without the Rivet kernel nature");

            // checked again with nothing changed: the same markers, not new ones (no Problems view churn)
            List<Long> ids = ProblemsView.markersOf(broken).stream().map(IMarker::getId).sorted().toList();
            broken.touch(null);
            Job.getJobManager().join(ScriptMarkers.TYPE, null);
            assertEquals(ids, ProblemsView.markersOf(broken).stream().map(IMarker::getId).sorted().toList());

            ProblemsView problems = ProblemsView.show(page);
            problems.waitForRow("Region 'DRAM'");
            problems.waitForRow("UART0");
            String dramRow = problems.rows().stream().filter(r -> r.contains("DRAM")).findFirst().orElseThrow();
            assertTrue(dramRow.contains("broken.ld") && dramRow.contains("line " + lineOf(BROKEN, "} > DRAM")), dramRow);
            problems.showWholeMessages();
            EditorFixture.screenshot(page, "problems-view");

            // a double-click opens broken.ld with the undeclared region selected
            problems.doubleClick("Region 'DRAM'");
            IEditorPart active = page.getActiveEditor();
            try {
                assertEquals(EditorFixture.GENERIC_EDITOR, active.getSite().getId());
                assertEquals(broken, ((IFileEditorInput) active.getEditorInput()).getFile());
                ITextEditor editor = (ITextEditor) active;
                ITextSelection selection = (ITextSelection) editor.getSelectionProvider().getSelection();
                assertEquals("DRAM", selection.getText());
                assertEquals(lineOf(BROKEN, "} > DRAM"), selection.getStartLine() + 1);

                // the editor validates the same text: each problem is shown once, not as marker and annotation
                IAnnotationModel model = ((ISourceViewer) editor.getAdapter(ITextOperationTarget.class)).getAnnotationModel();
                EditorFixture.waitUntil("the editor's own annotations", () -> visible(model, "DRAM").size() == 1
                        && visible(model, "0b1000").size() == 1, 10_000);
                EditorFixture.screenshot(page, "problems-view-opened");

                // fixed on disk (e.g. by another tool): markers and rows go
                broken.setContents(new ByteArrayInputStream(EditorFixture.KERNEL_SCRIPT.getBytes(StandardCharsets.UTF_8)), true, false, null);
                EditorFixture.waitUntil("broken.ld's markers gone", () -> ProblemsView.markersOf(broken).isEmpty(), 15_000);
                problems.waitForNoRow("DRAM");
                assertEquals(1, ProblemsView.markersOf(uart).size(), "uart.lds keeps its warning");
                EditorFixture.screenshot(page, "problems-view-fixed");
            } finally {
                page.closeAllEditors(false);
            }

            // saved broken again, through the editor: the markers come back
            IEditorPart reopened = org.eclipse.ui.ide.IDE.openEditor(page, broken);
            try {
                IDocument document = ((ITextEditor) reopened).getDocumentProvider().getDocument(reopened.getEditorInput());
                document.set(BROKEN);
                reopened.doSave(null);
                EditorFixture.waitUntil("markers after saving", () -> ProblemsView.messages(broken, IMarker.SEVERITY_ERROR).size() == 2, 15_000);
            } finally {
                page.closeAllEditors(false);
            }
            project.delete(true, null);
        }
    }

    @Test
    void binutilsScriptsAreLinkerScriptsInRivetKernelProjects() throws Exception {
        IWorkspace workspace = ResourcesPlugin.getWorkspace();
        IWorkspaceDescription description = workspace.getDescription();
        boolean autoBuild = description.isAutoBuilding();
        description.setAutoBuilding(false); // the kernel nature brings the Cargo builder; nothing here is to be built
        workspace.setDescription(description);
        try (ErrorLog log = ErrorLog.record()) {
            IProject project = project("ld-kernel-x");
            IFile script = write(project, "ldscripts/virt.x", "SECTIONS { .text 0x10000000 : { *(.text) } }\n");
            // written after virt.x: once its warning is there, virt.x has been looked at too
            IFile barrier = write(project, "barrier.ld", "SECTIONS { . = 0x10000000; }\n");
            EditorFixture.waitUntil("barrier.ld checked", () -> ProblemsView.markersOf(barrier).size() == 1, 15_000);
            assertEquals(List.of(), ProblemsView.markersOf(script), "virt.x in a plain project");

            KernelProjectNature.addTo(project, null);
            EditorFixture.waitUntil("virt.x checked once the project is a kernel project",
                    () -> ProblemsView.messages(script, IMarker.SEVERITY_WARNING).size() == 1, 15_000);
            assertTrue(ProblemsView.messages(script, IMarker.SEVERITY_WARNING).get(0).contains("UART0"));
            assertEquals("org.eclipse.ui.genericeditor.GenericEditor",
                    ProblemsView.markersOf(script).get(0).getAttribute("org.eclipse.ui.editorID", ""),
                    "a .x marker opens in the Generic Editor, not in whatever the registry has for .x");
            project.delete(true, null);
        } finally {
            description.setAutoBuilding(autoBuild);
            workspace.setDescription(description);
        }
    }

    private static IProject project(String name) throws Exception {
        IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject(name);
        if (project.exists()) {
            project.delete(true, null);
        }
        project.create(null);
        project.open(null);
        return project;
    }

    private static IFile write(IProject project, String path, String text) throws Exception {
        IFile file = project.getFile(path);
        if (file.getParent() instanceof org.eclipse.core.resources.IFolder folder && !folder.exists()) {
            folder.create(true, true, null);
        }
        file.create(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), true, null);
        return file;
    }

    private static IMarker marker(IFile file, String text) {
        return ProblemsView.markersOf(file).stream().filter(m -> m.getAttribute(IMarker.MESSAGE, "").contains(text))
                .findFirst().orElseThrow(() -> new AssertionError("a marker about " + text + " on " + file));
    }

    private static int lineOf(String text, String what) {
        int at = text.indexOf(what);
        assertTrue(at >= 0, what);
        return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }

    /** The messages containing {@code text} of annotations the editor draws (not marked deleted). */
    private static List<String> visible(IAnnotationModel model, String text) {
        List<String> result = new ArrayList<>();
        for (Iterator<Annotation> it = model.getAnnotationIterator(); it.hasNext();) {
            Annotation a = it.next();
            if (!a.isMarkedDeleted() && a.getText() != null && a.getText().contains(text)) {
                result.add(a.getText());
            }
        }
        return result;
    }
}
