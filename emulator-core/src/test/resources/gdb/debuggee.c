/* The program the gdb-multiarch tests debug (built with -O0 -g). Line numbers matter: the tests
   find their breakpoints by the marker comments. */
void do_ecall(void);

volatile unsigned long watched;
volatile unsigned long counter;
volatile unsigned long hart1_counter;
unsigned long table[4] = {0x1111, 0x2222, 0x3333, 0x4444};

static unsigned long sum_to(unsigned long n)
{
    unsigned long local_sum = 0;
    for (unsigned long i = 0; i < n; i++) {
        local_sum += i; /* LOOP_LINE */
    }
    return local_sum;
}

int main(void)
{
    unsigned long result = sum_to(10);
    counter = 1;
    watched = result + 1;
    do_ecall();
    for (;;) {
        counter++;
    }
}

void secondary(void)
{
    for (;;) {
        hart1_counter++;
    }
}
