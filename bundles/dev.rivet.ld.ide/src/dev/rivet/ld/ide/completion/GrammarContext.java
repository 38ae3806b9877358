package dev.rivet.ld.ide.completion;

import com.google.inject.Injector;
import dev.rivet.ld.ide.LinkerScriptIdeSetup;
import dev.rivet.ld.ide.ParsedScript;
import java.util.Collections;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.AbstractElement;
import org.eclipse.xtext.Assignment;
import org.eclipse.xtext.CrossReference;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.GrammarUtil;
import org.eclipse.xtext.Keyword;
import org.eclipse.xtext.ParserRule;
import org.eclipse.xtext.RuleCall;
import org.eclipse.xtext.ide.editor.contentassist.ContentAssistContext;
import org.eclipse.xtext.ide.editor.contentassist.antlr.ContentAssistContextFactory;
import org.eclipse.xtext.util.TextRegion;

/**
 * What the grammar expects at a caret, as Xtext's own content assist computes it: the generated
 * content-assist parser (through {@link ContentAssistContextFactory}) gives the contexts at the
 * offset, and their first-set grammar elements are the keywords that may come next and whether a
 * reference to a memory region may. The keywords of a datatype rule expected there (SortKind,
 * OriginKeyword) count as expected too.
 *
 * @param keywords the upper-case keywords that the grammar accepts at the caret, sorted
 * @param regionExpected whether a cross-reference to a {@code Region} is accepted at the caret
 */
record GrammarContext(Set<String> keywords, boolean regionExpected) {

    /**
     * The grammar's expectations at {@code offset} of {@code parsed} (the caret, after any typed
     * prefix). Throws whatever the content-assist parser throws; an empty result (no context at
     * all) is returned as {@code null}, so the caller can fall back.
     */
    static GrammarContext at(ParsedScript parsed, int offset) {
        Injector ide = LinkerScriptIdeSetup.injector();
        ContentAssistContextFactory factory = ide.getInstance(ContentAssistContextFactory.class);
        // The factory parses on a pool thread (with a time limit); its pool is not injected.
        factory.setPool(ide.getInstance(ExecutorService.class));
        ContentAssistContext[] contexts = factory.create(parsed.text(), new TextRegion(offset, 0), offset, parsed.resource());
        if (contexts == null || contexts.length == 0) {
            return null;
        }
        SortedSet<String> keywords = new TreeSet<>();
        boolean region = false;
        for (ContentAssistContext context : contexts) {
            for (AbstractElement element : context.getFirstSetGrammarElements()) {
                if (element instanceof Keyword k && Completions.isWordKeyword(k.getValue())) {
                    keywords.add(k.getValue());
                }
                EObject terminal = element instanceof Assignment a ? a.getTerminal() : element;
                // A datatype rule made of keywords (SortKind, OriginKeyword) comes as its call.
                if (terminal instanceof RuleCall call && call.getRule() instanceof ParserRule rule
                        && GrammarUtil.isDatatypeRule(rule)) {
                    for (Keyword k : EcoreUtil2.getAllContentsOfType(rule, Keyword.class)) {
                        if (Completions.isWordKeyword(k.getValue())) {
                            keywords.add(k.getValue());
                        }
                    }
                }
                if (terminal instanceof CrossReference ref && ref.getType() != null
                        && ref.getType().getClassifier() != null
                        && "Region".equals(ref.getType().getClassifier().getName())) {
                    region = true;
                }
            }
        }
        return new GrammarContext(Collections.unmodifiableSortedSet(keywords), region);
    }
}
