package dev.rivet.emulator.gdb;

import dev.rivet.emulator.debug.DebugController;
import dev.rivet.emulator.debug.DebugException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Objects;

/**
 * The GDB Remote Serial Protocol server: listens on a TCP port (127.0.0.1 unless another address
 * is given explicitly), serves one GDB at a time through a {@link GdbSession}, and after a detach,
 * kill or lost connection accepts the next one. Uses only the {@link DebugController}.
 *
 * <p>Threads: one daemon thread accepts and serves connections; stop replies are sent from the
 * machine thread. {@link #close()} stops listening and drops the current connection.
 */
public final class GdbServer implements AutoCloseable {

    private final ServerSocket listener;
    private final DebugController debug;
    private final Runnable onKill;
    private final Thread thread;
    private volatile Socket current;
    private volatile boolean closed;

    private GdbServer(ServerSocket listener, DebugController debug, Runnable onKill) {
        this.listener = listener;
        this.debug = debug;
        this.onKill = onKill;
        this.thread = new Thread(this::acceptLoop, "rivet-gdb-" + listener.getLocalPort());
        thread.setDaemon(true);
    }

    /**
     * Starts a server on 127.0.0.1.
     *
     * @param port   the TCP port, 0 for any free one ({@link #port()} says which)
     * @param onKill what GDB's {@code kill} does to the machine (QEMU ends the emulator; the IDE
     *               may reset instead); the server keeps listening afterwards
     */
    public static GdbServer start(DebugController debug, int port, Runnable onKill) throws IOException {
        return start(debug, InetAddress.getLoopbackAddress(), port, onKill);
    }

    /** Starts a server on {@code address}; only for callers that were told an address explicitly. */
    public static GdbServer start(DebugController debug, InetAddress address, int port, Runnable onKill)
            throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(Objects.requireNonNull(address), port));
        GdbServer server = new GdbServer(s, Objects.requireNonNull(debug), Objects.requireNonNull(onKill));
        server.thread.start();
        return server;
    }

    /** The port the server listens on. */
    public int port() {
        return listener.getLocalPort();
    }

    /** The address the server listens on. */
    public InetAddress address() {
        return listener.getInetAddress();
    }

    private void acceptLoop() {
        while (!closed) {
            try (Socket s = listener.accept()) {
                current = s;
                s.setTcpNoDelay(true);
                RspConnection c = new RspConnection(new BufferedInputStream(s.getInputStream()),
                        new BufferedOutputStream(s.getOutputStream()), GdbSession.MAX_PACKET);
                new GdbSession(c, debug, onKill).serve();
            } catch (SocketException e) {
                // the connection dropped (or the server was closed): wait for the next GDB
                current = null;
            } catch (IOException e) {
                current = null;
            } catch (DebugException e) {
                current = null; // the machine is gone: no session can be served any more
                closed = true;
            }
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        Socket s = current;
        if (s != null) {
            s.close();
        }
        listener.close();
    }
}
