package dev.rivet.ld.tests.formatting;

/** A script's text with the whitespace outside comments and strings removed. */
final class ScriptText {

    private ScriptText() {
    }

    static String withoutWhitespaceOutsideComments(String text) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '/' && text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                end = end < 0 ? text.length() : end + 2;
                out.append(text, i, end);
                i = end;
            } else if (c == '"') {
                int end = text.indexOf('"', i + 1);
                end = end < 0 ? text.length() : end + 1;
                out.append(text, i, end);
                i = end;
            } else {
                if (!Character.isWhitespace(c)) {
                    out.append(c);
                }
                i++;
            }
        }
        return out.toString();
    }
}
