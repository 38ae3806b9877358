package dev.rivet.emulator.gdb;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Framing of Remote Serial Protocol packets (GDB manual, appendix "Remote Protocol", section
 * "Overview"): {@code $payload#cc} where {@code cc} is the modulo-256 sum of the payload bytes as
 * sent, in two lower-case hex digits; the characters {@code $ # } *} inside a payload are escaped
 * as {@code '}'} followed by the character XOR 0x20; a run of a repeated character may be sent as
 * the character, {@code '*'} and a count character ({@code count + 29}, never {@code $} or
 * {@code #}) ("run-length encoding").
 *
 * <p>Pure functions; the byte-stream state machine is {@link PacketReader}.
 */
public final class PacketCodec {

    static final int ESCAPE = '}';
    static final int RUN = '*';

    private PacketCodec() {
    }

    /** The modulo-256 checksum of {@code len} bytes of {@code data} from {@code from}. */
    public static int checksum(byte[] data, int from, int len) {
        int sum = 0;
        for (int i = from; i < from + len; i++) {
            sum += data[i] & 0xff;
        }
        return sum & 0xff;
    }

    /** Frames {@code payload} as {@code $...#cc}, escaping and run-length encoding it. */
    public static byte[] frame(byte[] payload) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(payload.length + 8);
        int i = 0;
        while (i < payload.length) {
            int b = payload[i] & 0xff;
            int run = 1;
            while (i + run < payload.length && payload[i + run] == payload[i] && run < 98) {
                run++;
            }
            writeEscaped(body, b);
            int repeats = run - 1;
            // a count character is repeats + 29; 6 and 7 would give '#' and '$', and short runs
            // are cheaper sent plainly
            if (repeats >= 3 && !needsEscape(b)) {
                if (repeats == 6 || repeats == 7) {
                    repeats = 5;
                }
                body.write(RUN);
                body.write(repeats + 29);
                i += 1 + repeats;
            } else {
                i++;
            }
        }
        byte[] raw = body.toByteArray();
        byte[] out = new byte[raw.length + 4];
        out[0] = '$';
        System.arraycopy(raw, 0, out, 1, raw.length);
        int sum = checksum(raw, 0, raw.length);
        out[raw.length + 1] = '#';
        out[raw.length + 2] = (byte) Character.forDigit(sum >>> 4, 16);
        out[raw.length + 3] = (byte) Character.forDigit(sum & 15, 16);
        return out;
    }

    /** Frames an ASCII payload. */
    public static byte[] frame(String payload) {
        return frame(payload.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static boolean needsEscape(int b) {
        return b == '$' || b == '#' || b == ESCAPE || b == RUN;
    }

    private static void writeEscaped(ByteArrayOutputStream out, int b) {
        if (needsEscape(b)) {
            out.write(ESCAPE);
            out.write(b ^ 0x20);
        } else {
            out.write(b);
        }
    }

    /**
     * Undoes escaping and run-length encoding of a received payload.
     *
     * @throws MalformedPacketException an escape or run marker at the end, a run with nothing to
     *                                  repeat, or a count character below 29
     */
    public static byte[] decode(byte[] raw, int from, int len, int maxDecoded) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(len);
        int last = -1;
        for (int i = from; i < from + len; i++) {
            int b = raw[i] & 0xff;
            if (b == ESCAPE) {
                if (++i >= from + len) {
                    throw new MalformedPacketException("escape character at the end of the packet");
                }
                last = (raw[i] & 0xff) ^ 0x20;
                out.write(last);
            } else if (b == RUN) {
                if (++i >= from + len || last < 0) {
                    throw new MalformedPacketException("run-length marker without a character or count");
                }
                int repeats = (raw[i] & 0xff) - 29;
                if (repeats < 0) {
                    throw new MalformedPacketException("bad run-length count");
                }
                for (int r = 0; r < repeats; r++) {
                    out.write(last);
                }
            } else {
                last = b;
                out.write(b);
            }
            if (out.size() > maxDecoded) {
                throw new MalformedPacketException("packet longer than " + maxDecoded + " bytes");
            }
        }
        return out.toByteArray();
    }
}
