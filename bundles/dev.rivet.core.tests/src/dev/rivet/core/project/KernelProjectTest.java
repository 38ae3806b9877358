package dev.rivet.core.project;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import org.eclipse.core.resources.ICommand;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A project made from the kernel template (the reference kernel, copied into the bundle at build
 * time) and Cargo diagnostics placed on its files. The build itself is exercised by the UI test.
 */
class KernelProjectTest {

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
    void templateIsTheReferenceKernelWithoutBuildOutput() throws CoreException {
        List<String> entries = KernelTemplate.entries();
        assertTrue(entries.containsAll(List.of("Cargo.toml", ".cargo/config.toml", "kernel/Cargo.toml",
                KernelTemplate.MAIN_SOURCE, "kernel/kernel.ld", "scripts/run.sh")), entries.toString());
        assertFalse(entries.stream().anyMatch(e -> e.startsWith("target/")), "no cargo output in the template");
    }

    @Test
    void newProjectHasTheSourcesTheNatureAndTheCargoBuilder() throws Exception {
        project = KernelTemplate.createProject("template-test", null, new NullProgressMonitor());
        assertTrue(project.hasNature(KernelProjectNature.ID));
        ICommand[] spec = project.getDescription().getBuildSpec();
        assertArrayEquals(new String[] { CargoBuilder.ID }, java.util.Arrays.stream(spec)
                .map(ICommand::getBuilderName).toArray(String[]::new));
        IFile main = project.getFile(KernelTemplate.MAIN_SOURCE);
        assertTrue(main.exists());
        assertTrue(new String(main.getContents().readAllBytes()).contains("kmain"));
        assertTrue(Files.isExecutable(project.getFile("scripts/run.sh").getLocation().toPath()),
                "the cargo runner keeps its executable bit");
        CoreException twice = assertThrows(CoreException.class,
                () -> KernelTemplate.createProject("template-test", null, new NullProgressMonitor()));
        assertEquals("a project named template-test already exists", twice.getStatus().getMessage());
    }

    @Test
    void diagnosticsLandOnTheirFileAndLineOrOnTheProject() throws Exception {
        project = KernelTemplate.createProject("markers-test", null, new NullProgressMonitor());
        IFile main = project.getFile(KernelTemplate.MAIN_SOURCE);
        ProblemMarkers.add(project, new CargoDiagnostic(CargoDiagnostic.Severity.ERROR, "mismatched types",
                Optional.of(KernelTemplate.MAIN_SOURCE), 12, 5, ""));
        String absolute = main.getLocation().toOSString();
        ProblemMarkers.add(project, new CargoDiagnostic(CargoDiagnostic.Severity.WARNING, "unused",
                Optional.of(absolute), 7, 1, ""));
        ProblemMarkers.add(project, new CargoDiagnostic(CargoDiagnostic.Severity.ERROR, "in core",
                Optional.of("/usr/lib/rustlib/src/rust/library/core/src/lib.rs"), 3, 1, ""));

        IMarker[] onMain = main.findMarkers(ProblemMarkers.TYPE, false, IResource.DEPTH_ZERO);
        assertEquals(2, onMain.length);
        IMarker error = onMain[0].getAttribute(IMarker.SEVERITY, -1) == IMarker.SEVERITY_ERROR ? onMain[0] : onMain[1];
        IMarker warning = error == onMain[0] ? onMain[1] : onMain[0];
        assertEquals(12, error.getAttribute(IMarker.LINE_NUMBER, -1));
        assertEquals("mismatched types", error.getAttribute(IMarker.MESSAGE, ""));
        assertEquals(7, warning.getAttribute(IMarker.LINE_NUMBER, -1));
        assertEquals(IMarker.SEVERITY_WARNING, warning.getAttribute(IMarker.SEVERITY, -1));
        IMarker[] onProject = project.findMarkers(ProblemMarkers.TYPE, false, IResource.DEPTH_ZERO);
        assertEquals(1, onProject.length);
        assertEquals("/usr/lib/rustlib/src/rust/library/core/src/lib.rs:3: in core",
                onProject[0].getAttribute(IMarker.MESSAGE, ""));
        assertTrue(onProject[0].isSubtypeOf(IMarker.PROBLEM), "shown in the Problems view");

        ProblemMarkers.clear(project);
        assertEquals(0, project.findMarkers(ProblemMarkers.TYPE, false, IResource.DEPTH_INFINITE).length);
        assertTrue(ResourcesPlugin.getWorkspace().getRoot().exists(project.getFullPath()));
    }

    @Test
    void toolchainIsDebiansCargoUnlessOverridden() {
        StringBuilder problem = new StringBuilder();
        CargoToolchain debian = CargoToolchain.locate(java.util.Map.of(), problem).orElseThrow(
                () -> new AssertionError(problem + " (./rivet test installs rustc-web and cargo-web)"));
        assertEquals(CargoToolchain.DEBIAN_CARGO, debian.cargo());
        java.util.Map<String, String> env = new java.util.HashMap<>();
        debian.configure(env);
        assertEquals("/usr/bin/rustc", env.get("RUSTC"), "never rustup's proxy from PATH");
        assertEquals("1", env.get("RUSTC_BOOTSTRAP"), "-Zbuild-std on a stable compiler");
        assertEquals(List.of("/usr/bin/cargo", "build", "--offline", "--message-format=json"), debian.command("build"));

        StringBuilder half = new StringBuilder();
        assertTrue(CargoToolchain.locate(java.util.Map.of("RIVET_CARGO", "/usr/bin/cargo"), half).isEmpty());
        assertEquals("RIVET_CARGO and RIVET_RUSTC must be set together", half.toString());
        StringBuilder missing = new StringBuilder();
        assertTrue(CargoToolchain.locate(java.util.Map.of("RIVET_CARGO", "/nope/cargo", "RIVET_RUSTC", "/nope/rustc"),
                missing).isEmpty());
        assertTrue(missing.toString().startsWith("no executable /nope/cargo"), missing.toString());
    }
}
