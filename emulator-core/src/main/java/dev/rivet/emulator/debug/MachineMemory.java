package dev.rivet.emulator.debug;

import dev.rivet.emulator.bus.PhysicalBus;
import dev.rivet.emulator.cpu.Hart;
import dev.rivet.emulator.cpu.PrivilegeMode;
import dev.rivet.emulator.cpu.csr.CsrAddress;
import dev.rivet.emulator.cpu.csr.Mstatus;
import dev.rivet.emulator.inspect.PageTableWalk;
import dev.rivet.emulator.inspect.PhysicalPeek;
import java.io.ByteArrayOutputStream;
import java.util.Optional;

/**
 * The debugger's view of memory: side-effect-free reads of RAM and device registers (through
 * {@link PhysicalBus#peekBytes}, so reading the UART receive buffer or the PLIC claim register
 * consumes nothing, and a wide read of byte-wide registers shows each of them), writes to RAM only, and translation of virtual addresses through a given
 * {@code satp} with the pure {@link PageTableWalk} (no A/D updates, no TLB change). Machine
 * thread only.
 */
final class MachineMemory {

    private final PhysicalBus bus;

    MachineMemory(PhysicalBus bus) {
        this.bus = bus;
    }

    PhysicalPeek peek() {
        return pa -> bus.peek(pa, 8);
    }

    /**
     * The {@code satp} a hart's data accesses are translated with right now: Bare in M-mode
     * (unless {@code mstatus.MPRV} selects a lower mode), its {@code satp} otherwise (RISC-V
     * privileged spec, sections 3.1.6.3 and 4.1.11).
     */
    static long effectiveSatp(Hart h, boolean data) {
        int priv = h.privilege().encoding();
        long mstatus = h.csr(CsrAddress.MSTATUS);
        if (data && priv == 3 && (mstatus & Mstatus.MPRV) != 0) {
            priv = (int) ((mstatus >>> Mstatus.MPP_SHIFT) & 3);
        }
        return priv == PrivilegeMode.MACHINE.encoding() ? 0 : h.csr(CsrAddress.SATP);
    }

    /** The physical address of {@code va} under {@code satp}, if mapped. */
    Optional<Long> translate(long satp, long va) {
        return PageTableWalk.translate(peek(), satp, va).map(PageTableWalk.Translation::pa);
    }

    /**
     * Reads up to {@code len} bytes at {@code address}; stops at the first byte that cannot be
     * read (unmapped, nothing on the bus).
     *
     * @param satp the translation to use for a virtual address, or {@code null} for physical
     * @return the bytes read, possibly fewer than asked
     */
    byte[] read(Long satp, long address, int len) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(len);
        long a = address;
        int left = len;
        while (left > 0) {
            int inPage = (int) Math.min(left, 4096 - (a & 0xfff));
            long pa;
            if (satp == null) {
                pa = a;
            } else {
                Optional<Long> t = translate(satp, a);
                if (t.isEmpty()) {
                    break;
                }
                pa = t.get();
            }
            int got = readPhysical(pa, inPage, out);
            a += got;
            left -= got;
            if (got < inPage) {
                break;
            }
        }
        return out.toByteArray();
    }

    private int readPhysical(long pa, int len, ByteArrayOutputStream out) {
        byte[] b = new byte[len];
        int got = bus.peekBytes(pa, b, 0, len);
        out.write(b, 0, got);
        return got;
    }

    /**
     * Writes {@code data} at {@code address}, RAM only, all or nothing.
     *
     * @param satp the translation to use, or {@code null} for a physical address
     * @throws DebugException if any byte is unmapped or outside RAM
     */
    void write(Long satp, long address, byte[] data) {
        long[] pas = new long[data.length];
        for (int i = 0; i < data.length; i++) {
            long a = address + i;
            long pa = a;
            if (satp != null) {
                Optional<Long> t = translate(satp, a);
                if (t.isEmpty()) {
                    throw new DebugException(String.format("virtual address 0x%x is not mapped", a));
                }
                pa = t.get();
            }
            if (!bus.isRam(pa, 1)) {
                throw new DebugException(String.format("0x%x is not RAM: the debugger writes RAM only", pa));
            }
            pas[i] = pa;
        }
        int i = 0;
        while (i < data.length) {
            int run = 1;
            while (i + run < data.length && pas[i + run] == pas[i] + run) {
                run++;
            }
            bus.writeBytes(pas[i], data, i, run);
            i += run;
        }
    }
}
