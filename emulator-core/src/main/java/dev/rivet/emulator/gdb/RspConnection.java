package dev.rivet.emulator.gdb;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * One GDB connection at the packet level: sends framed packets, answers received packets with
 * {@code +} or {@code -} while acknowledgments are on, resends the last packet on {@code -}, and
 * turns acknowledgments off after {@code QStartNoAckMode} (GDB manual, appendix "Remote
 * Protocol", sections "Packet Acknowledgment" and "General Query Packets").
 *
 * <p>{@link #receive()} is called by the session's reader thread only; {@link #send} may be called
 * from any thread (the stop reply of a {@code continue} is sent from the machine thread).
 */
public final class RspConnection {

    private final PacketReader reader;
    private final OutputStream out;
    private volatile boolean acknowledging = true;
    private byte[] lastSent;

    public RspConnection(InputStream in, OutputStream out, int maxPacket) {
        this.reader = new PacketReader(in, maxPacket);
        this.out = out;
    }

    /**
     * The next packet or interrupt from GDB; acknowledgments are consumed here (a {@code -}
     * resends the last packet). Corrupt packets are answered with {@code -} and reported so the
     * caller may count them. Returns {@code null} when the connection is closed.
     */
    public PacketEvent receive() throws IOException {
        while (true) {
            PacketEvent e = reader.next();
            switch (e) {
                case null -> {
                    return null;
                }
                case PacketEvent.Ack a -> { }
                case PacketEvent.Nack n -> resend();
                case PacketEvent.Corrupt c -> {
                    if (acknowledging) {
                        writeRaw(new byte[] {'-'});
                    }
                    return c;
                }
                case PacketEvent.Packet p -> {
                    if (acknowledging) {
                        writeRaw(new byte[] {'+'});
                    }
                    return p;
                }
                case PacketEvent.Interrupt i -> {
                    return i;
                }
            }
        }
    }

    /** Sends {@code payload} as one packet. */
    public void send(String payload) throws IOException {
        send(payload.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    /** Sends binary {@code payload} as one packet (escaped). */
    public synchronized void send(byte[] payload) throws IOException {
        byte[] framed = PacketCodec.frame(payload);
        lastSent = framed;
        out.write(framed);
        out.flush();
    }

    private synchronized void resend() throws IOException {
        if (lastSent != null && acknowledging) {
            out.write(lastSent);
            out.flush();
        }
    }

    private synchronized void writeRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Stops sending and expecting {@code +}/{@code -} (after replying OK to QStartNoAckMode). */
    public void stopAcknowledging() {
        acknowledging = false;
    }
}
