//! Platform-level interrupt controller (RISC-V PLIC spec 1.0.0), hart 0's S-mode context.
//! QEMU virt numbers contexts 2*hart (M) and 2*hart+1 (S).
use super::mmio;
use crate::memory::layout::{PLIC_BASE, UART0_IRQ};

const S_CONTEXT: usize = 1;

fn priority(irq: u32) -> usize {
    PLIC_BASE + 4 * irq as usize
}
fn enable_word(context: usize, irq: u32) -> usize {
    PLIC_BASE + 0x2000 + 0x80 * context + 4 * (irq as usize / 32)
}
fn threshold(context: usize) -> usize {
    PLIC_BASE + 0x20_0000 + 0x1000 * context
}
fn claim_complete(context: usize) -> usize {
    threshold(context) + 4
}

/// Routes the UART's interrupt to hart 0 in S-mode and enables S-mode external interrupts.
pub fn init() {
    mmio::write32(priority(UART0_IRQ), 1);
    let word = enable_word(S_CONTEXT, UART0_IRQ);
    mmio::write32(word, mmio::read32(word) | 1 << (UART0_IRQ % 32));
    mmio::write32(threshold(S_CONTEXT), 0);
    crate::riscv::csr_set!("sie", crate::riscv::SIE_SEIE);
}

/// Claims the highest-priority pending interrupt (0 = none).
pub fn claim() -> u32 {
    mmio::read32(claim_complete(S_CONTEXT))
}

/// Signals that `irq` has been serviced.
pub fn complete(irq: u32) {
    mmio::write32(claim_complete(S_CONTEXT), irq)
}
