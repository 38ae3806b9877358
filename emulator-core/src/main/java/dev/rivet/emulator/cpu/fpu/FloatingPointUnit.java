package dev.rivet.emulator.cpu.fpu;

import static dev.rivet.emulator.cpu.decode.Opcode.*;

import dev.rivet.emulator.cpu.HartState;
import dev.rivet.emulator.cpu.csr.Mstatus;
import dev.rivet.emulator.cpu.decode.Instruction;
import dev.rivet.emulator.cpu.mmu.Mmu;
import dev.rivet.emulator.cpu.trap.TrapCause;
import dev.rivet.emulator.cpu.trap.TrapException;

/**
 * Interprets the F and D extensions (RISC-V unprivileged spec, chapters 11 and 12): FS gating
 * (an instruction with {@code mstatus.FS = Off} is illegal, section 3.1.6.6), rounding-mode
 * resolution (a reserved mode, static or in {@code frm}, is illegal), loads and stores, and
 * FS = Dirty on every write of an FP register, as QEMU 7.2 does. The operations themselves,
 * NaN-boxing and the accrued flags are {@link FloatArithmetic}'s, which translated blocks call too.
 */
public final class FloatingPointUnit {

    private final HartState s;
    private final Mmu mmu;
    private final FloatArithmetic fa;

    public FloatingPointUnit(HartState state, Mmu mmu) {
        this.s = state;
        this.mmu = mmu;
        this.fa = new FloatArithmetic(state);
    }

    /** The operations, for translated blocks (which share the accrued flags with this unit). */
    public FloatArithmetic arithmetic() {
        return fa;
    }

    /** Executes FP instruction {@code in} (op at least {@link dev.rivet.emulator.cpu.decode.Opcode#FLW}). */
    public void execute(Instruction in) {
        if ((s.mstatus & Mstatus.FS) == 0) {
            throw illegal(in);
        }
        long[] f = s.f;
        long[] x = s.x;
        long a = f[in.rs1];
        long b = f[in.rs2];
        switch (in.op) {
            case FLW -> setF(in.rd, FloatArithmetic.box(mmu.load(x[in.rs1] + in.imm, 4)));
            case FLD -> setF(in.rd, mmu.load(x[in.rs1] + in.imm, 8));
            case FSW -> mmu.store(x[in.rs1] + in.imm, 4, b);
            case FSD -> mmu.store(x[in.rs1] + in.imm, 8, b);
            case FSGNJ_S -> setF(in.rd, FloatArithmetic.fsgnjS(a, b));
            case FSGNJN_S -> setF(in.rd, FloatArithmetic.fsgnjnS(a, b));
            case FSGNJX_S -> setF(in.rd, FloatArithmetic.fsgnjxS(a, b));
            case FSGNJ_D -> setF(in.rd, FloatArithmetic.fsgnjD(a, b));
            case FSGNJN_D -> setF(in.rd, FloatArithmetic.fsgnjnD(a, b));
            case FSGNJX_D -> setF(in.rd, FloatArithmetic.fsgnjxD(a, b));
            case FMIN_S -> setF(in.rd, fa.fminS(a, b));
            case FMAX_S -> setF(in.rd, fa.fmaxS(a, b));
            case FMIN_D -> setF(in.rd, fa.fminD(a, b));
            case FMAX_D -> setF(in.rd, fa.fmaxD(a, b));
            case FEQ_S -> x[in.rd] = fa.feqS(a, b);
            case FLT_S -> x[in.rd] = fa.fltS(a, b);
            case FLE_S -> x[in.rd] = fa.fleS(a, b);
            case FEQ_D -> x[in.rd] = fa.feqD(a, b);
            case FLT_D -> x[in.rd] = fa.fltD(a, b);
            case FLE_D -> x[in.rd] = fa.fleD(a, b);
            case FCLASS_S -> x[in.rd] = FloatArithmetic.fclassS(a);
            case FCLASS_D -> x[in.rd] = FloatArithmetic.fclassD(a);
            case FMV_X_W -> x[in.rd] = FloatArithmetic.fmvXW(a);
            case FMV_X_D -> x[in.rd] = a;
            case FMV_W_X -> setF(in.rd, FloatArithmetic.fmvWX(x[in.rs1]));
            case FMV_D_X -> setF(in.rd, x[in.rs1]);
            default -> rounded(in, roundingMode(in));
        }
        s.pc += in.length;
    }

    private void rounded(Instruction in, int rm) {
        long[] f = s.f;
        long[] x = s.x;
        long a = f[in.rs1];
        long b = f[in.rs2];
        long c = f[in.rs3];
        long xa = x[in.rs1];
        switch (in.op) {
            case FADD_S -> setF(in.rd, fa.faddS(a, b, rm));
            case FSUB_S -> setF(in.rd, fa.fsubS(a, b, rm));
            case FMUL_S -> setF(in.rd, fa.fmulS(a, b, rm));
            case FDIV_S -> setF(in.rd, fa.fdivS(a, b, rm));
            case FSQRT_S -> setF(in.rd, fa.fsqrtS(a, rm));
            case FMADD_S -> setF(in.rd, fa.fmaddS(a, b, c, rm));
            case FMSUB_S -> setF(in.rd, fa.fmsubS(a, b, c, rm));
            case FNMSUB_S -> setF(in.rd, fa.fnmsubS(a, b, c, rm));
            case FNMADD_S -> setF(in.rd, fa.fnmaddS(a, b, c, rm));
            case FADD_D -> setF(in.rd, fa.faddD(a, b, rm));
            case FSUB_D -> setF(in.rd, fa.fsubD(a, b, rm));
            case FMUL_D -> setF(in.rd, fa.fmulD(a, b, rm));
            case FDIV_D -> setF(in.rd, fa.fdivD(a, b, rm));
            case FSQRT_D -> setF(in.rd, fa.fsqrtD(a, rm));
            case FMADD_D -> setF(in.rd, fa.fmaddD(a, b, c, rm));
            case FMSUB_D -> setF(in.rd, fa.fmsubD(a, b, c, rm));
            case FNMSUB_D -> setF(in.rd, fa.fnmsubD(a, b, c, rm));
            case FNMADD_D -> setF(in.rd, fa.fnmaddD(a, b, c, rm));
            case FCVT_S_D -> setF(in.rd, fa.fcvtSD(a, rm));
            case FCVT_D_S -> setF(in.rd, fa.fcvtDS(a, rm));
            case FCVT_W_S -> x[in.rd] = fa.fcvtWS(a, rm);
            case FCVT_WU_S -> x[in.rd] = fa.fcvtWUS(a, rm);
            case FCVT_L_S -> x[in.rd] = fa.fcvtLS(a, rm);
            case FCVT_LU_S -> x[in.rd] = fa.fcvtLUS(a, rm);
            case FCVT_W_D -> x[in.rd] = fa.fcvtWD(a, rm);
            case FCVT_WU_D -> x[in.rd] = fa.fcvtWUD(a, rm);
            case FCVT_L_D -> x[in.rd] = fa.fcvtLD(a, rm);
            case FCVT_LU_D -> x[in.rd] = fa.fcvtLUD(a, rm);
            case FCVT_S_W -> setF(in.rd, fa.fcvtSW(xa, rm));
            case FCVT_S_WU -> setF(in.rd, fa.fcvtSWU(xa, rm));
            case FCVT_S_L -> setF(in.rd, fa.fcvtSL(xa, rm));
            case FCVT_S_LU -> setF(in.rd, fa.fcvtSLU(xa, rm));
            case FCVT_D_W -> setF(in.rd, fa.fcvtDW(xa, rm));
            case FCVT_D_WU -> setF(in.rd, fa.fcvtDWU(xa, rm));
            case FCVT_D_L -> setF(in.rd, fa.fcvtDL(xa, rm));
            case FCVT_D_LU -> setF(in.rd, fa.fcvtDLU(xa, rm));
            default -> throw illegal(in);
        }
    }

    private void setF(int r, long value) {
        s.f[r] = value;
        s.mstatus |= Mstatus.FS_DIRTY;
    }

    /**
     * The rounding mode {@code in} uses: its static {@code rm} field, or {@code frm} for DYN.
     *
     * @throws TrapException illegal instruction for a reserved mode (section 11.2)
     */
    public int roundingMode(Instruction in) {
        int rm = in.rm == RoundingMode.DYN ? s.frm : in.rm;
        if (!RoundingMode.isValid(rm)) {
            throw illegal(in);
        }
        return rm;
    }

    /** The illegal-instruction exception for {@code in} (its bits in {@code xtval}, as QEMU 7.2). */
    public static TrapException illegal(Instruction in) {
        return new TrapException(TrapCause.ILLEGAL_INSTRUCTION, in.bits & 0xffff_ffffL);
    }
}
