package dev.rivet.ld.ide.hover;

import dev.rivet.ld.ide.ParsedScript;
import dev.rivet.ld.ide.navigation.ReferenceAt;
import dev.rivet.ld.ide.outline.SizeText;
import dev.rivet.ld.linkerScript.Include;
import dev.rivet.ld.linkerScript.MemoryRegion;
import dev.rivet.ld.linkerScript.PhdrTypeName;
import dev.rivet.ld.linkerScript.Region;
import dev.rivet.ld.linkerScript.RegionAlias;
import dev.rivet.ld.model.ConstantEvaluator;
import dev.rivet.ld.model.IncludedScripts;
import dev.rivet.ld.model.MachineProfile;
import dev.rivet.ld.model.PhdrTypes;
import dev.rivet.ld.model.ScriptIndex.Definition;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.eclipse.xtext.Keyword;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;

/**
 * What the editor shows when the mouse rests on a name: for a symbol, where the script (or a file
 * it INCLUDEs) assigns it and its value in the built kernel ELF if one is known; for a region, its
 * attributes and address range, where that range lies on the machine the script is checked
 * against (with RAM's size and where the size comes from: the launch configuration, or QEMU's
 * default), and the file that declares it if it is an INCLUDEd one; for a section, where it is
 * described; for an INCLUDE, the file it reads; for a program header type name, its number; for a
 * keyword, one line from the GNU ld manual.
 */
public final class HoverText {

    /** ld manual (binutils 2.40), chapter 3: what each command and builtin does. */
    private static final Map<String, String> KEYWORDS = Map.ofEntries(
            Map.entry("ENTRY", "ENTRY(symbol): the first instruction to execute (3.4.1)."),
            Map.entry("MEMORY", "MEMORY { name (attr) : ORIGIN = origin, LENGTH = len }: blocks of memory sections can be placed in (3.7)."),
            Map.entry("SECTIONS", "SECTIONS { ... }: how input sections map into output sections and where they go in memory (3.6)."),
            Map.entry("PHDRS", "PHDRS { name type [FILEHDR] [PHDRS] [AT(addr)] [FLAGS(flags)]; }: the ELF program headers (3.8)."),
            Map.entry("PROVIDE", "PROVIDE(symbol = expression): define the symbol only if it is referenced and not defined elsewhere (3.5.2)."),
            Map.entry("PROVIDE_HIDDEN", "PROVIDE_HIDDEN(symbol = expression): like PROVIDE, and the symbol is hidden, not exported (3.5.3)."),
            Map.entry("HIDDEN", "HIDDEN(symbol = expression): define a symbol that is hidden, not exported (3.5.1)."),
            Map.entry("KEEP", "KEEP(pattern): keep these input sections even with --gc-sections (3.6.4.4)."),
            Map.entry("ALIGN", "ALIGN(align) / ALIGN(exp, align): the location counter (or exp) rounded up to the next multiple of align (3.10.9)."),
            Map.entry("ADDR", "ADDR(section): the address (VMA) of the named output section (3.10.9)."),
            Map.entry("LOADADDR", "LOADADDR(section): the load address (LMA) of the named output section (3.10.9)."),
            Map.entry("SIZEOF", "SIZEOF(section): the size in bytes of the named output section (3.10.9)."),
            Map.entry("ORIGIN", "ORIGIN(memory): the start address of the memory region (3.10.9)."),
            Map.entry("LENGTH", "LENGTH(memory): the length of the memory region (3.10.9)."),
            Map.entry("DEFINED", "DEFINED(symbol): 1 if the symbol is in the global symbol table before this statement, else 0 (3.10.9)."),
            Map.entry("ABSOLUTE", "ABSOLUTE(exp): the absolute (not section-relative) value of exp (3.10.9)."),
            Map.entry("MAX", "MAX(exp1, exp2): the larger of the two (3.10.9)."),
            Map.entry("MIN", "MIN(exp1, exp2): the smaller of the two (3.10.9)."),
            Map.entry("SEGMENT_START", "SEGMENT_START(segment, default): the base of the segment, from -T options or default (3.10.9)."),
            Map.entry("CONSTANT", "CONSTANT(MAXPAGESIZE | COMMONPAGESIZE): the target's page sizes (3.10.9)."),
            Map.entry("ASSERT", "ASSERT(exp, message): stop the link with message if exp is zero (3.4.5)."),
            Map.entry("INCLUDE", "INCLUDE filename: read another linker script here (3.4.2)."),
            Map.entry("AT", "AT(lma) / AT>region: where the section is loaded, when that differs from where it runs (3.6.8.2)."),
            Map.entry("NOLOAD", "(NOLOAD): the section takes no space in the file and is not loaded (3.6.7)."),
            Map.entry("OVERLAY", "OVERLAY: sections that run at the same address, loaded one after another (3.6.9)."),
            Map.entry("/DISCARD/", "/DISCARD/: input sections assigned here are not included in the output (3.6.7)."),
            Map.entry("COMMON", "COMMON: common symbols, uninitialised data not yet allocated by the compiler (3.6.4.3)."),
            Map.entry("FILL", "FILL(expression): the fill pattern for gaps in the current section (3.6.6)."),
            Map.entry("OUTPUT_ARCH", "OUTPUT_ARCH(bfdarch): the machine architecture of the output (3.4.3)."),
            Map.entry("OUTPUT_FORMAT", "OUTPUT_FORMAT(default, big, little): the BFD format of the output (3.4.3)."),
            Map.entry("SUBALIGN", "SUBALIGN(align): the alignment of the input sections in this output section (3.6.8.5)."),
            Map.entry("SIZEOF_HEADERS", "SIZEOF_HEADERS: the size of the output file's headers (3.10.9)."),
            Map.entry("REGION_ALIAS", "REGION_ALIAS(alias, region): another name for a memory region (3.4.4)."));

    private HoverText() {
    }

    /**
     * The hover for {@code offset}, or empty. {@code elfSymbols} gives values from the built ELF;
     * {@code machine} is the machine regions are placed on.
     */
    public static Optional<String> at(ParsedScript parsed, int offset, ConstantEvaluator.SymbolValues elfSymbols,
            MachineProfile machine) {
        Optional<ReferenceAt> ref = ReferenceAt.find(parsed, offset);
        if (ref.isPresent()) {
            return Optional.of(describe(parsed, ref.get(), elfSymbols, machine));
        }
        if (parsed.elementAt(offset) instanceof PhdrTypeName type) {
            OptionalLong value = PhdrTypes.valueOf(type.getName());
            return Optional.of(value.isPresent()
                    ? String.format("program header type %s (p_type 0x%x), named as ld's PHDRS command allows (3.8)",
                            type.getName(), value.getAsLong())
                    : "unknown program header type " + type.getName() + ": ld knows " + String.join(", ", PhdrTypes.names()));
        }
        ILeafNode leaf = parsed.leafAt(offset);
        if (leaf != null && leaf.getGrammarElement() instanceof Keyword k && KEYWORDS.containsKey(k.getValue())) {
            String text = KEYWORDS.get(k.getValue());
            if ("MEMORY".equals(k.getValue())) {
                text += "\nRegions are checked against the virt machine's RAM: " + machine.ramText() + ".";
            }
            return Optional.of(text);
        }
        return Optional.empty();
    }

    private static String describe(ParsedScript parsed, ReferenceAt ref, ConstantEvaluator.SymbolValues elf,
            MachineProfile machine) {
        return switch (ref.kind()) {
            case SYMBOL -> {
                StringBuilder b = new StringBuilder("symbol ").append(ref.name());
                Optional<Definition> d = parsed.index().symbol(ref.name());
                if (d.isPresent()) {
                    b.append("\nassigned ").append(where(d.get())).append(": ").append(statementText(d.get()));
                } else if (!".".equals(ref.name())) {
                    b.append("\nnot assigned in this script: it comes from an input file (or is undefined)");
                } else {
                    b = new StringBuilder(". the location counter: the current output address");
                }
                OptionalLong value = elf.valueOf(ref.name());
                if (value.isPresent()) {
                    b.append(String.format("%nvalue in the built ELF: 0x%x", value.getAsLong()));
                }
                yield b.toString();
            }
            case REGION -> parsed.index().region(ref.name())
                    .map(d -> region((Region) d.element(), machine) + (d.included() ? "\ndeclared " + where(d) : ""))
                    .orElse("memory region " + ref.name() + " is not declared in this script");
            case SECTION -> parsed.index().section(ref.name())
                    .map(d -> "output section " + ref.name() + ", described " + where(d))
                    .orElse("section " + ref.name());
            case INCLUDE -> include(parsed, ref);
        };
    }

    /** "at line 3", or "in memory.ld, line 3" for a definition in an INCLUDEd file. */
    private static String where(Definition d) {
        return d.included() ? "in " + d.includedFile().getFileName() + ", line " + d.line() : "at line " + d.line();
    }

    private static String include(ParsedScript parsed, ReferenceAt ref) {
        String text = "INCLUDE " + ref.name() + ": another linker script, read here";
        if (parsed.elementAt(ref.offset()) instanceof Include include) {
            IncludedScripts.Resolution r = IncludedScripts.of(include).resolution(include).orElse(null);
            if (r instanceof IncludedScripts.Found found) {
                return text + "\nfile: " + found.file() + " (Ctrl+click opens it)";
            }
            if (r instanceof IncludedScripts.Missing missing) {
                return text + "\nnot found" + (missing.searched().isEmpty() ? "" : " in "
                        + missing.searched().stream().map(Object::toString).collect(Collectors.joining(", ")));
            }
        }
        return text + " (Ctrl+click opens it)";
    }

    private static String region(Region r, MachineProfile machine) {
        ConstantEvaluator evaluator = new ConstantEvaluator();
        StringBuilder b = new StringBuilder();
        if (r instanceof RegionAlias alias) {
            b.append("region alias ").append(alias.getName()).append(" of ")
                    .append(alias.getRegion() == null || alias.getRegion().eIsProxy() ? "?" : alias.getRegion().getName());
        } else if (r instanceof MemoryRegion m) {
            b.append("MEMORY region ").append(m.getName());
            if (m.getAttributes() != null) {
                b.append(" (").append(m.getAttributes()).append(')');
            }
        }
        OptionalLong origin = evaluator.origin(r);
        OptionalLong length = evaluator.length(r);
        if (origin.isPresent() && length.isPresent()) {
            b.append(String.format("%n0x%x..0x%x, %s", origin.getAsLong(),
                    origin.getAsLong() + length.getAsLong() - 1, SizeText.of(length.getAsLong())));
            b.append("\non the virt machine: ").append(machine.problemWith(origin.getAsLong(), length.getAsLong())
                    .orElse("in RAM (" + machine.ramText() + ")"));
        }
        return b.toString();
    }

    private static String statementText(Definition d) {
        var node = NodeModelUtils.getNode(d.element());
        String text = node == null ? d.name() : NodeModelUtils.getTokenText(node);
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }
}
