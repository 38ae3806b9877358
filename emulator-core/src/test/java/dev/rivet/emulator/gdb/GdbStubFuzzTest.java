package dev.rivet.emulator.gdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivet.emulator.debug.DebugController;
import dev.rivet.emulator.debug.VirtMachineTarget;
import dev.rivet.emulator.loader.BootLoader;
import dev.rivet.emulator.machine.VirtMachine;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed, truncated and wrongly-checksummed packets: the stub answers with an error or drops
 * the packet, keeps serving, and leaves the machine as it was (registers and RAM unchanged,
 * still able to run and to be interrupted with Ctrl-C).
 */
class GdbStubFuzzTest {

    /** A loop at DRAM: {@code 1: addi a0, a0, 1; j 1b}. */
    private static final byte[] LOOP = {0x05, 0x05, (byte) 0xf5, (byte) 0xbf};

    @TempDir
    Path dir;

    private DebugController debug;
    private GdbServer server;

    @BeforeEach
    void start() throws Exception {
        Path image = dir.resolve("loop.bin");
        Files.write(image, LOOP);
        VirtMachine.Config config = new VirtMachine.Config(16L << 20, 2,
                new BootLoader.Request(BootLoader.firmware("none"), Optional.of(image), Optional.empty(),
                        Optional.empty(), ""), List.of(), true);
        debug = new DebugController(VirtMachineTarget.create(config, OutputStream.nullOutputStream(), () -> 0L), 64,
                true);
        debug.start("rivet-machine-fuzz");
        server = GdbServer.start(debug, 0, debug::reset);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        debug.close();
    }

    private static String bad(String payload) {
        byte[] b = payload.getBytes(StandardCharsets.ISO_8859_1);
        return "$" + payload + "#" + String.format("%02x", (PacketCodec.checksum(b, 0, b.length) + 1) & 0xff);
    }

    @Test
    void wrongChecksumsAreNackedAndDroppedAndServingGoesOn() throws Exception {
        try (RspTestClient c = new RspTestClient(server.port())) {
            String regs = c.ask("g");
            assertEquals('-', sendAndAck(c, bad("g")));
            assertEquals('-', sendAndAck(c, bad("M80000000,4:00000000")));
            assertEquals('-', sendAndAck(c, "$g#zz"));
            assertTrue(c.silentFor(200), "a dropped packet gets no reply");
            assertEquals(regs, c.ask("g"));
            assertEquals(Hex.bytes(LOOP), c.ask("m80000000,4"), "the bad M packet was not applied");
        }
    }

    private static int sendAndAck(RspTestClient c, String raw) throws IOException {
        c.sendRaw(raw);
        return c.ack();
    }

    @Test
    void truncatedPacketsAreDroppedAndTheNextPacketIsServed() throws Exception {
        try (RspTestClient c = new RspTestClient(server.port())) {
            String regs = c.ask("g");
            c.sendRaw("$m80000000,4");        // cut short: a new '$' restarts
            assertEquals(regs, c.ask("g"));
            c.sendRaw("\u0000\u00ff garbage #12 ");
            assertEquals(regs, c.ask("g"));
            c.sendRaw("$" + "m".repeat(GdbSession.MAX_PACKET + 100) + "#00");
            assertEquals('-', c.ack());
            assertEquals(regs, c.ask("g"));
        }
        try (RspTestClient c = new RspTestClient(server.port())) {
            c.sendRaw("$qSupported:swbr"); // the connection dies in the middle of a packet
        }
        try (RspTestClient c = new RspTestClient(server.port())) {
            assertTrue(c.ask("qSupported").startsWith("PacketSize="), "the server accepts the next GDB");
        }
    }

    @Test
    void malformedCommandsGetErrorsOrEmptyReplies() throws Exception {
        String[] malformed = {"m", "mzz,4", "m80000000", "m80000000,", "m,4", "m80000000,zzzz", "m11111111111111111,4",
            "M80000000,4:zz", "M80000000,4:00", "M80000000,2:000000", "X80000000,10:ab", "Mffffffffffffffff,1:00",
            "P", "P=", "P1=", "Pzz=00", "p", "pzz", "pfffffff", "p1001", "Z", "Z9,0,0", "Z2,80000000,0",
            "Z0,80000000", "z", "vCont;", "vCont;x", "vCont;c:zz", "vCont;s:99", "H", "Hx1", "Hgzz", "Hg99", "T",
            "T99", "Tzz", "qXfer:features:read:target.xml:zz,10", "qXfer:features:read:target.xml",
            "qXfer:features:read:other.xml:0,10", "qRcmd,zz", "qRcmd,1", "qThreadExtraInfo,99", "G00", "G", "}",
            "qRcmd," + Hex.text("traplog x"), "qRcmd," + Hex.text("trapstop"), "\u0000\u0001\u0002", "?x"};
        try (RspTestClient c = new RspTestClient(server.port())) {
            String regs = c.ask("g");
            String ram = c.ask("m80000000,4");
            for (String p : malformed) {
                String r = c.ask(p);
                assertTrue(r.isEmpty() || r.matches("E[0-9a-f]{2}") || p.startsWith("qRcmd"),
                        p + " got '" + r + "'");
                assertEquals(regs, c.ask("g"), "registers changed after " + p);
            }
            assertEquals(ram, c.ask("m80000000,4"));
        }
    }

    @Test
    void randomPacketsNeverStopTheStubOrHarmTheMachine() throws Exception {
        Random random = new Random(20261122);
        String alphabet = "mMXpPgGZzHTqQv?0123456789abcdefxyz,;:=#$}*\u0003\u0000\u00ff+-";
        try (RspTestClient c = new RspTestClient(server.port())) {
            String regs = c.ask("g");
            String ram = c.ask("m80000000,4");
            for (int i = 0; i < 2000; i++) {
                StringBuilder b = new StringBuilder();
                int len = random.nextInt(40);
                for (int k = 0; k < len; k++) {
                    b.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                // corrupted framing: the stub must drop these, whatever their content
                String payload = b.toString();
                switch (i % 3) {
                    case 0 -> c.sendRaw(bad(payload));
                    case 1 -> c.sendRaw("$" + payload);
                    default -> c.sendRaw(payload);
                }
                c.sendRaw("$#00"); // closes whatever is open; then a probe must be served
                // a probe whose reply differs from the last one: a '-' in the noise makes the stub
                // resend its last reply, and noise may complete packets that get replies too
                int k = 5 + i % 100;
                String expected = Hex.bytes(LOOP) + "00".repeat(k - LOOP.length);
                String probe = c.ask("m80000000," + Integer.toHexString(k));
                while (!probe.equals(expected)) {
                    probe = c.reply();
                }
            }
            assertEquals(regs, c.ask("g"));
            assertEquals(ram, c.ask("m80000000,4"));
            // still a working machine: run, interrupt with Ctrl-C, see it moved
            c.send("vCont;c");
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (debug.gpr(0, 10) == 0) { // a0 counts the loop's turns
                assertTrue(System.nanoTime() < deadline, "the machine does not run");
                Thread.onSpinWait();
            }
            c.sendRaw(new byte[] {3});
            String stop = c.reply();
            assertTrue(stop.startsWith("T02"), stop);
            assertNotEquals(regs, c.ask("g"));
        }
    }
}
