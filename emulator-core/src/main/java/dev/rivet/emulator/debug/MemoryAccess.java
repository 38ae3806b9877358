package dev.rivet.emulator.debug;

import static dev.rivet.emulator.cpu.decode.Opcode.*;

import dev.rivet.emulator.cpu.decode.Instruction;
import java.util.Optional;

/**
 * The data access an instruction is about to make, worked out from its decoded form and the
 * register values before it runs (unprivileged spec: loads and stores, section 2.6; "A"
 * extension, chapter 8; F/D loads and stores, sections 11.5 and 12.3). Used for watchpoints.
 *
 * @param address the effective virtual address
 * @param size    bytes accessed
 * @param read    whether the instruction reads memory
 * @param write   whether the instruction writes memory (SC counts as a write even if it fails)
 */
public record MemoryAccess(long address, int size, boolean read, boolean write) {

    /** The access of {@code in}, given {@code rs1Value} (the value of its {@code rs1}); empty if it makes none. */
    public static Optional<MemoryAccess> of(Instruction in, long rs1Value) {
        long ea = rs1Value + in.imm;
        int op = in.op;
        return switch (op) {
            case LB, LBU -> Optional.of(new MemoryAccess(ea, 1, true, false));
            case LH, LHU -> Optional.of(new MemoryAccess(ea, 2, true, false));
            case LW, LWU, FLW -> Optional.of(new MemoryAccess(ea, 4, true, false));
            case LD, FLD -> Optional.of(new MemoryAccess(ea, 8, true, false));
            case SB -> Optional.of(new MemoryAccess(ea, 1, false, true));
            case SH -> Optional.of(new MemoryAccess(ea, 2, false, true));
            case SW, FSW -> Optional.of(new MemoryAccess(ea, 4, false, true));
            case SD, FSD -> Optional.of(new MemoryAccess(ea, 8, false, true));
            case LR_W -> Optional.of(new MemoryAccess(rs1Value, 4, true, false));
            case LR_D -> Optional.of(new MemoryAccess(rs1Value, 8, true, false));
            case SC_W -> Optional.of(new MemoryAccess(rs1Value, 4, false, true));
            case SC_D -> Optional.of(new MemoryAccess(rs1Value, 8, false, true));
            default -> {
                if (op >= AMOSWAP_W && op <= AMOMAXU_W) {
                    yield Optional.of(new MemoryAccess(rs1Value, 4, true, true));
                }
                if (op >= AMOSWAP_D && op <= AMOMAXU_D) {
                    yield Optional.of(new MemoryAccess(rs1Value, 8, true, true));
                }
                yield Optional.empty();
            }
        };
    }
}
