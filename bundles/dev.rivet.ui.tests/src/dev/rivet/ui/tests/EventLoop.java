package dev.rivet.ui.tests;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.eclipse.swt.widgets.Display;

/** Waiting in a UI test: the event loop keeps running, so jobs that post to the display finish. */
final class EventLoop {

    private EventLoop() {
    }

    /**
     * Runs the event loop until {@code condition} holds or {@code limit} passes; fails with
     * {@code what} (and {@code context}, if given) on timeout unless {@code what} is null. The loop
     * wakes at least every 50 ms.
     */
    static void spinUntil(Display display, BooleanSupplier condition, Duration limit, String what,
            Supplier<String> context) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                if (what == null) {
                    return;
                }
                throw new AssertionError("timed out after " + limit.toSeconds() + " s waiting until " + what
                        + (context != null ? "; " + context.get() : ""));
            }
            if (!display.readAndDispatch()) {
                display.timerExec(50, () -> { });
                display.sleep();
            }
        }
    }
}
