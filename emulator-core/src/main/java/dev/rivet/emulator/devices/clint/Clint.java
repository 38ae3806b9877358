package dev.rivet.emulator.devices.clint;

import dev.rivet.emulator.bus.AccessWidths;
import dev.rivet.emulator.bus.BusErrorException;
import dev.rivet.emulator.bus.MemoryMappedDevice;
import dev.rivet.emulator.irq.HartInterruptPins;
import dev.rivet.emulator.time.MachineClock;
import java.util.Arrays;
import java.util.List;

/**
 * The SiFive core-local interruptor as QEMU 7.2's {@code virt} machine maps it (QEMU's
 * {@code riscv_aclint_swi} + {@code riscv_aclint_mtimer} with the SiFive CLINT layout):
 * <ul>
 * <li>{@code msip[h]} at {@code 0x0000 + 4h}: bit 0 drives hart {@code h}'s MSIP (32-bit access);</li>
 * <li>{@code mtimecmp[h]} at {@code 0x4000 + 8h}: hart {@code h}'s MTIP is high while
 * {@code mtime >= mtimecmp[h]} (32- or 64-bit access);</li>
 * <li>{@code mtime} at {@code 0xbff8}, ticking at {@link MachineClock#FREQUENCY_HZ} (32- or
 * 64-bit access; writable, as on QEMU).</li>
 * </ul>
 * Offsets the CLINT does not decode read as zero and ignore writes, as QEMU does. The timer
 * comparison is re-evaluated on every access and on {@link #updateTimers()}, which the machine
 * calls between execution slices.
 */
public final class Clint implements MemoryMappedDevice {

    /** Offset of {@code msip[0]}. */
    public static final long MSIP_BASE = 0x0000;
    /** Offset of {@code mtimecmp[0]}. */
    public static final long MTIMECMP_BASE = 0x4000;
    /** Offset of {@code mtime}. */
    public static final long MTIME = 0xbff8;

    private static final AccessWidths TIMER_WIDTHS = new AccessWidths(4, 8);

    private final MachineClock clock;
    private final List<? extends HartInterruptPins> harts;
    private final long[] mtimecmp;
    private final boolean[] msip;
    private final boolean[] mtip;
    private long timeOffset;

    /**
     * @param clock the machine's time base
     * @param harts the interrupt pins of each hart, indexed by hart id
     */
    public Clint(MachineClock clock, List<? extends HartInterruptPins> harts) {
        this.clock = clock;
        this.harts = List.copyOf(harts);
        this.mtimecmp = new long[harts.size()];
        Arrays.fill(mtimecmp, -1L);
        this.msip = new boolean[harts.size()];
        this.mtip = new boolean[harts.size()];
    }

    /** The current value of {@code mtime}. */
    public long mtime() {
        return clock.now() + timeOffset;
    }

    /** The {@code mtimecmp} of hart {@code hart}. */
    public long mtimecmp(int hart) {
        return mtimecmp[hart];
    }

    /**
     * The number of ticks until the earliest timer deadline still in the future, or
     * {@link Long#MAX_VALUE} if no hart has one (deadlines already passed have raised their MTIP
     * and wake nobody later).
     */
    public long ticksUntilNextDeadline() {
        long now = mtime();
        long best = Long.MAX_VALUE;
        for (long cmp : mtimecmp) {
            if (Long.compareUnsigned(cmp, now) > 0 && Long.compareUnsigned(cmp - now, best) < 0) {
                best = cmp - now;
            }
        }
        return best;
    }

    /** Re-evaluates every hart's MTIP against the current {@code mtime}. */
    public void updateTimers() {
        long now = mtime();
        for (int h = 0; h < mtimecmp.length; h++) {
            boolean level = Long.compareUnsigned(now, mtimecmp[h]) >= 0;
            if (level != mtip[h]) {
                mtip[h] = level;
                harts.get(h).setInterruptPending(HartInterruptPins.MTIP, level);
            }
        }
    }

    @Override
    public long load(long offset, int size) {
        long v = read(offset, size);
        updateTimers();
        return v;
    }

    @Override
    public long peek(long offset, int size) {
        return read(offset, size);
    }

    /** {@code msip} is read as 32 bits only; {@code mtimecmp} and {@code mtime} as 32 or 64 bits. */
    @Override
    public AccessWidths registerWidths(long offset) {
        return offset >= MSIP_BASE && offset < MTIMECMP_BASE ? AccessWidths.WORD : TIMER_WIDTHS;
    }

    private long read(long offset, int size) {
        checkWidth(offset, size);
        int n = mtimecmp.length;
        if (offset >= MSIP_BASE && offset < MSIP_BASE + 4L * n) {
            requireWidth(offset, size, 4);
            return msip[(int) ((offset - MSIP_BASE) / 4)] ? 1 : 0;
        }
        if (offset >= MTIMECMP_BASE && offset < MTIMECMP_BASE + 8L * n) {
            int h = (int) ((offset - MTIMECMP_BASE) / 8);
            return slice(mtimecmp[h], offset & 7, size);
        }
        if (offset >= MTIME && offset < MTIME + 8) {
            return slice(mtime(), offset & 7, size);
        }
        return 0;
    }

    @Override
    public void store(long offset, int size, long value) {
        checkWidth(offset, size);
        int n = mtimecmp.length;
        if (offset >= MSIP_BASE && offset < MSIP_BASE + 4L * n) {
            requireWidth(offset, size, 4);
            int h = (int) ((offset - MSIP_BASE) / 4);
            boolean level = (value & 1) != 0;
            msip[h] = level;
            harts.get(h).setInterruptPending(HartInterruptPins.MSIP, level);
            return;
        }
        if (offset >= MTIMECMP_BASE && offset < MTIMECMP_BASE + 8L * n) {
            int h = (int) ((offset - MTIMECMP_BASE) / 8);
            mtimecmp[h] = merge(mtimecmp[h], offset & 7, size, value);
        } else if (offset >= MTIME && offset < MTIME + 8) {
            long wanted = merge(mtime(), offset & 7, size, value);
            timeOffset = wanted - clock.now();
        }
        updateTimers();
    }

    private static void checkWidth(long offset, int size) {
        if ((size != 4 && size != 8) || (offset & (size - 1)) != 0) {
            throw new BusErrorException(offset, "CLINT: unsupported " + size + "-byte access");
        }
    }

    private static void requireWidth(long offset, int size, int width) {
        if (size != width) {
            throw new BusErrorException(offset, "CLINT: msip takes 4-byte accesses only");
        }
    }

    private static long slice(long reg, long byteOffset, int size) {
        long v = reg >>> (byteOffset * 8);
        return size == 8 ? v : v & 0xffff_ffffL;
    }

    private static long merge(long reg, long byteOffset, int size, long value) {
        if (size == 8) {
            return value;
        }
        int shift = (int) (byteOffset * 8);
        long mask = 0xffff_ffffL << shift;
        return (reg & ~mask) | ((value & 0xffff_ffffL) << shift);
    }
}
