package dev.rivet.emulator.cpu.trap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivet.emulator.cpu.PrivilegeMode;
import dev.rivet.emulator.cpu.StopReason;
import dev.rivet.emulator.cpu.testing.TestMachine;
import dev.rivet.emulator.irq.HartInterruptPins;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Interrupt priority, global enables per mode, delegation, vectored xtvec and WFI (priv. spec 3.1.9, 3.3.3). */
class InterruptPriorityAndDelegationTest {

    private static final long BASE = TestMachine.RAM_BASE;
    private static final long VECTORS = BASE + 0x1000;
    private static final long MIE_BIT = 1L << 3;
    private TestMachine m;

    @BeforeEach
    void setUp() {
        m = new TestMachine(1L << 20);
        byte[] image = new byte[0x2000];
        for (int i = 0; i < image.length; i += 4) {
            // every word: addi x0, x0, 0 (a nop), so any handler address executes harmlessly
            image[i] = 0x13;
        }
        m.load(image);
        m.hart.setCsr(0x3b0, -1L); // pmpaddr0: everything
        m.hart.setCsr(0x3a0, 0x1f); // pmpcfg0: NAPOT RWX, so S and U may run
    }

    @Test
    void machineExternalBeatsSoftwareAndTimer() {
        m.hart.setCsr(0x305, VECTORS); // mtvec direct
        m.hart.setCsr(0x304, 0x888); // MEIE, MTIE, MSIE
        m.hart.setCsr(0x300, MIE_BIT);
        m.hart.setInterruptPending(HartInterruptPins.MSIP, true);
        m.hart.setInterruptPending(HartInterruptPins.MTIP, true);
        m.hart.setInterruptPending(HartInterruptPins.MEIP, true);
        m.hart.run(1);
        assertEquals(TrapCause.INTERRUPT_FLAG | 11, m.hart.csr(0x342));
        assertEquals(BASE, m.hart.csr(0x341), "mepc is the interrupted instruction");
        assertEquals(VECTORS, m.hart.pc(), "entering the handler is the step");
        assertEquals(0, m.hart.csr(0x300) & MIE_BIT, "MIE cleared on entry");
        m.hart.run(1);
        assertEquals(VECTORS + 4, m.hart.pc(), "then its first instruction");
    }

    @Test
    void vectoredModeJumpsToBasePlusFourTimesCause() {
        m.hart.setCsr(0x305, VECTORS | 1);
        m.hart.setCsr(0x304, 0x80);
        m.hart.setCsr(0x300, MIE_BIT);
        m.hart.setInterruptPending(HartInterruptPins.MTIP, true);
        m.hart.run(1);
        assertEquals(VECTORS + 4 * 7, m.hart.pc());
    }

    @Test
    void machineInterruptsWaitForMieInMachineModeButNotInLowerModes() {
        m.hart.setCsr(0x305, VECTORS);
        m.hart.setCsr(0x304, 0x80);
        m.hart.setInterruptPending(HartInterruptPins.MTIP, true);
        m.hart.run(3);
        assertEquals(BASE + 12, m.hart.pc(), "MIE = 0 in M-mode: not taken");
        m.hart.setPrivilege(PrivilegeMode.SUPERVISOR);
        m.hart.run(1);
        assertEquals(PrivilegeMode.MACHINE, m.hart.privilege());
        assertEquals(TrapCause.INTERRUPT_FLAG | 7, m.hart.csr(0x342));
        assertEquals(1, (m.hart.csr(0x300) >>> 11) & 3, "MPP = S");
    }

    @Test
    void delegatedSupervisorTimerGoesToSupervisorFromUserButNeverInterruptsMachineMode() {
        m.hart.setCsr(0x105, VECTORS); // stvec
        m.hart.setCsr(0x303, 0x20); // mideleg STIP
        m.hart.setCsr(0x304, 0x20); // STIE
        m.hart.setCsr(0x344, 0x20); // mip.STIP (M-writable)
        m.hart.setCsr(0x300, MIE_BIT | 2); // MIE and SIE
        m.hart.run(2);
        assertEquals(BASE + 8, m.hart.pc(), "an S-level interrupt is never taken in M-mode");
        m.hart.setPrivilege(PrivilegeMode.USER);
        m.hart.run(1);
        assertEquals(PrivilegeMode.SUPERVISOR, m.hart.privilege());
        assertEquals(TrapCause.INTERRUPT_FLAG | 5, m.hart.csr(0x142));
        assertEquals(BASE + 8, m.hart.csr(0x141));
        assertEquals(0, m.hart.csr(0x100) & 0x100, "SPP = U");
    }

    @Test
    void wfiStopsTheSliceAndWakesOnPendingEvenWithInterruptsDisabled() {
        m.bus.poke(BASE, 4, 0x10500073); // wfi
        long n = m.hart.run(100);
        assertEquals(1, n);
        assertEquals(StopReason.WAITING_FOR_INTERRUPT, m.hart.lastStopReason());
        assertTrue(m.hart.isWaitingForInterrupt());
        assertEquals(0, m.hart.run(100), "still waiting");
        m.hart.setCsr(0x304, 0x8);
        m.hart.setInterruptPending(HartInterruptPins.MSIP, true);
        assertFalse(m.hart.isWaitingForInterrupt());
        m.hart.run(1);
        assertEquals(BASE + 8, m.hart.pc(), "MIE = 0: resumes after WFI without trapping");
    }
}
