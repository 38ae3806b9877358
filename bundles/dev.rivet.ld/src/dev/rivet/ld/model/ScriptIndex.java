package dev.rivet.ld.model;

import dev.rivet.ld.linkerScript.Assignment;
import dev.rivet.ld.linkerScript.LinkerScript;
import dev.rivet.ld.linkerScript.LinkerScriptPackage.Literals;
import dev.rivet.ld.linkerScript.OutputSection;
import dev.rivet.ld.linkerScript.OverlaySection;
import dev.rivet.ld.linkerScript.Region;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;

/**
 * What one linker script defines, by name: symbols (first assignment of each, the location counter
 * excepted), memory regions (MEMORY entries and REGION_ALIAS names) and output sections, each with
 * the text range of its name. The files the script INCLUDEs ({@link IncludedScripts}) count: their
 * definitions follow the script's own, so a name defined in both is the script's. Built once per
 * parse; for outline, completion, hover, navigation and the checks against a built ELF.
 */
public final class ScriptIndex {

    /**
     * A named definition and where its name is written: {@code offset}, {@code length} and the
     * 1-based {@code line} are in the text of the checked script, or of {@code includedFile} when
     * that is not null (a definition in an INCLUDEd file).
     */
    public record Definition(String name, EObject element, int offset, int length, int line, Path includedFile) {
        /** Whether the definition is in an INCLUDEd file rather than in the checked script. */
        public boolean included() {
            return includedFile != null;
        }
    }

    private final Map<String, Definition> symbols = new LinkedHashMap<>();
    private final Map<String, Definition> regions = new LinkedHashMap<>();
    private final Map<String, Definition> sections = new LinkedHashMap<>();

    /** Indexes {@code script} and the files it includes. */
    public ScriptIndex(LinkerScript script) {
        if (script == null) {
            return;
        }
        index(script, null);
        if (script.eResource() == null) {
            return;
        }
        IncludedScripts included = IncludedScripts.of(script);
        for (XtextResource file : included.scripts()) {
            if (file != script.eResource() && !file.getContents().isEmpty()) {
                index(file.getContents().get(0), included.file(file));
            }
        }
    }

    private void index(EObject root, Path includedFile) {
        for (Region r : EcoreUtil2.getAllContentsOfType(root, Region.class)) {
            put(regions, r.getName(), r, Literals.REGION__NAME, includedFile);
        }
        for (Assignment a : EcoreUtil2.getAllContentsOfType(root, Assignment.class)) {
            if (!".".equals(a.getSymbol())) {
                put(symbols, a.getSymbol(), a, Literals.ASSIGNMENT__SYMBOL, includedFile);
            }
        }
        for (OutputSection s : EcoreUtil2.getAllContentsOfType(root, OutputSection.class)) {
            put(sections, s.getName(), s, Literals.OUTPUT_SECTION__NAME, includedFile);
        }
        for (OverlaySection s : EcoreUtil2.getAllContentsOfType(root, OverlaySection.class)) {
            put(sections, s.getName(), s, Literals.OVERLAY_SECTION__NAME, includedFile);
        }
    }

    private static void put(Map<String, Definition> map, String name, EObject element, EStructuralFeature feature,
            Path includedFile) {
        if (name == null || map.containsKey(name)) {
            return;
        }
        List<INode> nodes = NodeModelUtils.findNodesForFeature(element, feature);
        if (nodes.isEmpty()) {
            return;
        }
        INode node = nodes.get(0);
        map.put(name, new Definition(name, element, node.getOffset(), node.getLength(), node.getStartLine(), includedFile));
    }

    /** Symbols assigned in the script (then in its included files), in order of first assignment. */
    public Map<String, Definition> symbols() {
        return symbols;
    }

    /** Memory regions and region aliases, in order. */
    public Map<String, Definition> regions() {
        return regions;
    }

    /** Output sections (and overlay sections), in order. */
    public Map<String, Definition> sections() {
        return sections;
    }

    /** The first assignment of {@code name}, if the script assigns it. */
    public Optional<Definition> symbol(String name) {
        return Optional.ofNullable(symbols.get(name));
    }

    /** The region or alias named {@code name}. */
    public Optional<Definition> region(String name) {
        return Optional.ofNullable(regions.get(name));
    }

    /** The output section named {@code name}. */
    public Optional<Definition> section(String name) {
        return Optional.ofNullable(sections.get(name));
    }
}
