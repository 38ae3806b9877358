package dev.rivet.emulator.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An emulator (Rivet or QEMU) run as a child process with its serial console on stdin/stdout,
 * driven like a person at a terminal: wait for text to appear, type, wait for the exit status.
 * Waiting is on a monitor notified by the output reader, bounded by a deadline.
 */
public final class ConsoleProcess implements AutoCloseable {

    private final Process process;
    private final OutputStream stdin;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errors = new ByteArrayOutputStream();
    private final Object lock = new Object();
    private final String description;
    private final List<Thread> pumps = new ArrayList<>();

    private ConsoleProcess(List<String> command) throws IOException {
        this.description = String.join(" ", command);
        this.process = new ProcessBuilder(command).start();
        this.stdin = process.getOutputStream();
        pump(process.getInputStream(), output, "stdout");
        pump(process.getErrorStream(), errors, "stderr");
    }

    /** Starts {@code command}. */
    public static ConsoleProcess start(List<String> command) throws IOException {
        return new ConsoleProcess(command);
    }

    /**
     * The command line that runs Rivet's {@code Main} with {@code args}, from the test classpath
     * (or from the classpath in the system property {@code rivet.emulator.classpath}, to check
     * another build).
     */
    public static List<String> rivet(List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("-cp");
        cmd.add(System.getProperty("rivet.emulator.classpath", System.getProperty("java.class.path")));
        cmd.add("dev.rivet.emulator.cli.Main");
        cmd.addAll(args);
        return cmd;
    }

    /** qemu-system-riscv64 with {@code args}; fails the test if QEMU is not installed. */
    public static List<String> qemu(List<String> args) {
        HostTools.require("qemu-system-riscv64", "qemu-system-misc");
        List<String> cmd = new ArrayList<>();
        cmd.add("qemu-system-riscv64");
        cmd.addAll(args);
        return cmd;
    }

    private void pump(InputStream in, ByteArrayOutputStream into, String name) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[4096];
            try {
                int n;
                while ((n = in.read(buf)) > 0) {
                    synchronized (lock) {
                        into.write(buf, 0, n);
                        lock.notifyAll();
                    }
                }
            } catch (IOException e) {
                synchronized (lock) {
                    into.writeBytes(("\n[" + name + " closed: " + e.getMessage() + "]\n").getBytes(StandardCharsets.UTF_8));
                }
            } finally {
                synchronized (lock) {
                    lock.notifyAll();
                }
            }
        }, "console-" + name);
        t.setDaemon(true);
        t.start();
        pumps.add(t);
    }

    /** Everything printed on the console so far. */
    public String output() {
        synchronized (lock) {
            return output.toString(StandardCharsets.UTF_8);
        }
    }

    /** Everything printed on stderr so far. */
    public String errors() {
        synchronized (lock) {
            return errors.toString(StandardCharsets.UTF_8);
        }
    }

    /** Waits until the console output contains {@code text}; fails the test after {@code seconds}. */
    public void expect(String text, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        synchronized (lock) {
            while (!output.toString(StandardCharsets.UTF_8).contains(text)) {
                if (!process.isAlive()) {
                    // the output of a finished process is drained within moments
                    deadline = Math.min(deadline, System.nanoTime() + TimeUnit.SECONDS.toNanos(1));
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    fail("'" + text + "' did not appear within " + seconds + " s from " + description
                            + "\n--- console ---\n" + output.toString(StandardCharsets.UTF_8)
                            + "\n--- stderr ---\n" + errors.toString(StandardCharsets.UTF_8));
                }
                TimeUnit.NANOSECONDS.timedWait(lock, Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
            }
        }
    }

    /** Types {@code text} on the console. */
    public void type(String text) throws IOException {
        stdin.write(text.getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    /** Closes the console's input (end of file). */
    public void closeInput() throws IOException {
        stdin.close();
    }

    /**
     * Asks the process to end: SIGTERM on Linux, as {@code kill PID} sends. Through
     * {@link ProcessHandle#destroy()}, which only signals: {@link Process#destroy()} would also
     * close the pipes, losing what the process prints on its way out.
     */
    public void terminate() {
        process.toHandle().destroy();
    }

    /** Waits for the exit status; fails the test after {@code seconds}. */
    public int exitStatus(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(description + " did not exit within " + seconds + " s\n--- console ---\n" + output()
                    + "\n--- stderr ---\n" + errors());
        }
        for (Thread pump : pumps) {
            pump.join(TimeUnit.SECONDS.toMillis(10)); // drain what the process wrote last
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
