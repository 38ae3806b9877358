package dev.rivet.emulator.cpu.csr;

import dev.rivet.emulator.cpu.HartState;

import java.util.Arrays;

/**
 * The programmable hardware performance monitor of one hart (RISC-V privileged spec, section
 * 3.1.10 "Hardware Performance Monitor", and 3.1.12 {@code mcountinhibit}) as QEMU 7.2's virt hart
 * has it with its default {@code pmu-num=16} and without Sscofpmf:
 * <ul>
 * <li>{@code mhpmcounter3..18} exist and keep the value written to them; {@code mhpmcounter19..31}
 * and their {@code hpmcounter} shadows do not exist (an access is an illegal instruction, also in
 * M-mode: QEMU's {@code mctr}/{@code ctr} predicates and {@code pmu_avail_ctrs}).</li>
 * <li>{@code mhpmevent3..31} all exist and keep every bit written.</li>
 * <li>A counter counts only while an event it can count is programmed on it: QEMU maps each SBI
 * event code (the low 20 bits of {@code mhpmevent}) to the first counter it is written to
 * ({@code riscv_pmu_update_event_map}); a later write of the same event elsewhere does not move
 * it, and writing 0 to {@code mhpmeventN} drops the events mapped to counter N. Of the events
 * QEMU 7.2 accepts, CPU cycles (1) and instructions (2) make the counter count retired
 * instructions here, as Rivet's {@code mcycle} does (QEMU counts host ticks for both, which no
 * guest can rely on); the TLB-miss events (0x10019, 0x1001b, 0x10021) count QEMU's own softmmu
 * refills, which have no architectural meaning, so here such a counter keeps its value.</li>
 * <li>A set {@code mcountinhibit} bit stops the counter (section 3.1.12).</li>
 * </ul>
 * Reads and writes cost nothing per instruction: a counting counter is computed from the hart's
 * retired-instruction count when read.
 */
public final class PerformanceMonitor {

    /** Index of the first programmable counter ({@code mhpmcounter3}). */
    public static final int FIRST_COUNTER = 3;
    /** Number of programmable counters: QEMU 7.2's {@code pmu-num} default. */
    public static final int COUNTERS = 16;
    /** Index of the last programmable counter ({@code mhpmcounter18}). */
    public static final int LAST_COUNTER = FIRST_COUNTER + COUNTERS - 1;
    /** The event-code field of {@code mhpmevent} (QEMU's {@code MHPMEVENT_IDX_MASK}). */
    static final long EVENT_CODE_MASK = 0xfffffL;
    /** SBI PMU hardware event codes (SBI spec, chapter "Performance Monitoring Unit"). */
    static final long EVENT_CPU_CYCLES = 1;
    static final long EVENT_INSTRUCTIONS = 2;
    private static final long EVENT_DTLB_READ_MISS = 0x10019;
    private static final long EVENT_DTLB_WRITE_MISS = 0x1001b;
    private static final long EVENT_ITLB_PREFETCH_MISS = 0x10021;
    /** Events QEMU 7.2 maps onto a counter; any other code leaves the map alone. */
    private static final long[] MAPPABLE = {EVENT_CPU_CYCLES, EVENT_INSTRUCTIONS, EVENT_DTLB_READ_MISS,
        EVENT_DTLB_WRITE_MISS, EVENT_ITLB_PREFETCH_MISS};

    private final HartState s;
    /** Counter value as of {@link #since} (indexed by counter number, 0..31). */
    private final long[] value = new long[32];
    /** The retired-instruction count at which {@link #value} was taken. */
    private final long[] since = new long[32];
    /** {@code mhpmevent} registers (indexed by counter number). */
    private final long[] events = new long[32];
    /** The counter each event of {@link #MAPPABLE} is mapped to, 0 for none. */
    private final int[] mappedCounter = new int[MAPPABLE.length];

    public PerformanceMonitor(HartState state) {
        this.s = state;
    }

    /** Reset: counters, events and the event map cleared. */
    public void reset() {
        Arrays.fill(value, 0);
        Arrays.fill(since, 0);
        Arrays.fill(events, 0);
        Arrays.fill(mappedCounter, 0);
    }

    /** Whether {@code mhpmcounterN} (and {@code hpmcounterN}) exists. */
    public static boolean hasCounter(int n) {
        return n >= FIRST_COUNTER && n <= LAST_COUNTER;
    }

    /** The value of {@code mhpmcounterN}, {@code n} in 3..18. */
    public long counter(int n) {
        return counting(n) ? value[n] + (s.instret - since[n]) : value[n];
    }

    /** Writes {@code mhpmcounterN}, {@code n} in 3..18: it counts on from {@code v}. */
    public void setCounter(int n, long v) {
        value[n] = v;
        since[n] = s.instret;
    }

    /** The value of {@code mhpmeventN}, {@code n} in 3..31. */
    public long event(int n) {
        return events[n];
    }

    /** Writes {@code mhpmeventN}, {@code n} in 3..31, and updates the event map as QEMU 7.2 does. */
    public void setEvent(int n, long v) {
        settle();
        events[n] = v;
        if (!hasCounter(n)) {
            return;
        }
        if (v == 0) {
            for (int i = 0; i < mappedCounter.length; i++) {
                if (mappedCounter[i] == n) {
                    mappedCounter[i] = 0;
                }
            }
            return;
        }
        long code = v & EVENT_CODE_MASK;
        for (int i = 0; i < MAPPABLE.length; i++) {
            if (MAPPABLE[i] == code && mappedCounter[i] == 0) {
                mappedCounter[i] = n;
            }
        }
    }

    /**
     * Call before {@code mcountinhibit} changes: folds what every counter has counted so far into
     * its value, so that the change applies from now on.
     */
    public void settle() {
        for (int n = FIRST_COUNTER; n <= LAST_COUNTER; n++) {
            value[n] = counter(n);
            since[n] = s.instret;
        }
    }

    private boolean counting(int n) {
        return (mappedCounter[0] == n || mappedCounter[1] == n) && (s.mcountinhibit & (1L << n)) == 0;
    }
}
