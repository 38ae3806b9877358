/* A polling virtio-blk driver for both virtio-mmio versions (legacy 1 and modern 2), on the
 * disk in slot 0 (bus=virtio-mmio-bus.0, 0x10001000). Reads sector 0 (expects "RIVETDISK" at its
 * start), writes sector 1 with a pattern, flushes, reads it back, asks GET_ID, and passes.
 * The host test checks the image file afterwards. Built with -DWRITE_AND_WAIT it writes sector 1
 * without a FLUSH, says "written" and waits forever, for the host to end the emulator. */
#include "rt.h"

#define VIRTIO 0x10001000UL
#define R(off) REG32(VIRTIO + (off))
#define QSIZE 8

struct desc { uint64_t addr; uint32_t len; uint16_t flags; uint16_t next; };
struct req { uint32_t type; uint32_t reserved; uint64_t sector; };

/* One area laid out as legacy requires (descriptors, available ring right after them, used ring
 * on the next page); the modern transport is given the same three addresses. */
static uint8_t queue_area[2 * 4096] __attribute__((aligned(4096)));
#define descs ((volatile struct desc *)queue_area)
static struct req header;
static uint8_t data[512];
static volatile uint8_t status;
static uint16_t avail_idx;
static uint16_t used_seen;
static int legacy;

static volatile uint16_t *avail(void) {
    return (volatile uint16_t *)(queue_area + 16 * QSIZE);
}

static volatile uint16_t *used(void) {
    return (volatile uint16_t *)(queue_area + 4096);
}

static int request(uint32_t type, uint64_t sector, uint32_t len, int device_writes) {
    header.type = type;
    header.reserved = 0;
    header.sector = sector;
    status = 0xff;
    descs[0].addr = (uint64_t)&header;
    descs[0].len = 16;
    descs[0].flags = 1;
    descs[0].next = 1;
    descs[1].addr = (uint64_t)data;
    descs[1].len = len;
    descs[1].flags = (uint16_t)(1 | (device_writes ? 2 : 0));
    descs[1].next = 2;
    descs[2].addr = (uint64_t)&status;
    descs[2].len = 1;
    descs[2].flags = 2;
    descs[2].next = 0;
    if (len == 0) {
        descs[0].next = 2;
    }
    volatile uint16_t *a = avail();
    a[2 + avail_idx % QSIZE] = 0;
    __asm__ volatile("fence" ::: "memory");
    avail_idx++;
    a[1] = avail_idx;
    __asm__ volatile("fence" ::: "memory");
    R(0x50) = 0;
    while (used()[1] == used_seen) {
    }
    used_seen++;
    R(0x64) = R(0x60); /* acknowledge the interrupt */
    return status;
}

void trap(unsigned long mcause) { fail(91); }
void secondary(unsigned long hartid) { }

int main(unsigned long fdt) {
    if (R(0x0) != 0x74726976 || R(0x8) != 2) {
        fail(96);
    }
    legacy = R(0x4) == 1;
    puts(legacy ? "virtio-mmio version 1\n" : "virtio-mmio version 2\n");
    R(0x70) = 0;
    R(0x70) = 1 | 2;
    R(0x14) = 0;
    uint32_t f0 = R(0x10);
    R(0x24) = 0;
    R(0x20) = f0 & (1u << 9); /* FLUSH */
    if (!legacy) {
        R(0x24) = 1;
        R(0x20) = 1; /* VIRTIO_F_VERSION_1 */
        R(0x70) = 1 | 2 | 8;
        if (!(R(0x70) & 8)) {
            fail(97);
        }
    } else {
        R(0x28) = 4096;
    }
    R(0x30) = 0;
    if (R(0x34) < QSIZE) {
        fail(98);
    }
    R(0x38) = QSIZE;
    if (legacy) {
        R(0x3c) = 4096;
        R(0x40) = (uint32_t)((uint64_t)queue_area >> 12);
    } else {
        R(0x80) = (uint32_t)(uint64_t)queue_area;
        R(0x84) = 0;
        R(0x90) = (uint32_t)(uint64_t)avail();
        R(0x94) = 0;
        R(0xa0) = (uint32_t)(uint64_t)used();
        R(0xa4) = 0;
        R(0x44) = 1;
    }
    R(0x70) = R(0x70) | 4;

    if (request(0, 0, 512, 1) != 0) {
        fail(80);
    }
    const char *magic = "RIVETDISK";
    for (int i = 0; magic[i]; i++) {
        if (data[i] != magic[i]) {
            fail(81);
        }
    }
    puts("read ok\n");
    for (int i = 0; i < 512; i++) {
        data[i] = (uint8_t)(i * 7 + 3);
    }
    if (request(1, 1, 512, 0) != 0) {
        fail(82);
    }
#ifdef WRITE_AND_WAIT
    puts("written\n");
    for (;;) {
        __asm__ volatile("wfi");
    }
#endif
    if (request(4, 0, 0, 0) != 0) {
        fail(83);
    }
    for (int i = 0; i < 512; i++) {
        data[i] = 0;
    }
    if (request(0, 1, 512, 1) != 0 || data[5] != (uint8_t)(5 * 7 + 3)) {
        fail(84);
    }
    if (request(0, 1u << 30, 512, 1) != 1) { /* beyond the disk: IOERR */
        fail(85);
    }
    puts("write ok\n");
    /* GET_ID (virtio 1.1, 5.2.6): the -device serial= and a NUL; QEMU leaves the rest alone */
    for (int i = 0; i < 20; i++) {
        data[i] = 0xff;
    }
    if (request(8, 0, 20, 1) != 0) {
        fail(86);
    }
    const char *serial = "RIVET-SN1";
    for (int i = 0; i < 20; i++) {
        if (data[i] != (i < 9 ? (uint8_t)serial[i] : i == 9 ? 0 : 0xff)) {
            fail(87);
        }
    }
    puts("id ok\n");
    pass();
}
