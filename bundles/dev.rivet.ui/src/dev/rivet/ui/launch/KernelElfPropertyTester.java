package dev.rivet.ui.launch;

import dev.rivet.emulator.loader.ElfImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import org.eclipse.core.expressions.PropertyTester;
import org.eclipse.core.resources.IFile;

/**
 * Property {@code dev.rivet.ui.isKernelElf} of an {@link IFile}: whether the file is an ELF64
 * RISC-V executable ({@link ElfImage#isRiscv64Executable}), so that Run As &gt; Rivet Kernel is
 * offered on such a file in any project. Reads the first 64 bytes of the file.
 */
public final class KernelElfPropertyTester extends PropertyTester {

    @Override
    public boolean test(Object receiver, String property, Object[] args, Object expectedValue) {
        return receiver instanceof IFile file && isKernelElf(file);
    }

    /** Whether {@code file} is an ELF64 little-endian RISC-V executable. */
    static boolean isKernelElf(IFile file) {
        if (file.getLocation() == null) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file.getLocation().toPath())) {
            return ElfImage.isRiscv64Executable(in.readNBytes(64));
        } catch (IOException e) {
            return false; // unreadable: not something to offer
        }
    }
}
