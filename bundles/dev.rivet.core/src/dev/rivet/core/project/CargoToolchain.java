package dev.rivet.core.project;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cargo and rustc that build a Rivet kernel, chosen the way the kernel's
 * {@code scripts/toolchain.sh} chooses them: {@code RIVET_CARGO} and {@code RIVET_RUSTC} when both
 * are set, otherwise Debian's {@code /usr/bin/cargo} and {@code /usr/bin/rustc} (rustc-web 1.96,
 * which builds {@code core} and {@code alloc} from rust-web-src with {@code -Zbuild-std}, enabled by
 * {@code RUSTC_BOOTSTRAP=1}). rustup's proxies, which come first on PATH on our machines and have no
 * RISC-V target, are never used: {@code RUSTC} is always set explicitly.
 *
 * @param cargo the cargo program
 * @param rustc the rustc that cargo must call
 */
public record CargoToolchain(Path cargo, Path rustc) {

    /** Debian's cargo (package cargo-web). */
    public static final Path DEBIAN_CARGO = Path.of("/usr/bin/cargo");
    /** Debian's rustc (package rustc-web). */
    public static final Path DEBIAN_RUSTC = Path.of("/usr/bin/rustc");

    /**
     * Chooses the toolchain from the environment.
     *
     * @return the toolchain, or empty with {@code problem} filled in when a program is missing
     */
    public static Optional<CargoToolchain> locate(Map<String, String> environment, StringBuilder problem) {
        String cargo = environment.get("RIVET_CARGO");
        String rustc = environment.get("RIVET_RUSTC");
        CargoToolchain chosen;
        if (cargo != null || rustc != null) {
            if (cargo == null || rustc == null) {
                problem.append("RIVET_CARGO and RIVET_RUSTC must be set together");
                return Optional.empty();
            }
            chosen = new CargoToolchain(Path.of(cargo), Path.of(rustc));
        } else {
            chosen = new CargoToolchain(DEBIAN_CARGO, DEBIAN_RUSTC);
        }
        for (Path p : List.of(chosen.cargo, chosen.rustc)) {
            if (!Files.isExecutable(p)) {
                problem.append("no executable ").append(p).append(": install the Debian packages rustc-web, "
                        + "cargo-web and rust-web-src (./rivet test installs them), or set RIVET_CARGO and RIVET_RUSTC");
                return Optional.empty();
            }
        }
        return Optional.of(chosen);
    }

    /** {@code cargo <subcommand> --offline --message-format=json [extra...]}. */
    public List<String> command(String subcommand, String... extra) {
        List<String> command = new ArrayList<>();
        command.add(cargo.toString());
        command.add(subcommand);
        command.add("--offline");
        if (!subcommand.equals("clean")) {
            command.add("--message-format=json");
        }
        command.addAll(List.of(extra));
        return command;
    }

    /** Sets what cargo needs in {@code environment} (a process builder's). */
    public void configure(Map<String, String> environment) {
        environment.put("RUSTC", rustc.toString());
        environment.put("RUSTC_BOOTSTRAP", "1");
        environment.put("CARGO_TERM_COLOR", "never");
        environment.put("CARGO_TERM_PROGRESS_WHEN", "never");
    }
}
