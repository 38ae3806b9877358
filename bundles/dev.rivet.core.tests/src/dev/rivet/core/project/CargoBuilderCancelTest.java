package dev.rivet.core.project;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IncrementalProjectBuilder;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cancelling a build stops cargo and the compilers it started. The monitor cancels as soon as
 * cargo is running (seen as a child process of this JVM), so the test costs a second or two of
 * compiling, not the whole build.
 */
class CargoBuilderCancelTest {

    private IProject project;

    @BeforeAll
    static void noAutoBuild() throws CoreException {
        AutoBuild.off();
    }

    @AfterEach
    void deleteProject() throws CoreException {
        if (project != null) {
            project.delete(true, true, new NullProgressMonitor());
        }
    }

    @Test
    void cancellingTheBuildStopsCargoAndItsCompilers() throws Exception {
        project = KernelTemplate.createProject("cancel-test", null, new NullProgressMonitor());
        List<ProcessHandle> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        NullProgressMonitor cancelWhenCargoRuns = new NullProgressMonitor() {
            @Override
            public boolean isCanceled() {
                if (!super.isCanceled()) {
                    List<ProcessHandle> cargo = ProcessHandle.current().descendants()
                            .filter(p -> p.info().command().orElse("").endsWith("cargo")).toList();
                    if (!cargo.isEmpty()) {
                        seen.addAll(cargo);
                        ProcessHandle.current().descendants().forEach(seen::add);
                        setCanceled(true);
                    }
                }
                return super.isCanceled();
            }
        };
        long start = System.nanoTime();
        assertThrows(OperationCanceledException.class,
                () -> project.build(IncrementalProjectBuilder.FULL_BUILD, cancelWhenCargoRuns));
        assertFalse(seen.isEmpty(), "cargo was started");
        for (ProcessHandle p : seen) {
            p.onExit().get(20, TimeUnit.SECONDS);
            assertFalse(p.isAlive(), p + " " + p.info().command().orElse("") + " ended");
        }
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30),
                "the build returned soon after the cancel, not after cargo finished");
    }
}
