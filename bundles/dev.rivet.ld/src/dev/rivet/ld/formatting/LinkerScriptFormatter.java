package dev.rivet.ld.formatting;

import dev.rivet.ld.LinkerScriptLanguage;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.AbstractRule;
import org.eclipse.xtext.Assignment;
import org.eclipse.xtext.GrammarUtil;
import org.eclipse.xtext.Keyword;
import org.eclipse.xtext.TerminalRule;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.parser.IParseResult;
import org.eclipse.xtext.parser.IParser;

/**
 * Formats a GNU ld linker script by rewriting only the whitespace <em>between</em> the tokens of
 * Rivet's parse of it (the leaves of the Xtext node model); the tokens, strings and comments are
 * copied unchanged, so the result differs from the input in whitespace outside comments only.
 *
 * <h2>Rules</h2>
 * <ul>
 * <li>Lines: a line break between two tokens stays a line break, and tokens on one line stay on
 * one line (nothing is joined or split). Runs of blank lines shrink to one; there are none at the
 * start, and the text ends with one newline. Trailing spaces go.</li>
 * <li>Indentation: two spaces per open brace; a line that starts with '}' closes its level first;
 * a line that continues inside an open parenthesis gets one more level. A comment that starts a
 * line is indented like a token there; the lines inside a comment keep their text.</li>
 * <li>Within a line, as in the GNU ld manual's examples: one space around assignment operators
 * ({@code = += -= *= /= <<= >>= &= |=}, also {@code PROVIDE(x = y)}, {@code ORIGIN = },
 * {@code TYPE = }, <code>&#125; = fill</code>), around binary operators, {@code ?} and {@code :} of
 * expressions and {@code &} of INPUT_SECTION_FLAGS; none after a unary operator; none after '('
 * or before ')'; none before ',' or ';', one after them; none between a keyword or file pattern
 * and its '(' ({@code ALIGN(8)}, {@code KEEP(*(.init))}); one space before '{', after '{' and
 * before '}'; <code>.text : &#123;</code>, {@code ram (rwx) : ORIGIN},
 * <code>&#125; &gt; ram AT &gt; rom :text</code>. Any
 * other run of spaces or tabs between two tokens becomes one space.</li>
 * <li>The space next to a comment on the same line is kept as it is.</li>
 * </ul>
 *
 * <h2>Why the result means the same to ld</h2>
 * ld's lexer has states (binutils {@code ldlex.l}: SCRIPT, WILD inside output sections,
 * INPUTLIST, EXPRESSION) with different name characters: {@code a-b}, {@code .=ALIGN},
 * {@code *crtend.o}, {@code .text:} are single names in some of them. Changing the amount of
 * whitespace between two tokens never matters; <em>adding</em> whitespace where there was none, or
 * <em>removing</em> all of it, is done only where ld's tokens are known to end there anyway:
 * <ul>
 * <li>next to {@code ( ) { } ;} or a string's quote, which no state puts into a name, a number
 * or a longer operator; or</li>
 * <li>between two tokens that ld certainly lexes in EXPRESSION state (inside an expression, after
 * its first token; an assignment's value and the token after it), where names are made of
 * {@code [_a-zA-Z0-9/.\\$~]} only, and the two characters do not form an operator
 * ({@code << >= &&}, a comment's start ...) or a name ({@code a/b}, {@code a~b}); and the token before the gap
 * certainly starts an ld token; or</li>
 * <li>between two characters one of which is in no name of any state ({@code < > & | %}) and which
 * form no operator together.</li>
 * </ul>
 * Elsewhere touching tokens stay touching and separated tokens stay separated: {@code .=ALIGN(8);}
 * (one name to ld inside an output section), {@code a-1} at the start of an expression,
 * {@code *(.text .text.*)}, {@code EXCLUDE_FILE(*crtend.o)}, {@code /DISCARD/},
 * {@code .note.GNU-stack} keep their spelling. A script with syntax errors is only re-indented line
 * by line ({@link #reindentLines}), as before. Formatting formatted text changes nothing.
 */
public final class LinkerScriptFormatter {

    private static final String INDENT = "  ";

    /** Characters that no ld lexer state puts into a name, a number or a multi-character operator. */
    private static final String HARD = "(){};\"";

    /** Characters that some ld lexer state (WILD, SCRIPT, INPUTLIST) accepts in a name. */
    private static final String ANY_NAME_CHAR = "_/.\\$~-+:[],=?*^!";

    /** Characters of a name in ld's EXPRESSION state, besides letters and digits (SYMBOLNAMECHAR). */
    private static final String EXPRESSION_NAME_CHAR = "_/.\\$~";

    /** Two characters that begin a longer ld token (an operator or a comment) when they touch. */
    private static final Set<String> OPERATOR_PAIRS = Set.of("<<", ">>", "<=", ">=", "==", "!=", "||", "&&",
            "+=", "-=", "*=", "/=", "&=", "|=", "/*", "*/");

    private static final Set<String> ASSIGNMENT_OPERATORS = Set.of("=", "+=", "-=", "*=", "/=", "<<=", ">>=", "&=", "|=");

    /** Rules whose parts must touch ({@code hidden()} datatype rules of the grammar). */
    private static final Set<String> GLUED_RULES = Set.of("SectionName", "Wildcard", "FileName", "MemoryAttributes");

    private static final Set<String> BINARY_RULES = Set.of("LogicalOr", "LogicalAnd", "BitOr", "BitAnd", "Equality",
            "Relational", "Shift", "Additive", "Multiplicative");

    /** Rules where '=' assigns (a symbol, a region's origin or length, a type, a fill). */
    private static final Set<String> EQUALS_RULES = Set.of("ProvideAssignment", "MemoryRegion", "OutputSection",
            "Overlay", "OverlaySection", "OutputSectionType");

    private LinkerScriptFormatter() {
    }

    /** {@code text} formatted (see the class comment); never throws on bad input. */
    public static String format(String text) {
        IParseResult parse = LinkerScriptLanguage.injector().getInstance(IParser.class).parse(new StringReader(text));
        if (parse == null || parse.getRootNode() == null || parse.hasSyntaxErrors()
                || !text.equals(parse.getRootNode().getText())) {
            return reindentLines(text);
        }
        List<Item> items = new ArrayList<>();
        StringBuilder gap = new StringBuilder();
        for (ILeafNode leaf : parse.getRootNode().getLeafNodes()) {
            String leafText = leaf.getText();
            if (leafText.isEmpty()) {
                continue;
            }
            boolean comment = leaf.isHidden() && isComment(leaf);
            if (leaf.isHidden() && !comment) {
                gap.append(leafText);
            } else {
                items.add(new Item(leaf, gap.toString(), comment));
                gap.setLength(0);
            }
        }
        if (items.isEmpty()) {
            return "";
        }
        markLexerStarts(items);
        return layout(items);
    }

    /** One token or comment with the whitespace before it. */
    private static final class Item {
        final ILeafNode leaf;
        final String text;
        final String gapBefore;
        final boolean comment;
        final String rule;
        final EObject grammarElement;
        final boolean inExpression;
        /** ld starts a token at this item's first character (whatever its lexer state). */
        boolean startsLdToken;

        Item(ILeafNode leaf, String gapBefore, boolean comment) {
            this.leaf = leaf;
            this.text = leaf.getText();
            this.gapBefore = gapBefore;
            this.comment = comment;
            this.grammarElement = leaf.getGrammarElement();
            AbstractRule r = comment ? null : GrammarUtil.containingRule(grammarElement);
            this.rule = r == null ? "" : r.getName();
            this.inExpression = !comment && semanticIsExpression(leaf);
        }

        boolean is(String s) {
            return !comment && text.equals(s);
        }

        boolean keyword() {
            return grammarElement instanceof Keyword;
        }

        char first() {
            return text.charAt(0);
        }

        char last() {
            return text.charAt(text.length() - 1);
        }

        String feature() {
            Assignment a = comment ? null : GrammarUtil.containingAssignment(grammarElement);
            return a == null ? "" : a.getFeature();
        }
    }

    private static boolean isComment(ILeafNode leaf) {
        return leaf.getGrammarElement() instanceof TerminalRule t && "ML_COMMENT".equals(t.getName());
    }

    private static boolean semanticIsExpression(ILeafNode leaf) {
        EObject semantic = org.eclipse.xtext.nodemodel.util.NodeModelUtils.findActualSemanticObjectFor(leaf);
        return semantic instanceof dev.rivet.ld.linkerScript.Expression;
    }

    // ------------------------------------------------------------------ what ld's lexer sees

    /** Sets {@link Item#startsLdToken} left to right, from the original text. */
    private static void markLexerStarts(List<Item> items) {
        for (int i = 0; i < items.size(); i++) {
            Item b = items.get(i);
            if (i == 0 || !b.gapBefore.isEmpty() || b.comment || HARD.indexOf(b.first()) >= 0) {
                b.startsLdToken = true;
            } else {
                Item a = items.get(i - 1);
                b.startsLdToken = !a.comment && ldTokenEndsBetween(items, i - 1, i);
            }
        }
    }

    /**
     * Whether ld's token that contains the end of item {@code ai} ends there, however much
     * whitespace (none included) follows before item {@code bi}.
     */
    private static boolean ldTokenEndsBetween(List<Item> items, int ai, int bi) {
        Item a = items.get(ai);
        Item b = items.get(bi);
        if (a.comment || b.comment) {
            return false;
        }
        char x = a.last();
        char y = b.first();
        if (HARD.indexOf(x) >= 0 || HARD.indexOf(y) >= 0) {
            return true;
        }
        if (OPERATOR_PAIRS.contains("" + x + y)) {
            return false;
        }
        if (a.startsLdToken && inExpressionState(items, ai)) {
            if (isWordStart(a.first())) {
                return !isExpressionNameChar(y);
            }
            return x != '/'; // "/DISCARD/" is a name in EXPRESSION state
        }
        return !(isAnyNameChar(x) && isAnyNameChar(y));
    }

    /** Whether ld lexes item {@code i} in EXPRESSION state. */
    private static boolean inExpressionState(List<Item> items, int i) {
        Item item = items.get(i);
        Item before = i > 0 ? items.get(i - 1) : null;
        if (!item.inExpression) {
            // the token after an assignment's value is ld's look-ahead, read before the state pops
            return !item.comment && before != null && before.inExpression && valueOfAssignment(items, i - 1);
        }
        if (before != null && before.inExpression) {
            return true; // ld switched state before the expression's second token at the latest
        }
        // The first token of an expression may be ld's look-ahead, lexed in the state before;
        // after an assignment operator it is not (ldgram.y: mustbe_exp switches first).
        return before != null && !before.comment && assigns(before);
    }

    /** Whether the expression that item {@code last} ends follows an assignment operator. */
    private static boolean valueOfAssignment(List<Item> items, int last) {
        int j = last;
        while (j > 0 && items.get(j - 1).inExpression) {
            j--;
        }
        return j > 0 && assigns(items.get(j - 1));
    }

    private static boolean isWordStart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '$' || c == '\\';
    }

    private static boolean isExpressionNameChar(char c) {
        return isAsciiLetterOrDigit(c) || EXPRESSION_NAME_CHAR.indexOf(c) >= 0;
    }

    private static boolean isAnyNameChar(char c) {
        return isAsciiLetterOrDigit(c) || ANY_NAME_CHAR.indexOf(c) >= 0 || c > 127;
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return c < 128 && Character.isLetterOrDigit(c) || c > 127;
    }

    // ------------------------------------------------------------------ layout

    private enum Space { NONE, ONE, AS_IS }

    private static String layout(List<Item> items) {
        StringBuilder out = new StringBuilder();
        int braces = 0;
        int parens = 0;
        for (int i = 0; i < items.size(); i++) {
            Item b = items.get(i);
            String gap = b.gapBefore;
            if (i == 0) {
                // nothing before the first token
            } else if (gap.indexOf('\n') >= 0) {
                long newlines = gap.chars().filter(c -> c == '\n').count();
                out.append(newlines > 1 ? "\n\n" : "\n");
                int level = braces - (b.is("}") ? 1 : 0);
                int open = parens - (b.is(")") ? 1 : 0);
                out.append(INDENT.repeat(Math.max(0, level) + (open > 0 ? 1 : 0)));
            } else {
                Item a = items.get(i - 1);
                out.append(sameLineGap(items, i - 1, i, a, b, gap));
            }
            out.append(b.text);
            if (!b.comment && b.keyword()) {
                switch (b.text) {
                    case "{" -> braces++;
                    case "}" -> braces = Math.max(0, braces - 1);
                    case "(" -> parens++;
                    case ")" -> parens = Math.max(0, parens - 1);
                    default -> { }
                }
            }
        }
        return out.append('\n').toString();
    }

    private static String sameLineGap(List<Item> items, int ai, int bi, Item a, Item b, String gap) {
        if (a.comment || b.comment) {
            return gap;
        }
        if (gap.isEmpty() && a.leaf.getParent() == b.leaf.getParent() && GLUED_RULES.contains(a.rule)) {
            return gap;
        }
        Space wanted = wanted(items, ai, bi, a, b);
        if (wanted == Space.AS_IS) {
            return gap.isEmpty() ? "" : " ";
        }
        if ((wanted == Space.NONE) == gap.isEmpty()) {
            return gap.isEmpty() ? "" : " ";
        }
        // adding or removing all whitespace: only where ld's tokens end here anyway
        if (!ldTokenEndsBetween(items, ai, bi)) {
            return gap.isEmpty() ? "" : " ";
        }
        return wanted == Space.NONE ? "" : " ";
    }

    /** The space the rules want between a and b on one line. */
    private static Space wanted(List<Item> items, int ai, int bi, Item a, Item b) {
        if (b.is(";") || b.is(",") || b.is(")") || a.is("(")) {
            return Space.NONE;
        }
        if (a.is(",") || a.is(";")) {
            return Space.ONE;
        }
        if (a.is("{") && b.is("}")) {
            return Space.AS_IS;
        }
        if (b.is("{") || a.is("{") || b.is("}") || a.is("}")) {
            return Space.ONE;
        }
        if (spacedOperator(items, ai) || spacedOperator(items, bi)) {
            if (a.is(":") && isPhdrColon(items, ai)) {
                return Space.NONE;
            }
            return Space.ONE;
        }
        if (unary(a)) {
            return Space.NONE;
        }
        if (b.is("(")) {
            if ("OutputSection".equals(b.rule) || "MemoryRegion".equals(b.rule)) {
                return Space.ONE; // .bss (NOLOAD) : ... and ram (rwx) : ...
            }
            if (a.keyword() || "Wildcard".equals(a.rule)) {
                return Space.NONE; // ALIGN(8), KEEP(, *(.text)
            }
        }
        return Space.AS_IS;
    }

    /** An operator with one space on each side. */
    private static boolean spacedOperator(List<Item> items, int i) {
        Item t = items.get(i);
        if (t.comment || !t.keyword()) {
            return false;
        }
        if ("AssignmentOperator".equals(t.rule)) {
            return true;
        }
        if (t.is("=") && EQUALS_RULES.contains(t.rule)) {
            return true;
        }
        if (BINARY_RULES.contains(t.rule)) {
            return true;
        }
        if ("Conditional".equals(t.rule) && (t.is("?") || t.is(":"))) {
            return true;
        }
        if ("InputSectionSpec".equals(t.rule) && t.is("&")) {
            return true;
        }
        if (t.is(">") && ("OutputSection".equals(t.rule) || "Overlay".equals(t.rule))) {
            return true; // } > ram, AT > rom
        }
        return t.is(":") && Set.of("OutputSection", "Overlay", "OverlaySection", "MemoryRegion").contains(t.rule);
    }

    /** The ':' before a program header name ({@code } :text}). */
    private static boolean isPhdrColon(List<Item> items, int i) {
        return i + 1 < items.size() && "phdrs".equals(items.get(i + 1).feature());
    }

    private static boolean unary(Item t) {
        return !t.comment && t.keyword() && "Unary".equals(t.rule);
    }

    private static boolean assigns(Item t) {
        return t.keyword() && ("AssignmentOperator".equals(t.rule) || t.is("=") && EQUALS_RULES.contains(t.rule));
    }

    // ------------------------------------------------------------------ fallback

    /**
     * The layout of a script that does not parse: each line is re-indented by its brace depth
     * (two spaces per level; a line that starts with '}' closes its level first), lines inside a
     * comment keep their own shape aligned to the comment's start, trailing spaces go, runs of
     * blank lines shrink to one, and the text ends with one newline. Braces inside comments and
     * strings do not count.
     */
    static String reindentLines(String text) {
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        List<String> out = new ArrayList<>();
        int depth = 0;
        boolean inComment = false;
        int commentIndent = 0;
        for (String raw : lines) {
            String trimmed = raw.strip();
            if (inComment) {
                String body = trimmed.startsWith("*") ? " " + trimmed : INDENT + trimmed;
                out.add(trimmed.isEmpty() ? "" : " ".repeat(commentIndent) + body);
            } else if (trimmed.isEmpty()) {
                if (!out.isEmpty() && !out.get(out.size() - 1).isEmpty()) {
                    out.add("");
                }
                continue;
            } else {
                int level = trimmed.startsWith("}") ? Math.max(0, depth - 1) : depth;
                out.add(INDENT.repeat(level) + trimmed);
            }
            int[] state = scan(inComment ? "/*" + trimmed : trimmed, depth);
            depth = Math.max(0, state[0]);
            boolean nowInComment = state[1] == 1;
            if (!inComment && nowInComment) {
                commentIndent = leadingSpaces(out.get(out.size() - 1));
            }
            inComment = nowInComment;
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return String.join("\n", out) + "\n";
    }

    /** Returns {new depth, 1 if the line ends inside a comment}. */
    private static int[] scan(String line, int depth) {
        boolean comment = false;
        boolean string = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (comment) {
                if (c == '*' && i + 1 < line.length() && line.charAt(i + 1) == '/') {
                    comment = false;
                    i++;
                }
            } else if (string) {
                string = c != '"';
            } else if (c == '/' && i + 1 < line.length() && line.charAt(i + 1) == '*') {
                comment = true;
                i++;
            } else if (c == '"') {
                string = true;
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            }
        }
        return new int[] {depth, comment ? 1 : 0};
    }

    private static int leadingSpaces(String s) {
        int n = 0;
        while (n < s.length() && s.charAt(n) == ' ') {
            n++;
        }
        return n;
    }
}
