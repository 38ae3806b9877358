//! First-fit allocator over a singly linked free list kept in address order. Every block is a
//! multiple of [`UNIT`] bytes and [`UNIT`]-aligned, so any split leaves pieces large enough to
//! hold a list node; freeing merges a block with the free blocks just before and after it.
use core::alloc::Layout;
use core::ptr;

use super::{align_up, HeapAllocator};

/// Allocation granule: the size and alignment of a free-list node.
pub const UNIT: usize = 16;

#[repr(C, align(16))]
struct FreeBlock {
    size: usize,
    next: *mut FreeBlock,
}

const _: () = assert!(core::mem::size_of::<FreeBlock>() == UNIT);

pub struct LinkedListAllocator {
    /// First free block (lowest address), or null.
    head: *mut FreeBlock,
}

// SAFETY: the allocator owns its arena; callers serialise access.
unsafe impl Send for LinkedListAllocator {}

/// Size actually reserved for `layout`.
fn block_size(layout: Layout) -> usize {
    align_up(layout.size().max(1), UNIT)
}

impl LinkedListAllocator {
    pub const fn empty() -> Self {
        Self { head: ptr::null_mut() }
    }

    /// # Safety
    /// `[start, start + size)` is unused memory owned by this allocator from now on.
    pub unsafe fn new(start: usize, size: usize) -> Self {
        let mut a = Self::empty();
        let first = align_up(start, UNIT);
        let end = (start + size) & !(UNIT - 1);
        if end > first {
            unsafe { a.insert_free(first, end - first) };
        }
        a
    }

    /// Puts `[addr, addr + size)` on the list in address order and merges it with its neighbours.
    unsafe fn insert_free(&mut self, addr: usize, size: usize) {
        let block = addr as *mut FreeBlock;
        let mut prev: *mut FreeBlock = ptr::null_mut();
        let mut next = self.head;
        while !next.is_null() && (next as usize) < addr {
            prev = next;
            next = unsafe { (*next).next };
        }
        unsafe {
            block.write(FreeBlock { size, next });
            if prev.is_null() {
                self.head = block;
            } else {
                (*prev).next = block;
            }
            if !next.is_null() && addr + size == next as usize {
                (*block).size += (*next).size;
                (*block).next = (*next).next;
            }
            if !prev.is_null() && prev as usize + (*prev).size == addr {
                (*prev).size += (*block).size;
                (*prev).next = (*block).next;
            }
        }
    }

    /// Free blocks as (address, size), in list order (for tests and diagnostics).
    pub fn for_each_free_block(&self, f: &mut dyn FnMut(usize, usize)) {
        let mut cur = self.head;
        while !cur.is_null() {
            unsafe {
                f(cur as usize, (*cur).size);
                cur = (*cur).next;
            }
        }
    }
}

impl HeapAllocator for LinkedListAllocator {
    const NAME: &'static str = "linked-list";

    fn alloc(&mut self, layout: Layout) -> *mut u8 {
        let size = block_size(layout);
        let align = layout.align().max(UNIT);
        let mut prev: *mut FreeBlock = ptr::null_mut();
        let mut cur = self.head;
        while !cur.is_null() {
            unsafe {
                let start = cur as usize;
                let end = start + (*cur).size;
                let alloc_start = align_up(start, align);
                if alloc_start + size <= end {
                    let alloc_end = alloc_start + size;
                    // What follows `cur` in the list once the block is carved out.
                    let mut rest = (*cur).next;
                    if alloc_end < end {
                        let tail = alloc_end as *mut FreeBlock;
                        tail.write(FreeBlock { size: end - alloc_end, next: rest });
                        rest = tail;
                    }
                    if alloc_start > start {
                        // Keep the leading gap as a (smaller) free block.
                        (*cur).size = alloc_start - start;
                        (*cur).next = rest;
                    } else if prev.is_null() {
                        self.head = rest;
                    } else {
                        (*prev).next = rest;
                    }
                    return alloc_start as *mut u8;
                }
                prev = cur;
                cur = (*cur).next;
            }
        }
        ptr::null_mut()
    }

    unsafe fn dealloc(&mut self, ptr: *mut u8, layout: Layout) {
        unsafe { self.insert_free(ptr as usize, block_size(layout)) }
    }

    fn largest_free_block(&self) -> usize {
        let mut largest = 0;
        self.for_each_free_block(&mut |_, size| largest = largest.max(size));
        largest
    }
}
