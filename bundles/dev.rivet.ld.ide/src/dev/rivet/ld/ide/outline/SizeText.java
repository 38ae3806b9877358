package dev.rivet.ld.ide.outline;

/** Byte counts as people read them: "2 MiB", "64 KiB", "100 bytes". */
public final class SizeText {

    private SizeText() {
    }

    /** {@code bytes} in the largest binary unit that divides it exactly. */
    public static String of(long bytes) {
        if (bytes != 0 && bytes % (1L << 30) == 0) {
            return (bytes >>> 30) + " GiB";
        }
        if (bytes != 0 && bytes % (1L << 20) == 0) {
            return (bytes >>> 20) + " MiB";
        }
        if (bytes != 0 && bytes % 1024 == 0) {
            return (bytes >>> 10) + " KiB";
        }
        return bytes + (bytes == 1 ? " byte" : " bytes");
    }
}
