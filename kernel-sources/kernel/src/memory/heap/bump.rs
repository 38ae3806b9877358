//! Bump allocator: `next` only moves up; when the count of live allocations drops to zero the
//! whole arena is free again.
use core::alloc::Layout;

use super::{align_up, HeapAllocator};

pub struct BumpAllocator {
    start: usize,
    end: usize,
    next: usize,
    live: usize,
}

impl BumpAllocator {
    pub const fn empty() -> Self {
        Self { start: 0, end: 0, next: 0, live: 0 }
    }

    /// # Safety
    /// `[start, start + size)` is unused memory owned by this allocator from now on.
    pub unsafe fn new(start: usize, size: usize) -> Self {
        Self { start, end: start + size, next: start, live: 0 }
    }
}

impl HeapAllocator for BumpAllocator {
    const NAME: &'static str = "bump";

    fn alloc(&mut self, layout: Layout) -> *mut u8 {
        let start = align_up(self.next, layout.align());
        match start.checked_add(layout.size()) {
            Some(end) if end <= self.end => {
                self.next = end;
                self.live += 1;
                start as *mut u8
            }
            _ => core::ptr::null_mut(),
        }
    }

    unsafe fn dealloc(&mut self, _ptr: *mut u8, _layout: Layout) {
        self.live -= 1;
        if self.live == 0 {
            self.next = self.start;
        }
    }

    fn largest_free_block(&self) -> usize {
        self.end - self.next
    }
}
