package dev.rivet.ld.ui.tests.formatting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rivet.ld.ide.ParsedScript;
import dev.rivet.ld.formatting.LinkerScriptFormatter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.util.CancelIndicator;
import org.junit.jupiter.api.Test;

/**
 * The formatter on ld's own scripts (Debian's binutils-riscv64-unknown-elf ldscripts): only
 * whitespace changes, the result still has no errors, and formatting twice changes nothing.
 */
class FormatterKeepsScriptsValidTest {

    @Test
    void formattingRealScriptsChangesOnlyWhitespaceAndIsIdempotent() throws Exception {
        Process p = new ProcessBuilder("dpkg", "-L", "binutils-riscv64-unknown-elf").redirectErrorStream(true).start();
        String listing = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        if (p.exitValue() != 0) {
            fail("binutils-riscv64-unknown-elf is not installed; `./rivet test` installs it");
        }
        List<Path> scripts = new ArrayList<>();
        for (String line : listing.split("\n")) {
            if (line.contains("/ldscripts/") && Files.isRegularFile(Path.of(line))) {
                scripts.add(Path.of(line));
            }
        }
        assertTrue(scripts.size() >= 30, "ldscripts: " + scripts.size());
        for (Path script : scripts) {
            String text = Files.readString(script, StandardCharsets.ISO_8859_1);
            String formatted = LinkerScriptFormatter.format(text);
            assertEquals(text.replaceAll("\\s+", ""), formatted.replaceAll("\\s+", ""), "only whitespace changes in " + script);
            assertEquals(formatted, LinkerScriptFormatter.format(formatted), "idempotent on " + script);
            long errors = ParsedScript.parse(script.toString(), formatted).issues(CancelIndicator.NullImpl).stream()
                    .filter(i -> i.getSeverity() == Severity.ERROR).count();
            assertEquals(0, errors, "errors after formatting " + script);
        }
    }
}
