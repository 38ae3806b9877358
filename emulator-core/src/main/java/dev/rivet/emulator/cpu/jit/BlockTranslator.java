package dev.rivet.emulator.cpu.jit;

import static dev.rivet.emulator.cpu.decode.Opcode.*;
import static dev.rivet.emulator.cpu.jit.CodeWriter.*;

import dev.rivet.emulator.cpu.HartState;
import dev.rivet.emulator.cpu.decode.Instruction;
import dev.rivet.emulator.cpu.mmu.Mmu;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates a block of decoded RV64 instructions into a JVM class (a hidden class extending
 * {@link TranslatedBlock}) whose {@code execute} method does what interpreting them would do. The
 * JVM's JIT then compiles the block like any Java method: guest registers live in JVM locals, so
 * integer code becomes straight-line machine code.
 *
 * <h2>What is translated</h2>
 * RV64I and M (unprivileged spec, chapters 2, 5 and 7) are translated: ALU operations inline, the
 * operations that need more than one JVM instruction through {@link dev.rivet.emulator.cpu.IntegerArithmetic},
 * loads and stores through {@link Mmu#load}/{@link Mmu#store} (so translation, PMP, TLB, devices and
 * misaligned accesses behave exactly as interpreted), FENCE as nothing. F, D and A instructions
 * are handed to the interpreter ({@link InstructionExecutor}) from inside the block. System
 * instructions (CSR, ECALL, EBREAK, xRET, WFI, SFENCE.VMA, FENCE.I) and illegal encodings are never
 * part of a block: the hart interprets them between blocks, so privilege, {@code satp} and
 * interrupt-enable changes always happen at a block boundary.
 *
 * <h2>Shape of the generated code</h2>
 * <pre>
 *   base = s.pc; x = s.x; mmu = this.mmu; r<i>n</i> = x[<i>n</i>] for every register used
 *   try {
 *     ... one translation per instruction; before one that may trap: s.pc = base + offset
 *     write back the registers written; s.pc = next; return
 *   } catch (Throwable t) { write back the registers written; throw t; }
 * </pre>
 * Before an instruction left to the interpreter, the registers written so far are stored back, and
 * its destination register is reloaded after it.
 */
public final class BlockTranslator {

    /** The longest block: keeps each generated method far below the JIT's size limits. */
    public static final int MAX_INSTRUCTIONS = 64;

    private static final String BLOCK = "dev/rivet/emulator/cpu/jit/TranslatedBlock";
    private static final String SETUP = BLOCK + "$Setup";
    private static final String GENERATED = "dev/rivet/emulator/cpu/jit/GuestBlock";
    private static final String STATE = "dev/rivet/emulator/cpu/HartState";
    private static final String MMU = "dev/rivet/emulator/cpu/mmu/Mmu";
    private static final String ARITH = "dev/rivet/emulator/cpu/IntegerArithmetic";
    private static final String BINARY = "(JJ)J";

    // local variables of execute(HartState)
    private static final int THIS = 0;
    private static final int STATE_LOCAL = 1;
    private static final int BASE = 2;
    private static final int X = 4;
    private static final int MMU_LOCAL = 5;
    private static final int FIRST_REGISTER = 6;

    private final MethodHandles.Lookup lookup = MethodHandles.lookup();
    private final Mmu mmu;
    private final InstructionExecutor fallback;

    /**
     * @param mmu      the hart's memory view, used by the blocks' loads and stores
     * @param fallback the hart's interpreter, for the instructions blocks do not translate
     */
    public BlockTranslator(Mmu mmu, InstructionExecutor fallback) {
        this.mmu = mmu;
        this.fallback = fallback;
    }

    /** Whether {@code in} can be part of a block (everything but system instructions and illegal encodings). */
    public static boolean canTranslate(Instruction in) {
        int op = in.op;
        return op != ILLEGAL && (op < ECALL || op > FENCE_I || op == FENCE);
    }

    /** Whether {@code in} ends a block: a branch or jump. */
    public static boolean endsBlock(Instruction in) {
        return in.op >= JAL && in.op <= BGEU;
    }

    /** Whether the block's own code does {@code op} (the rest goes to the interpreter). */
    private static boolean inline(int op) {
        return op <= REMUW || op == FENCE;
    }

    /**
     * Translates {@code instructions}, consecutive in memory, each {@link #canTranslate}, only
     * the last one possibly {@link #endsBlock}.
     *
     * @throws IllegalArgumentException if the list breaks these rules
     * @throws IllegalStateException    if the JVM rejects the generated class (a translator bug)
     */
    public TranslatedBlock translate(List<Instruction> instructions) {
        int n = instructions.size();
        if (n == 0 || n > MAX_INSTRUCTIONS) {
            throw new IllegalArgumentException("a block has 1 to " + MAX_INSTRUCTIONS + " instructions, not " + n);
        }
        int[] offsets = new int[n];
        int offset = 0;
        for (int i = 0; i < n; i++) {
            Instruction in = instructions.get(i);
            if (!canTranslate(in) || (i < n - 1 && endsBlock(in))) {
                throw new IllegalArgumentException("cannot translate " + in + " at position " + i);
            }
            offsets[i] = offset;
            offset += in.length;
        }
        byte[] bytes = new Emitter(instructions, offsets).classFile();
        Instruction[] array = instructions.toArray(new Instruction[0]);
        try {
            MethodHandles.Lookup hidden = lookup.defineHiddenClass(bytes, true);
            MethodHandle constructor = hidden.findConstructor(hidden.lookupClass(),
                    MethodType.methodType(void.class, TranslatedBlock.Setup.class));
            return (TranslatedBlock) constructor.invoke(new TranslatedBlock.Setup(mmu, fallback, array, offsets));
        } catch (Throwable e) {
            throw new IllegalStateException("the JVM rejected the translation of " + instructions, e);
        }
    }

    /** Emits the class for one block. */
    private static final class Emitter {

        private final List<Instruction> instructions;
        private final int[] offsets;
        private final ClassFileWriter cf = new ClassFileWriter(GENERATED, BLOCK);
        private final CodeWriter c = new CodeWriter(cf);
        /** Local slot of each guest register that has one, or -1. */
        private final int[] slot = new int[32];
        private final int temp;
        private final int exception;
        /** Registers whose local differs from {@code s.x}, and registers ever written in a local. */
        private final boolean[] dirty = new boolean[32];
        private final boolean[] written = new boolean[32];

        Emitter(List<Instruction> instructions, int[] offsets) {
            this.instructions = instructions;
            this.offsets = offsets;
            java.util.Arrays.fill(slot, -1);
            int next = FIRST_REGISTER;
            for (Instruction in : instructions) {
                if (!inline(in.op)) {
                    continue;
                }
                for (int r : new int[] {in.rs1, in.rs2, in.rd}) {
                    if (r > 0 && r < 32 && slot[r] < 0 && uses(in, r)) {
                        slot[r] = next;
                        next += 2;
                    }
                }
            }
            temp = next;
            exception = next + 2;
        }

        /** Whether native instruction {@code in} reads or writes register {@code r} (by its fields). */
        private static boolean uses(Instruction in, int r) {
            int op = in.op;
            boolean readsRs1 = op != LUI && op != AUIPC && op != JAL && op != FENCE;
            boolean readsRs2 = (op >= BEQ && op <= BGEU) || (op >= SB && op <= SD) || (op >= ADD && op <= AND)
                    || (op >= ADDW && op <= REMUW);
            boolean writesRd = !(op >= BEQ && op <= BGEU) && !(op >= SB && op <= SD) && op != FENCE;
            return (readsRs1 && in.rs1 == r) || (readsRs2 && in.rs2 == r) || (writesRd && in.rd == r);
        }

        byte[] classFile() {
            constructor();
            execute();
            return cf.toByteArray();
        }

        private void constructor() {
            CodeWriter init = new CodeWriter(cf);
            init.local(ALOAD, 0);
            init.local(ALOAD, 1);
            init.invoke(INVOKESPECIAL, BLOCK, "<init>", "(L" + SETUP + ";)V");
            init.op(RETURN);
            init.maxStack(2);
            init.maxLocals(2);
            cf.addMethod(ClassFileWriter.ACC_PUBLIC, "<init>", "(L" + SETUP + ";)V", init);
        }

        private void execute() {
            List<CodeWriter.VType> frame = new ArrayList<>(List.of(CodeWriter.VType.object(GENERATED),
                    CodeWriter.VType.object(STATE), CodeWriter.VType.LONG, CodeWriter.VType.object("[J"),
                    CodeWriter.VType.object(MMU)));
            // prologue: every local the frames name is assigned before the first branch or handler
            c.local(ALOAD, STATE_LOCAL);
            c.field(GETFIELD, STATE, "pc", "J");
            c.local(LSTORE, BASE);
            c.local(ALOAD, STATE_LOCAL);
            c.field(GETFIELD, STATE, "x", "[J");
            c.local(ASTORE, X);
            c.local(ALOAD, THIS);
            c.field(GETFIELD, BLOCK, "mmu", "L" + MMU + ";");
            c.local(ASTORE, MMU_LOCAL);
            for (int local = FIRST_REGISTER; local < temp; local += 2) {
                int r = registerOf(local);
                c.local(ALOAD, X);
                c.pushInt(r);
                c.op(LALOAD);
                c.local(LSTORE, local);
                frame.add(CodeWriter.VType.LONG);
            }
            c.frameLocals(frame);
            CodeWriter.Label tryStart = new CodeWriter.Label();
            CodeWriter.Label tryEnd = new CodeWriter.Label();
            c.bind(tryStart);
            boolean mayTrap = false;
            int n = instructions.size();
            for (int i = 0; i < n; i++) {
                Instruction in = instructions.get(i);
                mayTrap |= instruction(i, in);
            }
            Instruction last = instructions.get(n - 1);
            if (!endsBlock(last)) {
                writeBack(dirty);
                exit(offsets[n - 1] + last.length);
            }
            c.bind(tryEnd);
            if (mayTrap) {
                CodeWriter.Label handler = new CodeWriter.Label();
                c.bind(handler);
                c.catchAll(tryStart, tryEnd, handler);
                c.local(ASTORE, exception);
                writeBack(written);
                c.local(ALOAD, exception);
                c.op(ATHROW);
            }
            c.maxStack(10);
            c.maxLocals(exception + 1);
            cf.addMethod(ClassFileWriter.ACC_PUBLIC | ClassFileWriter.ACC_FINAL, "execute", "(L" + STATE + ";)V", c);
        }

        private int registerOf(int local) {
            for (int r = 1; r < 32; r++) {
                if (slot[r] == local) {
                    return r;
                }
            }
            throw new IllegalStateException("no register in local " + local);
        }

        // ---- registers ----

        private void loadX(int r) {
            if (r == 0) {
                c.op(LCONST_0);
            } else {
                c.local(LLOAD, slot[r]);
            }
        }

        /** Stores the long on the stack into rd (dropped for x0). */
        private void storeX(Instruction in) {
            int r = in.rd;
            if (r == 0 || r >= 32) {
                c.op(POP2);
                return;
            }
            c.local(LSTORE, slot[r]);
            dirty[r] = true;
            written[r] = true;
        }

        /** Stores the locals of {@code which} registers into {@code s.x}. */
        private void writeBack(boolean[] which) {
            for (int r = 1; r < 32; r++) {
                if (which[r]) {
                    c.local(ALOAD, X);
                    c.pushInt(r);
                    c.local(LLOAD, slot[r]);
                    c.op(LASTORE);
                }
            }
            if (which == dirty) {
                java.util.Arrays.fill(dirty, false);
            }
        }

        // ---- pc ----

        private void pushPc(long offset) {
            c.local(LLOAD, BASE);
            if (offset != 0) {
                c.pushLong(offset);
                c.op(LADD);
            }
        }

        private void setPc(long offset) {
            c.local(ALOAD, STATE_LOCAL);
            pushPc(offset);
            c.field(PUTFIELD, STATE, "pc", "J");
        }

        private void exit(long nextOffset) {
            setPc(nextOffset);
            c.op(RETURN);
        }

        // ---- instructions ----

        /** Emits instruction {@code i}; returns whether it may throw. */
        private boolean instruction(int i, Instruction in) {
            int op = in.op;
            long off = offsets[i];
            if (!inline(op)) {
                writeBack(dirty);
                setPc(off);
                c.local(ALOAD, THIS);
                c.pushInt(i);
                c.invoke(INVOKEVIRTUAL, BLOCK, "interpret", "(I)V");
                if (in.rd > 0 && in.rd < 32 && slot[in.rd] >= 0) {
                    c.local(ALOAD, X);
                    c.pushInt(in.rd);
                    c.op(LALOAD);
                    c.local(LSTORE, slot[in.rd]);
                }
                return true;
            }
            switch (op) {
                case FENCE -> {
                    return false;
                }
                case LUI -> {
                    c.pushLong(in.imm);
                    storeX(in);
                }
                case AUIPC -> {
                    pushPc(off + in.imm);
                    storeX(in);
                }
                case JAL -> {
                    pushPc(off + in.length);
                    storeX(in);
                    writeBack(dirty);
                    exit(off + in.imm);
                }
                case JALR -> {
                    loadX(in.rs1);
                    c.pushLong(in.imm);
                    c.op(LADD);
                    c.pushLong(~1L);
                    c.op(LAND);
                    c.local(LSTORE, temp);
                    pushPc(off + in.length);
                    storeX(in);
                    writeBack(dirty);
                    c.local(ALOAD, STATE_LOCAL);
                    c.local(LLOAD, temp);
                    c.field(PUTFIELD, STATE, "pc", "J");
                    c.op(RETURN);
                }
                case BEQ, BNE, BLT, BGE, BLTU, BGEU -> branch(in, off);
                case LB, LH, LW, LD, LBU, LHU, LWU -> {
                    load(in, off);
                    return true;
                }
                case SB, SH, SW, SD -> {
                    setPc(off);
                    c.local(ALOAD, MMU_LOCAL);
                    address(in);
                    c.pushInt(1 << (op - SB));
                    loadX(in.rs2);
                    c.invoke(INVOKEVIRTUAL, MMU, "store", "(JIJ)V");
                    return true;
                }
                default -> {
                    alu(in);
                    storeX(in);
                }
            }
            return false;
        }

        private void address(Instruction in) {
            loadX(in.rs1);
            if (in.imm != 0) {
                c.pushLong(in.imm);
                c.op(LADD);
            }
        }

        private void load(Instruction in, long off) {
            int op = in.op;
            int size = switch (op) {
                case LB, LBU -> 1;
                case LH, LHU -> 2;
                case LW, LWU -> 4;
                default -> 8;
            };
            setPc(off);
            c.local(ALOAD, MMU_LOCAL);
            address(in);
            c.pushInt(size);
            c.invoke(INVOKEVIRTUAL, MMU, "load", "(JI)J");
            switch (op) {
                case LB -> {
                    c.op(L2I);
                    c.op(I2B);
                    c.op(I2L);
                }
                case LH -> {
                    c.op(L2I);
                    c.op(I2S);
                    c.op(I2L);
                }
                case LW -> {
                    c.op(L2I);
                    c.op(I2L);
                }
                default -> {
                }
            }
            storeX(in);
        }

        private void branch(Instruction in, long off) {
            writeBack(dirty);
            boolean unsigned = in.op == BLTU || in.op == BGEU;
            loadX(in.rs1);
            if (unsigned) {
                c.pushLong(Long.MIN_VALUE);
                c.op(LXOR);
            }
            loadX(in.rs2);
            if (unsigned) {
                c.pushLong(Long.MIN_VALUE);
                c.op(LXOR);
            }
            c.op(LCMP);
            CodeWriter.Label taken = new CodeWriter.Label();
            c.jump(switch (in.op) {
                case BEQ -> IFEQ;
                case BNE -> IFNE;
                case BLT, BLTU -> IFLT;
                default -> IFGE;
            }, taken);
            exit(off + in.length);
            c.bind(taken);
            exit(off + in.imm);
        }

        /** Pushes the result of ALU instruction {@code in} (register-immediate, register-register, W, M). */
        private void alu(Instruction in) {
            int op = in.op;
            switch (op) {
                case ADDI, XORI, ORI, ANDI, SLTI, SLTIU -> {
                    loadX(in.rs1);
                    if (op == ADDI && in.imm == 0) {
                        return;
                    }
                    c.pushLong(in.imm);
                    binary(op);
                }
                case SLLI, SRLI, SRAI -> {
                    loadX(in.rs1);
                    c.pushInt((int) in.imm);
                    c.op(op == SLLI ? LSHL : op == SRLI ? LUSHR : LSHR);
                }
                case ADDIW -> {
                    loadX(in.rs1);
                    c.pushLong(in.imm);
                    c.op(LADD);
                    c.op(L2I);
                    c.op(I2L);
                }
                case SLLIW, SRLIW, SRAIW -> {
                    loadX(in.rs1);
                    c.op(L2I);
                    c.pushInt((int) in.imm);
                    c.op(op == SLLIW ? ISHL : op == SRLIW ? IUSHR : ISHR);
                    c.op(I2L);
                }
                case SLL, SRL, SRA -> {
                    loadX(in.rs1);
                    loadX(in.rs2);
                    c.op(L2I);
                    c.op(op == SLL ? LSHL : op == SRL ? LUSHR : LSHR);
                }
                case SLLW, SRLW, SRAW -> {
                    loadX(in.rs1);
                    c.op(L2I);
                    loadX(in.rs2);
                    c.op(L2I);
                    c.op(op == SLLW ? ISHL : op == SRLW ? IUSHR : ISHR);
                    c.op(I2L);
                }
                case ADDW, SUBW, MULW -> {
                    loadX(in.rs1);
                    loadX(in.rs2);
                    c.op(op == ADDW ? LADD : op == SUBW ? LSUB : LMUL);
                    c.op(L2I);
                    c.op(I2L);
                }
                default -> {
                    loadX(in.rs1);
                    loadX(in.rs2);
                    binary(op);
                }
            }
        }

        /** Combines the two longs on the stack by the operation of register-register or immediate {@code op}. */
        private void binary(int op) {
            switch (op) {
                case ADD, ADDI -> c.op(LADD);
                case SUB -> c.op(LSUB);
                case XOR, XORI -> c.op(LXOR);
                case OR, ORI -> c.op(LOR);
                case AND, ANDI -> c.op(LAND);
                case MUL -> c.op(LMUL);
                case SLT, SLTI -> c.invoke(INVOKESTATIC, ARITH, "slt", BINARY);
                case SLTU, SLTIU -> c.invoke(INVOKESTATIC, ARITH, "sltu", BINARY);
                case MULH -> c.invoke(INVOKESTATIC, "java/lang/Math", "multiplyHigh", BINARY);
                case MULHU -> c.invoke(INVOKESTATIC, "java/lang/Math", "unsignedMultiplyHigh", BINARY);
                case MULHSU -> c.invoke(INVOKESTATIC, ARITH, "mulhsu", BINARY);
                case DIV -> c.invoke(INVOKESTATIC, ARITH, "div", BINARY);
                case DIVU -> c.invoke(INVOKESTATIC, ARITH, "divu", BINARY);
                case REM -> c.invoke(INVOKESTATIC, ARITH, "rem", BINARY);
                case REMU -> c.invoke(INVOKESTATIC, ARITH, "remu", BINARY);
                case DIVW -> c.invoke(INVOKESTATIC, ARITH, "divw", BINARY);
                case DIVUW -> c.invoke(INVOKESTATIC, ARITH, "divuw", BINARY);
                case REMW -> c.invoke(INVOKESTATIC, ARITH, "remw", BINARY);
                case REMUW -> c.invoke(INVOKESTATIC, ARITH, "remuw", BINARY);
                default -> throw new IllegalStateException("no translation for " + name(op));
            }
        }
    }
}
