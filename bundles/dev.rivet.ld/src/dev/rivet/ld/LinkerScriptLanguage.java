package dev.rivet.ld;

import com.google.inject.Injector;
import dev.rivet.ld.model.IncludedScripts;
import dev.rivet.ld.model.MachineProfile;
import dev.rivet.ld.model.MachineProfileAdapter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;

/**
 * Entry point to the linker-script language for code that is not Xtext: parse a script's text
 * into a resource, and list its syntax, linking and validation issues. One shared injector; each
 * parse gets its own resource set, so scripts never see each other's regions (only those of the
 * files they INCLUDE).
 */
public final class LinkerScriptLanguage {

    private static volatile Injector injector;

    private LinkerScriptLanguage() {
    }

    /** The language's injector (runtime services), created on first use. */
    public static Injector injector() {
        Injector i = injector;
        if (i == null) {
            synchronized (LinkerScriptLanguage.class) {
                i = injector;
                if (i == null) {
                    i = new LinkerScriptStandaloneSetup().createInjectorAndDoEMFRegistration();
                    injector = i;
                }
            }
        }
        return i;
    }

    /**
     * Parses {@code text} as the script at {@code location} (a file path or URI, used for
     * messages and to find INCLUDEd files), and reads the files it INCLUDEs into the same resource
     * set ({@link IncludedScripts}). Never throws on bad input: errors are in the resource's
     * diagnostics.
     */
    public static XtextResource parse(String location, String text) {
        XtextResourceSet set = injector().getInstance(XtextResourceSet.class);
        URI uri = location.contains(":") ? URI.createURI(location) : URI.createFileURI(location);
        Path file = null;
        try {
            file = uri.isFile() ? Path.of(uri.toFileString()) : null;
        } catch (InvalidPathException e) {
            // not a path on this system: INCLUDEs are then looked for in SEARCH_DIRs only
        }
        if (!"ld".equals(uri.fileExtension()) && !"lds".equals(uri.fileExtension())) {
            uri = uri.appendFileExtension("ld"); // Debian's .x, .xc, ... are linker scripts too
        }
        XtextResource resource = (XtextResource) set.createResource(uri);
        try {
            resource.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                    set.getLoadOptions());
        } catch (IOException e) {
            throw new UncheckedIOException("reading from memory failed", e);
        }
        IncludedScripts.load(resource, file);
        return resource;
    }

    /**
     * All issues of {@code resource}: syntax errors, unresolved regions and validator findings,
     * with the machine checks against QEMU's default {@code virt} machine (128 MiB).
     */
    public static List<Issue> issues(XtextResource resource, CancelIndicator cancel) {
        return issues(resource, MachineProfile.qemuVirtDefault(), cancel);
    }

    /**
     * All issues of {@code resource}: syntax errors, unresolved regions and validator findings,
     * with the machine checks against {@code machine}. Not for concurrent use on one resource.
     */
    public static List<Issue> issues(XtextResource resource, MachineProfile machine, CancelIndicator cancel) {
        MachineProfileAdapter.attach(resource.getResourceSet(), machine);
        return resource.getResourceServiceProvider().get(IResourceValidator.class)
                .validate(resource, CheckMode.ALL, cancel);
    }

    /** Parses and checks {@code text}; see {@link #parse} and {@link #issues}. */
    public static List<Issue> check(String location, String text) {
        return issues(parse(location, text), CancelIndicator.NullImpl);
    }
}
