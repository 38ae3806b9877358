package dev.rivet.ld.ide;

import dev.rivet.ld.elf.ElfSections;
import dev.rivet.ld.elf.MemoryUsage;
import dev.rivet.ld.ide.outline.SizeText;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks of a script against the kernel ELF built with it: MEMORY regions that the built
 * sections overflow (e.g. after a region was made smaller than what the last build placed in it).
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
            parsed.index().region(area.name()).ifPresent(d -> findings.add(new Finding(d.offset(), d.length(),
                    String.format("region '%s' overflows in the built %s: %s placed in %s (%.0f%%)", area.name(), elfName,
                            SizeText.of(area.used()), SizeText.of(area.length()), area.percentUsed()))));
        }
        return findings;
    }
}
