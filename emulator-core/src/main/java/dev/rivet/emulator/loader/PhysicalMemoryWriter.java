package dev.rivet.emulator.loader;

/**
 * Where loaders put bytes: the machine's RAM. Implemented by the bus
 * ({@code PhysicalBus::writeBytes}).
 */
@FunctionalInterface
public interface PhysicalMemoryWriter {

    /**
     * Copies {@code len} bytes of {@code data} from {@code from} to physical address {@code pa}.
     *
     * @throws dev.rivet.emulator.bus.BusErrorException if the range is not all RAM
     */
    void writeBytes(long pa, byte[] data, int from, int len);
}
