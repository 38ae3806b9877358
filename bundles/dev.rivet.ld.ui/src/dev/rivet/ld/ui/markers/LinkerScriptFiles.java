package dev.rivet.ld.ui.markers;

import dev.rivet.core.project.KernelProjectNature;
import java.util.Locale;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;

/**
 * Which workspace files are linker scripts that get Problems markers.
 *
 * <ul>
 * <li>{@code *.ld} and {@code *.lds} in every open project: these names mean a linker script
 * everywhere (they are the editor's content type), and the editor checks such a file wherever it
 * lives, so the Problems view must agree with it in a C kernel or a plain project too.</li>
 * <li>{@code *.x} (binutils' name for ld's built-in scripts, {@code ldscripts/elf64lriscv.x}) only
 * in projects with the Rivet kernel nature: elsewhere {@code .x} is as likely a Sun RPC
 * definition, which must not be flooded with linker-script syntax errors.</li>
 * </ul>
 * Derived files (build output) and team-private files are never checked: they are not the
 * user's to fix.
 */
public final class LinkerScriptFiles {

    private LinkerScriptFiles() {
    }

    /** Whether {@code file} could be a checked script, judged by its name alone (for resource deltas). */
    public static boolean hasScriptName(IFile file) {
        String extension = extension(file);
        return "ld".equals(extension) || "lds".equals(extension) || "x".equals(extension);
    }

    /** Whether {@code file} is a linker script whose problems are shown as markers. */
    public static boolean isChecked(IFile file) {
        if (!file.isAccessible() || file.isDerived(IResource.CHECK_ANCESTORS)
                || file.isTeamPrivateMember(IResource.CHECK_ANCESTORS)) {
            return false;
        }
        String extension = extension(file);
        if ("ld".equals(extension) || "lds".equals(extension)) {
            return true;
        }
        return "x".equals(extension) && isKernelProject(file.getProject());
    }

    private static boolean isKernelProject(IProject project) {
        try {
            return project.isAccessible() && project.hasNature(KernelProjectNature.ID);
        } catch (CoreException e) {
            return false; // closed or without a readable description: not a kernel project
        }
    }

    private static String extension(IFile file) {
        String extension = file.getFileExtension();
        return extension == null ? "" : extension.toLowerCase(Locale.ROOT);
    }
}
