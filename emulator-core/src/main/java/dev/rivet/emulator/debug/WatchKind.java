package dev.rivet.emulator.debug;

/** Which accesses a {@link Watchpoint} reports (GDB's {@code watch}, {@code rwatch}, {@code awatch}). */
public enum WatchKind {
    WRITE, READ, ACCESS;

    /** Whether an access that reads ({@code read}) and/or writes ({@code write}) matches. */
    public boolean matches(boolean read, boolean write) {
        return switch (this) {
            case WRITE -> write;
            case READ -> read;
            case ACCESS -> read || write;
        };
    }
}
