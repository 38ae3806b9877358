package dev.rivet.emulator.cpu.decode;

/**
 * Expands a 16-bit RV64C instruction into the 32-bit base instruction it stands for (RISC-V
 * unprivileged spec, chapter 16, "C" Standard Extension, tables 16.4-16.6), so that the decoder and
 * the executor know only base instructions. Reserved and illegal encodings expand to
 * {@link #ILLEGAL} (0, which is not a valid 32-bit instruction).
 */
public final class CompressedExpander {

    /** The expansion of an illegal or reserved compressed encoding. */
    public static final int ILLEGAL = 0;

    private static final int OP_LOAD = 0x03;
    private static final int OP_LOAD_FP = 0x07;
    private static final int OP_IMM = 0x13;
    private static final int OP_IMM32 = 0x1b;
    private static final int OP_STORE = 0x23;
    private static final int OP_STORE_FP = 0x27;
    private static final int OP = 0x33;
    private static final int OP_LUI = 0x37;
    private static final int OP_32 = 0x3b;
    private static final int OP_BRANCH = 0x63;
    private static final int OP_JALR = 0x67;
    private static final int OP_JAL = 0x6f;

    private CompressedExpander() {
    }

    /** The 32-bit expansion of compressed instruction {@code c} (low 16 bits), or {@link #ILLEGAL}. */
    public static int expand(int c) {
        c &= 0xffff;
        int funct3 = c >>> 13;
        switch (c & 3) {
            case 0:
                return quadrant0(c, funct3);
            case 1:
                return quadrant1(c, funct3);
            case 2:
                return quadrant2(c, funct3);
            default:
                return ILLEGAL;
        }
    }

    private static int quadrant0(int c, int funct3) {
        int rdP = 8 + ((c >>> 2) & 7);
        int rs1P = 8 + ((c >>> 7) & 7);
        switch (funct3) {
            case 0: { // C.ADDI4SPN
                int imm = (bits(c, 12, 11) << 4) | (bits(c, 10, 7) << 6) | (bit(c, 6) << 2) | (bit(c, 5) << 3);
                return imm == 0 ? ILLEGAL : encI(OP_IMM, rdP, 0, 2, imm);
            }
            case 1: // C.FLD
                return encI(OP_LOAD_FP, rdP, 3, rs1P, ldOffset(c));
            case 2: // C.LW
                return encI(OP_LOAD, rdP, 2, rs1P, lwOffset(c));
            case 3: // C.LD
                return encI(OP_LOAD, rdP, 3, rs1P, ldOffset(c));
            case 5: // C.FSD
                return encS(OP_STORE_FP, 3, rs1P, rdP, ldOffset(c));
            case 6: // C.SW
                return encS(OP_STORE, 2, rs1P, rdP, lwOffset(c));
            case 7: // C.SD
                return encS(OP_STORE, 3, rs1P, rdP, ldOffset(c));
            default:
                return ILLEGAL;
        }
    }

    private static int quadrant1(int c, int funct3) {
        int rd = (c >>> 7) & 31;
        int imm6 = signExtend((bit(c, 12) << 5) | bits(c, 6, 2), 6);
        int rdP = 8 + ((c >>> 7) & 7);
        int rs2P = 8 + ((c >>> 2) & 7);
        switch (funct3) {
            case 0: // C.ADDI (C.NOP when rd = 0)
                return encI(OP_IMM, rd, 0, rd, imm6);
            case 1: // C.ADDIW
                return rd == 0 ? ILLEGAL : encI(OP_IMM32, rd, 0, rd, imm6);
            case 2: // C.LI
                return encI(OP_IMM, rd, 0, 0, imm6);
            case 3:
                if (rd == 2) { // C.ADDI16SP
                    int imm = signExtend((bit(c, 12) << 9) | (bit(c, 6) << 4) | (bit(c, 5) << 6)
                            | (bits(c, 4, 3) << 7) | (bit(c, 2) << 5), 10);
                    return imm == 0 ? ILLEGAL : encI(OP_IMM, 2, 0, 2, imm);
                }
                // C.LUI
                return imm6 == 0 ? ILLEGAL : (imm6 << 12) | (rd << 7) | OP_LUI;
            case 4: {
                int shamt = (bit(c, 12) << 5) | bits(c, 6, 2);
                switch (bits(c, 11, 10)) {
                    case 0:
                        return encI(OP_IMM, rdP, 5, rdP, shamt); // C.SRLI
                    case 1:
                        return encI(OP_IMM, rdP, 5, rdP, shamt | 0x400); // C.SRAI
                    case 2:
                        return encI(OP_IMM, rdP, 7, rdP, imm6); // C.ANDI
                    default: {
                        int f = bits(c, 6, 5);
                        if (bit(c, 12) == 0) {
                            return switch (f) {
                                case 0 -> encR(OP, rdP, 0, rdP, rs2P, 0x20); // C.SUB
                                case 1 -> encR(OP, rdP, 4, rdP, rs2P, 0); // C.XOR
                                case 2 -> encR(OP, rdP, 6, rdP, rs2P, 0); // C.OR
                                default -> encR(OP, rdP, 7, rdP, rs2P, 0); // C.AND
                            };
                        }
                        return switch (f) {
                            case 0 -> encR(OP_32, rdP, 0, rdP, rs2P, 0x20); // C.SUBW
                            case 1 -> encR(OP_32, rdP, 0, rdP, rs2P, 0); // C.ADDW
                            default -> ILLEGAL;
                        };
                    }
                }
            }
            case 5: { // C.J
                int off = signExtend((bit(c, 12) << 11) | (bit(c, 11) << 4) | (bits(c, 10, 9) << 8) | (bit(c, 8) << 10)
                        | (bit(c, 7) << 6) | (bit(c, 6) << 7) | (bits(c, 5, 3) << 1) | (bit(c, 2) << 5), 12);
                return encJ(0, off);
            }
            default: { // C.BEQZ, C.BNEZ
                int off = signExtend((bit(c, 12) << 8) | (bits(c, 11, 10) << 3) | (bits(c, 6, 5) << 6)
                        | (bits(c, 4, 3) << 1) | (bit(c, 2) << 5), 9);
                return encB(funct3 == 6 ? 0 : 1, rdP, 0, off);
            }
        }
    }

    private static int quadrant2(int c, int funct3) {
        int rd = (c >>> 7) & 31;
        int rs2 = (c >>> 2) & 31;
        switch (funct3) {
            case 0: // C.SLLI
                return encI(OP_IMM, rd, 1, rd, (bit(c, 12) << 5) | rs2);
            case 1: // C.FLDSP
                return encI(OP_LOAD_FP, rd, 3, 2, ldspOffset(c));
            case 2: // C.LWSP
                return rd == 0 ? ILLEGAL
                        : encI(OP_LOAD, rd, 2, 2, (bit(c, 12) << 5) | (bits(c, 6, 4) << 2) | (bits(c, 3, 2) << 6));
            case 3: // C.LDSP
                return rd == 0 ? ILLEGAL : encI(OP_LOAD, rd, 3, 2, ldspOffset(c));
            case 4:
                if (bit(c, 12) == 0) {
                    if (rs2 == 0) { // C.JR
                        return rd == 0 ? ILLEGAL : encI(OP_JALR, 0, 0, rd, 0);
                    }
                    return encR(OP, rd, 0, 0, rs2, 0); // C.MV
                }
                if (rs2 == 0) {
                    if (rd == 0) {
                        return 0x00100073; // C.EBREAK
                    }
                    return encI(OP_JALR, 1, 0, rd, 0); // C.JALR
                }
                return encR(OP, rd, 0, rd, rs2, 0); // C.ADD
            case 5: // C.FSDSP
                return encS(OP_STORE_FP, 3, 2, rs2, (bits(c, 12, 10) << 3) | (bits(c, 9, 7) << 6));
            case 6: // C.SWSP
                return encS(OP_STORE, 2, 2, rs2, (bits(c, 12, 9) << 2) | (bits(c, 8, 7) << 6));
            default: // C.SDSP
                return encS(OP_STORE, 3, 2, rs2, (bits(c, 12, 10) << 3) | (bits(c, 9, 7) << 6));
        }
    }

    private static int lwOffset(int c) {
        return (bits(c, 12, 10) << 3) | (bit(c, 6) << 2) | (bit(c, 5) << 6);
    }

    private static int ldOffset(int c) {
        return (bits(c, 12, 10) << 3) | (bits(c, 6, 5) << 6);
    }

    private static int ldspOffset(int c) {
        return (bit(c, 12) << 5) | (bits(c, 6, 5) << 3) | (bits(c, 4, 2) << 6);
    }

    private static int bit(int c, int i) {
        return (c >>> i) & 1;
    }

    private static int bits(int c, int hi, int lo) {
        return (c >>> lo) & ((1 << (hi - lo + 1)) - 1);
    }

    private static int signExtend(int v, int width) {
        return (v << (32 - width)) >> (32 - width);
    }

    private static int encI(int opcode, int rd, int funct3, int rs1, int imm) {
        return (imm << 20) | (rs1 << 15) | (funct3 << 12) | (rd << 7) | opcode;
    }

    private static int encS(int opcode, int funct3, int rs1, int rs2, int imm) {
        return ((imm >> 5) << 25) | (rs2 << 20) | (rs1 << 15) | (funct3 << 12) | ((imm & 31) << 7) | opcode;
    }

    private static int encR(int opcode, int rd, int funct3, int rs1, int rs2, int funct7) {
        return (funct7 << 25) | (rs2 << 20) | (rs1 << 15) | (funct3 << 12) | (rd << 7) | opcode;
    }

    private static int encB(int funct3, int rs1, int rs2, int off) {
        return (((off >> 12) & 1) << 31) | (((off >> 5) & 0x3f) << 25) | (rs2 << 20) | (rs1 << 15) | (funct3 << 12)
                | (((off >> 1) & 0xf) << 8) | (((off >> 11) & 1) << 7) | OP_BRANCH;
    }

    private static int encJ(int rd, int off) {
        return (((off >> 20) & 1) << 31) | (((off >> 1) & 0x3ff) << 21) | (((off >> 11) & 1) << 20)
                | (((off >> 12) & 0xff) << 12) | (rd << 7) | OP_JAL;
    }
}
