package dev.rivet.ld.model;

import dev.rivet.ld.linkerScript.FileCommand;
import dev.rivet.ld.linkerScript.Include;
import dev.rivet.ld.linkerScript.IncludedMemory;
import dev.rivet.ld.linkerScript.IncludedOutputSection;
import dev.rivet.ld.linkerScript.IncludedSections;
import dev.rivet.ld.linkerScript.Memory;
import dev.rivet.ld.linkerScript.OutputSection;
import dev.rivet.ld.linkerScript.OverlaySection;
import dev.rivet.ld.linkerScript.Sections;
import dev.rivet.ld.services.LinkerScriptGrammarAccess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.emf.common.notify.impl.AdapterImpl;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.ParserRule;
import org.eclipse.xtext.resource.IResourceFactory;
import org.eclipse.xtext.resource.XtextResource;

/**
 * The files a linker script INCLUDEs, read into the script's resource set the way ld reads them
 * (ld manual 3.4.2 "INCLUDE filename"; binutils' ldgram.y): an INCLUDE may stand at the top level,
 * in MEMORY, in SECTIONS or in an output section description, and the file holds what may be
 * written at that place, so it is parsed with the matching rule (LinkerScript, IncludedMemory,
 * IncludedSections, IncludedOutputSection). Included files may include further files.
 *
 * <p>Where a file is looked for: an absolute name as it is; otherwise the folder of the including
 * file, then the folders of the SEARCH_DIR commands of the scripts read so far (relative ones
 * taken from the folder of the script being checked). ld itself looks in its current directory
 * and its -L folders; for a script built from its own folder (a Cargo kernel, {@code ld -T
 * kernel.ld} in the script's folder) the two agree.
 *
 * <p>An INCLUDE that would read a file already being read (a cycle) is not followed: ld would
 * recurse until "includes nested too deeply". Every INCLUDE gets a {@link Resolution}.
 *
 * <p>One instance per resource set (which {@code LinkerScriptLanguage.parse} makes per script):
 * created by {@link #load}, found by {@link #of}. Read-only once loaded.
 */
public final class IncludedScripts extends AdapterImpl {

    /** How one INCLUDE resolved. */
    public sealed interface Resolution permits Found, Missing, Cycle, Unreadable {
    }

    /** The file was found and read into {@code script}. */
    public record Found(Path file, XtextResource script) implements Resolution {
    }

    /** No file {@code name} in any of the {@code searched} folders. */
    public record Missing(String name, List<Path> searched) implements Resolution {
    }

    /** {@code file} is already being read: {@code chain} is the path of INCLUDEs from the checked script back to it. */
    public record Cycle(Path file, List<Path> chain) implements Resolution {
    }

    /** {@code file} exists but could not be read. */
    public record Unreadable(Path file, String reason) implements Resolution {
    }

    private final XtextResource root;
    private final Path rootFile;
    private final List<Path> searchDirs = new ArrayList<>();
    private final Map<Include, Resolution> resolutions = new HashMap<>();
    private final List<XtextResource> scripts = new ArrayList<>();
    private final Map<Path, XtextResource> byFile = new HashMap<>();
    private final Map<Resource, Include> broughtInBy = new HashMap<>();
    private final Set<Path> dependencies = new LinkedHashSet<>();

    private IncludedScripts(XtextResource root, Path rootFile) {
        this.root = root;
        this.rootFile = rootFile;
    }

    /**
     * Reads the files {@code root} includes (and those they include) into its resource set and
     * attaches the result to the set, replacing an earlier one. {@code rootFile} is the script's
     * file (its folder is where INCLUDEs are looked for first), or null if it has none.
     */
    public static IncludedScripts load(XtextResource root, Path rootFile) {
        IncludedScripts included = new IncludedScripts(root, rootFile == null ? null : rootFile.toAbsolutePath().normalize());
        ResourceSet set = root.getResourceSet();
        if (set != null) {
            set.eAdapters().removeIf(IncludedScripts.class::isInstance);
            set.eAdapters().add(included);
        }
        included.scripts.add(root);
        Deque<Path> reading = new ArrayDeque<>();
        if (included.rootFile != null) {
            included.byFile.put(included.rootFile, root);
            reading.push(included.rootFile);
        }
        included.addSearchDirs(root);
        included.read(root, reading, null);
        return included;
    }

    /** The includes of the resource set of {@code resource}; loaded now, with it as the root, if nobody did. */
    public static IncludedScripts of(Resource resource) {
        ResourceSet set = resource.getResourceSet();
        if (set != null) {
            for (Object adapter : set.eAdapters()) {
                if (adapter instanceof IncludedScripts i) {
                    return i;
                }
            }
        }
        return load((XtextResource) resource, fileOf(resource));
    }

    /** The includes of the resource set of {@code element}'s resource. */
    public static IncludedScripts of(EObject element) {
        return of(element.eResource());
    }

    /** The checked script (the root of the includes). */
    public XtextResource root() {
        return root;
    }

    /** The checked script and every file read for its INCLUDEs, each once, in the order ld meets them. */
    public List<XtextResource> scripts() {
        return scripts;
    }

    /** How {@code include} resolved, if it is in one of {@link #scripts()}. */
    public Optional<Resolution> resolution(Include include) {
        return Optional.ofNullable(resolutions.get(include));
    }

    /** Whether some INCLUDE of the checked script or of its included files could not be read (missing, a cycle, unreadable). */
    public boolean hasUnreadInclude() {
        return resolutions.values().stream().anyMatch(r -> !(r instanceof Found));
    }

    /** The INCLUDE of the checked script through which {@code script} was first reached, if it is an included one. */
    public Optional<Include> broughtInBy(Resource script) {
        return Optional.ofNullable(broughtInBy.get(script));
    }

    /**
     * Every file whose appearance or change could change what the checked script means: the files
     * read, and where each missing INCLUDE was looked for.
     */
    public Set<Path> dependencies() {
        return dependencies;
    }

    /** The file {@code script} was read from (the checked script's given file), or null if it is not a file. */
    public Path file(XtextResource script) {
        return script == root ? rootFile : fileOf((Resource) script);
    }

    /** The absolute, normalized file of {@code resource}'s URI, or null if it is not a file URI. */
    public static Path fileOf(Resource resource) {
        URI uri = resource == null ? null : resource.getURI();
        if (uri == null || !uri.isFile()) {
            return null;
        }
        try {
            return Path.of(uri.toFileString()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private void read(XtextResource script, Deque<Path> reading, Include top) {
        if (script.getContents().isEmpty()) {
            return;
        }
        Path file = file(script);
        Path folder = file == null ? null : file.getParent();
        for (Include include : EcoreUtil2.getAllContentsOfType(script.getContents().get(0), Include.class)) {
            Resolution resolution = resolve(include, folder, reading, top == null ? include : top);
            resolutions.put(include, resolution);
        }
    }

    private Resolution resolve(Include include, Path folder, Deque<Path> reading, Include top) {
        String name = unquote(include.getFile());
        List<Path> searched = new ArrayList<>();
        Path found = null;
        try {
            Path given = Path.of(name);
            if (given.isAbsolute()) {
                searched.add(given.getParent());
                found = Files.isRegularFile(given) ? given : null;
                dependencies.add(given.normalize());
            } else {
                List<Path> folders = new ArrayList<>();
                if (folder != null) {
                    folders.add(folder);
                }
                folders.addAll(searchDirs);
                for (Path dir : folders) {
                    if (searched.contains(dir)) {
                        continue;
                    }
                    searched.add(dir);
                    Path candidate = dir.resolve(given).normalize();
                    dependencies.add(candidate);
                    if (Files.isRegularFile(candidate)) {
                        found = candidate;
                        break;
                    }
                }
            }
        } catch (InvalidPathException e) {
            return new Missing(name, searched);
        }
        if (found == null) {
            return new Missing(name, searched);
        }
        Path file = found.toAbsolutePath().normalize();
        if (reading.contains(file)) {
            List<Path> chain = new ArrayList<>(reading);
            Collections.reverse(chain);
            chain.add(file);
            return new Cycle(file, chain);
        }
        XtextResource script = byFile.get(file);
        if (script == null) {
            try {
                script = parse(file, ruleFor(include));
            } catch (IOException e) {
                return new Unreadable(file, e.getMessage() == null ? e.toString() : e.getMessage());
            }
            byFile.put(file, script);
            scripts.add(script);
            broughtInBy.put(script, top);
            addSearchDirs(script);
            reading.push(file);
            read(script, reading, top);
            reading.pop();
        }
        return new Found(file, script);
    }

    /** Reads {@code file} into the root's resource set, parsed from {@code rule} (null: a whole script). */
    private XtextResource parse(Path file, ParserRule rule) throws IOException {
        IResourceFactory factory = root.getResourceServiceProvider().get(IResourceFactory.class);
        XtextResource script = (XtextResource) factory.createResource(URI.createFileURI(file.toString()));
        if (rule != null) {
            script.setEntryPoint(rule);
        }
        ResourceSet set = root.getResourceSet();
        if (set != null) {
            set.getResources().add(script);
        }
        try (InputStream in = Files.newInputStream(file)) {
            script.load(in, set == null ? Map.of() : set.getLoadOptions());
        } catch (IOException e) {
            if (set != null) {
                set.getResources().remove(script);
            }
            throw e;
        }
        return script;
    }

    /** The rule for the content of the file {@code include} reads, by where the INCLUDE stands. */
    private ParserRule ruleFor(Include include) {
        LinkerScriptGrammarAccess grammar = root.getResourceServiceProvider().get(LinkerScriptGrammarAccess.class);
        EObject place = include.eContainer();
        if (place instanceof Memory || place instanceof IncludedMemory) {
            return grammar.getIncludedMemoryRule();
        }
        if (place instanceof Sections || place instanceof IncludedSections) {
            return grammar.getIncludedSectionsRule();
        }
        if (place instanceof OutputSection || place instanceof OverlaySection || place instanceof IncludedOutputSection) {
            return grammar.getIncludedOutputSectionRule();
        }
        return null; // top level: a whole script
    }

    private void addSearchDirs(XtextResource script) {
        if (script.getContents().isEmpty()) {
            return;
        }
        Path base = rootFile == null ? null : rootFile.getParent();
        for (FileCommand c : EcoreUtil2.getAllContentsOfType(script.getContents().get(0), FileCommand.class)) {
            if (!"SEARCH_DIR".equals(c.getKind()) || c.getFile() == null) {
                continue;
            }
            String dir = unquote(c.getFile());
            if (dir.isEmpty() || dir.startsWith("=") || dir.startsWith("$SYSROOT")) {
                continue; // relative to ld's sysroot, which Rivet does not know
            }
            try {
                Path p = Path.of(dir);
                if (!p.isAbsolute()) {
                    if (base == null) {
                        continue;
                    }
                    p = base.resolve(p);
                }
                p = p.normalize();
                if (!searchDirs.contains(p)) {
                    searchDirs.add(p);
                }
            } catch (InvalidPathException e) {
                // not a path on this system: ld would not find anything there either
            }
        }
    }

    private static String unquote(String name) {
        return name != null && name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")
                ? name.substring(1, name.length() - 1) : name == null ? "" : name;
    }

    @Override
    public boolean isAdapterForType(Object type) {
        return type == IncludedScripts.class;
    }
}
