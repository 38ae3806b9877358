package dev.rivet.ld.elf;

import dev.rivet.ld.linkerScript.LinkerScript;
import dev.rivet.ld.linkerScript.MemoryRegion;
import dev.rivet.ld.model.ConstantEvaluator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import org.eclipse.xtext.EcoreUtil2;

/**
 * How a built kernel fills its memory, like the build analyzers of vendor IDEs: for each MEMORY
 * region of the script (or, when the script has none with constant bounds, each PT_LOAD segment of
 * the ELF), the sections placed in it with address and size, the bytes used and the percentage.
 * A section counts in the region holding its run address (VMA); a section that is loaded elsewhere
 * (LMA in another region, e.g. .data's initial values in ROM) also counts there.
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

    private MemoryUsage() {
    }

    /** The areas of {@code elf} as laid out by {@code script} (which may be null). */
    public static List<Area> of(LinkerScript script, ElfSections elf) {
        List<Area> areas = new ArrayList<>();
        ConstantEvaluator evaluator = new ConstantEvaluator();
        if (script != null) {
            for (MemoryRegion r : EcoreUtil2.getAllContentsOfType(script, MemoryRegion.class)) {
                OptionalLong origin = evaluator.origin(r);
                OptionalLong length = evaluator.length(r);
                if (origin.isPresent() && length.isPresent()) {
                    areas.add(area(r.getName(), origin.getAsLong(), length.getAsLong(), elf));
                }
            }
        }
        if (areas.isEmpty()) {
            int i = 0;
            for (ElfSections.Segment s : elf.segments()) {
                String flags = ((s.flags() & 4) != 0 ? "R" : "") + ((s.flags() & 2) != 0 ? "W" : "") + ((s.flags() & 1) != 0 ? "X" : "");
                areas.add(area("LOAD " + i++ + " (" + flags + ")", s.virtualAddress(), s.memorySize(), elf));
            }
        }
        return areas;
    }

    private static Area area(String name, long origin, long length, ElfSections elf) {
        List<Placement> placements = new ArrayList<>();
        for (ElfSections.Section s : elf.sections()) {
            if (inside(s.address(), origin, length)) {
                placements.add(new Placement(s.name(), s.address(), s.size(), false));
            } else if (s.occupiesFile() && s.loadAddress() != s.address() && inside(s.loadAddress(), origin, length)) {
                placements.add(new Placement(s.name(), s.loadAddress(), s.size(), true));
            }
        }
        placements.sort(Comparator.comparing(Placement::address, Long::compareUnsigned));
        return new Area(name, origin, length, List.copyOf(placements));
    }

    private static boolean inside(long address, long origin, long length) {
        return Long.compareUnsigned(address, origin) >= 0 && Long.compareUnsigned(address - origin, length) < 0;
    }

    /** The {@code n} largest symbols with a size (functions and objects), largest first. */
    public static List<ElfSections.Symbol> largestSymbols(ElfSections elf, int n) {
        return elf.symbols().stream().filter(s -> s.size() > 0)
                .sorted(Comparator.comparingLong(ElfSections.Symbol::size).reversed()
                        .thenComparing(ElfSections.Symbol::name))
                .limit(n).toList();
    }
}
