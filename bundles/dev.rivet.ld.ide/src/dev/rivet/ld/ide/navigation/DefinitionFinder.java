package dev.rivet.ld.ide.navigation;

import dev.rivet.ld.ide.ParsedScript;
import dev.rivet.ld.model.ScriptIndex.Definition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Go to definition: a symbol goes to its first assignment, a region to its MEMORY entry or
 * REGION_ALIAS, a section to its output section description (all in the same script); an INCLUDE
 * goes to the file, looked up as ld does: relative to the current directory, which for the editor
 * is the including script's folder, then in the given search folders.
 */
public final class DefinitionFinder {

    /** A place to go: a range in this script, or a file. */
    public sealed interface Target permits InScript, InFile {
    }

    /** The range {@code offset..offset+length} of this script. */
    public record InScript(int offset, int length) implements Target {
    }

    /** The file {@code path}. */
    public record InFile(Path path) implements Target {
    }

    private DefinitionFinder() {
    }

    /** Where the name at {@code offset} is defined, if the script (or the file system) says. */
    public static Optional<Target> find(ParsedScript parsed, int offset, List<Path> searchFolders) {
        return ReferenceAt.find(parsed, offset).flatMap(ref -> switch (ref.kind()) {
            case SYMBOL -> parsed.index().symbol(ref.name()).map(DefinitionFinder::inScript);
            case REGION -> parsed.index().region(ref.name()).map(DefinitionFinder::inScript);
            case SECTION -> parsed.index().section(ref.name()).map(DefinitionFinder::inScript);
            case INCLUDE -> include(parsed, ref.name(), searchFolders);
        });
    }

    private static Target inScript(Definition d) {
        return new InScript(d.offset(), d.length());
    }

    private static Optional<Target> include(ParsedScript parsed, String file, List<Path> searchFolders) {
        Path name = Path.of(file);
        if (name.isAbsolute()) {
            return Files.isRegularFile(name) ? Optional.of(new InFile(name)) : Optional.empty();
        }
        Path script = Path.of(parsed.location());
        Path folder = script.getParent();
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
