/**
 * RV64GC harts (RV64IMAFDC, Zicsr, Zifencei, Zicntr; M, S and U modes) modelled on QEMU 7.2's
 * {@code -cpu rv64,h=false,sstc=false,zba=false,zbb=false,zbc=false,zbs=false}.
 *
 * <p>Public API for the machine and the debugger: {@link dev.rivet.emulator.cpu.Hart} (construct
 * with a {@link dev.rivet.emulator.bus.PhysicalBus} and a {@link dev.rivet.emulator.time.MachineClock},
 * {@code reset(pc)}, {@code run(maxInstructions)} in bounded slices, {@code isWaitingForInterrupt()},
 * interrupt pins, register/CSR access, breakpoints, a {@link dev.rivet.emulator.cpu.trap.TrapObserver}),
 * {@link dev.rivet.emulator.cpu.PrivilegeMode} and {@link dev.rivet.emulator.cpu.StopReason}.
 *
 * <p>Inside: {@code decode} (decoder with named immediate fields, compressed expansion, a
 * decode cache keyed by physical address), {@code csr} (CSR file and WARL rules), {@code trap}
 * (priorities, delegation, trap entry and return), {@code mmu} (Sv39/Sv48/Sv57 walker with A/D
 * update, TLB), {@code pmp} (16 entries), {@code fpu} (IEEE 754 arithmetic, exact in all rounding
 * modes). The per-page decode cache is where translated hot blocks (JVM bytecode) can later live:
 * the run loop dispatches on decoded {@link dev.rivet.emulator.cpu.decode.Instruction}s fetched
 * through it and is invalidated by the same events (FENCE.I, stores into cached pages).
 *
 * <p>Known, deliberate differences from QEMU 7.2 (found by the differential test): {@code mepc}
 * and {@code sepc} read with bit 0 clear (the spec; QEMU keeps bit 0), {@code pmpaddr} keeps bits
 * 53:0 (the spec; QEMU keeps 64 bits), an {@code mhpmcounter} programmed with the cycles or
 * instructions event counts retired instructions (QEMU counts host ticks). Not implemented: the debug-trigger CSRs
 * ({@code tselect}/{@code tdata*}, which QEMU 7.2 has), Zicbom/Zicboz instructions, Sstc, H.
 */
package dev.rivet.emulator.cpu;
