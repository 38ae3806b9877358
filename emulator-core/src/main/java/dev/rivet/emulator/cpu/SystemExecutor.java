package dev.rivet.emulator.cpu;

import static dev.rivet.emulator.cpu.decode.Opcode.*;

import dev.rivet.emulator.cpu.csr.CsrFile;
import dev.rivet.emulator.cpu.csr.Mstatus;
import dev.rivet.emulator.cpu.decode.DecodeCache;
import dev.rivet.emulator.cpu.decode.Instruction;
import dev.rivet.emulator.cpu.mmu.Mmu;
import dev.rivet.emulator.cpu.trap.TrapCause;
import dev.rivet.emulator.cpu.trap.TrapException;
import dev.rivet.emulator.cpu.trap.TrapUnit;

/**
 * Executes the system instructions: Zicsr (unprivileged spec, chapter 9), ECALL/EBREAK, MRET/SRET,
 * WFI, SFENCE.VMA (privileged spec, section 3.3), FENCE and FENCE.I, and raises the
 * illegal-instruction exception for undecodable encodings (with the instruction bits as
 * {@code xtval}, as QEMU 7.2 does; EBREAK's {@code xtval} is 0 as in QEMU 7.2).
 */
final class SystemExecutor {

    private final HartState s;
    private final CsrFile csrs;
    private final TrapUnit traps;
    private final Mmu mmu;
    private final DecodeCache decodeCache;
    /** Set by WFI: the hart waits for an interrupt. */
    boolean waiting;

    SystemExecutor(HartState state, CsrFile csrs, TrapUnit traps, Mmu mmu, DecodeCache decodeCache) {
        this.s = state;
        this.csrs = csrs;
        this.traps = traps;
        this.mmu = mmu;
        this.decodeCache = decodeCache;
    }

    void execute(Instruction in) {
        switch (in.op) {
            case FENCE -> s.pc += in.length;
            case FENCE_I -> {
                decodeCache.flushAll();
                s.pc += in.length;
            }
            case ECALL -> throw new TrapException(TrapCause.ECALL_FROM_U + s.priv, 0);
            case EBREAK -> throw new TrapException(TrapCause.BREAKPOINT, 0);
            case MRET -> {
                if (s.priv != 3) {
                    throw illegal(in);
                }
                traps.mret();
            }
            case SRET -> {
                if (s.priv == 0 || (s.priv == 1 && (s.mstatus & Mstatus.TSR) != 0)) {
                    throw illegal(in);
                }
                traps.sret();
            }
            case WFI -> {
                if (s.priv == 0 || (s.priv == 1 && (s.mstatus & Mstatus.TW) != 0)) {
                    throw illegal(in);
                }
                s.pc += in.length;
                if (!traps.wakeUpPending()) {
                    waiting = true;
                }
            }
            case SFENCE_VMA -> {
                if (s.priv == 0 || (s.priv == 1 && (s.mstatus & Mstatus.TVM) != 0)) {
                    throw illegal(in);
                }
                mmu.flush();
                s.pc += in.length;
            }
            case CSRRW, CSRRS, CSRRC, CSRRWI, CSRRSI, CSRRCI -> csr(in);
            default -> throw illegal(in);
        }
    }

    private void csr(Instruction in) {
        int csr = (int) in.imm;
        boolean immediate = in.op >= CSRRWI;
        long operand = immediate ? in.rs1 : s.x[in.rs1];
        int kind = immediate ? in.op - CSRRWI : in.op - CSRRW; // 0 write, 1 set, 2 clear
        boolean writes = kind == 0 || in.rs1 != 0;
        boolean reads = kind != 0 || in.rawRd != 0;
        if (!csrs.accessAllowed(csr, writes)) {
            throw illegal(in);
        }
        long old = reads ? csrs.read(csr) : 0;
        if (writes) {
            long value = switch (kind) {
                case 0 -> operand;
                case 1 -> csrs.readForModify(csr) | operand;
                default -> csrs.readForModify(csr) & ~operand;
            };
            csrs.write(csr, value);
        }
        s.x[in.rd] = old;
        s.pc += in.length;
    }

    static TrapException illegal(Instruction in) {
        return new TrapException(TrapCause.ILLEGAL_INSTRUCTION, in.bits & 0xffff_ffffL);
    }
}
