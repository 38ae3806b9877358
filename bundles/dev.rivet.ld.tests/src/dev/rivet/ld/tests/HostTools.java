package dev.rivet.ld.tests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the host's Debian tools (dpkg, GNU binutils) for the tests; fails clearly if one is missing. */
final class HostTools {

    private static final String INSTALL_HINT =
            "; `./rivet test` installs it (releng/debian-packages.txt), or: apt-get install ";

    /** What a finished process printed and returned. */
    record Result(int exitCode, String output) {
    }

    private HostTools() {
    }

    /** Runs {@code command} in {@code dir} (merged stdout/stderr), at most 60 s. */
    static Result run(Path dir, List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", command) + " did not finish in 60 s");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /** The files of Debian package {@code pkg} whose path contains {@code /ldscripts/}. */
    static List<Path> ldscriptsOf(String pkg) throws IOException, InterruptedException {
        Result r = run(Path.of("/"), List.of("dpkg", "-L", pkg));
        if (r.exitCode() != 0) {
            fail("Debian package " + pkg + " is not installed" + INSTALL_HINT + pkg);
        }
        List<Path> scripts = new ArrayList<>();
        for (String line : r.output().split("\n")) {
            Path p = Path.of(line.trim());
            if (line.contains("/ldscripts/") && p.toFile().isFile()) {
                scripts.add(p);
            }
        }
        if (scripts.isEmpty()) {
            fail("Debian package " + pkg + " lists no ldscripts folder (dpkg -L " + pkg + ")");
        }
        return scripts;
    }

    /** The path of {@code tool} on PATH, or a failure naming the package that provides it. */
    static Path require(String tool, String pkg) throws IOException, InterruptedException {
        Result r = run(Path.of("/"), List.of("sh", "-c", "command -v " + tool));
        if (r.exitCode() != 0) {
            fail(tool + " is not installed" + INSTALL_HINT + pkg);
        }
        return Path.of(r.output().trim());
    }
}
