//! The kernel heap: three interchangeable allocators behind one [`GlobalAlloc`].
//!
//! * [`bump::BumpAllocator`] — a pointer that only moves up; memory comes back when every
//!   allocation has been freed.
//! * [`linked_list::LinkedListAllocator`] — first fit over a free list kept in address order;
//!   a freed block merges with its free neighbours.
//! * [`fixed_size_block::FixedSizeBlockAllocator`] — per-size-class free lists (16 .. 2048 bytes)
//!   in front of a linked-list allocator for larger requests and for refilling.
//!
//! The kernel heap uses the one chosen by a Cargo feature (`heap-bump`, `heap-linked-list`,
//! default `heap-fixed-size-block`); the in-kernel tests exercise all three on private arenas.
//! Every allocator is wrapped in [`Counted`], which keeps the statistics `mem` prints.
pub mod bump;
pub mod fixed_size_block;
pub mod linked_list;

use core::alloc::{GlobalAlloc, Layout};

use super::PhysAddr;
use crate::sync::IrqSpinLock;

/// What an allocator over one contiguous arena must provide.
pub trait HeapAllocator {
    /// Short name shown by `mem`.
    const NAME: &'static str;
    /// A block for `layout`, or null when no free block fits.
    fn alloc(&mut self, layout: Layout) -> *mut u8;
    /// Returns a block.
    ///
    /// # Safety
    /// `ptr` came from `alloc` on this allocator with the same `layout` and is not freed yet.
    unsafe fn dealloc(&mut self, ptr: *mut u8, layout: Layout);
    /// Size of the largest request that could currently succeed (alignment 1 or 8).
    fn largest_free_block(&self) -> usize;
}

/// Allocator statistics.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct HeapStats {
    pub allocator: &'static str,
    pub arena_size: usize,
    pub allocations: u64,
    pub frees: u64,
    pub failed: u64,
    /// Sum of the sizes of live allocations, as requested.
    pub bytes_in_use: usize,
    pub largest_free_block: usize,
}

/// Wraps an allocator and counts what goes through it.
pub struct Counted<A> {
    inner: A,
    arena_size: usize,
    allocations: u64,
    frees: u64,
    failed: u64,
    bytes_in_use: usize,
}

impl<A: HeapAllocator> Counted<A> {
    pub const fn new(inner: A, arena_size: usize) -> Self {
        Self { inner, arena_size, allocations: 0, frees: 0, failed: 0, bytes_in_use: 0 }
    }

    pub fn alloc(&mut self, layout: Layout) -> *mut u8 {
        let p = self.inner.alloc(layout);
        if p.is_null() {
            self.failed += 1;
        } else {
            self.allocations += 1;
            self.bytes_in_use += layout.size();
        }
        p
    }

    /// # Safety
    /// As [`HeapAllocator::dealloc`].
    pub unsafe fn dealloc(&mut self, ptr: *mut u8, layout: Layout) {
        unsafe { self.inner.dealloc(ptr, layout) };
        self.frees += 1;
        self.bytes_in_use -= layout.size();
    }

    pub fn stats(&self) -> HeapStats {
        HeapStats {
            allocator: A::NAME,
            arena_size: self.arena_size,
            allocations: self.allocations,
            frees: self.frees,
            failed: self.failed,
            bytes_in_use: self.bytes_in_use,
            largest_free_block: self.inner.largest_free_block(),
        }
    }
}

/// Rounds `addr` up to `align` (a power of two).
pub const fn align_up(addr: usize, align: usize) -> usize {
    (addr + align - 1) & !(align - 1)
}

#[cfg(feature = "heap-bump")]
pub type KernelAllocator = bump::BumpAllocator;
#[cfg(all(feature = "heap-linked-list", not(feature = "heap-bump")))]
pub type KernelAllocator = linked_list::LinkedListAllocator;
#[cfg(not(any(feature = "heap-bump", feature = "heap-linked-list")))]
pub type KernelAllocator = fixed_size_block::FixedSizeBlockAllocator;

/// The global allocator: the chosen allocator, counted, behind an interrupt-masking lock.
pub struct KernelHeap {
    inner: IrqSpinLock<Counted<KernelAllocator>>,
}

#[global_allocator]
static HEAP: KernelHeap = KernelHeap { inner: IrqSpinLock::new(Counted::new(KernelAllocator::empty(), 0)) };

unsafe impl GlobalAlloc for KernelHeap {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        self.inner.lock().alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { self.inner.lock().dealloc(ptr, layout) }
    }
}

/// Hands `[start, end)` (from the linker script's .heap section) to the kernel allocator.
pub fn init(start: PhysAddr, end: PhysAddr) {
    let size = end.as_usize() - start.as_usize();
    let allocator = unsafe { KernelAllocator::new(start.as_usize(), size) };
    *HEAP.inner.lock() = Counted::new(allocator, size);
}

/// Statistics of the kernel heap.
pub fn stats() -> HeapStats {
    HEAP.inner.lock().stats()
}
