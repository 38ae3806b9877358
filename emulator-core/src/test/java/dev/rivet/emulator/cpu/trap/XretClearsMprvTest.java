package dev.rivet.emulator.cpu.trap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rivet.emulator.cpu.PrivilegeMode;
import dev.rivet.emulator.cpu.csr.CsrAddress;
import dev.rivet.emulator.cpu.csr.Mstatus;
import dev.rivet.emulator.cpu.testing.TestMachine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;

/**
 * An MRET or SRET that returns to a mode below M clears {@code mstatus.MPRV}; an MRET to M keeps
 * it (priv. spec 1.12, section 3.1.6.1: "If y≠M, xRET also sets MPRV=0"). QEMU 7.2 keeps MPRV in
 * every case, so the ISA suite, which must pass on QEMU too, leaves this rule to this test.
 */
class XretClearsMprvTest {

    private static final long BASE = TestMachine.RAM_BASE;
    private static final int MRET = 0x30200073;
    private static final int SRET = 0x10200073;
    private static final long TARGET = BASE + 0x100;
    private TestMachine m;

    private void start(int instruction) {
        m = new TestMachine(1L << 20);
        m.load(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(instruction).array());
        m.hart.setCsr(CsrAddress.MEPC, TARGET);
        m.hart.setCsr(CsrAddress.SEPC, TARGET);
    }

    private void setMstatus(long mpp, boolean spp) {
        long v = (m.hart.csr(CsrAddress.MSTATUS) & ~(Mstatus.MPP | Mstatus.SPP)) | Mstatus.MPRV
                | (mpp << Mstatus.MPP_SHIFT) | (spp ? Mstatus.SPP : 0);
        m.hart.setCsr(CsrAddress.MSTATUS, v);
    }

    private long mprv() {
        return m.hart.csr(CsrAddress.MSTATUS) & Mstatus.MPRV;
    }

    @Test
    void mretToSupervisorClearsMprv() {
        start(MRET);
        setMstatus(1, false);
        m.hart.run(1);
        assertEquals(PrivilegeMode.SUPERVISOR, m.hart.privilege());
        assertEquals(TARGET, m.hart.pc());
        assertEquals(0, mprv());
    }

    @Test
    void mretToUserClearsMprv() {
        start(MRET);
        setMstatus(0, false);
        m.hart.run(1);
        assertEquals(PrivilegeMode.USER, m.hart.privilege());
        assertEquals(0, mprv());
    }

    @Test
    void mretToMachineKeepsMprv() {
        start(MRET);
        setMstatus(3, false);
        m.hart.run(1);
        assertEquals(PrivilegeMode.MACHINE, m.hart.privilege());
        assertEquals(Mstatus.MPRV, mprv());
    }

    @Test
    void sretFromMachineToSupervisorClearsMprv() {
        start(SRET);
        setMstatus(3, true);
        m.hart.run(1);
        assertEquals(PrivilegeMode.SUPERVISOR, m.hart.privilege());
        assertEquals(TARGET, m.hart.pc());
        assertEquals(0, mprv());
    }
}
