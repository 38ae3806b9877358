package dev.rivet.ld.ui.tests.markers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivet.ld.ui.tests.EditorFixture;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.eclipse.jface.text.source.Annotation;
import org.eclipse.jface.text.source.IAnnotationModel;
import org.junit.jupiter.api.Test;

/** Validation annotations appear as you type, also for broken and truncated text. */
class MarkersTest {

    private static final String ERROR = "org.eclipse.ui.workbench.texteditor.error";
    private static final String WARNING = "org.eclipse.ui.workbench.texteditor.warning";

    @Test
    void typingMistakesProducesMarkersAndFixingThemRemovesThem() throws Exception {
        try (EditorFixture f = EditorFixture.open("markers.ld", EditorFixture.KERNEL_SCRIPT)) {
            IAnnotationModel model = f.viewer().getAnnotationModel();
            EditorFixture.flush();
            assertEquals(List.of(), messages(model, ERROR), "the kernel script is valid");

            // an undeclared region and a number ld cannot read, typed into the document
            String broken = EditorFixture.KERNEL_SCRIPT.replace("} > RAM", "} > DRAM").replace("ALIGN(8)", "ALIGN(0b1000)");
            f.document().set(broken);
            EditorFixture.waitUntil("two error markers", () -> messages(model, ERROR).size() == 2, 10_000);
            List<String> errors = messages(model, ERROR);
            assertTrue(errors.stream().anyMatch(m -> m.contains("DRAM")), errors.toString());
            assertTrue(errors.stream().anyMatch(m -> m.contains("0b1000")), errors.toString());

            // a region on the UART: a warning from the check against the virt machine
            f.document().set(EditorFixture.KERNEL_SCRIPT.replace("ORIGIN = 0x80200000", "ORIGIN = 0x10000000"));
            EditorFixture.waitUntil("a warning about the UART", () -> messages(model, WARNING).stream()
                    .anyMatch(m -> m.contains("UART0")), 10_000);
            f.screenshot("markers-warning");

            // truncated in the middle of SECTIONS: a syntax error, no exception
            String text = EditorFixture.KERNEL_SCRIPT;
            f.document().set(text.substring(0, text.indexOf("*(.text .text.*)") + 5));
            EditorFixture.waitUntil("a syntax error", () -> !messages(model, ERROR).isEmpty()
                    && messages(model, ERROR).stream().noneMatch(m -> m.contains("DRAM")), 10_000);
            f.screenshot("markers-truncated");

            f.document().set(EditorFixture.KERNEL_SCRIPT);
            EditorFixture.waitUntil("markers gone", () -> messages(model, ERROR).isEmpty()
                    && messages(model, WARNING).isEmpty(), 10_000);
        }
    }

    private static List<String> messages(IAnnotationModel model, String type) {
        List<String> result = new ArrayList<>();
        for (Iterator<Annotation> it = model.getAnnotationIterator(); it.hasNext();) {
            Annotation a = it.next();
            if (type.equals(a.getType()) && !a.isMarkedDeleted()) { // marked deleted: hidden marker annotations
                result.add(a.getText());
            }
        }
        return result;
    }
}
