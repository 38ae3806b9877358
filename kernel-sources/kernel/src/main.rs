//! Rivet reference kernel for QEMU's `virt` machine (and Rivet's model of it).
//!
//! Boot path: `boot` (M-mode assembly, hart 0 only) -> `machine::init` (PMP, delegation, CLINT
//! timer forwarding) -> `mret` into [`kmain`] in S-mode -> traps, UART, page-frame allocator,
//! Sv39 kernel page table, heap -> the shell (or, with the `ktest` feature, the in-kernel tests).
#![no_std]
#![no_main]

extern crate alloc;

#[macro_use]
pub mod console;
pub mod boot;
pub mod drivers;
#[cfg(feature = "ktest")]
pub mod ktest;
pub mod machine;
pub mod memory;
pub mod riscv;
pub mod shell;
pub mod sync;
pub mod trap;

use core::panic::PanicInfo;

/// S-mode entry point; `machine::init` makes `mret` land here on hart 0.
#[no_mangle]
pub extern "C" fn kmain() -> ! {
    trap::install();
    drivers::uart::init();
    println!();
    println!("Rivet kernel {} (hart 0, S-mode)", env!("CARGO_PKG_VERSION"));
    memory::init();
    drivers::plic::init();
    trap::enable_interrupts();
    println!("boot: Sv39 on, heap '{}' ready, interrupts on", memory::heap::stats().allocator);

    #[cfg(feature = "ktest")]
    ktest::run_all_and_exit();

    #[cfg(not(feature = "ktest"))]
    shell::run()
}

#[panic_handler]
fn panic(info: &PanicInfo) -> ! {
    riscv::interrupts_off();
    console::panic_print(format_args!("\nKERNEL PANIC: {}\n", info));
    drivers::finisher::exit_failure(drivers::finisher::PANIC_STATUS)
}
