package dev.rivet.ld.ui.tests.outline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivet.ld.ui.outline.LinkerScriptOutlinePage;
import dev.rivet.ld.ui.tests.EditorFixture;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.views.contentoutline.IContentOutlinePage;
import org.junit.jupiter.api.Test;

/** The Outline view shows MEMORY regions, output sections with their regions, and symbols. */
class OutlineTest {

    @Test
    void outlineListsRegionsSectionsAndSymbolsAndFollowsEdits() throws Exception {
        try (EditorFixture f = EditorFixture.open("outline.ld", EditorFixture.KERNEL_SCRIPT)) {
            f.page.showView("org.eclipse.ui.views.ContentOutline");
            f.page.activate(f.editor);
            IContentOutlinePage page = f.editor.getAdapter(IContentOutlinePage.class);
            assertNotNull(page, "the editor adapts to an outline page");
            EditorFixture.flush();

            Tree tree = findTree(f);
            assertEquals(List.of("OUTPUT_ARCH(riscv)", "ENTRY(_start)", "MEMORY", "SECTIONS"), labels(tree.getItems()));
            TreeItem memory = tree.getItem(2);
            assertEquals(List.of("KIMAGE (rx)  0x80000000, 2 MiB", "RAM (rw)  0x80200000, 126 MiB"), labels(memory.getItems()));
            TreeItem sections = tree.getItem(3);
            assertEquals(List.of(".text > KIMAGE", ".bss > RAM", "_heap_start", "_ram_end"), labels(sections.getItems()));
            f.screenshot("outline");

            f.document().replace(f.offsetOf("_ram_end", 0), "_ram_end".length(), "_memory_end");
            EditorFixture.waitUntil("the outline follows the edit",
                    () -> labels(findTree(f).getItem(3).getItems()).contains("_memory_end"), 10_000);
        }
    }

    private static Tree findTree(EditorFixture f) {
        var view = (org.eclipse.ui.views.contentoutline.ContentOutline) f.page.findView("org.eclipse.ui.views.ContentOutline");
        assertNotNull(view, "Outline view open");
        assertTrue(view.getCurrentPage() instanceof LinkerScriptOutlinePage, "page is " + view.getCurrentPage());
        return (Tree) ((LinkerScriptOutlinePage) view.getCurrentPage()).getControl();
    }

    private static List<String> labels(TreeItem[] items) {
        List<String> result = new ArrayList<>();
        for (TreeItem i : items) {
            result.add(i.getText());
        }
        return result;
    }
}
