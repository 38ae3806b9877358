/* Mixed integer + floating-point workload: matrix multiply, an n-body step and a polynomial
 * evaluation with fused multiply-add, plus integer bookkeeping. */
#define M 48
static double ma[M][M], mb[M][M], mc[M][M];
static double px[64], py[64], vx[64], vy[64];

unsigned long main(void) {
    unsigned long acc = 0;
    for (int i = 0; i < M; i++)
        for (int j = 0; j < M; j++) { ma[i][j] = (i * 7 + j) % 13 * 0.25; mb[i][j] = (i + 3 * j) % 11 * 0.5; }
    for (int i = 0; i < 64; i++) { px[i] = i; py[i] = i * 0.5; vx[i] = 0; vy[i] = 0; }
    for (int round = 0; round < 100; round++) {
        for (int i = 0; i < M; i++)
            for (int j = 0; j < M; j++) {
                double s = 0;
                for (int k = 0; k < M; k++) s += ma[i][k] * mb[k][j];
                mc[i][j] = s;
            }
        for (int step = 0; step < 40; step++)
            for (int i = 0; i < 64; i++) {
                double fx = 0, fy = 0;
                for (int j = 0; j < 64; j++) {
                    double dx = px[j] - px[i], dy = py[j] - py[i];
                    double d2 = dx * dx + dy * dy + 0.01;
                    double inv = 1.0 / (d2 * __builtin_sqrt(d2));
                    fx += dx * inv; fy += dy * inv;
                }
                vx[i] += fx * 0.001; vy[i] += fy * 0.001;
                px[i] += vx[i]; py[i] += vy[i];
                acc += (unsigned long) (long) (px[i] * 16.0) & 0xff;
            }
        double x = 0.5, p = 0;
        for (int i = 0; i < 200000; i++) { p = __builtin_fma(p, x, 1.0 / (i + 1)); x = x * 0.999 + 0.0005; acc += i & 3; }
        acc += (unsigned long) (mc[round % M][(round + 1) % M] * 1000.0) + (unsigned long) (p * 1e6);
    }
    return acc;
}
