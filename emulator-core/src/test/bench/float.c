/* Floating-point workload: a Mandelbrot set in double precision (multiply, add, compare), a
 * single-precision convolution with fused multiply-add, and Newton's square roots (divide);
 * the integer work is only loop control and the checksum. */
static float signal[1024], kernel[32], out[1024];

unsigned long main(void) {
    unsigned long acc = 0;
    for (int y = 0; y < 192; y++) {
        for (int x = 0; x < 256; x++) {
            double cr = -2.0 + x * (3.0 / 256), ci = -1.2 + y * (2.4 / 192), zr = 0, zi = 0;
            int n = 0;
            while (n < 400 && zr * zr + zi * zi < 4.0) {
                double t = zr * zr - zi * zi + cr;
                zi = 2.0 * zr * zi + ci;
                zr = t;
                n++;
            }
            acc += n;
        }
    }
    for (int i = 0; i < 1024; i++) signal[i] = (float) ((i * 37) % 101) * 0.01f;
    for (int i = 0; i < 32; i++) kernel[i] = 1.0f / (float) (i + 1);
    for (int round = 0; round < 600; round++) {
        for (int i = 0; i + 32 <= 1024; i++) {
            float s = 0;
            for (int k = 0; k < 32; k++) s = __builtin_fmaf(signal[i + k], kernel[k], s);
            out[i] = s;
        }
        signal[round % 1024] = out[round * 7 % 992];
    }
    for (int i = 0; i < 992; i++) acc += (unsigned long) (out[i] * 1000.0f);
    for (int i = 1; i < 200000; i++) {
        double v = i, r = v;
        for (int k = 0; k < 8; k++) r = 0.5 * (r + v / r);
        acc += (unsigned long) r;
    }
    return acc;
}
