package dev.rivet.ld.ide.formatting;

import java.util.ArrayList;
import java.util.List;

/**
 * Formats a linker script's layout without touching its tokens: each line is re-indented by its
 * brace depth (two spaces per level; a line that starts with '}' closes its level first), lines
 * inside a comment keep their own shape aligned to the comment's start, trailing spaces go, runs
 * of blank lines shrink to one, and the text ends with one newline. Braces inside comments and
 * strings do not count. Formatting formatted text changes nothing.
 */
public final class LinkerScriptFormatter {

    private static final String INDENT = "  ";

    private LinkerScriptFormatter() {
    }

    /** {@code text} formatted. */
    public static String format(String text) {
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        List<String> out = new ArrayList<>();
        int depth = 0;
        boolean inComment = false;
        int commentIndent = 0;
        for (String raw : lines) {
            String trimmed = raw.strip();
            if (inComment) {
                String body = trimmed.startsWith("*") ? " " + trimmed : INDENT + trimmed;
                out.add(trimmed.isEmpty() ? "" : " ".repeat(commentIndent) + body);
            } else if (trimmed.isEmpty()) {
                if (!out.isEmpty() && !out.get(out.size() - 1).isEmpty()) {
                    out.add("");
                }
                continue;
            } else {
                int level = trimmed.startsWith("}") ? Math.max(0, depth - 1) : depth;
                out.add(INDENT.repeat(level) + trimmed);
            }
            // update brace depth and comment state from this line's code
            int[] state = scan(inComment ? "/*" + trimmed : trimmed, depth);
            depth = Math.max(0, state[0]);
            boolean nowInComment = state[1] == 1;
            if (!inComment && nowInComment) {
                commentIndent = leadingSpaces(out.get(out.size() - 1));
            }
            inComment = nowInComment;
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return String.join("\n", out) + "\n";
    }

    /** Returns {new depth, 1 if the line ends inside a comment}. */
    private static int[] scan(String line, int depth) {
        boolean comment = false;
        boolean string = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (comment) {
                if (c == '*' && i + 1 < line.length() && line.charAt(i + 1) == '/') {
                    comment = false;
                    i++;
                }
            } else if (string) {
                string = c != '"';
            } else if (c == '/' && i + 1 < line.length() && line.charAt(i + 1) == '*') {
                comment = true;
                i++;
            } else if (c == '"') {
                string = true;
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            }
        }
        return new int[] {depth, comment ? 1 : 0};
    }

    private static int leadingSpaces(String s) {
        int n = 0;
        while (n < s.length() && s.charAt(n) == ' ') {
            n++;
        }
        return n;
    }
}
