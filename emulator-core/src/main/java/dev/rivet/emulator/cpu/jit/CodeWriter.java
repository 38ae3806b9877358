package dev.rivet.emulator.cpu.jit;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * The bytecode of one method (JVMS chapter 6 for the instructions, section 4.7.3 for the Code
 * attribute): instructions, forward and backward branches to {@link Label}s, catch-all exception
 * handlers, and the StackMapTable (section 4.7.4).
 *
 * <p>Frames are kept simple on purpose: the caller declares one list of local-variable types
 * ({@link #frameLocals}) that holds at every branch target and handler of the method, and every
 * frame is written as a {@code full_frame} with those locals and an empty stack (a handler's stack
 * holds the {@code Throwable}). The translator's code satisfies this by assigning all those locals
 * before the first branch or protected instruction.
 */
final class CodeWriter {

    // opcodes (JVMS chapter 6)
    static final int LCONST_0 = 9;
    static final int LCONST_1 = 10;
    static final int BIPUSH = 16;
    static final int SIPUSH = 17;
    static final int LDC = 18;
    static final int LDC_W = 19;
    static final int LDC2_W = 20;
    static final int ILOAD = 21;
    static final int LLOAD = 22;
    static final int ALOAD = 25;
    static final int LALOAD = 47;
    static final int ISTORE = 54;
    static final int LSTORE = 55;
    static final int ASTORE = 58;
    static final int LASTORE = 80;
    static final int POP2 = 88;
    static final int DUP = 89;
    static final int IADD = 96;
    static final int LADD = 97;
    static final int ISUB = 100;
    static final int LSUB = 101;
    static final int IMUL = 104;
    static final int LMUL = 105;
    static final int ISHL = 120;
    static final int LSHL = 121;
    static final int ISHR = 122;
    static final int LSHR = 123;
    static final int IUSHR = 124;
    static final int LUSHR = 125;
    static final int LAND = 127;
    static final int LOR = 129;
    static final int LXOR = 131;
    static final int I2L = 133;
    static final int L2I = 136;
    static final int I2B = 145;
    static final int I2S = 147;
    static final int LCMP = 148;
    static final int IFEQ = 153;
    static final int IFNE = 154;
    static final int IFLT = 155;
    static final int IFGE = 156;
    static final int GOTO = 167;
    static final int RETURN = 177;
    static final int GETFIELD = 180;
    static final int PUTFIELD = 181;
    static final int INVOKEVIRTUAL = 182;
    static final int INVOKESPECIAL = 183;
    static final int INVOKESTATIC = 184;
    static final int ATHROW = 191;

    /** A verification type of the StackMapTable (section 4.7.4): Top, Integer, Long, or a class. */
    record VType(int tag, String className) {
        static final VType TOP = new VType(0, null);
        static final VType INT = new VType(1, null);
        static final VType LONG = new VType(4, null);

        static VType object(String internalName) {
            return new VType(7, internalName);
        }
    }

    /** A position in the code, bound once, that branches and handlers refer to. */
    static final class Label {
        private int offset = -1;
        private final List<Integer> fixups = new ArrayList<>();
    }

    private record Handler(Label start, Label end, Label handler) {
    }

    private final ClassFileWriter cf;
    private byte[] code = new byte[256];
    private int length;
    private int maxStack = 8;
    private int maxLocals;
    private List<VType> frameLocals = List.of();
    /** Offsets that need a frame: true for a handler (stack = [Throwable]). */
    private final TreeMap<Integer, Boolean> frames = new TreeMap<>();
    private final List<Handler> handlers = new ArrayList<>();
    /** Branch targets: each gets a frame. */
    private final List<Label> frameLabels = new ArrayList<>();

    CodeWriter(ClassFileWriter cf) {
        this.cf = cf;
    }

    /** The local-variable types that hold at every branch target and handler. */
    void frameLocals(List<VType> locals) {
        this.frameLocals = List.copyOf(locals);
    }

    void maxStack(int n) {
        maxStack = n;
    }

    void maxLocals(int n) {
        maxLocals = n;
    }

    // ---- emitting ----

    private void u1(int b) {
        if (length == code.length) {
            code = Arrays.copyOf(code, code.length * 2);
        }
        code[length++] = (byte) b;
    }

    private void u2(int v) {
        u1(v >>> 8);
        u1(v);
    }

    /** An instruction without operands. */
    void op(int opcode) {
        u1(opcode);
    }

    /** A load or store of local {@code index} ({@code iload}, {@code lload}, {@code aload}, {@code istore}, ...). */
    void local(int opcode, int index) {
        if (index > 255) {
            throw new IllegalArgumentException("local " + index + " needs wide");
        }
        u1(opcode);
        u1(index);
    }

    void pushLong(long v) {
        if (v == 0) {
            u1(LCONST_0);
        } else if (v == 1) {
            u1(LCONST_1);
        } else if (v == (int) v) {
            pushInt((int) v);
            u1(I2L);
        } else {
            u1(LDC2_W);
            u2(cf.longConstant(v));
        }
    }

    void pushInt(int v) {
        if (v >= -1 && v <= 5) {
            u1(3 + v); // iconst_m1 .. iconst_5
        } else if (v == (byte) v) {
            u1(BIPUSH);
            u1(v);
        } else if (v == (short) v) {
            u1(SIPUSH);
            u2(v);
        } else {
            int index = cf.intConstant(v);
            if (index <= 255) {
                u1(LDC);
                u1(index);
            } else {
                u1(LDC_W);
                u2(index);
            }
        }
    }

    void field(int opcode, String owner, String name, String descriptor) {
        u1(opcode);
        u2(cf.fieldRef(owner, name, descriptor));
    }

    void invoke(int opcode, String owner, String name, String descriptor) {
        u1(opcode);
        u2(cf.methodRef(owner, name, descriptor));
    }

    /** A branch ({@code if<cond>} or {@code goto}) to {@code target}; the target gets a frame. */
    void jump(int opcode, Label target) {
        int at = length;
        u1(opcode);
        if (target.offset >= 0) {
            u2(target.offset - at);
        } else {
            target.fixups.add(at);
            u2(0);
        }
        frameLabels.add(target);
    }

    /** Binds {@code label} here and patches the branches that were waiting for it. */
    void bind(Label label) {
        if (label.offset >= 0) {
            throw new IllegalStateException("label bound twice");
        }
        label.offset = length;
        for (int at : label.fixups) {
            int rel = label.offset - at;
            code[at + 1] = (byte) (rel >>> 8);
            code[at + 2] = (byte) rel;
        }
        label.fixups.clear();
    }

    /** Catches every {@code Throwable} raised in [{@code start}, {@code end}) at {@code handler}. */
    void catchAll(Label start, Label end, Label handler) {
        handlers.add(new Handler(start, end, handler));
    }

    int length() {
        return length;
    }

    // ---- the Code attribute ----

    byte[] codeAttribute(ClassFileWriter owner) {
        for (Label l : frameLabels) {
            requireBound(l);
            frames.putIfAbsent(l.offset, false);
        }
        for (Handler h : handlers) {
            requireBound(h.start);
            requireBound(h.end);
            requireBound(h.handler);
            frames.put(h.handler.offset, true);
        }
        if (length == 0 || length > 65535) {
            throw new IllegalStateException("method code of " + length + " bytes");
        }
        try {
            byte[] stackMap = stackMapTable(owner);
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(body);
            out.writeShort(maxStack);
            out.writeShort(maxLocals);
            out.writeInt(length);
            out.write(code, 0, length);
            out.writeShort(handlers.size());
            for (Handler h : handlers) {
                out.writeShort(h.start.offset);
                out.writeShort(h.end.offset);
                out.writeShort(h.handler.offset);
                out.writeShort(0); // any Throwable
            }
            out.writeShort(stackMap == null ? 0 : 1);
            if (stackMap != null) {
                out.write(stackMap);
            }
            ByteArrayOutputStream attribute = new ByteArrayOutputStream();
            DataOutputStream a = new DataOutputStream(attribute);
            a.writeShort(owner.utf8("Code"));
            a.writeInt(body.size());
            body.writeTo(a);
            return attribute.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void requireBound(Label l) {
        if (l.offset < 0) {
            throw new IllegalStateException("label used but never bound");
        }
    }

    private byte[] stackMapTable(ClassFileWriter owner) throws IOException {
        if (frames.isEmpty()) {
            return null;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(body);
        out.writeShort(frames.size());
        int previous = -1;
        for (var f : frames.entrySet()) {
            int offset = f.getKey();
            out.writeByte(255); // full_frame
            out.writeShort(previous < 0 ? offset : offset - previous - 1);
            out.writeShort(frameLocals.size());
            for (VType t : frameLocals) {
                writeType(out, owner, t);
            }
            if (f.getValue()) {
                out.writeShort(1);
                writeType(out, owner, VType.object("java/lang/Throwable"));
            } else {
                out.writeShort(0);
            }
            previous = offset;
        }
        ByteArrayOutputStream attribute = new ByteArrayOutputStream();
        DataOutputStream a = new DataOutputStream(attribute);
        a.writeShort(owner.utf8("StackMapTable"));
        a.writeInt(body.size());
        body.writeTo(a);
        return attribute.toByteArray();
    }

    private static void writeType(DataOutputStream out, ClassFileWriter owner, VType t) throws IOException {
        out.writeByte(t.tag());
        if (t.tag() == 7) {
            out.writeShort(owner.classRef(t.className()));
        }
    }
}
