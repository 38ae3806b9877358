package dev.rivet.emulator.debug;

import dev.rivet.emulator.cpu.PrivilegeMode;

/**
 * One trap taken by a hart, as the trap log keeps it.
 *
 * @param sequence  number of the trap since the log was created (0, 1, ...), over all harts
 * @param hart      the hart that trapped
 * @param cause     the value written to {@code xcause} (interrupt flag in bit 63; RISC-V
 *                  privileged spec, section 3.1.15, table 3.6)
 * @param epc       the value written to {@code xepc}
 * @param tval      the value written to {@code xtval}
 * @param from      privilege mode before the trap
 * @param to        privilege mode of the handler
 * @param satp      {@code satp} at the time of the trap
 */
public record TrapRecord(long sequence, int hart, long cause, long epc, long tval, PrivilegeMode from,
        PrivilegeMode to, long satp) {

    /** Whether the cause is an interrupt. */
    public boolean isInterrupt() {
        return cause < 0;
    }

    @Override
    public String toString() {
        return String.format("#%d hart %d %s %d epc=0x%x tval=0x%x %s->%s satp=0x%x", sequence, hart,
                isInterrupt() ? "interrupt" : "exception", cause & Long.MAX_VALUE, epc, tval,
                from.name().charAt(0), to.name().charAt(0), satp);
    }
}
