package dev.rivet.emulator.cpu.csr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rivet.emulator.cpu.testing.TestMachine;
import dev.rivet.emulator.irq.HartInterruptPins;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SEIP level the PLIC drives is seen by reads of {@code mip} but takes no part in the
 * read-modify-write of CSRRS/CSRRC (privileged spec 1.12, section 3.1.9). A kernel whose M-mode
 * timer handler does {@code csrs mip, SSIP} while the UART interrupt is pending must not end up
 * with SEIP latched in software (an endless supervisor external interrupt).
 */
class MipReadModifyWriteTest {

    private static final long BASE = TestMachine.RAM_BASE;
    private static final long MIP = 0x344;
    private static final long SIP = 0x144;
    private static final long SSIP = 1L << 1;
    private static final long SEIP = 1L << 9;
    private TestMachine m;

    @BeforeEach
    void setUp() {
        m = new TestMachine(1L << 20);
    }

    private static int csrImmediate(long csr, int uimm, int funct3) {
        return (int) (csr << 20) | uimm << 15 | funct3 << 12 | 0x73;
    }

    private void execute(int... instructions) {
        for (int i = 0; i < instructions.length; i++) {
            m.bus.poke(BASE + 4L * i, 4, instructions[i]);
        }
        m.hart.setPc(BASE);
        m.hart.run(instructions.length);
        assertEquals(BASE + 4L * instructions.length, m.hart.pc(), "no trap");
    }

    @Test
    void csrsOnMipWhileThePlicAssertsSeipDoesNotLatchSeip() {
        m.hart.setInterruptPending(HartInterruptPins.SEIP, true);
        execute(csrImmediate(MIP, 2, 6)); // csrrsi x0, mip, SSIP
        assertEquals(SEIP | SSIP, m.hart.csr((int) MIP) & (SEIP | SSIP), "reads OR in the PLIC's level");
        m.hart.setInterruptPending(HartInterruptPins.SEIP, false);
        assertEquals(SSIP, m.hart.csr((int) MIP) & (SEIP | SSIP), "SEIP follows the PLIC once it lowers it");
    }

    @Test
    void csrcOnMipWhileThePlicAssertsSeipDoesNotLatchSeip() {
        m.hart.setCsr((int) MIP, SSIP);
        m.hart.setInterruptPending(HartInterruptPins.SEIP, true);
        execute(csrImmediate(MIP, 2, 7)); // csrrci x0, mip, SSIP
        m.hart.setInterruptPending(HartInterruptPins.SEIP, false);
        assertEquals(0, m.hart.csr((int) MIP) & (SEIP | SSIP));
    }

    @Test
    void csrcOnSipFromSupervisorLeavesSeipToThePlic() {
        m.hart.setCsr(0x303, SSIP | SEIP | (1L << 5)); // mideleg SSI, STI, SEI
        m.hart.setCsr((int) MIP, SSIP);
        m.hart.setInterruptPending(HartInterruptPins.SEIP, true);
        execute(csrImmediate(SIP, 2, 7)); // csrrci x0, sip, SSIP
        assertEquals(SEIP, m.hart.csr((int) SIP) & (SEIP | SSIP));
        m.hart.setInterruptPending(HartInterruptPins.SEIP, false);
        assertEquals(0, m.hart.csr((int) SIP) & (SEIP | SSIP));
    }

    @Test
    void softwareSeipStaysUntilSoftwareClearsIt() {
        m.hart.setCsr((int) MIP, SEIP); // M-mode may raise SEIP itself (section 3.1.9)
        m.hart.setInterruptPending(HartInterruptPins.SEIP, true);
        m.hart.setInterruptPending(HartInterruptPins.SEIP, false);
        assertEquals(SEIP, m.hart.csr((int) MIP) & SEIP, "the software bit outlives the PLIC's level");
        execute(0x20000293, // addi t0, zero, 0x200
                (int) (MIP << 20) | 5 << 15 | 3 << 12 | 0x73); // csrrc zero, mip, t0
        assertEquals(0, m.hart.csr((int) MIP) & SEIP);
    }
}
