package dev.rivet.emulator.cpu.jit;

import dev.rivet.emulator.cpu.decode.Instruction;

/**
 * Executes one decoded instruction the way the hart's interpreter does: reads and writes the
 * {@link dev.rivet.emulator.cpu.HartState}, advances {@code pc}, and throws
 * {@link dev.rivet.emulator.cpu.trap.TrapException} for a synchronous exception. Translated blocks
 * hand it the instructions they do not translate themselves (floating point and atomics).
 */
@FunctionalInterface
public interface InstructionExecutor {

    void execute(Instruction in);
}
