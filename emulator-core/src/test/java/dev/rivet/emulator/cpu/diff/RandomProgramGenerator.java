package dev.rivet.emulator.cpu.diff;

import java.util.List;
import java.util.Random;

/**
 * Generates random RV64GC test programs (assembly source) for the differential test: random
 * initial integer and FP state (with special FP values, boxed and unboxed singles), then a stream
 * of random instructions from every extension (I, M, A, F, D; C through the assembler's
 * compression), CSR accesses (allowed and illegal), loads and stores (misaligned too), faults,
 * ECALL/EBREAK/illegal encodings, privilege changes (MRET into S and U, ECALL back), delegation,
 * Sv39 translation with hardware A/D updates, software interrupts, SFENCE.VMA and FENCE.I; then a
 * dump of the architectural state, the trap log, the page tables and the data area to the UART.
 *
 * <p>Registers s0 (data base), s1 (trap-log pointer), s2 and s3 (scratch of the trap handlers and
 * address snippets) are never random destinations. Nothing nondeterministic is read (no
 * cycle/time/instret values: counters are only probed with x0 as destination).
 */
final class RandomProgramGenerator {

    private static final String[] X_DEST = {"zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "a0", "a1", "a2", "a3",
        "a4", "a5", "a6", "a7", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6"};
    private static final String[] X_ALL = {"zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1",
        "a2", "a3", "a4", "a5", "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4",
        "t5", "t6"};
    private static final String[] RR = {"add", "sub", "sll", "slt", "sltu", "xor", "srl", "sra", "or", "and", "addw",
        "subw", "sllw", "srlw", "sraw", "mul", "mulh", "mulhsu", "mulhu", "div", "divu", "rem", "remu", "mulw", "divw",
        "divuw", "remw", "remuw"};
    private static final String[] RI = {"addi", "slti", "sltiu", "xori", "ori", "andi", "addiw"};
    private static final String[] SHI = {"slli", "srli", "srai"};
    private static final String[] SHIW = {"slliw", "srliw", "sraiw"};
    private static final String[] LOADS = {"lb", "lh", "lw", "ld", "lbu", "lhu", "lwu"};
    private static final String[] STORES = {"sb", "sh", "sw", "sd"};
    private static final String[] AMO = {"amoswap", "amoadd", "amoxor", "amoand", "amoor", "amomin", "amomax",
        "amominu", "amomaxu"};
    private static final String[] FP3 = {"fadd", "fsub", "fmul", "fdiv"};
    private static final String[] FP4 = {"fmadd", "fmsub", "fnmsub", "fnmadd"};
    private static final String[] FPNR = {"fsgnj", "fsgnjn", "fsgnjx", "fmin", "fmax"};
    private static final String[] FCMP = {"feq", "flt", "fle"};
    private static final String[] RM = {"rne", "rtz", "rdn", "rup", "rmm", "dyn"};
    private static final String[] CSR_RW = {"fflags", "frm", "fcsr", "mscratch", "sscratch", "sepc", "scause",
        "stval", "mtval", "mcounteren", "scounteren", "sie", "sip", "mie", "mip", "medeleg", "mideleg", "stvec",
        "mcause", "menvcfg", "senvcfg", "sstatus", "mstatus", "satp", "misa", "mhartid", "mvendorid", "pmpaddr3",
        "0x7c0", "mcountinhibit"};
    private static final String[] COUNTERS = {"cycle", "time", "instret", "hpmcounter3", "hpmcounter17"};
    /** Values that make interesting FP operands (double bit patterns). */
    private static final long[] SPECIAL_D = {0, 0x8000000000000000L, 0x7ff0000000000000L, 0xfff0000000000000L,
        0x7ff8000000000000L, 0x7ff4000000000000L, 0x0000000000000001L, 0x000fffffffffffffL, 0x0010000000000000L,
        0x3ff0000000000000L, 0xbff0000000000000L, 0x7fefffffffffffffL, 0x3fe0000000000000L, 0x43e0000000000000L,
        0xc3e0000000000000L, 0x41e0000000000000L, 0x3ff0000000400000L, 0x3fefffffff800000L};
    private static final int[] SPECIAL_S = {0, 0x80000000, 0x7f800000, 0xff800000, 0x7fc00000, 0x7fa00000, 1,
        0x007fffff, 0x00800000, 0x3f800000, 0xbf800000, 0x7f7fffff, 0x3f000000, 0x5f000000, 0x4f000000};

    private final Random r;
    private final StringBuilder out = new StringBuilder();
    private int label;

    RandomProgramGenerator(long seed) {
        this.r = new Random(seed);
    }

    /** The assembly source of a program with {@code length} random instructions. */
    String generate(int length) {
        emitPrologue();
        for (int i = 0; i < length; i++) {
            emitRandom();
        }
        emitEpilogue();
        return out.toString();
    }

    private void line(String s) {
        out.append("    ").append(s).append('\n');
    }

    private String pick(String[] a) {
        return a[r.nextInt(a.length)];
    }

    private String xd() {
        return pick(X_DEST);
    }

    private String xs() {
        return pick(X_ALL);
    }

    private String f() {
        return "f" + r.nextInt(32);
    }

    private long randomValue() {
        return switch (r.nextInt(6)) {
            case 0 -> r.nextInt(33) - 16;
            case 1 -> r.nextLong();
            case 2 -> 1L << r.nextInt(64);
            case 3 -> (long) r.nextInt();
            case 4 -> Long.MIN_VALUE + r.nextInt(3) - 1;
            default -> r.nextInt(1 << 12);
        };
    }

    private long randomFp() {
        return switch (r.nextInt(5)) {
            case 0 -> SPECIAL_D[r.nextInt(SPECIAL_D.length)];
            case 1 -> 0xffffffff00000000L | (SPECIAL_S[r.nextInt(SPECIAL_S.length)] & 0xffffffffL);
            case 2 -> 0xffffffff00000000L | (r.nextInt() & 0xffffffffL);
            case 3 -> Double.doubleToRawLongBits((r.nextDouble() - 0.5) * Math.pow(2, r.nextInt(40) - 20));
            default -> r.nextLong();
        };
    }

    private void emitPrologue() {
        out.append("#define FINISHER 0x100000\n    .section .text.init\n    .globl _start\n_start:\n");
        line("la t0, mtrap");
        line("csrw mtvec, t0");
        line("la t0, strap");
        line("csrw stvec, t0");
        line("li t0, -1");
        line("csrw pmpaddr0, t0");
        line("li t0, 0x1f");
        line("csrw pmpcfg0, t0");
        line("li t0, 1 << 13");
        line("csrs mstatus, t0");
        line("la s0, data");
        line("la s1, traplog");
        // page tables: root0 maps 0x80000000 as a supervisor gigapage, root1 as a user gigapage;
        // both with A and D clear so that the hart sets them; the devices gigapage at 0 for S.
        line("la t0, root0");
        line("li t1, (0x80000 << 10) | 0xf");
        line("sd t1, 16(t0)");
        line("li t1, (0x00000 << 10) | 0x7");
        line("sd t1, 0(t0)");
        line("la t0, root1");
        line("li t1, (0x80000 << 10) | 0x1f");
        line("sd t1, 16(t0)");
        for (int i = 1; i < 32; i++) {
            String reg = "x" + i;
            if (i == 8 || i == 9) {
                continue;
            }
            line("li " + reg + ", " + randomValue());
        }
        for (int i = 0; i < 32; i++) {
            line("li t0, " + randomFp());
            line("fmv.d.x f" + i + ", t0");
        }
        line("li t0, " + r.nextInt(5));
        line("fsrm t0");
        line("csrw fflags, zero");
    }

    private void emitRandom() {
        int k = r.nextInt(100);
        if (k < 22) {
            line(pick(RR) + " " + xd() + ", " + xs() + ", " + xs());
        } else if (k < 30) {
            line(pick(RI) + " " + xd() + ", " + xs() + ", " + (r.nextInt(4096) - 2048));
        } else if (k < 33) {
            line(pick(SHI) + " " + xd() + ", " + xs() + ", " + r.nextInt(64));
            line(pick(SHIW) + " " + xd() + ", " + xs() + ", " + r.nextInt(32));
        } else if (k < 35) {
            line("lui " + xd() + ", " + r.nextInt(1 << 20));
            line("auipc " + xd() + ", " + r.nextInt(1 << 20));
        } else if (k < 43) {
            int size = r.nextInt(4);
            int off = r.nextInt(2000);
            if (r.nextBoolean()) {
                line(LOADS[r.nextInt(LOADS.length)] + " " + xd() + ", " + off + "(s0)");
            } else {
                line(STORES[size] + " " + xs() + ", " + off + "(s0)");
            }
        } else if (k < 45) {
            // an access fault: no memory at 0x9000_0000 on either machine
            line("li s2, 0x90000000");
            line((r.nextBoolean() ? "ld " + xd() : "sw " + xs()) + ", 0(s2)");
        } else if (k < 49) {
            boolean d = r.nextBoolean();
            int off = r.nextInt(250) * 8 + (r.nextInt(8) == 0 ? 2 : 0) + (!d && r.nextBoolean() ? 4 : 0);
            line("addi s2, s0, " + off);
            int kind = r.nextInt(10);
            String w = d ? ".d" : ".w";
            if (kind == 0) {
                line("lr" + w + " " + xd() + ", (s2)");
                if (r.nextBoolean()) {
                    line(pick(RR) + " " + xd() + ", " + xs() + ", " + xs());
                }
                line("sc" + w + " " + xd() + ", " + xs() + ", (s2)");
            } else {
                line(pick(AMO) + w + " " + xd() + ", " + xs() + ", (s2)");
            }
        } else if (k < 51) {
            int l = ++label;
            String[] br = {"beq", "bne", "blt", "bge", "bltu", "bgeu"};
            line(pick(br) + " " + xs() + ", " + xs() + ", L" + l);
            line(pick(RR) + " " + xd() + ", " + xs() + ", " + xs());
            out.append("L").append(l).append(":\n");
        } else if (k < 71) {
            emitFp();
        } else if (k < 81) {
            emitCsr();
        } else if (k < 85) {
            emitPrivilegeChange();
        } else if (k < 88) {
            switch (r.nextInt(5)) {
                case 0 -> line("ecall");
                case 1 -> line("ebreak");
                case 2 -> line(".word 0x" + Integer.toHexString(0x0000000b | (r.nextInt(1 << 20) << 12)));
                case 3 -> line(".half 0x0000");
                default -> line("c.ebreak");
            }
        } else if (k < 90) {
            line(r.nextBoolean() ? "sfence.vma" : "fence.i");
        } else if (k < 92) {
            line("csrrs zero, " + pick(COUNTERS) + ", zero");
        } else if (k < 94) {
            // software interrupt: set SSIP, maybe enable it
            line("li s2, 2");
            line("csrs " + (r.nextBoolean() ? "mip" : "sip") + ", s2");
        } else {
            line("jal " + xd() + ", J" + (++label));
            line(pick(RR) + " " + xd() + ", " + xs() + ", " + xs());
            out.append("J").append(label).append(":\n");
        }
    }

    private void emitFp() {
        boolean d = r.nextBoolean();
        String t = d ? ".d" : ".s";
        int k = r.nextInt(12);
        switch (k) {
            case 0, 1, 2 -> line(pick(FP3) + t + " " + f() + ", " + f() + ", " + f() + ", " + pick(RM));
            case 3, 4 -> line(pick(FP4) + t + " " + f() + ", " + f() + ", " + f() + ", " + f() + ", " + pick(RM));
            case 5 -> line("fsqrt" + t + " " + f() + ", " + f() + ", " + pick(RM));
            case 6 -> line(pick(FPNR) + t + " " + f() + ", " + f() + ", " + f());
            case 7 -> line(pick(FCMP) + t + " " + xd() + ", " + f() + ", " + f());
            case 8 -> {
                String[] to = {"w", "wu", "l", "lu"};
                line("fcvt." + pick(to) + t + " " + xd() + ", " + f() + ", " + pick(RM));
            }
            case 9 -> {
                String[] from = {"w", "wu", "l", "lu"};
                String src = pick(from);
                boolean exact = d && src.startsWith("w"); // fcvt.d.w[u] never rounds: no rm operand
                line("fcvt" + t + "." + src + " " + f() + ", " + xs() + (exact ? "" : ", " + pick(RM)));
            }
            case 10 -> {
                if (r.nextBoolean()) {
                    line(d ? "fcvt.s.d " + f() + ", " + f() + ", " + pick(RM) : "fcvt.d.s " + f() + ", " + f());
                } else {
                    line("fclass" + t + " " + xd() + ", " + f());
                }
            }
            default -> {
                switch (r.nextInt(4)) {
                    case 0 -> line((d ? "fmv.x.d " : "fmv.x.w ") + xd() + ", " + f());
                    case 1 -> line((d ? "fmv.d.x " : "fmv.w.x ") + f() + ", " + xs());
                    case 2 -> line((d ? "fld " : "flw ") + f() + ", " + (r.nextInt(250) * 8) + "(s0)");
                    default -> line((d ? "fsd " : "fsw ") + f() + ", " + (r.nextInt(250) * 8) + "(s0)");
                }
            }
        }
    }

    private void emitCsr() {
        String csr = pick(CSR_RW);
        long value;
        switch (csr) {
            case "mstatus", "sstatus" -> {
                // SIE, SPIE, MPIE, SPP, MPP (never 2), FS, SUM, MXR, TVM, TW, TSR; never MPRV or MIE
                long[] bits = {1L << 1, 1L << 5, 1L << 7, 1L << 8, 1L << 11, 3L << 11, 1L << 13, 3L << 13, 1L << 18,
                    1L << 19, 1L << 20, 1L << 21, 1L << 22};
                value = bits[r.nextInt(bits.length)];
                line("li s2, " + value);
                line((r.nextBoolean() ? "csrs " : "csrc ") + csr + ", s2");
                return;
            }
            case "mie" -> value = 0x222L & r.nextLong();
            case "mip", "sip" -> value = 0x2L & r.nextLong();
            // never delegate page faults, breakpoints or ECALL from S: the S handler relies on them reaching M
            case "medeleg" -> value = r.nextLong() & ~((1L << 12) | (1L << 13) | (1L << 15) | (1L << 3) | (1L << 9));
            case "satp" -> value = r.nextInt(3) == 0 ? 0 : ((8L << 60) | (r.nextBoolean() ? 1 : 2));
            case "frm" -> value = r.nextInt(8);
            case "stvec" -> {
                line("la s2, strap");
                line("csrw stvec, s2");
                return;
            }
            // QEMU 7.2 keeps bit 0 of mepc/sepc; the spec (and Rivet) read it as zero: written values are even
            case "sepc" -> value = randomValue() & ~1L;
            // QEMU 7.2 keeps all 64 bits of pmpaddr; the spec (and Rivet) keep bits 53:0
            case "pmpaddr3" -> value = randomValue() & ((1L << 54) - 1);
            default -> value = randomValue();
        }
        if (csr.equals("satp") && value != 0) {
            line("la s2, " + ((value & 3) == 1 ? "root0" : "root1"));
            line("srli s2, s2, 12");
            line("li s3, 8 << 60");
            line("or s2, s2, s3");
            line("csrw satp, s2");
            return;
        }
        String[] ops = {"csrrw", "csrrs", "csrrc"};
        String op = pick(ops);
        if (value == 0 && !op.equals("csrrw")) {
            // QEMU 7.2 treats CSRRS/CSRRC whose rs1 register holds 0 as a read (no illegal-instruction
            // trap on a read-only CSR); the spec (and Rivet) count any rs1 other than x0 as a write
            value = 2; // not 1: bit 0 of sepc is another QEMU difference
        }
        line("li s2, " + value);
        String dest = r.nextBoolean() ? xd() : "zero";
        line(op + " " + dest + ", " + csr + ", s2");
        if (r.nextInt(4) == 0) {
            line("csrr " + xd() + ", " + csr);
        }
    }

    private void emitPrivilegeChange() {
        int mode = r.nextInt(2); // 0 U, 1 S
        int l = ++label;
        line("li s2, 3 << 11");
        line("csrc mstatus, s2");
        if (mode == 1) {
            line("li s2, 1 << 11");
            line("csrs mstatus, s2");
        }
        line("la s2, P" + l);
        line("csrw mepc, s2");
        line("mret");
        out.append("P").append(l).append(":\n");
    }

    private void emitEpilogue() {
        out.append("epilogue:\n");
        line("ecall");
        // now in M-mode (the handlers guarantee it); dump everything
        line("csrw satp, zero");
        line("fence.i");
        line("la s2, regsave");
        for (int i = 1; i < 32; i++) {
            line("sd x" + i + ", " + (8 * i) + "(s2)");
        }
        // mstatus first: the dump itself needs FS on
        line("csrr t0, mstatus");
        line("sd t0, " + (512 + 8) + "(s2)");
        line("li t0, 1 << 13");
        line("csrs mstatus, t0");
        for (int i = 0; i < 32; i++) {
            line("fsd f" + i + ", " + (256 + 8 * i) + "(s2)");
        }
        List<String> csrs = List.of("fcsr", "mstatus", "mcause", "mtval", "mepc", "scause", "stval", "sepc",
                "mscratch", "sscratch", "satp", "medeleg", "mideleg", "mie", "mip", "mcounteren", "scounteren",
                "menvcfg", "senvcfg", "stvec", "mcountinhibit");
        for (int i = 0; i < csrs.size(); i++) {
            if (csrs.get(i).equals("mstatus")) {
                continue;
            }
            line("csrr t0, " + csrs.get(i));
            line("sd t0, " + (512 + 8 * i) + "(s2)");
        }
        line("la t1, traplog");
        line("sub t0, s1, t1");
        line("sd t0, " + (512 + 8 * csrs.size()) + "(s2)");
        // print regsave, traplog, data area and page tables as hex, one double word per line
        line("la a0, data");
        line("la a1, end_of_dump");
        out.append("dump_loop:\n");
        line("ld a2, 0(a0)");
        line("li a3, 60");
        line("li a5, 0x10000000");
        out.append("hex_loop:\n");
        line("srl a4, a2, a3");
        line("andi a4, a4, 15");
        line("li a6, 10");
        line("blt a4, a6, digit");
        line("addi a4, a4, 39");
        out.append("digit:\n");
        line("addi a4, a4, 48");
        line("sb a4, 0(a5)");
        line("addi a3, a3, -4");
        line("bgez a3, hex_loop");
        line("li a4, 10");
        line("sb a4, 0(a5)");
        line("addi a0, a0, 8");
        line("blt a0, a1, dump_loop");
        line("li t0, FINISHER");
        line("li t1, 0x5555");
        line("sw t1, 0(t0)");
        out.append("1:  j 1b\n");
        emitHandlers();
        out.append("""
                    .data
                    .align 12
                data: .space 4096
                root0: .space 4096
                root1: .space 4096
                regsave: .space 1024
                traplog: .space 3072
                traplog_end:
                end_of_dump:
                """);
    }

    private void emitHandlers() {
        out.append("""
                    .align 2
                mtrap:
                    csrr s2, mcause
                    bltz s2, m_interrupt
                    la s3, traplog_end
                    bgeu s1, s3, 1f
                    sd s2, 0(s1)
                    csrr s3, mtval
                    sd s3, 8(s1)
                    csrr s3, mepc
                    la s2, _start
                    sub s3, s3, s2
                    sd s3, 16(s1)
                    addi s1, s1, 24
                1:  csrr s3, mepc
                    la s2, epilogue
                    bgeu s3, s2, m_to_epilogue
                    lhu s2, 0(s3)
                    andi s2, s2, 3
                    addi s3, s3, 2
                    xori s2, s2, 3
                    bnez s2, 2f
                    addi s3, s3, 2
                2:  csrw mepc, s3
                    csrr s2, mcause
                    addi s2, s2, -8
                    li s3, 3
                    bgeu s2, s3, 3f
                    li s2, 3 << 11
                    csrs mstatus, s2
                3:  mret
                m_interrupt:
                    la s3, traplog_end
                    bgeu s1, s3, 4f
                    sd s2, 0(s1)
                    addi s1, s1, 24
                4:  li s2, 2
                    csrc mip, s2
                    mret
                m_to_epilogue:
                    la s2, epilogue
                    addi s2, s2, 4
                    csrw mepc, s2
                    li s2, 3 << 11
                    csrs mstatus, s2
                    mret
                    .align 2
                strap:
                    csrr s2, scause
                    bltz s2, s_interrupt
                    la s3, traplog_end
                    bgeu s1, s3, 5f
                    sd s2, 0(s1)
                    csrr s3, stval
                    sd s3, 8(s1)
                    csrr s3, sepc
                    la s2, _start
                    sub s3, s3, s2
                    addi s3, s3, 1
                    sd s3, 16(s1)
                    addi s1, s1, 24
                5:  csrr s3, sepc
                    la s2, epilogue
                    bgeu s3, s2, s_to_m
                    lhu s2, 0(s3)
                    andi s2, s2, 3
                    addi s3, s3, 2
                    xori s2, s2, 3
                    bnez s2, 6f
                    addi s3, s3, 2
                6:  csrw sepc, s3
                    sret
                s_to_m:
                    ecall
                s_interrupt:
                    la s3, traplog_end
                    bgeu s1, s3, 7f
                    sd s2, 0(s1)
                    addi s1, s1, 24
                7:  li s2, 2
                    csrc sip, s2
                    sret
                """);
    }
}
