package dev.rivet.ld.ui.tests.memoryusage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivet.ld.ui.hover.LinkerScriptTextHover;
import dev.rivet.ld.ui.tests.BuiltKernel;
import dev.rivet.ld.ui.tests.EditorFixture;
import dev.rivet.ld.ui.views.MemoryUsageView;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.eclipse.core.resources.IResource;
import org.eclipse.jface.text.source.Annotation;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.TreeItem;
import org.junit.jupiter.api.Test;

/**
 * With a kernel ELF built by GNU ld next to the script (Cargo's target/&lt;triple&gt;/debug/), the
 * Memory Usage view shows regions, sections and largest symbols, hovers show symbol values from
 * the ELF, shrinking a region below what the build placed in it gives an overflow warning, and a
 * symbol known to neither the script nor the ELF gives a warning.
 */
class MemoryUsageViewTest {

    @Test
    void builtKernelIsAnalysedPerRegion() throws Exception {
        try (EditorFixture f = EditorFixture.open("ld-built-kernel", "kernel.ld", EditorFixture.KERNEL_SCRIPT)) {
            Path project = f.file.getProject().getLocation().toPath();
            Path elf = BuiltKernel.build(project, f.file.getLocation().toPath());
            f.file.getProject().refreshLocal(IResource.DEPTH_INFINITE, null);

            MemoryUsageView view = (MemoryUsageView) f.page.showView(MemoryUsageView.ID);
            f.page.activate(f.editor);
            view.show(f.file.getLocation().toPath());
            EditorFixture.flush();
            TreeItem[] areas = view.areasViewer().getTree().getItems();
            assertEquals(List.of("KIMAGE", "RAM"), texts(areas, 0));
            assertEquals("0x80000000", areas[0].getText(1));
            assertEquals("2 MiB", areas[0].getText(2));
            assertTrue(texts(areas[0].getItems(), 0).contains(".text"), texts(areas[0].getItems(), 0).toString());
            assertTrue(texts(areas[1].getItems(), 0).contains(".bss"), texts(areas[1].getItems(), 0).toString());
            TableItem[] symbols = view.symbolsViewer().getTable().getItems();
            assertEquals("big_function", symbols[0].getText(0));
            assertEquals("256 bytes", symbols[0].getText(2));
            f.screenshot("memory-usage-view");

            LinkerScriptTextHover hover = new LinkerScriptTextHover();
            int bssEnd = f.offsetOf("_bss_end, 4K", 0);
            String text = hover.getHoverInfo(f.viewer(), hover.getHoverRegion(f.viewer(), bssEnd));
            assertTrue(text.contains("value in the built ELF: 0x8020"), text);

            f.document().set(EditorFixture.KERNEL_SCRIPT.replace("LENGTH = 2M", "LENGTH = 16")
                    .replace("_ram_end = ORIGIN(RAM)", "_ram_end = _no_such_symbol + ORIGIN(RAM)"));
            EditorFixture.waitUntil("an overflow warning", () -> warnings(f).stream()
                    .anyMatch(m -> m.contains("region 'KIMAGE' overflows in the built " + elf.getFileName())), 10_000);
            assertTrue(warnings(f).contains("symbol '_no_such_symbol' is defined neither in this script nor in the built "
                    + elf.getFileName()), warnings(f).toString());
            assertTrue(warnings(f).stream().noneMatch(m -> m.contains("'_start'") || m.contains("'_bss_end'")),
                    "symbols of the script and of the ELF are known: " + warnings(f));
        }
    }

    private static List<String> texts(TreeItem[] items, int column) {
        List<String> result = new ArrayList<>();
        for (TreeItem i : items) {
            result.add(i.getText(column));
        }
        return result;
    }

    private static List<String> warnings(EditorFixture f) {
        List<String> result = new ArrayList<>();
        for (Iterator<Annotation> it = f.viewer().getAnnotationModel().getAnnotationIterator(); it.hasNext();) {
            Annotation a = it.next();
            if ("org.eclipse.ui.workbench.texteditor.warning".equals(a.getType())) {
                result.add(a.getText());
            }
        }
        return result;
    }
}
