package dev.rivet.emulator.gdb;

import java.nio.charset.StandardCharsets;

/** What {@link PacketReader} recognised in the byte stream from GDB. */
public sealed interface PacketEvent {

    /** A packet with a correct checksum; {@code payload} is unescaped and run-length decoded. */
    record Packet(byte[] payload) implements PacketEvent {
        /** The payload as ISO-8859-1 text (binary data of {@code X} packets survives unchanged). */
        public String text() {
            return new String(payload, StandardCharsets.ISO_8859_1);
        }
    }

    /** A packet whose checksum did not match, or whose escaping was broken: it must be dropped. */
    record Corrupt(String why) implements PacketEvent {
    }

    /** {@code +}: the last packet arrived. */
    record Ack() implements PacketEvent {
    }

    /** {@code -}: the last packet must be sent again. */
    record Nack() implements PacketEvent {
    }

    /** The interrupt byte 0x03 (Ctrl-C) sent outside a packet (section "Interrupts"). */
    record Interrupt() implements PacketEvent {
    }
}
