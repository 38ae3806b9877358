package dev.rivet.ld.ide.outline;

import dev.rivet.ld.ide.ParsedScript;
import dev.rivet.ld.linkerScript.Assignment;
import dev.rivet.ld.linkerScript.Command;
import dev.rivet.ld.linkerScript.Include;
import dev.rivet.ld.linkerScript.Memory;
import dev.rivet.ld.linkerScript.MemoryRegion;
import dev.rivet.ld.linkerScript.MemoryStatement;
import dev.rivet.ld.linkerScript.OutputSection;
import dev.rivet.ld.linkerScript.OutputSectionStatement;
import dev.rivet.ld.linkerScript.Overlay;
import dev.rivet.ld.linkerScript.OverlaySection;
import dev.rivet.ld.linkerScript.Phdr;
import dev.rivet.ld.linkerScript.Phdrs;
import dev.rivet.ld.linkerScript.LinkerScriptPackage;
import dev.rivet.ld.linkerScript.RegionAlias;
import dev.rivet.ld.linkerScript.Sections;
import dev.rivet.ld.linkerScript.SectionsStatement;
import dev.rivet.ld.linkerScript.StatementAssignment;
import dev.rivet.ld.model.ConstantEvaluator;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;

/**
 * Builds the outline of a parsed script: top-level commands; MEMORY with its regions (origin and
 * length when constant); SECTIONS with output sections (their region) and the symbols assigned in
 * and between them; PHDRS with program headers; INCLUDEs.
 */
public final class OutlineBuilder {

    private OutlineBuilder() {
    }

    /** The top-level entries of {@code parsed}'s outline (empty if nothing parsed). */
    public static List<OutlineNode> build(ParsedScript parsed) {
        List<OutlineNode> result = new ArrayList<>();
        if (parsed.script() == null) {
            return result;
        }
        ConstantEvaluator evaluator = new ConstantEvaluator();
        for (Command c : parsed.script().getCommands()) {
            if (c instanceof Memory m) {
                List<OutlineNode> regions = new ArrayList<>();
                for (MemoryStatement s : m.getStatements()) {
                    if (s instanceof MemoryRegion r) {
                        regions.add(node(regionLabel(r, evaluator), OutlineNode.Kind.REGION, r, List.of()));
                    } else if (s instanceof Include i) {
                        regions.add(node("INCLUDE " + i.getFile(), OutlineNode.Kind.INCLUDE, i, List.of()));
                    }
                }
                result.add(node("MEMORY", OutlineNode.Kind.MEMORY, m, regions));
            } else if (c instanceof Sections s) {
                List<OutlineNode> children = new ArrayList<>();
                for (SectionsStatement st : s.getStatements()) {
                    sectionsStatement(st, children);
                }
                result.add(node("SECTIONS", OutlineNode.Kind.SECTIONS, s, children));
            } else if (c instanceof Phdrs p) {
                List<OutlineNode> headers = new ArrayList<>();
                for (Phdr h : p.getHeaders()) {
                    headers.add(node(h.getName() + " " + text(h.getType()), OutlineNode.Kind.PHDR, h, List.of()));
                }
                result.add(node("PHDRS", OutlineNode.Kind.PHDRS, p, headers));
            } else if (c instanceof StatementAssignment a) {
                result.add(symbol(a.getAssignment()));
            } else if (c instanceof RegionAlias alias) {
                result.add(node("REGION_ALIAS " + alias.getName() + " \u2192 "
                        + featureText(alias, LinkerScriptPackage.Literals.REGION_ALIAS__REGION),
                        OutlineNode.Kind.REGION, alias, List.of()));
            } else if (c instanceof Include i) {
                result.add(node("INCLUDE " + i.getFile(), OutlineNode.Kind.INCLUDE, i, List.of()));
            } else {
                String t = text(c).replaceAll("\\s+", " ").replaceAll(";$", "");
                if (!t.isBlank()) {
                    result.add(node(t.length() > 60 ? t.substring(0, 57) + "..." : t, OutlineNode.Kind.COMMAND, c, List.of()));
                }
            }
        }
        return result;
    }

    private static void sectionsStatement(EObject st, List<OutlineNode> out) {
        if (st instanceof OutputSection os) {
            List<OutlineNode> symbols = new ArrayList<>();
            for (OutputSectionStatement inner : os.getStatements()) {
                if (inner instanceof StatementAssignment a && !".".equals(a.getAssignment().getSymbol())) {
                    symbols.add(symbol(a.getAssignment()));
                }
            }
            String region = featureText(os, LinkerScriptPackage.Literals.OUTPUT_SECTION__REGION);
            String lmaRegion = featureText(os, LinkerScriptPackage.Literals.OUTPUT_SECTION__LMA_REGION);
            String label = os.getName() + (region.isEmpty() ? "" : " > " + region)
                    + (lmaRegion.isEmpty() ? "" : " AT> " + lmaRegion);
            out.add(node(label, OutlineNode.Kind.SECTION, os, symbols));
        } else if (st instanceof Overlay ov) {
            List<OutlineNode> sections = new ArrayList<>();
            for (OverlaySection s : ov.getSections()) {
                sections.add(node(s.getName(), OutlineNode.Kind.SECTION, s, List.of()));
            }
            out.add(node("OVERLAY", OutlineNode.Kind.SECTIONS, ov, sections));
        } else if (st instanceof StatementAssignment a && !".".equals(a.getAssignment().getSymbol())) {
            out.add(symbol(a.getAssignment()));
        } else if (st instanceof Include i) {
            out.add(node("INCLUDE " + i.getFile(), OutlineNode.Kind.INCLUDE, i, List.of()));
        }
    }

    private static OutlineNode symbol(Assignment a) {
        return node(a.getSymbol(), OutlineNode.Kind.SYMBOL, a, List.of());
    }

    private static String regionLabel(MemoryRegion r, ConstantEvaluator evaluator) {
        StringBuilder b = new StringBuilder(r.getName());
        if (r.getAttributes() != null) {
            b.append(" (").append(r.getAttributes()).append(')');
        }
        OptionalLong origin = evaluator.origin(r);
        OptionalLong length = evaluator.length(r);
        if (origin.isPresent() && length.isPresent()) {
            b.append(String.format("  0x%x, %s", origin.getAsLong(), SizeText.of(length.getAsLong())));
        }
        return b.toString();
    }

    /** The text written for {@code feature} of {@code owner} (a reference's name even if unresolved). */
    private static String featureText(EObject owner, EStructuralFeature feature) {
        List<INode> nodes = NodeModelUtils.findNodesForFeature(owner, feature);
        return nodes.isEmpty() ? "" : NodeModelUtils.getTokenText(nodes.get(0));
    }

    private static String text(EObject e) {
        ICompositeNode n = e == null ? null : NodeModelUtils.getNode(e);
        return n == null ? "" : NodeModelUtils.getTokenText(n);
    }

    private static OutlineNode node(String label, OutlineNode.Kind kind, EObject e, List<OutlineNode> children) {
        ICompositeNode n = NodeModelUtils.getNode(e);
        int offset = n == null ? 0 : n.getOffset();
        int length = n == null ? 0 : n.getLength();
        return new OutlineNode(label, kind, offset, length, List.copyOf(children));
    }
}
