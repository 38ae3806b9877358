/**
 * A GDB Remote Serial Protocol server over the debug API (GDB manual, appendix "Remote
 * Protocol"). Two layers: packets ({@link dev.rivet.emulator.gdb.PacketCodec},
 * {@link dev.rivet.emulator.gdb.PacketReader}, {@link dev.rivet.emulator.gdb.RspConnection}:
 * framing, checksums, escaping, run-length encoding, acknowledgments, interrupts) and commands
 * ({@code GdbSession}, {@code TargetDescription}, {@code MonitorCommands}, {@code StopReplies}).
 * {@link dev.rivet.emulator.gdb.GdbServer} listens on 127.0.0.1 unless given another address;
 * {@link dev.rivet.emulator.gdb.GdbMachineRunner} is the command line's {@code -s}/{@code -S}.
 */
package dev.rivet.emulator.gdb;
