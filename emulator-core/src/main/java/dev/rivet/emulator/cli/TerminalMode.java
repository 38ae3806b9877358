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

    private TerminalMode(String saved) {
        this.saved = saved;
    }

    /** Switches to raw mode if standard input is a terminal. */
    static TerminalMode raw() {
        String settings = stty("-g");
        if (settings == null || settings.isBlank()) {
            return new TerminalMode(null);
        }
        stty("raw", "-echo");
        return new TerminalMode(settings.strip());
    }

    @Override
    public void close() {
        if (saved != null) {
            stty(saved);
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
