package dev.rivet.emulator.cpu;

import static dev.rivet.emulator.cpu.decode.Opcode.*;

import dev.rivet.emulator.bus.ReservationSet;
import dev.rivet.emulator.cpu.decode.Instruction;
import dev.rivet.emulator.cpu.mmu.AccessType;
import dev.rivet.emulator.cpu.mmu.Mmu;

/**
 * Executes the A extension (RISC-V unprivileged spec, chapter 8): LR/SC with reservations held in
 * the bus's {@link ReservationSet} (so stores by other harts and devices break them), and the
 * AMOs, which are atomic because a machine runs its harts on one thread.
 */
final class AtomicExecutor {

    private final HartState s;
    private final Mmu mmu;
    private final ReservationSet reservations;
    private final int hartIndex;
    private static final long NO_RESERVATION = 1; // odd, so no aligned SC address equals it
    private long reservedVa = NO_RESERVATION;

    AtomicExecutor(HartState state, Mmu mmu, ReservationSet reservations, int hartIndex) {
        this.s = state;
        this.mmu = mmu;
        this.reservations = reservations;
        this.hartIndex = hartIndex;
        reservations.ensureHart(hartIndex);
    }

    void execute(Instruction in) {
        long[] x = s.x;
        long va = x[in.rs1];
        boolean word = in.op <= AMOMAXU_W;
        int size = word ? 4 : 8;
        int op = word ? in.op : in.op - (LR_D - LR_W);
        if (op == LR_W) {
            long pa = mmu.translateAtomic(va, size, true);
            long v = mmu.loadPhysical(pa, va, size, AccessType.LOAD);
            reservations.reserve(hartIndex, pa);
            reservedVa = va;
            x[in.rd] = word ? (int) v : v;
        } else if (op == SC_W) {
            storeConditional(in, va, size);
        } else {
            long pa = mmu.translateAtomic(va, size, false);
            long old = mmu.loadPhysical(pa, va, size, AccessType.STORE);
            long src = x[in.rs2];
            if (word) {
                old = (int) old;
                src = (int) src;
            }
            long result = switch (op) {
                case AMOSWAP_W -> src;
                case AMOADD_W -> old + src;
                case AMOXOR_W -> old ^ src;
                case AMOAND_W -> old & src;
                case AMOOR_W -> old | src;
                case AMOMIN_W -> Math.min(old, src);
                case AMOMAX_W -> Math.max(old, src);
                case AMOMINU_W -> minUnsigned(old, src, word);
                default -> maxUnsigned(old, src, word);
            };
            mmu.storePhysical(pa, va, size, result);
            x[in.rd] = old;
        }
        s.pc += in.length;
    }

    private void storeConditional(Instruction in, long va, int size) {
        long[] x = s.x;
        // As QEMU 7.2: an SC whose address is not the reserved one fails without accessing
        // memory (so it cannot fault); otherwise it translates and stores like a store, and
        // succeeds only if no other hart or device wrote the reserved granule meanwhile.
        if (reservedVa != va) {
            x[in.rd] = 1;
            reservedVa = NO_RESERVATION;
            reservations.release(hartIndex);
            return;
        }
        long pa = mmu.translateAtomic(va, size, false);
        if (reservations.holds(hartIndex, pa)) {
            mmu.storePhysical(pa, va, size, x[in.rs2]);
            x[in.rd] = 0;
        } else {
            x[in.rd] = 1;
        }
        reservedVa = NO_RESERVATION;
        reservations.release(hartIndex);
    }

    /** Drops this hart's reservation (reset). */
    void clearReservation() {
        reservedVa = NO_RESERVATION;
        reservations.release(hartIndex);
    }

    private static long minUnsigned(long a, long b, boolean word) {
        if (word) {
            return Integer.compareUnsigned((int) a, (int) b) <= 0 ? a : b;
        }
        return Long.compareUnsigned(a, b) <= 0 ? a : b;
    }

    private static long maxUnsigned(long a, long b, boolean word) {
        if (word) {
            return Integer.compareUnsigned((int) a, (int) b) >= 0 ? a : b;
        }
        return Long.compareUnsigned(a, b) >= 0 ? a : b;
    }
}
