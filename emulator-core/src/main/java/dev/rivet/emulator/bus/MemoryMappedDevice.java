package dev.rivet.emulator.bus;

/**
 * A device whose registers occupy one region of the physical address space.
 *
 * <p>Offsets are relative to the start of the device's region; {@code size} is the access
 * width in bytes (1, 2, 4 or 8); values are little-endian, zero-extended to 64 bits on load and
 * truncated to {@code size} bytes on store. The bus guarantees that {@code offset + size} does
 * not exceed the region.
 *
 * <p>Contract for implementers:
 * <ul>
 * <li>{@link #load} and {@link #store} are the guest's accesses and may have side effects
 * (reading the UART receive buffer pops a byte, reading the PLIC claim register claims).</li>
 * <li>{@link #peek} is the debugger's and the views' read: it returns what {@code load} would
 * return but changes nothing, not even internal state such as FIFO positions or pending bits.</li>
 * <li>{@link #registerWidths} tells in which widths {@code peek} shows the bytes of the registers
 * at an offset; a debugger's read of memory ({@link PhysicalBus#peekBytes}) is split into peeks
 * of those widths, so a device whose 8-byte load returns one byte-wide register still shows
 * eight registers to an 8-byte debugger read.</li>
 * <li>An access the device does not support (a width or offset it does not decode) throws
 * {@link BusErrorException}; the hart turns it into an access fault (RISC-V privileged spec,
 * section 3.7.1, "Load/store access fault"). A device never throws anything else because of
 * what a guest does.</li>
 * <li>Methods are called from the machine's thread only.</li>
 * </ul>
 */
public interface MemoryMappedDevice {

    /** A guest load of {@code size} bytes at {@code offset}. */
    long load(long offset, int size);

    /** A guest store of the low {@code size} bytes of {@code value} at {@code offset}. */
    void store(long offset, int size, long value);

    /** A side-effect-free read of {@code size} bytes at {@code offset}, for debuggers and views. */
    long peek(long offset, int size);

    /**
     * The widths in which the registers at {@code offset} can be peeked whole (see
     * {@link AccessWidths}). The default, {@link AccessWidths#ANY}, fits devices whose
     * {@code peek(offset, size)} returns {@code size} bytes of contents for every width.
     */
    default AccessWidths registerWidths(long offset) {
        return AccessWidths.ANY;
    }
}
