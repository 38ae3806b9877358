package dev.rivet.emulator.cpu.decode;

import static dev.rivet.emulator.cpu.decode.Opcode.*;

/**
 * Decodes RV64IMAFDC + Zicsr + Zifencei instructions into {@link Instruction}s (RISC-V unprivileged
 * spec, chapter 2 "RV32I" and chapter 5 "RV64I" for formats, chapter 24 "Instruction Set Listings"
 * for encodings). Knows nothing about execution. Encodings it does not know decode to
 * {@link Opcode#ILLEGAL}; whether an instruction is legal in the current state (privilege, FS,
 * rounding mode) is the executor's business.
 */
public final class InstructionDecoder {

    private InstructionDecoder() {
    }

    /**
     * Decodes the instruction whose first parcel is {@code bits}: if the low two bits are not
     * {@code 11}, only the low 16 bits are used (a compressed instruction).
     */
    public static Instruction decode(int bits) {
        if ((bits & 3) != 3) {
            int c = bits & 0xffff;
            int expanded = CompressedExpander.expand(c);
            if (expanded == CompressedExpander.ILLEGAL) {
                return illegal(2, c);
            }
            return decode32(expanded, 2, c);
        }
        return decode32(bits, 4, bits);
    }

    /** Whether the parcel {@code low16} starts a 32-bit instruction. */
    public static boolean isFullLength(int low16) {
        return (low16 & 3) == 3;
    }

    // ---- named fields and immediates (unprivileged spec, figure 2.3 and 2.4) ----

    static int opcode(int b) {
        return b & 0x7f;
    }

    static int rd(int b) {
        return (b >>> 7) & 31;
    }

    static int funct3(int b) {
        return (b >>> 12) & 7;
    }

    static int rs1(int b) {
        return (b >>> 15) & 31;
    }

    static int rs2(int b) {
        return (b >>> 20) & 31;
    }

    static int rs3(int b) {
        return b >>> 27;
    }

    static int funct7(int b) {
        return b >>> 25;
    }

    static long iImm(int b) {
        return b >> 20;
    }

    static long sImm(int b) {
        return ((b >> 25) << 5) | ((b >>> 7) & 31);
    }

    static long bImm(int b) {
        return ((b >> 31) << 12) | (((b >>> 7) & 1) << 11) | (((b >>> 25) & 0x3f) << 5) | (((b >>> 8) & 0xf) << 1);
    }

    static long uImm(int b) {
        return b & 0xfffff000;
    }

    static long jImm(int b) {
        return ((b >> 31) << 20) | (((b >>> 12) & 0xff) << 12) | (((b >>> 20) & 1) << 11) | (((b >>> 21) & 0x3ff) << 1);
    }

    // ---- decoding ----

    private static Instruction illegal(int length, int bits) {
        return new Instruction(ILLEGAL, 0, 0, 0, 0, 0, 0, 0, length, bits);
    }

    /** An instruction writing integer register rd. */
    private static Instruction xd(int op, int b, long imm, int len, int raw) {
        int rd = rd(b);
        return new Instruction(op, rd == 0 ? Instruction.X0_SINK : rd, rd, rs1(b), rs2(b), rs3(b), imm, funct3(b), len, raw);
    }

    /** An instruction without an integer destination (stores, branches, FP destinations). */
    private static Instruction nd(int op, int b, long imm, int len, int raw) {
        return new Instruction(op, rd(b), rd(b), rs1(b), rs2(b), rs3(b), imm, funct3(b), len, raw);
    }

    private static Instruction decode32(int b, int len, int raw) {
        int f3 = funct3(b);
        int f7 = funct7(b);
        switch (opcode(b)) {
            case 0x37:
                return xd(LUI, b, uImm(b), len, raw);
            case 0x17:
                return xd(AUIPC, b, uImm(b), len, raw);
            case 0x6f:
                return xd(JAL, b, jImm(b), len, raw);
            case 0x67:
                return f3 == 0 ? xd(JALR, b, iImm(b), len, raw) : illegal(len, raw);
            case 0x63: {
                int op = switch (f3) {
                    case 0 -> BEQ;
                    case 1 -> BNE;
                    case 4 -> BLT;
                    case 5 -> BGE;
                    case 6 -> BLTU;
                    case 7 -> BGEU;
                    default -> ILLEGAL;
                };
                return op == ILLEGAL ? illegal(len, raw) : nd(op, b, bImm(b), len, raw);
            }
            case 0x03: {
                int op = switch (f3) {
                    case 0 -> LB;
                    case 1 -> LH;
                    case 2 -> LW;
                    case 3 -> LD;
                    case 4 -> LBU;
                    case 5 -> LHU;
                    case 6 -> LWU;
                    default -> ILLEGAL;
                };
                return op == ILLEGAL ? illegal(len, raw) : xd(op, b, iImm(b), len, raw);
            }
            case 0x23: {
                int op = switch (f3) {
                    case 0 -> SB;
                    case 1 -> SH;
                    case 2 -> SW;
                    case 3 -> SD;
                    default -> ILLEGAL;
                };
                return op == ILLEGAL ? illegal(len, raw) : nd(op, b, sImm(b), len, raw);
            }
            case 0x13:
                return opImm(b, f3, len, raw);
            case 0x1b:
                return opImm32(b, f3, f7, len, raw);
            case 0x33:
                return op(b, f3, f7, len, raw);
            case 0x3b:
                return op32(b, f3, f7, len, raw);
            case 0x0f:
                if (f3 == 0) {
                    return nd(FENCE, b, 0, len, raw);
                }
                return f3 == 1 ? nd(FENCE_I, b, 0, len, raw) : illegal(len, raw);
            case 0x73:
                return system(b, f3, f7, len, raw);
            case 0x2f:
                return atomic(b, f3, len, raw);
            case 0x07:
                if (f3 == 2) {
                    return nd(FLW, b, iImm(b), len, raw);
                }
                return f3 == 3 ? nd(FLD, b, iImm(b), len, raw) : illegal(len, raw);
            case 0x27:
                if (f3 == 2) {
                    return nd(FSW, b, sImm(b), len, raw);
                }
                return f3 == 3 ? nd(FSD, b, sImm(b), len, raw) : illegal(len, raw);
            case 0x43:
                return fused(b, FMADD_S, FMADD_D, len, raw);
            case 0x47:
                return fused(b, FMSUB_S, FMSUB_D, len, raw);
            case 0x4b:
                return fused(b, FNMSUB_S, FNMSUB_D, len, raw);
            case 0x4f:
                return fused(b, FNMADD_S, FNMADD_D, len, raw);
            case 0x53:
                return opFp(b, f3, f7, len, raw);
            default:
                return illegal(len, raw);
        }
    }

    private static Instruction opImm(int b, int f3, int len, int raw) {
        long imm = iImm(b);
        switch (f3) {
            case 0:
                return xd(ADDI, b, imm, len, raw);
            case 1:
                return (b >>> 26) == 0 ? xd(SLLI, b, imm & 63, len, raw) : illegal(len, raw);
            case 2:
                return xd(SLTI, b, imm, len, raw);
            case 3:
                return xd(SLTIU, b, imm, len, raw);
            case 4:
                return xd(XORI, b, imm, len, raw);
            case 5:
                if ((b >>> 26) == 0) {
                    return xd(SRLI, b, imm & 63, len, raw);
                }
                return (b >>> 26) == 0x10 ? xd(SRAI, b, imm & 63, len, raw) : illegal(len, raw);
            case 6:
                return xd(ORI, b, imm, len, raw);
            default:
                return xd(ANDI, b, imm, len, raw);
        }
    }

    private static Instruction opImm32(int b, int f3, int f7, int len, int raw) {
        long imm = iImm(b);
        switch (f3) {
            case 0:
                return xd(ADDIW, b, imm, len, raw);
            case 1:
                return f7 == 0 ? xd(SLLIW, b, imm & 31, len, raw) : illegal(len, raw);
            case 5:
                if (f7 == 0) {
                    return xd(SRLIW, b, imm & 31, len, raw);
                }
                return f7 == 0x20 ? xd(SRAIW, b, imm & 31, len, raw) : illegal(len, raw);
            default:
                return illegal(len, raw);
        }
    }

    private static Instruction op(int b, int f3, int f7, int len, int raw) {
        int op = ILLEGAL;
        if (f7 == 0) {
            op = switch (f3) {
                case 0 -> ADD;
                case 1 -> SLL;
                case 2 -> SLT;
                case 3 -> SLTU;
                case 4 -> XOR;
                case 5 -> SRL;
                case 6 -> OR;
                default -> AND;
            };
        } else if (f7 == 0x20) {
            op = f3 == 0 ? SUB : f3 == 5 ? SRA : ILLEGAL;
        } else if (f7 == 1) {
            op = switch (f3) {
                case 0 -> MUL;
                case 1 -> MULH;
                case 2 -> MULHSU;
                case 3 -> MULHU;
                case 4 -> DIV;
                case 5 -> DIVU;
                case 6 -> REM;
                default -> REMU;
            };
        }
        return op == ILLEGAL ? illegal(len, raw) : xd(op, b, 0, len, raw);
    }

    private static Instruction op32(int b, int f3, int f7, int len, int raw) {
        int op = ILLEGAL;
        if (f7 == 0) {
            op = f3 == 0 ? ADDW : f3 == 1 ? SLLW : f3 == 5 ? SRLW : ILLEGAL;
        } else if (f7 == 0x20) {
            op = f3 == 0 ? SUBW : f3 == 5 ? SRAW : ILLEGAL;
        } else if (f7 == 1) {
            op = switch (f3) {
                case 0 -> MULW;
                case 4 -> DIVW;
                case 5 -> DIVUW;
                case 6 -> REMW;
                case 7 -> REMUW;
                default -> ILLEGAL;
            };
        }
        return op == ILLEGAL ? illegal(len, raw) : xd(op, b, 0, len, raw);
    }

    private static Instruction system(int b, int f3, int f7, int len, int raw) {
        long csr = (b >>> 20) & 0xfff;
        switch (f3) {
            case 0:
                if (b == 0x00000073) {
                    return nd(ECALL, b, 0, len, raw);
                }
                if (b == 0x00100073) {
                    return nd(EBREAK, b, 0, len, raw);
                }
                if (b == 0x30200073) {
                    return nd(MRET, b, 0, len, raw);
                }
                if (b == 0x10200073) {
                    return nd(SRET, b, 0, len, raw);
                }
                if (b == 0x10500073) {
                    return nd(WFI, b, 0, len, raw);
                }
                if (f7 == 0x09 && rd(b) == 0) {
                    return nd(SFENCE_VMA, b, 0, len, raw);
                }
                return illegal(len, raw);
            case 1:
                return xd(CSRRW, b, csr, len, raw);
            case 2:
                return xd(CSRRS, b, csr, len, raw);
            case 3:
                return xd(CSRRC, b, csr, len, raw);
            case 5:
                return xd(CSRRWI, b, csr, len, raw);
            case 6:
                return xd(CSRRSI, b, csr, len, raw);
            case 7:
                return xd(CSRRCI, b, csr, len, raw);
            default:
                return illegal(len, raw);
        }
    }

    private static Instruction atomic(int b, int f3, int len, int raw) {
        if (f3 != 2 && f3 != 3) {
            return illegal(len, raw);
        }
        boolean d = f3 == 3;
        int funct5 = b >>> 27;
        int op = switch (funct5) {
            case 0x02 -> rs2(b) == 0 ? (d ? LR_D : LR_W) : ILLEGAL;
            case 0x03 -> d ? SC_D : SC_W;
            case 0x01 -> d ? AMOSWAP_D : AMOSWAP_W;
            case 0x00 -> d ? AMOADD_D : AMOADD_W;
            case 0x04 -> d ? AMOXOR_D : AMOXOR_W;
            case 0x0c -> d ? AMOAND_D : AMOAND_W;
            case 0x08 -> d ? AMOOR_D : AMOOR_W;
            case 0x10 -> d ? AMOMIN_D : AMOMIN_W;
            case 0x14 -> d ? AMOMAX_D : AMOMAX_W;
            case 0x18 -> d ? AMOMINU_D : AMOMINU_W;
            case 0x1c -> d ? AMOMAXU_D : AMOMAXU_W;
            default -> ILLEGAL;
        };
        return op == ILLEGAL ? illegal(len, raw) : xd(op, b, 0, len, raw);
    }

    private static Instruction fused(int b, int single, int dbl, int len, int raw) {
        int fmt = (b >>> 25) & 3;
        if (fmt > 1) {
            return illegal(len, raw);
        }
        return nd(fmt == 0 ? single : dbl, b, 0, len, raw);
    }

    private static Instruction opFp(int b, int f3, int f7, int len, int raw) {
        int fmt = f7 & 3;
        if (fmt > 1) {
            return illegal(len, raw);
        }
        boolean d = fmt == 1;
        int rs2 = rs2(b);
        switch (f7 >>> 2) {
            case 0x00:
                return nd(d ? FADD_D : FADD_S, b, 0, len, raw);
            case 0x01:
                return nd(d ? FSUB_D : FSUB_S, b, 0, len, raw);
            case 0x02:
                return nd(d ? FMUL_D : FMUL_S, b, 0, len, raw);
            case 0x03:
                return nd(d ? FDIV_D : FDIV_S, b, 0, len, raw);
            case 0x0b:
                return rs2 == 0 ? nd(d ? FSQRT_D : FSQRT_S, b, 0, len, raw) : illegal(len, raw);
            case 0x04:
                return switch (f3) {
                    case 0 -> nd(d ? FSGNJ_D : FSGNJ_S, b, 0, len, raw);
                    case 1 -> nd(d ? FSGNJN_D : FSGNJN_S, b, 0, len, raw);
                    case 2 -> nd(d ? FSGNJX_D : FSGNJX_S, b, 0, len, raw);
                    default -> illegal(len, raw);
                };
            case 0x05:
                return switch (f3) {
                    case 0 -> nd(d ? FMIN_D : FMIN_S, b, 0, len, raw);
                    case 1 -> nd(d ? FMAX_D : FMAX_S, b, 0, len, raw);
                    default -> illegal(len, raw);
                };
            case 0x08: // FCVT.S.D (fmt S, rs2 = 1) and FCVT.D.S (fmt D, rs2 = 0)
                if (!d && rs2 == 1) {
                    return nd(FCVT_S_D, b, 0, len, raw);
                }
                return d && rs2 == 0 ? nd(FCVT_D_S, b, 0, len, raw) : illegal(len, raw);
            case 0x14:
                return switch (f3) {
                    case 0 -> xd(d ? FLE_D : FLE_S, b, 0, len, raw);
                    case 1 -> xd(d ? FLT_D : FLT_S, b, 0, len, raw);
                    case 2 -> xd(d ? FEQ_D : FEQ_S, b, 0, len, raw);
                    default -> illegal(len, raw);
                };
            case 0x18:
                return switch (rs2) {
                    case 0 -> xd(d ? FCVT_W_D : FCVT_W_S, b, 0, len, raw);
                    case 1 -> xd(d ? FCVT_WU_D : FCVT_WU_S, b, 0, len, raw);
                    case 2 -> xd(d ? FCVT_L_D : FCVT_L_S, b, 0, len, raw);
                    case 3 -> xd(d ? FCVT_LU_D : FCVT_LU_S, b, 0, len, raw);
                    default -> illegal(len, raw);
                };
            case 0x1a:
                return switch (rs2) {
                    case 0 -> nd(d ? FCVT_D_W : FCVT_S_W, b, 0, len, raw);
                    case 1 -> nd(d ? FCVT_D_WU : FCVT_S_WU, b, 0, len, raw);
                    case 2 -> nd(d ? FCVT_D_L : FCVT_S_L, b, 0, len, raw);
                    case 3 -> nd(d ? FCVT_D_LU : FCVT_S_LU, b, 0, len, raw);
                    default -> illegal(len, raw);
                };
            case 0x1c:
                if (rs2 != 0) {
                    return illegal(len, raw);
                }
                return switch (f3) {
                    case 0 -> xd(d ? FMV_X_D : FMV_X_W, b, 0, len, raw);
                    case 1 -> xd(d ? FCLASS_D : FCLASS_S, b, 0, len, raw);
                    default -> illegal(len, raw);
                };
            case 0x1e:
                return rs2 == 0 && f3 == 0 ? nd(d ? FMV_D_X : FMV_W_X, b, 0, len, raw) : illegal(len, raw);
            default:
                return illegal(len, raw);
        }
    }
}
