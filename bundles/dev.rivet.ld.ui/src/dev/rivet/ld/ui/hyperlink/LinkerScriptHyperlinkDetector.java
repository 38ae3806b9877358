package dev.rivet.ld.ui.hyperlink;

import dev.rivet.ld.ide.ParsedScript;
import dev.rivet.ld.ide.navigation.DefinitionFinder;
import dev.rivet.ld.ide.navigation.ReferenceAt;
import dev.rivet.ld.ui.DocumentParses;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.core.filesystem.EFS;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.Region;
import org.eclipse.jface.text.hyperlink.AbstractHyperlinkDetector;
import org.eclipse.jface.text.hyperlink.IHyperlink;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.texteditor.ITextEditor;
import org.eclipse.ui.statushandlers.StatusManager;
import org.eclipse.core.runtime.Status;

/**
 * Go to definition (Ctrl+click, F3 through hyperlinks) in linker scripts: symbols to their first
 * assignment, regions to their MEMORY entry, sections to their description (also in INCLUDEd
 * files, which then open at the definition), INCLUDE to the file.
 */
public class LinkerScriptHyperlinkDetector extends AbstractHyperlinkDetector {

    @Override
    public IHyperlink[] detectHyperlinks(ITextViewer viewer, IRegion region, boolean canShowMultiple) {
        if (viewer.getDocument() == null) {
            return null;
        }
        ParsedScript parsed = DocumentParses.of(viewer.getDocument());
        Optional<ReferenceAt> ref = ReferenceAt.find(parsed, region.getOffset());
        Optional<DefinitionFinder.Target> target = DefinitionFinder.find(parsed, region.getOffset(), List.of());
        if (ref.isEmpty() || target.isEmpty()) {
            return null;
        }
        IRegion source = new Region(ref.get().offset(), ref.get().length());
        return new IHyperlink[] {new DefinitionLink(viewer, source, ref.get(), target.get())};
    }

    /** A link to one definition. */
    static final class DefinitionLink implements IHyperlink {
        private final ITextViewer viewer;
        private final IRegion source;
        private final ReferenceAt ref;
        private final DefinitionFinder.Target target;

        DefinitionLink(ITextViewer viewer, IRegion source, ReferenceAt ref, DefinitionFinder.Target target) {
            this.viewer = viewer;
            this.source = source;
            this.ref = ref;
            this.target = target;
        }

        @Override
        public IRegion getHyperlinkRegion() {
            return source;
        }

        @Override
        public String getTypeLabel() {
            return "Linker script definition";
        }

        @Override
        public String getHyperlinkText() {
            return "Go to the definition of " + ref.name();
        }

        @Override
        public void open() {
            if (target instanceof DefinitionFinder.InScript in) {
                viewer.setSelectedRange(in.offset(), in.length());
                viewer.revealRange(in.offset(), in.length());
            } else if (target instanceof DefinitionFinder.InFile file) {
                openFile(file);
            }
        }

        /** Opens the file (a workspace file in its default editor) and selects the range, if any. */
        private static void openFile(DefinitionFinder.InFile file) {
            Path path = file.path();
            try {
                IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
                IFile[] inWorkspace = ResourcesPlugin.getWorkspace().getRoot().findFilesForLocationURI(path.toUri());
                IEditorPart editor = inWorkspace.length > 0 && inWorkspace[0].exists()
                        ? IDE.openEditor(page, inWorkspace[0])
                        : IDE.openEditorOnFileStore(page, EFS.getLocalFileSystem().getStore(path.toUri()));
                if (file.length() > 0 && editor instanceof ITextEditor text) {
                    text.selectAndReveal(file.offset(), file.length());
                }
            } catch (PartInitException e) {
                StatusManager.getManager().handle(
                        Status.error("Cannot open " + path + ": " + e.getMessage(), e), StatusManager.SHOW);
            }
        }
    }
}
