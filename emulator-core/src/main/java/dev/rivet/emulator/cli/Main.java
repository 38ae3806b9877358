package dev.rivet.emulator.cli;

import dev.rivet.emulator.debug.DebugTarget;
import dev.rivet.emulator.debug.VirtMachineTarget;
import dev.rivet.emulator.fdt.VirtDeviceTree;
import dev.rivet.emulator.gdb.GdbMachineRunner;
import dev.rivet.emulator.loader.BootLoader;
import dev.rivet.emulator.loader.ImageLoadException;
import dev.rivet.emulator.machine.HartFactory;
import dev.rivet.emulator.machine.RunOutcome;
import dev.rivet.emulator.machine.Rv64Harts;
import dev.rivet.emulator.machine.VirtMachine;
import dev.rivet.emulator.machine.VirtMemoryMap;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code rivet emu} / {@code java -jar dev.rivet.emulator.jar}: runs QEMU's {@code virt} machine
 * from a qemu-system-riscv64-style command line, with the UART on standard input and output.
 *
 * <p>Exit status: the test finisher's (0 for pass, the code for fail), 0 after Ctrl-A x or a
 * guest reset with {@code -no-reboot}, 1 with one error line for a command line or a file Rivet
 * cannot use. Disk images are flushed and closed on every way out, including SIGTERM (then the
 * status is the JVM's 143).
 */
public final class Main {

    /** Exit status for errors before the guest runs (QEMU's too). */
    public static final int EXIT_ERROR = 1;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.in, System.out, System.err, Rv64Harts.factory()));
    }

    /** Runs the emulator and returns the process exit status. */
    static int run(List<String> args, InputStream in, PrintStream out, PrintStream err, HartFactory harts) {
        EmulatorOptions options;
        try {
            options = QemuCommandLine.parse(args);
        } catch (CommandLineException e) {
            err.println("rivet: " + e.getMessage());
            return EXIT_ERROR;
        }
        if (options.waitForGdb() && options.gdbPort().isEmpty()) {
            err.println("rivet: -S needs -s or -gdb tcp::PORT (Rivet has no monitor to continue from)");
            return EXIT_ERROR;
        }
        VirtMachine.Config config = config(options);
        try {
            if (options.dumpDtb().isPresent()) {
                return dumpDtb(options, config, err);
            }
            if (options.gdbPort().isPresent()) {
                return bootWithGdb(options, config, in, out, err);
            }
            return boot(options, config, in, out, err, harts);
        } catch (ImageLoadException | IOException e) {
            err.println("rivet: " + e.getMessage());
            return EXIT_ERROR;
        } catch (RuntimeException e) {
            // An emulator bug, never the guest's doing: say so in one line, then give the trace
            // for the bug report. The disks were flushed and closed on the way out.
            err.println("rivet: internal emulator error: " + e);
            e.printStackTrace(err);
            return EXIT_ERROR;
        }
    }

    private static VirtMachine.Config config(EmulatorOptions o) {
        BootLoader.Request boot = new BootLoader.Request(BootLoader.firmware(o.bios()), o.kernel(), o.initrd(),
                o.dtb(), o.append());
        List<VirtMachine.Disk> disks = o.disks().stream()
                .map(d -> new VirtMachine.Disk(d.file(), d.readOnly(), d.slot(), d.serial())).toList();
        return new VirtMachine.Config(o.ramBytes(), o.harts(), boot, disks, o.forceLegacy());
    }

    /** {@code -machine virt,dumpdtb=FILE}: write the device tree and exit, as QEMU does. */
    private static int dumpDtb(EmulatorOptions o, VirtMachine.Config config, PrintStream err)
            throws ImageLoadException, IOException {
        BootLoader.Plan plan = BootLoader.load(config.boot(), VirtMemoryMap.qemuVirt(config.ramBytes()),
                new VirtDeviceTree.Options(config.harts(), VirtDeviceTree.RV64GC_ISA, VirtDeviceTree.MMU_TYPE, "",
                        Optional.empty()),
                (pa, data, from, len) -> { });
        Files.write(o.dumpDtb().orElseThrow(), plan.fdt());
        err.println("rivet: dtb dumped to " + o.dumpDtb().get() + ". Exiting.");
        return 0;
    }

    private static int boot(EmulatorOptions o, VirtMachine.Config config, InputStream in, PrintStream out,
            PrintStream err, HartFactory harts) throws ImageLoadException, IOException {
        OutputStream console = new BufferedOutputStream(out, 4096);
        AtomicReference<VirtMachine> current = new AtomicReference<>();
        AtomicBoolean quit = new AtomicBoolean();
        ConsoleEscape escape = new ConsoleEscape(b -> current.get().typed(b), () -> {
            quit.set(true); // also when the guest is rebooting: no next machine is built
            current.get().stop();
        }, b -> writeQuietly(console, b));
        try (TerminalMode terminal = in == System.in ? TerminalMode.raw() : null) {
            while (true) {
                VirtMachine machine = VirtMachine.create(config, harts, console,
                        () -> System.currentTimeMillis() * 1_000_000L);
                current.set(machine);
                startConsoleReaderOnce(in, escape);
                Thread closer = new Thread(() -> closeOnSignal(machine, err), "rivet-flush-disks");
                Runtime.getRuntime().addShutdownHook(closer);
                RunOutcome outcome;
                try {
                    outcome = machine.run(Long.MAX_VALUE);
                } finally {
                    console.flush();
                    machine.close();
                    Runtime.getRuntime().removeShutdownHook(closer);
                }
                switch (outcome) {
                    case RunOutcome.Exited exited -> {
                        return exited.status();
                    }
                    case RunOutcome.ResetRequested reset -> {
                        if (o.noReboot() || quit.get()) {
                            return quitStatus(quit.get(), err);
                        }
                    }
                    case RunOutcome.Stopped stopped -> {
                        return quitStatus(true, err);
                    }
                    case RunOutcome.InstructionLimit limit -> {
                        return 0;
                    }
                }
            }
        }
    }

    /**
     * {@code -s}, {@code -gdb tcp::PORT}, {@code -S}: the machine runs under the GDB stub, which
     * listens on 127.0.0.1 only ({@link GdbMachineRunner}); the run ends when the guest ends the
     * machine (status as without GDB), on GDB's {@code kill} or Ctrl-A x (status 0). A guest reset
     * request ends the run as with {@code -no-reboot}.
     */
    private static int bootWithGdb(EmulatorOptions o, VirtMachine.Config config, InputStream in, PrintStream out,
            PrintStream err) throws ImageLoadException, IOException {
        OutputStream console = new BufferedOutputStream(out, 4096);
        AtomicBoolean quit = new AtomicBoolean();
        try (TerminalMode terminal = in == System.in ? TerminalMode.raw() : null;
                VirtMachineTarget target = VirtMachineTarget.create(config, console,
                        () -> System.currentTimeMillis() * 1_000_000L);
                GdbMachineRunner runner = new GdbMachineRunner(target, o.gdbPort().getAsInt(), o.waitForGdb())) {
            // SIGTERM: flush the current machine's disks, as without the stub
            Thread closer = new Thread(() -> closeOnSignal(target, err), "rivet-flush-disks");
            Runtime.getRuntime().addShutdownHook(closer);
            err.print("rivet: GDB stub listening on 127.0.0.1:" + runner.port() + "\r\n");
            startConsoleReaderOnce(in, new ConsoleEscape(b -> target.machine().typed(b), () -> {
                quit.set(true);
                runner.stop();
            }, b -> writeQuietly(console, b)));
            Optional<DebugTarget.MachineExit> exit;
            try {
                exit = runner.run();
            } finally {
                Runtime.getRuntime().removeShutdownHook(closer);
            }
            console.flush();
            return exit.isPresent() ? exit.get().status() : quitStatus(quit.get(), err);
        }
    }

    /** Ctrl-A x, like QEMU's "QEMU: Terminated", ends with status 0. */
    private static int quitStatus(boolean quit, PrintStream err) {
        if (quit) {
            err.print("\r\nrivet: terminated\r\n");
        }
        return 0;
    }

    private static Thread consoleReader;

    /** One thread for the whole process reads the terminal and hands bytes to the current machine. */
    private static synchronized void startConsoleReaderOnce(InputStream in, ConsoleEscape escape) {
        if (consoleReader != null) {
            return;
        }
        consoleReader = new Thread(() -> {
            try {
                int b;
                while ((b = in.read()) >= 0) {
                    escape.typed(b);
                }
            } catch (IOException e) {
                // standard input failed: the guest gets no more input, as with a closed terminal
                Thread.currentThread().interrupt();
            }
        }, "rivet-console-input");
        consoleReader.setDaemon(true);
        consoleReader.start();
    }

    private static void writeQuietly(OutputStream out, int b) {
        try {
            out.write(b);
            out.flush();
        } catch (IOException e) {
            // the terminal is gone; there is nobody to show the help to
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The shutdown hook, which runs only when a signal (SIGTERM, SIGINT, SIGHUP) ends the JVM
     * during a run (it is removed before a normal return): flushes and closes the machine's disk
     * images ({@link VirtMachine} or {@link VirtMachineTarget}) and says so, as QEMU's
     * "terminating on signal" line.
     */
    private static void closeOnSignal(AutoCloseable machine, PrintStream err) {
        try {
            machine.close();
            err.print("\r\nrivet: terminating on signal, disk images flushed\r\n");
        } catch (Exception e) {
            err.print("\r\nrivet: terminating on signal; flushing a disk image failed: " + e.getMessage() + "\r\n");
        }
        err.flush();
    }
}
