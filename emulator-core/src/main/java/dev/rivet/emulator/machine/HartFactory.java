package dev.rivet.emulator.machine;

import dev.rivet.emulator.bus.PhysicalBus;
import dev.rivet.emulator.time.MachineClock;

/** Makes the machine's harts; the machine wires their interrupt pins to the CLINT and PLIC. */
@FunctionalInterface
public interface HartFactory {

    /** A hart with {@code mhartid = hartId} on {@code bus}, reading time from {@code clock}. */
    MachineHart create(int hartId, PhysicalBus bus, MachineClock clock);
}
