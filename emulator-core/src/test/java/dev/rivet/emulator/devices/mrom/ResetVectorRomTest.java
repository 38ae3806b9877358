package dev.rivet.emulator.devices.mrom;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ResetVectorRomTest {

    @Test
    void holdsQemusResetVectorAndFwDynamicInfo() {
        var rom = new ResetVectorRom(0xf000, 0x80000000L, 0x87e00000L, 0x80200000L);
        assertEquals(0x00000297L, rom.load(0, 4));
        assertEquals(0x0182b283L, rom.load(16, 4));
        assertEquals(0x80000000L, rom.load(24, 8));
        assertEquals(0x87e00000L, rom.load(32, 8));
        assertEquals(0x4942534fL, rom.load(40, 8));
        assertEquals(2, rom.load(48, 8));
        assertEquals(0x80200000L, rom.load(56, 8));
        assertEquals(1, rom.load(64, 8));
        rom.store(0, 4, 0);
        assertEquals(0x00000297L, rom.load(0, 4), "writes to ROM are discarded");
    }
}
