package dev.rivet.ld.ui.tests.builtelf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rivet.ld.ui.tests.BuiltKernel;
import dev.rivet.ld.ui.tests.EditorFixture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.eclipse.core.resources.IResource;
import org.eclipse.jface.text.source.Annotation;
import org.junit.jupiter.api.Test;

/**
 * With a kernel ELF built from the script next to it, the editor checks the symbols the script
 * reads against the ELF. Nothing in a PHDRS command is such a symbol: the program header types
 * (every name ld 2.40 knows) are ld's names for numbers, and ld evaluates FLAGS() and AT() when it
 * reads the command (an unknown name there silently counts as 0, it does not stop the link).
 */
class PhdrsWithBuiltElfTest {

    private static final String SCRIPT = """
            OUTPUT_ARCH(riscv)
            ENTRY(_start)

            PHDRS
            {
              headers PT_PHDR PHDRS;
              text PT_LOAD FILEHDR PHDRS FLAGS(5);
              data PT_LOAD FLAGS(PF_RW) AT(DATA_LMA);
              dynamic PT_DYNAMIC;
              interp PT_INTERP;
              note PT_NOTE;
              shlib PT_SHLIB;
              tls PT_TLS;
              unused PT_NULL;
              eh PT_GNU_EH_FRAME;
              stack PT_GNU_STACK FLAGS(6);
              relro PT_GNU_RELRO;
              property PT_GNU_PROPERTY;
            }

            SECTIONS
            {
              . = 0x80000000 + SIZEOF_HEADERS;
              .text : { *(.text.boot) *(.text .text.*) } :text
              .bss : { *(.bss .bss.*) } :data
            }
            """;

    @Test
    void programHeaderTypesAndOperandsAreNotReportedAsUndefinedSymbols() throws Exception {
        try (EditorFixture f = EditorFixture.open("ld-phdrs-built", "kernel.ld", SCRIPT)) {
            Path elf = BuiltKernel.build(f.file.getProject().getLocation().toPath(), f.file.getLocation().toPath());
            f.file.getProject().refreshLocal(IResource.DEPTH_INFINITE, null);

            // a symbol known to neither the script nor the ELF: proves the ELF checks ran
            f.document().set(SCRIPT.replace(".bss : {", "_end = _no_such_symbol;\n  .bss : {"));
            String undefined = "symbol '_no_such_symbol' is defined neither in this script nor in the built " + elf.getFileName();
            EditorFixture.waitUntil("the warning about _no_such_symbol", () -> warnings(f).contains(undefined), 10_000);
            f.screenshot("phdrs-built-elf");
            assertEquals(List.of(undefined), warnings(f));
        }
    }

    private static List<String> warnings(EditorFixture f) {
        List<String> result = new ArrayList<>();
        for (Iterator<Annotation> it = f.viewer().getAnnotationModel().getAnnotationIterator(); it.hasNext();) {
            Annotation a = it.next();
            if ("org.eclipse.ui.workbench.texteditor.warning".equals(a.getType()) && !a.isMarkedDeleted()) {
                result.add(a.getText());
            }
        }
        return result;
    }
}
