package dev.rivet.ui.tests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.eclipse.core.expressions.EvaluationContext;
import org.eclipse.core.expressions.IEvaluationContext;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.debug.internal.ui.DebugUIPlugin;
import org.eclipse.debug.internal.ui.launchConfigurations.LaunchShortcutExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Where the Run As &gt; Rivet Kernel entry appears: the Run As menu evaluates each shortcut's
 * contextual-launch enablement on the selection, as this test does through the same
 * LaunchShortcutExtension: on a RISC-V ELF executable in any project, not on other files of a
 * plain project, nor on an ELF for another machine.
 */
class RunAsShortcutTest {

    private static final String SHORTCUT = "dev.rivet.ui.launch.kernelShortcut";
    private IProject plain;

    @BeforeEach
    void plainProject() throws Exception {
        plain = ResourcesPlugin.getWorkspace().getRoot().getProject("not-a-kernel-project");
        plain.create(new NullProgressMonitor());
        plain.open(new NullProgressMonitor());
    }

    @AfterEach
    void delete() throws Exception {
        plain.delete(true, true, new NullProgressMonitor());
    }

    @Test
    void rivetKernelIsOfferedOnRiscvElfFilesOnly() throws Exception {
        IFile riscv = file("prebuilt-kernel", elfHeader(243, 2));
        IFile x86 = file("host-tool", elfHeader(62, 2));
        IFile object = file("main.o", elfHeader(243, 1));
        IFile text = file("notes.txt", "a text file".getBytes());
        assertTrue(offered(riscv), "a RISC-V ELF executable");
        assertFalse(offered(x86), "an x86-64 ELF");
        assertFalse(offered(object), "a relocatable object");
        assertFalse(offered(text), "a text file");
        assertFalse(offered(plain), "a project without the kernel nature");
    }

    private IFile file(String name, byte[] content) throws Exception {
        IFile f = plain.getFile(name);
        f.create(new ByteArrayInputStream(content), true, new NullProgressMonitor());
        return f;
    }

    /** The first 64 bytes of an ELF64 little-endian file for {@code machine} of {@code type}. */
    private static byte[] elfHeader(int machine, int type) {
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1});
        b.putShort(16, (short) type).putShort(18, (short) machine).putInt(20, 1);
        return b.array();
    }

    /** What the Run As menu decides for a one-element selection. */
    private static boolean offered(IResource selected) throws Exception {
        LaunchShortcutExtension shortcut = DebugUIPlugin.getDefault().getLaunchConfigurationManager().getLaunchShortcuts()
                .stream().filter(s -> s.getId().equals(SHORTCUT)).findFirst()
                .orElseThrow(() -> new AssertionError("no launch shortcut " + SHORTCUT));
        IEvaluationContext context = new EvaluationContext(null, List.of(selected));
        context.setAllowPluginActivation(true);
        context.addVariable("selection", List.of(selected));
        return shortcut.evalEnablementExpression(context, shortcut.getContextualLaunchEnablementExpression());
    }
}
