package dev.rivet.ld.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rivet.ld.model.LdNumber;
import org.junit.jupiter.api.Test;

/** ld 2.40's number syntax (ld manual 3.10.2; ldlex.l). */
class LdNumberTest {

    @Test
    void prefixesAndScaleSuffixes() {
        assertEquals(0x80000000L, LdNumber.parse("0x80000000"));
        assertEquals(0x80000000L, LdNumber.parse("0X80000000"));
        assertEquals(8, LdNumber.parse("010"), "leading 0 is octal");
        assertEquals(4096, LdNumber.parse("4K"));
        assertEquals(4096, LdNumber.parse("4k"));
        assertEquals(128L << 20, LdNumber.parse("128M"));
        assertEquals(0x10L << 10, LdNumber.parse("0x10K"));
        assertEquals(0, LdNumber.parse("0"));
    }

    @Test
    void baseSuffixes() {
        assertEquals(5, LdNumber.parse("101b"));
        assertEquals(0x80000000L, LdNumber.parse("80000000h"));
        assertEquals(15, LdNumber.parse("17o"));
        assertEquals(10, LdNumber.parse("10d"));
        assertEquals(10, LdNumber.parse("0ah"));
    }

    @Test
    void rejectsWhatLdCannotRead() {
        assertThrows(NumberFormatException.class, () -> LdNumber.parse("0b101"), "no 0b prefix in ld 2.40");
        assertThrows(NumberFormatException.class, () -> LdNumber.parse("08"), "8 is not octal");
        assertThrows(NumberFormatException.class, () -> LdNumber.parse("12q"));
        assertEquals(0, LdNumber.parse("0x"), "ld reads \"0x\" as 0 with the hex suffix x");
        assertThrows(NumberFormatException.class, () -> LdNumber.parse("0x10000000000000000"), "65 bits");
        assertEquals(-1L, LdNumber.parse("0xffffffffffffffff"), "64 bits wrap into a long");
    }
}
