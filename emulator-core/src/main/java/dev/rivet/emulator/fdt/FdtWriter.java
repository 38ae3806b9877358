package dev.rivet.emulator.fdt;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Serialises an {@link FdtNode} tree into a flattened device-tree blob, version 17
 * (Devicetree Specification v0.4, chapter 5): header, empty memory-reservation block, structure
 * block, strings block. Property names are stored once in the strings block.
 */
public final class FdtWriter {

    static final int MAGIC = 0xd00dfeed;
    static final int VERSION = 17;
    static final int LAST_COMPATIBLE_VERSION = 16;
    static final int HEADER_SIZE = 40;
    static final int FDT_BEGIN_NODE = 1;
    static final int FDT_END_NODE = 2;
    static final int FDT_PROP = 3;
    static final int FDT_END = 9;

    private FdtWriter() {
    }

    /** The blob for {@code root}, with {@code bootCpu} as the header's boot_cpuid_phys. */
    public static byte[] write(FdtNode root, int bootCpu) {
        Map<String, Integer> strings = new LinkedHashMap<>();
        ByteArrayOutputStream stringBlock = new ByteArrayOutputStream();
        ByteArrayOutputStream struct = new ByteArrayOutputStream();
        writeNode(root, struct, strings, stringBlock);
        putInt(struct, FDT_END);

        int memRsvOffset = HEADER_SIZE; // already 8-byte aligned
        int memRsvSize = 16; // the terminating {0, 0} entry
        int structOffset = memRsvOffset + memRsvSize;
        int stringsOffset = structOffset + struct.size();
        int total = stringsOffset + stringBlock.size();

        ByteBuffer b = ByteBuffer.allocate(total);
        b.putInt(MAGIC).putInt(total).putInt(structOffset).putInt(stringsOffset).putInt(memRsvOffset)
                .putInt(VERSION).putInt(LAST_COMPATIBLE_VERSION).putInt(bootCpu)
                .putInt(stringBlock.size()).putInt(struct.size());
        b.putLong(0).putLong(0);
        b.put(struct.toByteArray());
        b.put(stringBlock.toByteArray());
        return b.array();
    }

    private static void writeNode(FdtNode node, ByteArrayOutputStream out, Map<String, Integer> strings,
            ByteArrayOutputStream stringBlock) {
        putInt(out, FDT_BEGIN_NODE);
        byte[] name = node.name().getBytes(StandardCharsets.UTF_8);
        out.writeBytes(name);
        out.write(0);
        pad(out);
        for (Map.Entry<String, byte[]> p : node.properties().entrySet()) {
            Integer nameOffset = strings.get(p.getKey());
            if (nameOffset == null) {
                nameOffset = stringBlock.size();
                strings.put(p.getKey(), nameOffset);
                stringBlock.writeBytes(p.getKey().getBytes(StandardCharsets.UTF_8));
                stringBlock.write(0);
            }
            putInt(out, FDT_PROP);
            putInt(out, p.getValue().length);
            putInt(out, nameOffset);
            out.writeBytes(p.getValue());
            pad(out);
        }
        for (FdtNode child : node.children()) {
            writeNode(child, out, strings, stringBlock);
        }
        putInt(out, FDT_END_NODE);
    }

    private static void putInt(ByteArrayOutputStream out, int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }

    private static void pad(ByteArrayOutputStream out) {
        while (out.size() % 4 != 0) {
            out.write(0);
        }
    }
}
