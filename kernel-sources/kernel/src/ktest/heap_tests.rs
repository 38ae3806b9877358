//! Tests of the three heap allocators (each on a private arena) and of the kernel heap.
use alloc::boxed::Box;
use alloc::vec::Vec;
use core::alloc::Layout;

use super::kernel_tests::Arena;
use super::{TestCase, TestResult};
use crate::memory::heap::{
    self, bump::BumpAllocator, fixed_size_block::FixedSizeBlockAllocator, linked_list::LinkedListAllocator,
    Counted, HeapAllocator,
};
use crate::{kcheck, kcheck_eq};

pub const TESTS: &[TestCase] = &[
    TestCase { name: "heap::bump_allocates_in_order_and_resets", run: bump_order_reset },
    TestCase { name: "heap::bump_respects_alignment_and_limit", run: bump_align_limit },
    TestCase { name: "heap::linked_list_reuses_freed_block", run: list_reuse },
    TestCase { name: "heap::linked_list_coalesces_neighbours", run: list_coalesce },
    TestCase { name: "heap::linked_list_free_list_is_address_ordered", run: list_ordered },
    TestCase { name: "heap::linked_list_alignment_keeps_gap_free", run: list_alignment },
    TestCase { name: "heap::linked_list_exhaustion_returns_null", run: list_exhaustion },
    TestCase { name: "heap::fixed_block_recycles_blocks_per_class", run: fixed_recycle },
    TestCase { name: "heap::fixed_block_large_requests_use_fallback", run: fixed_large },
    TestCase { name: "heap::counted_statistics", run: counted_stats },
    TestCase { name: "heap::kernel_heap_serves_box_and_vec", run: kernel_heap },
];

const ARENA_SIZE: usize = 64 * 1024;
static mut HEAP_ARENA: Arena<ARENA_SIZE> = Arena([0; ARENA_SIZE]);

fn arena() -> usize {
    &raw mut HEAP_ARENA as usize
}

fn layout(size: usize, align: usize) -> Layout {
    Layout::from_size_align(size, align).unwrap()
}

fn bump_order_reset() -> TestResult {
    let base = arena();
    let mut a = unsafe { BumpAllocator::new(base, ARENA_SIZE) };
    let p1 = a.alloc(layout(24, 8)) as usize;
    let p2 = a.alloc(layout(8, 8)) as usize;
    kcheck_eq!(p1, base);
    kcheck_eq!(p2, base + 24);
    kcheck_eq!(a.largest_free_block(), ARENA_SIZE - 32);
    unsafe { a.dealloc(p1 as *mut u8, layout(24, 8)) };
    kcheck_eq!(a.largest_free_block(), ARENA_SIZE - 32); // not freed before the last free
    unsafe { a.dealloc(p2 as *mut u8, layout(8, 8)) };
    kcheck_eq!(a.largest_free_block(), ARENA_SIZE);
    kcheck_eq!(a.alloc(layout(1, 1)) as usize, base);
    Ok(())
}

fn bump_align_limit() -> TestResult {
    let base = arena();
    let mut a = unsafe { BumpAllocator::new(base, ARENA_SIZE) };
    a.alloc(layout(1, 1));
    let p = a.alloc(layout(64, 4096)) as usize;
    kcheck_eq!(p % 4096, 0);
    kcheck!(a.alloc(layout(ARENA_SIZE, 8)).is_null());
    Ok(())
}

fn free_blocks(a: &LinkedListAllocator) -> Vec<(usize, usize)> {
    let mut v = Vec::new();
    a.for_each_free_block(&mut |addr, size| v.push((addr, size)));
    v
}

fn list_reuse() -> TestResult {
    let base = arena();
    let mut a = unsafe { LinkedListAllocator::new(base, ARENA_SIZE) };
    let p = a.alloc(layout(100, 8));
    kcheck_eq!(p as usize, base);
    unsafe { a.dealloc(p, layout(100, 8)) };
    kcheck_eq!(a.largest_free_block(), ARENA_SIZE);
    kcheck_eq!(a.alloc(layout(100, 8)), p);
    Ok(())
}

fn list_coalesce() -> TestResult {
    let base = arena();
    let mut a = unsafe { LinkedListAllocator::new(base, ARENA_SIZE) };
    let l = layout(64, 16);
    let (p1, p2, p3) = (a.alloc(l), a.alloc(l), a.alloc(l));
    kcheck_eq!((p2 as usize - p1 as usize, p3 as usize - p2 as usize), (64, 64));
    // Free the middle block: it is isolated.
    unsafe { a.dealloc(p2, l) };
    kcheck_eq!(free_blocks(&a), alloc::vec![(base + 64, 64), (base + 192, ARENA_SIZE - 192)]);
    // Free the first: merges with the middle one (next neighbour).
    unsafe { a.dealloc(p1, l) };
    kcheck_eq!(free_blocks(&a), alloc::vec![(base, 128), (base + 192, ARENA_SIZE - 192)]);
    // Free the third: merges with both neighbours into one block.
    unsafe { a.dealloc(p3, l) };
    kcheck_eq!(free_blocks(&a), alloc::vec![(base, ARENA_SIZE)]);
    kcheck_eq!(a.largest_free_block(), ARENA_SIZE);
    Ok(())
}

fn list_ordered() -> TestResult {
    let base = arena();
    let mut a = unsafe { LinkedListAllocator::new(base, ARENA_SIZE) };
    let l = layout(32, 16);
    let ptrs: Vec<*mut u8> = (0..6).map(|_| a.alloc(l)).collect();
    // Free every other block, highest first: the list must still be in address order.
    for i in [4usize, 2, 0] {
        unsafe { a.dealloc(ptrs[i], l) };
    }
    let blocks = free_blocks(&a);
    kcheck_eq!(blocks.len(), 4);
    kcheck!(blocks.windows(2).all(|w| w[0].0 + w[0].1 < w[1].0), "not ordered/merged: {:?}", blocks);
    // First fit takes the lowest free block.
    kcheck_eq!(a.alloc(l), ptrs[0]);
    Ok(())
}

fn list_alignment() -> TestResult {
    let base = arena();
    let mut a = unsafe { LinkedListAllocator::new(base, ARENA_SIZE) };
    let small = a.alloc(layout(16, 16));
    kcheck_eq!(small as usize, base);
    let big = a.alloc(layout(256, 4096)) as usize;
    kcheck_eq!(big % 4096, 0);
    kcheck_eq!(big, base + 4096); // arena is page-aligned; first 16 bytes are taken
                                  // The gap before the aligned block stays usable.
    let gap = a.alloc(layout(1024, 16)) as usize;
    kcheck_eq!(gap, base + 16);
    Ok(())
}

fn list_exhaustion() -> TestResult {
    let base = arena();
    let mut a = unsafe { LinkedListAllocator::new(base, ARENA_SIZE) };
    kcheck!(a.alloc(layout(ARENA_SIZE + 16, 8)).is_null());
    let all = a.alloc(layout(ARENA_SIZE, 8));
    kcheck_eq!(all as usize, base);
    kcheck!(a.alloc(layout(1, 1)).is_null());
    kcheck_eq!(a.largest_free_block(), 0);
    Ok(())
}

fn fixed_recycle() -> TestResult {
    let base = arena();
    let mut a = unsafe { FixedSizeBlockAllocator::new(base, ARENA_SIZE) };
    let l = layout(40, 8); // 64-byte class
    let p = a.alloc(l);
    kcheck_eq!(p as usize % 64, 0);
    unsafe { a.dealloc(p, l) };
    kcheck_eq!(a.free_blocks(2), 1);
    // Any request in the same class gets the same block back.
    kcheck_eq!(a.alloc(layout(64, 64)), p);
    kcheck_eq!(a.free_blocks(2), 0);
    Ok(())
}

fn fixed_large() -> TestResult {
    let base = arena();
    let mut a = unsafe { FixedSizeBlockAllocator::new(base, ARENA_SIZE) };
    let l = layout(8192, 8);
    let p = a.alloc(l);
    kcheck!(!p.is_null());
    kcheck_eq!(a.largest_free_block(), ARENA_SIZE - 8192);
    unsafe { a.dealloc(p, l) };
    kcheck_eq!(a.largest_free_block(), ARENA_SIZE);
    kcheck!(a.alloc(layout(ARENA_SIZE + 1, 8)).is_null());
    Ok(())
}

fn counted_stats() -> TestResult {
    let base = arena();
    let mut c = Counted::new(unsafe { LinkedListAllocator::new(base, ARENA_SIZE) }, ARENA_SIZE);
    let p = c.alloc(layout(100, 8));
    let q = c.alloc(layout(28, 4));
    kcheck!(c.alloc(layout(ARENA_SIZE * 2, 8)).is_null());
    unsafe { c.dealloc(p, layout(100, 8)) };
    let s = c.stats();
    kcheck_eq!((s.allocator, s.allocations, s.frees, s.failed), ("linked-list", 2, 1, 1));
    kcheck_eq!(s.bytes_in_use, 28);
    kcheck_eq!(s.arena_size, ARENA_SIZE);
    kcheck_eq!(s.largest_free_block, ARENA_SIZE - 112 - 32);
    unsafe { c.dealloc(q, layout(28, 4)) };
    kcheck_eq!(c.stats().largest_free_block, ARENA_SIZE);
    Ok(())
}

fn kernel_heap() -> TestResult {
    let before = heap::stats();
    let b = Box::new([7u64; 64]);
    let mut v: Vec<u32> = Vec::new();
    for i in 0..1000 {
        v.push(i);
    }
    let during = heap::stats();
    kcheck!(during.allocations > before.allocations);
    kcheck!(during.bytes_in_use >= before.bytes_in_use + 512 + 4000);
    kcheck_eq!(v.iter().map(|&x| x as u64).sum::<u64>(), 499_500);
    kcheck_eq!(b[63], 7);
    drop(b);
    drop(v);
    let after = heap::stats();
    kcheck_eq!(after.bytes_in_use, before.bytes_in_use);
    kcheck!(after.frees > before.frees);
    Ok(())
}
