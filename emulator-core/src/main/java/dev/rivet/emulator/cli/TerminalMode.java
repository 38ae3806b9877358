package dev.rivet.emulator.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Puts the controlling terminal into raw mode while the emulator runs, as QEMU does with
 * {@code -nographic}, so that every key (Ctrl-C included) reaches the guest, and restores it
 * afterwards. Uses {@code stty} on the inherited standard input; when standard input is not a
 * terminal nothing is changed.
 */
final class TerminalMode implements AutoCloseable {

    private final String saved;
    /** Restores the terminal when the process ends on a signal (SIGTERM, SIGINT from outside). */
    private final Thread restoreOnExit = new Thread(this::restore, "rivet-restore-terminal");
    private boolean restored;

    private TerminalMode(String saved) {
        this.saved = saved;
    }

    /** Switches to raw mode if standard input is a terminal; it is restored on close or exit. */
    static TerminalMode raw() {
        String settings = stty("-g");
        if (settings == null || settings.isBlank()) {
            return new TerminalMode(null);
        }
        TerminalMode mode = new TerminalMode(settings.strip());
        Runtime.getRuntime().addShutdownHook(mode.restoreOnExit);
        stty("raw", "-echo");
        return mode;
    }

    private synchronized void restore() {
        if (saved != null && !restored) {
            restored = true;
            stty(saved);
        }
    }

    @Override
    public void close() {
        restore();
        if (saved != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(restoreOnExit);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook has run or will, and restores nothing twice
            }
        }
    }

    /** Runs stty on the inherited stdin; returns its output, or null if it failed (no terminal). */
    private static String stty(String... args) {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "stty";
        System.arraycopy(args, 0, cmd, 1, args.length);
        try {
            Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = p.getInputStream().readAllBytes();
            return p.waitFor() == 0 ? new String(out, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
