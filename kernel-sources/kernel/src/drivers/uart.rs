//! NS16550A UART (QEMU virt's `serial0`): polled transmit, interrupt-driven receive into a
//! ring buffer that the console's line editor drains.
use super::mmio;
use crate::memory::layout::UART0_BASE;
use crate::riscv;
use crate::sync::IrqSpinLock;

const RBR_THR: usize = 0; // receive buffer / transmit holding
const IER: usize = 1; // interrupt enable
const FCR: usize = 2; // FIFO control
const LCR: usize = 3; // line control
const LSR: usize = 5; // line status
const IER_RX_AVAILABLE: u8 = 0x01;
const LSR_DATA_READY: u8 = 0x01;
const LSR_THR_EMPTY: u8 = 0x20;

/// Received bytes waiting for the console (filled by the interrupt handler).
static RX: IrqSpinLock<ByteRing<256>> = IrqSpinLock::new(ByteRing::new());

pub fn init() {
    mmio::write8(UART0_BASE + LCR, 0x03); // 8 data bits, no parity, 1 stop bit
    mmio::write8(UART0_BASE + FCR, 0x07); // enable and clear FIFOs
    mmio::write8(UART0_BASE + IER, IER_RX_AVAILABLE);
}

/// Transmits one byte, waiting for room in the transmitter.
pub fn put_byte(b: u8) {
    while mmio::read8(UART0_BASE + LSR) & LSR_THR_EMPTY == 0 {
        core::hint::spin_loop();
    }
    mmio::write8(UART0_BASE + RBR_THR, b);
}

/// Interrupt handler: moves every received byte into the ring (drops them when it is full).
pub fn handle_interrupt() {
    let mut rx = RX.lock();
    while mmio::read8(UART0_BASE + LSR) & LSR_DATA_READY != 0 {
        let b = mmio::read8(UART0_BASE + RBR_THR);
        rx.push(b);
    }
}

/// Returns the next received byte, sleeping with `wfi` until one arrives.
pub fn read_byte() -> u8 {
    loop {
        let were_on = riscv::interrupts_off();
        // The guard must be gone before interrupts come back on: the receive interrupt takes
        // the same lock (an `if let` on `RX.lock().pop()` would keep it until the block ends).
        let byte = RX.lock().pop();
        if let Some(b) = byte {
            riscv::interrupts_restore(were_on);
            return b;
        }
        // wfi wakes on a pending interrupt even with SIE clear; the trap is taken once SIE is set.
        riscv::wait_for_interrupt();
        riscv::interrupts_on();
    }
}

/// Fixed-capacity FIFO of bytes.
pub struct ByteRing<const N: usize> {
    buf: [u8; N],
    head: usize,
    len: usize,
    dropped: usize,
}

impl<const N: usize> ByteRing<N> {
    pub const fn new() -> Self {
        Self { buf: [0; N], head: 0, len: 0, dropped: 0 }
    }
    pub fn push(&mut self, b: u8) {
        if self.len == N {
            self.dropped += 1;
            return;
        }
        self.buf[(self.head + self.len) % N] = b;
        self.len += 1;
    }
    pub fn pop(&mut self) -> Option<u8> {
        if self.len == 0 {
            return None;
        }
        let b = self.buf[self.head];
        self.head = (self.head + 1) % N;
        self.len -= 1;
        Some(b)
    }
    pub fn dropped(&self) -> usize {
        self.dropped
    }
}

impl<const N: usize> Default for ByteRing<N> {
    fn default() -> Self {
        Self::new()
    }
}
