package dev.rivet.ld.ide;

import dev.rivet.ld.elf.ElfSections;
import dev.rivet.ld.ide.ScriptProblem.Severity;
import dev.rivet.ld.model.MachineProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.Issue;

/**
 * Everything that is wrong with a script, in one list: the language's issues (syntax errors,
 * undeclared regions, the validator's checks against the machine) and the checks against the
 * kernel ELF built with it ({@link ElfChecks}). The editor's annotations and the workspace's
 * markers are both made from this list, so the editor and the Problems view always agree.
 */
public final class ScriptProblems {

    /** The issue code of the checks against the built ELF. */
    public static final String ELF_CHECK = "dev.rivet.ld.builtElf";

    /** A kernel ELF built with the script, and its file name for messages. */
    public record BuiltElf(ElfSections elf, String name) {
    }

    private ScriptProblems() {
    }

    /**
     * The problems of {@code parsed} on {@code machine}, and against {@code built} when there is a
     * built ELF. Positions are clamped to the text: an issue without a position (none is known
     * today, but Xtext allows it) is put at the start rather than dropped.
     */
    public static List<ScriptProblem> of(ParsedScript parsed, MachineProfile machine, Optional<BuiltElf> built,
            CancelIndicator cancel) {
        List<ScriptProblem> problems = new ArrayList<>();
        int textLength = parsed.text().length();
        for (Issue issue : parsed.issues(machine, cancel)) {
            Severity severity = switch (issue.getSeverity()) {
                case ERROR -> Severity.ERROR;
                case WARNING -> Severity.WARNING;
                case INFO -> Severity.INFO;
                case IGNORE -> null;
            };
            if (severity == null) {
                continue;
            }
            int offset = issue.getOffset() == null ? 0 : Math.min(Math.max(0, issue.getOffset()), textLength);
            int length = issue.getLength() == null ? 0 : issue.getLength();
            problems.add(problem(parsed, severity, offset, length, issue.getMessage(),
                    issue.getCode() == null ? "" : issue.getCode()));
        }
        if (built.isPresent() && !cancel.isCanceled()) {
            for (ElfChecks.Finding f : ElfChecks.check(parsed, built.get().elf(), built.get().name())) {
                problems.add(problem(parsed, Severity.WARNING, f.offset(), f.length(), f.message(), ELF_CHECK));
            }
        }
        return problems;
    }

    /** A problem at {@code offset}, at least one character long unless at the end of the text. */
    private static ScriptProblem problem(ParsedScript parsed, Severity severity, int offset, int length,
            String message, String code) {
        int textLength = parsed.text().length();
        int start = Math.min(Math.max(0, offset), textLength);
        int size = Math.max(0, Math.min(length, textLength - start));
        if (size == 0 && start < textLength) {
            size = 1;
        }
        return new ScriptProblem(severity, start, size, parsed.lineOf(start),
                message == null || message.isBlank() ? "(no message)" : message, code);
    }
}
