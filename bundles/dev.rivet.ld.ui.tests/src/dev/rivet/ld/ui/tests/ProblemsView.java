package dev.rivet.ld.ui.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.jface.viewers.ISelectionProvider;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;

/** The workbench's Problems view as a user sees it: the rows of its tree, and double-clicking one. */
public final class ProblemsView {

    /** The linker-script marker type. */
    public static final String SCRIPT_PROBLEM = "dev.rivet.ld.problem";

    private final IWorkbenchPage page;
    private IViewPart view;
    private TreeViewer viewer;

    private ProblemsView(IWorkbenchPage page, IViewPart view) {
        this.page = page;
        this.view = view;
        this.viewer = viewerOf(view);
    }

    /** Shows the Problems view of {@code page}. */
    public static ProblemsView show(IWorkbenchPage page) throws PartInitException {
        return new ProblemsView(page, page.showView(IPageLayout.ID_PROBLEM_VIEW));
    }

    private static TreeViewer viewerOf(IViewPart view) {
        EditorFixture.flush();
        ISelectionProvider provider = view.getSite().getSelectionProvider();
        assertTrue(provider instanceof TreeViewer, "the Problems view is a tree: " + provider);
        return (TreeViewer) provider;
    }

    /** The text of every row (groups expanded), the columns of a row joined by " | ". */
    public List<String> rows() {
        viewer.expandAll();
        List<String> rows = new ArrayList<>();
        for (TreeItem item : viewer.getTree().getItems()) {
            collect(item, rows);
        }
        return rows;
    }

    /**
     * Waits until a row contains {@code text}. An open Problems view shows marker changes made
     * outside a build after 10 to 30 s (MarkerUpdateScheduler's LONG_DELAY and TIME_OUT), while a
     * view that opens lists the current markers at once: so while waiting, the view is closed and
     * opened again every few seconds, as a user would to see the latest state.
     */
    public void waitForRow(String text) {
        waitFor("a Problems row with '" + text + "'", () -> row(text).isPresent());
    }

    /** Waits until no row contains {@code text}; see {@link #waitForRow}. */
    public void waitForNoRow(String text) {
        waitFor("no Problems row with '" + text + "'", () -> row(text).isEmpty());
    }

    private void waitFor(String what, BooleanSupplier condition) {
        long[] lastLook = {0};
        long[] lastOpened = {System.currentTimeMillis()};
        try {
            EditorFixture.waitUntil(what, () -> {
                long now = System.currentTimeMillis();
                if (now - lastLook[0] < 500) {
                    return false; // let the view work: expanding its tree while it fills it starts it over
                }
                lastLook[0] = now;
                if (condition.getAsBoolean()) {
                    return true;
                }
                if (now - lastOpened[0] > 3000) {
                    lastOpened[0] = now;
                    reopen();
                }
                return false;
            }, 20_000);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the rows: " + rows(), e);
        }
    }

    private void reopen() {
        page.hideView(view);
        try {
            view = page.showView(IPageLayout.ID_PROBLEM_VIEW);
        } catch (PartInitException e) {
            throw new IllegalStateException(e);
        }
        viewer = viewerOf(view);
    }

    /** Maximizes the view (a screenshot of long messages), or restores it. */
    public void maximize(boolean maximized) {
        page.setPartState(page.getReference(view), maximized ? IWorkbenchPage.STATE_MAXIMIZED : IWorkbenchPage.STATE_RESTORED);
        EditorFixture.flush();
    }

    /** Widens the Description column to its longest message (for screenshots that show whole messages). */
    public void showWholeMessages() {
        viewer.expandAll();
        if (viewer.getTree().getColumnCount() > 0) {
            viewer.getTree().getColumn(0).pack();
        }
        EditorFixture.flush();
    }

    /** Double-clicks the row containing {@code text}, as a user opening the problem. */
    public void doubleClick(String text) {
        TreeItem item = row(text).orElse(null);
        assertNotNull(item, "a row with '" + text + "' in " + rows());
        Tree tree = viewer.getTree();
        tree.setSelection(item);
        Event selection = new Event();
        selection.item = item;
        tree.notifyListeners(SWT.Selection, selection);
        Event doubleClick = new Event();
        doubleClick.item = item;
        tree.notifyListeners(SWT.DefaultSelection, doubleClick);
        EditorFixture.flush();
    }

    private Optional<TreeItem> row(String text) {
        viewer.expandAll();
        List<TreeItem> all = new ArrayList<>();
        for (TreeItem item : viewer.getTree().getItems()) {
            all(item, all);
        }
        return all.stream().filter(i -> rowText(i).contains(text)).findFirst();
    }

    private static void all(TreeItem item, List<TreeItem> into) {
        into.add(item);
        for (TreeItem child : item.getItems()) {
            all(child, into);
        }
    }

    private static void collect(TreeItem item, List<String> rows) {
        rows.add(rowText(item));
        for (TreeItem child : item.getItems()) {
            collect(child, rows);
        }
    }

    private static String rowText(TreeItem item) {
        int columns = Math.max(1, item.getParent().getColumnCount());
        List<String> cells = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            cells.add(item.getText(c));
        }
        return String.join(" | ", cells);
    }

    /** The linker-script markers of {@code file}. */
    public static List<IMarker> markersOf(IFile file) {
        try {
            return file.exists() ? List.of(file.findMarkers(SCRIPT_PROBLEM, false, IResource.DEPTH_ZERO)) : List.of();
        } catch (CoreException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The messages of {@code file}'s linker-script markers of {@code severity} ({@link IMarker#SEVERITY_ERROR}, ...). */
    public static List<String> messages(IFile file, int severity) {
        return markersOf(file).stream().filter(m -> m.getAttribute(IMarker.SEVERITY, -1) == severity)
                .map(m -> m.getAttribute(IMarker.MESSAGE, "")).toList();
    }
}
