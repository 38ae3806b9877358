package dev.rivet.emulator.gdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rivet.emulator.debug.DebugController;
import dev.rivet.emulator.debug.Debuggee;
import dev.rivet.emulator.testing.HostTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's gdb-multiarch, in batch mode, debugging a program built with -O0 -g on Rivet through
 * the stub: source breakpoints, locals, registers and CSRs, memory, watchpoints, stepping into a
 * trap handler, harts as threads, detach and reconnect.
 */
class GdbMultiarchTest {

    @TempDir
    static Path dir;
    static Path elf;
    static Path kernel;
    static int loopLine;
    static int ecallLine;
    private Path program;

    private DebugController debug;
    private GdbServer server;

    @BeforeAll
    static void build() throws Exception {
        HostTools.require("gdb-multiarch", "gdb-multiarch");
        elf = Debuggee.build(dir, "debuggee", "start.S", "debuggee.c");
        kernel = Debuggee.build(dir, "kernel", "smode.S", "kernel.c");
        loopLine = lineOf("debuggee.c", "LOOP_LINE");
        ecallLine = lineOf("kernel.c", "ECALL_LINE");
    }

    private static int lineOf(String file, String marker) throws Exception {
        List<String> lines = Files.readAllLines(dir.resolve(file));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(marker)) {
                return i + 1;
            }
        }
        throw new AssertionError(marker + " not in " + file);
    }

    private void startMachine(Path program, int harts) throws Exception {
        debug = new DebugController(Debuggee.machine(program, harts), 256, true);
        debug.start("rivet-machine-test");
        server = GdbServer.start(debug, 0, debug::reset);
        this.program = program;
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (debug != null) {
            debug.close();
        }
    }

    /** Runs gdb-multiarch in batch mode with {@code commands} after connecting; returns its output. */
    private String gdb(String... commands) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("gdb-multiarch", "-batch", "-nx",
                "-ex", "set architecture riscv:rv64", "-ex", "set debug remote " + System.getProperty("rivet.gdbDebug", "0"),
                "-ex", "set pagination off", "-ex", "set confirm off",
                // gdb's 2 s default gives up on a stub starved by a loaded 2-core machine
                "-ex", "set remotetimeout 20",
                "-ex", "file " + program, "-ex", "target remote 127.0.0.1:" + server.port()));
        for (String c : commands) {
            cmd.add("-ex");
            cmd.add(c);
        }
        HostTools.Result r = HostTools.run(60, cmd.toArray(String[]::new));
        return r.stdout() + r.stderr();
    }

    private static long number(String output, String regex) {
        Matcher m = Pattern.compile(regex).matcher(output);
        assertTrue(m.find(), "no match for " + regex + " in:\n" + output);
        return Long.decode(m.group(1));
    }

    @Test
    void breakAtSourceLineShowsLocalsRegistersAndMemory() throws Exception {
        startMachine(elf, 1);
        String out = gdb("break debuggee.c:" + loopLine, "continue", "continue", "continue", "info locals",
                "print local_sum", "print i", "info registers pc satp mstatus", "x/4gx &table", "print $priv",
                "info all-registers");
        assertTrue(out.contains("Breakpoint 1, sum_to (n=10) at"), out);
        assertTrue(out.contains("debuggee.c:" + loopLine), out);
        // third time at the loop body: i = 2, local_sum = 0 + 1
        assertTrue(out.contains("local_sum = 1\n"), out);
        assertTrue(out.contains("i = 2\n"), out);
        assertTrue(Pattern.compile("\\$1 = 1\\n\\$2 = 2\\n").matcher(out).find(), out);
        assertTrue(Pattern.compile("pc\\s+0x800000[0-9a-f]{2}\\s+0x800000[0-9a-f]{2} <sum_to\\+\\d+>").matcher(out)
                .find(), out);
        assertTrue(Pattern.compile("satp\\s+0x0\\s+0").matcher(out).find(), out);
        // M-mode, nothing has trapped yet: mstatus holds only UXL = SXL = 64 bits
        assertTrue(Pattern.compile("mstatus\\s+0xa00000000\\s").matcher(out).find(), out);
        assertTrue(Pattern.compile("0x80000108 <table>:\\s+0x0000000000001111\\s+0x0000000000002222\\s*\\n"
                + "0x80000118 <table\\+16>:\\s+0x0000000000003333\\s+0x0000000000004444").matcher(out).find(), out);
        assertTrue(out.contains("= 3"), "priv is M: " + out);
        for (String reg : List.of("ft0", "fcsr", "mtvec", "mscratch", "pmpaddr15", "mhartid", "instret", "priv")) {
            assertTrue(Pattern.compile("\\n" + reg + "\\s+").matcher(out).find(), reg + " in info all-registers: " + out);
        }
        assertTrue(!out.contains("Could not fetch") && !out.contains("<unavailable>"), out);
    }

    @Test
    void watchpointStopsWhenTheVariableIsWritten() throws Exception {
        startMachine(elf, 1);
        String out = gdb("watch watched", "continue", "print watched", "print counter");
        // sum_to(10) = 45, watched = 46
        assertTrue(out.contains("Hardware watchpoint 1: watched"), out);
        // where QEMU's stub leaves gdb too: in main, right after the store (gdb steps over the access)
        assertTrue(Pattern.compile("Old value = 0\\s+New value = 46\\s+main \\(\\) at .*debuggee.c:24").matcher(out)
                .find(), out);
        assertTrue(out.contains("$1 = 46"), out);
        assertTrue(out.contains("$2 = 1"), out);
    }

    @Test
    void gdbWritesMemoryAndRegistersUsesHardwareBreakpointsReadAndAccessWatchpointsAndResets() throws Exception {
        startMachine(elf, 1);
        String out = gdb("hbreak sum_to", "continue", // Z1
                "set var n = 3", "finish", // M/X: the loop runs to the written n
                "set var table[2] = 0xabcd", "x/gx &table[2]",
                "set $t0 = 0x1234", "maintenance flush register-cache", "print/x $t0", // P, re-read with p
                "awatch watched", "continue", // Z4
                "delete", "rwatch counter", "continue", // Z3
                "monitor reset", "maintenance flush register-cache", "print/x $pc", "print counter");
        assertTrue(out.contains("Hardware assisted breakpoint 1 at"), out);
        assertTrue(Pattern.compile("Breakpoint 1, sum_to \\(n=10\\)").matcher(out).find(), out);
        assertTrue(out.contains("Value returned is $1 = 3"), "0 + 1 + 2 once n is 3: " + out);
        assertTrue(Pattern.compile("<table\\+16>:\\s+0x000000000000abcd").matcher(out).find(), out);
        assertTrue(out.contains("$2 = 0x1234"), out);
        assertTrue(Pattern.compile("Hardware access \\(read/write\\) watchpoint 2: watched\\s+Old value = 0\\s+"
                + "New value = 4\\s+main \\(\\) at .*debuggee.c:24").matcher(out).find(),
                "watched = sum + 1 = 4, stopped right after the store as on QEMU: " + out);
        assertTrue(Pattern.compile("Hardware read watchpoint 3: counter\\s+Value = 1").matcher(out).find(), out);
        assertTrue(out.contains("$3 = 0x1000"), "monitor reset puts the hart at the reset vector: " + out);
        assertTrue(out.contains("$4 = 0"), "and RAM is loaded afresh: " + out);
    }

    @Test
    void stepiHoldsDueInterruptsBackAsQemuUnlessToldToStepIntoThem() throws Exception {
        startMachine(elf, 1);
        // make a supervisor software interrupt (not delegated: M takes it) due and enabled while stopped
        String out = gdb("break sum_to", "continue", "set $mie = 0x2", "set $mstatus = $mstatus | 8",
                "set $mip = 0x2", "print/x $mip", "print $pc", "stepi", "print $pc",
                "maintenance packet qqemu.sstep", "maintenance packet Qqemu.sstep=1", "stepi",
                "print $pc == &trap_vector", "print/x $mcause", "maintenance packet qqemu.sstepbits");
        assertTrue(out.contains("$1 = 0x2"), "SSIP is due: " + out);
        long before = number(out, "\\$2 = .* (0x[0-9a-f]+) <sum_to");
        long after = number(out, "\\$3 = .* (0x[0-9a-f]+) <sum_to");
        assertTrue(after == before + 2 || after == before + 4, "the step ran sum_to's next instruction: " + out);
        assertTrue(out.contains("received: \"0x7\""), "QEMU's default flags: " + out);
        assertTrue(out.contains("$4 = 1"), "with NOIRQ off the step enters the handler, at its vector: " + out);
        assertTrue(out.contains("$5 = 0x8000000000000001"), "the software interrupt: " + out);
        assertTrue(out.contains("received: \"ENABLE=1,NOIRQ=2,NOTIMER=4\""), out);
    }

    @Test
    void stepiOnEcallStopsAtTheTrapVector() throws Exception {
        startMachine(elf, 1);
        String out = gdb("break do_ecall", "continue", "x/i $pc", "stepi", "print $pc", "print/x $mcause",
                "print $pc == &trap_vector", "print/x $mepc", "monitor traplog");
        long doEcall = number(out, "Breakpoint 1 at (0x[0-9a-f]+)");
        assertTrue(out.contains("ecall"), out);
        assertTrue(Pattern.compile("\\$1 = \\(void \\(\\*\\)\\(\\)\\) 0x[0-9a-f]+ <trap_vector>").matcher(out).find(),
                out);
        assertTrue(out.contains("$2 = 0xb"), out);
        assertTrue(out.contains("$3 = 1"), out);
        assertEquals(doEcall, number(out, "\\$4 = (0x[0-9a-f]+)"));
        assertTrue(out.contains("exception 11 epc=0x" + Long.toHexString(doEcall)), out);
    }

    @Test
    void hartsAreThreadsAndGdbCanDetachAndReconnect() throws Exception {
        startMachine(elf, 2);
        String first = gdb("break secondary", "continue", "info threads", "thread 1", "print $mhartid",
                "thread 2", "print $mhartid", "thread 1", "monitor pagetable", "monitor pagetable 0", "detach");
        assertTrue(Pattern.compile("Thread 2 .*secondary").matcher(first).find(), first);
        assertTrue(Pattern.compile("\\* 2\\s+Thread 2").matcher(first).find(), first);
        assertTrue(Pattern.compile("\\n\\s+1\\s+Thread 1").matcher(first).find(), first);
        assertTrue(first.contains("$1 = 0"), first);
        assertTrue(first.contains("$2 = 1"), first);
        assertTrue(first.contains("hart 1 satp 0x0000000000000000 (Bare)"), "the hart that stopped: " + first);
        assertTrue(first.contains("hart 0 satp 0x0000000000000000 (Bare)"), first);
        assertTrue(first.contains("[Inferior 1 (Remote target) detached]"), first);

        String second = gdb("info threads", "print counter > 0", "print hart1_counter > 0");
        assertTrue(Pattern.compile("Thread 1 .*\\n.*Thread 2").matcher(second).find(), second);
        assertTrue(second.contains("$1 = 1"), second);
        assertTrue(second.contains("$2 = 1"), second);
    }

    @Test
    void supervisorModeUnderSv39ReadsVirtualMemoryThroughSatpAndStepsIntoTheMachineHandler() throws Exception {
        startMachine(kernel, 1);
        String out = gdb("break kernel.c:" + ecallLine, "continue", "print $priv", "print/x $satp",
                "print/x *alias", "x/gx 0xffffffffc0002000", "monitor pagetable", "monitor phys on",
                "x/gx 0xffffffffc0002000", "x/gx 0x80002000", "monitor phys off", "break s_ecall", "continue",
                "stepi", "print $pc", "print $priv", "print/x $mcause", "monitor traplog");
        assertTrue(out.contains("Breakpoint 1, kernel_main () at"), out);
        assertTrue(out.contains("$1 = 1"), "S-mode: " + out);
        assertTrue(Pattern.compile("\\$2 = 0x80000000000800(0[1-9a-f]|[1-9a-f][0-9a-f])").matcher(out).find(),
                "Sv39 satp: " + out);
        assertTrue(out.contains("$3 = 0x5eed"), out);
        assertTrue(Pattern.compile("0xffffffffc0002000:\\s+0x0000000000005eed").matcher(out).find(), out);
        assertTrue(out.contains("(Sv39)"), out);
        assertTrue(out.contains("0000000080000000 0000000080000000 0000000040000000 DA--XWRV"), out);
        assertTrue(out.contains("ffffffffc0000000 0000000080000000 0000000040000000 DA--XWRV"), out);
        assertTrue(out.contains("memory access is physical"), out);
        assertTrue(out.contains("Cannot access memory at address 0xffffffffc0002000"), out);
        assertTrue(Pattern.compile("0x80002000 <shared_value>:\\s+0x0000000000005eed").matcher(out).find(), out);
        assertTrue(Pattern.compile("\\$4 = \\(void \\(\\*\\)\\(\\)\\) 0x[0-9a-f]+ <m_trap>").matcher(out).find(), out);
        assertTrue(out.contains("$5 = 3"), "M-mode in the handler: " + out);
        assertTrue(out.contains("$6 = 0x9"), "ECALL from S: " + out);
        assertTrue(Pattern.compile("hart 0 exception 9 epc=0x[0-9a-f]+ tval=0x0 S->M satp=0x8").matcher(out).find(),
                out);
    }

    @Test
    void interruptStopsARunningMachineAndKillResetsIt() throws Exception {
        startMachine(elf, 1);
        try (GdbMi gdb = new GdbMi("set architecture riscv:rv64", "set mi-async on", "file " + program)) {
            gdb.send("-target-select remote 127.0.0.1:" + server.port());
            gdb.await("^connected");
            gdb.send("-data-evaluate-expression &counter");
            long counterAddress = number(gdb.await("^done,value="), "value=\"(?:\\(.*\\) )?(0x[0-9a-f]+)");
            gdb.send("-exec-continue");
            gdb.await("*running");
            // Ctrl-C right after continue may legitimately stop the machine before main() ran:
            // interrupt once the program has counted (read through the debug API, which does not stop it)
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (debug.readPhysical(counterAddress, 1)[0] == 0) {
                assertTrue(System.nanoTime() < deadline, "the machine does not run");
                Thread.onSpinWait();
            }
            gdb.send("-exec-interrupt");
            String stopped = gdb.await("*stopped");
            assertTrue(stopped.contains("signal-name=\"SIGINT\""), stopped);
            gdb.send("-data-evaluate-expression counter");
            String counter = gdb.await("^done,value=");
            assertTrue(Long.parseLong(counter.replaceAll("\\D", "")) > 0, "the machine ran: " + counter);
            gdb.send("kill");
            gdb.await("^done");
        }
        String after = gdb("print/x $pc", "print counter");
        assertTrue(after.contains("$1 = 0x1000"), "kill resets the machine: " + after);
        assertTrue(after.contains("$2 = 0"), after);
    }
}
