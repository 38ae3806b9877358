/* Integer workload: a sieve of Eratosthenes, CRC-32 and a xorshift hash mix. */
static unsigned char sieve[200000];
static unsigned crc_table[256];

unsigned long main(void) {
    unsigned long acc = 0;
    for (unsigned i = 0; i < 256; i++) {
        unsigned c = i;
        for (int k = 0; k < 8; k++) c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
        crc_table[i] = c;
    }
    for (int round = 0; round < 100; round++) {
        for (unsigned i = 0; i < sizeof sieve; i++) sieve[i] = 1;
        for (unsigned i = 2; i * i < sizeof sieve; i++)
            if (sieve[i]) for (unsigned j = i * i; j < sizeof sieve; j += i) sieve[j] = 0;
        unsigned crc = 0xffffffffu;
        for (unsigned i = 0; i < sizeof sieve; i++) crc = crc_table[(crc ^ sieve[i]) & 0xff] ^ (crc >> 8);
        unsigned long x = 88172645463325252ul + round;
        for (int i = 0; i < 400000; i++) { x ^= x << 13; x ^= x >> 7; x ^= x << 17; acc += x % 1000003; }
        acc += crc;
    }
    return acc;
}
