package dev.rivet.core.project;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.core.resources.IFolder;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IResourceDelta;
import org.eclipse.core.resources.IncrementalProjectBuilder;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IPath;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;

/**
 * Builds a kernel project with {@code cargo build --message-format=json} in the project's
 * folder (the Cargo workspace root), shows the crate being compiled in the progress monitor,
 * stops cargo when the build is cancelled, and turns rustc's errors and warnings into Problems
 * markers ({@link ProblemMarkers}) at their file and line.
 *
 * <p>Changes inside {@code target/} (cargo's output, marked derived) do not start a build.
 */
public final class CargoBuilder extends IncrementalProjectBuilder {

    /** The builder's id (plugin.xml). */
    public static final String ID = "dev.rivet.core.cargoBuilder";
    /** Cargo's output folder in the project. */
    public static final String TARGET_FOLDER = "target";
    /** Where the kernel ELF of a debug build is, relative to the project. */
    public static final String DEBUG_OUTPUT = "target/riscv64gc-unknown-none-elf/debug";

    private static final int STDERR_LINES_KEPT = 20;

    @Override
    protected IProject[] build(int kind, Map<String, String> args, IProgressMonitor monitor) throws CoreException {
        IProject project = getProject();
        if (kind != FULL_BUILD && !sourcesChanged(getDelta(project))) {
            return null;
        }
        runCargo(project, "build", monitor);
        return null;
    }

    @Override
    protected void clean(IProgressMonitor monitor) throws CoreException {
        ProblemMarkers.clear(getProject());
        runCargo(getProject(), "clean", monitor);
    }

    private static boolean sourcesChanged(IResourceDelta delta) throws CoreException {
        if (delta == null) {
            return true;
        }
        boolean[] changed = { false };
        delta.accept(d -> {
            if (changed[0]) {
                return false;
            }
            IResource r = d.getResource();
            if (r.getType() == IResource.FOLDER && r.getParent().getType() == IResource.PROJECT
                    && (r.getName().equals(TARGET_FOLDER) || r.getName().startsWith("."))
                    && !r.getName().equals(".cargo")) {
                return false;
            }
            if (r.getType() == IResource.FILE) {
                changed[0] = true;
            }
            return true;
        });
        return changed[0];
    }

    private void runCargo(IProject project, String subcommand, IProgressMonitor monitor) throws CoreException {
        SubMonitor progress = SubMonitor.convert(monitor, "cargo " + subcommand + " in " + project.getName(), 100);
        if (subcommand.equals("build")) {
            ProblemMarkers.clear(project);
        }
        IPath location = project.getLocation();
        StringBuilder problem = new StringBuilder();
        Optional<CargoToolchain> toolchain = CargoToolchain.locate(System.getenv(), problem);
        if (toolchain.isEmpty() || location == null) {
            ProblemMarkers.addProjectError(project, location == null
                    ? "the project has no location on disk" : "cannot build: " + problem);
            return;
        }
        ProcessBuilder pb = new ProcessBuilder(toolchain.get().command(subcommand))
                .directory(location.toFile());
        toolchain.get().configure(pb.environment());
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            ProblemMarkers.addProjectError(project, "cannot start " + toolchain.get().cargo() + ": " + e.getMessage());
            return;
        }
        BlockingQueue<CargoMessage> messages = new LinkedBlockingQueue<>();
        Deque<String> stderrTail = new ArrayDeque<>();
        Thread stdout = pump(process.getInputStream(), "cargo-stdout", line -> messages.add(CargoMessageParser.parse(line)));
        Thread stderr = pump(process.getErrorStream(), "cargo-stderr", line -> {
            synchronized (stderrTail) {
                stderrTail.addLast(line);
                if (stderrTail.size() > STDERR_LINES_KEPT) {
                    stderrTail.removeFirst();
                }
            }
        });
        int errors = 0;
        try {
            while (true) {
                if (progress.isCanceled()) {
                    process.descendants().forEach(ProcessHandle::destroy);
                    process.destroy();
                    throw new OperationCanceledException();
                }
                CargoMessage m = messages.poll(100, TimeUnit.MILLISECONDS);
                if (m == null) {
                    if (!process.isAlive() && !stdout.isAlive()) {
                        break;
                    }
                    continue;
                }
                switch (m) {
                    case CargoMessage.Diagnostic d -> {
                        ProblemMarkers.add(project, d.diagnostic());
                        if (d.diagnostic().severity() == CargoDiagnostic.Severity.ERROR) {
                            errors++;
                        }
                    }
                    case CargoMessage.Artifact a -> {
                        progress.subTask("compiled " + a.crateName());
                        progress.setWorkRemaining(100).worked(1);
                    }
                    case CargoMessage.Finished f -> progress.subTask(f.success() ? "finished" : "failed");
                    case CargoMessage.Ignored i -> { }
                }
            }
            stderr.join(2000);
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new OperationCanceledException();
        }
        int status = process.exitValue();
        if (status != 0 && errors == 0) {
            String tail;
            synchronized (stderrTail) {
                tail = String.join("\n", List.copyOf(stderrTail));
            }
            ProblemMarkers.addProjectError(project, "cargo " + subcommand + " failed (exit status " + status + ")"
                    + (tail.isBlank() ? "" : ": " + tail.strip()));
        }
        refreshOutput(project, progress.split(1));
    }

    /**
     * Makes the built ELF visible in the workspace and marks target/ derived. Only the folders on
     * the way to the ELF are refreshed, not the thousands of files -Zbuild-std leaves under target/.
     */
    private static void refreshOutput(IProject project, IProgressMonitor monitor) throws CoreException {
        for (String path : List.of(TARGET_FOLDER, "target/riscv64gc-unknown-none-elf", DEBUG_OUTPUT)) {
            project.getFolder(path).refreshLocal(IResource.DEPTH_ONE, monitor);
        }
        IFolder target = project.getFolder(TARGET_FOLDER);
        if (target.exists() && !target.isDerived()) {
            target.setDerived(true, monitor);
        }
    }

    private static Thread pump(InputStream in, String name, java.util.function.Consumer<String> lines) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.accept(line);
                }
            } catch (IOException e) {
                lines.accept("(reading cargo's output failed: " + e.getMessage() + ")");
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
