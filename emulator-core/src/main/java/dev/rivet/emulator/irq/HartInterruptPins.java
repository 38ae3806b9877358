package dev.rivet.emulator.irq;

/**
 * The interrupt inputs of one hart, driven by the platform's interrupt controllers: the CLINT
 * drives the machine software and timer interrupts, the PLIC the machine and supervisor
 * external interrupts.
 *
 * <p>Bits are those of the {@code mip} register (RISC-V privileged spec, section 3.1.9):
 * {@link #MSIP} 3, {@link #MTIP} 7, {@link #MEIP} 11, {@link #SEIP} 9. A hart implements this
 * interface; the level set here is what software reads in {@code mip} (for SEIP, OR-ed with the
 * software-writable bit, as section 3.1.9 specifies). Calls are made on the machine's thread.
 */
public interface HartInterruptPins {

    int MSIP = 3;
    int MTIP = 7;
    int SEIP = 9;
    int MEIP = 11;

    /** Sets the level of the {@code mip} bit {@code bit} (one of the constants above). */
    void setInterruptPending(int bit, boolean level);
}
