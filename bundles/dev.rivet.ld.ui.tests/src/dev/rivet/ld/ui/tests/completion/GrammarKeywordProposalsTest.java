package dev.rivet.ld.ui.tests.completion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivet.ld.ide.ParsedScript;
import dev.rivet.ld.ide.completion.Completions;
import dev.rivet.ld.ide.completion.Proposal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keyword proposals come from the grammar at the caret (Xtext's content-assist parser): the
 * keywords valid there are proposed and those invalid there are not; regions, sections and
 * symbols are proposed where they were before. A caret is written as {@code |} in the script.
 */
class GrammarKeywordProposalsTest {

    private static final String SCRIPT = """
            OUTPUT_ARCH(riscv)
            ENTRY(_start)
            @TOP
            MEMORY
            {
              KIMAGE (rx) : ORIGIN = 0x80000000, LENGTH = 2M
              RAM (rw)    : @ORIGIN
              @MEM
            }

            SECTIONS
            {
              .text : ALIGN(4K)
              {
                PROVIDE(_text_start = .);
                KEEP(*(.text.boot))
                *(.text .text.*)
                @OUTSEC
              } > @GT

              @BETWEEN

              .bss (NOLOAD) : ALIGN(8)
              {
                _bss_start = .;
                *(.bss .bss.*) *(COMMON)
                _bss_end = .;
              } > RAM

              PROVIDE(_heap_start = ALIGN(_bss_end, 4K));
              _ram_end = ORIGIN(@ORIGINARG) + LENGTH(RAM);
              _limit = @EXPR;
            }
            """;

    private static final String FILL = "ORIGIN = 0x80200000, LENGTH = 126M";

    /** The proposals at the caret {@code marker}, with the other markers removed (or filled in). */
    private static List<Proposal> at(String marker, String typed) {
        String text = SCRIPT;
        for (String m : List.of("@TOP", "@MEM", "@OUTSEC", "@GT", "@BETWEEN", "@ORIGINARG", "@EXPR", "@ORIGIN")) {
            String filler = switch (m) {
                case "@GT" -> "KIMAGE";
                case "@ORIGINARG" -> "RAM";
                case "@EXPR" -> "0";
                case "@ORIGIN" -> FILL;
                default -> "";
            };
            text = text.replace(m, m.equals(marker) ? "|" : filler);
        }
        int caret = text.indexOf('|');
        text = text.substring(0, caret) + typed + text.substring(caret + 1);
        return Completions.at(ParsedScript.parse("/tmp/completion.ld", text), caret + typed.length());
    }

    private static List<String> texts(List<Proposal> proposals, Proposal.Kind kind) {
        return proposals.stream().filter(p -> p.kind() == kind).map(Proposal::text).toList();
    }

    private static void assertKeywords(List<Proposal> proposals, List<String> expected, List<String> invalid) {
        List<String> keywords = texts(proposals, Proposal.Kind.KEYWORD);
        assertTrue(keywords.containsAll(expected), "expected " + expected + " in " + keywords);
        for (String k : invalid) {
            assertFalse(keywords.contains(k), k + " is invalid here: " + keywords);
        }
    }

    @Test
    void topLevelProposesCommandsButNoSectionContents() {
        List<Proposal> p = at("@TOP", "");
        assertKeywords(p, List.of("SECTIONS", "MEMORY", "ENTRY", "OUTPUT_ARCH", "INCLUDE", "PHDRS", "PROVIDE", "ASSERT"),
                List.of("KEEP", "SORT", "ORIGIN", "LENGTH", "BYTE", "FILL", "SIZEOF"));
        assertTrue(texts(p, Proposal.Kind.SYMBOL).contains("_bss_start"), "symbols as before");
    }

    @Test
    void insideMemoryProposesIncludeOnly() {
        assertKeywords(at("@MEM", ""), List.of("INCLUDE"),
                List.of("SECTIONS", "MEMORY", "KEEP", "ENTRY", "PROVIDE"));
    }

    @Test
    void afterTheColonOfARegionProposesOrigin() {
        List<Proposal> p = at("@ORIGIN", "");
        assertKeywords(p, List.of("ORIGIN"), List.of("LENGTH", "SECTIONS", "MEMORY", "KEEP"));
        assertEquals(List.of("ORIGIN"), texts(at("@ORIGIN", "OR"), Proposal.Kind.KEYWORD));
    }

    @Test
    void betweenOutputSectionsProposesSectionsStatementsButNotSections() {
        assertKeywords(at("@BETWEEN", ""), List.of("PROVIDE", "PROVIDE_HIDDEN", "ASSERT", "INCLUDE", "OVERLAY", "ENTRY"),
                List.of("SECTIONS", "MEMORY", "KEEP", "BYTE", "OUTPUT_ARCH"));
        assertEquals(List.of("OVERLAY"), texts(at("@BETWEEN", "OVE"), Proposal.Kind.KEYWORD));
    }

    @Test
    void insideAnOutputSectionProposesInputSectionsAndData() {
        assertKeywords(at("@OUTSEC", ""),
                List.of("KEEP", "SORT", "SORT_BY_NAME", "EXCLUDE_FILE", "PROVIDE", "BYTE", "LONG", "FILL", "CONSTRUCTORS",
                        "INPUT_SECTION_FLAGS"),
                List.of("SECTIONS", "MEMORY", "OUTPUT_ARCH", "ENTRY", "OVERLAY"));
        assertEquals(List.of("SORT", "SORT_BY_ALIGNMENT", "SORT_BY_INIT_PRIORITY", "SORT_BY_NAME", "SORT_NONE"),
                texts(at("@OUTSEC", "SO"), Proposal.Kind.KEYWORD));
    }

    @Test
    void afterGreaterThanProposesRegionsOnly() {
        List<Proposal> p = at("@GT", "");
        assertEquals(List.of("KIMAGE", "RAM"), texts(p, Proposal.Kind.REGION));
        assertEquals(List.of(), texts(p, Proposal.Kind.KEYWORD));
        assertEquals(List.of(), texts(p, Proposal.Kind.SYMBOL));
        assertEquals(List.of("RAM"), texts(at("@GT", "R"), Proposal.Kind.REGION));
    }

    @Test
    void insideOriginProposesRegions() {
        List<Proposal> p = at("@ORIGINARG", "");
        assertEquals(List.of("KIMAGE", "RAM"), texts(p, Proposal.Kind.REGION));
        assertKeywords(p, List.of(), List.of("SECTIONS", "KEEP", "ORIGIN"));
    }

    @Test
    void inAnExpressionProposesFunctionsAndSymbols() {
        List<Proposal> p = at("@EXPR", "");
        assertKeywords(p, List.of("ALIGN", "ADDR", "SIZEOF", "ORIGIN", "LENGTH", "DEFINED", "MAX", "SIZEOF_HEADERS"),
                List.of("SECTIONS", "MEMORY", "KEEP", "PROVIDE", "ENTRY", "BYTE"));
        assertTrue(texts(p, Proposal.Kind.SYMBOL).containsAll(List.of("_bss_start", "_bss_end", "_heap_start")),
                texts(p, Proposal.Kind.SYMBOL).toString());
        assertEquals(List.of("_bss_start", "_bss_end"), texts(at("@EXPR", "_b"), Proposal.Kind.SYMBOL));
    }

    @Test
    void truncatedAndBrokenScriptsNeverThrow() {
        String whole = SCRIPT.replace("@ORIGINARG", "RAM").replace("@", "");
        for (int cut = 0; cut <= whole.length(); cut++) {
            String text = whole.substring(0, cut);
            ParsedScript parsed = ParsedScript.parse("/tmp/truncated.ld", text);
            Completions.at(parsed, cut);
            Completions.at(parsed, cut / 2);
        }
        for (String broken : List.of("SECTIONS { .text : { KEEP( } > ", "MEMORY { RAM : ORIGIN = , ", "}}}{{ >", "\"", "/*")) {
            ParsedScript parsed = ParsedScript.parse("/tmp/broken.ld", broken);
            for (int i = 0; i <= broken.length(); i++) {
                Completions.at(parsed, i);
            }
        }
    }
}
