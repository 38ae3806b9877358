package dev.rivet.emulator.devices.virtio.blk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/** A raw disk image file ({@code -drive file=...,format=raw}), opened read-write or read-only. */
public final class RawImageBackend implements BlockBackend {

    private final Path path;
    private final FileChannel channel;
    private final boolean readOnly;
    private final long length;
    private boolean closed;

    private RawImageBackend(Path path, FileChannel channel, boolean readOnly) throws IOException {
        this.path = path;
        this.channel = channel;
        this.readOnly = readOnly;
        this.length = channel.size();
    }

    /**
     * Opens {@code path}.
     *
     * @throws IOException if the file is missing or cannot be opened as asked
     */
    public static RawImageBackend open(Path path, boolean readOnly) throws IOException {
        Set<StandardOpenOption> options = readOnly ? Set.of(StandardOpenOption.READ)
                : Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE);
        return new RawImageBackend(path, FileChannel.open(path, options), readOnly);
    }

    /** The image file. */
    public Path path() {
        return path;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public boolean isReadOnly() {
        return readOnly;
    }

    @Override
    public void read(long position, byte[] into, int from, int len) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(into, from, len);
        long p = position;
        while (b.hasRemaining()) {
            int n = channel.read(b, p);
            if (n < 0) {
                throw new IOException(path + ": read past the end of the image");
            }
            p += n;
        }
    }

    @Override
    public void write(long position, byte[] data, int from, int len) throws IOException {
        if (readOnly) {
            throw new IOException(path + " is read-only");
        }
        ByteBuffer b = ByteBuffer.wrap(data, from, len);
        long p = position;
        while (b.hasRemaining()) {
            p += channel.write(b, p);
        }
    }

    @Override
    public void flush() throws IOException {
        if (!readOnly) {
            channel.force(false);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            flush();
        } finally {
            channel.close();
        }
    }
}
