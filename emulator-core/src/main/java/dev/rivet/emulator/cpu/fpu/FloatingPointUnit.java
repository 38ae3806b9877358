package dev.rivet.emulator.cpu.fpu;

import static dev.rivet.emulator.cpu.decode.Opcode.*;
import static dev.rivet.emulator.cpu.fpu.FloatFormat.DOUBLE;
import static dev.rivet.emulator.cpu.fpu.FloatFormat.SINGLE;

import dev.rivet.emulator.cpu.HartState;
import dev.rivet.emulator.cpu.csr.Mstatus;
import dev.rivet.emulator.cpu.decode.Instruction;
import dev.rivet.emulator.cpu.mmu.Mmu;
import dev.rivet.emulator.cpu.trap.TrapCause;
import dev.rivet.emulator.cpu.trap.TrapException;

/**
 * Executes the F and D extensions (RISC-V unprivileged spec, chapters 11 and 12): FS gating
 * (an instruction with {@code mstatus.FS = Off} is illegal, section 3.1.6.6), rounding-mode
 * resolution (a reserved mode, static or in {@code frm}, is illegal), NaN-boxing of single
 * operands (section 12.2), accrued flags and FS = Dirty on every write of an FP register, as
 * QEMU 7.2 does.
 *
 * <p>Arithmetic is exact by {@link SoftFloat}; a host fast path is taken only where its result
 * and flags are provably the same: round-to-nearest-even, inexact already accrued, and a finite
 * normal result not at the underflow boundary.
 */
public final class FloatingPointUnit {

    private static final long BOX = 0xffff_ffff_0000_0000L;

    private final HartState s;
    private final Mmu mmu;
    private final SoftFloat sf = new SoftFloat();

    public FloatingPointUnit(HartState state, Mmu mmu) {
        this.s = state;
        this.mmu = mmu;
    }

    /** Executes FP instruction {@code in} (op at least {@link dev.rivet.emulator.cpu.decode.Opcode#FLW}). */
    public void execute(Instruction in) {
        if ((s.mstatus & Mstatus.FS) == 0) {
            throw illegal(in);
        }
        long[] f = s.f;
        long[] x = s.x;
        switch (in.op) {
            case FLW -> setS(in.rd, (int) mmu.load(x[in.rs1] + in.imm, 4));
            case FLD -> setD(in.rd, mmu.load(x[in.rs1] + in.imm, 8));
            case FSW -> mmu.store(x[in.rs1] + in.imm, 4, f[in.rs2]);
            case FSD -> mmu.store(x[in.rs1] + in.imm, 8, f[in.rs2]);
            case FSGNJ_S, FSGNJN_S, FSGNJX_S -> setS(in.rd, (int) signInject(SINGLE, s(in.rs1), s(in.rs2), in.op - FSGNJ_S));
            case FSGNJ_D, FSGNJN_D, FSGNJX_D -> setD(in.rd, signInject(DOUBLE, f[in.rs1], f[in.rs2], in.op - FSGNJ_D));
            case FMIN_S, FMAX_S -> {
                setS(in.rd, (int) sf.minMax(SINGLE, s(in.rs1), s(in.rs2), in.op == FMAX_S));
                accrue();
            }
            case FMIN_D, FMAX_D -> {
                setD(in.rd, sf.minMax(DOUBLE, f[in.rs1], f[in.rs2], in.op == FMAX_D));
                accrue();
            }
            case FEQ_S -> compare(in, sf.eq(SINGLE, s(in.rs1), s(in.rs2)));
            case FLT_S -> compare(in, sf.less(SINGLE, s(in.rs1), s(in.rs2), false));
            case FLE_S -> compare(in, sf.less(SINGLE, s(in.rs1), s(in.rs2), true));
            case FEQ_D -> compare(in, sf.eq(DOUBLE, f[in.rs1], f[in.rs2]));
            case FLT_D -> compare(in, sf.less(DOUBLE, f[in.rs1], f[in.rs2], false));
            case FLE_D -> compare(in, sf.less(DOUBLE, f[in.rs1], f[in.rs2], true));
            case FCLASS_S -> x[in.rd] = SoftFloat.classify(SINGLE, s(in.rs1));
            case FCLASS_D -> x[in.rd] = SoftFloat.classify(DOUBLE, f[in.rs1]);
            case FMV_X_W -> x[in.rd] = (int) f[in.rs1];
            case FMV_X_D -> x[in.rd] = f[in.rs1];
            case FMV_W_X -> setS(in.rd, (int) x[in.rs1]);
            case FMV_D_X -> setD(in.rd, x[in.rs1]);
            default -> rounded(in, roundingMode(in));
        }
        s.pc += in.length;
    }

    private void rounded(Instruction in, int rm) {
        long[] f = s.f;
        long[] x = s.x;
        switch (in.op) {
            case FADD_D, FSUB_D, FMUL_D, FDIV_D -> setD(in.rd, arithD(in.op, f[in.rs1], f[in.rs2], rm));
            case FADD_S, FSUB_S, FMUL_S, FDIV_S -> setS(in.rd, (int) arithS(in.op - FADD_S + FADD_D, s(in.rs1), s(in.rs2), rm));
            case FSQRT_D -> setD(in.rd, sqrtD(f[in.rs1], rm));
            case FSQRT_S -> setS(in.rd, (int) sqrtS(s(in.rs1), rm));
            case FMADD_D, FMSUB_D, FNMSUB_D, FNMADD_D -> setD(in.rd, fmaD(in.op - FMADD_D, f[in.rs1], f[in.rs2], f[in.rs3], rm));
            case FMADD_S, FMSUB_S, FNMSUB_S, FNMADD_S -> setS(in.rd, (int) fmaS(in.op - FMADD_S, s(in.rs1), s(in.rs2), s(in.rs3), rm));
            case FCVT_S_D -> setS(in.rd, (int) sf.convert(DOUBLE, SINGLE, f[in.rs1], rm));
            case FCVT_D_S -> setD(in.rd, sf.convert(SINGLE, DOUBLE, s(in.rs1), rm));
            case FCVT_W_S -> x[in.rd] = (int) toInt(SINGLE, s(in.rs1), 32, false, rm);
            case FCVT_WU_S -> x[in.rd] = (int) toInt(SINGLE, s(in.rs1), 32, true, rm);
            case FCVT_L_S -> x[in.rd] = toInt(SINGLE, s(in.rs1), 64, false, rm);
            case FCVT_LU_S -> x[in.rd] = toInt(SINGLE, s(in.rs1), 64, true, rm);
            case FCVT_W_D -> x[in.rd] = (int) toInt(DOUBLE, f[in.rs1], 32, false, rm);
            case FCVT_WU_D -> x[in.rd] = (int) toInt(DOUBLE, f[in.rs1], 32, true, rm);
            case FCVT_L_D -> x[in.rd] = toInt(DOUBLE, f[in.rs1], 64, false, rm);
            case FCVT_LU_D -> x[in.rd] = toInt(DOUBLE, f[in.rs1], 64, true, rm);
            case FCVT_S_W -> setS(in.rd, (int) sf.fromInteger(SINGLE, (int) x[in.rs1], false, rm));
            case FCVT_S_WU -> setS(in.rd, (int) sf.fromInteger(SINGLE, x[in.rs1] & 0xffff_ffffL, false, rm));
            case FCVT_S_L -> setS(in.rd, (int) sf.fromInteger(SINGLE, x[in.rs1], false, rm));
            case FCVT_S_LU -> setS(in.rd, (int) sf.fromInteger(SINGLE, x[in.rs1], true, rm));
            case FCVT_D_W -> setD(in.rd, Double.doubleToRawLongBits((int) x[in.rs1]));
            case FCVT_D_WU -> setD(in.rd, Double.doubleToRawLongBits(x[in.rs1] & 0xffff_ffffL));
            case FCVT_D_L -> setD(in.rd, longToDouble(x[in.rs1], false, rm));
            case FCVT_D_LU -> setD(in.rd, longToDouble(x[in.rs1], true, rm));
            default -> throw illegal(in);
        }
        accrue();
    }

    // ---- operand access and NaN-boxing ----

    /** The single operand in register {@code r}: the canonical NaN unless properly NaN-boxed. */
    private long s(int r) {
        long v = s.f[r];
        return (v & BOX) == BOX ? v & 0xffff_ffffL : SINGLE.canonicalNan;
    }

    private void setS(int r, int bits) {
        s.f[r] = BOX | (bits & 0xffff_ffffL);
        s.mstatus |= Mstatus.FS_DIRTY;
    }

    private void setD(int r, long bits) {
        s.f[r] = bits;
        s.mstatus |= Mstatus.FS_DIRTY;
    }

    private void compare(Instruction in, boolean result) {
        s.x[in.rd] = result ? 1 : 0;
        accrue();
    }

    private void accrue() {
        s.fflags |= sf.takeFlags();
    }

    private int roundingMode(Instruction in) {
        int rm = in.rm == RoundingMode.DYN ? s.frm : in.rm;
        if (!RoundingMode.isValid(rm)) {
            throw illegal(in);
        }
        return rm;
    }

    private static TrapException illegal(Instruction in) {
        return new TrapException(TrapCause.ILLEGAL_INSTRUCTION, in.bits & 0xffff_ffffL);
    }

    private static long signInject(FloatFormat fmt, long a, long b, int kind) {
        long sign = switch (kind) {
            case 0 -> b & fmt.signBit;
            case 1 -> ~b & fmt.signBit;
            default -> (a ^ b) & fmt.signBit;
        };
        return (a & ~fmt.signBit) | sign;
    }

    // ---- arithmetic with host fast paths ----

    /** Whether host arithmetic gives exactly the IEEE result and flags: RNE with NX accrued. */
    private boolean hostExact(int rm) {
        return rm == RoundingMode.RNE && (s.fflags & RoundingMode.NX) != 0;
    }

    private static boolean safeDouble(double r) {
        return Math.abs(r) > Double.MIN_NORMAL && Math.abs(r) <= Double.MAX_VALUE;
    }

    private static boolean safeFloat(float r) {
        return Math.abs(r) > Float.MIN_NORMAL && Math.abs(r) <= Float.MAX_VALUE;
    }

    private long arithD(int op, long a, long b, int rm) {
        if (hostExact(rm)) {
            double x = Double.longBitsToDouble(a);
            double y = Double.longBitsToDouble(b);
            double r = switch (op) {
                case FADD_D -> x + y;
                case FSUB_D -> x - y;
                case FMUL_D -> x * y;
                default -> x / y;
            };
            if (safeDouble(r)) {
                return Double.doubleToRawLongBits(r);
            }
        }
        return switch (op) {
            case FADD_D -> sf.add(DOUBLE, a, b, false, rm);
            case FSUB_D -> sf.add(DOUBLE, a, b, true, rm);
            case FMUL_D -> sf.mul(DOUBLE, a, b, rm);
            default -> sf.div(DOUBLE, a, b, rm);
        };
    }

    private long arithS(int op, long a, long b, int rm) {
        if (hostExact(rm)) {
            float x = Float.intBitsToFloat((int) a);
            float y = Float.intBitsToFloat((int) b);
            float r = switch (op) {
                case FADD_D -> x + y;
                case FSUB_D -> x - y;
                case FMUL_D -> x * y;
                default -> x / y;
            };
            if (safeFloat(r)) {
                return Float.floatToRawIntBits(r) & 0xffff_ffffL;
            }
        }
        return switch (op) {
            case FADD_D -> sf.add(SINGLE, a, b, false, rm);
            case FSUB_D -> sf.add(SINGLE, a, b, true, rm);
            case FMUL_D -> sf.mul(SINGLE, a, b, rm);
            default -> sf.div(SINGLE, a, b, rm);
        };
    }

    private long sqrtD(long a, int rm) {
        if (hostExact(rm)) {
            double r = Math.sqrt(Double.longBitsToDouble(a));
            if (safeDouble(r)) {
                return Double.doubleToRawLongBits(r);
            }
        }
        return sf.sqrt(DOUBLE, a, rm);
    }

    private long sqrtS(long a, int rm) {
        if (hostExact(rm)) {
            float r = (float) Math.sqrt(Float.intBitsToFloat((int) a));
            if (safeFloat(r)) {
                return Float.floatToRawIntBits(r) & 0xffff_ffffL;
            }
        }
        return sf.sqrt(SINGLE, a, rm);
    }

    /** kind: 0 FMADD, 1 FMSUB, 2 FNMSUB, 3 FNMADD (section 11.6). */
    private long fmaD(int kind, long a, long b, long c, int rm) {
        boolean negProduct = kind >= 2;
        boolean negAddend = kind == 1 || kind == 3;
        if (hostExact(rm)) {
            double x = Double.longBitsToDouble(a);
            double y = Double.longBitsToDouble(b);
            double z = Double.longBitsToDouble(c);
            double r = Math.fma(negProduct ? -x : x, y, negAddend ? -z : z);
            if (safeDouble(r)) {
                return Double.doubleToRawLongBits(r);
            }
        }
        return sf.fma(DOUBLE, a, b, c, negProduct, negAddend, rm);
    }

    private long fmaS(int kind, long a, long b, long c, int rm) {
        boolean negProduct = kind >= 2;
        boolean negAddend = kind == 1 || kind == 3;
        if (hostExact(rm)) {
            float x = Float.intBitsToFloat((int) a);
            float y = Float.intBitsToFloat((int) b);
            float z = Float.intBitsToFloat((int) c);
            float r = Math.fma(negProduct ? -x : x, y, negAddend ? -z : z);
            if (safeFloat(r)) {
                return Float.floatToRawIntBits(r) & 0xffff_ffffL;
            }
        }
        return sf.fma(SINGLE, a, b, c, negProduct, negAddend, rm);
    }

    private long toInt(FloatFormat fmt, long a, int width, boolean unsigned, int rm) {
        if (fmt == DOUBLE && rm != RoundingMode.RMM) {
            double d = Double.longBitsToDouble(a);
            if (Math.abs(d) < 0x1p31) { // also false for NaN
                double r = switch (rm) {
                    case RoundingMode.RNE -> Math.rint(d);
                    case RoundingMode.RTZ -> (double) (long) d;
                    case RoundingMode.RDN -> Math.floor(d);
                    default -> Math.ceil(d);
                };
                long v = (long) r;
                if (!(unsigned && v < 0) && !(width == 32 && unsigned && v > 0xffff_ffffL)) {
                    if (r != d) {
                        sf.flags |= RoundingMode.NX;
                    }
                    return v;
                }
            }
        }
        return sf.toInteger(fmt, a, width, unsigned, rm);
    }

    private long longToDouble(long v, boolean unsigned, int rm) {
        if (unsigned ? Long.compareUnsigned(v, 1L << 53) < 0 : (v > -(1L << 53) && v < (1L << 53))) {
            return Double.doubleToRawLongBits((double) v);
        }
        return sf.fromInteger(DOUBLE, v, unsigned, rm);
    }
}
