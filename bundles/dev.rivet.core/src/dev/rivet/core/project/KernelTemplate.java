package dev.rivet.core.project;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.eclipse.core.resources.IContainer;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IFolder;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IProjectDescription;
import org.eclipse.core.resources.IWorkspace;
import org.eclipse.core.resources.ResourceAttributes;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IPath;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.osgi.framework.Bundle;

/**
 * The reference kernel as the template of new kernel projects. The build copies
 * {@code kernel-sources/} (without {@code target/}) into this bundle's {@code kernel-template/}
 * folder (see the bundle's pom.xml); {@link #createProject} makes a project of it.
 */
public final class KernelTemplate {

    /** The template's folder in the bundle. */
    public static final String FOLDER = "kernel-template";
    /** The file a new project opens in the editor. */
    public static final String MAIN_SOURCE = "kernel/src/main.rs";

    private KernelTemplate() {
    }

    /** The template's files, relative to its root, folders first (in the order they must be created). */
    public static List<String> entries() throws CoreException {
        Bundle bundle = Platform.getBundle("dev.rivet.core");
        Enumeration<URL> urls = bundle == null ? null : bundle.findEntries(FOLDER, "*", true);
        if (urls == null) {
            throw new CoreException(Status.error("the kernel template is missing from bundle dev.rivet.core ("
                    + FOLDER + "/); rebuild Rivet with ./rivet build"));
        }
        List<String> paths = new ArrayList<>();
        for (URL url : Collections.list(urls)) {
            String path = url.getPath();
            int at = path.indexOf("/" + FOLDER + "/");
            paths.add(path.substring(at + FOLDER.length() + 2));
        }
        paths.removeIf(String::isEmpty);
        Collections.sort(paths);
        return paths;
    }

    /**
     * Creates and opens {@code name} at {@code location} (the workspace default when null),
     * copies the template into it and gives it the kernel nature. Fails, changing nothing, if
     * the project exists.
     */
    public static IProject createProject(String name, IPath location, IProgressMonitor monitor) throws CoreException {
        SubMonitor progress = SubMonitor.convert(monitor, "Creating kernel project " + name, 100);
        IWorkspace workspace = ResourcesPlugin.getWorkspace();
        IProject project = workspace.getRoot().getProject(name);
        if (project.exists()) {
            throw new CoreException(Status.error("a project named " + name + " already exists"));
        }
        IProjectDescription description = workspace.newProjectDescription(name);
        description.setLocation(location);
        project.create(description, progress.split(5));
        project.open(progress.split(5));
        copyInto(project, progress.split(80));
        KernelProjectNature.addTo(project, progress.split(10));
        return project;
    }

    /** Copies every template file into {@code project}, keeping files that already exist. */
    public static void copyInto(IProject project, IProgressMonitor monitor) throws CoreException {
        List<String> entries = entries();
        SubMonitor progress = SubMonitor.convert(monitor, "Copying the reference kernel", entries.size());
        Bundle bundle = Platform.getBundle("dev.rivet.core");
        for (String path : entries) {
            if (path.endsWith("/")) {
                ensureFolder(project.getFolder(path), progress.split(1));
                continue;
            }
            IFile file = project.getFile(path);
            ensureFolder(file.getParent(), null);
            if (file.exists()) {
                progress.worked(1);
                continue;
            }
            URL url = bundle.getEntry(FOLDER + "/" + path);
            try (InputStream in = url.openStream()) {
                file.create(in, IFile.KEEP_HISTORY, progress.split(1));
            } catch (IOException e) {
                throw new CoreException(Status.error("could not copy " + path + " from the kernel template", e));
            }
            if (path.endsWith(".sh") || path.endsWith(".py")) {
                // a jar keeps no permission bits; the kernel's scripts (the cargo runner) must run
                ResourceAttributes attributes = file.getResourceAttributes();
                if (attributes != null) {
                    attributes.setExecutable(true);
                    file.setResourceAttributes(attributes);
                }
            }
        }
    }

    private static void ensureFolder(IContainer container, IProgressMonitor monitor) throws CoreException {
        if (container instanceof IFolder folder && !folder.exists()) {
            ensureFolder(folder.getParent(), monitor);
            folder.create(true, true, monitor);
        }
    }
}
