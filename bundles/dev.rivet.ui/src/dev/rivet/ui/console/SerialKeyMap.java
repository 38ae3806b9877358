package dev.rivet.ui.console;

import org.eclipse.swt.SWT;

/**
 * What a serial terminal sends for a key press (VT100/xterm conventions, as a terminal emulator
 * attached to QEMU's {@code -serial stdio} in raw mode would): printable characters as they are,
 * Enter as CR, Backspace as DEL (0x7f), Tab, Escape, Ctrl+letter as its control character, the
 * arrow keys as {@code ESC [ A..D}, Home/End as {@code ESC [ H} / {@code ESC [ F}, Delete as
 * {@code ESC [ 3 ~}. Other keys (Page Up/Down, function keys, modifiers alone) send nothing and
 * are left to the console (scrolling, key bindings).
 */
public final class SerialKeyMap {

    private SerialKeyMap() {
    }

    /**
     * The bytes (as characters 0..0x7f, or the typed character) to send for a key, or null when
     * the key is not a terminal key.
     *
     * @param keyCode   SWT key code of the event
     * @param character the event's character (for Ctrl+letter, SWT already gives the control code)
     * @param stateMask the modifiers held (SWT.CTRL, SWT.ALT, SWT.SHIFT, SWT.COMMAND)
     */
    public static String sequenceFor(int keyCode, char character, int stateMask) {
        switch (keyCode) {
            case SWT.CR, SWT.KEYPAD_CR:
                return "\r";
            case SWT.BS:
                return "\u007f";
            case SWT.DEL:
                return "\u001b[3~";
            case SWT.TAB:
                return "\t";
            case SWT.ESC:
                return "\u001b";
            case SWT.ARROW_UP:
                return "\u001b[A";
            case SWT.ARROW_DOWN:
                return "\u001b[B";
            case SWT.ARROW_RIGHT:
                return "\u001b[C";
            case SWT.ARROW_LEFT:
                return "\u001b[D";
            case SWT.HOME:
                return "\u001b[H";
            case SWT.END:
                return "\u001b[F";
            default:
                break;
        }
        boolean ctrl = (stateMask & SWT.CTRL) != 0;
        boolean otherModifier = (stateMask & (SWT.ALT | SWT.COMMAND)) != 0;
        if (ctrl && !otherModifier && character >= 1 && character <= 0x1f) {
            return String.valueOf(character);
        }
        if (!ctrl && !otherModifier && character >= 0x20 && character != 0x7f) {
            return String.valueOf(character);
        }
        return null;
    }
}
