package dev.rivet.ld.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.core.runtime.ILogListener;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Platform;

/** Records what reaches the Platform's error log while open; no error and no exception may. */
public final class ErrorLog implements AutoCloseable {

    private final List<IStatus> logged = new ArrayList<>();
    private final ILogListener listener = (status, plugin) -> {
        synchronized (logged) {
            logged.add(status);
        }
    };

    private ErrorLog() {
        Platform.addLogListener(listener);
    }

    /** Starts recording. */
    public static ErrorLog record() {
        return new ErrorLog();
    }

    /** The errors and exceptions logged so far, one line each. */
    public List<String> errors() {
        List<String> errors = new ArrayList<>();
        synchronized (logged) {
            for (IStatus s : logged) {
                if (s.getSeverity() == IStatus.ERROR || s.getException() != null) {
                    errors.add(s.getPlugin() + ": " + s.getMessage() + " " + s.getException());
                }
            }
        }
        return errors;
    }

    /** Stops recording and fails if an error or exception was logged. */
    @Override
    public void close() {
        Platform.removeLogListener(listener);
        assertEquals(List.of(), errors(), "errors in the error log");
    }
}
