package dev.rivet.ld.validation;

import com.google.inject.Inject;
import dev.rivet.ld.linkerScript.Function;
import dev.rivet.ld.linkerScript.Include;
import dev.rivet.ld.linkerScript.LinkerScriptPackage.Literals;
import dev.rivet.ld.linkerScript.Memory;
import dev.rivet.ld.linkerScript.MemoryRegion;
import dev.rivet.ld.linkerScript.MemoryStatement;
import dev.rivet.ld.linkerScript.NumberLiteral;
import dev.rivet.ld.linkerScript.OutputSection;
import dev.rivet.ld.linkerScript.PhdrTypeName;
import dev.rivet.ld.linkerScript.PhdrTypeValue;
import dev.rivet.ld.linkerScript.SizeofHeaders;
import dev.rivet.ld.linkerScript.SymbolReference;
import dev.rivet.ld.linkerScript.Sections;
import dev.rivet.ld.linkerScript.StatementAssignment;
import dev.rivet.ld.linkerScript.SymbolAssignment;
import dev.rivet.ld.model.ConstantEvaluator;
import dev.rivet.ld.model.IncludedScripts;
import dev.rivet.ld.model.LdNumber;
import dev.rivet.ld.model.MachineProfile;
import dev.rivet.ld.model.MachineProfileAdapter;
import dev.rivet.ld.model.PhdrTypes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.validation.Check;

/**
 * Checks of a linker script beyond its syntax: what GNU ld 2.40 would reject (bad numbers, MEMORY
 * keywords and attributes, function arity, program header types, INCLUDEs that cannot be read)
 * as errors, regions declared twice (ld warns) as warnings, and what is wrong
 * for the machine Rivet runs (overlapping MEMORY regions, regions and section addresses on the
 * virt machine's MMIO or outside its RAM) as warnings. The machine is the one attached to the
 * script's resource set ({@link MachineProfileAdapter}: the launch's RAM size), else the injected
 * default (QEMU's 128 MiB).
 */
public class LinkerScriptValidator extends AbstractLinkerScriptValidator {

    /** Issue codes, for quick fixes and tests. */
    public static final String BAD_NUMBER = "dev.rivet.ld.badNumber";
    public static final String BAD_MEMORY_KEYWORD = "dev.rivet.ld.badMemoryKeyword";
    public static final String BAD_ATTRIBUTE = "dev.rivet.ld.badAttribute";
    public static final String DUPLICATE_REGION = "dev.rivet.ld.duplicateRegion";
    public static final String OVERLAPPING_REGIONS = "dev.rivet.ld.overlappingRegions";
    public static final String WRONG_ARITY = "dev.rivet.ld.wrongArity";
    public static final String NOT_IN_RAM = "dev.rivet.ld.notInRam";
    public static final String BAD_PHDR_TYPE = "dev.rivet.ld.badPhdrType";
    public static final String BAD_INCLUDE = "dev.rivet.ld.badInclude";

    private static final Set<String> ORIGIN_WORDS = Set.of("ORIGIN", "org", "o");
    private static final Set<String> LENGTH_WORDS = Set.of("LENGTH", "len", "l");
    private static final Map<String, int[]> ARITY = Map.ofEntries(
            Map.entry("ABSOLUTE", new int[] {1, 1}), Map.entry("ALIGN", new int[] {1, 2}),
            Map.entry("BLOCK", new int[] {1, 1}), Map.entry("DATA_SEGMENT_ALIGN", new int[] {2, 2}),
            Map.entry("DATA_SEGMENT_END", new int[] {1, 1}), Map.entry("DATA_SEGMENT_RELRO_END", new int[] {2, 2}),
            Map.entry("LOG2CEIL", new int[] {1, 1}), Map.entry("MAX", new int[] {2, 2}),
            Map.entry("MIN", new int[] {2, 2}), Map.entry("NEXT", new int[] {1, 1}),
            Map.entry("ASSERT", new int[] {2, 2}));

    @Inject
    private MachineProfile defaultMachine;

    /** The machine the current script is checked against. */
    private MachineProfile machine() {
        return MachineProfileAdapter.of(getCurrentObject()).orElse(defaultMachine);
    }

    @Check
    public void checkNumber(NumberLiteral number) {
        try {
            LdNumber.parse(number.getValue());
        } catch (NumberFormatException e) {
            error(e.getMessage(), Literals.NUMBER_LITERAL__VALUE, BAD_NUMBER);
        }
    }

    @Check
    public void checkMemoryKeywords(MemoryRegion region) {
        if (!ORIGIN_WORDS.contains(region.getOriginKeyword())) {
            error("expected ORIGIN, org or o, not '" + region.getOriginKeyword() + "'",
                    Literals.MEMORY_REGION__ORIGIN_KEYWORD, BAD_MEMORY_KEYWORD);
        }
        if (!LENGTH_WORDS.contains(region.getLengthKeyword())) {
            error("expected LENGTH, len or l, not '" + region.getLengthKeyword() + "'",
                    Literals.MEMORY_REGION__LENGTH_KEYWORD, BAD_MEMORY_KEYWORD);
        }
        String attributes = region.getAttributes();
        if (attributes != null) {
            for (char c : attributes.toCharArray()) {
                if ("rRwWxXaAiIlL!".indexOf(c) < 0) {
                    error("memory attribute '" + c + "' is not one of R W X A I L !",
                            Literals.MEMORY_REGION__ATTRIBUTES, BAD_ATTRIBUTE);
                    break;
                }
            }
        }
    }

    @Check
    public void checkFunctionArity(Function f) {
        int[] range = ARITY.get(f.getFunction());
        int n = f.getArguments().size();
        if (range != null && (n < range[0] || n > range[1])) {
            String expected = range[0] == range[1] ? String.valueOf(range[0]) : range[0] + " or " + range[1];
            error(f.getFunction() + " takes " + expected + " argument" + (range[1] == 1 ? "" : "s") + ", not " + n,
                    Literals.FUNCTION__FUNCTION, WRONG_ARITY);
        }
    }

    /** ld 2.40 knows twelve type names ({@link PhdrTypes}); any other name stops the link. */
    @Check
    public void checkPhdrTypeName(PhdrTypeName type) {
        if (PhdrTypes.valueOf(type.getName()).isEmpty()) {
            error("unknown phdr type '" + type.getName() + "' (try integer literal)",
                    Literals.PHDR_TYPE_NAME__NAME, BAD_PHDR_TYPE);
        }
    }

    /**
     * ld evaluates a type expression when it reads the PHDRS command, before any symbol has a value:
     * a name in parentheses is still a type name, but a symbol or SIZEOF_HEADERS in a larger
     * expression stops the link with "nonconstant expression for program header type".
     */
    @Check
    public void checkPhdrTypeValue(PhdrTypeValue type) {
        if (type.getValue() instanceof SymbolReference name) {
            if (PhdrTypes.valueOf(name.getSymbol()).isEmpty()) {
                error("unknown phdr type '" + name.getSymbol() + "' (try integer literal)",
                        Literals.PHDR_TYPE_VALUE__VALUE, BAD_PHDR_TYPE);
            }
        } else if (!EcoreUtil2.getAllContentsOfType(type, SymbolReference.class).isEmpty()
                || !EcoreUtil2.getAllContentsOfType(type, SizeofHeaders.class).isEmpty()) {
            error("nonconstant expression for program header type", Literals.PHDR_TYPE_VALUE__VALUE, BAD_PHDR_TYPE);
        }
    }

    /**
     * An INCLUDEd file must be found and read (ld: "cannot open linker script file"), must not
     * include itself again (ld recurses until "includes nested too deeply"), and what it includes
     * and says must be readable too: problems inside the included files are reported here, on the
     * INCLUDE of this script that leads to them, since ld stops on them when it links this script.
     */
    @Check
    public void checkInclude(Include include) {
        IncludedScripts included = IncludedScripts.of(include);
        Optional<IncludedScripts.Resolution> resolution = included.resolution(include);
        if (resolution.isEmpty()) {
            return;
        }
        String problem = problem(resolution.get(), "");
        if (problem == null && resolution.get() instanceof IncludedScripts.Found found) {
            problem = problemInside(included, found, new HashSet<>());
        }
        if (problem != null) {
            error(problem, Literals.INCLUDE__FILE, BAD_INCLUDE);
        }
    }

    /** What is wrong with {@code r} ({@code where} prefixes the message), or null if it was read. */
    private static String problem(IncludedScripts.Resolution r, String where) {
        return switch (r) {
            case IncludedScripts.Found f -> null;
            case IncludedScripts.Missing m -> where + "cannot open linker script file '" + m.name() + "': not found in "
                    + (m.searched().isEmpty() ? "any folder (the script has no folder)"
                            : m.searched().stream().map(Path::toString).collect(Collectors.joining(", ")));
            case IncludedScripts.Cycle c -> where + "INCLUDE cycle: " + c.chain().stream().map(p -> p.getFileName().toString())
                    .collect(Collectors.joining(" includes ")) + " again (ld stops: \"includes nested too deeply\")";
            case IncludedScripts.Unreadable u -> where + "cannot read linker script file " + u.file() + ": " + u.reason();
        };
    }

    /** The first syntax error or bad INCLUDE in the file {@code found} read, or in the files it includes. */
    private static String problemInside(IncludedScripts included, IncludedScripts.Found found, Set<XtextResource> seen) {
        XtextResource script = found.script();
        if (!seen.add(script)) {
            return null;
        }
        String name = found.file().getFileName().toString();
        if (!script.getErrors().isEmpty()) {
            Resource.Diagnostic d = script.getErrors().get(0);
            return name + ":" + d.getLine() + ": " + d.getMessage();
        }
        if (script.getContents().isEmpty()) {
            return null;
        }
        for (Include inner : EcoreUtil2.getAllContentsOfType(script.getContents().get(0), Include.class)) {
            Optional<IncludedScripts.Resolution> r = included.resolution(inner);
            if (r.isEmpty()) {
                continue;
            }
            String problem = problem(r.get(), name + ": ");
            if (problem == null && r.get() instanceof IncludedScripts.Found f) {
                problem = problemInside(included, f, seen);
            }
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    @Check
    public void checkRegions(Memory memory) {
        ConstantEvaluator evaluator = new ConstantEvaluator();
        Map<String, MemoryRegion> byName = new HashMap<>();
        List<MemoryRegion> regions = new ArrayList<>();
        for (MemoryStatement s : memory.getStatements()) {
            if (s instanceof MemoryRegion r) {
                regions.add(r);
                MemoryRegion earlier = byName.putIfAbsent(r.getName(), r);
                if (earlier != null) {
                    // ld 2.40 only warns ("redeclaration of memory region") and keeps the first one.
                    warning("region '" + r.getName() + "' is already defined; ld keeps the first definition",
                            r, Literals.REGION__NAME, DUPLICATE_REGION);
                }
            }
        }
        for (int i = 0; i < regions.size(); i++) {
            MemoryRegion a = regions.get(i);
            OptionalLong aStart = evaluator.origin(a);
            OptionalLong aLength = evaluator.length(a);
            if (aStart.isEmpty() || aLength.isEmpty() || aLength.getAsLong() == 0) {
                continue;
            }
            machine().problemWith(aStart.getAsLong(), aLength.getAsLong()).ifPresent(problem -> warning(
                    String.format("region '%s' (0x%x, %s) %s", a.getName(), aStart.getAsLong(),
                            size(aLength.getAsLong()), problem), a, Literals.REGION__NAME, NOT_IN_RAM));
            for (int j = i + 1; j < regions.size(); j++) {
                MemoryRegion b = regions.get(j);
                OptionalLong bStart = evaluator.origin(b);
                OptionalLong bLength = evaluator.length(b);
                if (bStart.isEmpty() || bLength.isEmpty() || bLength.getAsLong() == 0) {
                    continue;
                }
                long aLast = aStart.getAsLong() + aLength.getAsLong() - 1;
                long bLast = bStart.getAsLong() + bLength.getAsLong() - 1;
                if (Long.compareUnsigned(aStart.getAsLong(), bLast) <= 0
                        && Long.compareUnsigned(bStart.getAsLong(), aLast) <= 0) {
                    warning(String.format("region '%s' (0x%x..0x%x) overlaps region '%s' (0x%x..0x%x)",
                            b.getName(), bStart.getAsLong(), bLast, a.getName(), aStart.getAsLong(), aLast),
                            b, Literals.REGION__NAME, OVERLAPPING_REGIONS);
                }
            }
        }
    }

    @Check
    public void checkSectionAddress(OutputSection section) {
        if (section.getAddress() == null) {
            return;
        }
        new ConstantEvaluator().evaluate(section.getAddress()).ifPresent(address ->
                machine().problemWith(address, 0).ifPresent(problem -> warning(
                        String.format("section %s at 0x%x %s", section.getName(), address, problem),
                        Literals.OUTPUT_SECTION__ADDRESS, NOT_IN_RAM)));
    }

    @Check
    public void checkLocationCounter(StatementAssignment statement) {
        EObject container = statement.eContainer();
        if (!(container instanceof Sections) || !(statement.getAssignment() instanceof SymbolAssignment a)
                || !".".equals(a.getSymbol()) || !"=".equals(a.getOperator())) {
            return;
        }
        new ConstantEvaluator().evaluate(a.getValue()).ifPresent(address ->
                machine().problemWith(address, 0).ifPresent(problem -> warning(
                        String.format("location counter 0x%x %s", address, problem),
                        a, Literals.ASSIGNMENT__VALUE, NOT_IN_RAM)));
    }

    private static String size(long bytes) {
        if (bytes % (1024 * 1024) == 0) {
            return (bytes >>> 20) + " MiB";
        }
        if (bytes % 1024 == 0) {
            return (bytes >>> 10) + " KiB";
        }
        return bytes + " bytes";
    }
}
