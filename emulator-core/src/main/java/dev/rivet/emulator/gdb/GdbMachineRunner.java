package dev.rivet.emulator.gdb;

import dev.rivet.emulator.debug.DebugController;
import dev.rivet.emulator.debug.DebugTarget;
import dev.rivet.emulator.debug.StopEvent;
import java.io.IOException;
import java.util.Optional;

/**
 * Runs a machine with the GDB stub the way {@code qemu-system-riscv64 -s}, {@code -S} and
 * {@code -gdb tcp::PORT} do, for the command line: the stub listens on 127.0.0.1 from the start,
 * the machine runs (or, with {@code -S}, waits halted for GDB's {@code continue}), and the run
 * ends when the guest ends the machine (GDB is told with a {@code W} reply first), when GDB sends
 * {@code kill}, or on {@link #stop()}.
 *
 * <p>A guest reset request through the test finisher ends the run like {@code -no-reboot}.
 */
public final class GdbMachineRunner implements AutoCloseable {

    private final DebugController debug;
    private final GdbServer server;
    private volatile DebugTarget.MachineExit exit;

    /**
     * Starts listening on {@code port} (0 for any free port).
     *
     * @param startHalted {@code -S}: every hart waits for GDB
     */
    public GdbMachineRunner(DebugTarget target, int port, boolean startHalted) throws IOException {
        this.debug = new DebugController(target, 4096, startHalted);
        debug.addStopListener(e -> {
            if (e instanceof StopEvent.MachineExited x) {
                exit = x.exit();
                debug.close(); // after every listener has seen it: the GDB session sends W first
            }
        });
        this.server = GdbServer.start(debug, port, debug::close);
    }

    /** The port the stub listens on. */
    public int port() {
        return server.port();
    }

    /** The debug API of the machine (for a console or an IDE alongside GDB). */
    public DebugController debug() {
        return debug;
    }

    /**
     * Runs the machine on the calling thread until the run ends.
     *
     * @return how the guest ended the machine; empty after {@code kill} or {@link #stop()}
     */
    public Optional<DebugTarget.MachineExit> run() throws IOException {
        try {
            debug.runMachine();
        } finally {
            server.close();
        }
        return Optional.ofNullable(exit);
    }

    /** Ends {@link #run()} (any thread; Ctrl-A x). */
    public void stop() {
        debug.close();
    }

    @Override
    public void close() throws IOException {
        debug.close();
        server.close();
    }
}
