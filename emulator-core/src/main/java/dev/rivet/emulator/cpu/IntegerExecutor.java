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
            case SLTI -> x[in.rd] = x[in.rs1] < in.imm ? 1 : 0;
            case SLTIU -> x[in.rd] = Long.compareUnsigned(x[in.rs1], in.imm) < 0 ? 1 : 0;
            case XORI -> x[in.rd] = x[in.rs1] ^ in.imm;
            case ORI -> x[in.rd] = x[in.rs1] | in.imm;
            case ANDI -> x[in.rd] = x[in.rs1] & in.imm;
            case SLLI -> x[in.rd] = x[in.rs1] << in.imm;
            case SRLI -> x[in.rd] = x[in.rs1] >>> in.imm;
            case SRAI -> x[in.rd] = x[in.rs1] >> in.imm;
            case ADD -> x[in.rd] = x[in.rs1] + x[in.rs2];
            case SUB -> x[in.rd] = x[in.rs1] - x[in.rs2];
            case SLL -> x[in.rd] = x[in.rs1] << x[in.rs2];
            case SLT -> x[in.rd] = x[in.rs1] < x[in.rs2] ? 1 : 0;
            case SLTU -> x[in.rd] = Long.compareUnsigned(x[in.rs1], x[in.rs2]) < 0 ? 1 : 0;
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
            case MULHSU -> x[in.rd] = mulhsu(x[in.rs1], x[in.rs2]);
            case MULHU -> x[in.rd] = Math.unsignedMultiplyHigh(x[in.rs1], x[in.rs2]);
            case DIV -> x[in.rd] = div(x[in.rs1], x[in.rs2]);
            case DIVU -> x[in.rd] = x[in.rs2] == 0 ? -1L : Long.divideUnsigned(x[in.rs1], x[in.rs2]);
            case REM -> x[in.rd] = rem(x[in.rs1], x[in.rs2]);
            case REMU -> x[in.rd] = x[in.rs2] == 0 ? x[in.rs1] : Long.remainderUnsigned(x[in.rs1], x[in.rs2]);
            case MULW -> x[in.rd] = (int) (x[in.rs1] * x[in.rs2]);
            case DIVW -> x[in.rd] = divw((int) x[in.rs1], (int) x[in.rs2]);
            case DIVUW -> x[in.rd] = (int) x[in.rs2] == 0 ? -1L
                    : (int) Integer.divideUnsigned((int) x[in.rs1], (int) x[in.rs2]);
            case REMW -> x[in.rd] = remw((int) x[in.rs1], (int) x[in.rs2]);
            case REMUW -> x[in.rd] = (int) x[in.rs2] == 0 ? (int) x[in.rs1]
                    : (int) Integer.remainderUnsigned((int) x[in.rs1], (int) x[in.rs2]);
            default -> throw new IllegalStateException("not an integer instruction: " + in);
        }
        s.pc += in.length;
    }

    private void branch(Instruction in, boolean taken) {
        s.pc += taken ? in.imm : in.length;
    }

    private static long mulhsu(long a, long b) {
        // signed a times unsigned b: high word of the 128-bit product (section 7.1)
        long high = Math.unsignedMultiplyHigh(a, b);
        return a < 0 ? high - b : high;
    }

    /** Division by zero gives all ones; overflow gives the dividend (section 7.2, table 7.1). */
    private static long div(long a, long b) {
        if (b == 0) {
            return -1L;
        }
        if (a == Long.MIN_VALUE && b == -1) {
            return a;
        }
        return a / b;
    }

    private static long rem(long a, long b) {
        if (b == 0) {
            return a;
        }
        if (a == Long.MIN_VALUE && b == -1) {
            return 0;
        }
        return a % b;
    }

    private static long divw(int a, int b) {
        if (b == 0) {
            return -1L;
        }
        if (a == Integer.MIN_VALUE && b == -1) {
            return a;
        }
        return a / b;
    }

    private static long remw(int a, int b) {
        if (b == 0) {
            return a;
        }
        if (a == Integer.MIN_VALUE && b == -1) {
            return 0;
        }
        return a % b;
    }
}
