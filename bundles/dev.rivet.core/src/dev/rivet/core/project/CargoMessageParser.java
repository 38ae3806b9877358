package dev.rivet.core.project;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.util.Optional;

/**
 * Reads the lines cargo prints on standard output with {@code --message-format=json}. Each line is
 * one JSON object whose {@code reason} says what it is (the Cargo Book, "External tools", JSON
 * messages); a {@code compiler-message} carries rustc's diagnostic with {@code level},
 * {@code message}, {@code code}, {@code spans[]} (one {@code is_primary}) and {@code rendered}
 * (the rustc book, "JSON Output").
 */
public final class CargoMessageParser {

    private CargoMessageParser() {
    }

    /** Parses one line; never throws: text that is not a JSON object is {@link CargoMessage.Ignored}. */
    public static CargoMessage parse(String line) {
        String text = line.strip();
        if (!text.startsWith("{")) {
            return new CargoMessage.Ignored();
        }
        try {
            JsonObject json = JsonParser.parseString(text).getAsJsonObject();
            return switch (string(json, "reason")) {
                case "compiler-message" -> diagnostic(json.getAsJsonObject("message"));
                case "compiler-artifact" -> artifact(json);
                case "build-finished" -> new CargoMessage.Finished(json.has("success")
                        && json.get("success").getAsBoolean());
                default -> new CargoMessage.Ignored();
            };
        } catch (JsonParseException | IllegalStateException | ClassCastException | UnsupportedOperationException e) {
            return new CargoMessage.Ignored();
        }
    }

    private static CargoMessage diagnostic(JsonObject message) {
        if (message == null) {
            return new CargoMessage.Ignored();
        }
        CargoDiagnostic.Severity severity = switch (string(message, "level")) {
            case "error", "error: internal compiler error" -> CargoDiagnostic.Severity.ERROR;
            case "warning" -> CargoDiagnostic.Severity.WARNING;
            default -> null;
        };
        String text = string(message, "message");
        if (severity == null || isSummary(text)) {
            return new CargoMessage.Ignored();
        }
        JsonElement code = message.get("code");
        if (code != null && code.isJsonObject()) {
            String c = string(code.getAsJsonObject(), "code");
            if (!c.isEmpty()) {
                text = text + " [" + c + "]";
            }
        }
        String rendered = string(message, "rendered");
        Optional<JsonObject> span = primarySpan(message.get("spans"));
        if (span.isEmpty()) {
            return new CargoMessage.Diagnostic(new CargoDiagnostic(severity, text, Optional.empty(), 0, 0, rendered));
        }
        JsonObject s = span.get();
        return new CargoMessage.Diagnostic(new CargoDiagnostic(severity, text, Optional.of(string(s, "file_name")),
                integer(s, "line_start"), integer(s, "column_start"), rendered));
    }

    /** rustc's closing lines ("aborting due to 2 previous errors", "3 warnings emitted") repeat the count only. */
    private static boolean isSummary(String text) {
        return text.startsWith("aborting due to") || text.matches("\\d+ warnings? emitted")
                || text.matches(".*generated \\d+ warnings?.*");
    }

    /**
     * The primary span; for a span inside a macro expansion, the place in the user's code the
     * expansion came from is what the user can edit, so follow {@code expansion.span} outwards.
     */
    private static Optional<JsonObject> primarySpan(JsonElement spans) {
        if (spans == null || !spans.isJsonArray()) {
            return Optional.empty();
        }
        JsonArray array = spans.getAsJsonArray();
        for (JsonElement e : array) {
            JsonObject span = e.getAsJsonObject();
            if (span.has("is_primary") && span.get("is_primary").getAsBoolean()) {
                return Optional.of(outermost(span));
            }
        }
        return array.isEmpty() ? Optional.empty() : Optional.of(outermost(array.get(0).getAsJsonObject()));
    }

    private static JsonObject outermost(JsonObject span) {
        JsonObject s = span;
        for (int depth = 0; depth < 32; depth++) {
            JsonElement expansion = s.get("expansion");
            if (expansion == null || !expansion.isJsonObject()) {
                break;
            }
            JsonElement next = expansion.getAsJsonObject().get("span");
            if (next == null || !next.isJsonObject()) {
                break;
            }
            s = next.getAsJsonObject();
        }
        return s;
    }

    private static CargoMessage artifact(JsonObject json) {
        JsonObject target = json.getAsJsonObject("target");
        String name = target == null ? "" : string(target, "name");
        return new CargoMessage.Artifact(name, string(json, "executable"));
    }

    private static String string(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() || !e.isJsonPrimitive() ? "" : e.getAsString();
    }

    private static int integer(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || !e.isJsonPrimitive() ? 0 : e.getAsInt();
    }
}
