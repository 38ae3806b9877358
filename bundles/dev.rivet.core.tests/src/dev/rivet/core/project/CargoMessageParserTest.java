package dev.rivet.core.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.eclipse.core.runtime.Platform;
import org.junit.jupiter.api.Test;

/**
 * Reads what cargo really prints: the fixtures are the standard output of
 * {@code /usr/bin/cargo build --offline --message-format=json} (Rust 1.96) on a two-line crate
 * with a type error, and on one with an unused variable.
 */
class CargoMessageParserTest {

    static List<String> fixture(String name) throws IOException {
        URL url = Platform.getBundle("dev.rivet.core.tests").getEntry("fixtures/cargo/" + name);
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    @Test
    void typeErrorBecomesAnErrorAtItsPrimarySpan() throws IOException {
        List<String> lines = fixture("type-error.json");
        CargoMessage first = CargoMessageParser.parse(lines.get(0));
        CargoDiagnostic d = assertInstanceOf(CargoMessage.Diagnostic.class, first).diagnostic();
        assertEquals(CargoDiagnostic.Severity.ERROR, d.severity());
        assertEquals("mismatched types [E0308]", d.message());
        assertEquals(Optional.of("demo/src/main.rs"), d.file());
        assertEquals(3, d.line(), "the primary span, not the 'expected due to this' one");
        assertEquals(18, d.column());
        assertTrue(d.rendered().startsWith("error[E0308]: mismatched types"));
        assertInstanceOf(CargoMessage.Ignored.class, CargoMessageParser.parse(lines.get(1)), "the failure note");
        assertEquals(new CargoMessage.Finished(false), CargoMessageParser.parse(lines.get(2)));
    }

    @Test
    void unusedVariableBecomesAWarning() throws IOException {
        List<String> lines = fixture("unused-variable.json");
        CargoDiagnostic d = assertInstanceOf(CargoMessage.Diagnostic.class, CargoMessageParser.parse(lines.get(0)))
                .diagnostic();
        assertEquals(CargoDiagnostic.Severity.WARNING, d.severity());
        assertEquals("unused variable: `unused`", d.message().replace(" [unused_variables]", ""));
        assertEquals(2, d.line());
        CargoMessage.Artifact a = assertInstanceOf(CargoMessage.Artifact.class, CargoMessageParser.parse(lines.get(1)));
        assertEquals("demo", a.crateName());
        assertTrue(a.executable().endsWith("/target/debug/demo"), a.executable());
        assertEquals(new CargoMessage.Finished(true), CargoMessageParser.parse(lines.get(2)));
    }

    @Test
    void summariesAndNonJsonAreIgnored() {
        String summary = "{\"reason\":\"compiler-message\",\"message\":{\"level\":\"warning\","
                + "\"message\":\"2 warnings emitted\",\"spans\":[],\"rendered\":\"warning: 2 warnings emitted\"}}";
        assertInstanceOf(CargoMessage.Ignored.class, CargoMessageParser.parse(summary));
        String aborting = "{\"reason\":\"compiler-message\",\"message\":{\"level\":\"error\","
                + "\"message\":\"aborting due to 1 previous error\",\"spans\":[],\"rendered\":\"\"}}";
        assertInstanceOf(CargoMessage.Ignored.class, CargoMessageParser.parse(aborting));
        assertInstanceOf(CargoMessage.Ignored.class, CargoMessageParser.parse("   Compiling core v0.0.0"));
        assertInstanceOf(CargoMessage.Ignored.class, CargoMessageParser.parse("{\"reason\": truncated"));
        assertInstanceOf(CargoMessage.Ignored.class, CargoMessageParser.parse("{\"reason\":[1,2]}"));
    }

    @Test
    void errorWithoutSpanKeepsItsMessage() {
        String linker = "{\"reason\":\"compiler-message\",\"message\":{\"level\":\"error\","
                + "\"message\":\"linking with `riscv64-unknown-elf-ld` failed: exit status: 1\",\"spans\":[],"
                + "\"code\":null,\"rendered\":\"error: linking failed\"}}";
        CargoDiagnostic d = assertInstanceOf(CargoMessage.Diagnostic.class, CargoMessageParser.parse(linker))
                .diagnostic();
        assertEquals(Optional.empty(), d.file());
        assertEquals(0, d.line());
    }

    @Test
    void spanInsideAMacroPointsAtTheCallSite() {
        String inMacro = "{\"reason\":\"compiler-message\",\"message\":{\"level\":\"error\",\"message\":\"bad\","
                + "\"spans\":[{\"file_name\":\"/rustlib/core/src/macros.rs\",\"line_start\":900,\"column_start\":1,"
                + "\"is_primary\":true,\"expansion\":{\"span\":{\"file_name\":\"kernel/src/shell.rs\","
                + "\"line_start\":42,\"column_start\":9,\"expansion\":null}}}],\"rendered\":\"\"}}";
        CargoDiagnostic d = assertInstanceOf(CargoMessage.Diagnostic.class, CargoMessageParser.parse(inMacro))
                .diagnostic();
        assertEquals(Optional.of("kernel/src/shell.rs"), d.file());
        assertEquals(42, d.line());
    }
}
