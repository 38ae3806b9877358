package dev.rivet.emulator.fdt;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Parses a flattened device-tree blob (Devicetree Specification v0.4, chapter 5) into an
 * {@link FdtNode} tree, so that a blob given with {@code -dtb} can get {@code /chosen}
 * properties added as QEMU does. Malformed blobs are reported with {@link MalformedFdtException}.
 */
public final class FdtReader {

    private FdtReader() {
    }

    /** Thrown for a blob that is not a well-formed device tree. */
    public static final class MalformedFdtException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedFdtException(String message) {
            super(message);
        }
    }

    /** The root node of {@code blob}. */
    public static FdtNode read(byte[] blob) throws MalformedFdtException {
        try {
            ByteBuffer b = ByteBuffer.wrap(blob);
            if (b.getInt(0) != FdtWriter.MAGIC) {
                throw new MalformedFdtException("not a device-tree blob (bad magic)");
            }
            int total = b.getInt(4);
            int structOff = b.getInt(8);
            int stringsOff = b.getInt(12);
            if (total > blob.length || structOff < 0 || stringsOff < 0 || structOff >= total || stringsOff > total) {
                throw new MalformedFdtException("device-tree header offsets are outside the blob");
            }
            b.position(structOff);
            Deque<FdtNode> stack = new ArrayDeque<>();
            FdtNode root = null;
            while (true) {
                int token = b.getInt();
                switch (token) {
                    case FdtWriter.FDT_BEGIN_NODE -> {
                        String name = cString(blob, b.position());
                        b.position(align(b.position() + name.getBytes(StandardCharsets.UTF_8).length + 1));
                        FdtNode node = stack.isEmpty() ? new FdtNode(name) : stack.peek().addChild(name);
                        if (root == null) {
                            root = node;
                        }
                        stack.push(node);
                    }
                    case FdtWriter.FDT_END_NODE -> {
                        if (stack.isEmpty()) {
                            throw new MalformedFdtException("unbalanced end of node");
                        }
                        stack.pop();
                    }
                    case FdtWriter.FDT_PROP -> {
                        int len = b.getInt();
                        int nameOff = b.getInt();
                        if (stack.isEmpty() || len < 0 || stringsOff + nameOff >= total) {
                            throw new MalformedFdtException("bad property");
                        }
                        byte[] value = new byte[len];
                        b.get(value);
                        b.position(align(b.position()));
                        stack.peek().setBytes(cString(blob, stringsOff + nameOff), value);
                    }
                    case 4 -> { } // FDT_NOP
                    case FdtWriter.FDT_END -> {
                        if (root == null || !stack.isEmpty()) {
                            throw new MalformedFdtException("device tree ends inside a node");
                        }
                        return root;
                    }
                    default -> throw new MalformedFdtException("unknown structure token " + token);
                }
            }
        } catch (BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new MalformedFdtException("device-tree blob is truncated");
        }
    }

    private static int align(int p) {
        return (p + 3) & ~3;
    }

    private static String cString(byte[] blob, int from) {
        int end = from;
        while (blob[end] != 0) {
            end++;
        }
        return new String(blob, from, end - from, StandardCharsets.UTF_8);
    }
}
