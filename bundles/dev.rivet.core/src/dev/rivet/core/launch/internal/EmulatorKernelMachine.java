package dev.rivet.core.launch.internal;

import dev.rivet.core.launch.KernelMachine;
import dev.rivet.core.launch.MachineStop;
import dev.rivet.emulator.cli.EmulatorOptions;
import dev.rivet.emulator.loader.BootLoader;
import dev.rivet.emulator.loader.ImageLoadException;
import dev.rivet.emulator.machine.HartFactory;
import dev.rivet.emulator.machine.RunOutcome;
import dev.rivet.emulator.machine.Rv64Harts;
import dev.rivet.emulator.machine.VirtMachine;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.Status;

/**
 * The one adapter from {@link KernelMachine} to the emulator's {@link VirtMachine}. The machine is
 * built (images loaded, disks opened) in {@link #boot}, so every load error ends a launch before
 * a thread exists; then one thread per machine runs {@link VirtMachine#run} (bounded slices
 * inside). A guest reset builds a fresh machine from the same configuration, as QEMU does.
 */
public final class EmulatorKernelMachine implements KernelMachine {

    private final VirtMachine.Config config;
    private final HartFactory harts;
    private final OutputStream uart;
    private final String name;
    private volatile VirtMachine current;
    private volatile boolean stopRequested;
    private Thread thread;

    private EmulatorKernelMachine(VirtMachine.Config config, HartFactory harts, OutputStream uart, String name,
            VirtMachine first) {
        this.config = config;
        this.harts = harts;
        this.uart = uart;
        this.name = name;
        this.current = first;
    }

    /**
     * Builds the machine {@code options} describe, with its UART transmitting into {@code uart}.
     *
     * @throws CoreException an image cannot be loaded or a disk opened; the message says which and why
     */
    public static EmulatorKernelMachine boot(EmulatorOptions options, OutputStream uart, String name)
            throws CoreException {
        BootLoader.Request request = new BootLoader.Request(BootLoader.firmware(options.bios()), options.kernel(),
                options.initrd(), options.dtb(), options.append());
        List<VirtMachine.Disk> disks = options.disks().stream()
                .map(d -> new VirtMachine.Disk(d.file(), d.readOnly(), d.slot(), d.serial())).toList();
        VirtMachine.Config config = new VirtMachine.Config(options.ramBytes(), options.harts(), request, disks,
                options.forceLegacy());
        HartFactory harts = Rv64Harts.factory();
        return new EmulatorKernelMachine(config, harts, uart, name, create(config, harts, uart));
    }

    private static VirtMachine create(VirtMachine.Config config, HartFactory harts, OutputStream uart)
            throws CoreException {
        try {
            return VirtMachine.create(config, harts, uart, () -> System.currentTimeMillis() * 1_000_000L);
        } catch (ImageLoadException | IOException e) {
            throw new CoreException(Status.error(e.getMessage(), e));
        } catch (RuntimeException e) {
            throw new CoreException(Status.error("the emulator could not build the machine: " + e, e));
        }
    }

    @Override
    public synchronized void start(Consumer<MachineStop> onStop) {
        Objects.requireNonNull(onStop);
        if (thread != null) {
            throw new IllegalStateException("the machine is already started");
        }
        thread = new Thread(() -> onStop.accept(runToEnd()), "rivet-machine " + name);
        thread.setDaemon(true);
        thread.start();
    }

    private MachineStop runToEnd() {
        while (true) {
            VirtMachine machine = current;
            RunOutcome outcome;
            try {
                outcome = machine.run(Long.MAX_VALUE);
            } catch (RuntimeException e) {
                String why = e.toString();
                try {
                    machine.close();
                } catch (IOException closing) {
                    why += "; closing the disk images failed too: " + closing.getMessage();
                }
                return MachineStop.failed(why);
            }
            try {
                machine.close();
            } catch (IOException e) {
                return MachineStop.failed("flushing a disk image failed: " + e.getMessage());
            }
            switch (outcome) {
                case RunOutcome.Exited exited -> {
                    return MachineStop.exited(exited.status());
                }
                case RunOutcome.Stopped s -> {
                    return MachineStop.terminated();
                }
                case RunOutcome.InstructionLimit l -> {
                    return MachineStop.terminated();
                }
                case RunOutcome.ResetRequested r -> {
                    if (stopRequested) {
                        return MachineStop.terminated();
                    }
                    try {
                        current = create(config, harts, uart);
                    } catch (CoreException e) {
                        return MachineStop.failed("the guest asked for a reset, and rebuilding the machine failed: "
                                + e.getStatus().getMessage());
                    }
                    if (stopRequested) {
                        current.stop();
                    }
                }
            }
        }
    }

    @Override
    public void type(byte[] bytes) {
        VirtMachine machine = current;
        for (byte b : bytes) {
            machine.typed(b);
        }
    }

    @Override
    public void stop() {
        stopRequested = true;
        current.stop();
    }
}
