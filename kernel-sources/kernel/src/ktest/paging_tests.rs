//! Tests of the Sv39 page-table code (on private tables) and of the live kernel page table.
use super::kernel_tests::Arena;
use super::{TestCase, TestResult};
use crate::memory::frame::FrameAllocator;
use crate::memory::kernel_space;
use crate::memory::layout::{KernelSections, UART0_BASE};
use crate::memory::paging::{Leaf, MapError, MappedRange, PteFlags, RangeCoalescer, Sv39Table};
use crate::memory::{PhysAddr, VirtAddr, PAGE_SIZE};
use crate::{kcheck, kcheck_eq};

pub const TESTS: &[TestCase] = &[
    TestCase { name: "paging::map_then_translate", run: map_translate },
    TestCase { name: "paging::unmapped_address_does_not_translate", run: unmapped_none },
    TestCase { name: "paging::double_map_is_rejected", run: double_map },
    TestCase { name: "paging::misaligned_and_invalid_flags_are_rejected", run: bad_arguments },
    TestCase { name: "paging::unmap_removes_the_mapping", run: unmap },
    TestCase { name: "paging::high_half_address_uses_root_index_256", run: high_half },
    TestCase { name: "paging::leaves_come_in_address_order", run: leaves_in_order },
    TestCase { name: "paging::out_of_frames_is_reported", run: out_of_frames },
    TestCase { name: "paging::coalescer_merges_contiguous_leaves", run: coalescer },
    TestCase { name: "kernel_space::text_is_rx_rodata_r_data_rw", run: kernel_permissions },
    TestCase { name: "kernel_space::mmio_is_rw_and_page_zero_unmapped", run: kernel_mmio },
    TestCase { name: "kernel_space::satp_selects_the_kernel_table", run: kernel_satp },
];

const ARENA_PAGES: usize = 16;
static mut TABLE_ARENA: Arena<{ ARENA_PAGES * PAGE_SIZE }> = Arena([0; ARENA_PAGES * PAGE_SIZE]);

fn frames() -> FrameAllocator {
    let start = &raw mut TABLE_ARENA as usize;
    unsafe { FrameAllocator::new(PhysAddr::new(start), PhysAddr::new(start + ARENA_PAGES * PAGE_SIZE)) }
}

const RW: PteFlags = PteFlags::R.union(PteFlags::W);

fn map_translate() -> TestResult {
    let mut f = frames();
    let mut t = Sv39Table::new(&mut f).unwrap();
    let va = VirtAddr::new(0x4000_3000);
    let pa = PhysAddr::new(0x8123_4000);
    kcheck!(t.map(va, pa, RW, &mut f).is_ok());
    // root + one level-1 + one level-0 table
    kcheck_eq!(f.stats().allocated, 3);
    let tr = t.translate(va.add(0x123)).unwrap();
    kcheck_eq!(tr.pa, PhysAddr::new(0x8123_4123));
    kcheck_eq!(tr.page_size, PAGE_SIZE);
    kcheck!(tr.flags.contains(PteFlags::V | PteFlags::R | PteFlags::W | PteFlags::A | PteFlags::D));
    kcheck!(!tr.flags.contains(PteFlags::X));
    // A neighbour in the same level-0 table needs no new table.
    kcheck!(t.map(va.add(PAGE_SIZE), pa, PteFlags::R | PteFlags::X, &mut f).is_ok());
    kcheck_eq!(f.stats().allocated, 3);
    t.destroy(&mut f);
    kcheck_eq!(f.stats().allocated, 0);
    Ok(())
}

fn unmapped_none() -> TestResult {
    let mut f = frames();
    let mut t = Sv39Table::new(&mut f).unwrap();
    kcheck!(t.map(VirtAddr::new(0x1000), PhysAddr::new(0x8000_0000), RW, &mut f).is_ok());
    kcheck!(t.translate(VirtAddr::new(0x2000)).is_none());
    kcheck!(t.translate(VirtAddr::new(0x4000_0000)).is_none());
    kcheck!(t.translate(VirtAddr::new(0x0000_4000_0000_0000)).is_none(), "non-canonical translated");
    Ok(())
}

fn double_map() -> TestResult {
    let mut f = frames();
    let mut t = Sv39Table::new(&mut f).unwrap();
    let va = VirtAddr::new(0x20_0000);
    kcheck!(t.map(va, PhysAddr::new(0x8000_0000), RW, &mut f).is_ok());
    kcheck_eq!(t.map(va, PhysAddr::new(0x8000_1000), RW, &mut f), Err(MapError::AlreadyMapped(va)));
    kcheck_eq!(t.translate(va).unwrap().pa, PhysAddr::new(0x8000_0000));
    Ok(())
}

fn bad_arguments() -> TestResult {
    let mut f = frames();
    let mut t = Sv39Table::new(&mut f).unwrap();
    let pa = PhysAddr::new(0x8000_0000);
    kcheck_eq!(t.map(VirtAddr::new(0x1001), pa, RW, &mut f), Err(MapError::Misaligned));
    kcheck_eq!(t.map(VirtAddr::new(0x1000), pa.add(8), RW, &mut f), Err(MapError::Misaligned));
    kcheck_eq!(
        t.map(VirtAddr::new(0x1000), pa, PteFlags::W, &mut f),
        Err(MapError::InvalidFlags(PteFlags::W))
    );
    kcheck_eq!(
        t.map(VirtAddr::new(0x1000), pa, PteFlags::NONE, &mut f),
        Err(MapError::InvalidFlags(PteFlags::NONE))
    );
    let nc = VirtAddr::new(0x0000_8000_0000_0000);
    kcheck_eq!(t.map(nc, pa, RW, &mut f), Err(MapError::NonCanonical(nc)));
    Ok(())
}

fn unmap() -> TestResult {
    let mut f = frames();
    let mut t = Sv39Table::new(&mut f).unwrap();
    let va = VirtAddr::new(0x7000);
    kcheck!(t.map(va, PhysAddr::new(0x8765_4000), RW, &mut f).is_ok());
    kcheck_eq!(t.unmap(va), Ok(PhysAddr::new(0x8765_4000)));
    kcheck!(t.translate(va).is_none());
    kcheck_eq!(t.unmap(va), Err(MapError::NotMapped(va)));
    kcheck_eq!(t.unmap(VirtAddr::new(0x4000_0000)), Err(MapError::NotMapped(VirtAddr::new(0x4000_0000))));
    Ok(())
}

fn high_half() -> TestResult {
    let mut f = frames();
    let mut t = Sv39Table::new(&mut f).unwrap();
    let va = VirtAddr::new(0xffff_ffc0_0000_0000); // lowest high-half address
    kcheck_eq!(va.floor().indices(), [256, 0, 0]);
    kcheck!(t.map(va, PhysAddr::new(0x8000_0000), RW, &mut f).is_ok());
    kcheck_eq!(t.translate(va).unwrap().pa, PhysAddr::new(0x8000_0000));
    let mut seen = None;
    t.for_each_leaf(&mut |leaf| seen = Some(leaf.va));
    kcheck_eq!(seen, Some(va));
    Ok(())
}

fn leaves_in_order() -> TestResult {
    let mut f = frames();
    let mut t = Sv39Table::new(&mut f).unwrap();
    let vas = [0x8000_0000usize, 0x1000, 0x4000_0000, 0x2000];
    for (i, va) in vas.iter().enumerate() {
        kcheck!(t.map(VirtAddr::new(*va), PhysAddr::new(0x9000_0000 + i * PAGE_SIZE), RW, &mut f).is_ok());
    }
    let mut got = [0usize; 4];
    let mut n = 0;
    t.for_each_leaf(&mut |leaf| {
        if n < 4 {
            got[n] = leaf.va.as_usize();
        }
        n += 1;
    });
    kcheck_eq!(n, 4);
    kcheck_eq!(got, [0x1000, 0x2000, 0x4000_0000, 0x8000_0000]);
    Ok(())
}

fn out_of_frames() -> TestResult {
    let mut f = frames();
    let mut t = Sv39Table::new(&mut f).unwrap();
    // Each 1 GiB step needs a new level-1 and level-0 table: 15 remaining frames run out.
    let mut result = Ok(());
    for gib in 0..16usize {
        result = t.map(VirtAddr::new(gib << 30), PhysAddr::new(0x8000_0000), RW, &mut f);
        if result.is_err() {
            break;
        }
    }
    kcheck_eq!(result, Err(MapError::OutOfFrames));
    Ok(())
}

fn leaf(va: usize, pa: usize, flags: PteFlags) -> Leaf {
    Leaf { va: VirtAddr::new(va), pa: PhysAddr::new(pa), size: PAGE_SIZE, flags }
}

fn coalescer() -> TestResult {
    let r = PteFlags::R;
    let mut c = RangeCoalescer::default();
    kcheck_eq!(c.push(leaf(0x1000, 0x8000_1000, r)), None);
    kcheck_eq!(c.push(leaf(0x2000, 0x8000_2000, r)), None);
    // Same VA run, but PA jumps: a new range starts.
    let first = c.push(leaf(0x3000, 0x9000_0000, r));
    kcheck_eq!(
        first,
        Some(MappedRange {
            va: VirtAddr::new(0x1000),
            pa: PhysAddr::new(0x8000_1000),
            size: 0x2000,
            flags: r
        })
    );
    // Flags change: another range.
    let second = c.push(leaf(0x4000, 0x9000_1000, RW));
    kcheck_eq!(second.map(|m| m.size), Some(PAGE_SIZE));
    kcheck_eq!(c.finish().map(|m| (m.va.as_usize(), m.flags)), Some((0x4000, RW)));
    Ok(())
}

fn kernel_permissions() -> TestResult {
    let t = kernel_space::active().unwrap();
    let s = KernelSections::get();
    let flags = |a: PhysAddr| t.translate(VirtAddr::new(a.as_usize())).map(|tr| tr.flags);
    let text = flags(s.text_start).unwrap();
    kcheck!(text.contains(PteFlags::R | PteFlags::X) && !text.contains(PteFlags::W), "text {}", text);
    let rodata = flags(s.rodata_start).unwrap();
    kcheck!(
        rodata.contains(PteFlags::R) && !rodata.contains(PteFlags::W) && !rodata.contains(PteFlags::X),
        "rodata {}",
        rodata
    );
    for a in [s.data_start, s.heap_start, s.free_ram_start, PhysAddr::new(s.ram_end.as_usize() - PAGE_SIZE)] {
        let f = flags(a).unwrap();
        kcheck!(f.contains(RW) && !f.contains(PteFlags::X), "{} has {}", a, f);
    }
    kcheck!(flags(s.ram_end).is_none(), "memory past the end of RAM is mapped");
    kcheck!(flags(s.stack_guard).is_none(), "the stack guard page is mapped");
    kcheck_eq!(s.stack_bottom.as_usize() - s.stack_guard.as_usize(), PAGE_SIZE);
    let mut wx = 0;
    t.for_each_leaf(&mut |l| {
        if l.flags.contains(PteFlags::W | PteFlags::X) || l.flags.contains(PteFlags::U) {
            wx += 1;
        }
    });
    kcheck_eq!(wx, 0);
    Ok(())
}

fn kernel_mmio() -> TestResult {
    let t = kernel_space::active().unwrap();
    let uart = t.translate(VirtAddr::new(UART0_BASE)).unwrap();
    kcheck_eq!(uart.pa, PhysAddr::new(UART0_BASE));
    kcheck!(uart.flags.contains(RW) && !uart.flags.contains(PteFlags::X));
    kcheck!(t.translate(VirtAddr::new(0)).is_none());
    kcheck!(t.translate(VirtAddr::new(0x1000)).is_none(), "the MROM is mapped");
    Ok(())
}

fn kernel_satp() -> TestResult {
    let t = kernel_space::active().unwrap();
    let satp = crate::riscv::csr_read!("satp");
    kcheck_eq!(satp, t.satp());
    kcheck_eq!(satp >> 60, 8);
    Ok(())
}
