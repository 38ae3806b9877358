package dev.rivet.ld.ide.highlighting;

import dev.rivet.ld.ide.ParsedScript;
import dev.rivet.ld.linkerScript.Assignment;
import dev.rivet.ld.linkerScript.DefinedFunction;
import dev.rivet.ld.linkerScript.Entry;
import dev.rivet.ld.linkerScript.FilePattern;
import dev.rivet.ld.linkerScript.LinkerScriptPackage.Literals;
import dev.rivet.ld.linkerScript.OutputSection;
import dev.rivet.ld.linkerScript.Overlay;
import dev.rivet.ld.linkerScript.OverlaySection;
import dev.rivet.ld.linkerScript.Phdr;
import dev.rivet.ld.linkerScript.PhdrTypeName;
import dev.rivet.ld.linkerScript.Region;
import dev.rivet.ld.linkerScript.RegionFunction;
import dev.rivet.ld.linkerScript.SectionFunction;
import dev.rivet.ld.linkerScript.SectionPattern;
import dev.rivet.ld.linkerScript.SymbolReference;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.Keyword;
import org.eclipse.xtext.RuleCall;
import org.eclipse.xtext.TerminalRule;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;

/**
 * Computes the editor's colours from one parse: lexical ones (keywords, comments, numbers,
 * strings) from the node model's leaves, semantic ones (regions, sections, symbols defined vs
 * read, wildcards, program headers) from the model. Semantic ranges win where both apply. The
 * result is sorted by offset and has no overlaps.
 */
public final class HighlightingCalculator {

    private HighlightingCalculator() {
    }

    /** The ranges to colour in {@code parsed}. */
    public static List<HighlightedRange> compute(ParsedScript parsed) {
        TreeMap<Integer, HighlightedRange> byOffset = new TreeMap<>();
        ICompositeNode root = parsed.rootNode();
        if (root == null) {
            return List.of();
        }
        for (ILeafNode leaf : root.getLeafNodes()) {
            HighlightStyle style = lexicalStyle(leaf);
            if (style != null && leaf.getLength() > 0) {
                byOffset.put(leaf.getOffset(), new HighlightedRange(leaf.getOffset(), leaf.getLength(), style));
            }
        }
        List<HighlightedRange> semantic = new ArrayList<>();
        if (parsed.script() != null) {
            parsed.script().eAllContents().forEachRemaining(e -> semantic(e, semantic));
        }
        for (HighlightedRange r : semantic) {
            byOffset.subMap(r.offset(), r.offset() + r.length()).clear();
            byOffset.put(r.offset(), r);
        }
        List<HighlightedRange> result = new ArrayList<>(byOffset.values());
        result.sort(Comparator.comparingInt(HighlightedRange::offset));
        List<HighlightedRange> clean = new ArrayList<>();
        int end = 0;
        for (HighlightedRange r : result) {
            if (r.offset() >= end) {
                clean.add(r);
                end = r.offset() + r.length();
            }
        }
        return clean;
    }

    private static HighlightStyle lexicalStyle(ILeafNode leaf) {
        EObject g = leaf.getGrammarElement();
        if (g instanceof Keyword k) {
            String v = k.getValue();
            return v.length() > 1 && (Character.isLetter(v.charAt(0)) || v.equals("/DISCARD/")) ? HighlightStyle.KEYWORD : null;
        }
        TerminalRule terminal = g instanceof RuleCall rc && rc.getRule() instanceof TerminalRule t ? t
                : g instanceof TerminalRule t2 ? t2 : null;
        if (terminal == null) {
            return null;
        }
        return switch (terminal.getName()) {
            case "ML_COMMENT" -> HighlightStyle.COMMENT;
            case "NUMBER" -> HighlightStyle.NUMBER;
            case "STRING" -> HighlightStyle.STRING;
            default -> null;
        };
    }

    private static void semantic(EObject e, List<HighlightedRange> out) {
        if (e instanceof Region) {
            add(e, Literals.REGION__NAME, HighlightStyle.REGION, out);
        }
        if (e instanceof OutputSection) {
            add(e, Literals.OUTPUT_SECTION__NAME, HighlightStyle.SECTION, out);
            add(e, Literals.OUTPUT_SECTION__REGION, HighlightStyle.REGION, out);
            add(e, Literals.OUTPUT_SECTION__LMA_REGION, HighlightStyle.REGION, out);
            add(e, Literals.OUTPUT_SECTION__PHDRS, HighlightStyle.PHDR, out);
        }
        if (e instanceof OverlaySection) {
            add(e, Literals.OVERLAY_SECTION__NAME, HighlightStyle.SECTION, out);
            add(e, Literals.OVERLAY_SECTION__PHDRS, HighlightStyle.PHDR, out);
        }
        if (e instanceof Overlay) {
            add(e, Literals.OVERLAY__REGION, HighlightStyle.REGION, out);
            add(e, Literals.OVERLAY__LMA_REGION, HighlightStyle.REGION, out);
            add(e, Literals.OVERLAY__PHDRS, HighlightStyle.PHDR, out);
        }
        if (e instanceof Phdr) {
            add(e, Literals.PHDR__NAME, HighlightStyle.PHDR, out);
        }
        if (e instanceof PhdrTypeName) {
            add(e, Literals.PHDR_TYPE_NAME__NAME, HighlightStyle.KEYWORD, out); // ld's name for a number, not a symbol
        }
        if (e instanceof RegionFunction) {
            add(e, Literals.REGION_FUNCTION__REGION, HighlightStyle.REGION, out);
        }
        if (e instanceof SectionFunction) {
            add(e, Literals.SECTION_FUNCTION__SECTION, HighlightStyle.SECTION, out);
        }
        if (e instanceof Assignment) {
            add(e, Literals.ASSIGNMENT__SYMBOL, HighlightStyle.SYMBOL_DEFINITION, out);
        }
        if (e instanceof SymbolReference) {
            add(e, Literals.SYMBOL_REFERENCE__SYMBOL, HighlightStyle.SYMBOL, out);
        }
        if (e instanceof DefinedFunction) {
            add(e, Literals.DEFINED_FUNCTION__SYMBOL, HighlightStyle.SYMBOL, out);
        }
        if (e instanceof Entry) {
            add(e, Literals.ENTRY__SYMBOL, HighlightStyle.SYMBOL, out);
        }
        if (e instanceof FilePattern) {
            add(e, Literals.FILE_PATTERN__PATTERN, HighlightStyle.PATTERN, out);
            add(e, Literals.FILE_PATTERN__EXCLUDED, HighlightStyle.PATTERN, out);
        }
        if (e instanceof SectionPattern) {
            add(e, Literals.SECTION_PATTERN__PATTERN, HighlightStyle.PATTERN, out);
            add(e, Literals.SECTION_PATTERN__EXCLUDED, HighlightStyle.PATTERN, out);
        }
    }

    private static void add(EObject e, EStructuralFeature feature, HighlightStyle style, List<HighlightedRange> out) {
        for (INode node : NodeModelUtils.findNodesForFeature(e, feature)) {
            if (node.getLength() > 0) {
                out.add(new HighlightedRange(node.getOffset(), node.getLength(), style));
            }
        }
    }
}
