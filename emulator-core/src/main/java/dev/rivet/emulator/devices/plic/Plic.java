package dev.rivet.emulator.devices.plic;

import dev.rivet.emulator.bus.AccessWidths;
import dev.rivet.emulator.bus.BusErrorException;
import dev.rivet.emulator.bus.MemoryMappedDevice;
import dev.rivet.emulator.irq.HartInterruptPins;
import dev.rivet.emulator.irq.InterruptLine;
import java.util.List;

/**
 * The platform-level interrupt controller with the register layout of QEMU 7.2's
 * {@code sifive_plic} as the {@code virt} machine configures it (RISC-V PLIC specification 1.0.0,
 * chapter "Memory Map"):
 * <ul>
 * <li>priority of source {@code s} at {@code 4s} (3 priority bits: 0..7);</li>
 * <li>pending bits at {@code 0x1000} (read-only);</li>
 * <li>enable bits of context {@code c} at {@code 0x2000 + 0x80c};</li>
 * <li>threshold of context {@code c} at {@code 0x200000 + 0x1000c}, claim/complete at {@code +4}.</li>
 * </ul>
 * Contexts are QEMU's {@code "MS"} per hart: context {@code 2h} is hart {@code h}'s M-mode
 * (drives MEIP), context {@code 2h + 1} its S-mode (drives SEIP). Sources are 1..{@code sources};
 * source 0 does not exist. Registers are 32 bits wide; other widths are access faults. Offsets
 * outside the decoded registers read as zero and ignore writes, as QEMU does.
 *
 * <p>Sources are level-triggered (PLIC specification 1.0.0, "Interrupt Gateways"): the gateway
 * latches a pending bit when the device's line is high and it is not in service; the bit stays
 * when the line falls, until a claim clears it (as QEMU 7.2 does too); a completion re-arms the
 * gateway, which pends again if the line is still high (QEMU 7.2 waits for the device to raise
 * its line again).
 */
public final class Plic implements MemoryMappedDevice {

    public static final long PRIORITY_BASE = 0x0;
    public static final long PENDING_BASE = 0x1000;
    public static final long ENABLE_BASE = 0x2000;
    public static final long ENABLE_STRIDE = 0x80;
    public static final long CONTEXT_BASE = 0x200000;
    public static final long CONTEXT_STRIDE = 0x1000;
    /** Priority registers keep 3 bits ({@code VIRT_IRQCHIP_NUM_PRIO_BITS}). */
    public static final int PRIORITY_MASK = 7;

    private final int sources;
    private final int words;
    private final List<? extends HartInterruptPins> harts;
    private final int[] priority;
    private final int[] pending;
    private final int[] claimed;
    private final boolean[] lineLevel;
    private final int[][] enable;
    private final int[] threshold;
    private final boolean[] output;

    /**
     * @param sources the highest source number (95 on {@code virt})
     * @param harts   the interrupt pins of each hart, indexed by hart id
     */
    public Plic(int sources, List<? extends HartInterruptPins> harts) {
        this.sources = sources;
        this.words = (sources + 1 + 31) / 32;
        this.harts = List.copyOf(harts);
        this.priority = new int[sources + 1];
        this.pending = new int[words];
        this.claimed = new int[words];
        this.lineLevel = new boolean[sources + 1];
        int contexts = 2 * harts.size();
        this.enable = new int[contexts][words];
        this.threshold = new int[contexts];
        this.output = new boolean[contexts];
    }

    /**
     * The wire of source {@code source} (1..sources), to hand to a device.
     *
     * @throws IllegalArgumentException if there is no such source
     */
    public InterruptLine line(int source) {
        if (source < 1 || source > sources) {
            throw new IllegalArgumentException("PLIC has no source " + source);
        }
        return level -> setLevel(source, level);
    }

    private void setLevel(int source, boolean level) {
        lineLevel[source] = level;
        if (level && !bit(claimed, source)) {
            setBit(pending, source, true); // the gateway latches; a claim clears it, not the line
        }
        update();
    }

    /** Whether source {@code source} is pending (for views and tests). */
    public boolean isPending(int source) {
        return bit(pending, source);
    }

    @Override
    public long load(long offset, int size) {
        checkWidth(offset, size);
        if (isClaimRegister(offset)) {
            int ctx = (int) ((offset - CONTEXT_BASE) / CONTEXT_STRIDE);
            int s = bestCandidate(ctx);
            if (s != 0) {
                setBit(pending, s, false);
                setBit(claimed, s, true);
                update();
            }
            return s;
        }
        return read(offset);
    }

    @Override
    public long peek(long offset, int size) {
        checkWidth(offset, size);
        if (isClaimRegister(offset)) {
            return bestCandidate((int) ((offset - CONTEXT_BASE) / CONTEXT_STRIDE));
        }
        return read(offset);
    }

    /** Every register is 32 bits wide and read whole. */
    @Override
    public AccessWidths registerWidths(long offset) {
        return AccessWidths.WORD;
    }

    private boolean isClaimRegister(long offset) {
        return offset >= CONTEXT_BASE && offset < CONTEXT_BASE + CONTEXT_STRIDE * threshold.length
                && ((offset - CONTEXT_BASE) % CONTEXT_STRIDE) == 4;
    }

    private long read(long offset) {
        if (offset < PENDING_BASE) {
            int s = (int) (offset / 4);
            return s <= sources ? priority[s] : 0;
        }
        if (offset < PENDING_BASE + 4L * words) {
            return pending[(int) ((offset - PENDING_BASE) / 4)] & 0xffff_ffffL;
        }
        if (offset >= ENABLE_BASE && offset < ENABLE_BASE + ENABLE_STRIDE * enable.length) {
            int ctx = (int) ((offset - ENABLE_BASE) / ENABLE_STRIDE);
            int w = (int) (((offset - ENABLE_BASE) % ENABLE_STRIDE) / 4);
            return w < words ? enable[ctx][w] & 0xffff_ffffL : 0;
        }
        if (offset >= CONTEXT_BASE && offset < CONTEXT_BASE + CONTEXT_STRIDE * threshold.length) {
            int ctx = (int) ((offset - CONTEXT_BASE) / CONTEXT_STRIDE);
            return (offset - CONTEXT_BASE) % CONTEXT_STRIDE == 0 ? threshold[ctx] : 0;
        }
        return 0;
    }

    @Override
    public void store(long offset, int size, long value) {
        checkWidth(offset, size);
        int v = (int) value;
        if (offset < PENDING_BASE) {
            int s = (int) (offset / 4);
            if (s >= 1 && s <= sources) {
                priority[s] = v & PRIORITY_MASK;
            }
        } else if (offset >= ENABLE_BASE && offset < ENABLE_BASE + ENABLE_STRIDE * enable.length) {
            int ctx = (int) ((offset - ENABLE_BASE) / ENABLE_STRIDE);
            int w = (int) (((offset - ENABLE_BASE) % ENABLE_STRIDE) / 4);
            if (w < words) {
                enable[ctx][w] = w == 0 ? v & ~1 : v; // source 0 does not exist
                if (w == words - 1) {
                    enable[ctx][w] &= validMask(w);
                }
            }
        } else if (offset >= CONTEXT_BASE && offset < CONTEXT_BASE + CONTEXT_STRIDE * threshold.length) {
            int ctx = (int) ((offset - CONTEXT_BASE) / CONTEXT_STRIDE);
            long reg = (offset - CONTEXT_BASE) % CONTEXT_STRIDE;
            if (reg == 0) {
                threshold[ctx] = v & PRIORITY_MASK;
            } else if (reg == 4) {
                complete(ctx, v);
            }
        }
        update();
    }

    private int validMask(int word) {
        int firstInvalid = sources + 1 - 32 * word;
        return firstInvalid >= 32 ? -1 : (1 << firstInvalid) - 1;
    }

    private void complete(int ctx, int source) {
        // PLIC spec: a completion for a source not enabled for this context is ignored.
        if (source < 1 || source > sources || !bit(enable[ctx], source)) {
            return;
        }
        setBit(claimed, source, false);
        if (lineLevel[source]) {
            setBit(pending, source, true);
        }
    }

    /** The highest-priority pending, enabled, unclaimed source above the threshold, or 0. */
    private int bestCandidate(int ctx) {
        int best = 0;
        int bestPriority = threshold[ctx];
        for (int w = 0; w < words; w++) {
            int candidates = pending[w] & enable[ctx][w] & ~claimed[w];
            while (candidates != 0) {
                int b = Integer.numberOfTrailingZeros(candidates);
                candidates &= candidates - 1;
                int s = 32 * w + b;
                if (priority[s] > bestPriority) {
                    best = s;
                    bestPriority = priority[s];
                }
            }
        }
        return best;
    }

    private void update() {
        for (int ctx = 0; ctx < output.length; ctx++) {
            boolean level = bestCandidate(ctx) != 0;
            if (level != output[ctx]) {
                output[ctx] = level;
                int bit = (ctx & 1) == 0 ? HartInterruptPins.MEIP : HartInterruptPins.SEIP;
                harts.get(ctx / 2).setInterruptPending(bit, level);
            }
        }
    }

    private static void checkWidth(long offset, int size) {
        if (size != 4 || (offset & 3) != 0) {
            throw new BusErrorException(offset, "PLIC: registers take aligned 4-byte accesses, not " + size);
        }
    }

    private static boolean bit(int[] words, int n) {
        return (words[n >>> 5] & (1 << (n & 31))) != 0;
    }

    private static void setBit(int[] words, int n, boolean value) {
        if (value) {
            words[n >>> 5] |= 1 << (n & 31);
        } else {
            words[n >>> 5] &= ~(1 << (n & 31));
        }
    }
}
