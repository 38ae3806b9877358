package dev.rivet.emulator.gdb;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * gdb-multiarch driven interactively through GDB/MI (GDB manual, chapter "The GDB/MI
 * Interface"), as the IDE drives it: for what batch mode cannot do, such as interrupting a
 * running target.
 */
final class GdbMi implements AutoCloseable {

    private final Process process;
    private final OutputStream in;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> transcript = new ArrayList<>();

    GdbMi(String... setup) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("gdb-multiarch", "--interpreter=mi3", "-nx", "-q"));
        for (String s : setup) {
            cmd.add("-ex");
            cmd.add(s);
        }
        process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        in = process.getOutputStream();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("(gdb output ended: " + e.getMessage() + ")");
            }
        }, "gdb-mi-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Sends one MI command. */
    void send(String command) throws IOException {
        in.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** Waits (at most 30 s) for an output line starting with {@code prefix}; returns it. */
    String await(String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
            if (line == null) {
                throw new AssertionError("gdb never printed a line starting with " + prefix + ":\n"
                        + String.join("\n", transcript));
            }
            transcript.add(line);
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
