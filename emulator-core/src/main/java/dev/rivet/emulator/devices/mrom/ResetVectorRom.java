package dev.rivet.emulator.devices.mrom;

import dev.rivet.emulator.bus.BusErrorException;
import dev.rivet.emulator.bus.MemoryMappedDevice;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The {@code virt} machine's boot ROM ({@code VIRT_MROM}) with QEMU 7.2's reset vector
 * ({@code hw/riscv/boot.c}, {@code riscv_setup_rom_reset_vec}) and the OpenSBI
 * {@code fw_dynamic_info} block after it ({@code riscv_rom_copy_firmware_info}).
 *
 * <p>Every hart starts at the ROM's base and runs:
 * <pre>
 *   auipc t0, 0          ; t0 = ROM base
 *   addi  a2, t0, 40     ; a2 = &amp;fw_dynamic_info
 *   csrr  a0, mhartid
 *   ld    a1, 32(t0)     ; a1 = device-tree address
 *   ld    t0, 24(t0)     ; t0 = start address
 *   jr    t0
 *   .dword start, fdt
 * fw_dynamic_info: magic "OSBI", version 2, next_addr, next_mode S, options 0, boot_hart 0
 * </pre>
 * Writes are ignored (it is ROM); loads of any width read the bytes.
 */
public final class ResetVectorRom implements MemoryMappedDevice {

    /** {@code FW_DYNAMIC_INFO_MAGIC_VALUE}: "OSBI" little-endian. */
    public static final long FW_DYNAMIC_MAGIC = 0x4942534fL;
    /** {@code FW_DYNAMIC_INFO_VERSION_2}. */
    public static final long FW_DYNAMIC_VERSION = 2;
    /** {@code FW_DYNAMIC_INFO_NEXT_MODE_S}. */
    public static final long NEXT_MODE_S = 1;
    /** Offset of {@code fw_dynamic_info} inside the ROM. */
    public static final int FW_DYNAMIC_INFO_OFFSET = 40;

    private final byte[] rom;

    /**
     * @param size        the ROM's size (the region's)
     * @param startAddr   where the reset vector jumps (firmware or, with {@code -bios none}, the kernel)
     * @param fdtAddr     the device-tree address passed in a1
     * @param nextAddr    {@code fw_dynamic_info.next_addr}: where the firmware continues (the kernel)
     */
    public ResetVectorRom(int size, long startAddr, long fdtAddr, long nextAddr) {
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x00000297); // auipc t0, 0
        b.putInt(0x02828613); // addi a2, t0, 40
        b.putInt(0xf1402573); // csrr a0, mhartid
        b.putInt(0x0202b583); // ld a1, 32(t0)
        b.putInt(0x0182b283); // ld t0, 24(t0)
        b.putInt(0x00028067); // jr t0
        b.putLong(startAddr);
        b.putLong(fdtAddr);
        b.putLong(FW_DYNAMIC_MAGIC);
        b.putLong(FW_DYNAMIC_VERSION);
        b.putLong(nextAddr);
        b.putLong(NEXT_MODE_S);
        b.putLong(0); // options
        b.putLong(0); // boot_hart
        this.rom = b.array();
    }

    @Override
    public long load(long offset, int size) {
        return peek(offset, size);
    }

    @Override
    public long peek(long offset, int size) {
        if (offset < 0 || offset + size > rom.length) {
            throw new BusErrorException(offset, "MROM: outside the ROM");
        }
        long v = 0;
        for (int i = size - 1; i >= 0; i--) {
            v = (v << 8) | (rom[(int) offset + i] & 0xff);
        }
        return v;
    }

    @Override
    public void store(long offset, int size, long value) {
        // ROM: QEMU discards writes to the reset-vector ROM.
    }
}
