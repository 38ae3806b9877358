package dev.rivet.emulator.cpu.mmu;

import dev.rivet.emulator.bus.BusErrorException;
import dev.rivet.emulator.bus.PhysicalBus;
import dev.rivet.emulator.cpu.HartState;
import dev.rivet.emulator.cpu.csr.Mstatus;
import dev.rivet.emulator.cpu.pmp.PhysicalMemoryProtection;
import dev.rivet.emulator.cpu.trap.TrapException;

import java.util.Arrays;

/**
 * A hart's view of memory: address translation (bare or through the {@link PageTableWalker}),
 * PMP, and the physical access on the {@link PhysicalBus}, behind a software TLB.
 *
 * <p>The TLB is direct-mapped, one per (effective privilege mode, access type); an entry holds a
 * page whose translation and PMP permissions were both checked for that mode and type, so a hit
 * needs no further check. It is flushed when the spec allows a change to be seen: SFENCE.VMA,
 * writes to {@code satp}, changes of {@code mstatus.SUM}/{@code MXR} and of PMP registers (QEMU
 * flushes on the same events). Misaligned loads and stores are performed byte by byte as QEMU 7.2
 * does on virt; an access crossing a page translates both pages before touching memory, and a
 * fault on the second page reports that page's first address.
 */
public final class Mmu {

    private static final int TLB_BITS = 10;
    private static final int TLB_SIZE = 1 << TLB_BITS;
    private static final long INVALID = -1L;
    private static final long PAGE_MASK = 0xfffL;

    private final HartState s;
    private final PhysicalBus bus;
    private final PhysicalMemoryProtection pmp;
    private final PageTableWalker walker;
    private final int hartIndex;
    /** tags[(priv * 3 + type) * TLB_SIZE + index] = virtual page number, or INVALID. */
    private final long[] tags = new long[12 * TLB_SIZE];
    private final long[] pages = new long[12 * TLB_SIZE];

    public Mmu(HartState state, PhysicalBus bus, PhysicalMemoryProtection pmp, int hartIndex) {
        this.s = state;
        this.bus = bus;
        this.pmp = pmp;
        this.walker = new PageTableWalker(bus, pmp);
        this.hartIndex = hartIndex;
        flush();
    }

    /** Drops every cached translation. */
    public void flush() {
        Arrays.fill(tags, INVALID);
    }

    /** The privilege mode data accesses use: MPP when MPRV is set in M-mode (section 3.1.6.3). */
    public int dataPrivilege() {
        if (s.priv == 3 && (s.mstatus & Mstatus.MPRV) != 0) {
            return (int) ((s.mstatus >>> Mstatus.MPP_SHIFT) & 3);
        }
        return s.priv;
    }

    /**
     * Translates {@code va} for an access of {@code size} bytes of {@code type} that does not
     * cross a page, checking PMP.
     *
     * @throws TrapException the page fault or access fault of the access
     */
    public long translate(long va, int type, int size) {
        int priv = type == AccessType.FETCH ? s.priv : dataPrivilege();
        if (priv == 3 && pmp.unrestricted(3)) {
            return va; // M-mode never translates, and without locked PMP entries it is not checked
        }
        int slot = (priv * 3 + type) * TLB_SIZE + ((int) (va >>> 12) & (TLB_SIZE - 1));
        if (tags[slot] == (va >>> 12)) {
            return pages[slot] | (va & PAGE_MASK);
        }
        return translateSlow(va, type, size, priv, slot);
    }

    private long translateSlow(long va, int type, int size, int priv, int slot) {
        long page;
        int mode = (int) (s.satp >>> 60);
        if (priv == 3 || mode == PageTableWalker.MODE_BARE) {
            page = va & ~PAGE_MASK;
        } else {
            long r = walker.walk(s.satp, s.mstatus, va, type, priv);
            page = r & 0x00ff_ffff_ffff_f000L;
        }
        long pa = page | (va & PAGE_MASK);
        int need = AccessType.pmpPermission(type);
        int pagePerms = pmp.pagePermissions(page, priv);
        if (pagePerms == PhysicalMemoryProtection.PARTIAL) {
            if (!pmp.check(pa, size, need, priv)) {
                throw new TrapException(AccessType.accessFault(type), va);
            }
            return pa; // not cached: bytes of this page fall under different PMP rules
        }
        if ((pagePerms & need) == 0) {
            throw new TrapException(AccessType.accessFault(type), va);
        }
        tags[slot] = va >>> 12;
        pages[slot] = page;
        return pa;
    }

    // ---- data accesses ----

    /** A load of {@code size} bytes at {@code va}, zero-extended. */
    public long load(long va, int size) {
        if ((va & (size - 1)) != 0) {
            return loadMisaligned(va, size);
        }
        long pa = translate(va, AccessType.LOAD, size);
        try {
            return bus.load(pa, size);
        } catch (BusErrorException e) {
            throw new TrapException(AccessType.accessFault(AccessType.LOAD), va);
        }
    }

    /** A store of the low {@code size} bytes of {@code value} at {@code va}. */
    public void store(long va, int size, long value) {
        if ((va & (size - 1)) != 0) {
            storeMisaligned(va, size, value);
            return;
        }
        long pa = translate(va, AccessType.STORE, size);
        try {
            bus.store(hartIndex, pa, size, value);
        } catch (BusErrorException e) {
            throw new TrapException(AccessType.accessFault(AccessType.STORE), va);
        }
    }

    private long loadMisaligned(long va, int size) {
        long[] pas = translateSpan(va, size, AccessType.LOAD);
        long v = 0;
        try {
            for (int i = size - 1; i >= 0; i--) {
                v = (v << 8) | bus.load(byteAddress(pas, va, i), 1);
            }
        } catch (BusErrorException e) {
            throw new TrapException(AccessType.accessFault(AccessType.LOAD), va);
        }
        return v;
    }

    private void storeMisaligned(long va, int size, long value) {
        long[] pas = translateSpan(va, size, AccessType.STORE);
        try {
            for (int i = 0; i < size; i++) {
                bus.store(hartIndex, byteAddress(pas, va, i), 1, value >>> (8 * i));
            }
        } catch (BusErrorException e) {
            throw new TrapException(AccessType.accessFault(AccessType.STORE), va);
        }
    }

    private long[] translateSpan(long va, int size, int type) {
        long end = va + size - 1;
        long first = translateBytes(va, (int) Math.min(size, 4096 - (va & PAGE_MASK)), type);
        if ((va >>> 12) == (end >>> 12)) {
            return new long[] {first};
        }
        long secondVa = end & ~PAGE_MASK;
        return new long[] {first, translateBytes(secondVa, (int) (end - secondVa + 1), type)};
    }

    private long translateBytes(long va, int size, int type) {
        return translate(va, type, size);
    }

    private static long byteAddress(long[] pas, long va, int i) {
        long a = va + i;
        if (pas.length == 1 || (a >>> 12) == (va >>> 12)) {
            return pas[0] + i;
        }
        return pas[1] + (a & PAGE_MASK);
    }

    /**
     * Translates the operand of an AMO, LR or SC, which must be naturally aligned: a misaligned
     * address raises the load address-misaligned exception (cause 4) for LR and for AMOs alike:
     * that is what QEMU 7.2 reports (the spec would have cause 6 for AMOs), and Rivet follows QEMU.
     */
    public long translateAtomic(long va, int size, boolean loadReserved) {
        if ((va & (size - 1)) != 0) {
            throw new TrapException(4, va);
        }
        return translate(va, loadReserved ? AccessType.LOAD : AccessType.STORE, size);
    }

    /** A load from an already translated physical address (for atomics). */
    public long loadPhysical(long pa, long va, int size, int type) {
        try {
            return bus.load(pa, size);
        } catch (BusErrorException e) {
            throw new TrapException(AccessType.accessFault(type), va);
        }
    }

    /** A store to an already translated physical address (for atomics). */
    public void storePhysical(long pa, long va, int size, long value) {
        try {
            bus.store(hartIndex, pa, size, value);
        } catch (BusErrorException e) {
            throw new TrapException(AccessType.accessFault(AccessType.STORE), va);
        }
    }

    /**
     * Translates a fetch of the instruction parcel at {@code va} (2 bytes, or 4 when the caller
     * knows the instruction is full-length). Fetch alignment to 2 bytes is the caller's business.
     */
    public long translateFetch(long va) {
        return translate(va, AccessType.FETCH, 2);
    }
}
