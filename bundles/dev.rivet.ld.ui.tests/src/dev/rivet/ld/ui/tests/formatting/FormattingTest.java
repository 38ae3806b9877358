package dev.rivet.ld.ui.tests.formatting;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rivet.ld.ui.tests.EditorFixture;
import org.eclipse.ui.handlers.IHandlerService;
import org.junit.jupiter.api.Test;

/** The Format Linker Script command re-indents by brace depth, tidies blank lines and spacing within lines. */
class FormattingTest {

    @Test
    void formatCommandReindentsTheScript() throws Exception {
        String messy = "MEMORY {\n      ram (rwx) : ORIGIN = 0x80000000, LENGTH = 128M   \n}\n\n\n\nSECTIONS\n{\n"
                + ".text : {\n*(.text)\n        }   > ram\n    /* stack\n       grows down */\n_stack = .;\n}";
        String formatted = "MEMORY {\n  ram (rwx) : ORIGIN = 0x80000000, LENGTH = 128M\n}\n\nSECTIONS\n{\n"
                + "  .text : {\n    *(.text)\n  } > ram\n  /* stack\n       grows down */\n  _stack = .;\n}\n";
        try (EditorFixture f = EditorFixture.open("format.ld", messy)) {
            f.page.activate(f.editor);
            f.editor.getSite().getService(IHandlerService.class).executeCommand("dev.rivet.ld.ui.format", null);
            assertEquals(formatted, f.document().get());
            f.screenshot("formatting");
        }
    }
}
