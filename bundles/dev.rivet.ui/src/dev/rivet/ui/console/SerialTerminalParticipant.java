package dev.rivet.ui.console;

import dev.rivet.core.launch.KernelProcess;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.debug.core.model.IStreamsProxy;
import org.eclipse.jface.text.ITextViewerExtension;
import org.eclipse.swt.custom.VerifyKeyListener;
import org.eclipse.swt.events.VerifyEvent;
import org.eclipse.ui.console.IConsole;
import org.eclipse.ui.console.IConsolePageParticipant;
import org.eclipse.ui.console.TextConsolePage;
import org.eclipse.ui.part.IPageBookViewPage;

/**
 * Makes the console of a Rivet kernel launch behave as a serial terminal: every key goes to the
 * UART's receive path as it is pressed ({@link SerialKeyMap}) and nothing is echoed locally, so
 * the kernel's own echo and line editor (backspace, escape sequences) are what the user sees, as
 * in a terminal attached to QEMU's {@code -serial stdio}. Text pasted into the console still goes
 * through the console's line input. Contributed to {@code org.eclipse.ui.console.consolePageParticipants}
 * for process consoles whose process type is {@link KernelProcess#PROCESS_TYPE}.
 */
public final class SerialTerminalParticipant implements IConsolePageParticipant {

    private ITextViewerExtension viewer;
    private VerifyKeyListener keys;

    @Override
    public void init(IPageBookViewPage page, IConsole console) {
        if (!(console instanceof org.eclipse.debug.ui.console.IConsole processConsole)
                || !(page instanceof TextConsolePage textPage)
                || !(textPage.getViewer() instanceof ITextViewerExtension extension)) {
            return;
        }
        IProcess process = processConsole.getProcess();
        if (!KernelProcess.PROCESS_TYPE.equals(process.getAttribute(IProcess.ATTR_PROCESS_TYPE))) {
            return;
        }
        viewer = extension;
        keys = event -> send(process, event);
        viewer.prependVerifyKeyListener(keys);
    }

    private static void send(IProcess process, VerifyEvent event) {
        String sequence = SerialKeyMap.sequenceFor(event.keyCode, event.character, event.stateMask);
        IStreamsProxy streams = process.getStreamsProxy();
        if (sequence == null || streams == null || process.isTerminated()) {
            return; // not a terminal key, or nobody listens: the console handles it
        }
        event.doit = false;
        try {
            streams.write(sequence);
        } catch (java.io.IOException e) {
            // the machine stopped between the check and the write: the key goes nowhere, as on a closed line
        }
    }

    @Override
    public void activated() {
    }

    @Override
    public void deactivated() {
    }

    @Override
    public void dispose() {
        if (viewer != null && keys != null) {
            viewer.removeVerifyKeyListener(keys);
        }
        viewer = null;
        keys = null;
    }

    @Override
    public <T> T getAdapter(Class<T> adapter) {
        return null;
    }
}
