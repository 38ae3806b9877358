package dev.rivet.ld.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.core.filesystem.EFS;
import org.eclipse.core.runtime.Platform;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.IDE;
import org.junit.jupiter.api.Test;

/** The reference kernel's kernel.ld opens in the linker-script editor by default. */
class ReferenceKernelScriptTest {

    @Test
    void kernelLdOpensInTheGenericEditorAsALinkerScript() throws Exception {
        assertEquals("dev.rivet.ld.linkerScript", Platform.getContentTypeManager().findContentTypeFor("kernel.ld").getId());
        assertEquals("dev.rivet.ld.linkerScript", Platform.getContentTypeManager().findContentTypeFor("link.lds").getId());
        assertEquals(EditorFixture.GENERIC_EDITOR,
                PlatformUI.getWorkbench().getEditorRegistry().getDefaultEditor("kernel.ld").getId());

        Path kernelLd = Path.of(System.getProperty("rivet.repo", "../.."), "kernel-sources/kernel/kernel.ld");
        assertTrue(Files.isRegularFile(kernelLd), kernelLd + " exists");
        var page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        IEditorPart editor = IDE.openEditorOnFileStore(page, EFS.getLocalFileSystem().getStore(kernelLd.toUri()));
        try {
            assertEquals(EditorFixture.GENERIC_EDITOR, editor.getSite().getId());
        } finally {
            page.closeEditor(editor, false);
        }
    }
}
