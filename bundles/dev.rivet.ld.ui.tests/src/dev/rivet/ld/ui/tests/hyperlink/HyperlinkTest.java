package dev.rivet.ld.ui.tests.hyperlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.rivet.ld.ui.hyperlink.LinkerScriptHyperlinkDetector;
import dev.rivet.ld.ui.tests.EditorFixture;
import java.nio.charset.StandardCharsets;
import java.io.ByteArrayInputStream;
import org.eclipse.core.resources.IFile;
import org.eclipse.jface.text.Region;
import org.eclipse.jface.text.hyperlink.IHyperlink;
import org.eclipse.ui.IEditorPart;
import org.junit.jupiter.api.Test;

/** Go to definition: regions, symbols, and INCLUDE targets. */
class HyperlinkTest {

    @Test
    void regionsAndSymbolsLinkToTheirDefinitionsAndIncludeOpensTheFile() throws Exception {
        String text = "INCLUDE memory.lds\n" + EditorFixture.KERNEL_SCRIPT;
        try (EditorFixture f = EditorFixture.open("links.ld", text)) {
            IFile included = f.file.getProject().getFile("memory.lds");
            if (!included.exists()) {
                included.create(new ByteArrayInputStream("/* regions */\n".getBytes(StandardCharsets.UTF_8)), true, null);
            }
            LinkerScriptHyperlinkDetector detector = new LinkerScriptHyperlinkDetector();

            int ramUse = f.offsetOf("} > RAM", 0) + 4;
            IHyperlink[] links = detector.detectHyperlinks(f.viewer(), new Region(ramUse, 0), false);
            assertNotNull(links, "a link on RAM");
            links[0].open();
            assertEquals(new org.eclipse.swt.graphics.Point(f.offsetOf("RAM (rw)", 0), 3), f.viewer().getSelectedRange());

            int bssUse = f.offsetOf("_bss_end, 4K", 0) + 1;
            detector.detectHyperlinks(f.viewer(), new Region(bssUse, 0), false)[0].open();
            assertEquals(f.offsetOf("_bss_end = .", 0), f.viewer().getSelectedRange().x);
            f.screenshot("hyperlink");

            int include = f.offsetOf("memory.lds", 0) + 2;
            detector.detectHyperlinks(f.viewer(), new Region(include, 0), false)[0].open();
            EditorFixture.flush();
            IEditorPart active = f.page.getActiveEditor();
            assertEquals("memory.lds", active.getEditorInput().getName());
            f.page.closeEditor(active, false);
        }
    }
}
