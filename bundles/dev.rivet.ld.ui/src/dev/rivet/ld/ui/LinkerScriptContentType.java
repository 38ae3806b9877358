package dev.rivet.ld.ui;

import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.content.IContentType;
import org.eclipse.ui.IEditorInput;

/** The content type of GNU linker scripts ({@code *.ld}, {@code *.lds}), declared in plugin.xml. */
public final class LinkerScriptContentType {

    /** Its id. */
    public static final String ID = "dev.rivet.ld.linkerScript";

    private LinkerScriptContentType() {
    }

    /** Whether {@code input}'s name says it is a linker script. */
    public static boolean matches(IEditorInput input) {
        if (input == null || input.getName() == null) {
            return false;
        }
        IContentType type = Platform.getContentTypeManager().findContentTypeFor(input.getName());
        IContentType ours = Platform.getContentTypeManager().getContentType(ID);
        return type != null && ours != null && type.isKindOf(ours);
    }
}
