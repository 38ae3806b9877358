package dev.rivet.ld.ide.navigation;

import dev.rivet.ld.ide.ParsedScript;
import dev.rivet.ld.linkerScript.Include;
import dev.rivet.ld.model.IncludedScripts;
import dev.rivet.ld.model.ScriptIndex.Definition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Go to definition: a symbol goes to its first assignment, a region to its MEMORY entry or
 * REGION_ALIAS, a section to its output section description, in the script or in a file it
 * INCLUDEs; an INCLUDE goes to the file, found as the language finds it ({@link IncludedScripts}:
 * the including script's folder, then its SEARCH_DIRs) when the script was parsed, else (the file
 * may have been created since) in the script's folder and the given search folders.
 */
public final class DefinitionFinder {

    /** A place to go: a range in this script, or a file. */
    public sealed interface Target permits InScript, InFile {
    }

    /** The range {@code offset..offset+length} of this script. */
    public record InScript(int offset, int length) implements Target {
    }

    /** The file {@code path}, and in it the range {@code offset..offset+length} (length 0: just open it). */
    public record InFile(Path path, int offset, int length) implements Target {
        /** The whole file {@code path}. */
        public InFile(Path path) {
            this(path, 0, 0);
        }
    }

    private DefinitionFinder() {
    }

    /** Where the name at {@code offset} is defined, if the script (or the file system) says. */
    public static Optional<Target> find(ParsedScript parsed, int offset, List<Path> searchFolders) {
        return ReferenceAt.find(parsed, offset).flatMap(ref -> switch (ref.kind()) {
            case SYMBOL -> parsed.index().symbol(ref.name()).map(DefinitionFinder::target);
            case REGION -> parsed.index().region(ref.name()).map(DefinitionFinder::target);
            case SECTION -> parsed.index().section(ref.name()).map(DefinitionFinder::target);
            case INCLUDE -> include(parsed, offset, ref.name(), searchFolders);
        });
    }

    private static Target target(Definition d) {
        return d.included() ? new InFile(d.includedFile(), d.offset(), d.length()) : new InScript(d.offset(), d.length());
    }

    private static Optional<Target> include(ParsedScript parsed, int offset, String file, List<Path> searchFolders) {
        if (parsed.elementAt(offset) instanceof Include include
                && IncludedScripts.of(include).resolution(include).orElse(null) instanceof IncludedScripts.Found found) {
            return Optional.of(new InFile(found.file()));
        }
        // not found when the script was parsed: the file may exist by now
        Path name = Path.of(file);
        if (name.isAbsolute()) {
            return Files.isRegularFile(name) ? Optional.of(new InFile(name)) : Optional.empty();
        }
        Path folder = Path.of(parsed.location()).getParent();
        if (folder != null && Files.isRegularFile(folder.resolve(name))) {
            return Optional.of(new InFile(folder.resolve(name)));
        }
        for (Path dir : searchFolders) {
            if (Files.isRegularFile(dir.resolve(name))) {
                return Optional.of(new InFile(dir.resolve(name)));
            }
        }
        return Optional.empty();
    }
}
