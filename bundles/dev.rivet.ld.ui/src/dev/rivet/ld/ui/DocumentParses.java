package dev.rivet.ld.ui;

import dev.rivet.ld.ide.ParsedScript;
import java.util.Map;
import java.util.WeakHashMap;
import org.eclipse.core.filebuffers.FileBuffers;
import org.eclipse.core.filebuffers.ITextFileBuffer;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.IPath;
import org.eclipse.jface.text.IDocument;

/**
 * The current parse of each open linker-script document, shared by highlighting, validation,
 * outline, hover, completion, hyperlinks and folding so that one edit costs one parse. A document
 * is re-parsed when its text differs from the cached parse's.
 */
public final class DocumentParses {

    private static final Map<IDocument, ParsedScript> CACHE = new WeakHashMap<>();

    private DocumentParses() {
    }

    /** The parse of {@code document}'s current text. */
    public static ParsedScript of(IDocument document) {
        String text = document.get();
        synchronized (CACHE) {
            ParsedScript cached = CACHE.get(document);
            if (cached != null && cached.text().equals(text)) {
                return cached;
            }
        }
        ParsedScript parsed = ParsedScript.parse(location(document), text);
        synchronized (CACHE) {
            CACHE.put(document, parsed);
        }
        return parsed;
    }

    /** The file system path of the file behind {@code document}, or a placeholder name. */
    public static String location(IDocument document) {
        IFile file = file(document);
        if (file != null && file.getLocation() != null) {
            return file.getLocation().toOSString();
        }
        ITextFileBuffer buffer = FileBuffers.getTextFileBufferManager().getTextFileBuffer(document);
        if (buffer != null && buffer.getLocation() != null) {
            return buffer.getLocation().toOSString();
        }
        return "/untitled.ld";
    }

    /** The workspace file behind {@code document}, or null. */
    public static IFile file(IDocument document) {
        ITextFileBuffer buffer = FileBuffers.getTextFileBufferManager().getTextFileBuffer(document);
        if (buffer == null) {
            return null;
        }
        IPath path = buffer.getLocation();
        if (path == null || path.segmentCount() < 2) {
            return null;
        }
        IFile file = ResourcesPlugin.getWorkspace().getRoot().getFile(path);
        return file.exists() ? file : null;
    }
}
