package dev.rivet.emulator.bus;

/**
 * The widths, in bytes, in which a device's registers hold their contents: a naturally aligned
 * {@link MemoryMappedDevice#peek} of {@code w} bytes with {@code min <= w <= max} returns every
 * one of those bytes as it is, and no narrower read is decoded. QEMU states the same thing as a
 * {@code MemoryRegionOps}' {@code impl.min_access_size} and {@code impl.max_access_size}
 * ({@code include/exec/memory.h}); its memory core splits wider accesses into accesses of those
 * widths. Rivet does that splitting for debugger reads only ({@link PhysicalBus#peekBytes}), since
 * guest loads keep QEMU 7.2's per-device behaviour (for example an 8-byte load of the UART
 * returns one register in its low byte).
 *
 * @param min the narrowest read the device decodes (1, 2, 4 or 8)
 * @param max the widest read that still shows every byte (at least {@code min}, at most 8)
 */
public record AccessWidths(int min, int max) {

    /** Byte-addressable contents read at any width: ROM, plain memory, virtio configuration space. */
    public static final AccessWidths ANY = new AccessWidths(1, 8);
    /** One-byte registers (the NS16550A's). */
    public static final AccessWidths BYTE = new AccessWidths(1, 1);
    /** 32-bit registers read only whole (PLIC, Goldfish RTC, virtio-mmio registers, CLINT msip). */
    public static final AccessWidths WORD = new AccessWidths(4, 4);

    public AccessWidths {
        if (Integer.bitCount(min) != 1 || Integer.bitCount(max) != 1 || min > max || max > 8) {
            throw new IllegalArgumentException("widths must be powers of two with 1 <= min <= max <= 8, were "
                    + min + ".." + max);
        }
    }
}
