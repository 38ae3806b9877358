package dev.rivet.emulator.bus;

import dev.rivet.emulator.machine.MemoryRegion;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The physical address space of one machine: main memory (RAM) with a fast path, and
 * {@link MemoryMappedDevice}s attached at {@link MemoryRegion}s.
 *
 * <p>Guest accesses ({@link #load}, {@link #store}) may have device side effects; debugger
 * accesses ({@link #peek}, {@link #poke}) never do: {@code peek} calls {@link MemoryMappedDevice#peek},
 * {@code poke} writes RAM only. Any access that hits no region, or that a device refuses, throws
 * {@link BusErrorException}. Values are little-endian; {@code size} is 1, 2, 4 or 8.
 *
 * <p>Every store that reaches RAM (guest, DMA through {@link #writeBytes}, or {@code poke}) keeps
 * two pieces of machine state right: the LR/SC {@link #reservations()} of other harts, and the
 * decoded-instruction caches of harts ({@link CodeWriteListener}), which are told when a RAM page
 * they cached is written.
 *
 * <p>RAM is one Java array, so it is limited to 2 GiB minus one page. Not thread-safe: the
 * machine's thread owns the bus.
 */
public final class PhysicalBus {

    /** Size of a page for code tracking: 4 KiB (RISC-V privileged spec, section 4.3). */
    public static final int PAGE_SHIFT = 12;

    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

    private final long ramBase;
    private final byte[] ram;
    private final long ramSize;
    private final byte[] codePages;
    private final List<CodeWriteListener> codeListeners = new ArrayList<>();
    private final ReservationSet reservations = new ReservationSet();
    private MemoryRegion[] regions = new MemoryRegion[0];
    private MemoryMappedDevice[] devices = new MemoryMappedDevice[0];

    /**
     * @param ramBase physical address of the first byte of RAM (0x8000_0000 on virt)
     * @param ramSize RAM size in bytes, a multiple of 4 KiB, at most 2 GiB - 4 KiB
     */
    public PhysicalBus(long ramBase, long ramSize) {
        if (ramSize <= 0 || ramSize > Integer.MAX_VALUE - 4095 || (ramSize & 0xfff) != 0) {
            throw new IllegalArgumentException("RAM size must be a positive multiple of 4 KiB below 2 GiB, was " + ramSize);
        }
        this.ramBase = ramBase;
        this.ramSize = ramSize;
        this.ram = new byte[(int) ramSize];
        this.codePages = new byte[(int) (ramSize >>> PAGE_SHIFT)];
    }

    /** Attaches {@code device} at {@code region}; regions must not overlap each other or RAM. */
    public void attach(MemoryRegion region, MemoryMappedDevice device) {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(device, "device");
        if (Long.compareUnsigned(region.base(), ramBase + ramSize - 1) <= 0
                && Long.compareUnsigned(ramBase, region.end()) <= 0) {
            throw new IllegalArgumentException(region.name() + " overlaps RAM");
        }
        for (MemoryRegion r : regions) {
            if (r.overlaps(region)) {
                throw new IllegalArgumentException(region.name() + " overlaps " + r.name());
            }
        }
        int n = regions.length;
        regions = java.util.Arrays.copyOf(regions, n + 1);
        devices = java.util.Arrays.copyOf(devices, n + 1);
        regions[n] = region;
        devices[n] = device;
    }

    /** The first physical address of RAM. */
    public long ramBase() {
        return ramBase;
    }

    /** RAM size in bytes. */
    public long ramSize() {
        return ramSize;
    }

    /** The LR/SC reservations of this machine's harts. */
    public ReservationSet reservations() {
        return reservations;
    }

    /** Registers a decoded-instruction cache to be told about stores to code pages. */
    public void addCodeWriteListener(CodeWriteListener listener) {
        codeListeners.add(Objects.requireNonNull(listener));
    }

    /** Marks RAM page {@code pageIndex} as holding cached decoded code (see {@link CodeWriteListener}). */
    public void markCodePage(int pageIndex) {
        codePages[pageIndex] = 1;
    }

    /** Whether {@code size} bytes at physical {@code pa} lie entirely in RAM. */
    public boolean isRam(long pa, int size) {
        long off = pa - ramBase;
        return off >= 0 && off <= ramSize - size;
    }

    /** A guest load of {@code size} bytes at physical address {@code pa}, zero-extended. */
    public long load(long pa, int size) {
        long off = pa - ramBase;
        if (off >= 0 && off <= ramSize - size) {
            return readRam((int) off, size);
        }
        return device(pa, size).load(pa - regionOf(pa).base(), size);
    }

    /**
     * A guest store of the low {@code size} bytes of {@code value} at physical address {@code pa}
     * by hart index {@code hart} (-1 for a device); clears other harts' reservations it touches.
     */
    public void store(int hart, long pa, int size, long value) {
        long off = pa - ramBase;
        if (off >= 0 && off <= ramSize - size) {
            writeRam((int) off, size, value);
            reservations.storeObserved(hart, pa, size);
            return;
        }
        device(pa, size).store(pa - regionOf(pa).base(), size, value);
    }

    /** A side-effect-free read for debuggers and views. */
    public long peek(long pa, int size) {
        long off = pa - ramBase;
        if (off >= 0 && off <= ramSize - size) {
            return readRam((int) off, size);
        }
        return device(pa, size).peek(pa - regionOf(pa).base(), size);
    }

    /**
     * A debugger's read of {@code len} bytes of physical memory at {@code pa}, with no side
     * effect: RAM is copied; device bytes come from {@link MemoryMappedDevice#peek}s of the widths
     * the device declares ({@link MemoryMappedDevice#registerWidths}), the widest naturally aligned
     * one that fits, and a read of part of a register peeks the whole register and keeps the bytes
     * asked for. So 8 bytes at the UART show its eight registers, and 2 bytes inside a PLIC
     * priority register show those 2 bytes of it. Stops at the first byte nothing decodes.
     *
     * @return the number of bytes stored into {@code into[from..]}, fewer than {@code len} if a
     *         byte could not be read
     */
    public int peekBytes(long pa, byte[] into, int from, int len) {
        int done = 0;
        while (done < len) {
            long a = pa + done;
            int left = len - done;
            long off = a - ramBase;
            if (off >= 0 && off < ramSize) {
                int n = (int) Math.min(left, ramSize - off);
                System.arraycopy(ram, (int) off, into, from + done, n);
                done += n;
                continue;
            }
            int i = regionIndex(a);
            if (i < 0) {
                break;
            }
            long devOff = a - regions[i].base();
            AccessWidths widths = devices[i].registerWidths(devOff);
            int width = widths.max();
            while (width > widths.min() && (width > left || (devOff & (width - 1)) != 0)) {
                width >>= 1;
            }
            long unit = devOff & -(long) width;
            if (unit + width > regions[i].size()) {
                break;
            }
            long v;
            try {
                v = devices[i].peek(unit, width);
            } catch (BusErrorException e) {
                break; // the device decodes nothing here: the read ends, as a debugger expects
            }
            int skip = (int) (devOff - unit);
            int n = Math.min(width - skip, left);
            for (int k = 0; k < n; k++) {
                into[from + done + k] = (byte) (v >>> (8 * (skip + k)));
            }
            done += n;
        }
        return done;
    }

    /** A debugger write: RAM only (devices are never written behind the guest's back). */
    public void poke(long pa, int size, long value) {
        long off = pa - ramBase;
        if (off < 0 || off > ramSize - size) {
            throw new BusErrorException(pa, "poke outside RAM");
        }
        writeRam((int) off, size, value);
        reservations.storeObserved(-1, pa, size);
    }

    /** Copies {@code len} bytes into RAM at {@code pa} (loaders, DMA). */
    public void writeBytes(long pa, byte[] data, int from, int len) {
        long off = pa - ramBase;
        if (off < 0 || off > ramSize - len || len < 0) {
            throw new BusErrorException(pa, "write of " + len + " bytes outside RAM");
        }
        System.arraycopy(data, from, ram, (int) off, len);
        for (long p = off >>> PAGE_SHIFT; p <= (off + Math.max(len, 1) - 1) >>> PAGE_SHIFT; p++) {
            codeWritten((int) p);
        }
        for (int i = 0; i < len; i += 8) {
            reservations.storeObserved(-1, pa + i, Math.min(8, len - i));
        }
    }

    /** Copies {@code len} bytes of RAM at {@code pa} into {@code into} (DMA, debuggers). */
    public void readBytes(long pa, byte[] into, int from, int len) {
        long off = pa - ramBase;
        if (off < 0 || off > ramSize - len || len < 0) {
            throw new BusErrorException(pa, "read of " + len + " bytes outside RAM");
        }
        System.arraycopy(ram, (int) off, into, from, len);
    }

    /** Reads an instruction parcel of RAM without side effects; {@code off} is relative to the RAM base. */
    public int fetchRamInt(int off) {
        return (int) INT.get(ram, off);
    }

    /** Reads 16 bits of RAM at offset {@code off} from the RAM base. */
    public int fetchRamShort(int off) {
        return (short) SHORT.get(ram, off) & 0xffff;
    }

    private long readRam(int off, int size) {
        switch (size) {
            case 8:
                return (long) LONG.get(ram, off);
            case 4:
                return (int) INT.get(ram, off) & 0xffff_ffffL;
            case 2:
                return (short) SHORT.get(ram, off) & 0xffffL;
            default:
                return ram[off] & 0xffL;
        }
    }

    private void writeRam(int off, int size, long value) {
        switch (size) {
            case 8 -> LONG.set(ram, off, value);
            case 4 -> INT.set(ram, off, (int) value);
            case 2 -> SHORT.set(ram, off, (short) value);
            default -> ram[off] = (byte) value;
        }
        int page = off >>> PAGE_SHIFT;
        if (codePages[page] != 0) {
            codeWritten(page);
        }
        int lastPage = (off + size - 1) >>> PAGE_SHIFT;
        if (lastPage != page && codePages[lastPage] != 0) {
            codeWritten(lastPage);
        }
    }

    private void codeWritten(int page) {
        if (codePages[page] != 0) {
            codePages[page] = 0;
            for (CodeWriteListener l : codeListeners) {
                l.codePageWritten(page);
            }
        }
    }

    private int regionIndex(long pa) {
        MemoryRegion[] rs = regions;
        for (int i = 0; i < rs.length; i++) {
            if (rs[i].contains(pa)) {
                return i;
            }
        }
        return -1;
    }

    private MemoryRegion regionOf(long pa) {
        return regions[regionIndex(pa)];
    }

    private MemoryMappedDevice device(long pa, int size) {
        int i = regionIndex(pa);
        if (i < 0) {
            throw new BusErrorException(pa, "no device at 0x" + Long.toHexString(pa));
        }
        if (!regions[i].contains(pa + size - 1)) {
            throw new BusErrorException(pa, "access crosses the end of " + regions[i].name());
        }
        return devices[i];
    }
}
