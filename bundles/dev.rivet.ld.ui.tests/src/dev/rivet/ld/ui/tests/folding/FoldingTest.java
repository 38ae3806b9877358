package dev.rivet.ld.ui.tests.folding;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivet.ld.ui.tests.EditorFixture;
import java.util.Iterator;
import org.eclipse.jface.text.source.projection.ProjectionAnnotationModel;
import org.eclipse.jface.text.source.projection.ProjectionViewer;
import org.junit.jupiter.api.Test;

/** MEMORY, SECTIONS, output sections and comments fold. */
class FoldingTest {

    @Test
    void blocksAndCommentsGetFoldingAnnotations() throws Exception {
        try (EditorFixture f = EditorFixture.open("folding.ld", EditorFixture.KERNEL_SCRIPT)) {
            ProjectionViewer viewer = (ProjectionViewer) f.viewer();
            EditorFixture.waitUntil("folding annotations", () -> count(viewer.getProjectionAnnotationModel()) == 4, 10_000);
            assertTrue(viewer.isProjectionMode());
        }
    }

    private static int count(ProjectionAnnotationModel model) {
        if (model == null) {
            return -1;
        }
        int n = 0;
        for (Iterator<?> it = model.getAnnotationIterator(); it.hasNext(); it.next()) {
            n++;
        }
        return n;
    }
}
