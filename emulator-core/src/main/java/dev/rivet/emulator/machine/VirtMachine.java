package dev.rivet.emulator.machine;

import dev.rivet.emulator.bus.PhysicalBus;
import dev.rivet.emulator.cpu.StopReason;
import dev.rivet.emulator.devices.clint.Clint;
import dev.rivet.emulator.devices.finisher.SiFiveTestFinisher;
import dev.rivet.emulator.devices.mrom.ResetVectorRom;
import dev.rivet.emulator.devices.plic.Plic;
import dev.rivet.emulator.devices.rtc.GoldfishRtc;
import dev.rivet.emulator.devices.uart.Uart16550;
import dev.rivet.emulator.devices.virtio.DmaMemory;
import dev.rivet.emulator.devices.virtio.VirtioMmioTransport;
import dev.rivet.emulator.devices.virtio.blk.RawImageBackend;
import dev.rivet.emulator.devices.virtio.blk.VirtioBlockDevice;
import dev.rivet.emulator.fdt.VirtDeviceTree;
import dev.rivet.emulator.loader.BootLoader;
import dev.rivet.emulator.loader.ImageLoadException;
import dev.rivet.emulator.time.InstructionCountClock;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * QEMU 7.2's {@code virt} machine, assembled from the one {@link VirtMemoryMap}: every region of
 * the table gets the device model of its {@link DeviceKind}, wired to the PLIC source the table
 * names, and the device tree is generated from the same table.
 *
 * <p>The run loop is deterministic: the harts run in turn, hart 0 first, each for a bounded slice
 * of {@link #SLICE} instructions; time is an {@link InstructionCountClock}; virtio requests are
 * served inside the notifying store. Between slices the loop updates the timers, feeds the UART
 * from the console input, and, when every hart waits in WFI, lets time pass at the wall clock's
 * pace until the next timer deadline or console input.
 *
 * <p>Not thread-safe except {@link #typed(int)} and {@link #stop()}, which the console thread calls.
 */
public final class VirtMachine implements AutoCloseable {

    /** Instructions per hart per turn of the round robin. */
    public static final long SLICE = 10_000;
    /** Length of a tick of the 10 MHz timebase ({@code timebase-frequency} in the device tree). */
    static final long NANOS_PER_TICK = 100;
    /** The longest an idle machine waits before looking again: 100 ms. */
    static final long IDLE_STEP_TICKS = 1_000_000;

    /**
     * A disk on a virtio-mmio slot.
     *
     * @param image    the raw image file
     * @param readOnly open read-only
     * @param slot     {@code bus=virtio-mmio-bus.N}, if given
     * @param serial   what GET_ID returns
     */
    public record Disk(Path image, boolean readOnly, OptionalInt slot, String serial) {
    }

    /**
     * Everything the machine is made of.
     *
     * @param ramBytes      size of RAM
     * @param harts         number of harts
     * @param boot          firmware, kernel, initrd, device tree, command line
     * @param disks         virtio block devices
     * @param legacyVirtio  present virtio-mmio version 1 (QEMU 7.2's default) instead of 2
     */
    public record Config(long ramBytes, int harts, BootLoader.Request boot, List<Disk> disks, boolean legacyVirtio) {
        public Config {
            Objects.requireNonNull(boot);
            disks = List.copyOf(disks);
        }
    }

    private final VirtMemoryMap map;
    private final PhysicalBus bus;
    private final InstructionCountClock clock = new InstructionCountClock();
    private final List<MachineHart> harts = new ArrayList<>();
    private final List<RawImageBackend> backends = new ArrayList<>();
    private final List<VirtioMmioTransport> transports = new ArrayList<>();
    private final BootLoader.Plan plan;
    private final Clint clint;
    private final Plic plic;
    private final Uart16550 uart;
    private final GoldfishRtc rtc;
    private final OutputStream console;
    private final BlockingQueue<Integer> input = new LinkedBlockingQueue<>();
    private volatile boolean stopRequested;
    /** Bytes taken from {@link #input} while waiting that the UART had no room for yet. */
    private final ArrayDeque<Integer> heldInput = new ArrayDeque<>();
    private RunOutcome finished;

    private VirtMachine(Config config, HartFactory hartFactory, OutputStream console, LongSupplier wallClockNanos)
            throws ImageLoadException, IOException {
        this.console = console;
        this.map = VirtMemoryMap.qemuVirt(config.ramBytes());
        this.bus = new PhysicalBus(VirtMemoryMap.DRAM_BASE, config.ramBytes());
        bus.reservations().ensureHart(config.harts() - 1);
        this.plan = BootLoader.load(config.boot(), map, new VirtDeviceTree.Options(config.harts(),
                VirtDeviceTree.RV64GC_ISA, VirtDeviceTree.MMU_TYPE, "", Optional.empty()), bus::writeBytes);
        for (int h = 0; h < config.harts(); h++) {
            harts.add(hartFactory.create(h, bus, clock));
        }

        DmaMemory dma = new DmaMemory() {
            @Override
            public void readBytes(long pa, byte[] into, int from, int len) {
                bus.readBytes(pa, into, from, len);
            }

            @Override
            public void writeBytes(long pa, byte[] data, int from, int len) {
                bus.writeBytes(pa, data, from, len);
            }
        };
        List<MemoryRegion> slots = map.regionsOf(DeviceKind.VIRTIO_MMIO);
        List<Integer> slotOfDisk = VirtioSlotAssignment.assign(
                config.disks().stream().map(Disk::slot).toList(), slots.size());
        VirtioBlockDevice[] deviceInSlot = new VirtioBlockDevice[slots.size()];
        try {
            for (int i = 0; i < config.disks().size(); i++) {
                Disk d = config.disks().get(i);
                RawImageBackend backend = openImage(d);
                backends.add(backend);
                deviceInSlot[slotOfDisk.get(i)] = new VirtioBlockDevice(backend, dma, d.serial());
            }
        } catch (IOException e) {
            close();
            throw e;
        }

        Plic thePlic = null;
        Clint theClint = null;
        Uart16550 theUart = null;
        GoldfishRtc theRtc = null;
        // The PLIC comes first: the other devices are wired to its sources.
        for (MemoryRegion r : map.regionsOf(DeviceKind.PLIC)) {
            thePlic = new Plic(VirtMemoryMap.PLIC_SOURCES, harts);
            bus.attach(r, thePlic);
        }
        this.plic = Objects.requireNonNull(thePlic, "the map has no PLIC");
        for (MemoryRegion r : map.regions()) {
            switch (r.kind()) {
                case MROM -> bus.attach(r, new ResetVectorRom((int) r.size(), plan.startAddress(), plan.fdtAddress(),
                        plan.kernelEntry()));
                case TEST_FINISHER -> bus.attach(r, new SiFiveTestFinisher(new SiFiveTestFinisher.Handler() {
                    @Override
                    public void exit(int exitCode) {
                        finish(new RunOutcome.Exited(exitCode));
                    }

                    @Override
                    public void reset() {
                        finish(new RunOutcome.ResetRequested());
                    }
                }));
                case RTC -> {
                    theRtc = new GoldfishRtc(wallClockNanos, plic.line(r.irq().orElseThrow()));
                    bus.attach(r, theRtc);
                }
                case CLINT -> {
                    theClint = new Clint(clock, harts);
                    bus.attach(r, theClint);
                }
                case UART -> {
                    theUart = new Uart16550(clock, this::transmit, plic.line(r.irq().orElseThrow()), this::feedUart);
                    bus.attach(r, theUart);
                }
                case VIRTIO_MMIO -> {
                    int slot = slots.indexOf(r);
                    VirtioMmioTransport t = new VirtioMmioTransport(config.legacyVirtio(), deviceInSlot[slot], dma,
                            plic.line(r.irq().orElseThrow()));
                    transports.add(t);
                    bus.attach(r, t);
                }
                case PLIC, DRAM -> { } // attached above; RAM is the bus's own
            }
        }
        this.clint = Objects.requireNonNull(theClint, "the map has no CLINT");
        this.uart = Objects.requireNonNull(theUart, "the map has no UART");
        this.rtc = Objects.requireNonNull(theRtc, "the map has no RTC");
        for (MachineHart h : harts) {
            h.reset(VirtMemoryMap.MROM_BASE);
        }
    }

    /**
     * Builds the machine and loads its images.
     *
     * @param console        receives the UART's output; flushed after every round of slices
     * @param wallClockNanos the RTC's time source (nanoseconds since the epoch)
     * @throws ImageLoadException a boot file cannot be loaded
     * @throws IOException        a disk image cannot be opened
     */
    public static VirtMachine create(Config config, HartFactory hartFactory, OutputStream console,
            LongSupplier wallClockNanos) throws ImageLoadException, IOException {
        return new VirtMachine(config, hartFactory, console, wallClockNanos);
    }

    private static RawImageBackend openImage(Disk d) throws IOException {
        try {
            return RawImageBackend.open(d.image(), d.readOnly());
        } catch (IOException e) {
            throw new IOException("could not open disk image " + d.image() + ": " + e.getMessage(), e);
        }
    }

    private void transmit(int b) {
        try {
            console.write(b);
        } catch (IOException e) {
            stopRequested = true; // the console is gone: nobody can see or stop the guest
        }
    }

    private void flushConsole() {
        try {
            console.flush();
        } catch (IOException e) {
            stopRequested = true;
        }
    }

    private void finish(RunOutcome outcome) {
        if (finished == null) {
            finished = outcome;
        }
        for (MachineHart h : harts) {
            h.requestStop();
        }
    }

    /** The memory map the machine was built from. */
    public VirtMemoryMap memoryMap() {
        return map;
    }

    /** The physical bus (RAM and devices). */
    public PhysicalBus bus() {
        return bus;
    }

    /** Where the loader put things. */
    public BootLoader.Plan bootPlan() {
        return plan;
    }

    /** The harts, by hart id. */
    public List<MachineHart> harts() {
        return List.copyOf(harts);
    }

    /** The virtio-mmio transports, slot 0 first. */
    public List<VirtioMmioTransport> virtioTransports() {
        return List.copyOf(transports);
    }

    /** Queues a byte typed on the console for the UART. Thread-safe. */
    public void typed(int b) {
        input.add(b & 0xff);
    }

    /** Asks the run loop to end with {@link RunOutcome.Stopped}. Thread-safe. */
    public void stop() {
        stopRequested = true;
        input.add(-1); // wakes a loop waiting for input
    }

    /**
     * Runs until the guest finishes, {@link #stop()} is called, or {@code instructionLimit}
     * instructions (summed over all harts, counted in slices) have run.
     */
    public RunOutcome run(long instructionLimit) {
        long executed = 0;
        while (true) {
            flushConsole();
            if (finished != null) {
                return finished;
            }
            if (stopRequested) {
                return new RunOutcome.Stopped();
            }
            if (executed >= instructionLimit) {
                return new RunOutcome.InstructionLimit();
            }
            feedUart();
            boolean anyRan = false;
            for (MachineHart h : harts) {
                if (finished != null) {
                    break;
                }
                if (h.isWaitingForInterrupt()) {
                    continue;
                }
                StopReason why = h.run(SLICE);
                executed += SLICE;
                anyRan = true;
                clint.updateTimers();
                if (why == StopReason.BREAKPOINT) {
                    return new RunOutcome.Stopped();
                }
            }
            rtc.update();
            uart.update();
            clint.updateTimers();
            if (!anyRan && finished == null) {
                idle();
            }
        }
    }

    /**
     * Every hart waits in WFI: time passes as on the wall clock (as QEMU's does, and its
     * {@code -icount} with {@code sleep=on}) until the next timer deadline or console input,
     * waiting at most {@link #IDLE_STEP_TICKS} at a time. Without input the skip is exactly the
     * deadline (or the step), whatever the host's timing, so runs without input stay
     * deterministic; input ends the wait early and the clock moves on by the time that passed.
     */
    private void idle() {
        long ticks = Math.min(Math.min(clint.ticksUntilNextDeadline(), uart.ticksUntilTimeout()), IDLE_STEP_TICKS);
        long start = System.nanoTime();
        try {
            Integer b = input.poll(ticks * NANOS_PER_TICK, TimeUnit.NANOSECONDS);
            if (b == null) {
                clock.skip(ticks);
            } else {
                clock.skip(Math.min(ticks, (System.nanoTime() - start) / NANOS_PER_TICK));
                if (b >= 0) {
                    heldInput.addLast(b);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopRequested = true;
        }
        feedUart();
        uart.update();
        clint.updateTimers();
    }

    /**
     * Offers the typed bytes to the UART while it takes them; also called by the UART when the
     * guest has read a byte (QEMU's {@code qemu_chr_fe_accept_input}).
     */
    private void feedUart() {
        while (uart.canReceive()) {
            Integer b = heldInput.isEmpty() ? input.poll() : heldInput.removeFirst();
            if (b == null) {
                return;
            }
            if (b >= 0) {
                uart.receive(b);
            }
        }
    }

    /**
     * Flushes and closes the disk images. Called on every way out of a run; idempotent.
     *
     * @throws IOException if a flush failed (the remaining images are still closed)
     */
    @Override
    public void close() throws IOException {
        IOException first = null;
        for (RawImageBackend b : backends) {
            try {
                b.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
