/* Memory workload: copies, strided sums and a pointer chase over 4 MiB. */
#define N (512 * 1024)
static unsigned long a[N], b[N];

unsigned long main(void) {
    unsigned long acc = 0;
    for (unsigned long i = 0; i < N; i++) a[i] = (i * 2654435761u) % N;
    for (int round = 0; round < 60; round++) {
        for (unsigned long i = 0; i < N; i++) b[i] = a[i] + round;
        for (unsigned long s = 1; s < 64; s *= 4)
            for (unsigned long i = 0; i < N; i += s) acc += b[i];
        unsigned long p = round;
        for (int i = 0; i < 200000; i++) { p = a[p]; acc += p; }
    }
    return acc;
}
