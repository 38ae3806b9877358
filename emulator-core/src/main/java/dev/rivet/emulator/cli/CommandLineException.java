package dev.rivet.emulator.cli;

/** A command line Rivet does not accept; the message is the one line to print. */
public final class CommandLineException extends Exception {

    private static final long serialVersionUID = 1L;

    public CommandLineException(String message) {
        super(message);
    }
}
