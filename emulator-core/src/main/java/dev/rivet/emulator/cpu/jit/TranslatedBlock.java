package dev.rivet.emulator.cpu.jit;

import dev.rivet.emulator.cpu.HartState;
import dev.rivet.emulator.cpu.csr.Mstatus;
import dev.rivet.emulator.cpu.decode.Instruction;
import dev.rivet.emulator.cpu.fpu.FloatArithmetic;
import dev.rivet.emulator.cpu.fpu.RoundingMode;
import dev.rivet.emulator.cpu.mmu.Mmu;
import dev.rivet.emulator.cpu.trap.TrapCause;
import dev.rivet.emulator.cpu.trap.TrapException;

/**
 * A block of guest code compiled to JVM bytecode by {@link BlockTranslator}: straight-line
 * instructions of one physical page, ending with the first branch or jump, before the first
 * instruction that must be interpreted (system instructions), at the end of the page, or after
 * {@link BlockTranslator#MAX_INSTRUCTIONS}. The code does not depend on the virtual address it
 * runs at: it takes {@code pc} from the state, so the block serves every mapping of its page.
 *
 * <h2>Contract of {@link #execute}</h2>
 * Called with {@code s.pc} at the block's first instruction, in the privilege mode, translation
 * and FP state of the moment (all read as the instructions run, as the interpreter does).
 * <ul>
 * <li>Returns normally after all {@link #length} instructions retired, with {@code s.pc} the next
 * instruction. The caller adds {@link #length} to the retired-instruction count.</li>
 * <li>Throws {@link dev.rivet.emulator.cpu.trap.TrapException} when an instruction raises an
 * exception: {@code s.pc} is then that instruction's address, and registers and memory hold what
 * the instructions before it wrote, exactly as after interpreting them;
 * {@link #retiredBefore} tells how many retired.</li>
 * </ul>
 * Device interrupts raised during the block (by a store to a device) are taken after it, at the
 * next instruction boundary the hart checks, as QEMU takes them at the end of a translation block.
 */
public abstract class TranslatedBlock {

    /** What every translated block is built with (passed to the generated constructor). */
    record Setup(Mmu mmu, FloatArithmetic fa, InstructionExecutor fallback, Instruction[] instructions, int[] offsets) {
    }

    /** Number of guest instructions in the block. */
    public final int length;
    /** Used by the generated code for loads and stores. */
    final Mmu mmu;
    /** Used by the generated code for F and D operations. */
    final FloatArithmetic fa;
    private final InstructionExecutor fallback;
    private final Instruction[] instructions;
    /** Byte offset of each instruction from the first. */
    private final int[] offsets;

    protected TranslatedBlock(Setup setup) {
        this.mmu = setup.mmu();
        this.fa = setup.fa();
        this.fallback = setup.fallback();
        this.instructions = setup.instructions();
        this.offsets = setup.offsets();
        this.length = instructions.length;
    }

    /** Runs the block (see the class documentation for the contract). */
    public abstract void execute(HartState s);

    /**
     * The number of the block's instructions that retired before the one at {@code offset} bytes
     * from the first (where an exception was raised).
     */
    public int retiredBefore(long offset) {
        for (int i = 0; i < offsets.length; i++) {
            if (offsets[i] == offset) {
                return i;
            }
        }
        throw new IllegalStateException("no instruction at offset " + offset + " of a translated block");
    }

    /**
     * Called by the generated code before the block's first F or D instruction (whose bits are
     * {@code bits}): with {@code mstatus.FS} Off it is illegal (privileged spec, section 3.1.6.6).
     * FS cannot become Off inside a block, so one check covers the block.
     */
    static void requireFloatingPoint(HartState s, int bits) {
        if ((s.mstatus & Mstatus.FS) == 0) {
            throw new TrapException(TrapCause.ILLEGAL_INSTRUCTION, bits & 0xffff_ffffL);
        }
    }

    /**
     * Called by the generated code before the block's first instruction with the dynamic rounding
     * mode: {@code frm}, or the illegal-instruction exception if it holds a reserved mode
     * (unprivileged spec, section 11.2). {@code frm} cannot change inside a block.
     */
    static int dynamicRoundingMode(HartState s, int bits) {
        if (!RoundingMode.isValid(s.frm)) {
            throw new TrapException(TrapCause.ILLEGAL_INSTRUCTION, bits & 0xffff_ffffL);
        }
        return s.frm;
    }

    /** Called by the generated code for an instruction it leaves to the interpreter. */
    final void interpret(int index) {
        fallback.execute(instructions[index]);
    }
}
