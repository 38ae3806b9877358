package dev.rivet.core.launch;

import java.util.OptionalInt;

/**
 * How a kernel machine stopped.
 *
 * @param exitStatus  the status the guest wrote to the SiFive test finisher (0 for pass), if it did
 * @param description one line for the console, e.g. "the kernel exited through the test finisher with status 0"
 */
public record MachineStop(OptionalInt exitStatus, String description) {

    /** The guest wrote {@code status} to the test finisher. */
    public static MachineStop exited(int status) {
        return new MachineStop(OptionalInt.of(status), "the kernel exited through the test finisher with status "
                + status + (status == 0 ? " (pass)" : " (fail)"));
    }

    /** Stopped by the user. */
    public static MachineStop terminated() {
        return new MachineStop(OptionalInt.empty(), "terminated");
    }

    /** The machine failed on the host side (a disk image write failed, an emulator bug). */
    public static MachineStop failed(String why) {
        return new MachineStop(OptionalInt.empty(), "the emulator stopped: " + why);
    }

    /** The process exit value shown in the Debug view: the finisher status, or 0 after terminate, -1 after a failure. */
    public int exitValue() {
        if (exitStatus.isPresent()) {
            return exitStatus.getAsInt();
        }
        return description.startsWith("the emulator stopped") ? -1 : 0;
    }
}
