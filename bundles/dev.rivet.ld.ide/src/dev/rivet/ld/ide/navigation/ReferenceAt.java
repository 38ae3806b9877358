package dev.rivet.ld.ide.navigation;

import dev.rivet.ld.ide.ParsedScript;
import dev.rivet.ld.linkerScript.Assignment;
import dev.rivet.ld.linkerScript.DefinedFunction;
import dev.rivet.ld.linkerScript.Entry;
import dev.rivet.ld.linkerScript.Extern;
import dev.rivet.ld.linkerScript.Include;
import dev.rivet.ld.linkerScript.LinkerScriptPackage.Literals;
import dev.rivet.ld.linkerScript.OutputSection;
import dev.rivet.ld.linkerScript.Overlay;
import dev.rivet.ld.linkerScript.OverlaySection;
import dev.rivet.ld.linkerScript.Region;
import dev.rivet.ld.linkerScript.RegionAlias;
import dev.rivet.ld.linkerScript.RegionFunction;
import dev.rivet.ld.linkerScript.SectionFunction;
import dev.rivet.ld.linkerScript.SymbolReference;
import java.util.Optional;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;

/**
 * The name under the caret and what kind of thing it names: a symbol, a memory region, an output
 * section or an INCLUDE target. Used by hover, go to definition and completion.
 *
 * @param kind   what the name stands for
 * @param name   the name as written
 * @param offset where the name starts
 * @param length its length
 */
public record ReferenceAt(Kind kind, String name, int offset, int length) {

    /** The kinds of named things in a linker script. */
    public enum Kind {
        SYMBOL, REGION, SECTION, INCLUDE
    }

    /** The name at {@code offset} in {@code parsed}, if the caret is on one. */
    public static Optional<ReferenceAt> find(ParsedScript parsed, int offset) {
        EObject e = parsed.elementAt(offset);
        if (e == null) {
            return Optional.empty();
        }
        if (e instanceof SymbolReference) {
            return at(e, Literals.SYMBOL_REFERENCE__SYMBOL, Kind.SYMBOL, offset);
        }
        if (e instanceof Assignment) {
            return at(e, Literals.ASSIGNMENT__SYMBOL, Kind.SYMBOL, offset);
        }
        if (e instanceof DefinedFunction) {
            return at(e, Literals.DEFINED_FUNCTION__SYMBOL, Kind.SYMBOL, offset);
        }
        if (e instanceof Entry) {
            return at(e, Literals.ENTRY__SYMBOL, Kind.SYMBOL, offset);
        }
        if (e instanceof Extern) {
            return at(e, Literals.EXTERN__SYMBOLS, Kind.SYMBOL, offset);
        }
        if (e instanceof RegionFunction) {
            return at(e, Literals.REGION_FUNCTION__REGION, Kind.REGION, offset);
        }
        if (e instanceof SectionFunction) {
            return at(e, Literals.SECTION_FUNCTION__SECTION, Kind.SECTION, offset);
        }
        if (e instanceof Include) {
            return at(e, Literals.INCLUDE__FILE, Kind.INCLUDE, offset);
        }
        if (e instanceof RegionAlias) {
            return at(e, Literals.REGION_ALIAS__REGION, Kind.REGION, offset).or(() -> at(e, Literals.REGION__NAME, Kind.REGION, offset));
        }
        if (e instanceof Region) {
            return at(e, Literals.REGION__NAME, Kind.REGION, offset);
        }
        if (e instanceof OutputSection) {
            return at(e, Literals.OUTPUT_SECTION__REGION, Kind.REGION, offset)
                    .or(() -> at(e, Literals.OUTPUT_SECTION__LMA_REGION, Kind.REGION, offset))
                    .or(() -> at(e, Literals.OUTPUT_SECTION__NAME, Kind.SECTION, offset));
        }
        if (e instanceof Overlay) {
            return at(e, Literals.OVERLAY__REGION, Kind.REGION, offset)
                    .or(() -> at(e, Literals.OVERLAY__LMA_REGION, Kind.REGION, offset));
        }
        if (e instanceof OverlaySection) {
            return at(e, Literals.OVERLAY_SECTION__NAME, Kind.SECTION, offset);
        }
        return Optional.empty();
    }

    private static Optional<ReferenceAt> at(EObject e, EStructuralFeature feature, Kind kind, int offset) {
        for (INode node : NodeModelUtils.findNodesForFeature(e, feature)) {
            if (node.getOffset() <= offset && offset <= node.getOffset() + node.getLength()) {
                String text = NodeModelUtils.getTokenText(node);
                if (kind == Kind.INCLUDE && text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
                    text = text.substring(1, text.length() - 1);
                }
                return Optional.of(new ReferenceAt(kind, text, node.getOffset(), node.getLength()));
            }
        }
        return Optional.empty();
    }
}
