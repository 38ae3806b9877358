//! The kernel's Sv39 address space: identity mappings with the least permission each part needs.
//!
//! | range                           | flags |
//! |---------------------------------|-------|
//! | .text                           | R-X   |
//! | .rodata (+ .data load image)    | R--   |
//! | .data .. end of RAM (bss, stacks, heap, free frames) | RW- |
//! | the page below the kernel stack (guard)                | none |
//! | MMIO: test finisher, CLINT, PLIC, UART0 | RW- |
//!
//! All kernel mappings are global (G). Nothing maps address 0, so null dereferences fault.
use core::sync::atomic::{AtomicUsize, Ordering};

use super::frame::FRAMES;
use super::layout::{KernelSections, MMIO_REGIONS};
use super::paging::{MapError, PteFlags, Sv39Table};
use super::{PhysAddr, PhysPageNum, VirtAddr};
use crate::riscv::{self, csr_write};

/// Root PPN of the active kernel table (0 before paging is on).
static KERNEL_ROOT: AtomicUsize = AtomicUsize::new(0);

fn identity(table: &mut Sv39Table, start: PhysAddr, end: PhysAddr, flags: PteFlags) -> Result<(), MapError> {
    let mut frames = FRAMES.lock();
    let size = end.as_usize() - start.as_usize();
    table.map_range(VirtAddr::new(start.as_usize()), start, size, flags, &mut frames)
}

/// Builds the kernel page table described in the module comment.
pub fn build(s: &KernelSections) -> Result<Sv39Table, MapError> {
    let (r, w, x, g) = (PteFlags::R, PteFlags::W, PteFlags::X, PteFlags::G);
    let mut table = Sv39Table::new(&mut FRAMES.lock())?;
    identity(&mut table, s.text_start, s.text_end, r | x | g)?;
    identity(&mut table, s.rodata_start, s.rodata_end, r | g)?;
    identity(&mut table, s.data_start, s.stack_guard, r | w | g)?;
    // s.stack_guard .. s.stack_bottom stays unmapped.
    identity(&mut table, s.stack_bottom, s.ram_end, r | w | g)?;
    for region in MMIO_REGIONS.iter() {
        let base = PhysAddr::new(region.base);
        identity(&mut table, base, base.add(region.size), r | w | g)?;
    }
    Ok(table)
}

/// Builds the kernel table and turns Sv39 on.
pub fn init(sections: &KernelSections) {
    let table = match build(sections) {
        Ok(t) => t,
        Err(e) => panic!("cannot build the kernel page table: {:?}", e),
    };
    KERNEL_ROOT.store(table.root().as_usize(), Ordering::Release);
    riscv::sfence_vma_all();
    csr_write!("satp", table.satp());
    riscv::sfence_vma_all();
    core::mem::forget(table); // lives as long as the kernel
}

/// The active kernel table, for inspection (ptdump, tests): read-only, so safe code cannot
/// remap or free the table the kernel runs on.
pub fn active() -> Option<ActiveTable> {
    match KERNEL_ROOT.load(Ordering::Acquire) {
        0 => None,
        // SAFETY: the kernel table is never freed (`init` forgets it) and the view cannot change it.
        ppn => Some(ActiveTable(unsafe { Sv39Table::from_root(PhysPageNum::new(ppn)) })),
    }
}

/// A read-only view of the kernel's page table: `translate`, `for_each_leaf`, `satp`, `root`.
pub struct ActiveTable(Sv39Table);

impl core::ops::Deref for ActiveTable {
    type Target = Sv39Table;

    fn deref(&self) -> &Sv39Table {
        &self.0
    }
}
