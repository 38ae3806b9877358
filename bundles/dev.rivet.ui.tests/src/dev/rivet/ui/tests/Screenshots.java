package dev.rivet.ui.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

/**
 * Saves what a person would see: a PNG of a workbench shell, under the directory named by the
 * {@code rivet.screenshots} system property (the test bundle's {@code target/screenshots}).
 */
public final class Screenshots {

    private Screenshots() {
    }

    /** Captures {@code shell} as it is on screen into {@code <dir>/<name>.png} and returns the path. */
    public static Path capture(Shell shell, String name) throws IOException {
        Display display = shell.getDisplay();
        flush(display);
        Path dir = Path.of(System.getProperty("rivet.screenshots", "target/screenshots"));
        Files.createDirectories(dir);
        Path file = dir.resolve(name + ".png");
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
            loader.data = new org.eclipse.swt.graphics.ImageData[] { image.getImageData() };
            loader.save(file.toString(), SWT.IMAGE_PNG);
        } finally {
            image.dispose();
        }
        return file;
    }

    /**
     * Runs the event loop until no events are pending, then keeps it running for
     * {@link #PAINT_MILLIS}: GTK paints on its frame clock, after the widgets changed, and views
     * such as the Debug and Problems views refresh their trees from jobs that post back to the
     * display. A screenshot taken at once shows the previous frame.
     */
    public static void flush(Display display) {
        long until = System.nanoTime() + PAINT_MILLIS * 1_000_000L;
        do {
            while (display.readAndDispatch()) {
                // dispatch everything queued
            }
            display.update();
            display.timerExec(20, () -> { }); // wakes the sleep below
            display.sleep();
        } while (System.nanoTime() < until);
        while (display.readAndDispatch()) {
            // and whatever the last wake-up brought
        }
        display.update();
    }

    /** How long {@link #flush} lets the display paint (milliseconds). */
    static final long PAINT_MILLIS = 400;
}
