package dev.rivet.ld.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivet.ld.LinkerScriptLanguage;
import dev.rivet.ld.linkerScript.Phdr;
import dev.rivet.ld.linkerScript.PhdrTypeName;
import dev.rivet.ld.linkerScript.Phdrs;
import dev.rivet.ld.linkerScript.SymbolReference;
import dev.rivet.ld.model.PhdrTypes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Program header types in PHDRS (ld manual 3.8): a type written as a name (PT_LOAD) is ld's name
 * for a number, not a symbol. GNU ld ({@code riscv64-unknown-elf-ld} 2.40) is the oracle for which
 * types are accepted: Rivet reports an error exactly where ld rejects the type.
 */
class PhdrTypesTest {

    private static Path work;
    private static Path object;

    @BeforeAll
    static void assembleInput() throws Exception {
        work = Path.of(System.getProperty("rivet.ld.work", "target/ld-work"), "phdr-types");
        object = HostTools.linkInput(work);
    }

    private static String script(String type) {
        return """
                PHDRS
                {
                  text PT_LOAD FILEHDR PHDRS FLAGS(5);
                  other %s;
                }
                SECTIONS
                {
                  . = 0x80000000 + SIZEOF_HEADERS;
                  .text : { *(.text.boot) *(.text) } :text
                }
                """.formatted(type);
    }

    static Stream<String> types() {
        List<String> types = new ArrayList<>();
        PhdrTypes.names().forEach(types::add);
        types.addAll(List.of("PT_GNU_SFRAME", "PT_LOOS", "FOO", "0x6474e551", "(PT_NOTE)", "1 ? 4 : 0",
                "PT_LOAD + 0", "MYTYPE + 0", "SIZEOF_HEADERS"));
        return types.stream();
    }

    @ParameterizedTest
    @MethodSource("types")
    void rivetRejectsExactlyTheTypesGnuLdRejects(String type) throws Exception {
        String text = "MYTYPE = 1;\n" + script(type);
        Path script = work.resolve("type.ld");
        Files.writeString(script, text);
        HostTools.Result ld = HostTools.run(work, List.of(HostTools.ld().toString(), "-T", script.toString(),
                "-o", "out.elf", object.toString()));
        List<String> errors = LinkerScriptLanguage.check(script.toString(), text).stream()
                .filter(i -> i.getSeverity() == Severity.ERROR).map(Issue::getMessage).toList();
        if (ld.exitCode() == 0) {
            assertEquals(List.of(), errors, "ld links PHDRS type " + type);
        } else {
            assertTrue(ld.output().contains("phdr type") || ld.output().contains("program header type"), ld.output());
            assertEquals(1, errors.size(), "ld rejects PHDRS type " + type + " (" + ld.output().strip() + "): " + errors);
        }
    }

    @Test
    void qualifiersMayComeInAnyOrderAsInGnuLd() throws Exception {
        String text = script("PT_LOAD FLAGS(6) AT(0x80100000) PHDRS FILEHDR");
        Path script = work.resolve("qualifiers.ld");
        Files.writeString(script, text);
        HostTools.Result ld = HostTools.run(work, List.of(HostTools.ld().toString(), "-T", script.toString(),
                "-o", "out.elf", object.toString()));
        assertEquals(0, ld.exitCode(), ld.output());
        assertEquals(List.of(), LinkerScriptLanguage.check(script.toString(), text).stream()
                .filter(i -> i.getSeverity() == Severity.ERROR).map(Issue::getMessage).toList());
    }

    @Test
    void unknownTypeNameGetsLdsMessage() {
        List<String> errors = LinkerScriptLanguage.check("t.ld", script("PT_LOOS")).stream()
                .filter(i -> i.getSeverity() == Severity.ERROR).map(Issue::getMessage).toList();
        assertEquals(List.of("unknown phdr type 'PT_LOOS' (try integer literal)"), errors);
    }

    @Test
    void typeNamesAreNotSymbolReferences() {
        XtextResource resource = LinkerScriptLanguage.parse("t.ld", script("PT_GNU_STACK"));
        Phdrs phdrs = EcoreUtil2.getAllContentsOfType(resource.getContents().get(0), Phdrs.class).get(0);
        assertEquals(List.of(), EcoreUtil2.getAllContentsOfType(phdrs, SymbolReference.class));
        List<String> names = new ArrayList<>();
        for (Phdr h : phdrs.getHeaders()) {
            names.add(((PhdrTypeName) h.getType()).getName());
        }
        assertEquals(List.of("PT_LOAD", "PT_GNU_STACK"), names);
    }
}
