package dev.rivet.ld.ui.highlighting;

import dev.rivet.ld.ide.highlighting.HighlightStyle;
import java.util.EnumMap;
import java.util.Map;
import org.eclipse.jface.text.TextAttribute;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;

/** The text attributes of each {@link HighlightStyle}, in the colours Eclipse's own editors use. */
public final class HighlightColors {

    private static final Map<HighlightStyle, TextAttribute> ATTRIBUTES = new EnumMap<>(HighlightStyle.class);

    static {
        ATTRIBUTES.put(HighlightStyle.KEYWORD, new TextAttribute(new Color(127, 0, 85), null, SWT.BOLD));
        ATTRIBUTES.put(HighlightStyle.COMMENT, new TextAttribute(new Color(63, 127, 95)));
        ATTRIBUTES.put(HighlightStyle.NUMBER, new TextAttribute(new Color(125, 60, 0)));
        ATTRIBUTES.put(HighlightStyle.STRING, new TextAttribute(new Color(42, 0, 255)));
        ATTRIBUTES.put(HighlightStyle.SECTION, new TextAttribute(new Color(0, 80, 160), null, SWT.BOLD));
        ATTRIBUTES.put(HighlightStyle.REGION, new TextAttribute(new Color(0, 128, 128), null, SWT.BOLD | SWT.ITALIC));
        ATTRIBUTES.put(HighlightStyle.SYMBOL_DEFINITION, new TextAttribute(new Color(0, 0, 192), null, SWT.BOLD));
        ATTRIBUTES.put(HighlightStyle.SYMBOL, new TextAttribute(new Color(0, 0, 192)));
        ATTRIBUTES.put(HighlightStyle.PATTERN, new TextAttribute(new Color(100, 100, 100)));
        ATTRIBUTES.put(HighlightStyle.PHDR, new TextAttribute(new Color(150, 80, 0), null, SWT.ITALIC));
    }

    private HighlightColors() {
    }

    /** The attribute of {@code style}. */
    public static TextAttribute of(HighlightStyle style) {
        return ATTRIBUTES.get(style);
    }
}
