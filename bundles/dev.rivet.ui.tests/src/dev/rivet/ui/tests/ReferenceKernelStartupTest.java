package dev.rivet.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivet.core.launch.KernelLaunchAttributes;
import dev.rivet.core.project.KernelProjectNature;
import dev.rivet.core.project.ReferenceKernelProject;
import dev.rivet.ui.perspectives.RivetPerspective;
import dev.rivet.ui.views.MemoryMapView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IWorkspaceDescription;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.Platform;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IStartup;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.navigator.CommonNavigator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What {@code ./rivet ide} asks for: started with {@code -Drivet.referenceKernel=<kernel-sources>},
 * the workbench runs Rivet's registered {@code org.eclipse.ui.startup} contribution, which puts the
 * repository's reference kernel into the workspace, in place, as project {@code rivet-kernel} with
 * the kernel nature and a Rivet Kernel launch configuration; the Project Explorer shows it.
 * Screenshot: {@code target/screenshots/reference-kernel-project.png}.
 */
class ReferenceKernelStartupTest {

    private static final String STARTUP_CLASS = "dev.rivet.ui.internal.ReferenceKernelStartup";
    private IProject project;
    private String previousProperty;

    @AfterEach
    void removeTheProjectButKeepTheSources() throws Exception {
        for (ILaunchConfiguration c : configurations()) {
            c.delete();
        }
        if (project != null && project.exists()) {
            project.delete(false, true, new NullProgressMonitor());
        }
        if (previousProperty == null) {
            System.clearProperty(ReferenceKernelProject.PROPERTY);
        } else {
            System.setProperty(ReferenceKernelProject.PROPERTY, previousProperty);
        }
    }

    @Test
    void startingWithTheReferenceKernelPropertyOpensItAsAProjectReadyToRun() throws Exception {
        Path sources = Path.of(System.getProperty("rivet.kernelSources", "../../kernel-sources")).toRealPath();
        assertTrue(Files.isRegularFile(sources.resolve("Cargo.toml")), "the repository's kernel-sources: " + sources);
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        Display display = window.getShell().getDisplay();
        IWorkbenchPage page = window.getActivePage();
        page.setPerspective(PlatformUI.getWorkbench().getPerspectiveRegistry().findPerspectiveWithId(RivetPerspective.ID));
        window.getShell().setBounds(display.getPrimaryMonitor().getClientArea());
        IWorkspaceDescription description = ResourcesPlugin.getWorkspace().getDescription();
        description.setAutoBuilding(false); // the test is about opening the project, not building it
        ResourcesPlugin.getWorkspace().setDescription(description);

        previousProperty = System.setProperty(ReferenceKernelProject.PROPERTY, sources.toString());
        registeredStartup().earlyStartup();

        project = ResourcesPlugin.getWorkspace().getRoot().getProject(ReferenceKernelProject.NAME);
        EventLoop.spinUntil(display, () -> project.isOpen() && !configurations().isEmpty(), Duration.ofSeconds(60),
                "the startup job opened the project and made its launch configuration", null);
        assertEquals(sources, project.getLocation().toPath().toRealPath(), "the sources in place, not a copy");
        assertTrue(project.hasNature(KernelProjectNature.ID));
        assertTrue(project.getFile("kernel/kernel.ld").exists() && project.getFile(".cargo/config.toml").exists());
        ILaunchConfiguration configuration = configurations().get(0);
        assertEquals("${workspace_loc:/rivet-kernel/target/riscv64gc-unknown-none-elf/debug/rivet-kernel}",
                configuration.getAttribute(KernelLaunchAttributes.ELF, ""));

        CommonNavigator explorer = (CommonNavigator) page.showView(IPageLayout.ID_PROJECT_EXPLORER);
        Tree tree = explorer.getCommonViewer().getTree();
        EventLoop.spinUntil(display, () -> Arrays.stream(tree.getItems()).map(TreeItem::getText)
                .anyMatch(t -> t.startsWith(ReferenceKernelProject.NAME)), Duration.ofSeconds(20),
                "the Project Explorer shows rivet-kernel", null);
        assertNotNull(page.findView(MemoryMapView.ID), "the Memory Map view is open beside it");
        Screenshots.capture(window.getShell(), "reference-kernel-project");
    }

    /** Rivet's contribution to {@code org.eclipse.ui.startup}, as the workbench creates it. */
    private static IStartup registeredStartup() throws Exception {
        for (IConfigurationElement e : Platform.getExtensionRegistry().getConfigurationElementsFor("org.eclipse.ui.startup")) {
            if (STARTUP_CLASS.equals(e.getAttribute("class"))) {
                return (IStartup) e.createExecutableExtension("class");
            }
        }
        throw new AssertionError("no org.eclipse.ui.startup contribution " + STARTUP_CLASS);
    }

    private static List<ILaunchConfiguration> configurations() {
        try {
            ILaunchManager manager = DebugPlugin.getDefault().getLaunchManager();
            return Arrays.stream(manager.getLaunchConfigurations(
                    manager.getLaunchConfigurationType(KernelLaunchAttributes.TYPE_ID)))
                    .filter(c -> {
                        try {
                            return ReferenceKernelProject.NAME.equals(c.getAttribute(KernelLaunchAttributes.PROJECT, ""));
                        } catch (org.eclipse.core.runtime.CoreException e) {
                            return false;
                        }
                    }).toList();
        } catch (org.eclipse.core.runtime.CoreException e) {
            throw new AssertionError(e);
        }
    }
}
