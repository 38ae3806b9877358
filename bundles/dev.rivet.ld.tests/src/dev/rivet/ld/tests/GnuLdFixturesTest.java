package dev.rivet.ld.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivet.ld.LinkerScriptLanguage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A test of the tests: the fixture scripts are linked by the real GNU ld
 * ({@code riscv64-unknown-elf-ld}) against a small object. Those in {@code fixtures/valid} (and
 * the reference kernel's {@code kernel.ld}) must link and have no errors in Rivet's validator;
 * those in {@code fixtures/invalid} must be rejected by ld and get at least one error from Rivet.
 */
class GnuLdFixturesTest {

    private static Path work;
    private static Path ld;
    private static Path object;

    @BeforeAll
    static void assembleInput() throws Exception {
        ld = HostTools.ld();
        work = Path.of(System.getProperty("rivet.ld.work", "target/ld-work"));
        object = HostTools.linkInput(work);
    }

    static Stream<Path> validScripts() throws IOException {
        Path kernel = Path.of(System.getProperty("rivet.repo", "../.."), "kernel-sources/kernel/kernel.ld");
        return Stream.concat(fixtures("valid"), Files.isRegularFile(kernel) ? Stream.of(kernel) : Stream.empty());
    }

    static Stream<Path> invalidScripts() throws IOException {
        return fixtures("invalid");
    }

    @ParameterizedTest
    @MethodSource("validScripts")
    void gnuLdLinksItAndRivetFindsNoError(Path script) throws Exception {
        HostTools.Result r = link(script);
        assertEquals(0, r.exitCode(), "ld rejected " + script + ":\n" + r.output());
        assertEquals(List.of(), errors(script), "Rivet's errors in " + script);
    }

    @ParameterizedTest
    @MethodSource("invalidScripts")
    void gnuLdAndRivetBothRejectIt(Path script) throws Exception {
        HostTools.Result r = link(script);
        assertNotEquals(0, r.exitCode(), "ld accepted " + script + ":\n" + r.output());
        assertFalse(errors(script).isEmpty(), "Rivet found no error in " + script + " (ld said: " + r.output() + ")");
    }

    private static HostTools.Result link(Path script) throws Exception {
        return HostTools.run(work, List.of(ld.toString(), "-T", script.toAbsolutePath().toString(),
                "-o", "out.elf", object.toString()));
    }

    private static List<String> errors(Path script) throws IOException {
        List<Issue> issues = LinkerScriptLanguage.check(script.toString(), Files.readString(script));
        return issues.stream().filter(i -> i.getSeverity() == Severity.ERROR)
                .map(i -> i.getLineNumber() + ":" + i.getColumn() + ": " + i.getMessage()).toList();
    }

    private static Stream<Path> fixtures(String kind) throws IOException {
        Path dir = Path.of(System.getProperty("rivet.ld.fixtures", "fixtures"), kind);
        assertTrue(Files.isDirectory(dir), "fixture folder " + dir.toAbsolutePath());
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> list = files.filter(p -> p.toString().endsWith(".ld")).sorted().toList();
            assertFalse(list.isEmpty(), "fixtures in " + dir);
            return list.stream();
        }
    }
}
