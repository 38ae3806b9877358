package dev.rivet.emulator.cpu.jit;

import static dev.rivet.emulator.cpu.decode.Opcode.*;
import static dev.rivet.emulator.cpu.jit.CodeWriter.*;

import dev.rivet.emulator.cpu.csr.Mstatus;
import dev.rivet.emulator.cpu.decode.Instruction;
import dev.rivet.emulator.cpu.fpu.FloatArithmetic;
import dev.rivet.emulator.cpu.fpu.RoundingMode;
import dev.rivet.emulator.cpu.mmu.Mmu;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Translates a block of decoded RV64 instructions into a JVM class (a hidden class extending
 * {@link TranslatedBlock}) whose {@code execute} method does what interpreting them would do. The
 * JVM's JIT then compiles the block like any Java method: guest registers live in JVM locals, so
 * a block becomes straight-line machine code.
 *
 * <h2>What is translated</h2>
 * <ul>
 * <li>RV64I and M (unprivileged spec, chapters 2, 5 and 7): ALU operations inline, those needing
 * more than one JVM instruction through {@link dev.rivet.emulator.cpu.IntegerArithmetic}; loads
 * and stores through {@link Mmu#load}/{@link Mmu#store}, so translation, PMP, TLB, devices and
 * misaligned accesses behave exactly as interpreted; FENCE as nothing.</li>
 * <li>F and D (chapters 11, 12): loads, stores and moves inline, the operations through
 * {@link FloatArithmetic} (the interpreter's own arithmetic, so results and flags are the same).
 * The block checks {@code mstatus.FS} before its first FP instruction and {@code frm} before the
 * first one using the dynamic rounding mode (neither can change inside a block), and sets FS to
 * Dirty after its first write of an FP register.</li>
 * <li>A (chapter 8), and FP instructions with a reserved static rounding mode, are handed to the
 * interpreter ({@link InstructionExecutor}) from inside the block.</li>
 * <li>System instructions (CSR, ECALL, EBREAK, xRET, WFI, SFENCE.VMA, FENCE.I) and illegal
 * encodings are never part of a block: the hart interprets them between blocks, so privilege,
 * {@code satp}, FS, {@code frm} and interrupt-enable changes always happen at a block boundary.</li>
 * </ul>
 *
 * <h2>Shape of the generated code</h2>
 * <pre>
 *   base = s.pc; x = s.x; f = s.f; r<i>n</i> = x[<i>n</i>], f<i>n</i> = f[<i>n</i>] for every register used
 *   try {
 *     ... one translation per instruction; before one that may trap: s.pc = base + offset
 *     write back the registers written; s.pc = next; return
 *   } catch (Throwable t) { write back the registers written; throw t; }
 * </pre>
 * Before an instruction left to the interpreter, the registers written so far are stored back, and
 * its destination registers are reloaded after it.
 */
public final class BlockTranslator {

    /** The longest block: keeps each generated method far below the JIT's size limits. */
    public static final int MAX_INSTRUCTIONS = 64;

    private static final String BLOCK = "dev/rivet/emulator/cpu/jit/TranslatedBlock";
    private static final String SETUP = BLOCK + "$Setup";
    private static final String GENERATED = "dev/rivet/emulator/cpu/jit/GuestBlock";
    private static final String STATE = "dev/rivet/emulator/cpu/HartState";
    private static final String MMU = "dev/rivet/emulator/cpu/mmu/Mmu";
    private static final String FA = "dev/rivet/emulator/cpu/fpu/FloatArithmetic";
    private static final String ARITH = "dev/rivet/emulator/cpu/IntegerArithmetic";
    private static final String BINARY = "(JJ)J";

    // local variables of execute(HartState): fixed ones, then one long per register used
    private static final int THIS = 0;
    private static final int STATE_LOCAL = 1;
    private static final int BASE = 2;
    private static final int X = 4;
    private static final int MMU_LOCAL = 5;
    private static final int FA_LOCAL = 6;
    private static final int F = 7;
    private static final int RM = 8;
    private static final int FIRST_REGISTER = 9;

    /**
     * How an F/D operation is translated: the {@link FloatArithmetic} method, its operands in
     * order ({@code f} or {@code x} register, taken from rs1, rs2, rs3), the destination file, and
     * whether it takes a rounding mode.
     */
    private record FloatOp(String method, boolean isStatic, String operands, char destination, boolean rounded) {
        String descriptor() {
            return "(" + "J".repeat(operands.length()) + (rounded ? "I" : "") + ")J";
        }
    }

    private static final FloatOp[] FLOAT_OPS = new FloatOp[COUNT];

    private static void op(int opcode, String method, String operands, char destination, boolean rounded) {
        FLOAT_OPS[opcode] = new FloatOp(method, false, operands, destination, rounded);
    }

    private static void staticOp(int opcode, String method, String operands, char destination) {
        FLOAT_OPS[opcode] = new FloatOp(method, true, operands, destination, false);
    }

    static {
        for (String t : new String[] {"S", "D"}) {
            int o = t.equals("S") ? 0 : FMADD_D - FMADD_S;
            op(FADD_S + o, "fadd" + t, "ff", 'f', true);
            op(FSUB_S + o, "fsub" + t, "ff", 'f', true);
            op(FMUL_S + o, "fmul" + t, "ff", 'f', true);
            op(FDIV_S + o, "fdiv" + t, "ff", 'f', true);
            op(FSQRT_S + o, "fsqrt" + t, "f", 'f', true);
            op(FMADD_S + o, "fmadd" + t, "fff", 'f', true);
            op(FMSUB_S + o, "fmsub" + t, "fff", 'f', true);
            op(FNMSUB_S + o, "fnmsub" + t, "fff", 'f', true);
            op(FNMADD_S + o, "fnmadd" + t, "fff", 'f', true);
            staticOp(FSGNJ_S + o, "fsgnj" + t, "ff", 'f');
            staticOp(FSGNJN_S + o, "fsgnjn" + t, "ff", 'f');
            staticOp(FSGNJX_S + o, "fsgnjx" + t, "ff", 'f');
            op(FMIN_S + o, "fmin" + t, "ff", 'f', false);
            op(FMAX_S + o, "fmax" + t, "ff", 'f', false);
            op(FEQ_S + o, "feq" + t, "ff", 'x', false);
            op(FLT_S + o, "flt" + t, "ff", 'x', false);
            op(FLE_S + o, "fle" + t, "ff", 'x', false);
            staticOp(FCLASS_S + o, "fclass" + t, "f", 'x');
            op(FCVT_W_S + o, "fcvtW" + t, "f", 'x', true);
            op(FCVT_WU_S + o, "fcvtWU" + t, "f", 'x', true);
            op(FCVT_L_S + o, "fcvtL" + t, "f", 'x', true);
            op(FCVT_LU_S + o, "fcvtLU" + t, "f", 'x', true);
            op(FCVT_S_W + o, "fcvt" + t + "W", "x", 'f', true);
            op(FCVT_S_WU + o, "fcvt" + t + "WU", "x", 'f', true);
            op(FCVT_S_L + o, "fcvt" + t + "L", "x", 'f', true);
            op(FCVT_S_LU + o, "fcvt" + t + "LU", "x", 'f', true);
        }
        staticOp(FMV_X_W, "fmvXW", "f", 'x');
        staticOp(FMV_W_X, "fmvWX", "x", 'f');
        op(FCVT_S_D, "fcvtSD", "f", 'f', true);
        op(FCVT_D_S, "fcvtDS", "f", 'f', true);
    }

    private final MethodHandles.Lookup lookup = MethodHandles.lookup();
    private final Mmu mmu;
    private final FloatArithmetic fa;
    private final InstructionExecutor fallback;

    /**
     * @param mmu      the hart's memory view, used by the blocks' loads and stores
     * @param fa       the hart's FP operations (and accrued flags)
     * @param fallback the hart's interpreter, for the instructions blocks do not translate
     */
    public BlockTranslator(Mmu mmu, FloatArithmetic fa, InstructionExecutor fallback) {
        this.mmu = mmu;
        this.fa = fa;
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

    /** Whether the block's own code does {@code in} (the rest goes to the interpreter). */
    private static boolean inline(Instruction in) {
        int op = in.op;
        if (op <= REMUW || op == FENCE || (op >= FLW && op <= FSD) || op == FMV_X_D || op == FMV_D_X) {
            return true;
        }
        FloatOp f = op < COUNT ? FLOAT_OPS[op] : null;
        return f != null && (!f.rounded() || in.rm == RoundingMode.DYN || RoundingMode.isValid(in.rm));
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
            return (TranslatedBlock) constructor.invoke(new TranslatedBlock.Setup(mmu, fa, fallback, array, offsets));
        } catch (Throwable e) {
            throw new IllegalStateException("the JVM rejected the translation of " + instructions, e);
        }
    }

    /** Emits the class for one block. */
    private static final class Emitter {

        /** One register file's JVM locals: which registers have one, and which differ from the state. */
        private static final class RegisterFile {
            final int[] slot = new int[33];
            final boolean[] dirty = new boolean[33];
            final boolean[] written = new boolean[33];
            final int arrayLocal;

            RegisterFile(int arrayLocal) {
                this.arrayLocal = arrayLocal;
                Arrays.fill(slot, -1);
            }
        }

        private final List<Instruction> instructions;
        private final int[] offsets;
        private final ClassFileWriter cf = new ClassFileWriter(GENERATED, BLOCK);
        private final CodeWriter c = new CodeWriter(cf);
        private final RegisterFile xf = new RegisterFile(X);
        private final RegisterFile ff = new RegisterFile(F);
        private final List<CodeWriter.VType> frame = new ArrayList<>();
        private int nextLocal = FIRST_REGISTER;
        private final int temp;
        private final int exception;
        private boolean fpChecked;
        private boolean rmLoaded;
        private boolean fsDirty;

        Emitter(List<Instruction> instructions, int[] offsets) {
            this.instructions = instructions;
            this.offsets = offsets;
            frame.addAll(List.of(CodeWriter.VType.object(GENERATED), CodeWriter.VType.object(STATE),
                    CodeWriter.VType.LONG, CodeWriter.VType.object("[J"), CodeWriter.VType.object(MMU),
                    CodeWriter.VType.object(FA), CodeWriter.VType.object("[J"), CodeWriter.VType.INT));
            for (Instruction in : instructions) {
                if (inline(in)) {
                    allocate(in);
                }
            }
            temp = nextLocal;
            exception = nextLocal + 2;
        }

        // ---- which registers an inline instruction uses ----

        private void allocate(Instruction in) {
            int op = in.op;
            if (op <= REMUW || op == FENCE) {
                boolean readsRs1 = op != LUI && op != AUIPC && op != JAL && op != FENCE;
                boolean readsRs2 = (op >= BEQ && op <= BGEU) || (op >= SB && op <= SD) || (op >= ADD && op <= AND)
                        || (op >= ADDW && op <= REMUW);
                boolean writesRd = !(op >= BEQ && op <= BGEU) && !(op >= SB && op <= SD) && op != FENCE;
                if (readsRs1) {
                    local(xf, in.rs1);
                }
                if (readsRs2) {
                    local(xf, in.rs2);
                }
                if (writesRd) {
                    local(xf, in.rd);
                }
                return;
            }
            switch (op) {
                case FLW, FLD -> {
                    local(xf, in.rs1);
                    local(ff, in.rd);
                }
                case FSW, FSD -> {
                    local(xf, in.rs1);
                    local(ff, in.rs2);
                }
                case FMV_X_D -> {
                    local(ff, in.rs1);
                    local(xf, in.rd);
                }
                case FMV_D_X -> {
                    local(xf, in.rs1);
                    local(ff, in.rd);
                }
                default -> {
                    FloatOp f = FLOAT_OPS[op];
                    int[] sources = {in.rs1, in.rs2, in.rs3};
                    for (int k = 0; k < f.operands().length(); k++) {
                        local(f.operands().charAt(k) == 'f' ? ff : xf, sources[k]);
                    }
                    local(f.destination() == 'f' ? ff : xf, in.rd);
                }
            }
        }

        private void local(RegisterFile file, int r) {
            boolean isX = file == xf;
            if ((isX && (r == 0 || r >= 32)) || file.slot[r] >= 0) {
                return; // x0 reads as 0 and its writes vanish; no local
            }
            file.slot[r] = nextLocal;
            nextLocal += 2;
            frame.add(CodeWriter.VType.LONG);
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
            c.local(ALOAD, THIS);
            c.field(GETFIELD, BLOCK, "fa", "L" + FA + ";");
            c.local(ASTORE, FA_LOCAL);
            c.local(ALOAD, STATE_LOCAL);
            c.field(GETFIELD, STATE, "f", "[J");
            c.local(ASTORE, F);
            c.pushInt(0);
            c.local(ISTORE, RM);
            for (RegisterFile file : new RegisterFile[] {xf, ff}) {
                for (int r = 0; r < 32; r++) {
                    if (file.slot[r] >= 0) {
                        reload(file, r);
                    }
                }
            }
            c.frameLocals(frame);
            CodeWriter.Label tryStart = new CodeWriter.Label();
            CodeWriter.Label tryEnd = new CodeWriter.Label();
            c.bind(tryStart);
            boolean mayTrap = false;
            int n = instructions.size();
            for (int i = 0; i < n; i++) {
                mayTrap |= instruction(i, instructions.get(i));
            }
            Instruction last = instructions.get(n - 1);
            if (!endsBlock(last)) {
                writeBackDirty();
                exit(offsets[n - 1] + last.length);
            }
            c.bind(tryEnd);
            if (mayTrap) {
                CodeWriter.Label handler = new CodeWriter.Label();
                c.bind(handler);
                c.catchAll(tryStart, tryEnd, handler);
                c.local(ASTORE, exception);
                writeBack(xf, xf.written);
                writeBack(ff, ff.written);
                c.local(ALOAD, exception);
                c.op(ATHROW);
            }
            c.maxStack(12);
            c.maxLocals(exception + 1);
            cf.addMethod(ClassFileWriter.ACC_PUBLIC | ClassFileWriter.ACC_FINAL, "execute", "(L" + STATE + ";)V", c);
        }

        // ---- registers ----

        private void loadX(int r) {
            if (r == 0) {
                c.op(LCONST_0);
            } else {
                c.local(LLOAD, xf.slot[r]);
            }
        }

        private void loadF(int r) {
            c.local(LLOAD, ff.slot[r]);
        }

        /** Stores the long on the stack into integer register {@code r} (dropped for x0). */
        private void storeX(int r) {
            if (r == 0 || r >= 32) {
                c.op(POP2);
                return;
            }
            c.local(LSTORE, xf.slot[r]);
            xf.dirty[r] = true;
            xf.written[r] = true;
        }

        /** Stores the long on the stack into FP register {@code r}; the first such write makes FS Dirty. */
        private void storeF(int r) {
            c.local(LSTORE, ff.slot[r]);
            ff.dirty[r] = true;
            ff.written[r] = true;
            if (!fsDirty) {
                fsDirty = true;
                c.local(ALOAD, STATE_LOCAL);
                c.op(DUP);
                c.field(GETFIELD, STATE, "mstatus", "J");
                c.pushLong(Mstatus.FS_DIRTY);
                c.op(LOR);
                c.field(PUTFIELD, STATE, "mstatus", "J");
            }
        }

        private void reload(RegisterFile file, int r) {
            c.local(ALOAD, file.arrayLocal);
            c.pushInt(r);
            c.op(LALOAD);
            c.local(LSTORE, file.slot[r]);
        }

        /** Stores the locals of the registers marked in {@code which} into the state's array. */
        private void writeBack(RegisterFile file, boolean[] which) {
            for (int r = 0; r < 32; r++) {
                if (which[r]) {
                    c.local(ALOAD, file.arrayLocal);
                    c.pushInt(r);
                    c.local(LLOAD, file.slot[r]);
                    c.op(LASTORE);
                }
            }
        }

        private void writeBackDirty() {
            writeBack(xf, xf.dirty);
            writeBack(ff, ff.dirty);
            Arrays.fill(xf.dirty, false);
            Arrays.fill(ff.dirty, false);
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
            if (!inline(in)) {
                writeBackDirty();
                setPc(off);
                c.local(ALOAD, THIS);
                c.pushInt(i);
                c.invoke(INVOKEVIRTUAL, BLOCK, "interpret", "(I)V");
                if (in.rd < 32 && xf.slot[in.rd] >= 0) {
                    reload(xf, in.rd);
                }
                if (in.rd < 32 && ff.slot[in.rd] >= 0) {
                    reload(ff, in.rd);
                }
                return true;
            }
            if (op >= FLW) {
                return floatInstruction(in, off);
            }
            switch (op) {
                case FENCE -> {
                    return false;
                }
                case LUI -> {
                    c.pushLong(in.imm);
                    storeX(in.rd);
                }
                case AUIPC -> {
                    pushPc(off + in.imm);
                    storeX(in.rd);
                }
                case JAL -> {
                    pushPc(off + in.length);
                    storeX(in.rd);
                    writeBackDirty();
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
                    storeX(in.rd);
                    writeBackDirty();
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
                    storeX(in.rd);
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
            storeX(in.rd);
        }

        private void branch(Instruction in, long off) {
            writeBackDirty();
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

        // ---- floating point ----

        /** Emits F/D instruction {@code in}; they all may trap (FS Off, reserved {@code frm}, memory). */
        private boolean floatInstruction(Instruction in, long off) {
            int op = in.op;
            setPc(off);
            if (!fpChecked) {
                fpChecked = true;
                c.local(ALOAD, STATE_LOCAL);
                c.pushInt(in.bits);
                c.invoke(INVOKESTATIC, BLOCK, "requireFloatingPoint", "(L" + STATE + ";I)V");
            }
            switch (op) {
                case FLW, FLD -> {
                    c.local(ALOAD, MMU_LOCAL);
                    address(in);
                    c.pushInt(op == FLW ? 4 : 8);
                    c.invoke(INVOKEVIRTUAL, MMU, "load", "(JI)J");
                    if (op == FLW) {
                        c.pushLong(FloatArithmetic.BOX);
                        c.op(LOR);
                    }
                    storeF(in.rd);
                }
                case FSW, FSD -> {
                    c.local(ALOAD, MMU_LOCAL);
                    address(in);
                    c.pushInt(op == FSW ? 4 : 8);
                    loadF(in.rs2);
                    c.invoke(INVOKEVIRTUAL, MMU, "store", "(JIJ)V");
                }
                case FMV_X_D -> {
                    loadF(in.rs1);
                    storeX(in.rd);
                }
                case FMV_D_X -> {
                    loadX(in.rs1);
                    storeF(in.rd);
                }
                default -> operation(in, FLOAT_OPS[op]);
            }
            return true;
        }

        private void operation(Instruction in, FloatOp f) {
            if (f.rounded() && in.rm == RoundingMode.DYN && !rmLoaded) {
                rmLoaded = true;
                c.local(ALOAD, STATE_LOCAL);
                c.pushInt(in.bits);
                c.invoke(INVOKESTATIC, BLOCK, "dynamicRoundingMode", "(L" + STATE + ";I)I");
                c.local(ISTORE, RM);
            }
            if (!f.isStatic()) {
                c.local(ALOAD, FA_LOCAL);
            }
            int[] sources = {in.rs1, in.rs2, in.rs3};
            for (int k = 0; k < f.operands().length(); k++) {
                if (f.operands().charAt(k) == 'f') {
                    loadF(sources[k]);
                } else {
                    loadX(sources[k]);
                }
            }
            if (f.rounded()) {
                if (in.rm == RoundingMode.DYN) {
                    c.local(ILOAD, RM);
                } else {
                    c.pushInt(in.rm);
                }
            }
            c.invoke(f.isStatic() ? INVOKESTATIC : INVOKEVIRTUAL, FA, f.method(), f.descriptor());
            if (f.destination() == 'f') {
                storeF(in.rd);
            } else {
                storeX(in.rd);
            }
        }
    }
}
