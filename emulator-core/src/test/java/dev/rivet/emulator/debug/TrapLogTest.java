package dev.rivet.emulator.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rivet.emulator.cpu.PrivilegeMode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The trap log keeps the newest records in a ring of fixed size. */
class TrapLogTest {

    private static TrapRecord record(long seq) {
        return new TrapRecord(seq, 0, 8, 0x1000 + seq, 0, PrivilegeMode.USER, PrivilegeMode.SUPERVISOR, 0);
    }

    @Test
    void keepsTheNewestRecordsOldestFirstAndCountsTheDropped() {
        TrapLog log = new TrapLog(3);
        for (int i = 0; i < 5; i++) {
            assertEquals(i, log.nextSequence());
            log.add(record(i));
        }
        assertEquals(List.of(record(2), record(3), record(4)), log.snapshot());
        assertEquals(2, log.dropped());
        log.clear();
        assertEquals(List.of(), log.snapshot());
        assertEquals(0, log.nextSequence());
    }

    @Test
    void interruptsPrintAsInterrupts() {
        TrapRecord r = new TrapRecord(7, 1, 1L << 63 | 5, 0x8000_0000L, 0, PrivilegeMode.SUPERVISOR,
                PrivilegeMode.SUPERVISOR, 8L << 60);
        assertEquals("#7 hart 1 interrupt 5 epc=0x80000000 tval=0x0 S->S satp=0x8000000000000000", r.toString());
    }
}
