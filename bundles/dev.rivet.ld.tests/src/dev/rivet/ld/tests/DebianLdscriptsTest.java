package dev.rivet.ld.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivet.ld.LinkerScriptLanguage;
import dev.rivet.ld.linkerScript.LinkerScript;
import dev.rivet.ld.linkerScript.OutputSection;
import dev.rivet.ld.linkerScript.Sections;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;

/**
 * Every linker script that Debian's binutils ship for riscv64-unknown-elf, riscv64-linux-gnu and
 * x86-64-linux-gnu (the {@code ldscripts} folders: ld's built-in scripts for every emulation and
 * option set) parses and validates with zero errors. How many scripts of each package were parsed
 * is printed to stdout (the test's report in the Surefire output), so that a package that shrank
 * or vanished shows in the log even while the total still passes.
 */
class DebianLdscriptsTest {

    private static final List<String> PACKAGES = List.of(
            "binutils-riscv64-unknown-elf", "binutils-riscv64-linux-gnu", "binutils-x86-64-linux-gnu");

    @Test
    void everyLdscriptShippedByDebianBinutilsHasNoErrors() throws Exception {
        Map<Path, String> packageOf = new LinkedHashMap<>();
        for (String pkg : PACKAGES) {
            for (Path script : HostTools.ldscriptsOf(pkg)) {
                packageOf.putIfAbsent(script, pkg);
            }
        }
        List<Path> scripts = new ArrayList<>(packageOf.keySet());
        assertTrue(scripts.size() >= 350, "expected about 400 scripts, found " + scripts.size());

        List<String> errors = new ArrayList<>();
        int outputSections = 0;
        Map<String, Integer> parsedPerPackage = new LinkedHashMap<>();
        PACKAGES.forEach(pkg -> parsedPerPackage.put(pkg, 0));
        for (Path script : scripts) {
            String text = Files.readString(script, StandardCharsets.ISO_8859_1);
            XtextResource resource = LinkerScriptLanguage.parse(script.toString(), text);
            for (Issue issue : LinkerScriptLanguage.issues(resource, CancelIndicator.NullImpl)) {
                if (issue.getSeverity() == Severity.ERROR) {
                    errors.add(script + ":" + issue.getLineNumber() + ":" + issue.getColumn() + ": " + issue.getMessage());
                }
            }
            // Not vacuous: a script with a SECTIONS command yields output sections in the model.
            int found = countOutputSections((LinkerScript) resource.getContents().get(0));
            if (text.contains("SECTIONS") && found == 0) {
                errors.add(script + ": SECTIONS parsed into no output sections");
            }
            outputSections += found;
            parsedPerPackage.merge(packageOf.get(script), 1, Integer::sum);
        }
        parsedPerPackage.forEach((pkg, n) -> System.out.printf("DebianLdscriptsTest: %d scripts of %s parsed%n", n, pkg));
        System.out.printf("DebianLdscriptsTest: %d scripts parsed in all, %d output sections%n", scripts.size(), outputSections);
        assertEquals(List.of(), errors.subList(0, Math.min(errors.size(), 40)),
                errors.size() + " errors in " + scripts.size() + " scripts");
        assertTrue(outputSections > scripts.size() * 20,
                "about 30+ output sections per script, found " + outputSections + " in " + scripts.size());
    }

    private static int countOutputSections(LinkerScript script) {
        int n = 0;
        for (var command : script.getCommands()) {
            if (command instanceof Sections s) {
                n += (int) s.getStatements().stream().filter(OutputSection.class::isInstance).count();
            }
        }
        return n;
    }
}
