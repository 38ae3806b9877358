/**
 * The debug API of a machine, the one the IDE and the GDB stub use: {@link
 * dev.rivet.emulator.debug.DebugController} (halt, resume and step per hart, run to an address,
 * breakpoints, watchpoints, stops on chosen trap causes, registers, CSRs, side-effect-free memory
 * by physical address or through a given {@code satp}, the bounded {@link
 * dev.rivet.emulator.debug.TrapLog}), driving a {@link dev.rivet.emulator.debug.DebugTarget}
 * such as {@link dev.rivet.emulator.debug.VirtMachineTarget}. Commands from any thread run on the
 * machine's thread between slices.
 */
package dev.rivet.emulator.debug;
