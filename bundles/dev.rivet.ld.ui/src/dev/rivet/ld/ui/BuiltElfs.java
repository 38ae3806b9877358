package dev.rivet.ld.ui;

import dev.rivet.ld.elf.BuiltElfLocator;
import dev.rivet.ld.elf.ElfSections;
import dev.rivet.ld.ide.ScriptProblems;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The kernel ELF built with a script ({@link BuiltElfLocator}), read once per modification time.
 * An ELF that cannot be read is treated as absent: the editor then shows what the script alone says.
 */
public final class BuiltElfs {

    /** A read ELF and where it is. */
    public record Built(Path path, ElfSections elf) {
    }

    private record Cached(long modified, Built built) {
    }

    private static final Map<Path, Cached> CACHE = new ConcurrentHashMap<>();

    private BuiltElfs() {
    }

    /** The ELF built with the script at {@code scriptLocation}, as the script's checks take it. */
    public static Optional<ScriptProblems.BuiltElf> forChecks(String scriptLocation) {
        return forScript(scriptLocation).map(b -> new ScriptProblems.BuiltElf(b.elf(), b.path().getFileName().toString()));
    }

    /** The ELF built with the script at {@code scriptLocation}, if one is found and readable. */
    public static Optional<Built> forScript(String scriptLocation) {
        Optional<Path> path = BuiltElfLocator.find(Path.of(scriptLocation));
        if (path.isEmpty()) {
            return Optional.empty();
        }
        try {
            long modified = Files.getLastModifiedTime(path.get()).toMillis();
            Cached c = CACHE.get(path.get());
            if (c == null || c.modified() != modified) {
                c = new Cached(modified, new Built(path.get(), ElfSections.read(path.get())));
                CACHE.put(path.get(), c);
            }
            return Optional.of(c.built());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
