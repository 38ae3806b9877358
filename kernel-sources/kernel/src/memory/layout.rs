//! Addresses of QEMU virt's devices and of the kernel's linker-script sections.
//! See the map at the top of [`crate::memory`].
use super::PhysAddr;

pub const TEST_FINISHER_BASE: usize = 0x0010_0000;
pub const TEST_FINISHER_SIZE: usize = 0x1000;
pub const CLINT_BASE: usize = 0x0200_0000;
pub const CLINT_SIZE: usize = 0x1_0000;
pub const PLIC_BASE: usize = 0x0c00_0000;
/// hw/riscv/virt.c: VIRT_PLIC_SIZE(VIRT_CPUS_MAX * 2) = 0x20_0000 + 1024 * 0x1000.
pub const PLIC_SIZE: usize = 0x60_0000;
pub const UART0_BASE: usize = 0x1000_0000;
pub const UART0_SIZE: usize = 0x1000;
/// PLIC source of UART0 (hw/riscv/virt.h: UART0_IRQ).
pub const UART0_IRQ: u32 = 10;
/// Start of DRAM.
pub const DRAM_BASE: usize = 0x8000_0000;

/// An MMIO window the kernel maps read/write.
pub struct MmioRegion {
    pub name: &'static str,
    pub base: usize,
    pub size: usize,
}

pub const MMIO_REGIONS: [MmioRegion; 4] = [
    MmioRegion { name: "test finisher", base: TEST_FINISHER_BASE, size: TEST_FINISHER_SIZE },
    MmioRegion { name: "CLINT", base: CLINT_BASE, size: CLINT_SIZE },
    MmioRegion { name: "PLIC", base: PLIC_BASE, size: PLIC_SIZE },
    MmioRegion { name: "UART0", base: UART0_BASE, size: UART0_SIZE },
];

extern "C" {
    static _text_start: u8;
    static _text_end: u8;
    static _rodata_start: u8;
    static _rodata_end: u8;
    static _data_start: u8;
    static _stack_guard: u8;
    static _stack_bottom: u8;
    static _heap_start: u8;
    static _heap_end: u8;
    static _free_ram_start: u8;
    static _ram_end: u8;
}

/// Section boundaries of the running kernel, from kernel.ld (all page-aligned).
#[derive(Clone, Copy, Debug)]
pub struct KernelSections {
    pub text_start: PhysAddr,
    pub text_end: PhysAddr,
    pub rodata_start: PhysAddr,
    pub rodata_end: PhysAddr,
    /// .data, .bss, stacks and heap: read/write, except the guard page.
    pub data_start: PhysAddr,
    /// The unmapped page below the kernel stack.
    pub stack_guard: PhysAddr,
    pub stack_bottom: PhysAddr,
    pub heap_start: PhysAddr,
    pub heap_end: PhysAddr,
    pub free_ram_start: PhysAddr,
    pub ram_end: PhysAddr,
}

impl KernelSections {
    pub fn get() -> Self {
        fn at(sym: &u8) -> PhysAddr {
            PhysAddr::new(sym as *const u8 as usize)
        }
        unsafe {
            Self {
                text_start: at(&_text_start),
                text_end: at(&_text_end),
                rodata_start: at(&_rodata_start),
                rodata_end: at(&_rodata_end),
                data_start: at(&_data_start),
                stack_guard: at(&_stack_guard),
                stack_bottom: at(&_stack_bottom),
                heap_start: at(&_heap_start),
                heap_end: at(&_heap_end),
                free_ram_start: at(&_free_ram_start),
                ram_end: at(&_ram_end),
            }
        }
    }
}
