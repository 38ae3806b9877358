package dev.rivet.emulator.gdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivet.emulator.debug.DebugTarget;
import dev.rivet.emulator.debug.Debuggee;
import dev.rivet.emulator.testing.GuestPrograms;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's way to run a machine under the stub: -S waits for GDB, exit ends the run. */
class GdbMachineRunnerTest {

    @TempDir
    Path dir;

    @Test
    void haltedUntilGdbContinuesThenTheGuestExitIsReportedAndEndsTheRun() throws Exception {
        Path finisher = GuestPrograms.build(dir, "finisher", "CODE=3");
        try (GdbMachineRunner runner = new GdbMachineRunner(Debuggee.machine(finisher, 1), 0, true)) {
            CompletableFuture<Optional<DebugTarget.MachineExit>> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return runner.run();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            try (RspTestClient gdb = new RspTestClient(runner.port())) {
                assertEquals("T05thread:1;", gdb.ask("?"));
                assertEquals("0010000000000000", gdb.ask("p20"), "-S: still at the reset vector");
                gdb.send("vCont;c");
                assertEquals("W03", gdb.reply());
            }
            assertEquals(3, run.get(20, TimeUnit.SECONDS).orElseThrow().status());
        }
    }

    @Test
    void theStubListensOnLoopbackOnly() throws Exception {
        Path finisher = GuestPrograms.build(dir, "finisher", "CODE=0");
        try (GdbMachineRunner runner = new GdbMachineRunner(Debuggee.machine(finisher, 1), 0, true)) {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    if (!a.isLoopbackAddress()) {
                        assertThrows(ConnectException.class, () -> new Socket(a, runner.port()).close(),
                                "reachable on " + a);
                    }
                }
            }
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), runner.port())) {
                assertTrue(s.isConnected());
            }
        }
    }
}
