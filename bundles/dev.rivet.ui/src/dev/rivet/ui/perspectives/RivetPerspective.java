package dev.rivet.ui.perspectives;

import dev.rivet.ui.views.MemoryMapView;
import org.eclipse.ui.IFolderLayout;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;
import org.eclipse.ui.console.IConsoleConstants;

/**
 * The Rivet perspective: projects on the left, the editor in the middle, the machine's views on
 * the right and the console below.
 */
public class RivetPerspective implements IPerspectiveFactory {

    /** The perspective's id, as declared in plugin.xml. */
    public static final String ID = "dev.rivet.ui.perspective";

    @Override
    public void createInitialLayout(IPageLayout layout) {
        String editorArea = layout.getEditorArea();
        layout.addView(IPageLayout.ID_PROJECT_EXPLORER, IPageLayout.LEFT, 0.2f, editorArea);
        IFolderLayout machine = layout.createFolder("dev.rivet.ui.machineFolder", IPageLayout.RIGHT, 0.5f, editorArea);
        machine.addView(MemoryMapView.ID);
        IFolderLayout bottom = layout.createFolder("dev.rivet.ui.bottomFolder", IPageLayout.BOTTOM, 0.7f, editorArea);
        bottom.addView(IConsoleConstants.ID_CONSOLE_VIEW);
        bottom.addView(IPageLayout.ID_PROBLEM_VIEW);
        layout.addShowViewShortcut(MemoryMapView.ID);
        layout.addShowViewShortcut(IConsoleConstants.ID_CONSOLE_VIEW);
        layout.addShowViewShortcut(IPageLayout.ID_PROJECT_EXPLORER);
        layout.addPerspectiveShortcut(ID);
    }
}
