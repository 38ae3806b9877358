package dev.rivet.ld.elf;

import dev.rivet.ld.linkerScript.LinkerScript;
import dev.rivet.ld.linkerScript.MemoryRegion;
import dev.rivet.ld.linkerScript.OutputSection;
import dev.rivet.ld.linkerScript.Overlay;
import dev.rivet.ld.linkerScript.OverlaySection;
import dev.rivet.ld.linkerScript.Region;
import dev.rivet.ld.model.ConstantEvaluator;
import dev.rivet.ld.model.IncludedScripts;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.resource.XtextResource;

/**
 * How a built kernel fills its memory, like the build analyzers of vendor IDEs: for each MEMORY
 * region of the script and the files it INCLUDEs (or, when the script has none with constant bounds, each PT_LOAD segment of
 * the ELF), the sections placed in it with address and size, the bytes used and the percentage.
 *
 * <p>Sections are assigned to regions the way ld assigns them (ld manual 3.6.8.6 "Output Section
 * Region", 3.6.8.2 "Output Section LMA"): a section whose output section description says
 * {@code >region} counts in that region, wherever its address ended up: when a region is too
 * small, ld keeps placing the region's sections past its end (and reports "region `rom'
 * overflowed"), and those bytes are the overflow. Its load image (a section with contents loaded
 * elsewhere, e.g. .data's initial values in ROM) counts in the {@code AT>region}. A section the
 * script does not place in a region (no {@code >region}, an orphan, or no script) counts in the
 * region that holds its run address (VMA), and its load image in the one that holds its load
 * address (LMA) when that differs.
 */
public final class MemoryUsage {

    /** One section's bytes in one area. */
    public record Placement(String section, long address, long size, boolean loadImage) {
    }

    /** One memory area (a region or a segment) and what is in it. */
    public record Area(String name, long origin, long length, List<Placement> placements) {
        /** Bytes used. */
        public long used() {
            return placements.stream().mapToLong(Placement::size).sum();
        }

        /** Used as a percentage of the length (0 when the length is 0). */
        public double percentUsed() {
            return length == 0 ? 0 : 100.0 * used() / length;
        }

        /** Whether more is placed than fits. */
        public boolean overflows() {
            return Long.compareUnsigned(used(), length) > 0;
        }
    }

    /** Where the script puts an output section: its {@code >region} and {@code AT>region}, each possibly null. */
    private record Placing(MemoryRegion region, MemoryRegion loadRegion) {
    }

    /** An area being filled. */
    private record Bounds(MemoryRegion region, String name, long origin, long length, List<Placement> placements) {
        boolean contains(long address) {
            return Long.compareUnsigned(address, origin) >= 0 && Long.compareUnsigned(address - origin, length) < 0;
        }
    }

    private MemoryUsage() {
    }

    /** The areas of {@code elf} as laid out by {@code script} (which may be null). */
    public static List<Area> of(LinkerScript script, ElfSections elf) {
        List<Bounds> areas = new ArrayList<>();
        Map<String, Placing> placings = new HashMap<>();
        ConstantEvaluator evaluator = new ConstantEvaluator();
        for (EObject file : scriptAndIncludes(script)) {
            for (MemoryRegion r : EcoreUtil2.getAllContentsOfType(file, MemoryRegion.class)) {
                OptionalLong origin = evaluator.origin(r);
                OptionalLong length = evaluator.length(r);
                if (origin.isPresent() && length.isPresent()) {
                    areas.add(new Bounds(r, r.getName(), origin.getAsLong(), length.getAsLong(), new ArrayList<>()));
                }
            }
            for (OutputSection s : EcoreUtil2.getAllContentsOfType(file, OutputSection.class)) {
                placings.putIfAbsent(s.getName(), new Placing(target(s.getRegion()), target(s.getLmaRegion())));
            }
            for (OverlaySection s : EcoreUtil2.getAllContentsOfType(file, OverlaySection.class)) {
                if (s.eContainer() instanceof Overlay o) {
                    placings.putIfAbsent(s.getName(), new Placing(target(o.getRegion()), target(o.getLmaRegion())));
                }
            }
        }
        if (areas.isEmpty()) {
            int i = 0;
            for (ElfSections.Segment s : elf.segments()) {
                String flags = ((s.flags() & 4) != 0 ? "R" : "") + ((s.flags() & 2) != 0 ? "W" : "") + ((s.flags() & 1) != 0 ? "X" : "");
                areas.add(new Bounds(null, "LOAD " + i++ + " (" + flags + ")", s.virtualAddress(), s.memorySize(), new ArrayList<>()));
            }
            placings.clear(); // segments are not regions: by address only
        }
        for (ElfSections.Section s : elf.sections()) {
            Placing placing = placings.getOrDefault(s.name(), new Placing(null, null));
            Bounds runs = placing.region() != null ? areaOf(areas, placing.region()) : areaAt(areas, s.address());
            if (runs != null) {
                runs.placements().add(new Placement(s.name(), s.address(), s.size(), false));
            }
            if (!s.occupiesFile()) {
                continue;
            }
            Bounds loaded = placing.loadRegion() != null ? areaOf(areas, placing.loadRegion())
                    : s.loadAddress() != s.address() ? areaAt(areas, s.loadAddress()) : null;
            if (loaded != null && loaded != runs) {
                loaded.placements().add(new Placement(s.name(), s.loadAddress(), s.size(), true));
            }
        }
        List<Area> result = new ArrayList<>();
        for (Bounds b : areas) {
            List<Placement> placements = new ArrayList<>(b.placements());
            placements.sort(Comparator.comparing(Placement::address, Long::compareUnsigned));
            result.add(new Area(b.name(), b.origin(), b.length(), List.copyOf(placements)));
        }
        return result;
    }

    /** The roots of {@code script} and of the files it INCLUDEs (none for a null script). */
    private static List<EObject> scriptAndIncludes(LinkerScript script) {
        List<EObject> roots = new ArrayList<>();
        if (script == null) {
            return roots;
        }
        roots.add(script);
        if (script.eResource() != null) {
            for (XtextResource file : IncludedScripts.of(script).scripts()) {
                if (file != script.eResource() && !file.getContents().isEmpty()) {
                    roots.add(file.getContents().get(0));
                }
            }
        }
        return roots;
    }

    /** The MEMORY region {@code r} names (through REGION_ALIAS), or null if none or unresolved. */
    private static MemoryRegion target(Region r) {
        return r == null ? null : ConstantEvaluator.memoryRegion(r).orElse(null);
    }

    private static Bounds areaOf(List<Bounds> areas, MemoryRegion region) {
        for (Bounds b : areas) {
            if (b.region() == region) {
                return b;
            }
        }
        return null; // a region without constant bounds: not shown
    }

    private static Bounds areaAt(List<Bounds> areas, long address) {
        for (Bounds b : areas) {
            if (b.contains(address)) {
                return b;
            }
        }
        return null;
    }

    /** The {@code n} largest symbols with a size (functions and objects), largest first. */
    public static List<ElfSections.Symbol> largestSymbols(ElfSections elf, int n) {
        return elf.symbols().stream().filter(s -> s.size() > 0)
                .sorted(Comparator.comparingLong(ElfSections.Symbol::size).reversed()
                        .thenComparing(ElfSections.Symbol::name))
                .limit(n).toList();
    }
}
