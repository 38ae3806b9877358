package dev.rivet.emulator.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the Debian tools the tests use as oracles; a missing tool fails the test with a clear message. */
public final class HostTools {

    private HostTools() {
    }

    /** The result of a finished command. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    /** Fails unless {@code tool} is on the PATH. */
    public static void require(String tool, String debianPackage) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return;
            }
        }
        fail(tool + " is not installed: it comes from Debian's " + debianPackage
                + " package, which ./rivet test installs (releng/debian-packages.txt)");
    }

    /** Runs {@code command}, waiting at most {@code seconds}; fails the test on timeout. */
    public static Result run(long seconds, String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("rivet-tool", ".out");
        Path err = Files.createTempFile("rivet-tool", ".err");
        try {
            Process p = new ProcessBuilder(new ArrayList<>(List.of(command)))
                    .redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(String.join(" ", command) + " did not finish within " + seconds + " s");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Decompiles a device-tree blob with dtc into its source text. */
    public static String decompileDtb(Path dtb) throws IOException, InterruptedException {
        require("dtc", "device-tree-compiler");
        Result r = run(30, "dtc", "-q", "-I", "dtb", "-O", "dts", dtb.toString());
        if (r.exitCode() != 0) {
            fail("dtc could not decompile " + dtb + ": " + r.stderr());
        }
        return r.stdout();
    }
}
