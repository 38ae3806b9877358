package dev.rivet.emulator.cpu.mmu;

/** The three kinds of memory access the MMU and PMP distinguish (privileged spec, section 4.3.2). */
public final class AccessType {

    public static final int FETCH = 0;
    public static final int LOAD = 1;
    /** Stores and AMOs (AMOs need write permission and raise store faults). */
    public static final int STORE = 2;

    private AccessType() {
    }

    /** The page-fault cause for an access of {@code type}. */
    public static int pageFault(int type) {
        return type == FETCH ? 12 : type == LOAD ? 13 : 15;
    }

    /** The access-fault cause for an access of {@code type}. */
    public static int accessFault(int type) {
        return type == FETCH ? 1 : type == LOAD ? 5 : 7;
    }

    /** The PMP permission bit an access of {@code type} needs. */
    public static int pmpPermission(int type) {
        return type == FETCH ? 4 : type == LOAD ? 1 : 2;
    }
}
