package dev.rivet.emulator.cpu.trap;

/**
 * Exception and interrupt codes of {@code mcause}/{@code scause} (RISC-V privileged spec,
 * section 3.1.15, table 3.6). Interrupt codes are also the bit numbers in {@code mip}/{@code mie}.
 */
public final class TrapCause {

    public static final int INSTRUCTION_ADDRESS_MISALIGNED = 0;
    public static final int INSTRUCTION_ACCESS_FAULT = 1;
    public static final int ILLEGAL_INSTRUCTION = 2;
    public static final int BREAKPOINT = 3;
    public static final int LOAD_ADDRESS_MISALIGNED = 4;
    public static final int LOAD_ACCESS_FAULT = 5;
    public static final int STORE_ADDRESS_MISALIGNED = 6;
    public static final int STORE_ACCESS_FAULT = 7;
    public static final int ECALL_FROM_U = 8;
    public static final int ECALL_FROM_S = 9;
    public static final int ECALL_FROM_M = 11;
    public static final int INSTRUCTION_PAGE_FAULT = 12;
    public static final int LOAD_PAGE_FAULT = 13;
    public static final int STORE_PAGE_FAULT = 15;

    public static final int SUPERVISOR_SOFTWARE_INTERRUPT = 1;
    public static final int MACHINE_SOFTWARE_INTERRUPT = 3;
    public static final int SUPERVISOR_TIMER_INTERRUPT = 5;
    public static final int MACHINE_TIMER_INTERRUPT = 7;
    public static final int SUPERVISOR_EXTERNAL_INTERRUPT = 9;
    public static final int MACHINE_EXTERNAL_INTERRUPT = 11;

    /** The interrupt bit of {@code xcause} on RV64. */
    public static final long INTERRUPT_FLAG = 1L << 63;

    private TrapCause() {
    }
}
