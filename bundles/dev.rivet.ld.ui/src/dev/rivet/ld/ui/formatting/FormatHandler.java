package dev.rivet.ld.ui.formatting;

import dev.rivet.ld.formatting.LinkerScriptFormatter;
import dev.rivet.ld.ui.LinkerScriptContentType;
import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.jface.text.IDocument;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.handlers.HandlerUtil;
import org.eclipse.ui.texteditor.ITextEditor;

/** Formats the linker script in the active editor ({@link LinkerScriptFormatter}). */
public class FormatHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) {
        IEditorPart part = HandlerUtil.getActiveEditor(event);
        if (part instanceof ITextEditor editor && LinkerScriptContentType.matches(editor.getEditorInput())) {
            format(editor);
        }
        return null;
    }

    /** Replaces the editor's text by its formatted form (one undoable change), if it differs. */
    public static void format(ITextEditor editor) {
        IDocument document = editor.getDocumentProvider().getDocument(editor.getEditorInput());
        String text = document.get();
        String formatted = LinkerScriptFormatter.format(text);
        if (!formatted.equals(text)) {
            document.set(formatted);
        }
    }
}
