package dev.rivet.core.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivet.core.launch.KernelLaunchAttributes;
import dev.rivet.core.launch.KernelLaunchConfigurations;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IPath;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What ./rivet ide asks for with -Drivet.referenceKernel: the kernel's sources in place, ready to run. */
class ReferenceKernelProjectTest {

    @TempDir
    Path sources;
    private IProject project;
    private ILaunchConfiguration configuration;

    @BeforeAll
    static void noAutoBuild() throws CoreException {
        AutoBuild.off();
    }

    @AfterEach
    void cleanUp() throws CoreException {
        if (configuration != null) {
            configuration.delete();
        }
        if (project != null && project.exists()) {
            project.delete(false, true, new NullProgressMonitor()); // keep the sources: they are not ours
        }
    }

    @Test
    void referenceKernelIsOpenedInPlaceWithTheNatureAndALaunchConfiguration() throws Exception {
        Files.writeString(sources.resolve("Cargo.toml"), "[workspace]\nmembers = [\"kernel\"]\n");
        project = ReferenceKernelProject.ensure(sources, new NullProgressMonitor());
        assertEquals(ReferenceKernelProject.NAME, project.getName());
        assertEquals(IPath.fromPath(sources.toRealPath()), IPath.fromPath(project.getLocation().toPath().toRealPath()),
                "the project is the sources themselves, not a copy");
        assertTrue(project.hasNature(KernelProjectNature.ID));
        assertTrue(project.getFile("Cargo.toml").exists());
        assertEquals(project, ReferenceKernelProject.ensure(sources, new NullProgressMonitor()), "idempotent");

        configuration = KernelLaunchConfigurations.forProject(project);
        assertEquals(ReferenceKernelProject.NAME, configuration.getAttribute(KernelLaunchAttributes.PROJECT, ""));
        assertEquals("${workspace_loc:/rivet-kernel/target/riscv64gc-unknown-none-elf/debug/rivet-kernel}",
                configuration.getAttribute(KernelLaunchAttributes.ELF, ""));
        assertEquals(configuration, KernelLaunchConfigurations.forProject(project), "found again, not duplicated");
        assertTrue(Files.exists(sources.resolve("Cargo.toml")));
    }

    @Test
    void folderWithoutCargoTomlIsRefused() {
        CoreException e = assertThrows(CoreException.class,
                () -> ReferenceKernelProject.ensure(sources, new NullProgressMonitor()));
        assertEquals(ReferenceKernelProject.PROPERTY + "=" + sources + " is not a Cargo workspace (no Cargo.toml)",
                e.getStatus().getMessage());
    }
}
