//! Physical memory, Sv39 paging and the kernel heap.
//!
//! ```text
//! QEMU `virt` physical memory map (hw/riscv/virt.c, virt_memmap[]), as this kernel uses it.
//! The kernel identity-maps everything it touches (VA == PA), so the same numbers are virtual.
//!
//!  0x0000_0000 ..                 unmapped: a null dereference page-faults
//!  0x0000_1000 .. 0x0000_2000     MROM: QEMU's reset vector (jumps to 0x8000_0000)   not mapped
//!  0x0010_0000 .. 0x0010_1000     test finisher (sifive_test)             RW-  MMIO
//!  0x0200_0000 .. 0x0201_0000     CLINT: msip, mtimecmp, mtime            RW-  MMIO
//!  0x0c00_0000 .. 0x0c60_0000     PLIC (priorities, enables, contexts)    RW-  MMIO
//!  0x1000_0000 .. 0x1000_1000     UART0 NS16550A, PLIC IRQ 10             RW-  MMIO
//!  0x8000_0000 .. 0x8020_0000     KIMAGE (linker region, 2 MiB)
//!                                   .text                                 R-X
//!                                   .rodata + .data load image            R--
//!                                   rest of the 2 MiB                     not mapped
//!  0x8020_0000 .. 0x8800_0000     RAM (linker region, 126 MiB; QEMU -m 128M)
//!                                   .data, .bss                           RW-
//!                                   stack guard page (4 KiB)              not mapped
//!                                   boot/S stack (64 KiB), M stack (4 KiB),
//!                                   trap stack for overflow reports (4 KiB) RW-
//!                                   heap (4 MiB, kernel allocator)        RW-
//!                                   free frames -> FrameAllocator         RW-
//! ```
//! Exact section boundaries come from the linker script (kernel/kernel.ld) through
//! [`layout::KernelSections`]; `ptdump` in the shell prints the resulting page table.
pub mod addr;
pub mod frame;
pub mod heap;
pub mod kernel_space;
pub mod layout;
pub mod paging;

pub use addr::{PhysAddr, PhysPageNum, VirtAddr, VirtPageNum, PAGE_SIZE};

/// Brings up the page-frame allocator, the Sv39 kernel page table and the heap.
pub fn init() {
    let sections = layout::KernelSections::get();
    frame::init(sections.free_ram_start, sections.ram_end);
    kernel_space::init(&sections);
    heap::init(sections.heap_start, sections.heap_end);
}
