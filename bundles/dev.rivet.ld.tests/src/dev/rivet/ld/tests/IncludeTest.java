package dev.rivet.ld.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivet.ld.LinkerScriptLanguage;
import dev.rivet.ld.elf.ElfSections;
import dev.rivet.ld.elf.MemoryUsage;
import dev.rivet.ld.linkerScript.LinkerScript;
import dev.rivet.ld.linkerScript.MemoryRegion;
import dev.rivet.ld.linkerScript.OutputSection;
import dev.rivet.ld.model.ConstantEvaluator;
import dev.rivet.ld.model.IncludedScripts;
import dev.rivet.ld.model.ScriptIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * INCLUDE (ld manual 3.4.2): regions and symbols defined in an included file resolve in the
 * including script, wherever the INCLUDE stands (top level, MEMORY, SECTIONS, an output section),
 * through SEARCH_DIR too; a missing file and an include cycle are errors. GNU ld
 * ({@code riscv64-unknown-elf-ld}), run in the script's folder, is the oracle for which of these
 * link.
 */
class IncludeTest {

    private static Path work;
    private static Path object;

    @BeforeAll
    static void assembleInput() throws Exception {
        work = Path.of(System.getProperty("rivet.ld.work", "target/ld-work"), "include").toAbsolutePath();
        object = HostTools.linkInput(work);
    }

    /** Writes {@code files} (name to text) into a fresh folder {@code name} under the work folder. */
    private static Path folder(String name, Map<String, String> files) throws IOException {
        Path dir = work.resolve(name);
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path file = dir.resolve(f.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, f.getValue());
        }
        return dir;
    }

    /** ld's exit code and output for {@code script}, linked from the script's folder. */
    private static HostTools.Result link(Path script) throws Exception {
        return HostTools.run(script.getParent(), List.of(HostTools.ld().toString(), "-T", script.toString(),
                "-o", work.resolve("out.elf").toString(), object.toString()));
    }

    private static List<String> errors(Path script) throws IOException {
        XtextResource resource = LinkerScriptLanguage.parse(script.toString(), Files.readString(script));
        return LinkerScriptLanguage.issues(resource, CancelIndicator.NullImpl).stream()
                .filter(i -> i.getSeverity() == Severity.ERROR)
                .map(i -> i.getLineNumber() + ": " + i.getMessage()).toList();
    }

    @Test
    void regionsAndSymbolsOfFilesIncludedAnywhereResolve() throws Exception {
        Path dir = folder("everywhere", Map.of(
                "kernel.ld", """
                        OUTPUT_ARCH(riscv)
                        ENTRY(_start)
                        MEMORY
                        {
                          INCLUDE regions.inc
                        }
                        INCLUDE config.inc
                        SECTIONS
                        {
                          INCLUDE text.inc
                          .data : { INCLUDE data-input.inc } > RAM
                          _heap = ORIGIN(RAM) + HEAP_OFFSET;
                        }
                        """,
                "config.inc", """
                        HEAP_OFFSET = 1M;
                        REGION_ALIAS("REGION_TEXT", KIMAGE);
                        """,
                "regions.inc", """
                        KIMAGE (rx) : ORIGIN = 0x80000000, LENGTH = 2M
                        RAM (rw)    : ORIGIN = 0x80200000, LENGTH = 126M
                        """,
                "text.inc", """
                        .text : { *(.text.boot) *(.text .text.*) } > REGION_TEXT
                        """,
                "data-input.inc", """
                        *(.data .data.*)
                        """));
        Path script = dir.resolve("kernel.ld");
        HostTools.Result ld = link(script);
        assertEquals(0, ld.exitCode(), "ld links it: " + ld.output());
        assertEquals(List.of(), errors(script));

        XtextResource resource = LinkerScriptLanguage.parse(script.toString(), Files.readString(script));
        LinkerScript root = (LinkerScript) resource.getContents().get(0);
        OutputSection data = EcoreUtil2.getAllContentsOfType(root, OutputSection.class).get(0);
        MemoryRegion ram = assertInstanceOf(MemoryRegion.class, data.getRegion(), "'> RAM' resolves");
        assertEquals(dir.resolve("regions.inc"), IncludedScripts.fileOf(ram.eResource()));
        assertEquals(0x80200000L, new ConstantEvaluator().origin(ram).getAsLong());

        ScriptIndex index = new ScriptIndex(root);
        ScriptIndex.Definition heapOffset = index.symbol("HEAP_OFFSET").orElseThrow();
        assertEquals(dir.resolve("config.inc"), heapOffset.includedFile());
        assertEquals(1, heapOffset.line());
        ScriptIndex.Definition kimage = index.region("KIMAGE").orElseThrow();
        assertEquals(dir.resolve("regions.inc"), kimage.includedFile());
        assertEquals(1, kimage.line());
        assertEquals(".text", index.section(".text").orElseThrow().name());
        assertTrue(index.symbol("_heap").isPresent() && !index.symbol("_heap").get().included());

        // the memory-usage model of the ELF ld built sees the included regions and placements
        List<MemoryUsage.Area> areas = MemoryUsage.of(root, ElfSections.read(work.resolve("out.elf")));
        assertEquals(List.of("KIMAGE", "RAM"), areas.stream().map(MemoryUsage.Area::name).toList());
        assertTrue(areas.get(0).placements().stream().anyMatch(p -> p.section().equals(".text")), areas.toString());
        assertTrue(areas.get(1).placements().stream().anyMatch(p -> p.section().equals(".data")), areas.toString());
    }

    @Test
    void searchDirsOfTheScriptAreSearched() throws Exception {
        Path dir = folder("search-dir", Map.of(
                "kernel.ld", """
                        SEARCH_DIR(layout)
                        INCLUDE memory.inc
                        SECTIONS { .text : { *(.text.boot) *(.text) } > RAM }
                        """,
                "layout/memory.inc", "MEMORY { RAM (rwx) : ORIGIN = 0x80000000, LENGTH = 128M }\n"));
        Path script = dir.resolve("kernel.ld");
        HostTools.Result ld = link(script);
        assertEquals(0, ld.exitCode(), "ld links it: " + ld.output());
        assertEquals(List.of(), errors(script));
    }

    @Test
    void aMissingFileIsAnError() throws Exception {
        Path dir = folder("missing", Map.of("kernel.ld", """
                INCLUDE nowhere.inc
                SECTIONS { .text : { *(.text) } > RAM }
                """));
        Path script = dir.resolve("kernel.ld");
        HostTools.Result ld = link(script);
        assertNotEquals(0, ld.exitCode());
        assertTrue(ld.output().contains("cannot open linker script file nowhere.inc"), ld.output());
        // one error, on the INCLUDE: not also "Couldn't resolve reference to Region 'RAM'"
        assertEquals(List.of("1: cannot open linker script file 'nowhere.inc': not found in " + dir), errors(script));
    }

    @Test
    void aCycleIsAnErrorAndDoesNotRecurse() throws Exception {
        Path dir = folder("cycle", Map.of(
                "kernel.ld", "INCLUDE a.inc\nSECTIONS { .text : { *(.text) } }\n",
                "a.inc", "INCLUDE b.inc\n",
                "b.inc", "INCLUDE a.inc\n"));
        Path script = dir.resolve("kernel.ld");
        HostTools.Result ld = link(script);
        assertNotEquals(0, ld.exitCode());
        assertTrue(ld.output().contains("includes nested too deeply"), ld.output());
        assertEquals(List.of("1: b.inc: INCLUDE cycle: kernel.ld includes a.inc includes b.inc includes a.inc again"
                + " (ld stops: \"includes nested too deeply\")"), errors(script));

        Files.writeString(dir.resolve("self.ld"), "INCLUDE self.ld\n");
        assertEquals(List.of("1: INCLUDE cycle: self.ld includes self.ld again (ld stops: \"includes nested too deeply\")"),
                errors(dir.resolve("self.ld")));
    }

    @Test
    void problemsInsideAnIncludedFileAreReportedOnTheInclude() throws Exception {
        Path dir = folder("inside", Map.of(
                "kernel.ld", "INCLUDE memory.inc\nSECTIONS { .text : { *(.text) } > RAM }\n",
                "memory.inc", "MEMORY { RAM (rwx) : ORIGIN = 0x80000000, LENGTH = 128M }\nnot a command;\n"));
        Path script = dir.resolve("kernel.ld");
        assertNotEquals(0, link(script).exitCode());
        List<String> errors = errors(script);
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith("1: memory.inc:2: "), errors.toString());

        Files.writeString(dir.resolve("memory.inc"), "MEMORY { RAM (rwx) : ORIGIN = 0x80000000, LENGTH = 128M }\nINCLUDE gone.inc\n");
        assertNotEquals(0, link(script).exitCode());
        assertEquals(List.of("1: memory.inc: cannot open linker script file 'gone.inc': not found in " + dir), errors(script));
        List<Issue> unresolved = LinkerScriptLanguage.check(script.toString(), Files.readString(script)).stream()
                .filter(i -> i.getMessage().contains("Couldn't resolve")).toList();
        assertEquals(List.of(), unresolved, "RAM still resolves");
    }
}
