package dev.rivet.ld.ide.folding;

import dev.rivet.ld.ide.ParsedScript;
import dev.rivet.ld.linkerScript.Memory;
import dev.rivet.ld.linkerScript.OutputSection;
import dev.rivet.ld.linkerScript.Overlay;
import dev.rivet.ld.linkerScript.Phdrs;
import dev.rivet.ld.linkerScript.Sections;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.xtext.TerminalRule;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;

/**
 * The foldable ranges of a script: MEMORY, SECTIONS, PHDRS, OVERLAY, output section descriptions
 * and comments, when they span more than one line. Ranges start at the first character of their
 * first line's element and end at the end of the element.
 */
public final class FoldingRanges {

    /** A foldable range of {@code length} characters from {@code offset}. */
    public record Range(int offset, int length) {
    }

    private FoldingRanges() {
    }

    /** The ranges of {@code parsed}, in document order. */
    public static List<Range> compute(ParsedScript parsed) {
        List<Range> result = new ArrayList<>();
        ICompositeNode root = parsed.rootNode();
        if (root == null) {
            return result;
        }
        for (ILeafNode leaf : root.getLeafNodes()) {
            if (leaf.isHidden() && leaf.getGrammarElement() instanceof TerminalRule t && "ML_COMMENT".equals(t.getName())) {
                add(leaf, parsed.text(), result);
            }
        }
        if (parsed.script() != null) {
            parsed.script().eAllContents().forEachRemaining(e -> {
                if (e instanceof Memory || e instanceof Sections || e instanceof Phdrs || e instanceof Overlay
                        || e instanceof OutputSection) {
                    add(NodeModelUtils.getNode(e), parsed.text(), result);
                }
            });
        }
        result.sort((a, b) -> Integer.compare(a.offset(), b.offset()));
        return result;
    }

    private static void add(INode node, String text, List<Range> out) {
        if (node == null) {
            return;
        }
        int start = node.getOffset();
        int end = Math.min(text.length(), node.getOffset() + node.getLength());
        if (text.substring(start, end).indexOf('\n') >= 0) {
            out.add(new Range(start, end - start));
        }
    }
}
