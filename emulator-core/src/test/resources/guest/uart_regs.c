/* The NS16550A's registers as a driver sees them, without console input: reset values, the
 * divisor latch, MSR in and out of loopback with the modem-status interrupt enabled, overrun
 * and the receiver-line-status interrupt with the FIFO off and on, FCR's receive-FIFO reset,
 * the trigger levels 1/4/8/14 against the character timeout (4 character times, on the
 * machine's clock), and the THR-empty interrupt. Loopback carries the test bytes, so nothing is
 * printed until the end: each step records a value under a label, and the record is printed
 * once the UART is back to normal. (The interrupt line is not sampled: QEMU 7.2.x's PLIC keeps
 * a pending bit until it is claimed, so it would not follow the line.) */
#include "rt.h"

#define RBR 0
#define THR 0
#define IER 1
#define IIR 2
#define FCR 2
#define LCR 3
#define MCR 4
#define LSR 5
#define MSR 6
#define SCR 7

#define RD(r) REG8(UART0 + (r))
#define WR(r, v) (REG8(UART0 + (r)) = (v))

#define MAX_RECORDS 128
static const char *labels[MAX_RECORDS];
static unsigned values[MAX_RECORDS];
static int records;

static void record(const char *label, unsigned value) {
    if (records < MAX_RECORDS) {
        labels[records] = label;
        values[records] = value;
        records++;
    }
}

/* Divisor 1000 from the 399193 Hz clock QEMU's virt gives the UART: about 400 baud, one 8N1
 * character is 25 ms, the character timeout 100 ms. */
#define CHARACTER_TIMEOUT_TICKS 1000000UL /* 100 ms at 10 MHz */

static void wait_ticks(unsigned long ticks) {
    unsigned long start = MTIME;
    while (MTIME - start < ticks) {
    }
}

static void send(int count, char first) {
    for (int i = 0; i < count; i++) {
        WR(THR, first + i);
    }
}

static unsigned drain(void) {
    unsigned count = 0;
    while (RD(LSR) & 1) {
        (void)RD(RBR);
        count++;
    }
    return count;
}

static void puthex2(unsigned v) {
    const char *digits = "0123456789abcdef";
    putc(digits[(v >> 4) & 15]);
    putc(digits[v & 15]);
}

void secondary(unsigned long hartid) { }

void trap(unsigned long mcause) {
    fail(90);
}

static void reset_values(void) {
    record("ier", RD(IER));
    record("iir", RD(IIR));
    record("lcr", RD(LCR));
    record("mcr", RD(MCR));
    record("lsr", RD(LSR));
    record("msr", RD(MSR));
    record("scr", RD(SCR));
    WR(LCR, 0x83);
    record("dll", RD(0));
    record("dlm", RD(1));
    WR(0, 1000 & 0xff);
    WR(1, 1000 >> 8);
    WR(LCR, 0x03);
    record("lcr 8n1", RD(LCR));
}

static void modem_status(void) {
    WR(IER, 0x08);
    record("msi iir", RD(IIR));
    WR(MCR, 0x10);
    record("loop msr", RD(MSR));
    record("loop iir", RD(IIR));
    WR(MCR, 0x1f);
    record("loop all msr", RD(MSR));
    record("loop all msr again", RD(MSR));
    record("loop all iir", RD(IIR));
    WR(MCR, 0x1b);
    record("loop out1 off msr", RD(MSR));
    record("loop out1 off iir", RD(IIR));
    WR(MCR, 0x10);
    record("loop none msr", RD(MSR));
    WR(MCR, 0x08);
    record("out2 msr", RD(MSR));
    record("out2 iir", RD(IIR));
    WR(IER, 0x00);
}

static void receiver_without_fifo(void) {
    WR(MCR, 0x18);
    WR(IER, 0x05);
    send(1, 'a');
    record("one iir", RD(IIR));
    record("one lsr", RD(LSR));
    send(1, 'b');
    record("overrun iir", RD(IIR));
    record("overrun lsr", RD(LSR));
    record("overrun lsr again", RD(LSR));
    record("overrun iir after lsr", RD(IIR));
    record("overrun rbr", RD(RBR));
    record("overrun rbr lsr", RD(LSR));
    record("overrun rbr iir", RD(IIR));
    send(1, 'c');
    WR(FCR, 0x02);
    record("rfr off lsr", RD(LSR));
    record("rfr off iir", RD(IIR));
    record("rfr off rbr", RD(RBR));
}

static void trigger_level(int fcr, int level) {
    WR(FCR, fcr | 0x02);
    send(level - 1, 'a');
    record("below iir", RD(IIR));
    wait_ticks(CHARACTER_TIMEOUT_TICKS * 3 / 2);
    record("below later iir", RD(IIR));
    send(1, 'z');
    record("at iir", RD(IIR));
    (void)RD(RBR);
    record("one read iir", RD(IIR));
    wait_ticks(CHARACTER_TIMEOUT_TICKS * 3 / 2);
    record("one read later iir", RD(IIR));
    record("count", drain() + 1);
    record("drained iir", RD(IIR));
}

static void receiver_with_fifo(void) {
    WR(FCR, 0x01);
    record("fifo iir", RD(IIR));
    trigger_level(0x01, 1);
    trigger_level(0x41, 4);
    trigger_level(0x81, 8);
    trigger_level(0xc1, 14);
    WR(FCR, 0xc3);
    send(17, 'A');
    record("full iir", RD(IIR));
    record("full lsr", RD(LSR));
    record("full iir after lsr", RD(IIR));
    unsigned last = 0;
    unsigned count = 0;
    while (RD(LSR) & 1) {
        last = RD(RBR);
        count++;
    }
    record("full count", count);
    record("full last", last);
    send(3, 'x');
    WR(FCR, 0xc3);
    record("rfr lsr", RD(LSR));
    record("rfr iir", RD(IIR));
    record("rfr rbr", RD(RBR));
    send(2, 'x');
    WR(FCR, 0x00);
    record("fifo off lsr", RD(LSR));
    record("fifo off iir", RD(IIR));
    WR(IER, 0x00);
}

static void transmitter_empty(void) {
    WR(IER, 0x02);
    record("thri iir", RD(IIR));
    record("thri iir again", RD(IIR));
    send(1, 't');
    record("sent iir", RD(IIR));
    record("sent iir again", RD(IIR));
    record("sent lsr", RD(LSR));
    (void)RD(RBR);
    WR(IER, 0x02);
    record("same ier iir", RD(IIR));
    WR(IER, 0x00);
    WR(IER, 0x02);
    record("toggled ier iir", RD(IIR));
    record("toggled ier iir again", RD(IIR));
    WR(IER, 0x03);
    send(1, 'u');
    record("rdi and thri iir", RD(IIR));
    record("rdi and thri rbr", RD(RBR));
    record("after rbr iir", RD(IIR));
    record("after rbr iir again", RD(IIR));
    WR(FCR, 0x01);
    record("fifo on iir", RD(IIR));
    record("fifo on iir again", RD(IIR));
    WR(FCR, 0x05);
    record("xfr iir", RD(IIR));
    record("xfr iir again", RD(IIR));
    WR(FCR, 0x01);
    record("same fcr iir", RD(IIR));
    WR(IER, 0x00);
    WR(FCR, 0x00);
}

int main(unsigned long fdt) {
    reset_values();
    modem_status();
    receiver_without_fifo();
    receiver_with_fifo();
    transmitter_empty();
    WR(MCR, 0x08);
    WR(LCR, 0x83);
    WR(0, 0x0c);
    WR(1, 0x00);
    WR(LCR, 0x03);
    for (int i = 0; i < records; i++) {
        puts(labels[i]);
        putc(' ');
        puthex2(values[i]);
        putc('\n');
    }
    pass();
}
