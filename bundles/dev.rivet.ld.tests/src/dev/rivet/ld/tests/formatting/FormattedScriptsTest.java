package dev.rivet.ld.tests.formatting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivet.ld.LinkerScriptLanguage;
import dev.rivet.ld.formatting.LinkerScriptFormatter;
import dev.rivet.ld.tests.HostTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The formatter on real scripts: every ldscript of Debian's binutils for riscv64-unknown-elf,
 * riscv64-linux-gnu and x86-64-linux-gnu, the reference kernel's {@code kernel.ld} and the test
 * fixtures. Formatting is idempotent, changes only whitespace outside comments, and leaves a
 * script without errors; and GNU ld ({@code riscv64-unknown-elf-ld}) is the judge of meaning: it
 * links the same object with the original and the formatted script to byte-identical ELF files
 * and identical link maps (both scripts are called {@code script.ld}, in sibling folders).
 */
class FormattedScriptsTest {

    private static final List<String> PACKAGES = List.of(
            HostTools.BINUTILS, "binutils-riscv64-linux-gnu", "binutils-x86-64-linux-gnu");

    private static Path work;
    private static Path ld;
    private static Path object64;
    private static Path object32;
    private static final java.util.Map<String, Path> BIG_ENDIAN = new java.util.HashMap<>();

    @BeforeAll
    static void assembleInputs() throws Exception {
        ld = HostTools.ld();
        work = Path.of(System.getProperty("rivet.ld.work", "target/ld-work"), "formatting");
        object64 = HostTools.linkInput(work.resolve("rv64"));
        Path as = HostTools.require("riscv64-unknown-elf-as", HostTools.BINUTILS);
        Path rv32 = work.resolve("rv32");
        Files.createDirectories(rv32);
        Files.copy(work.resolve("rv64/input.s"), rv32.resolve("input.s"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        HostTools.Result r = HostTools.run(rv32, List.of(as.toString(), "-march=rv32i", "-mabi=ilp32", "-o", "input.o", "input.s"));
        assertEquals(0, r.exitCode(), r.output());
        object32 = rv32.resolve("input.o");
        for (String xlen : List.of("32", "64")) {
            String abi = xlen.equals("32") ? "ilp32" : "lp64";
            Path dir = work.resolve("rv" + xlen + "be");
            Files.createDirectories(dir);
            Files.copy(work.resolve("rv64/input.s"), dir.resolve("input.s"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            r = HostTools.run(dir, List.of(as.toString(), "-mbig-endian", "-march=rv" + xlen + "i", "-mabi=" + abi,
                    "-o", "input.o", "input.s"));
            assertEquals(0, r.exitCode(), r.output());
            BIG_ENDIAN.put(xlen, dir.resolve("input.o"));
        }
    }

    @Test
    void formattingIsIdempotentKeepsEverythingButWhitespaceAndLeavesNoErrors() throws Exception {
        Set<Path> scripts = new LinkedHashSet<>();
        for (String pkg : PACKAGES) {
            scripts.addAll(HostTools.ldscriptsOf(pkg));
        }
        assertTrue(scripts.size() >= 350, "Debian ldscripts: " + scripts.size());
        scripts.addAll(ownScripts());
        List<String> failures = new ArrayList<>();
        int changed = 0;
        for (Path script : scripts) {
            String text = Files.readString(script, StandardCharsets.ISO_8859_1);
            String formatted = LinkerScriptFormatter.format(text);
            changed += formatted.equals(text) ? 0 : 1;
            if (!formatted.equals(LinkerScriptFormatter.format(formatted))) {
                failures.add(script + ": formatting again changes it");
            }
            if (!ScriptText.withoutWhitespaceOutsideComments(text).equals(ScriptText.withoutWhitespaceOutsideComments(formatted))) {
                failures.add(script + ": more than whitespace outside comments changed");
            }
            boolean valid = !script.toString().contains("/fixtures/invalid/");
            if (valid && !errors(script, text).isEmpty()) {
                failures.add(script + ": has errors before formatting: " + errors(script, text));
            } else if (valid && !errors(script, formatted).isEmpty()) {
                failures.add(script + ": errors after formatting: " + errors(script, formatted));
            }
        }
        System.out.printf("FormattedScriptsTest: %d scripts formatted, %d changed by it%n", scripts.size(), changed);
        assertEquals(List.of(), failures.subList(0, Math.min(40, failures.size())), failures.size() + " failures");
        assertTrue(changed > scripts.size() / 2, "the formatter changed only " + changed + " scripts");
    }

    @Test
    void gnuLdLinksTheFormattedScriptToTheSameBytesAndTheSameMap() throws Exception {
        List<Path> scripts = new ArrayList<>(HostTools.ldscriptsOf(HostTools.BINUTILS));
        scripts.addAll(ownScripts());
        List<String> failures = new ArrayList<>();
        int identical = 0;
        int rejectedByLd = 0;
        for (Path script : scripts) {
            String text = Files.readString(script, StandardCharsets.ISO_8859_1);
            String formatted = LinkerScriptFormatter.format(text);
            boolean elf32 = text.contains("elf32");
            Path object = text.matches("(?s).*OUTPUT_FORMAT\\s*\\(\\s*\"elf(32|64)-bigriscv\".*")
                    ? BIG_ENDIAN.get(elf32 ? "32" : "64") : elf32 ? object32 : object64;
            Link original = link(work.resolve("original"), text, object, false);
            Link reformatted = link(work.resolve("formatted"), formatted, object, false);
            if (original.exitCode != 0 && reformatted.exitCode != 0) {
                // e.g. the 32-bit scripts place this small object's sections on one another
                original = link(work.resolve("original"), text, object, true);
                reformatted = link(work.resolve("formatted"), formatted, object, true);
            }
            if (original.exitCode != reformatted.exitCode) {
                failures.add(script + ": ld exit " + original.exitCode + " before, " + reformatted.exitCode + " after formatting: "
                        + reformatted.output);
            } else if (original.exitCode != 0) {
                rejectedByLd++;
                System.out.printf("FormattedScriptsTest: ld rejects %s (before and after formatting): %s%n", script,
                        original.output.lines().filter(l -> !l.contains("RWX")).findFirst().orElse(""));
            } else if (!java.util.Arrays.equals(original.elf, reformatted.elf)) {
                failures.add(script + ": the linked ELF differs");
            } else if (!original.map.equals(reformatted.map)) {
                failures.add(script + ": the link map differs");
            } else {
                identical++;
            }
        }
        System.out.printf("FormattedScriptsTest: %d scripts linked byte-identically (ELF and map) by GNU ld, "
                + "%d rejected by ld both before and after formatting%n", identical, rejectedByLd);
        assertEquals(List.of(), failures.subList(0, Math.min(40, failures.size())), failures.size() + " failures");
        assertTrue(identical >= 40, "only " + identical + " of " + scripts.size() + " scripts linked");
    }

    private record Link(int exitCode, String output, byte[] elf, String map) {
    }

    private static Link link(Path dir, String script, Path object, boolean noCheckSections) throws Exception {
        Files.createDirectories(dir);
        Files.deleteIfExists(dir.resolve("out.elf"));
        Files.deleteIfExists(dir.resolve("out.map"));
        Files.writeString(dir.resolve("script.ld"), script, StandardCharsets.ISO_8859_1);
        List<String> command = new ArrayList<>(List.of(ld.toString(), "-T", "script.ld", "-Map", "out.map",
                "-o", "out.elf", object.toAbsolutePath().toString()));
        if (noCheckSections) {
            command.add("--no-check-sections");
        }
        HostTools.Result r = HostTools.run(dir, command);
        Path elf = dir.resolve("out.elf");
        Path map = dir.resolve("out.map");
        return new Link(r.exitCode(), r.output(), Files.isRegularFile(elf) ? Files.readAllBytes(elf) : new byte[0],
                Files.isRegularFile(map) ? Files.readString(map, StandardCharsets.ISO_8859_1) : "");
    }

    private static List<Path> ownScripts() throws IOException {
        List<Path> own = new ArrayList<>();
        Path kernel = Path.of(System.getProperty("rivet.repo", "../.."), "kernel-sources/kernel/kernel.ld");
        if (Files.isRegularFile(kernel)) {
            own.add(kernel);
        }
        Path fixtures = Path.of(System.getProperty("rivet.ld.fixtures", "fixtures"));
        for (String kind : List.of("valid", "invalid")) {
            try (Stream<Path> files = Files.list(fixtures.resolve(kind))) {
                own.addAll(files.filter(p -> p.toString().endsWith(".ld")).sorted().toList());
            }
        }
        return own;
    }

    private static List<String> errors(Path script, String text) {
        XtextResource resource = LinkerScriptLanguage.parse(script.toString(), text);
        return LinkerScriptLanguage.issues(resource, CancelIndicator.NullImpl).stream()
                .filter(i -> i.getSeverity() == Severity.ERROR)
                .map(i -> i.getLineNumber() + ":" + i.getColumn() + ": " + i.getMessage()).toList();
    }
}
