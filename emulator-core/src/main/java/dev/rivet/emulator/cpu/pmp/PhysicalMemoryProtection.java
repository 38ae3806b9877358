package dev.rivet.emulator.cpu.pmp;

/**
 * Physical memory protection with 16 entries (RISC-V privileged spec, section 3.7): address
 * matching OFF, TOR, NA4 and NAPOT with a grain of 4 bytes (G = 0, as QEMU 7.2), the lock bit,
 * and the rule that the lowest-numbered matching entry decides. S- and U-mode accesses that match
 * no entry fail; M-mode accesses succeed unless they match a locked entry that denies them. An
 * access that matches an entry only partly fails.
 */
public final class PhysicalMemoryProtection {

    /** Number of entries, as QEMU 7.2 ({@code MAX_RISCV_PMPS}). */
    public static final int ENTRIES = 16;
    public static final int R = 1;
    public static final int W = 2;
    public static final int X = 4;
    /** {@link #pagePermissions} result when entries cover only part of the page. */
    public static final int PARTIAL = -1;

    private static final int A_OFF = 0;
    private static final int A_TOR = 1;
    private static final int A_NA4 = 2;
    private static final int LOCK = 0x80;
    private static final long ADDR_MASK = (1L << 54) - 1;

    private final int[] cfg = new int[ENTRIES];
    private final long[] addr = new long[ENTRIES];
    private final long[] lo = new long[ENTRIES];
    private final long[] hiExclusive = new long[ENTRIES];
    private boolean anyActive;
    private boolean anyLocked;

    /** Clears all entries (reset: A = OFF, L = 0, section 3.7.1). */
    public void reset() {
        java.util.Arrays.fill(cfg, 0);
        java.util.Arrays.fill(addr, 0);
        recompute();
    }

    /** Reads {@code pmpcfg<reg>}; on RV64 only even {@code reg} exist, each holding 8 entries. */
    public long readConfig(int reg) {
        long v = 0;
        int first = reg * 4;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | cfg[first + i];
        }
        return v;
    }

    /** Writes {@code pmpcfg<reg>}; locked entries keep their configuration. */
    public void writeConfig(int reg, long value) {
        int first = reg * 4;
        for (int i = 0; i < 8; i++) {
            int e = first + i;
            if ((cfg[e] & LOCK) == 0) {
                cfg[e] = (int) ((value >>> (8 * i)) & 0x9f);
            }
        }
        recompute();
    }

    public long readAddress(int entry) {
        return addr[entry];
    }

    /** Writes {@code pmpaddr<entry>} unless locked (its own L, or the next entry's L with TOR). */
    public void writeAddress(int entry, long value) {
        if ((cfg[entry] & LOCK) != 0) {
            return;
        }
        if (entry + 1 < ENTRIES && (cfg[entry + 1] & LOCK) != 0 && mode(entry + 1) == A_TOR) {
            return;
        }
        addr[entry] = value & ADDR_MASK;
        recompute();
    }

    private int mode(int e) {
        return (cfg[e] >>> 3) & 3;
    }

    private void recompute() {
        anyActive = false;
        anyLocked = false;
        for (int e = 0; e < ENTRIES; e++) {
            int m = mode(e);
            if (m == A_OFF) {
                lo[e] = 0;
                hiExclusive[e] = 0;
                continue;
            }
            anyActive = true;
            anyLocked |= (cfg[e] & LOCK) != 0;
            if (m == A_TOR) {
                lo[e] = e == 0 ? 0 : addr[e - 1] << 2;
                hiExclusive[e] = addr[e] << 2;
            } else if (m == A_NA4) {
                lo[e] = addr[e] << 2;
                hiExclusive[e] = lo[e] + 4;
            } else {
                int ones = Long.numberOfTrailingZeros(~addr[e]);
                if (ones >= 54) {
                    lo[e] = 0;
                    hiExclusive[e] = 1L << 56;
                } else {
                    lo[e] = (addr[e] & ~((1L << ones) - 1)) << 2;
                    hiExclusive[e] = lo[e] + (1L << (ones + 3));
                }
            }
        }
    }

    /** Whether checks can be skipped for mode {@code priv}: M-mode with no locked entry. */
    public boolean unrestricted(int priv) {
        return priv == 3 && !anyLocked;
    }

    /**
     * The permissions (R|W|X) that apply to every byte of the 4 KiB page at {@code page} for
     * mode {@code priv}, or {@link #PARTIAL} if different bytes of the page are governed by
     * different rules (then each access must be checked with {@link #check}).
     */
    public int pagePermissions(long page, int priv) {
        return permissions(page, 4096, priv);
    }

    /** Whether an access of {@code size} bytes at {@code pa} needing permission {@code need} is allowed. */
    public boolean check(long pa, int size, int need, int priv) {
        int p = permissions(pa, size, priv);
        return p != PARTIAL && (p & need) != 0;
    }

    private int permissions(long start, long size, int priv) {
        if (unrestricted(priv)) {
            return R | W | X;
        }
        long end = start + size; // exclusive
        for (int e = 0; e < ENTRIES; e++) {
            if (!anyActive) {
                break;
            }
            if (mode(e) == A_OFF || Long.compareUnsigned(lo[e], hiExclusive[e]) >= 0) {
                continue;
            }
            boolean overlaps = Long.compareUnsigned(start, hiExclusive[e]) < 0 && Long.compareUnsigned(lo[e], end) < 0;
            if (!overlaps) {
                continue;
            }
            boolean inside = Long.compareUnsigned(start, lo[e]) >= 0 && Long.compareUnsigned(end, hiExclusive[e]) <= 0;
            if (!inside) {
                return PARTIAL;
            }
            if (priv == 3 && (cfg[e] & LOCK) == 0) {
                return R | W | X;
            }
            return cfg[e] & 7;
        }
        return priv == 3 ? R | W | X : 0;
    }
}
