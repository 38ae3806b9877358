package dev.rivet.emulator.devices.rtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GoldfishRtcTest {

    private long now = 0x1234_5678_9abc_def0L;
    private boolean irq;
    private final GoldfishRtc rtc = new GoldfishRtc(() -> now, level -> irq = level);

    @Test
    void readingTimeLowLatchesTimeHigh() {
        long low = rtc.load(0x00, 4);
        now += 1L << 32;
        assertEquals(0x9abc_def0L, low);
        assertEquals(0x1234_5678L, rtc.load(0x04, 4), "the high half latched with the low half");
    }

    @Test
    void alarmRaisesTheInterruptWhenEnabledUntilCleared() {
        long t = now + 1000;
        rtc.store(0x10, 4, 1);
        rtc.store(0x0c, 4, t >>> 32);
        rtc.store(0x08, 4, t & 0xffff_ffffL);
        assertEquals(1, rtc.load(0x18, 4));
        assertFalse(irq);
        now += 1000;
        rtc.update();
        assertTrue(irq);
        assertEquals(0, rtc.load(0x18, 4));
        rtc.store(0x1c, 4, 1);
        assertFalse(irq);
    }

    @Test
    void writingTheTimeSetsTheClock() {
        rtc.store(0x04, 4, 0x1);
        rtc.store(0x00, 4, 0x2);
        assertEquals(0x2, rtc.load(0x00, 4));
        assertEquals(0x1, rtc.load(0x04, 4));
    }
}
