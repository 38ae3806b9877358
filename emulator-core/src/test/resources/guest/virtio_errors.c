/* Queue errors and indirect descriptors on virtio-blk (slot 0), either virtio-mmio version: each
 * case starts from a freshly initialised device, submits one request and prints the status
 * register, InterruptStatus, the used index and the request's status byte. Indirect tables are
 * followed, negotiated or not; a malformed chain breaks the device until a reset (a modern one
 * also sets DEVICE_NEEDS_RESET with InterruptStatus 3, a legacy one just stops). Also: the
 * features both emulators offer, QueueNumMax, and (legacy) QueuePFN 0 resetting the device. */
#include "rt.h"

#define VIRTIO 0x10001000UL
#define R(off) REG32(VIRTIO + (off))
#define QSIZE 8

struct desc { uint64_t addr; uint32_t len; uint16_t flags; uint16_t next; };
struct req { uint32_t type; uint32_t reserved; uint64_t sector; };

static uint8_t queue_area[2 * 4096] __attribute__((aligned(4096)));
#define descs ((volatile struct desc *)queue_area)
static volatile struct desc table[8] __attribute__((aligned(16)));
static struct req header;
static uint8_t data[512];
static volatile uint8_t status;
static uint16_t avail_idx;
static int legacy;

static volatile uint16_t *avail(void) { return (volatile uint16_t *)(queue_area + 16 * QSIZE); }
static volatile uint16_t *used(void) { return (volatile uint16_t *)(queue_area + 4096); }

static void puthex(unsigned long v) {
    const char *d = "0123456789abcdef";
    for (int i = 28; i >= 0; i -= 4) putc(d[(v >> i) & 15]);
}
static void show(const char *label, unsigned long v) { puts(label); putc(' '); puthex(v); putc('\n'); }

static void init(uint32_t f0, uint32_t f1) {
    R(0x70) = 0;
    for (int i = 0; i < (int)sizeof queue_area; i++) queue_area[i] = 0;
    avail_idx = 0;
    R(0x70) = 1 | 2;
    R(0x24) = 0;
    R(0x20) = f0;
    R(0x24) = 1;
    R(0x20) = f1;
    if (!legacy) {
        R(0x70) = 1 | 2 | 8;
    } else {
        R(0x28) = 4096;
    }
    R(0x30) = 0;
    R(0x38) = QSIZE;
    if (legacy) {
        R(0x3c) = 4096;
        R(0x40) = (uint32_t)((uint64_t)queue_area >> 12);
    } else {
        R(0x80) = (uint32_t)(uint64_t)queue_area; R(0x84) = 0;
        R(0x90) = (uint32_t)(uint64_t)avail(); R(0x94) = 0;
        R(0xa0) = (uint32_t)(uint64_t)used(); R(0xa4) = 0;
        R(0x44) = 1;
    }
    R(0x70) = R(0x70) | 4;
}

static void submit(int head, int advance) {
    volatile uint16_t *a = avail();
    a[2 + avail_idx % QSIZE] = head;
    __asm__ volatile("fence" ::: "memory");
    avail_idx += advance;
    a[1] = avail_idx;
    __asm__ volatile("fence" ::: "memory");
    uint16_t before = used()[1];
    R(0x50) = 0;
    unsigned long start = MTIME;
    while (used()[1] == before && !(R(0x70) & 0x40) && MTIME - start < 3000000UL) {
    }
}

static void fill_req(volatile struct desc *t, uint32_t type, uint64_t sector) {
    header.type = type; header.reserved = 0; header.sector = sector;
    status = 0xee;
    t[0].addr = (uint64_t)&header; t[0].len = 16; t[0].flags = 1; t[0].next = 1;
    t[1].addr = (uint64_t)data; t[1].len = 512; t[1].flags = 1 | 2; t[1].next = 2;
    t[2].addr = (uint64_t)&status; t[2].len = 1; t[2].flags = 2; t[2].next = 0;
}

static void report(const char *what) {
    puts(what); putc('\n');
    show(" status", R(0x70));
    show(" isr", R(0x60));
    show(" used", used()[1]);
    show(" st", status);
    R(0x64) = R(0x60);
}

void trap(unsigned long mcause) { fail(91); }
void secondary(unsigned long hartid) { }

int main(unsigned long fdt) {
    legacy = R(0x4) == 1;
    show("version", R(0x4));
    /* SEG_MAX, BLK_SIZE, FLUSH, RING_INDIRECT_DESC; QEMU offers more, which Rivet does not */
    R(0x14) = 0; show("features0", R(0x10) & ((1u << 2) | (1u << 6) | (1u << 9) | (1u << 28)));
    R(0x14) = 1; show("features1", R(0x10) & 1);
    R(0x30) = 0; show("qmax", R(0x34));
    R(0x30) = 1; show("qmax1", R(0x34));
    unsigned f1 = legacy ? 0 : 1;

    init(0, f1);
    fill_req(descs, 0, 0);
    submit(0, 1);
    report("plain");

    init(0, f1);
    fill_req(table, 0, 0);
    descs[0].addr = (uint64_t)table; descs[0].len = 48; descs[0].flags = 4; descs[0].next = 0;
    submit(0, 1);
    report("indirect not negotiated");

    init(1u << 28, f1);
    fill_req(table, 0, 0);
    descs[0].addr = (uint64_t)table; descs[0].len = 48; descs[0].flags = 4; descs[0].next = 0;
    submit(0, 1);
    report("indirect negotiated");

    init(1u << 28, f1);
    fill_req(table, 0, 0);
    descs[0].addr = (uint64_t)table; descs[0].len = 40; descs[0].flags = 4; descs[0].next = 0;
    submit(0, 1);
    report("indirect bad len");
    fill_req(descs, 0, 0);
    submit(0, 1);
    report("after error plain");

    init(1u << 28, f1);
    fill_req(table, 0, 0);
    table[2].flags = 2 | 4;
    descs[0].addr = (uint64_t)table; descs[0].len = 48; descs[0].flags = 4; descs[0].next = 0;
    submit(0, 1);
    report("nested indirect flag");

    init(1u << 28, f1);
    fill_req(table, 0, 0);
    descs[0].addr = (uint64_t)table; descs[0].len = 48; descs[0].flags = 4 | 1; descs[0].next = 1;
    fill_req(descs + 1, 0, 0);
    descs[1].addr = (uint64_t)&status; descs[1].len = 1; descs[1].flags = 2;
    submit(0, 1);
    report("indirect with next");

    init(0, f1);
    fill_req(descs, 0, 0);
    descs[2].flags = 2 | 1; descs[2].next = 0;
    submit(0, 1);
    report("writable then readable");

    init(0, f1);
    fill_req(descs, 0, 0);
    descs[1].flags = 1; descs[1].next = 0;
    submit(0, 1);
    report("loop");

    init(0, f1);
    fill_req(descs, 0, 0);
    submit(0, QSIZE + 1);
    /* QEMU serves the ring's first entries before it notices, Rivet none: only the verdict */
    show("avail jump status", R(0x70));
    R(0x64) = R(0x60);

    init(0, f1);
    fill_req(descs, 0, 0);
    submit(9, 1);
    report("head beyond");

    init(0, f1);
    fill_req(descs, 0, 0);
    descs[0].len = 8;
    submit(0, 1);
    report("short header");


    init(0, f1);
    fill_req(descs, 0, 0);
    descs[1].len = 100;
    submit(0, 1);
    report("not whole sector");

    init(0, f1);
    fill_req(descs, 0, 0);
    descs[1].flags = 2;
    submit(0, 1);
    report("last data byte as status");

    init(0, f1);
    fill_req(descs, 0, 0);
    submit(0, 1);
    report("after reset plain");
    if (legacy) {
        R(0x30) = 0;
        R(0x40) = 0;
        show("pfn 0 status", R(0x70));
    }
    pass();
}
