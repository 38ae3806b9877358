package dev.rivet.ld.ide.completion;

import dev.rivet.ld.LinkerScriptLanguage;
import dev.rivet.ld.ide.ParsedScript;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.eclipse.xtext.GrammarUtil;
import org.eclipse.xtext.IGrammarAccess;

/**
 * Content assist for linker scripts. After {@code >}, {@code AT>}, {@code ORIGIN(},
 * {@code LENGTH(} or in {@code REGION_ALIAS(name, } it proposes the script's memory regions; inside
 * {@code ADDR( LOADADDR( SIZEOF( ALIGNOF(} its output sections; elsewhere ld's keywords and the
 * symbols the script assigns. Proposals start with what is typed before the caret.
 */
public final class Completions {

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
        if (REGION_CONTEXT.matcher(before).matches()) {
            parsed.index().regions().keySet().stream().filter(n -> n.startsWith(prefix))
                    .forEach(n -> result.add(new Proposal(n, Proposal.Kind.REGION, "memory region", prefix.length())));
            return result;
        }
        if (SECTION_CONTEXT.matcher(before).matches()) {
            parsed.index().sections().keySet().stream().filter(n -> n.startsWith(prefix))
                    .forEach(n -> result.add(new Proposal(n, Proposal.Kind.SECTION, "output section", prefix.length())));
            return result;
        }
        for (String k : keywords()) {
            if (k.startsWith(prefix) && !k.equals(prefix)) {
                result.add(new Proposal(k, Proposal.Kind.KEYWORD, "ld keyword", prefix.length()));
            }
        }
        parsed.index().symbols().keySet().stream().filter(n -> n.startsWith(prefix) && !n.equals(prefix))
                .forEach(n -> result.add(new Proposal(n, Proposal.Kind.SYMBOL, "symbol assigned in this script", prefix.length())));
        return result;
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '$';
    }

    /** ld's keywords as the grammar declares them (upper-case words), sorted. */
    public static Set<String> keywords() {
        Set<String> k = keywords;
        if (k == null) {
            Set<String> all = new TreeSet<>();
            for (String w : GrammarUtil.getAllKeywords(
                    LinkerScriptLanguage.injector().getInstance(IGrammarAccess.class).getGrammar())) {
                if (KEYWORD.matcher(w).matches()) {
                    all.add(w);
                }
            }
            k = Set.copyOf(all);
            keywords = new TreeSet<>(k);
            k = keywords;
        }
        return k;
    }
}
