package dev.rivet.ld.ide;

import dev.rivet.ld.elf.ElfSections;
import dev.rivet.ld.elf.MemoryUsage;
import dev.rivet.ld.ide.outline.SizeText;
import dev.rivet.ld.linkerScript.Phdr;
import dev.rivet.ld.linkerScript.SymbolReference;
import dev.rivet.ld.model.IncludedScripts;
import dev.rivet.ld.model.ScriptIndex.Definition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;

/**
 * Checks of a script against the kernel ELF built with it: MEMORY regions that the built
 * sections overflow (e.g. after a region was made smaller than what the last build placed in it;
 * a region declared in an INCLUDEd file is reported on the INCLUDE), and symbols read in
 * expressions that neither the script (nor a file it INCLUDEs) assigns nor the built ELF defines (ld
 * would stop with "undefined symbol referenced in expression"). Symbols under DEFINED() are not
 * reported: testing for an undefined symbol is what DEFINED is for. Nor is anything in a PHDRS
 * command: a program header type (PT_LOAD) is not a symbol at all, and ld evaluates the AT() and
 * FLAGS() of a header when it reads the command, where a name it does not know silently counts as 0.
 */
public final class ElfChecks {

    /** A warning at {@code offset..offset+length} of the script. */
    public record Finding(int offset, int length, String message) {
    }

    private ElfChecks() {
    }

    /** The findings for {@code parsed} against {@code elf} (named {@code elfName} in messages). */
    public static List<Finding> check(ParsedScript parsed, ElfSections elf, String elfName) {
        List<Finding> findings = new ArrayList<>();
        if (parsed.script() == null) {
            return findings;
        }
        for (MemoryUsage.Area area : MemoryUsage.of(parsed.script(), elf)) {
            if (!area.overflows()) {
                continue;
            }
            Optional<Definition> region = parsed.index().region(area.name());
            if (region.isEmpty()) {
                continue;
            }
            String message = String.format("region '%s' overflows in the built %s: %s placed in %s (%.0f%%)", area.name(),
                    elfName, SizeText.of(area.used()), SizeText.of(area.length()), area.percentUsed());
            Definition d = region.get();
            if (!d.included()) {
                findings.add(new Finding(d.offset(), d.length(), message));
            } else {
                // declared in an INCLUDEd file: reported on the INCLUDE of this script that reads it
                IncludedScripts.of(d.element()).broughtInBy(d.element().eResource()).map(NodeModelUtils::getNode)
                        .ifPresent(node -> findings.add(new Finding(node.getOffset(), node.getLength(),
                                message + " (declared in " + d.includedFile().getFileName() + ")")));
            }
        }
        for (SymbolReference ref : EcoreUtil2.getAllContentsOfType(parsed.script(), SymbolReference.class)) {
            String name = ref.getSymbol();
            if (name == null || ".".equals(name) || parsed.index().symbol(name).isPresent() || elf.valueOf(name).isPresent()
                    || EcoreUtil2.getContainerOfType(ref, Phdr.class) != null) {
                continue;
            }
            INode node = NodeModelUtils.getNode(ref);
            if (node != null) {
                findings.add(new Finding(node.getOffset(), node.getLength(), String.format(
                        "symbol '%s' is defined neither in this script nor in the built %s", name, elfName)));
            }
        }
        return findings;
    }
}
