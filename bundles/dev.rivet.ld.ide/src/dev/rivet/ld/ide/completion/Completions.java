package dev.rivet.ld.ide.completion;

import dev.rivet.ld.LinkerScriptLanguage;
import dev.rivet.ld.ide.ParsedScript;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.eclipse.xtext.GrammarUtil;
import org.eclipse.xtext.IGrammarAccess;

/**
 * Content assist for linker scripts. The keywords proposed are those the grammar accepts at the
 * caret ({@link GrammarContext}: Xtext's content-assist parser), so {@code KEEP} only inside an
 * output section and {@code SECTIONS} only at the top level; where it accepts a reference to a
 * memory region (after {@code >}, {@code AT>}, in {@code ORIGIN(}, {@code LENGTH(},
 * {@code REGION_ALIAS(name, }) the script's memory regions; inside {@code ADDR( LOADADDR( SIZEOF(
 * ALIGNOF(} its output sections; elsewhere also the symbols the script assigns. Proposals start
 * with what is typed before the caret: regions, then keywords, then symbols.
 *
 * <p>If the content-assist parser fails, or finds no context at all, the proposals are the
 * grammar-blind ones: regions where {@link #REGION_CONTEXT} matches, otherwise every keyword of the
 * grammar and the symbols. Never throws on bad input.
 */
public final class Completions {

    private static final System.Logger LOG = System.getLogger(Completions.class.getName());
    private static final Pattern REGION_CONTEXT = Pattern.compile(
            "(?s).*(?:(?<![>=<])>\\s*|\\b(?:ORIGIN|LENGTH)\\s*\\(\\s*|\\bREGION_ALIAS\\s*\\([^,()]*,\\s*)$");
    private static final Pattern SECTION_CONTEXT = Pattern.compile("(?s).*\\b(?:ADDR|LOADADDR|SIZEOF|ALIGNOF)\\s*\\(\\s*$");
    private static final Pattern KEYWORD = Pattern.compile("[A-Z_][A-Z0-9_]+");
    private static volatile Set<String> keywords;

    private Completions() {
    }

    /** The proposals at {@code offset} of {@code parsed}. */
    public static List<Proposal> at(ParsedScript parsed, int offset) {
        String text = parsed.text();
        int start = offset;
        while (start > 0 && isNameChar(text.charAt(start - 1))) {
            start--;
        }
        String prefix = text.substring(start, offset);
        String before = text.substring(Math.max(0, start - 200), start);
        List<Proposal> result = new ArrayList<>();
        if (SECTION_CONTEXT.matcher(before).matches()) {
            parsed.index().sections().keySet().stream().filter(n -> n.startsWith(prefix))
                    .forEach(n -> result.add(new Proposal(n, Proposal.Kind.SECTION, "output section", prefix.length())));
            return result;
        }
        GrammarContext grammar = grammarAt(parsed, offset);
        boolean regions = grammar != null ? grammar.regionExpected() : REGION_CONTEXT.matcher(before).matches();
        Set<String> valid = grammar != null ? grammar.keywords() : regions ? Set.of() : keywords();
        if (regions) {
            parsed.index().regions().keySet().stream().filter(n -> n.startsWith(prefix))
                    .forEach(n -> result.add(new Proposal(n, Proposal.Kind.REGION, "memory region", prefix.length())));
        }
        for (String k : valid) {
            if (k.startsWith(prefix) && !k.equals(prefix)) {
                result.add(new Proposal(k, Proposal.Kind.KEYWORD, "ld keyword", prefix.length()));
            }
        }
        if (!regions) {
            parsed.index().symbols().keySet().stream().filter(n -> n.startsWith(prefix) && !n.equals(prefix))
                    .forEach(n -> result.add(new Proposal(n, Proposal.Kind.SYMBOL, "symbol assigned in this script", prefix.length())));
        }
        return result;
    }

    /** The grammar's expectations at {@code offset}, or null when the content-assist parser fails. */
    private static GrammarContext grammarAt(ParsedScript parsed, int offset) {
        try {
            return GrammarContext.at(parsed, offset);
        } catch (RuntimeException | StackOverflowError e) {
            LOG.log(Level.DEBUG, "content-assist parser failed at offset " + offset + " of " + parsed.location(), e);
            return null;
        }
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '$';
    }

    /** Whether {@code keyword} is one of ld's words (upper case), not punctuation. */
    static boolean isWordKeyword(String keyword) {
        return KEYWORD.matcher(keyword).matches();
    }

    /** ld's keywords as the grammar declares them (upper-case words), sorted. */
    public static Set<String> keywords() {
        Set<String> k = keywords;
        if (k == null) {
            Set<String> all = new TreeSet<>();
            for (String w : GrammarUtil.getAllKeywords(
                    LinkerScriptLanguage.injector().getInstance(IGrammarAccess.class).getGrammar())) {
                if (isWordKeyword(w)) {
                    all.add(w);
                }
            }
            k = Collections.unmodifiableSortedSet(new TreeSet<>(all));
            keywords = k;
        }
        return k;
    }
}
