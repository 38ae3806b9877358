package dev.rivet.emulator.gdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Packet framing, checksums, escaping and run-length encoding (GDB manual, "Overview"). */
class PacketFramingTest {

    private static PacketReader reader(String bytes) {
        return new PacketReader(new ByteArrayInputStream(bytes.getBytes(StandardCharsets.ISO_8859_1)), 4096);
    }

    @Test
    void checksumIsTheModulo256SumOfThePayload() {
        // the manual's example: $qSupported is often sent; here a known one: "OK" = 0x4f + 0x4b = 0x9a
        assertEquals("$OK#9a", new String(PacketCodec.frame("OK"), StandardCharsets.ISO_8859_1));
        assertEquals("$#00", new String(PacketCodec.frame(""), StandardCharsets.ISO_8859_1));
    }

    @Test
    void specialCharactersAreEscapedWithXor0x20() {
        byte[] framed = PacketCodec.frame(new byte[] {'$', '#', '}', '*', 'a'});
        assertEquals("$}\u0004}\u0003}]}\na#", new String(framed, 0, framed.length - 2, StandardCharsets.ISO_8859_1));
    }

    @Test
    void runsAreRunLengthEncodedAndDecodeBack() throws IOException {
        String zeros = "0".repeat(64);
        byte[] framed = PacketCodec.frame(zeros);
        String s = new String(framed, StandardCharsets.ISO_8859_1);
        assertEquals(true, s.length() < 20, s);
        for (int n = 1; n < 300; n++) {
            String run = "x".repeat(n);
            byte[] f = PacketCodec.frame(run);
            String text = new String(f, StandardCharsets.ISO_8859_1);
            assertEquals(-1, text.indexOf('$', 1), "a count character must never be '$': " + text);
            assertEquals(text.length() - 3, text.indexOf('#'), "a count character must never be '#': " + text);
            PacketEvent e = new PacketReader(new ByteArrayInputStream(f), 4096).next();
            try {
                assertEquals(run, ((PacketEvent.Packet) e).text());
            } catch (ClassCastException c) {
                throw new AssertionError(n + ": " + e, c);
            }
        }
    }

    @Test
    void everyByteValueSurvivesFramingAndReading() throws IOException {
        Random r = new Random(7);
        for (int round = 0; round < 200; round++) {
            byte[] data = new byte[r.nextInt(200)];
            r.nextBytes(data);
            if (round % 3 == 0) {
                java.util.Arrays.fill(data, 0, data.length / 2, (byte) '*');
            }
            PacketEvent e = new PacketReader(new ByteArrayInputStream(PacketCodec.frame(data)), 4096).next();
            assertArrayEquals(data, ((PacketEvent.Packet) e).payload());
        }
    }

    @Test
    void readerSeparatesAcksInterruptsAndPackets() throws IOException {
        PacketReader r = reader("+-\u0003noise$g#67");
        assertInstanceOf(PacketEvent.Ack.class, r.next());
        assertInstanceOf(PacketEvent.Nack.class, r.next());
        assertInstanceOf(PacketEvent.Interrupt.class, r.next());
        assertEquals("g", ((PacketEvent.Packet) r.next()).text());
        assertNull(r.next());
    }

    @Test
    void badChecksumNonHexChecksumAndBrokenEscapesAreCorrupt() throws IOException {
        PacketReader r = reader("$g#00$g#zz$abc}#" + hex("abc}") + "$a*#" + hex("a*") + "$g#67");
        assertInstanceOf(PacketEvent.Corrupt.class, r.next());
        assertInstanceOf(PacketEvent.Corrupt.class, r.next());
        assertInstanceOf(PacketEvent.Corrupt.class, r.next());
        assertInstanceOf(PacketEvent.Corrupt.class, r.next());
        assertEquals("g", ((PacketEvent.Packet) r.next()).text());
    }

    @Test
    void aDollarInsideAPacketRestartsIt() throws IOException {
        assertEquals("g", ((PacketEvent.Packet) reader("$m1000$g#67").next()).text());
    }

    @Test
    void truncatedPacketAtEndOfStreamIsDropped() throws IOException {
        assertNull(reader("$m1000,4").next());
        assertNull(reader("$m1000,4#").next());
        assertNull(reader("$m1000,4#a").next());
    }

    @Test
    void overlongPacketIsCorruptAndReadingContinues() throws IOException {
        String big = "m".repeat(5000);
        PacketReader r = reader("$" + big + "#" + hex(big) + "$g#67");
        assertInstanceOf(PacketEvent.Corrupt.class, r.next());
        assertEquals("g", ((PacketEvent.Packet) r.next()).text());
    }

    @Test
    void runLengthExpansionIsBounded() {
        byte[] raw = "a*~".repeat(100).getBytes(StandardCharsets.ISO_8859_1);
        assertThrows(MalformedPacketException.class, () -> PacketCodec.decode(raw, 0, raw.length, 1000));
    }

    static String hex(String payload) {
        byte[] b = payload.getBytes(StandardCharsets.ISO_8859_1);
        return String.format("%02x", PacketCodec.checksum(b, 0, b.length));
    }
}
