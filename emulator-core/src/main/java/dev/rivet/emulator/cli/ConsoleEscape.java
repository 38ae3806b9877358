package dev.rivet.emulator.cli;

import java.util.function.IntConsumer;

/**
 * The escape sequences of QEMU's {@code mon:stdio} character-device multiplexer (QEMU manual,
 * "Keys in the character backend multiplexer"), applied to the bytes typed on the terminal:
 * <ul>
 * <li>Ctrl-A x: quit the emulator;</li>
 * <li>Ctrl-A Ctrl-A: send one Ctrl-A to the guest;</li>
 * <li>Ctrl-A h or ?: print the list of keys;</li>
 * <li>any other byte after Ctrl-A is dropped, as QEMU drops unknown escapes.</li>
 * </ul>
 * Every other byte goes to the guest's UART.
 */
public final class ConsoleEscape {

    /** Ctrl-A, QEMU's default escape character. */
    public static final int ESCAPE = 0x01;

    static final String HELP = "\r\nC-a h    print this help\r\nC-a x    exit emulator\r\nC-a C-a  sends C-a\r\n";

    private final IntConsumer toGuest;
    private final Runnable quit;
    private final IntConsumer toTerminal;
    private boolean escaped;

    /**
     * @param toGuest    receives bytes for the UART
     * @param quit       called on Ctrl-A x
     * @param toTerminal receives the help text, byte by byte
     */
    public ConsoleEscape(IntConsumer toGuest, Runnable quit, IntConsumer toTerminal) {
        this.toGuest = toGuest;
        this.quit = quit;
        this.toTerminal = toTerminal;
    }

    /** Handles one byte typed on the terminal. */
    public void typed(int b) {
        if (!escaped) {
            if (b == ESCAPE) {
                escaped = true;
            } else {
                toGuest.accept(b);
            }
            return;
        }
        escaped = false;
        switch (b) {
            case 'x', 'X' -> quit.run();
            case ESCAPE -> toGuest.accept(ESCAPE);
            case 'h', '?' -> HELP.chars().forEach(toTerminal);
            default -> { }
        }
    }
}
