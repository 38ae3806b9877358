package dev.rivet.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivet.core.launch.KernelLaunchAttributes;
import dev.rivet.core.launch.KernelProcess;
import dev.rivet.core.project.KernelProjectNature;
import dev.rivet.core.project.KernelTemplate;
import dev.rivet.core.project.ProblemMarkers;
import dev.rivet.ui.launch.KernelLaunchShortcut;
import dev.rivet.ui.perspectives.RivetPerspective;
import dev.rivet.ui.wizards.NewKernelProjectWizard;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IWorkspaceDescription;
import org.eclipse.core.resources.IncrementalProjectBuilder;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.console.ConsolePlugin;
import org.eclipse.ui.console.IConsole;
import org.eclipse.ui.console.IConsoleConstants;
import org.eclipse.ui.console.IConsoleView;
import org.eclipse.ui.console.TextConsole;
import org.eclipse.ui.console.TextConsolePage;
import org.eclipse.ui.part.PageBookView;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What a user does first, in a real workbench: create a kernel project with the wizard, build it
 * with cargo, see a compile error as a marker at its line and see it go, run the kernel on the
 * emulator, read its banner in the console, type {@code help}, terminate; run it again and make
 * it panic to see the test finisher's exit status. A screenshot of every
 * step goes to {@code target/screenshots/workflow-*.png}. The steps share one project and run in
 * order; the first cargo build (with -Zbuild-std) takes about a minute.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KernelProjectWorkflowTest {

    static final String PROJECT = "my-kernel";
    static final Duration FIRST_BUILD = Duration.ofMinutes(5);
    static final Duration REBUILD = Duration.ofMinutes(2);
    static final Duration CONSOLE = Duration.ofSeconds(90);

    private static IWorkbenchWindow window;
    private static IWorkbenchPage page;
    private static Display display;
    private static IProject project;
    private static IProcess process;
    private static TextConsole console;

    @BeforeAll
    static void rivetPerspectiveWithoutAutoBuild() throws CoreException {
        window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        assertNotNull(window, "a workbench window is open");
        display = window.getShell().getDisplay();
        page = window.getActivePage();
        page.closeAllEditors(false);
        page.setPerspective(PlatformUI.getWorkbench().getPerspectiveRegistry().findPerspectiveWithId(RivetPerspective.ID));
        window.getShell().setBounds(display.getPrimaryMonitor().getClientArea());
        // builds are started by the test (Project > Build Project), so their ends are known
        IWorkspaceDescription description = ResourcesPlugin.getWorkspace().getDescription();
        description.setAutoBuilding(false);
        ResourcesPlugin.getWorkspace().setDescription(description);
        Screenshots.flush(display);
    }

    @Test
    @Order(1)
    void wizardCreatesTheProjectFromTheReferenceKernelAndOpensIt() throws Exception {
        NewKernelProjectWizard wizard = new NewKernelProjectWizard();
        wizard.init(PlatformUI.getWorkbench(), StructuredSelection.EMPTY);
        WizardDialog dialog = new WizardDialog(window.getShell(), wizard);
        dialog.setBlockOnOpen(false);
        dialog.open();
        Shell shell = dialog.getShell();
        Text name = find(shell, Text.class, t -> (t.getStyle() & SWT.READ_ONLY) == 0);
        name.setText(PROJECT);
        Screenshots.capture(shell, "workflow-1-wizard");
        Button finish = find(shell, Button.class, b -> b.getText().replace("&", "").equals("Finish"));
        assertTrue(finish.isEnabled(), "the wizard can finish with a project name");
        finish.notifyListeners(SWT.Selection, null);
        spinUntil(() -> shell.isDisposed(), Duration.ofSeconds(60), "the wizard closes");

        project = ResourcesPlugin.getWorkspace().getRoot().getProject(PROJECT);
        assertTrue(project.isOpen());
        assertTrue(project.hasNature(KernelProjectNature.ID));
        assertTrue(project.getFile("Cargo.toml").exists() && project.getFile(".cargo/config.toml").exists());
        IEditorPart editor = page.getActiveEditor();
        assertNotNull(editor, "the wizard opens the kernel's main source");
        assertEquals("main.rs", editor.getEditorInput().getName());
        Screenshots.capture(window.getShell(), "workflow-2-project-created");
    }

    @Test
    @Order(2)
    void cargoBuildsTheKernelWithoutErrors() throws Exception {
        Job build = buildJob();
        spinUntil(() -> build.getResult() != null, Duration.ofSeconds(8), null); // mid-build
        Screenshots.capture(window.getShell(), "workflow-3-building");
        spinUntil(() -> build.getResult() != null, FIRST_BUILD, "the first cargo build ends");
        assertEquals(IStatus.OK, build.getResult().getSeverity(), build.getResult().toString());
        assertEquals(List.of(), problems(IMarker.SEVERITY_ERROR), "the reference kernel builds cleanly");
        IFile elf = project.getFile("target/riscv64gc-unknown-none-elf/debug/rivet-kernel");
        assertTrue(elf.exists(), "the ELF is in the workspace after the build");
        assertTrue(Files.size(elf.getLocation().toPath()) > 100_000);
        // Run As > Rivet Kernel on the ELF itself makes a configuration that boots that file
        ILaunchConfiguration forElf = dev.rivet.core.launch.KernelLaunchConfigurations.forElf(elf);
        assertEquals("${workspace_loc:" + elf.getFullPath() + "}", forElf.getAttribute(KernelLaunchAttributes.ELF, ""));
        assertEquals(elf.getLocation().toPath(), dev.rivet.core.launch.KernelLaunchSettings.read(forElf).elf());
        forElf.delete();
        page.showView(IPageLayout.ID_PROBLEM_VIEW);
        Screenshots.capture(window.getShell(), "workflow-4-built");
    }

    @Test
    @Order(3)
    void compileErrorBecomesAMarkerAtItsLineAndGoesWhenFixed() throws Exception {
        IFile main = project.getFile(KernelTemplate.MAIN_SOURCE);
        String original = new String(main.getContents().readAllBytes(), StandardCharsets.UTF_8);
        long lines = original.chars().filter(c -> c == '\n').count();
        String broken = original + "\nfn injected_error() -> u32 {\n    \"not a number\"\n}\n";
        main.setContents(new ByteArrayInputStream(broken.getBytes(StandardCharsets.UTF_8)), IResource.FORCE, null);
        try {
            runBuild(REBUILD);
            List<IMarker> errors = problems(IMarker.SEVERITY_ERROR);
            assertEquals(1, errors.size(), describe(errors));
            IMarker error = errors.get(0);
            assertEquals(main, error.getResource());
            assertEquals(lines + 3, error.getAttribute(IMarker.LINE_NUMBER, -1), "the line of the string literal");
            assertTrue(error.getAttribute(IMarker.MESSAGE, "").startsWith("mismatched types"), describe(errors));
            page.showView(IPageLayout.ID_PROBLEM_VIEW);
            IDE.gotoMarker(page.getActiveEditor(), error); // the editor scrolls to the line, the ruler shows it
            // the Problems view refreshes on its own schedule (a job): wait until it shows the error
            spinUntil(() -> problemsSummary().startsWith("1 error"), Duration.ofSeconds(30),
                    "the Problems view counts the error");
            EventLoop.spinUntil(display, () -> expandProblems() && problemsViewText().contains("mismatched types"), Duration.ofSeconds(30),
                    "the Problems view lists the error", () -> "it shows:\n" + problemsViewText());
            Screenshots.capture(window.getShell(), "workflow-5-error-marker");
        } finally {
            main.setContents(new ByteArrayInputStream(original.getBytes(StandardCharsets.UTF_8)), IResource.FORCE, null);
        }
        runBuild(REBUILD);
        assertEquals(List.of(), problems(IMarker.SEVERITY_ERROR), "the marker goes with the error");
        spinUntil(() -> !problemsSummary().contains("error"), Duration.ofSeconds(30),
                "the Problems view no longer counts an error");
        spinUntil(() -> !problemsViewText().contains("mismatched types"), Duration.ofSeconds(30),
                "the Problems view no longer lists the error");
        Screenshots.capture(window.getShell(), "workflow-6-error-fixed");
    }

    @Test
    @Order(4)
    void runAsRivetKernelBootsTheKernelAndItsBannerAppearsInTheConsole() throws Exception {
        ILaunchConfiguration configuration = KernelLaunchShortcut.launch(project, ILaunchManager.RUN_MODE);
        assertNotNull(configuration, "the shortcut made a configuration");
        assertEquals("${workspace_loc:/" + PROJECT + "/target/riscv64gc-unknown-none-elf/debug/rivet-kernel}",
                configuration.getAttribute(KernelLaunchAttributes.ELF, ""));
        spinUntil(() -> kernelProcess() != null, Duration.ofSeconds(60), "the launch adds a kernel process");
        process = kernelProcess();
        spinUntil(() -> consoleOf(process) != null, Duration.ofSeconds(30), "the launch has a console");
        console = consoleOf(process);
        spinUntil(() -> text().contains("rivet> ") || process.isTerminated(), CONSOLE, "the kernel's prompt appears");
        spinUntil(() -> text().contains("[Rivet: "), Duration.ofSeconds(2), null); // let a last line arrive
        assertTrue(!process.isTerminated(), "the kernel is still running; console:\n" + text());
        assertTrue(text().contains("Rivet kernel "), text());
        page.showView(IDebugUIConstants.ID_DEBUG_VIEW);
        spinUntil(() -> treeText().contains("rivet-kernel on Rivet virt"), Duration.ofSeconds(20),
                "the Debug view shows the kernel process");
        page.showView(IConsoleConstants.ID_CONSOLE_VIEW);
        ConsolePlugin.getDefault().getConsoleManager().showConsoleView(console);
        Screenshots.capture(window.getShell(), "workflow-7-banner");
    }

    @Test
    @Order(5)
    void typingHelpInTheConsoleReachesTheUart() throws Exception {
        int before = text().length();
        StyledText terminal = consoleWidget();
        // keys as the console widget receives them: each goes to the UART at once, nothing echoes locally
        type(terminal, "help");
        type(terminal, SWT.CR);
        spinUntil(() -> text().substring(before).contains("commands:") && text().substring(before).endsWith("rivet> "),
                CONSOLE, "the kernel answers help");
        String answer = text().substring(before);
        assertTrue(answer.startsWith("help\ncommands:\n"), "the kernel's echo once, no local echo: " + answer);
        for (String command : List.of("help", "mem", "ptdump", "shutdown")) {
            assertTrue(answer.lines().anyMatch(l -> l.startsWith("  " + command)), answer);
        }
        // the kernel's line editor sees Backspace (DEL) and ignores the arrow keys' escape sequences
        int second = text().length();
        type(terminal, "upte");
        type(terminal, SWT.BS);
        type(terminal, SWT.ARROW_UP);
        type(terminal, "ime");
        type(terminal, SWT.CR);
        spinUntil(() -> text().substring(second).endsWith("rivet> "), CONSOLE, "the kernel answers uptime");
        String uptime = text().substring(second);
        assertTrue(uptime.contains("uptime: ") && !uptime.contains("unknown command"), uptime);
        assertTrue(text().contains("rivet> uptime\n"), "the console interprets the kernel's \"\\b \\b\": " + uptime);
        Screenshots.capture(window.getShell(), "workflow-8-help");
    }

    /** The text widget of the console view's page for the kernel's console. */
    private static StyledText consoleWidget() throws Exception {
        IConsoleView view = (IConsoleView) page.showView(IConsoleConstants.ID_CONSOLE_VIEW);
        view.display(console);
        spinUntil(() -> ((PageBookView) view).getCurrentPage() instanceof TextConsolePage, Duration.ofSeconds(10),
                "the console view shows the kernel's console");
        StyledText widget = ((TextConsolePage) ((PageBookView) view).getCurrentPage()).getViewer().getTextWidget();
        widget.setFocus();
        return widget;
    }

    /** Presses the keys of {@code text}'s characters in {@code widget}. */
    private static void type(StyledText widget, String text) {
        for (char c : text.toCharArray()) {
            press(widget, c, c);
        }
    }

    /** Presses the key {@code keyCode} (an SWT constant such as {@code SWT.CR} or {@code SWT.ARROW_UP}). */
    private static void type(StyledText widget, int keyCode) {
        char character = switch (keyCode) {
            case SWT.CR -> '\r';
            case SWT.BS -> '\b';
            default -> 0;
        };
        press(widget, keyCode, character);
    }

    private static void press(StyledText widget, int keyCode, char character) {
        Event down = new Event();
        down.keyCode = keyCode;
        down.character = character;
        down.doit = true;
        widget.notifyListeners(SWT.KeyDown, down);
        Event up = new Event();
        up.keyCode = keyCode;
        up.character = character;
        widget.notifyListeners(SWT.KeyUp, up);
        while (display.readAndDispatch()) {
            // let the key's effects run
        }
    }

    @Test
    @Order(6)
    void terminateEndsTheProcess() throws Exception {
        assertTrue(process.canTerminate());
        process.terminate();
        spinUntil(() -> process.isTerminated(), Duration.ofSeconds(30), "the process ends");
        spinUntil(() -> text().contains("[Rivet: terminated]"), Duration.ofSeconds(10), "the console says so");
        assertEquals(0, process.getExitValue());
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().startsWith("rivet-machine")
                && t.isAlive()), "the machine thread has ended");
        page.showView(IDebugUIConstants.ID_DEBUG_VIEW);
        spinUntil(() -> treeText().contains("<terminated"), Duration.ofSeconds(20),
                "the Debug view shows the process terminated");
        Screenshots.capture(window.getShell(), "workflow-9-terminated");
    }

    @Test
    @Order(7)
    void testFinisherExitStatusIsShownWhenTheKernelStopsTheMachine() throws Exception {
        KernelLaunchShortcut.launch(project, ILaunchManager.RUN_MODE);
        spinUntil(() -> kernelProcess() != null, Duration.ofSeconds(60), "the second launch adds a kernel process");
        process = kernelProcess();
        spinUntil(() -> consoleOf(process) != null, Duration.ofSeconds(30), "the launch has a console");
        console = consoleOf(process);
        spinUntil(() -> text().contains("rivet> "), CONSOLE, "the kernel's prompt appears");
        IDocument document = console.getDocument();
        document.replace(document.getLength(), 0, "panic" + System.lineSeparator());
        spinUntil(() -> process.isTerminated(), CONSOLE, "the kernel stops the machine");
        spinUntil(() -> text().contains("[Rivet: the kernel exited"), Duration.ofSeconds(10), "the console says how");
        assertTrue(text().contains("KERNEL PANIC"), text());
        assertTrue(text().contains("[Rivet: the kernel exited through the test finisher with status 3 (fail)]"), text());
        assertEquals(3, process.getExitValue(), "the Debug view's exit value is the finisher's status");
        page.showView(IConsoleConstants.ID_CONSOLE_VIEW);
        Screenshots.flush(display);
        Screenshots.capture(window.getShell(), "workflow-10-exit-status");
    }

    // --- helpers -------------------------------------------------------------------------------

    private static Job buildJob() {
        Job job = Job.create("Build " + PROJECT, (org.eclipse.core.runtime.ICoreRunnable)
                monitor -> project.build(IncrementalProjectBuilder.INCREMENTAL_BUILD, monitor));
        job.setRule(ResourcesPlugin.getWorkspace().getRuleFactory().buildRule());
        job.setUser(true);
        job.schedule();
        return job;
    }

    private static void runBuild(Duration limit) {
        Job build = buildJob();
        spinUntil(() -> build.getResult() != null, limit, "cargo build ends");
        assertEquals(IStatus.OK, build.getResult().getSeverity(), build.getResult().toString());
    }

    private static List<IMarker> problems(int severity) throws CoreException {
        return Arrays.stream(project.findMarkers(ProblemMarkers.TYPE, true, IResource.DEPTH_INFINITE))
                .filter(m -> m.getAttribute(IMarker.SEVERITY, -1) == severity).toList();
    }

    private static String describe(List<IMarker> markers) {
        return markers.stream().map(m -> m.getResource().getProjectRelativePath() + ":"
                + m.getAttribute(IMarker.LINE_NUMBER, -1) + " " + m.getAttribute(IMarker.MESSAGE, ""))
                .collect(Collectors.joining("\n"));
    }

    /** The text of every tree item on screen (the Debug view's launches and processes among them). */
    private static String treeText() {
        StringBuilder text = new StringBuilder();
        collectTreeText(window.getShell(), text);
        return text.toString();
    }

    private static void collectTreeText(Composite root, StringBuilder text) {
        for (Control c : root.getChildren()) {
            if (c instanceof Tree tree) {
                for (TreeItem item : tree.getItems()) {
                    appendItem(item, text);
                }
            } else if (c instanceof Composite composite) {
                collectTreeText(composite, text);
            }
        }
    }

    private static void appendItem(TreeItem item, StringBuilder text) {
        text.append(item.getText()).append('\n');
        for (TreeItem child : item.getItems()) {
            appendItem(child, text);
        }
    }

    /** The Problems view's summary line ("1 error, 0 warnings, 0 others", "0 items"), or "". */
    private static String problemsSummary() {
        return page.findView(IPageLayout.ID_PROBLEM_VIEW) instanceof org.eclipse.ui.IWorkbenchPart2 view
                ? view.getContentDescription() : "";
    }

    private static Tree problemsTree() {
        return find(window.getShell(), Tree.class,
                t -> t.getColumnCount() > 0 && t.getColumn(0).getText().equals("Description"));
    }

    /** Expands the Problems view's categories, as a user clicks their arrows; true (to chain in conditions). */
    private static boolean expandProblems() {
        Tree tree = problemsTree();
        if (tree != null) {
            for (TreeItem category : tree.getItems()) {
                // what a click on the arrow does: the viewer creates the children on SWT.Expand
                org.eclipse.swt.widgets.Event expand = new org.eclipse.swt.widgets.Event();
                expand.item = category;
                tree.notifyListeners(SWT.Expand, expand);
                category.setExpanded(true);
            }
            tree.redraw();
        }
        return true;
    }

    /** Every line the Problems view shows (category rows and problems). */
    private static String problemsViewText() {
        Tree tree = problemsTree();
        if (tree == null) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (TreeItem category : tree.getItems()) {
            text.append(category.getText()).append('\n');
            for (TreeItem item : category.getItems()) {
                text.append(item.getText(0)).append('\n');
            }
        }
        return text.toString();
    }

    private static KernelProcess kernelProcess() {
        for (ILaunch launch : DebugPlugin.getDefault().getLaunchManager().getLaunches()) {
            for (IProcess p : launch.getProcesses()) {
                if (p instanceof KernelProcess k && !k.isTerminated()) {
                    return k;
                }
            }
        }
        return null;
    }

    private static TextConsole consoleOf(IProcess p) {
        for (IConsole c : ConsolePlugin.getDefault().getConsoleManager().getConsoles()) {
            if (c instanceof org.eclipse.debug.ui.console.IConsole pc && pc.getProcess() == p) {
                return (TextConsole) c;
            }
        }
        return null;
    }

    private static String text() {
        return console.getDocument().get().replace("\r", "");
    }

    private static void spinUntil(BooleanSupplier condition, Duration limit, String what) {
        EventLoop.spinUntil(display, condition, limit, what, console != null ? () -> "console:\n" + text() : null);
    }

    private static <T extends Control> T find(Composite root, Class<T> type, java.util.function.Predicate<T> test) {
        for (Control c : root.getChildren()) {
            if (type.isInstance(c) && test.test(type.cast(c))) {
                return type.cast(c);
            }
            if (c instanceof Composite composite) {
                T found = find(composite, type, test);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
