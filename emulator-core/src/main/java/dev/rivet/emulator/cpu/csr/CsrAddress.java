package dev.rivet.emulator.cpu.csr;

/** CSR numbers (RISC-V privileged spec, section 2.2, tables 2.2-2.5). */
public final class CsrAddress {

    public static final int FFLAGS = 0x001;
    public static final int FRM = 0x002;
    public static final int FCSR = 0x003;
    public static final int CYCLE = 0xc00;
    public static final int TIME = 0xc01;
    public static final int INSTRET = 0xc02;
    public static final int HPMCOUNTER3 = 0xc03;
    public static final int HPMCOUNTER31 = 0xc1f;

    public static final int SSTATUS = 0x100;
    public static final int SIE = 0x104;
    public static final int STVEC = 0x105;
    public static final int SCOUNTEREN = 0x106;
    public static final int SENVCFG = 0x10a;
    public static final int SSCRATCH = 0x140;
    public static final int SEPC = 0x141;
    public static final int SCAUSE = 0x142;
    public static final int STVAL = 0x143;
    public static final int SIP = 0x144;
    public static final int SATP = 0x180;

    public static final int MVENDORID = 0xf11;
    public static final int MARCHID = 0xf12;
    public static final int MIMPID = 0xf13;
    public static final int MHARTID = 0xf14;
    public static final int MCONFIGPTR = 0xf15;
    public static final int MSTATUS = 0x300;
    public static final int MISA = 0x301;
    public static final int MEDELEG = 0x302;
    public static final int MIDELEG = 0x303;
    public static final int MIE = 0x304;
    public static final int MTVEC = 0x305;
    public static final int MCOUNTEREN = 0x306;
    public static final int MENVCFG = 0x30a;
    public static final int MCOUNTINHIBIT = 0x320;
    public static final int MHPMEVENT3 = 0x323;
    public static final int MHPMEVENT31 = 0x33f;
    public static final int MSCRATCH = 0x340;
    public static final int MEPC = 0x341;
    public static final int MCAUSE = 0x342;
    public static final int MTVAL = 0x343;
    public static final int MIP = 0x344;
    public static final int PMPCFG0 = 0x3a0;
    public static final int PMPCFG3 = 0x3a3;
    public static final int PMPADDR0 = 0x3b0;
    public static final int PMPADDR15 = 0x3bf;
    public static final int MCYCLE = 0xb00;
    public static final int MINSTRET = 0xb02;
    public static final int MHPMCOUNTER3 = 0xb03;
    public static final int MHPMCOUNTER31 = 0xb1f;

    private CsrAddress() {
    }

    /** The lowest privilege mode that may access {@code csr} (bits 9:8). */
    public static int minimumPrivilege(int csr) {
        return (csr >>> 8) & 3;
    }

    /** Whether {@code csr} is read-only (bits 11:10 = 3). */
    public static boolean isReadOnly(int csr) {
        return (csr >>> 10) == 3;
    }
}
