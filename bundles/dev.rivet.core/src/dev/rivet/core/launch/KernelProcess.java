package dev.rivet.core.launch;

import dev.rivet.core.console.UartStreamsProxy;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.core.runtime.Status;
import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.debug.core.model.IStreamsProxy;

/**
 * A kernel running on an in-process machine, as the Debug view and the console see it: a process
 * whose streams are the UART ({@link UartStreamsProxy}), that can be terminated, and whose exit
 * value is the test finisher's status. When the machine stops, a line saying how goes to the
 * console after the kernel's own output.
 */
public final class KernelProcess implements IProcess {

    /** Value of {@link IProcess#ATTR_PROCESS_TYPE}. */
    public static final String PROCESS_TYPE = "dev.rivet.kernel";

    private final ILaunch launch;
    private final KernelMachine machine;
    private final UartStreamsProxy uart;
    private final String label;
    private final Map<String, String> attributes = new HashMap<>();
    private volatile MachineStop stop;

    /**
     * Connects the console to {@code machine}, adds the process to {@code launch} and starts the machine.
     *
     * @param uart the streams whose output the machine writes into
     */
    public static KernelProcess start(ILaunch launch, KernelMachine machine, UartStreamsProxy uart, String label,
            String commandLine) {
        KernelProcess process = new KernelProcess(launch, machine, uart, label);
        process.setAttribute(ATTR_CMDLINE, commandLine);
        process.setAttribute(ATTR_PROCESS_TYPE, PROCESS_TYPE);
        uart.connect(machine::type);
        launch.addProcess(process);
        process.fire(DebugEvent.CREATE);
        machine.start(process::stopped);
        return process;
    }

    private KernelProcess(ILaunch launch, KernelMachine machine, UartStreamsProxy uart, String label) {
        this.launch = launch;
        this.machine = machine;
        this.uart = uart;
        this.label = label;
    }

    private void stopped(MachineStop how) {
        uart.output().appendText("\r\n[Rivet: " + how.description() + "]\r\n");
        uart.closeInputStream();
        stop = how;
        fire(DebugEvent.TERMINATE);
    }

    /** How the machine stopped, or null while it runs. */
    public MachineStop machineStop() {
        return stop;
    }

    @Override
    public String getLabel() {
        return label;
    }

    @Override
    public ILaunch getLaunch() {
        return launch;
    }

    @Override
    public IStreamsProxy getStreamsProxy() {
        return uart;
    }

    @Override
    public void setAttribute(String key, String value) {
        synchronized (attributes) {
            attributes.put(key, value);
        }
        fire(DebugEvent.CHANGE);
    }

    @Override
    public String getAttribute(String key) {
        synchronized (attributes) {
            return attributes.get(key);
        }
    }

    @Override
    public int getExitValue() throws DebugException {
        MachineStop s = stop;
        if (s == null) {
            throw new DebugException(Status.error(label + " is still running"));
        }
        return s.exitValue();
    }

    @Override
    public <T> T getAdapter(Class<T> adapter) {
        if (adapter.isInstance(this)) {
            return adapter.cast(this);
        }
        if (adapter == ILaunch.class) {
            return adapter.cast(launch);
        }
        return null;
    }

    @Override
    public boolean canTerminate() {
        return stop == null;
    }

    @Override
    public boolean isTerminated() {
        return stop != null;
    }

    @Override
    public void terminate() {
        machine.stop();
    }

    private void fire(int kind) {
        DebugPlugin plugin = DebugPlugin.getDefault();
        if (plugin != null) {
            plugin.fireDebugEventSet(new DebugEvent[] { new DebugEvent(this, kind) });
        }
    }
}
