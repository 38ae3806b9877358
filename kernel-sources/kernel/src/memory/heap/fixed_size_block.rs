//! Fixed-size-block allocator: requests up to 2048 bytes are served from per-class free lists
//! (block size = the smallest class >= max(size, align)); a freed block goes back on its class
//! list and is never merged. Larger requests, and refills of empty classes, go to a
//! [`LinkedListAllocator`].
use core::alloc::Layout;
use core::ptr;

use super::linked_list::LinkedListAllocator;
use super::HeapAllocator;

/// Block sizes; each is also the block's alignment.
pub const BLOCK_SIZES: [usize; 8] = [16, 32, 64, 128, 256, 512, 1024, 2048];

struct FreeBlock {
    next: *mut FreeBlock,
}

pub struct FixedSizeBlockAllocator {
    heads: [*mut FreeBlock; BLOCK_SIZES.len()],
    fallback: LinkedListAllocator,
}

// SAFETY: the allocator owns its arena; callers serialise access.
unsafe impl Send for FixedSizeBlockAllocator {}

fn class_of(layout: Layout) -> Option<usize> {
    let needed = layout.size().max(layout.align());
    BLOCK_SIZES.iter().position(|&s| s >= needed)
}

impl FixedSizeBlockAllocator {
    pub const fn empty() -> Self {
        Self { heads: [ptr::null_mut(); BLOCK_SIZES.len()], fallback: LinkedListAllocator::empty() }
    }

    /// # Safety
    /// `[start, start + size)` is unused memory owned by this allocator from now on.
    pub unsafe fn new(start: usize, size: usize) -> Self {
        Self {
            heads: [ptr::null_mut(); BLOCK_SIZES.len()],
            fallback: unsafe { LinkedListAllocator::new(start, size) },
        }
    }

    /// Number of free blocks waiting in the list of class `class`.
    pub fn free_blocks(&self, class: usize) -> usize {
        let mut n = 0;
        let mut cur = self.heads[class];
        while !cur.is_null() {
            n += 1;
            cur = unsafe { (*cur).next };
        }
        n
    }
}

impl HeapAllocator for FixedSizeBlockAllocator {
    const NAME: &'static str = "fixed-size-block";

    fn alloc(&mut self, layout: Layout) -> *mut u8 {
        match class_of(layout) {
            Some(class) => {
                let head = self.heads[class];
                if head.is_null() {
                    let size = BLOCK_SIZES[class];
                    match Layout::from_size_align(size, size) {
                        Ok(block) => self.fallback.alloc(block),
                        Err(_) => ptr::null_mut(),
                    }
                } else {
                    self.heads[class] = unsafe { (*head).next };
                    head as *mut u8
                }
            }
            None => self.fallback.alloc(layout),
        }
    }

    unsafe fn dealloc(&mut self, ptr: *mut u8, layout: Layout) {
        match class_of(layout) {
            Some(class) => {
                let block = ptr as *mut FreeBlock;
                unsafe { block.write(FreeBlock { next: self.heads[class] }) };
                self.heads[class] = block;
            }
            None => unsafe { self.fallback.dealloc(ptr, layout) },
        }
    }

    fn largest_free_block(&self) -> usize {
        let cached =
            (0..BLOCK_SIZES.len()).rev().find(|&c| !self.heads[c].is_null()).map_or(0, |c| BLOCK_SIZES[c]);
        cached.max(self.fallback.largest_free_block())
    }
}
