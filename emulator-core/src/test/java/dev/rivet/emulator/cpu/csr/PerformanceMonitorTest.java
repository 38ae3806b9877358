package dev.rivet.emulator.cpu.csr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivet.emulator.cpu.Hart;
import dev.rivet.emulator.cpu.testing.TestMachine;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rules of {@link PerformanceMonitor} that QEMU cannot check (QEMU 7.2 counts host ticks for a
 * counting counter, so the ISA test {@code hpm_counters.S} can only check that it grows): which
 * counter counts, by how much, and what stops it. The hart runs {@code j .} so that every step
 * retires one instruction.
 */
class PerformanceMonitorTest {

    private static final int MCOUNTINHIBIT = 0x320;
    private static final int MHPMEVENT3 = 0x323;
    private static final int MHPMCOUNTER3 = 0xb03;
    private static final int HPMCOUNTER3 = 0xc03;

    private Hart hart;

    @BeforeEach
    void machine() {
        TestMachine m = new TestMachine(1L << 20);
        m.load(new byte[] {0x6f, 0, 0, 0}); // j .
        hart = m.hart;
    }

    private long counter(int n) {
        return hart.csr(MHPMCOUNTER3 + n - 3);
    }

    private void program(int n, long event, long start) {
        hart.setCsr(MHPMEVENT3 + n - 3, event);
        hart.setCsr(MHPMCOUNTER3 + n - 3, start);
    }

    @Test
    void countersExistFrom3To18AndEventsFrom3To31() {
        for (int n = 3; n <= 31; n++) {
            assertEquals(n <= 18, hart.hasCsr(MHPMCOUNTER3 + n - 3), "mhpmcounter" + n);
            assertEquals(n <= 18, hart.hasCsr(HPMCOUNTER3 + n - 3), "hpmcounter" + n);
            assertTrue(hart.hasCsr(MHPMEVENT3 + n - 3), "mhpmevent" + n);
        }
    }

    @Test
    void aCounterWithoutACountableEventKeepsItsValue() {
        program(3, 0, 5);
        program(4, 0x10019, 6); // DTLB read miss: accepted by QEMU, not counted here
        program(5, 0x123, 7); // not an event QEMU knows
        hart.run(1000);
        assertEquals(5, counter(3));
        assertEquals(6, counter(4));
        assertEquals(7, counter(5));
    }

    @Test
    void cyclesAndInstructionsEventsCountRetiredInstructionsFromTheWrittenValue() {
        program(6, 1, 1000);
        program(7, 2, -500);
        assertEquals(300, hart.run(300));
        assertEquals(1300, counter(6));
        assertEquals(-200, counter(7));
        assertEquals(1300, hart.csr(HPMCOUNTER3 + 3), "the user shadow reads the same counter");
    }

    @Test
    void anEventStaysOnTheFirstCounterItWasWrittenTo() {
        program(8, 2, 0);
        program(9, 2, 0);
        hart.run(50);
        assertEquals(50, counter(8));
        assertEquals(0, counter(9));
        assertEquals(2, hart.csr(MHPMEVENT3 + 6), "the event register keeps the value all the same");
    }

    @Test
    void writingEventZeroStopsTheCounterAndFreesTheEvent() {
        program(10, 2, 0);
        hart.run(40);
        hart.setCsr(MHPMEVENT3 + 7, 0);
        hart.run(40);
        assertEquals(40, counter(10), "stopped with what it had counted");
        program(11, 2, 0);
        hart.run(10);
        assertEquals(10, counter(11), "the event can now go to another counter");
    }

    @Test
    void mcountinhibitStopsAndRestartsACounter() {
        program(12, 1, 0);
        hart.run(100);
        hart.setCsr(MCOUNTINHIBIT, 1L << 12);
        hart.run(100);
        assertEquals(100, counter(12));
        hart.setCsr(MCOUNTINHIBIT, 0);
        hart.run(100);
        assertEquals(200, counter(12));
    }

    @Test
    void resetClearsCountersEventsAndTheEventMap() {
        program(13, 2, 99);
        hart.reset(TestMachine.RAM_BASE);
        assertEquals(0, counter(13));
        assertEquals(0, hart.csr(MHPMEVENT3 + 10));
        hart.run(10);
        assertEquals(0, counter(13));
        assertFalse(hart.hasCsr(MHPMCOUNTER3 + 16), "mhpmcounter19 does not exist");
    }
}
