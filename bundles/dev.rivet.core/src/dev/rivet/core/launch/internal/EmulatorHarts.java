package dev.rivet.core.launch.internal;

import dev.rivet.emulator.machine.HartFactory;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.Status;

/** Where the IDE gets the emulator's RV64GC harts from. */
final class EmulatorHarts {

    private EmulatorHarts() {
    }

    /** The emulator's hart factory. */
    static HartFactory factory() throws CoreException {
        throw new CoreException(Status.error(
                "this build of the emulator has no RV64GC hart yet (dev.rivet.emulator.cpu), so it cannot run a kernel"));
    }
}
