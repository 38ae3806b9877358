package dev.rivet.emulator.cpu.jit;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a JVM class file (Java Virtual Machine Specification, Java SE 21 edition, chapter 4 "The
 * class File Format") with just what the {@link BlockTranslator} needs: a constant pool of UTF-8,
 * class, long, integer, field and method references (section 4.4), no fields of its own, and
 * methods whose code comes from {@link CodeWriter}. Version 65 (Java 21): every method with a
 * branch or an exception handler carries a StackMapTable (section 4.7.4), which {@link CodeWriter}
 * produces.
 */
final class ClassFileWriter {

    static final int ACC_PUBLIC = 0x0001;
    static final int ACC_FINAL = 0x0010;
    static final int ACC_SUPER = 0x0020;

    private static final int MAJOR_VERSION = 65;
    private static final int CONSTANT_UTF8 = 1;
    private static final int CONSTANT_INTEGER = 3;
    private static final int CONSTANT_LONG = 5;
    private static final int CONSTANT_CLASS = 7;
    private static final int CONSTANT_FIELDREF = 9;
    private static final int CONSTANT_METHODREF = 10;
    private static final int CONSTANT_NAME_AND_TYPE = 12;

    private final ByteArrayOutputStream poolBytes = new ByteArrayOutputStream();
    private final DataOutputStream pool = new DataOutputStream(poolBytes);
    private final Map<String, Integer> poolIndex = new HashMap<>();
    private int poolCount = 1;
    private final String thisClass;
    private final String superClass;
    private final List<byte[]> methods = new ArrayList<>();

    /**
     * @param thisClass  internal name (with slashes) of the class written
     * @param superClass internal name of its superclass
     */
    ClassFileWriter(String thisClass, String superClass) {
        this.thisClass = thisClass;
        this.superClass = superClass;
    }

    String thisClass() {
        return thisClass;
    }

    // ---- constant pool ----

    private int entry(String key, int slots, IoAction write) {
        Integer known = poolIndex.get(key);
        if (known != null) {
            return known;
        }
        int index = poolCount;
        try {
            write.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        poolCount += slots;
        if (poolCount > 0xffff) {
            throw new IllegalStateException("constant pool overflow");
        }
        poolIndex.put(key, index);
        return index;
    }

    private interface IoAction {
        void run() throws IOException;
    }

    int utf8(String s) {
        return entry("U" + s, 1, () -> {
            pool.writeByte(CONSTANT_UTF8);
            pool.writeUTF(s);
        });
    }

    int classRef(String internalName) {
        int name = utf8(internalName);
        return entry("C" + internalName, 1, () -> {
            pool.writeByte(CONSTANT_CLASS);
            pool.writeShort(name);
        });
    }

    int longConstant(long v) {
        return entry("J" + v, 2, () -> {
            pool.writeByte(CONSTANT_LONG);
            pool.writeLong(v);
        });
    }

    int intConstant(int v) {
        return entry("I" + v, 1, () -> {
            pool.writeByte(CONSTANT_INTEGER);
            pool.writeInt(v);
        });
    }

    private int nameAndType(String name, String descriptor) {
        int n = utf8(name);
        int d = utf8(descriptor);
        return entry("N" + name + ":" + descriptor, 1, () -> {
            pool.writeByte(CONSTANT_NAME_AND_TYPE);
            pool.writeShort(n);
            pool.writeShort(d);
        });
    }

    int fieldRef(String owner, String name, String descriptor) {
        int c = classRef(owner);
        int nt = nameAndType(name, descriptor);
        return entry("F" + owner + "." + name + ":" + descriptor, 1, () -> {
            pool.writeByte(CONSTANT_FIELDREF);
            pool.writeShort(c);
            pool.writeShort(nt);
        });
    }

    int methodRef(String owner, String name, String descriptor) {
        int c = classRef(owner);
        int nt = nameAndType(name, descriptor);
        return entry("M" + owner + "." + name + ":" + descriptor, 1, () -> {
            pool.writeByte(CONSTANT_METHODREF);
            pool.writeShort(c);
            pool.writeShort(nt);
        });
    }

    // ---- methods and the class ----

    /** Adds a method whose body is {@code code} (section 4.6, with a Code attribute, section 4.7.3). */
    void addMethod(int access, String name, String descriptor, CodeWriter code) {
        int nameIndex = utf8(name);
        int descIndex = utf8(descriptor);
        byte[] codeAttribute = code.codeAttribute(this);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        try {
            out.writeShort(access);
            out.writeShort(nameIndex);
            out.writeShort(descIndex);
            out.writeShort(1);
            out.write(codeAttribute);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        methods.add(bytes.toByteArray());
    }

    /** The class file: a public final class without interfaces, fields or class attributes. */
    byte[] toByteArray() {
        int thisIndex = classRef(thisClass);
        int superIndex = classRef(superClass);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        try {
            out.writeInt(0xCAFEBABE);
            out.writeShort(0);
            out.writeShort(MAJOR_VERSION);
            out.writeShort(poolCount);
            poolBytes.writeTo(out);
            out.writeShort(ACC_PUBLIC | ACC_FINAL | ACC_SUPER);
            out.writeShort(thisIndex);
            out.writeShort(superIndex);
            out.writeShort(0); // interfaces
            out.writeShort(0); // fields
            out.writeShort(methods.size());
            for (byte[] m : methods) {
                out.write(m);
            }
            out.writeShort(0); // attributes
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
