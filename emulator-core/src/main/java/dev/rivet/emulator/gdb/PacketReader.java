package dev.rivet.emulator.gdb;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Splits the byte stream from GDB into {@link PacketEvent}s (GDB manual, appendix "Remote
 * Protocol", sections "Overview", "Packet Acknowledgment" and "Interrupts").
 *
 * <p>Robust against a hostile peer: bytes outside a packet other than {@code + - 0x03 $} are
 * ignored; a {@code $} inside a packet restarts the packet (a real one is always escaped); a
 * packet longer than the limit is reported as {@link PacketEvent.Corrupt} and skipped; a bad
 * checksum or bad hex digits give {@link PacketEvent.Corrupt}. Not thread-safe: one reader thread.
 */
public final class PacketReader {

    private final InputStream in;
    private final int maxPacket;

    /**
     * @param in        the connection's input
     * @param maxPacket the largest payload accepted, before and after decoding
     */
    public PacketReader(InputStream in, int maxPacket) {
        this.in = in;
        this.maxPacket = maxPacket;
    }

    /**
     * The next event, or {@code null} at the end of the stream (a packet cut short by the end of
     * the stream is discarded).
     */
    public PacketEvent next() throws IOException {
        while (true) {
            int b = in.read();
            switch (b) {
                case -1:
                    return null;
                case '+':
                    return new PacketEvent.Ack();
                case '-':
                    return new PacketEvent.Nack();
                case 0x03:
                    return new PacketEvent.Interrupt();
                case '$':
                    PacketEvent p = packetBody();
                    if (p != null) {
                        return p;
                    }
                    return null;
                default:
                    break; // noise between packets
            }
        }
    }

    /** Reads after a {@code $}; returns {@code null} at the end of the stream. */
    private PacketEvent packetBody() throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        boolean tooLong = false;
        while (true) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            if (b == '$') { // resynchronise on a new start
                raw.reset();
                tooLong = false;
                continue;
            }
            if (b == '#') {
                break;
            }
            if (raw.size() < maxPacket) {
                raw.write(b);
            } else {
                tooLong = true;
            }
        }
        int hi = in.read();
        int lo = hi < 0 ? -1 : in.read();
        if (lo < 0) {
            return null;
        }
        if (tooLong) {
            return new PacketEvent.Corrupt("packet longer than " + maxPacket + " bytes");
        }
        int h = Character.digit(hi, 16);
        int l = Character.digit(lo, 16);
        byte[] bytes = raw.toByteArray();
        if (h < 0 || l < 0) {
            return new PacketEvent.Corrupt("checksum is not two hex digits");
        }
        if ((h << 4 | l) != PacketCodec.checksum(bytes, 0, bytes.length)) {
            return new PacketEvent.Corrupt("bad checksum");
        }
        try {
            return new PacketEvent.Packet(PacketCodec.decode(bytes, 0, bytes.length, maxPacket));
        } catch (MalformedPacketException e) {
            return new PacketEvent.Corrupt(e.getMessage());
        }
    }
}
