package dev.rivet.emulator.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rivet.emulator.cpu.Hart;
import dev.rivet.emulator.loader.BootLoader;
import dev.rivet.emulator.loader.FirmwareChoice;
import dev.rivet.emulator.testing.GuestPrograms;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two harts contending with LR/SC and exchanging IPIs run the same way every time: the round
 * robin of bounded slices and the instruction-count clock make the whole run repeat, down to
 * each hart's retired-instruction count and the final mtime.
 */
class DeterministicInterleavingTest {

    @TempDir
    Path dir;

    record Trace(RunOutcome outcome, String console, List<Long> retired, long mtime) {
    }

    private Trace run(Path elf) throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        VirtMachine.Config config = new VirtMachine.Config(128L << 20, 2, new BootLoader.Request(
                new FirmwareChoice.None(), Optional.of(elf), Optional.empty(), Optional.empty(), ""), List.of(), true);
        try (VirtMachine m = VirtMachine.create(config, Rv64Harts.factory(), console, () -> 0L)) {
            RunOutcome outcome = m.run(200_000_000L);
            List<Long> retired = new ArrayList<>();
            for (MachineHart h : m.harts()) {
                Hart hart = ((Rv64Harts.Adapter) h).hart();
                retired.add(hart.instructionsRetired());
            }
            return new Trace(outcome, console.toString(), retired, m.bus().peek(0x200bff8L, 8));
        }
    }

    @Test
    void twoRunsOfAnSmpProgramAreIdentical() throws Exception {
        Path elf = GuestPrograms.build(dir, "ipi");
        Trace first = run(elf);
        assertEquals(new RunOutcome.Exited(0), first.outcome(), first.console());
        assertEquals("counter ok\nipi ok\n", first.console());
        assertEquals(first, run(elf));
    }
}
