package dev.rivet.emulator.cpu.decode;

/**
 * One decoded instruction: an {@link Opcode} and its named operand fields, immutable, cached per
 * physical address so that each instruction is decoded once.
 *
 * <p>Integer destinations equal to {@code x0} are given as {@link #X0_SINK} for instructions that
 * write an integer register, so executors never test for {@code x0}. {@link #rawRd} keeps the
 * encoded value (CSR instructions need to know whether {@code rd} was {@code x0}).
 */
public final class Instruction {

    /** Destination index standing for {@code x0}: a slot that is written but never read. */
    public static final int X0_SINK = 32;

    public final int op;
    public final int rd;
    public final int rawRd;
    public final int rs1;
    public final int rs2;
    public final int rs3;
    /** The sign-extended immediate, shift amount, or CSR address (for CSR instructions). */
    public final long imm;
    /** The rounding-mode field (funct3) of floating-point instructions; AMO aq/rl otherwise. */
    public final int rm;
    /** Encoded length in bytes: 2 for compressed, 4 otherwise. */
    public final int length;
    /** The instruction bits as fetched (16 bits for a compressed instruction). */
    public final int bits;

    public Instruction(int op, int rd, int rawRd, int rs1, int rs2, int rs3, long imm, int rm, int length, int bits) {
        this.op = op;
        this.rd = rd;
        this.rawRd = rawRd;
        this.rs1 = rs1;
        this.rs2 = rs2;
        this.rs3 = rs3;
        this.imm = imm;
        this.rm = rm;
        this.length = length;
        this.bits = bits;
    }

    @Override
    public String toString() {
        return Opcode.name(op) + " rd=" + rawRd + " rs1=" + rs1 + " rs2=" + rs2 + " imm=" + imm;
    }
}
