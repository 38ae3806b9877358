package dev.rivet.emulator.devices.uart;

import dev.rivet.emulator.bus.AccessWidths;
import dev.rivet.emulator.bus.BusErrorException;
import dev.rivet.emulator.bus.MemoryMappedDevice;
import dev.rivet.emulator.irq.InterruptLine;
import java.util.ArrayDeque;
import java.util.function.IntConsumer;

/**
 * An NS16550A UART as QEMU 7.2's {@code virt} machine maps it: eight byte-wide registers at
 * offsets 0..7 (register shift 0), the rest of the 0x100-byte slot unmapped (access faults),
 * interrupt on a {@link InterruptLine}. Register semantics follow the TI/National PC16550D data
 * sheet:
 * <ul>
 * <li>0 RBR (read) / THR (write) / DLL (DLAB=1); 1 IER / DLM (DLAB=1); 2 IIR (read) / FCR (write);
 * 3 LCR; 4 MCR; 5 LSR; 6 MSR; 7 SCR;</li>
 * <li>16-byte receive FIFO with trigger levels 1/4/8/14 (FCR bits 7:6); transmitted bytes leave
 * at once, so THR and the transmitter are always empty after a write;</li>
 * <li>interrupt identification by priority: receiver line status (0x06), received data
 * available (0x04), character timeout (0x0c, reported as soon as data below the trigger level
 * waits), THR empty (0x02, cleared by reading IIR or writing THR), modem status (0x00);</li>
 * <li>loopback (MCR bit 4): transmitted bytes are received, MSR mirrors MCR's outputs.</li>
 * </ul>
 * Wider accesses at offsets 0..7 read or write the addressed register with the low byte (QEMU 7.2's
 * {@code serial_mm_ops}: valid and implemented up to 8 bytes, one register each); the registers
 * are one byte wide ({@link #registerWidths}), so a debugger's 8-byte read shows all eight.
 */
public final class Uart16550 implements MemoryMappedDevice {

    /** Depth of the receive FIFO. */
    public static final int FIFO_DEPTH = 16;

    static final int IER_RDI = 0x01;
    static final int IER_THRI = 0x02;
    static final int IER_RLSI = 0x04;
    static final int IER_MSI = 0x08;

    static final int LSR_DR = 0x01;
    static final int LSR_OE = 0x02;
    static final int LSR_THRE = 0x20;
    static final int LSR_TEMT = 0x40;

    static final int IIR_NONE = 0x01;
    static final int IIR_MSI = 0x00;
    static final int IIR_THRI = 0x02;
    static final int IIR_RDI = 0x04;
    static final int IIR_RLSI = 0x06;
    static final int IIR_CTI = 0x0c;
    static final int IIR_FIFO_ENABLED = 0xc0;

    static final int MCR_LOOP = 0x10;
    /** MSR without loopback: CTS, DSR and DCD asserted, as QEMU reports a connected terminal. */
    static final int MSR_CONNECTED = 0xb0;

    private static final int[] TRIGGER_LEVELS = {1, 4, 8, 14};

    private final IntConsumer output;
    private final InterruptLine irq;
    private final ArrayDeque<Integer> rx = new ArrayDeque<>();

    private int ier;
    private int lcr;
    private int mcr;
    private int fcr;
    private int scr;
    private int dll = 0x0c;
    private int dlm;
    private int lsrErrors;
    private int msrDelta;
    private boolean thrInterruptPending;
    private boolean irqLevel;

    /**
     * @param output receives every byte the guest transmits (not in loopback mode)
     * @param irq    the interrupt line to the PLIC
     */
    public Uart16550(IntConsumer output, InterruptLine irq) {
        this.output = output;
        this.irq = irq;
    }

    /** Whether the receive FIFO has room for another byte from the host. */
    public boolean canReceive() {
        return rx.size() < (fifoEnabled() ? FIFO_DEPTH : 1);
    }

    /**
     * Delivers a byte from the host side (the terminal). When the FIFO is full the byte is lost
     * and an overrun is flagged, as on the real part; call {@link #canReceive()} first to avoid it.
     */
    public void receive(int b) {
        if (!canReceive()) {
            lsrErrors |= LSR_OE;
        } else {
            rx.addLast(b & 0xff);
        }
        updateIrq();
    }

    private boolean fifoEnabled() {
        return (fcr & 1) != 0;
    }

    private boolean dlab() {
        return (lcr & 0x80) != 0;
    }

    private boolean loopback() {
        return (mcr & MCR_LOOP) != 0;
    }

    @Override
    public long load(long offset, int size) {
        int reg = register(offset);
        switch (reg) {
            case 0 -> {
                if (dlab()) {
                    return dll;
                }
                int b = rx.isEmpty() ? 0 : rx.removeFirst();
                updateIrq();
                return b;
            }
            case 2 -> {
                int iir = iir();
                if ((iir & 0x0f) == IIR_THRI) {
                    thrInterruptPending = false;
                    updateIrq();
                }
                return iir;
            }
            case 5 -> {
                int lsr = lsr();
                lsrErrors = 0;
                updateIrq();
                return lsr;
            }
            case 6 -> {
                int msr = msr();
                msrDelta = 0;
                updateIrq();
                return msr;
            }
            default -> {
                return read(reg);
            }
        }
    }

    @Override
    public long peek(long offset, int size) {
        int reg = register(offset);
        if (reg == 0 && !dlab()) {
            return rx.isEmpty() ? 0 : rx.peekFirst();
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
            case 0 -> dll;
            case 1 -> dlab() ? dlm : ier;
            case 2 -> iir();
            case 3 -> lcr;
            case 4 -> mcr;
            case 5 -> lsr();
            case 6 -> msr();
            default -> scr;
        };
    }

    @Override
    public void store(long offset, int size, long value) {
        int reg = register(offset);
        int v = (int) value & 0xff;
        switch (reg) {
            case 0 -> {
                if (dlab()) {
                    dll = v;
                } else {
                    transmit(v);
                }
            }
            case 1 -> {
                if (dlab()) {
                    dlm = v;
                } else {
                    int old = ier;
                    ier = v & 0x0f;
                    if ((old & IER_THRI) == 0 && (ier & IER_THRI) != 0) {
                        thrInterruptPending = true; // THR is always empty here
                    }
                }
            }
            case 2 -> {
                if ((v & 0x02) != 0) {
                    rx.clear();
                }
                if (((fcr ^ v) & 1) != 0) {
                    rx.clear(); // changing the FIFO enable resets the FIFOs
                }
                fcr = v & 0xc9;
            }
            case 3 -> lcr = v;
            case 4 -> {
                int oldMsr = msr();
                mcr = v & 0x1f;
                noteMsrChange(oldMsr, msr());
            }
            case 5, 6 -> { } // LSR and MSR are read-only; QEMU ignores writes
            default -> scr = v;
        }
        updateIrq();
    }

    private void transmit(int b) {
        if (loopback()) {
            if (canReceive()) {
                rx.addLast(b);
            } else {
                lsrErrors |= LSR_OE;
            }
        } else {
            output.accept(b);
        }
        // The byte left at once: THR is empty again, which raises the THR-empty interrupt.
        thrInterruptPending = true;
    }

    private void noteMsrChange(int oldMsr, int newMsr) {
        int changed = (oldMsr ^ newMsr) & 0xf0;
        msrDelta |= (changed & 0xb0) >>> 4; // DCTS, DDSR, DDCD
        if ((oldMsr & 0x40) != 0 && (newMsr & 0x40) == 0) {
            msrDelta |= 0x04; // TERI: trailing edge of RI
        }
    }

    private int lsr() {
        return (rx.isEmpty() ? 0 : LSR_DR) | lsrErrors | LSR_THRE | LSR_TEMT;
    }

    private int msr() {
        int lines;
        if (loopback()) {
            lines = ((mcr & 0x02) << 3) // RTS -> CTS
                    | ((mcr & 0x01) << 5) // DTR -> DSR
                    | ((mcr & 0x04) << 4) // OUT1 -> RI
                    | ((mcr & 0x08) << 4); // OUT2 -> DCD
        } else {
            lines = MSR_CONNECTED;
        }
        return lines | msrDelta;
    }

    private int iir() {
        int fifoBits = fifoEnabled() ? IIR_FIFO_ENABLED : 0;
        if ((ier & IER_RLSI) != 0 && lsrErrors != 0) {
            return fifoBits | IIR_RLSI;
        }
        if ((ier & IER_RDI) != 0 && !rx.isEmpty()) {
            int trigger = fifoEnabled() ? TRIGGER_LEVELS[(fcr >>> 6) & 3] : 1;
            return fifoBits | (rx.size() >= trigger ? IIR_RDI : IIR_CTI);
        }
        if ((ier & IER_THRI) != 0 && thrInterruptPending) {
            return fifoBits | IIR_THRI;
        }
        if ((ier & IER_MSI) != 0 && msrDelta != 0) {
            return fifoBits | IIR_MSI;
        }
        return fifoBits | IIR_NONE;
    }

    private void updateIrq() {
        boolean level = (iir() & IIR_NONE) == 0;
        if (level != irqLevel) {
            irqLevel = level;
            irq.set(level);
        }
    }

    private static int register(long offset) {
        if (offset < 0 || offset >= 8) {
            throw new BusErrorException(offset, "UART: nothing decoded at offset " + offset);
        }
        return (int) offset;
    }
}
