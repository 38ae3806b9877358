package dev.rivet.emulator.cpu;

/**
 * The privilege modes of an RV64GC hart without the hypervisor extension (RISC-V privileged
 * spec, section 1.2, table 1.1). The {@link #encoding} is the value held in {@code mstatus.MPP}
 * and {@code mstatus.SPP} and the cause offset of an ECALL.
 */
public enum PrivilegeMode {
    USER(0), SUPERVISOR(1), MACHINE(3);

    private final int encoding;

    PrivilegeMode(int encoding) {
        this.encoding = encoding;
    }

    /** The two-bit encoding (U = 0, S = 1, M = 3). */
    public int encoding() {
        return encoding;
    }

    /** The mode with encoding {@code bits}; the reserved encoding 2 is refused. */
    public static PrivilegeMode of(int bits) {
        return switch (bits) {
            case 0 -> USER;
            case 1 -> SUPERVISOR;
            case 3 -> MACHINE;
            default -> throw new IllegalArgumentException("no privilege mode is encoded " + bits);
        };
    }
}
