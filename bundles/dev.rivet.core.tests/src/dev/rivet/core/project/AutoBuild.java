package dev.rivet.core.project;

import org.eclipse.core.resources.IWorkspaceDescription;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;

/** Tests that make kernel projects build them themselves, if at all: no cargo run starts behind their back. */
final class AutoBuild {

    private AutoBuild() {
    }

    static void off() throws CoreException {
        IWorkspaceDescription description = ResourcesPlugin.getWorkspace().getDescription();
        if (description.isAutoBuilding()) {
            description.setAutoBuilding(false);
            ResourcesPlugin.getWorkspace().setDescription(description);
        }
    }
}
