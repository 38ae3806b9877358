package dev.rivet.emulator.gdb;

import dev.rivet.emulator.cpu.PrivilegeMode;
import dev.rivet.emulator.cpu.csr.CsrAddress;
import dev.rivet.emulator.debug.DebugController;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The register set offered to GDB and its numbering (GDB manual, appendix "Target
 * Descriptions", sections "Target Description Format" and "RISC-V Features": features
 * {@code org.gnu.gdb.riscv.cpu}, {@code .fpu}, {@code .csr} and {@code .virtual}).
 *
 * <p>Numbers are QEMU's: {@code x0..x31} are 0-31, {@code pc} 32, {@code f0..f31} 33-64, CSR
 * {@code n} is {@code 65 + n} (so {@code fflags}, {@code frm}, {@code fcsr} are 66-68), the
 * privilege mode {@code priv} is {@code 65 + 4096}. Only CSRs the hart has are described.
 */
final class TargetDescription {

    static final int PC = 32;
    static final int FIRST_FPR = 33;
    static final int FIRST_CSR = 65;
    static final int PRIV = FIRST_CSR + 4096;

    private static final String[] GPR_NAMES = {"zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "fp", "s1", "a0",
        "a1", "a2", "a3", "a4", "a5", "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3",
        "t4", "t5", "t6"};
    private static final String[] FPR_NAMES = {"ft0", "ft1", "ft2", "ft3", "ft4", "ft5", "ft6", "ft7", "fs0", "fs1",
        "fa0", "fa1", "fa2", "fa3", "fa4", "fa5", "fa6", "fa7", "fs2", "fs3", "fs4", "fs5", "fs6", "fs7", "fs8", "fs9",
        "fs10", "fs11", "ft8", "ft9", "ft10", "ft11"};

    /** CSRs by GDB's name (binutils' riscv-opc.h), as far as the hart has them. */
    private final Map<String, Integer> csrs = new LinkedHashMap<>();
    private final String xml;

    TargetDescription(DebugController debug) {
        Map<String, Integer> all = new LinkedHashMap<>();
        String[][] named = {{"sstatus", "100"}, {"sie", "104"}, {"stvec", "105"}, {"scounteren", "106"},
            {"senvcfg", "10a"}, {"sscratch", "140"}, {"sepc", "141"}, {"scause", "142"}, {"stval", "143"},
            {"sip", "144"}, {"satp", "180"}, {"mvendorid", "f11"}, {"marchid", "f12"}, {"mimpid", "f13"},
            {"mhartid", "f14"}, {"mconfigptr", "f15"}, {"mstatus", "300"}, {"misa", "301"}, {"medeleg", "302"},
            {"mideleg", "303"}, {"mie", "304"}, {"mtvec", "305"}, {"mcounteren", "306"}, {"menvcfg", "30a"},
            {"mcountinhibit", "320"}, {"mscratch", "340"}, {"mepc", "341"}, {"mcause", "342"}, {"mtval", "343"},
            {"mip", "344"}, {"pmpcfg0", "3a0"}, {"pmpcfg2", "3a2"}, {"mcycle", "b00"}, {"minstret", "b02"},
            {"cycle", "c00"}, {"time", "c01"}, {"instret", "c02"}};
        for (String[] n : named) {
            all.put(n[0], Integer.parseInt(n[1], 16));
        }
        for (int i = 0; i < 16; i++) {
            all.put("pmpaddr" + i, CsrAddress.PMPADDR0 + i);
        }
        for (Map.Entry<String, Integer> e : all.entrySet()) {
            if (debug.hasCsr(0, e.getValue())) {
                csrs.put(e.getKey(), e.getValue());
            }
        }
        xml = buildXml();
    }

    private String buildXml() {
        StringBuilder b = new StringBuilder();
        b.append("<?xml version=\"1.0\"?>\n<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n<target version=\"1.0\">\n");
        b.append("<architecture>riscv:rv64</architecture>\n");
        // a bare machine: without this GDB may pick GNU/Linux for an ELF with no OS ABI, and its
        // Linux RISC-V support single-steps with breakpoints, which cannot step into a trap handler
        b.append("<osabi>none</osabi>\n");
        b.append("<feature name=\"org.gnu.gdb.riscv.cpu\">\n");
        for (int i = 0; i < 32; i++) {
            String type = i == 1 ? "code_ptr" : i == 2 || i == 8 ? "data_ptr" : "int";
            b.append(reg(GPR_NAMES[i], 64, i, type, null));
        }
        b.append(reg("pc", 64, PC, "code_ptr", null));
        b.append("</feature>\n<feature name=\"org.gnu.gdb.riscv.fpu\">\n");
        b.append("<union id=\"riscv_double\"><field name=\"float\" type=\"ieee_single\"/>"
                + "<field name=\"double\" type=\"ieee_double\"/></union>\n");
        for (int i = 0; i < 32; i++) {
            b.append(reg(FPR_NAMES[i], 64, FIRST_FPR + i, "riscv_double", null));
        }
        b.append(reg("fflags", 32, FIRST_CSR + CsrAddress.FFLAGS, "int", "float"));
        b.append(reg("frm", 32, FIRST_CSR + CsrAddress.FRM, "int", "float"));
        b.append(reg("fcsr", 32, FIRST_CSR + CsrAddress.FCSR, "int", "float"));
        b.append("</feature>\n<feature name=\"org.gnu.gdb.riscv.csr\">\n");
        for (Map.Entry<String, Integer> e : csrs.entrySet()) {
            b.append(reg(e.getKey(), 64, FIRST_CSR + e.getValue(), "int", "csr"));
        }
        b.append("</feature>\n<feature name=\"org.gnu.gdb.riscv.virtual\">\n");
        b.append(reg("priv", 64, PRIV, "int", "general"));
        b.append("</feature>\n</target>\n");
        return b.toString();
    }

    private static String reg(String name, int bits, int regnum, String type, String group) {
        return "<reg name=\"" + name + "\" bitsize=\"" + bits + "\" regnum=\"" + regnum + "\" type=\"" + type + "\""
                + (group != null ? " group=\"" + group + "\"" : "") + "/>\n";
    }

    /** The {@code target.xml} document. */
    String xml() {
        return xml;
    }

    /** The size in bytes of register {@code n}, or empty if there is no such register. */
    Optional<Integer> size(int n) {
        if (n >= 0 && n < FIRST_CSR || n == PRIV) {
            return Optional.of(8);
        }
        int csr = n - FIRST_CSR;
        if (csr == CsrAddress.FFLAGS || csr == CsrAddress.FRM || csr == CsrAddress.FCSR) {
            return Optional.of(4);
        }
        return csrs.containsValue(csr) ? Optional.of(8) : Optional.empty();
    }

    /** Reads register {@code n} of {@code hart}. */
    long read(DebugController d, int hart, int n) {
        if (n < 32) {
            return d.gpr(hart, n);
        }
        if (n == PC) {
            return d.pc(hart);
        }
        if (n < FIRST_CSR) {
            return d.fpr(hart, n - FIRST_FPR);
        }
        if (n == PRIV) {
            return d.privilege(hart).encoding();
        }
        return d.csr(hart, n - FIRST_CSR);
    }

    /** Writes register {@code n} of {@code hart}. */
    void write(DebugController d, int hart, int n, long value) {
        if (n < 32) {
            d.setGpr(hart, n, value);
        } else if (n == PC) {
            d.setPc(hart, value);
        } else if (n < FIRST_CSR) {
            d.setFpr(hart, n - FIRST_FPR, value);
        } else if (n == PRIV) {
            d.setPrivilege(hart, PrivilegeMode.of((int) value & 3));
        } else {
            d.setCsr(hart, n - FIRST_CSR, value);
        }
    }

    /** The registers of the {@code g} packet: x0-x31 and pc. */
    List<Integer> generalRegisters() {
        List<Integer> l = new ArrayList<>();
        for (int i = 0; i <= PC; i++) {
            l.add(i);
        }
        return l;
    }
}
