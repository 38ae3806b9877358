package dev.rivet.emulator.cpu;

import static dev.rivet.emulator.cpu.decode.Opcode.*;

import dev.rivet.emulator.cpu.decode.Instruction;
import dev.rivet.emulator.cpu.mmu.Mmu;

/**
 * Executes the RV64I and M instructions (RISC-V unprivileged spec, chapters 2, 5 and 7): integer
 * arithmetic, branches, jumps, loads and stores. Updates {@code pc}; exceptions propagate as
 * {@link dev.rivet.emulator.cpu.trap.TrapException}.
 */
final class IntegerExecutor {

    private final HartState s;
    private final Mmu mmu;

    IntegerExecutor(HartState state, Mmu mmu) {
        this.s = state;
        this.mmu = mmu;
    }

    /** Executes {@code in}, an instruction whose op is at most {@link dev.rivet.emulator.cpu.decode.Opcode#REMUW}. */
    void execute(Instruction in) {
        long[] x = s.x;
        switch (in.op) {
            case LUI -> x[in.rd] = in.imm;
            case AUIPC -> x[in.rd] = s.pc + in.imm;
            case JAL -> {
                long next = s.pc + in.length;
                s.pc += in.imm;
                x[in.rd] = next;
                return;
            }
            case JALR -> {
                long next = s.pc + in.length;
                s.pc = (x[in.rs1] + in.imm) & ~1L;
                x[in.rd] = next;
                return;
            }
            case BEQ -> {
                branch(in, x[in.rs1] == x[in.rs2]);
                return;
            }
            case BNE -> {
                branch(in, x[in.rs1] != x[in.rs2]);
                return;
            }
            case BLT -> {
                branch(in, x[in.rs1] < x[in.rs2]);
                return;
            }
            case BGE -> {
                branch(in, x[in.rs1] >= x[in.rs2]);
                return;
            }
            case BLTU -> {
                branch(in, Long.compareUnsigned(x[in.rs1], x[in.rs2]) < 0);
                return;
            }
            case BGEU -> {
                branch(in, Long.compareUnsigned(x[in.rs1], x[in.rs2]) >= 0);
                return;
            }
            case LB -> x[in.rd] = (byte) mmu.load(x[in.rs1] + in.imm, 1);
            case LH -> x[in.rd] = (short) mmu.load(x[in.rs1] + in.imm, 2);
            case LW -> x[in.rd] = (int) mmu.load(x[in.rs1] + in.imm, 4);
            case LD -> x[in.rd] = mmu.load(x[in.rs1] + in.imm, 8);
            case LBU -> x[in.rd] = mmu.load(x[in.rs1] + in.imm, 1);
            case LHU -> x[in.rd] = mmu.load(x[in.rs1] + in.imm, 2);
            case LWU -> x[in.rd] = mmu.load(x[in.rs1] + in.imm, 4);
            case SB -> mmu.store(x[in.rs1] + in.imm, 1, x[in.rs2]);
            case SH -> mmu.store(x[in.rs1] + in.imm, 2, x[in.rs2]);
            case SW -> mmu.store(x[in.rs1] + in.imm, 4, x[in.rs2]);
            case SD -> mmu.store(x[in.rs1] + in.imm, 8, x[in.rs2]);
            case ADDI -> x[in.rd] = x[in.rs1] + in.imm;
            case SLTI -> x[in.rd] = IntegerArithmetic.slt(x[in.rs1], in.imm);
            case SLTIU -> x[in.rd] = IntegerArithmetic.sltu(x[in.rs1], in.imm);
            case XORI -> x[in.rd] = x[in.rs1] ^ in.imm;
            case ORI -> x[in.rd] = x[in.rs1] | in.imm;
            case ANDI -> x[in.rd] = x[in.rs1] & in.imm;
            case SLLI -> x[in.rd] = x[in.rs1] << in.imm;
            case SRLI -> x[in.rd] = x[in.rs1] >>> in.imm;
            case SRAI -> x[in.rd] = x[in.rs1] >> in.imm;
            case ADD -> x[in.rd] = x[in.rs1] + x[in.rs2];
            case SUB -> x[in.rd] = x[in.rs1] - x[in.rs2];
            case SLL -> x[in.rd] = x[in.rs1] << x[in.rs2];
            case SLT -> x[in.rd] = IntegerArithmetic.slt(x[in.rs1], x[in.rs2]);
            case SLTU -> x[in.rd] = IntegerArithmetic.sltu(x[in.rs1], x[in.rs2]);
            case XOR -> x[in.rd] = x[in.rs1] ^ x[in.rs2];
            case SRL -> x[in.rd] = x[in.rs1] >>> x[in.rs2];
            case SRA -> x[in.rd] = x[in.rs1] >> x[in.rs2];
            case OR -> x[in.rd] = x[in.rs1] | x[in.rs2];
            case AND -> x[in.rd] = x[in.rs1] & x[in.rs2];
            case ADDIW -> x[in.rd] = (int) (x[in.rs1] + in.imm);
            case SLLIW -> x[in.rd] = (int) x[in.rs1] << in.imm;
            case SRLIW -> x[in.rd] = (int) x[in.rs1] >>> in.imm;
            case SRAIW -> x[in.rd] = (int) x[in.rs1] >> in.imm;
            case ADDW -> x[in.rd] = (int) (x[in.rs1] + x[in.rs2]);
            case SUBW -> x[in.rd] = (int) (x[in.rs1] - x[in.rs2]);
            case SLLW -> x[in.rd] = (int) x[in.rs1] << (x[in.rs2] & 31);
            case SRLW -> x[in.rd] = (int) x[in.rs1] >>> (x[in.rs2] & 31);
            case SRAW -> x[in.rd] = (int) x[in.rs1] >> (x[in.rs2] & 31);
            case MUL -> x[in.rd] = x[in.rs1] * x[in.rs2];
            case MULH -> x[in.rd] = Math.multiplyHigh(x[in.rs1], x[in.rs2]);
            case MULHSU -> x[in.rd] = IntegerArithmetic.mulhsu(x[in.rs1], x[in.rs2]);
            case MULHU -> x[in.rd] = Math.unsignedMultiplyHigh(x[in.rs1], x[in.rs2]);
            case DIV -> x[in.rd] = IntegerArithmetic.div(x[in.rs1], x[in.rs2]);
            case DIVU -> x[in.rd] = IntegerArithmetic.divu(x[in.rs1], x[in.rs2]);
            case REM -> x[in.rd] = IntegerArithmetic.rem(x[in.rs1], x[in.rs2]);
            case REMU -> x[in.rd] = IntegerArithmetic.remu(x[in.rs1], x[in.rs2]);
            case MULW -> x[in.rd] = (int) (x[in.rs1] * x[in.rs2]);
            case DIVW -> x[in.rd] = IntegerArithmetic.divw(x[in.rs1], x[in.rs2]);
            case DIVUW -> x[in.rd] = IntegerArithmetic.divuw(x[in.rs1], x[in.rs2]);
            case REMW -> x[in.rd] = IntegerArithmetic.remw(x[in.rs1], x[in.rs2]);
            case REMUW -> x[in.rd] = IntegerArithmetic.remuw(x[in.rs1], x[in.rs2]);
            default -> throw new IllegalStateException("not an integer instruction: " + in);
        }
        s.pc += in.length;
    }

    private void branch(Instruction in, boolean taken) {
        s.pc += taken ? in.imm : in.length;
    }
}
