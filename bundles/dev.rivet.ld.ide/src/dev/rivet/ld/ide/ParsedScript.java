package dev.rivet.ld.ide;

import dev.rivet.ld.LinkerScriptLanguage;
import dev.rivet.ld.linkerScript.LinkerScript;
import dev.rivet.ld.model.IncludedScripts;
import dev.rivet.ld.model.MachineProfile;
import dev.rivet.ld.model.ScriptIndex;
import java.util.Arrays;
import java.util.List;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.Issue;

/**
 * One parse of a script's text, shared by the editor services: the resource, its root, its index
 * of definitions, and (on demand) its issues. Parsing never throws on bad input; a script that
 * does not parse at all has an empty root and errors. Thread-safe once constructed.
 */
public final class ParsedScript {

    private final String location;
    private final String text;
    private final XtextResource resource;
    private final LinkerScript script;
    private ScriptIndex index;
    private int[] lineStarts;

    private ParsedScript(String location, String text) {
        this.location = location;
        this.text = text;
        this.resource = LinkerScriptLanguage.parse(location, text);
        this.script = resource.getContents().isEmpty() ? null : (LinkerScript) resource.getContents().get(0);
        // Resolve the region references now (also those of the INCLUDEd files), on the parsing
        // thread: afterwards the model is only read, so the editor's threads (reconcilers, hover,
        // UI) can share it.
        for (XtextResource script : IncludedScripts.of(resource).scripts()) {
            EcoreUtil2.resolveLazyCrossReferences(script, CancelIndicator.NullImpl);
        }
    }

    /**
     * Parses {@code text}, the content of the script at {@code location} (a path, for messages and
     * INCLUDE; the files it INCLUDEs are read from disk now).
     */
    public static ParsedScript parse(String location, String text) {
        return new ParsedScript(location, text);
    }

    public String location() {
        return location;
    }

    public String text() {
        return text;
    }

    public XtextResource resource() {
        return resource;
    }

    /** The root, or null when nothing could be parsed. */
    public LinkerScript script() {
        return script;
    }

    /** Definitions by name. */
    public synchronized ScriptIndex index() {
        if (index == null) {
            index = new ScriptIndex(script);
        }
        return index;
    }

    /** Syntax errors, unresolved regions and validator findings against QEMU's default virt machine. */
    public List<Issue> issues(CancelIndicator cancel) {
        return issues(MachineProfile.qemuVirtDefault(), cancel);
    }

    /** Syntax errors, unresolved regions and validator findings against {@code machine} (one validation at a time). */
    public synchronized List<Issue> issues(MachineProfile machine, CancelIndicator cancel) {
        return LinkerScriptLanguage.issues(resource, machine, cancel);
    }

    /** The root of the node model, or null. */
    public ICompositeNode rootNode() {
        return resource.getParseResult() == null ? null : resource.getParseResult().getRootNode();
    }

    /** The leaf at {@code offset} (the one that contains it, or ends right at it), or null. */
    public ILeafNode leafAt(int offset) {
        ICompositeNode root = rootNode();
        if (root == null) {
            return null;
        }
        ILeafNode leaf = NodeModelUtils.findLeafNodeAtOffset(root, offset);
        if ((leaf == null || leaf.isHidden()) && offset > 0) {
            ILeafNode before = NodeModelUtils.findLeafNodeAtOffset(root, offset - 1);
            if (before != null && !before.isHidden()) {
                return before;
            }
        }
        return leaf;
    }

    /** The semantic element that owns the leaf at {@code offset}, or null. */
    public EObject elementAt(int offset) {
        ILeafNode leaf = leafAt(offset);
        return leaf == null ? null : NodeModelUtils.findActualSemanticObjectFor(leaf);
    }

    /** The 1-based line of {@code offset}. */
    public int lineOf(int offset) {
        int[] starts = lineStarts();
        int i = Arrays.binarySearch(starts, Math.max(0, Math.min(offset, text.length())));
        return i >= 0 ? i + 1 : -i - 1;
    }

    private synchronized int[] lineStarts() {
        if (lineStarts == null) {
            int[] starts = new int[16];
            int n = 1; // line 1 starts at 0
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    if (n == starts.length) {
                        starts = Arrays.copyOf(starts, n * 2);
                    }
                    starts[n++] = i + 1;
                }
            }
            lineStarts = Arrays.copyOf(starts, n);
        }
        return lineStarts;
    }
}
