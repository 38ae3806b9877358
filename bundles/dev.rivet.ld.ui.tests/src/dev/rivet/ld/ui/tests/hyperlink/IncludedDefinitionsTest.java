package dev.rivet.ld.ui.tests.hyperlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivet.ld.ui.hover.LinkerScriptTextHover;
import dev.rivet.ld.ui.hyperlink.LinkerScriptHyperlinkDetector;
import dev.rivet.ld.ui.tests.EditorFixture;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.jface.text.ITextSelection;
import org.eclipse.jface.text.Region;
import org.eclipse.jface.text.source.Annotation;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.texteditor.ITextEditor;
import org.junit.jupiter.api.Test;

/**
 * Regions and symbols defined in an INCLUDEd file: the script that uses them has no "Couldn't
 * resolve reference" error, hover describes them and says where they are declared, and go to
 * definition opens the included file at the definition.
 */
class IncludedDefinitionsTest {

    /** The kernel script's MEMORY and one symbol, in a file of their own. */
    private static final String MEMORY = """
            /* The virt machine's RAM, shared by the kernel's scripts. */
            MEMORY
            {
              KIMAGE (rx) : ORIGIN = 0x80000000, LENGTH = 2M
              RAM (rw)    : ORIGIN = 0x80200000, LENGTH = 126M
            }
            _stack_size = 16K;
            """;

    private static final String KERNEL = EditorFixture.KERNEL_SCRIPT
            .replaceAll("(?s)MEMORY\\s*\\{.*?\\}\\n", "INCLUDE memory.lds\n")
            .replace("_ram_end = ORIGIN(RAM) + LENGTH(RAM);", "_ram_end = ORIGIN(RAM) + LENGTH(RAM) - _stack_size;");

    @Test
    void definitionsInAnIncludedFileResolveHoverAndLink() throws Exception {
        assertTrue(KERNEL.contains("INCLUDE memory.lds") && !KERNEL.contains("ORIGIN = "), KERNEL);
        IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject("ld-include");
        if (!project.exists()) {
            project.create(null);
        }
        project.open(null);
        IFile memory = project.getFile("memory.lds");
        if (!memory.exists()) {
            memory.create(new ByteArrayInputStream(MEMORY.getBytes(StandardCharsets.UTF_8)), true, null);
        }
        try (EditorFixture f = EditorFixture.open("ld-include", "kernel.ld", KERNEL)) {
            EditorFixture.flush();
            assertEquals(List.of(), annotations(f, "org.eclipse.ui.workbench.texteditor.error"));
            assertEquals(List.of(), annotations(f, "org.eclipse.ui.workbench.texteditor.warning"));

            LinkerScriptTextHover hover = new LinkerScriptTextHover();
            int ram = f.offsetOf("} > RAM", 0) + 4;
            String ramHover = hover.getHoverInfo(f.viewer(), hover.getHoverRegion(f.viewer(), ram));
            assertTrue(ramHover.startsWith("MEMORY region RAM (rw)\n0x80200000..0x87ffffff, 126 MiB\n"), ramHover);
            assertTrue(ramHover.endsWith("\ndeclared in memory.lds, line 5"), ramHover);
            String stack = hover.getHoverInfo(f.viewer(), hover.getHoverRegion(f.viewer(), f.offsetOf("_stack_size", 0)));
            assertTrue(stack.startsWith("symbol _stack_size\nassigned in memory.lds, line 7: _stack_size = 16K"), stack);
            String include = hover.getHoverInfo(f.viewer(), hover.getHoverRegion(f.viewer(), f.offsetOf("memory.lds", 0)));
            assertTrue(include.contains("file: " + memory.getLocation().toOSString()), include);
            f.screenshot("include-resolved");

            LinkerScriptHyperlinkDetector detector = new LinkerScriptHyperlinkDetector();
            var links = detector.detectHyperlinks(f.viewer(), new Region(ram, 0), false);
            assertNotNull(links, "a link on RAM");
            links[0].open();
            EditorFixture.flush();
            IEditorPart active = f.page.getActiveEditor();
            try {
                assertEquals("memory.lds", active.getEditorInput().getName());
                ITextSelection selection = (ITextSelection) ((ITextEditor) active).getSelectionProvider().getSelection();
                assertEquals("RAM", selection.getText());
                assertEquals(5, selection.getStartLine() + 1);
                f.screenshot("include-definition-opened");
            } finally {
                f.page.closeEditor(active, false);
            }
        } finally {
            project.delete(true, null);
        }
    }

    private static List<String> annotations(EditorFixture f, String type) {
        List<String> result = new ArrayList<>();
        for (Iterator<Annotation> it = f.viewer().getAnnotationModel().getAnnotationIterator(); it.hasNext();) {
            Annotation a = it.next();
            if (type.equals(a.getType()) && !a.isMarkedDeleted()) {
                result.add(a.getText());
            }
        }
        return result;
    }
}
