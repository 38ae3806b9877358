package dev.rivet.emulator.devices.uart;

import dev.rivet.emulator.bus.AccessWidths;
import dev.rivet.emulator.bus.BusErrorException;
import dev.rivet.emulator.bus.MemoryMappedDevice;
import dev.rivet.emulator.irq.InterruptLine;
import dev.rivet.emulator.time.MachineClock;
import java.util.ArrayDeque;
import java.util.function.IntConsumer;

/**
 * An NS16550A UART as QEMU 7.2's {@code virt} machine maps it: eight byte-wide registers at
 * offsets 0..7 (register shift 0), the rest of the 0x100-byte slot unmapped (access faults),
 * interrupt on a {@link InterruptLine}. Register semantics are QEMU 7.2's {@code hw/char/serial.c}
 * (the TI/National PC16550D data sheet where QEMU follows it), checked against QEMU by the guest
 * program {@code uart_regs.c}:
 * <ul>
 * <li>0 RBR (read) / THR (write) / DLL (DLAB=1); 1 IER / DLM (DLAB=1); 2 IIR (read) / FCR (write);
 * 3 LCR; 4 MCR (reset value 0x08, OUT2, as QEMU's); 5 LSR; 6 MSR; 7 SCR;</li>
 * <li>without the FIFO a received byte replaces RBR (the overrun flag says one was lost); with it,
 * a 16-byte receive FIFO that keeps its contents on overrun, trigger levels 1/4/8/14 (FCR bits
 * 7:6);</li>
 * <li>the character timeout: four character times (from the divisor latch and LCR, against
 * QEMU's 399193 Hz clock) after a byte arrives or is read with bytes left, on the machine's
 * clock, an unread FIFO raises 0x0c until RBR is read;</li>
 * <li>transmitted bytes leave at once, so THR and the transmitter are always empty after a
 * write; the THR-empty interrupt (0x02) is set by enabling IER bit 1, by a byte leaving and by
 * FCR bit 2 (or a change of FCR bit 0), cleared by disabling it, by writing THR, or by reading
 * IIR while it is the reported source;</li>
 * <li>interrupt identification by priority: receiver line status (0x06, overrun, cleared by
 * reading LSR), character timeout (0x0c), received data available (0x04), THR empty (0x02),
 * modem status (0x00);</li>
 * <li>MSR: outside loopback CTS, DSR and DCD, as QEMU reports a console that is not a serial
 * port; in loopback (MCR bit 4) transmitted bytes are received and MSR mirrors MCR's outputs.
 * QEMU 7.2 sets no delta bits in either case (it polls modem lines only on a host serial port,
 * and never in loopback), so the modem-status interrupt never fires; nor does it here.</li>
 * </ul>
 * Host input is offered byte by byte through {@link #canReceive()} and {@link #receive(int)};
 * like QEMU's {@code serial_can_receive}, the FIFO takes host bytes only up to its trigger level,
 * and after the guest reads RBR the host side is asked for more ({@code acceptInput}, QEMU's
 * {@code qemu_chr_fe_accept_input}), so a driver draining the FIFO sees a burst whole.
 *
 * <p>Wider accesses at offsets 0..7 read or write the addressed register with the low byte (QEMU
 * 7.2's {@code serial_mm_ops}: valid and implemented up to 8 bytes, one register each); the
 * registers are one byte wide ({@link #registerWidths}), so a debugger's 8-byte read shows all
 * eight.
 */
public final class Uart16550 implements MemoryMappedDevice {

    /** Depth of the receive FIFO. */
    public static final int FIFO_DEPTH = 16;
    /** The UART's input clock in QEMU's {@code virt} ({@code serial_mm_init(..., 399193, ...)}). */
    static final int BAUD_BASE = 399193;
    /** QEMU's character time at reset: 9600 baud, 10-bit frames, whatever the divisor says. */
    static final long RESET_CHARACTER_NANOS = (1_000_000_000L / 9600) * 10;
    private static final long NANOS_PER_TICK = 1_000_000_000L / MachineClock.FREQUENCY_HZ;

    static final int IER_RDI = 0x01;
    static final int IER_THRI = 0x02;
    static final int IER_RLSI = 0x04;
    static final int IER_MSI = 0x08;

    static final int LSR_DR = 0x01;
    static final int LSR_OE = 0x02;
    static final int LSR_BI = 0x10;
    static final int LSR_THRE = 0x20;
    static final int LSR_TEMT = 0x40;
    /** The LSR bits that raise the receiver-line-status interrupt (QEMU's UART_LSR_INT_ANY). */
    static final int LSR_INT_ANY = 0x1e;

    static final int IIR_NONE = 0x01;
    static final int IIR_MSI = 0x00;
    static final int IIR_THRI = 0x02;
    static final int IIR_RDI = 0x04;
    static final int IIR_RLSI = 0x06;
    static final int IIR_CTI = 0x0c;
    static final int IIR_FIFO_ENABLED = 0xc0;

    static final int FCR_FE = 0x01;
    static final int FCR_RFR = 0x02;
    static final int FCR_XFR = 0x04;

    static final int MCR_OUT2 = 0x08;
    static final int MCR_LOOP = 0x10;
    /** MSR without loopback: CTS, DSR and DCD asserted, as QEMU reports a connected terminal. */
    static final int MSR_CONNECTED = 0xb0;

    private static final int[] TRIGGER_LEVELS = {1, 4, 8, 14};

    private final MachineClock clock;
    private final IntConsumer output;
    private final InterruptLine irq;
    private final Runnable acceptInput;
    private final ArrayDeque<Integer> rxFifo = new ArrayDeque<>();

    private int rbr;
    private int ier;
    private int lcr;
    private int mcr = MCR_OUT2;
    private int fcr;
    private int scr;
    private int divider = 0x0c;
    private int lsr = LSR_THRE | LSR_TEMT;
    private long characterNanos = RESET_CHARACTER_NANOS;
    /** When the character timeout expires, in clock ticks; negative when it is not armed. */
    private long timeoutDeadline = -1;
    private boolean timeoutPending;
    private boolean thrInterruptPending;
    private boolean irqLevel;

    /**
     * @param clock       the machine's time base, for the character timeout
     * @param output      receives every byte the guest transmits (not in loopback mode)
     * @param irq         the interrupt line to the PLIC
     * @param acceptInput called after the guest read RBR (outside loopback): the host side may
     *                    {@link #receive} what waits for room; may do nothing
     */
    public Uart16550(MachineClock clock, IntConsumer output, InterruptLine irq, Runnable acceptInput) {
        this.clock = clock;
        this.output = output;
        this.irq = irq;
        this.acceptInput = acceptInput;
    }

    /**
     * Whether the UART takes another byte from the host: without the FIFO while RBR is empty, with
     * it while the FIFO holds fewer bytes than the trigger level (or more, but is not full), as
     * QEMU's {@code serial_can_receive}.
     */
    public boolean canReceive() {
        if (fifoEnabled()) {
            int n = rxFifo.size();
            return n < FIFO_DEPTH && n != triggerLevel();
        }
        return (lsr & LSR_DR) == 0;
    }

    /**
     * Delivers a byte from the host side (the terminal). Without the FIFO the byte replaces an
     * unread one; with it, a byte that finds the FIFO full is lost. Either flags an overrun, as
     * on the real part; call {@link #canReceive()} first to avoid it.
     */
    public void receive(int b) {
        expireTimeout();
        int v = b & 0xff;
        if (fifoEnabled()) {
            if (rxFifo.size() < FIFO_DEPTH) {
                rxFifo.addLast(v);
            } else {
                lsr |= LSR_OE;
            }
            lsr |= LSR_DR;
            armTimeout();
        } else {
            if ((lsr & LSR_DR) != 0) {
                lsr |= LSR_OE;
            }
            rbr = v;
            lsr |= LSR_DR;
        }
        updateIrq();
    }

    /**
     * Lets the character timeout expire if its time has come; the machine calls it between
     * execution slices, as QEMU's timer would fire.
     */
    public void update() {
        expireTimeout();
        updateIrq();
    }

    /** Clock ticks until the character timeout expires, {@link Long#MAX_VALUE} when none is armed. */
    public long ticksUntilTimeout() {
        if (timeoutDeadline < 0) {
            return Long.MAX_VALUE;
        }
        return Math.max(0, timeoutDeadline - clock.now());
    }

    private boolean fifoEnabled() {
        return (fcr & FCR_FE) != 0;
    }

    private int triggerLevel() {
        return TRIGGER_LEVELS[(fcr >>> 6) & 3];
    }

    private boolean dlab() {
        return (lcr & 0x80) != 0;
    }

    private boolean loopback() {
        return (mcr & MCR_LOOP) != 0;
    }

    private void armTimeout() {
        timeoutDeadline = clock.now() + ceilDiv(4 * characterNanos, NANOS_PER_TICK);
    }

    /** QEMU's {@code fifo_timeout_int}: at the deadline, an unread FIFO raises the timeout. */
    private void expireTimeout() {
        if (timeoutDeadline >= 0 && clock.now() >= timeoutDeadline) {
            timeoutDeadline = -1;
            if (!rxFifo.isEmpty()) {
                timeoutPending = true;
            }
        }
    }

    /** QEMU's {@code serial_update_parameters}: the character time from LCR and the divisor. */
    private void updateCharacterTime() {
        int frame = 1 + ((lcr & 0x03) + 5) + ((lcr & 0x04) != 0 ? 2 : 1) + ((lcr & 0x08) != 0 ? 1 : 0);
        float speed = divider == 0 ? 3500 : (float) BAUD_BASE / divider; // float, as QEMU computes it
        characterNanos = (long) (1_000_000_000L / speed * frame);
    }

    @Override
    public long load(long offset, int size) {
        int reg = register(offset);
        expireTimeout();
        switch (reg) {
            case 0 -> {
                if (dlab()) {
                    return divider & 0xff;
                }
                return readRbr();
            }
            case 2 -> {
                int iir = iir();
                if ((iir & 0x06) == IIR_THRI) {
                    thrInterruptPending = false;
                    updateIrq();
                }
                return iir;
            }
            case 5 -> {
                int value = lsr;
                lsr &= ~(LSR_BI | LSR_OE);
                updateIrq();
                return value;
            }
            default -> {
                return read(reg);
            }
        }
    }

    private int readRbr() {
        int b;
        if (fifoEnabled()) {
            b = rxFifo.isEmpty() ? 0 : rxFifo.removeFirst();
            if (rxFifo.isEmpty()) {
                lsr &= ~(LSR_DR | LSR_BI);
            } else {
                armTimeout();
            }
            timeoutPending = false;
        } else {
            b = rbr;
            lsr &= ~(LSR_DR | LSR_BI);
        }
        updateIrq();
        if (!loopback()) {
            acceptInput.run();
        }
        return b;
    }

    @Override
    public long peek(long offset, int size) {
        int reg = register(offset);
        if (reg == 0 && !dlab()) {
            if (fifoEnabled()) {
                return rxFifo.isEmpty() ? 0 : rxFifo.peekFirst();
            }
            return rbr;
        }
        return read(reg);
    }

    /** Every register is one byte wide. */
    @Override
    public AccessWidths registerWidths(long offset) {
        return AccessWidths.BYTE;
    }

    private int read(int reg) {
        return switch (reg) {
            case 0 -> divider & 0xff;
            case 1 -> dlab() ? divider >>> 8 : ier;
            case 2 -> iir();
            case 3 -> lcr;
            case 4 -> mcr;
            case 5 -> lsr;
            case 6 -> msr();
            default -> scr;
        };
    }

    @Override
    public void store(long offset, int size, long value) {
        int reg = register(offset);
        int v = (int) value & 0xff;
        expireTimeout();
        switch (reg) {
            case 0 -> {
                if (dlab()) {
                    divider = (divider & 0xff00) | v;
                    updateCharacterTime();
                } else {
                    transmit(v);
                }
            }
            case 1 -> {
                if (dlab()) {
                    divider = (divider & 0x00ff) | (v << 8);
                    updateCharacterTime();
                } else {
                    int changed = (ier ^ v) & 0x0f;
                    ier = v & 0x0f;
                    if ((changed & IER_THRI) != 0) {
                        // THR is always empty here: enabling the interrupt raises it (QEMU, and
                        // Windows relies on it), disabling forgets it.
                        thrInterruptPending = (ier & IER_THRI) != 0;
                    }
                }
            }
            case 2 -> writeFcr(v);
            case 3 -> {
                lcr = v;
                updateCharacterTime();
            }
            case 4 -> mcr = v & 0x1f;
            case 5, 6 -> { } // LSR and MSR are read-only; QEMU ignores writes
            default -> scr = v;
        }
        updateIrq();
    }

    private void writeFcr(int v) {
        if (((v ^ fcr) & FCR_FE) != 0) {
            v |= FCR_XFR | FCR_RFR; // changing the FIFO enable resets both FIFOs
        }
        if ((v & FCR_RFR) != 0) {
            lsr &= ~(LSR_DR | LSR_BI);
            timeoutDeadline = -1;
            timeoutPending = false;
            rxFifo.clear();
        }
        if ((v & FCR_XFR) != 0) {
            thrInterruptPending = true; // the (always empty) transmit FIFO was reset
        }
        fcr = v & 0xc9;
    }

    private void transmit(int b) {
        thrInterruptPending = false;
        updateIrq();
        // The byte leaves at once: THR is empty again, which raises the THR-empty interrupt.
        thrInterruptPending = true;
        if (loopback()) {
            receive(b);
        } else {
            output.accept(b);
        }
    }

    private int msr() {
        if (loopback()) {
            return ((mcr & 0x0c) << 4) // OUT1 -> RI, OUT2 -> DCD
                    | ((mcr & 0x02) << 3) // RTS -> CTS
                    | ((mcr & 0x01) << 5); // DTR -> DSR
        }
        return MSR_CONNECTED;
    }

    private int iir() {
        int fifoBits = fifoEnabled() ? IIR_FIFO_ENABLED : 0;
        if ((ier & IER_RLSI) != 0 && (lsr & LSR_INT_ANY) != 0) {
            return fifoBits | IIR_RLSI;
        }
        if ((ier & IER_RDI) != 0 && timeoutPending) {
            return fifoBits | IIR_CTI;
        }
        if ((ier & IER_RDI) != 0 && (lsr & LSR_DR) != 0 && (!fifoEnabled() || rxFifo.size() >= triggerLevel())) {
            return fifoBits | IIR_RDI;
        }
        if ((ier & IER_THRI) != 0 && thrInterruptPending) {
            return fifoBits | IIR_THRI;
        }
        // IIR_MSI needs a modem-status delta, which QEMU 7.2 never sets on this machine.
        return fifoBits | IIR_NONE;
    }

    private void updateIrq() {
        boolean level = (iir() & IIR_NONE) == 0;
        if (level != irqLevel) {
            irqLevel = level;
            irq.set(level);
        }
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    private static int register(long offset) {
        if (offset < 0 || offset >= 8) {
            throw new BusErrorException(offset, "UART: nothing decoded at offset " + offset);
        }
        return (int) offset;
    }
}
