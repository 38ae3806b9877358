package dev.rivet.ld.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivet.ld.LinkerScriptLanguage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.log4j.AppenderSkeleton;
import org.apache.log4j.Level;
import org.apache.log4j.Logger;
import org.apache.log4j.spi.LoggingEvent;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;

/**
 * Broken and truncated input: what an editor holds while a script is being typed, or a file cut
 * short by a failed copy. Truncated versions of real scripts go through the parser and the
 * validator, and GNU ld ({@code riscv64-unknown-elf-ld}) links each of them too, as the oracle:
 * <ul>
 * <li>no cut throws, and nothing is logged at ERROR level (Xtext catches exceptions of validators
 * and parsers and logs them through log4j instead of throwing: a swallowed exception would
 * otherwise pass unnoticed);</li>
 * <li>every cut that ld rejects as a script error (syntax error, EOF in comment, ...) gets at least
 * one error from Rivet;</li>
 * <li>every cut that ld links gets no error from Rivet.</li>
 * </ul>
 * The cuts: every prefix length of the reference kernel's {@code kernel.ld} and of the richest
 * fixture, and seeded random cuts of the other fixtures and of Debian's {@code elf64lriscv*}
 * scripts (ld's own built-in scripts for the target, so the ones ld accepts in full).
 */
class TruncatedScriptsTest {

    private static final int RANDOM_CUTS = 12;
    private static final long SEED = 20261122L;

    /** One truncated script: its number, where it comes from, and its text. */
    private record Cut(int id, String origin, int length, String text) {
        String name() {
            return String.format("cut%05d", id);
        }
    }

    /** What ld said about a cut. */
    private enum LdVerdict { LINKED, SCRIPT_ERROR, OTHER_ERROR }

    @Test
    void truncatedScriptsNeverThrowAndHaveErrorsWhereGnuLdRejectsThem() throws Exception {
        List<Cut> cuts = cuts();
        assertTrue(cuts.size() > 4000, "cuts: " + cuts.size());
        Map<Cut, LdVerdict> verdicts = linkAll(cuts);

        List<String> exceptions = new ArrayList<>();
        List<String> missedErrors = new ArrayList<>();
        List<String> falseErrors = new ArrayList<>();
        int scriptErrors = 0;
        int linked = 0;
        ErrorEvents logged = new ErrorEvents();
        Logger.getRootLogger().addAppender(logged);
        try {
            for (Cut cut : cuts) {
                List<Issue> issues;
                try {
                    issues = LinkerScriptLanguage.check("/truncated/" + cut.name() + ".ld", cut.text());
                } catch (RuntimeException | StackOverflowError e) {
                    exceptions.add(cut.origin() + " cut at " + cut.length() + ": " + e);
                    continue;
                }
                List<String> errors = issues.stream().filter(i -> i.getSeverity() == Severity.ERROR)
                        .map(i -> i.getLineNumber() + ": " + i.getMessage()).toList();
                switch (verdicts.get(cut)) {
                    case SCRIPT_ERROR -> {
                        scriptErrors++;
                        if (errors.isEmpty()) {
                            missedErrors.add(cut.origin() + " cut at " + cut.length() + ": ..."
                                    + tail(cut.text()));
                        }
                    }
                    case LINKED -> {
                        linked++;
                        if (!errors.isEmpty()) {
                            falseErrors.add(cut.origin() + " cut at " + cut.length() + ": " + errors);
                        }
                    }
                    case OTHER_ERROR -> {
                        // ld failed for a reason that is not the script's text (e.g. an empty PHDRS
                        // list): only "no exception" applies
                    }
                }
            }
        } finally {
            Logger.getRootLogger().removeAppender(logged);
        }
        assertEquals(List.of(), first(exceptions), exceptions.size() + " cuts threw");
        assertEquals(List.of(), first(logged.messages()), "errors logged by Xtext (swallowed exceptions)");
        assertEquals(List.of(), first(missedErrors), missedErrors.size() + " of " + scriptErrors
                + " cuts that ld rejects got no error from Rivet");
        assertEquals(List.of(), first(falseErrors), falseErrors.size() + " of " + linked
                + " cuts that ld links got errors from Rivet");
        assertTrue(scriptErrors > cuts.size() * 9 / 10, "most cuts are broken scripts: " + scriptErrors);
        assertTrue(linked > 20, "some cuts are whole statements that ld links: " + linked);
    }

    /** Every prefix of two scripts, random cuts of the other fixtures and of Debian's elf64lriscv scripts. */
    private static List<Cut> cuts() throws Exception {
        List<Cut> cuts = new ArrayList<>();
        Path fixtures = Path.of(System.getProperty("rivet.ld.fixtures", "fixtures"));
        Path kernel = Path.of(System.getProperty("rivet.repo", "../.."), "kernel-sources/kernel/kernel.ld");
        Path richest = fixtures.resolve("valid/phdrs-overlay-data.ld");
        for (Path script : List.of(kernel, richest)) {
            String text = Files.readString(script);
            for (int n = 0; n <= text.length(); n++) {
                cuts.add(new Cut(cuts.size(), script.getFileName().toString(), n, text.substring(0, n)));
            }
        }
        List<Path> others = new ArrayList<>();
        try (Stream<Path> files = Stream.concat(Files.list(fixtures.resolve("valid")), Files.list(fixtures.resolve("invalid")))) {
            files.filter(p -> !p.equals(richest)).sorted().forEach(others::add);
        }
        HostTools.ldscriptsOf(HostTools.BINUTILS).stream()
                .filter(p -> p.getFileName().toString().startsWith("elf64lriscv")).sorted().forEach(others::add);
        assertTrue(others.size() > 15, "scripts to cut: " + others);
        Random random = new Random(SEED);
        for (Path script : others) {
            String text = Files.readString(script, StandardCharsets.ISO_8859_1);
            for (int i = 0; i < RANDOM_CUTS; i++) {
                int n = random.nextInt(text.length() + 1);
                cuts.add(new Cut(cuts.size(), script.getFileName().toString(), n, text.substring(0, n)));
            }
        }
        return cuts;
    }

    /** Links every cut with GNU ld (one shell loop, ~2 ms a link) and classifies what it said. */
    private static Map<Cut, LdVerdict> linkAll(List<Cut> cuts) throws Exception {
        Path work = Path.of(System.getProperty("rivet.ld.work", "target/ld-work"), "truncated");
        Path object = HostTools.linkInput(work);
        Path dir = work.resolve("cuts");
        Files.createDirectories(dir);
        for (Cut cut : cuts) {
            Files.writeString(dir.resolve(cut.name() + ".ld"), cut.text(), StandardCharsets.ISO_8859_1);
        }
        HostTools.Result r = HostTools.run(dir, List.of("sh", "-c",
                "for f in *.ld; do \"$0\" -T \"$f\" -o out.elf \"$1\" > \"${f%.ld}.txt\" 2>&1; echo \"$? ${f%.ld}\"; done",
                HostTools.ld().toString(), object.toString()));
        assertEquals(0, r.exitCode(), r.output());
        Map<String, Integer> exitCodes = new HashMap<>();
        for (String line : r.output().split("\n")) {
            String[] parts = line.strip().split(" ", 2);
            exitCodes.put(parts[1], Integer.parseInt(parts[0]));
        }
        Map<Cut, LdVerdict> verdicts = new HashMap<>();
        for (Cut cut : cuts) {
            Integer exit = exitCodes.get(cut.name());
            assertTrue(exit != null, "ld ran on " + cut.name());
            String said = Files.readString(dir.resolve(cut.name() + ".txt"));
            verdicts.put(cut, exit == 0 ? LdVerdict.LINKED
                    : said.contains(cut.name() + ".ld:") || said.contains("EOF in comment") ? LdVerdict.SCRIPT_ERROR
                    : LdVerdict.OTHER_ERROR);
        }
        return verdicts;
    }

    private static String tail(String text) {
        return text.substring(Math.max(0, text.length() - 60)).replace("\n", "\\n");
    }

    private static List<String> first(List<String> list) {
        return list.subList(0, Math.min(list.size(), 15));
    }

    /** Collects log4j events at ERROR or above, and any event carrying an exception. */
    private static final class ErrorEvents extends AppenderSkeleton {

        private final List<String> messages = new ArrayList<>();

        @Override
        protected synchronized void append(LoggingEvent event) {
            if (event.getLevel().isGreaterOrEqual(Level.ERROR) || event.getThrowableInformation() != null) {
                messages.add(event.getLoggerName() + ": " + event.getRenderedMessage()
                        + (event.getThrowableInformation() == null ? "" : " " + event.getThrowableInformation().getThrowable()));
            }
        }

        synchronized List<String> messages() {
            return List.copyOf(messages);
        }

        @Override
        public void close() {
            // nothing to release
        }

        @Override
        public boolean requiresLayout() {
            return false;
        }
    }
}
