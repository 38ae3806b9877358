package dev.rivet.emulator.fdt;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One node of a flattened device tree (Devicetree Specification v0.4, chapter 2): a name with
 * unit address, properties in insertion order, and child nodes in insertion order. Property
 * values are kept as the raw big-endian bytes the blob will hold.
 */
public final class FdtNode {

    private final String name;
    private final Map<String, byte[]> properties = new LinkedHashMap<>();
    private final List<FdtNode> children = new ArrayList<>();

    /** @param name the node name with unit address ({@code serial@10000000}); empty for the root */
    public FdtNode(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** Properties in insertion order (name to raw value). */
    public Map<String, byte[]> properties() {
        return Collections.unmodifiableMap(properties);
    }

    public List<FdtNode> children() {
        return Collections.unmodifiableList(children);
    }

    /** Adds (and returns) a new child named {@code childName}. */
    public FdtNode addChild(String childName) {
        FdtNode child = new FdtNode(childName);
        children.add(child);
        return child;
    }

    /** The child named {@code childName}, if any. */
    public Optional<FdtNode> child(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).findFirst();
    }

    /** Sets an empty (boolean) property. */
    public FdtNode setEmpty(String prop) {
        properties.put(prop, new byte[0]);
        return this;
    }

    /** Sets a property of big-endian 32-bit cells. */
    public FdtNode setCells(String prop, long... cells) {
        ByteBuffer b = ByteBuffer.allocate(4 * cells.length);
        for (long c : cells) {
            b.putInt((int) c);
        }
        properties.put(prop, b.array());
        return this;
    }

    /** Sets a property holding one or more NUL-terminated strings (a string list). */
    public FdtNode setStrings(String prop, String... values) {
        StringBuilder s = new StringBuilder();
        for (String v : values) {
            s.append(v).append('\0');
        }
        properties.put(prop, s.toString().getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Sets a property to raw bytes. */
    public FdtNode setBytes(String prop, byte[] value) {
        properties.put(prop, value.clone());
        return this;
    }
}
