package dev.rivet.ld.ui.outline;

import dev.rivet.ld.ui.LinkerScriptContentType;
import org.eclipse.core.runtime.IAdapterFactory;
import org.eclipse.ui.texteditor.ITextEditor;
import org.eclipse.ui.views.contentoutline.IContentOutlinePage;

/**
 * Gives text editors of linker scripts an outline page (the Generic Editor has no outline
 * extension point, but asks the adapter manager for one).
 */
public class OutlineAdapterFactory implements IAdapterFactory {

    @Override
    public <T> T getAdapter(Object adaptable, Class<T> adapterType) {
        if (adapterType == IContentOutlinePage.class && adaptable instanceof ITextEditor editor
                && LinkerScriptContentType.matches(editor.getEditorInput())) {
            return adapterType.cast(new LinkerScriptOutlinePage(editor));
        }
        return null;
    }

    @Override
    public Class<?>[] getAdapterList() {
        return new Class<?>[] {IContentOutlinePage.class};
    }
}
