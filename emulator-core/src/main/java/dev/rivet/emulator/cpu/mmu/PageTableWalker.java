package dev.rivet.emulator.cpu.mmu;

import dev.rivet.emulator.bus.BusErrorException;
import dev.rivet.emulator.bus.PhysicalBus;
import dev.rivet.emulator.cpu.csr.Mstatus;
import dev.rivet.emulator.cpu.pmp.PhysicalMemoryProtection;
import dev.rivet.emulator.cpu.trap.TrapException;

/**
 * The page-table walk of Sv39, Sv48 and Sv57 (RISC-V privileged spec, section 4.3.2, "Virtual
 * Address Translation Process", and sections 4.4-4.6), with hardware update of the A and D bits
 * as QEMU 7.2 does it (the PTE is rewritten in memory when A, or D on a store, was clear).
 *
 * <p>Faults: an invalid or reserved PTE, a permission failure, a misaligned superpage or a
 * non-canonical address raise the page fault of the access type with the virtual address as
 * {@code xtval}; a PTE read that PMP denies or that hits no memory raises the access fault.
 */
public final class PageTableWalker {

    /** {@code satp.MODE} values (section 4.1.11, table 4.4). */
    public static final int MODE_BARE = 0;
    public static final int MODE_SV39 = 8;
    public static final int MODE_SV48 = 9;
    public static final int MODE_SV57 = 10;

    static final long PTE_V = 1;
    static final long PTE_R = 2;
    static final long PTE_W = 4;
    static final long PTE_X = 8;
    static final long PTE_U = 16;
    static final long PTE_A = 64;
    static final long PTE_D = 128;
    /** PBMT (62:61), N (63) and the reserved bits 60:54: must be zero without Svpbmt/Svnapot. */
    static final long PTE_HIGH = 0xffc0_0000_0000_0000L;
    static final long PPN_MASK = (1L << 44) - 1;

    private final PhysicalBus bus;
    private final PhysicalMemoryProtection pmp;

    public PageTableWalker(PhysicalBus bus, PhysicalMemoryProtection pmp) {
        this.bus = bus;
        this.pmp = pmp;
    }

    /** Number of page-table levels of {@code mode}. */
    public static int levels(int mode) {
        return mode - MODE_SV39 + 3;
    }

    /**
     * Translates {@code va} for an access of {@code type} in mode {@code priv}.
     *
     * @return the physical address of the first byte of the 4 KiB page containing {@code va},
     *         in the low bits OR-ed with the leaf's permission bits shifted left by 56
     *         (R=1, W=2, X=4 as seen from this mode; so callers may cache the translation)
     * @throws TrapException page fault or access fault
     */
    public long walk(long satp, long mstatus, long va, int type, int priv) {
        int mode = (int) (satp >>> 60);
        int levels = levels(mode);
        int vaBits = 12 + 9 * levels;
        if ((va >> (vaBits - 1)) != 0 && (va >> (vaBits - 1)) != -1) {
            throw pageFault(type, va);
        }
        long base = (satp & PPN_MASK) << 12;
        for (int level = levels - 1; level >= 0; level--) {
            long index = (va >>> (12 + 9 * level)) & 511;
            long pteAddr = base + index * 8;
            if (!pmp.check(pteAddr, 8, PhysicalMemoryProtection.R, 1)) {
                throw new TrapException(AccessType.accessFault(type), va);
            }
            long pte;
            try {
                pte = bus.load(pteAddr, 8);
            } catch (BusErrorException e) {
                throw new TrapException(AccessType.accessFault(type), va);
            }
            if ((pte & PTE_V) == 0 || (pte & PTE_HIGH) != 0 || ((pte & PTE_R) == 0 && (pte & PTE_W) != 0)) {
                throw pageFault(type, va);
            }
            long ppn = (pte >>> 10) & PPN_MASK;
            if ((pte & (PTE_R | PTE_X)) == 0) {
                base = ppn << 12;
                continue;
            }
            // leaf
            if ((ppn & ((1L << (9 * level)) - 1)) != 0) {
                throw pageFault(type, va); // misaligned superpage
            }
            int perms = leafPermissions(pte, mstatus, priv);
            int need = AccessType.pmpPermission(type);
            if ((perms & need) == 0) {
                throw pageFault(type, va);
            }
            long updated = pte | PTE_A | (type == AccessType.STORE ? PTE_D : 0);
            if (updated != pte) {
                if (!bus.isRam(pteAddr, 8) || !pmp.check(pteAddr, 8, PhysicalMemoryProtection.W, 1)) {
                    throw pageFault(type, va);
                }
                bus.store(-1, pteAddr, 8, updated);
            }
            if ((updated & PTE_D) == 0) {
                perms &= ~PhysicalMemoryProtection.W; // a store must walk again to set D
            }
            long pageMask = (1L << (9 * level)) - 1;
            long pa = ((ppn & ~pageMask) | ((va >>> 12) & pageMask)) << 12;
            return pa | ((long) perms << 56);
        }
        throw pageFault(type, va);
    }

    /** R/W/X as allowed for mode {@code priv} given the PTE's U bit, SUM and MXR (section 4.3.1). */
    private static int leafPermissions(long pte, long mstatus, int priv) {
        boolean user = (pte & PTE_U) != 0;
        int perms = 0;
        if ((pte & PTE_R) != 0 || ((pte & PTE_X) != 0 && (mstatus & Mstatus.MXR) != 0)) {
            perms |= PhysicalMemoryProtection.R;
        }
        if ((pte & PTE_W) != 0) {
            perms |= PhysicalMemoryProtection.W;
        }
        if ((pte & PTE_X) != 0) {
            perms |= PhysicalMemoryProtection.X;
        }
        if (priv == 0) {
            return user ? perms : 0;
        }
        if (user) {
            // S-mode never executes user pages; it reads/writes them only with SUM
            return (mstatus & Mstatus.SUM) != 0 ? perms & ~PhysicalMemoryProtection.X : 0;
        }
        return perms;
    }

    private static TrapException pageFault(int type, long va) {
        return new TrapException(AccessType.pageFault(type), va);
    }
}
