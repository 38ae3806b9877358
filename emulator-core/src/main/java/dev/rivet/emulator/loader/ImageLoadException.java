package dev.rivet.emulator.loader;

/** A file given to the machine (kernel, firmware, initrd, device tree) that cannot be loaded; the message says why. */
public final class ImageLoadException extends Exception {

    private static final long serialVersionUID = 1L;

    public ImageLoadException(String message) {
        super(message);
    }

    public ImageLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
