package dev.rivet.ld.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextOperationTarget;
import org.eclipse.jface.text.source.ISourceViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.texteditor.ITextEditor;

/**
 * A linker script opened in the workbench's default editor for it, plus what every editor test
 * needs: waiting on the display, the error log (no exception may reach it), screenshots.
 */
public final class EditorFixture implements AutoCloseable {

    /** The Generic Editor's id: linker scripts must open there by default. */
    public static final String GENERIC_EDITOR = "org.eclipse.ui.genericeditor.GenericEditor";

    /** A small kernel script in the style of the reference kernel's. */
    public static final String KERNEL_SCRIPT = """
            /* A kernel for QEMU virt, booted with -bios none. */
            OUTPUT_ARCH(riscv)
            ENTRY(_start)

            MEMORY
            {
              KIMAGE (rx) : ORIGIN = 0x80000000, LENGTH = 2M
              RAM (rw)    : ORIGIN = 0x80200000, LENGTH = 126M
            }

            SECTIONS
            {
              .text : ALIGN(4K)
              {
                PROVIDE(_text_start = .);
                KEEP(*(.text.boot))
                *(.text .text.*)
              } > KIMAGE

              .bss (NOLOAD) : ALIGN(8)
              {
                _bss_start = .;
                *(.bss .bss.*) *(COMMON)
                _bss_end = .;
              } > RAM

              PROVIDE(_heap_start = ALIGN(_bss_end, 4K));
              _ram_end = ORIGIN(RAM) + LENGTH(RAM);
            }
            """;

    public final IWorkbenchPage page;
    public final ITextEditor editor;
    public final IFile file;
    private final ErrorLog errorLog = ErrorLog.record();

    private EditorFixture(IWorkbenchPage page, IFile file) throws Exception {
        this.page = page;
        this.file = file;
        this.editor = (ITextEditor) IDE.openEditor(page, file);
        flush();
    }

    /** Creates {@code name} with {@code text} in the test project and opens it in its default editor. */
    public static EditorFixture open(String name, String text) throws Exception {
        return open("ld-tests", name, text);
    }

    /** Creates {@code name} with {@code text} in project {@code projectName} and opens it in its default editor. */
    public static EditorFixture open(String projectName, String name, String text) throws Exception {
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        window.getShell().setBounds(window.getShell().getDisplay().getPrimaryMonitor().getClientArea());
        IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject(projectName);
        if (!project.exists()) {
            project.create(null);
        }
        project.open(null);
        IFile file = project.getFile(name);
        ByteArrayInputStream content = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
        if (file.exists()) {
            file.setContents(content, true, false, null);
        } else {
            file.create(content, true, null);
        }
        return new EditorFixture(window.getActivePage(), file);
    }

    /** Opens the existing {@code file} in its default editor, as it is. */
    public static EditorFixture open(IFile file) throws Exception {
        return new EditorFixture(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage(), file);
    }

    public IDocument document() {
        return editor.getDocumentProvider().getDocument(editor.getEditorInput());
    }

    public ISourceViewer viewer() {
        return (ISourceViewer) editor.getAdapter(ITextOperationTarget.class);
    }

    /** Offset of the {@code occurrence}-th (0-based) {@code text} in the document. */
    public int offsetOf(String text, int occurrence) {
        String all = document().get();
        int at = -1;
        for (int i = 0; i <= occurrence; i++) {
            at = all.indexOf(text, at + 1);
            assertTrue(at >= 0, "'" + text + "' #" + occurrence + " in the document");
        }
        return at;
    }

    /** Runs the event loop until {@code condition} holds; fails after {@code timeoutMillis}. */
    public static void waitUntil(String what, BooleanSupplier condition, long timeoutMillis) {
        Display display = Display.getCurrent();
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                fail("timed out after " + timeoutMillis + " ms waiting for " + what);
            }
            if (!display.readAndDispatch()) {
                display.timerExec(20, () -> { });
                display.sleep();
            }
        }
    }

    /** Runs the event loop until {@code actual} gives {@code expected}; fails with the last value after {@code timeoutMillis}. */
    public static <T> void waitForEquals(String what, Supplier<T> actual, T expected, long timeoutMillis) {
        Display display = Display.getCurrent();
        long deadline = System.currentTimeMillis() + timeoutMillis;
        T last = actual.get();
        while (!expected.equals(last)) {
            if (System.currentTimeMillis() > deadline) {
                assertEquals(expected, last, "timed out after " + timeoutMillis + " ms waiting for " + what);
            }
            if (!display.readAndDispatch()) {
                display.timerExec(20, () -> { });
                display.sleep();
            }
            last = actual.get();
        }
    }

    /** Runs the event loop until nothing is pending. */
    public static void flush() {
        Display display = Display.getCurrent();
        for (int round = 0; round < 30; round++) {
            while (display.readAndDispatch()) {
                // dispatch what is queued
            }
            display.update();
        }
    }

    /** Saves the workbench window as {@code <rivet.screenshots>/ld-<name>.png}. */
    public Path screenshot(String name) throws IOException {
        return screenshot(page, name);
    }

    /** Saves the window of {@code page} as {@code <rivet.screenshots>/ld-<name>.png}. */
    public static Path screenshot(IWorkbenchPage page, String name) throws IOException {
        flush();
        Shell shell = page.getWorkbenchWindow().getShell();
        Display display = shell.getDisplay();
        Path dir = Path.of(System.getProperty("rivet.screenshots", "target/screenshots"));
        Files.createDirectories(dir);
        Path out = dir.resolve("ld-" + name + ".png");
        Rectangle bounds = shell.getBounds();
        Image image = new Image(display, bounds.width, bounds.height);
        GC gc = new GC(display);
        try {
            gc.copyArea(image, bounds.x, bounds.y);
        } finally {
            gc.dispose();
        }
        try {
            ImageLoader loader = new ImageLoader();
            loader.data = new ImageData[] {image.getImageData()};
            loader.save(out.toString(), SWT.IMAGE_PNG);
        } finally {
            image.dispose();
        }
        assertTrue(Files.size(out) > 10_000, "screenshot " + out + " has content");
        return out;
    }

    /** Closes the editor (discarding changes) and checks that no exception reached the error log. */
    @Override
    public void close() throws CoreException {
        page.closeEditor(editor, false);
        flush();
        errorLog.close();
    }
}
