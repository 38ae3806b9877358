package dev.rivet.ld.tests.formatting;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rivet.ld.formatting.LinkerScriptFormatter;
import org.junit.jupiter.api.Test;

/** The layout rules of {@link LinkerScriptFormatter}, one small script each. */
class FormattingRulesTest {

    private static void assertFormats(String expected, String input) {
        assertEquals(expected, LinkerScriptFormatter.format(input));
        assertEquals(expected, LinkerScriptFormatter.format(expected), "idempotent");
    }

    @Test
    void spacesAroundBracesRegionsAndSectionColon() {
        assertFormats("SECTIONS {\n  .text : { *(.text) }\n}\n", "SECTIONS{\n.text :{*( .text )}\n}");
        assertFormats("SECTIONS {\n  .data : { *(.data) } > ram AT > rom :data = 0\n}\n",
                "SECTIONS {\n  .data   :  {*(.data)}   >ram AT>rom   :data  = 0\n}\n");
    }

    @Test
    void spacesAroundAssignmentsAndBinaryOperatorsInExpressions() {
        assertFormats("SECTIONS {\n  . = ALIGN(8);\n  _end = . + 0x100;\n  x = (a + b) * 2;\n}\n",
                "SECTIONS {\n  .  = ALIGN( 8 ) ;\n  _end = .+0x100;\n  x = ( a+b )*2;\n}\n");
        assertFormats("MEMORY {\n  ram (rwx) : ORIGIN = 0x80000000, LENGTH = 128M\n}\n",
                "MEMORY {\n  ram (rwx):  ORIGIN = 0x80000000 ,LENGTH = 128M\n}\n");
        assertFormats("SECTIONS {\n  PROVIDE(_x = -1);\n  y = ~0x7 & .;\n}\n",
                "SECTIONS {\n  PROVIDE (_x = - 1);\n  y = ~ 0x7&.;\n}\n");
    }

    @Test
    void neverChangesWhereLdWouldLexDifferently() {
        // ".=ALIGN" is one name to ld inside an output section, "x=1" at the start of a statement;
        // wildcards, EXCLUDE_FILE lists, /DISCARD/ and names with '-' keep their spelling.
        String script = "SECTIONS {\n  .text : { .=ALIGN(8); *(.text .text.*) KEEP(*(EXCLUDE_FILE(*crtend.o) .ctors)) }\n"
                + "  x=1;\n  /DISCARD/ : { *(.note.GNU-stack) }\n}\n";
        assertFormats(script, script);
    }

    @Test
    void aMinusAfterAnAssignmentIsASubtractionToLd() {
        // ld lexes an assignment's value in EXPRESSION state, where '-' is not part of a name
        assertFormats("SECTIONS {\n  b = a - 1;\n}\n", "SECTIONS {\n  b = a-1;\n}\n");
    }

    @Test
    void keepsCommentsLinesAndTrailingCommentSpacing() {
        assertFormats("SECTIONS {\n  /* stack\n       grows down */\n  _stack = .;      /* top */\n\n  . = 1;\n}\n",
                "SECTIONS {\n    /* stack\n       grows down */\n_stack = .;      /* top */   \n\n\n\n  . = 1;\n}");
    }

    @Test
    void aScriptWithSyntaxErrorsIsOnlyReindented() {
        assertFormats("SECTIONS {\n  .text : { *( .text ) } >\n}\n", "SECTIONS {\n.text : { *( .text ) } >\n}");
    }
}
