package dev.rivet.ld.ui.outline;

import dev.rivet.ld.ide.outline.OutlineBuilder;
import dev.rivet.ld.ide.outline.OutlineNode;
import dev.rivet.ld.ui.DocumentParses;
import java.util.List;
import org.eclipse.jface.text.DocumentEvent;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IDocumentListener;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.viewers.SelectionChangedEvent;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.ui.ISharedImages;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.texteditor.ITextEditor;
import org.eclipse.ui.views.contentoutline.ContentOutlinePage;

/**
 * The Outline view's page for a linker script: MEMORY regions, output sections with their
 * regions and symbols, program headers, top-level commands ({@link OutlineBuilder}). Follows the
 * text half a second after each edit; selecting an entry selects its text.
 */
public class LinkerScriptOutlinePage extends ContentOutlinePage {

    private final ITextEditor editor;
    private IDocument document;
    private final Runnable refresh = this::refresh;
    private final IDocumentListener listener = new IDocumentListener() {
        @Override
        public void documentAboutToBeChanged(DocumentEvent event) {
            // nothing to do before the change
        }

        @Override
        public void documentChanged(DocumentEvent event) {
            Control control = getControl();
            if (control != null && !control.isDisposed()) {
                control.getDisplay().timerExec(500, refresh);
            }
        }
    };

    public LinkerScriptOutlinePage(ITextEditor editor) {
        this.editor = editor;
    }

    @Override
    public void createControl(Composite parent) {
        super.createControl(parent);
        TreeViewer viewer = getTreeViewer();
        viewer.setContentProvider(new NodeContentProvider());
        viewer.setLabelProvider(new NodeLabelProvider());
        document = editor.getDocumentProvider().getDocument(editor.getEditorInput());
        if (document != null) {
            document.addDocumentListener(listener);
        }
        refresh();
        viewer.expandToLevel(2);
    }

    /** Rebuilds the tree from the document's current text. */
    public void refresh() {
        TreeViewer viewer = getTreeViewer();
        if (viewer == null || viewer.getControl().isDisposed() || document == null) {
            return;
        }
        List<OutlineNode> roots = OutlineBuilder.build(DocumentParses.of(document));
        viewer.setInput(roots);
        viewer.expandToLevel(2);
    }

    @Override
    public void selectionChanged(SelectionChangedEvent event) {
        super.selectionChanged(event);
        if (event.getSelection() instanceof IStructuredSelection s && s.getFirstElement() instanceof OutlineNode n) {
            editor.selectAndReveal(n.offset(), 0);
        }
    }

    @Override
    public void dispose() {
        if (document != null) {
            document.removeDocumentListener(listener);
        }
        super.dispose();
    }

    private static final class NodeContentProvider implements ITreeContentProvider {
        @Override
        public Object[] getElements(Object input) {
            return input instanceof List<?> l ? l.toArray() : new Object[0];
        }

        @Override
        public Object[] getChildren(Object parent) {
            return parent instanceof OutlineNode n ? n.children().toArray() : new Object[0];
        }

        @Override
        public Object getParent(Object element) {
            return null;
        }

        @Override
        public boolean hasChildren(Object element) {
            return element instanceof OutlineNode n && !n.children().isEmpty();
        }
    }

    private static final class NodeLabelProvider extends LabelProvider {
        @Override
        public String getText(Object element) {
            return element instanceof OutlineNode n ? n.label() : String.valueOf(element);
        }

        @Override
        public Image getImage(Object element) {
            if (!(element instanceof OutlineNode n)) {
                return null;
            }
            ISharedImages images = PlatformUI.getWorkbench().getSharedImages();
            return switch (n.kind()) {
                case MEMORY, SECTIONS, PHDRS -> images.getImage(ISharedImages.IMG_OBJ_FOLDER);
                case INCLUDE -> images.getImage(ISharedImages.IMG_OBJ_FILE);
                default -> images.getImage(ISharedImages.IMG_OBJ_ELEMENT);
            };
        }
    }
}
