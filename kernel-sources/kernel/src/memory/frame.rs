//! Page-frame allocator: hands out zeroed 4 KiB physical frames from `[start, end)`.
//! Frames never handed out are taken in address order; freed frames go on a LIFO free list
//! whose links are stored in the free frames themselves (RAM is identity-mapped).
use super::{PhysAddr, PhysPageNum, PAGE_SIZE};
use crate::sync::IrqSpinLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FrameStats {
    pub first: PhysPageNum,
    pub total: usize,
    pub allocated: usize,
    pub free: usize,
    /// Freed frames waiting on the free list for reuse.
    pub recycled: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FrameError {
    OutOfRange(PhysPageNum),
    NeverAllocated(PhysPageNum),
}

pub struct FrameAllocator {
    start: PhysPageNum,
    end: PhysPageNum,
    /// First frame never handed out.
    next: PhysPageNum,
    /// Head of the free list (0 = empty); each free frame holds the next frame's number.
    free_head: usize,
    recycled: usize,
    allocated: usize,
}

impl FrameAllocator {
    pub const fn empty() -> Self {
        Self {
            start: PhysPageNum::new(0),
            end: PhysPageNum::new(0),
            next: PhysPageNum::new(0),
            free_head: 0,
            recycled: 0,
            allocated: 0,
        }
    }

    /// Manages the whole frames inside `[start, end)`.
    ///
    /// # Safety
    /// The range must be RAM that nothing else uses, accessible at its physical address.
    pub unsafe fn new(start: PhysAddr, end: PhysAddr) -> Self {
        let first = start.ceil();
        Self { start: first, end: end.floor(), next: first, ..Self::empty() }
    }

    /// A zeroed frame, or `None` when all frames are in use.
    pub fn alloc(&mut self) -> Option<PhysPageNum> {
        let frame = if self.free_head != 0 {
            let frame = PhysPageNum::new(self.free_head);
            self.free_head = unsafe { *frame.addr().as_mut_ptr::<usize>() };
            self.recycled -= 1;
            frame
        } else if self.next < self.end {
            let frame = self.next;
            self.next = frame.next();
            frame
        } else {
            return None;
        };
        unsafe { core::ptr::write_bytes(frame.addr().as_mut_ptr::<u8>(), 0, PAGE_SIZE) };
        self.allocated += 1;
        Some(frame)
    }

    /// Returns a frame obtained from [`alloc`](Self::alloc).
    pub fn free(&mut self, frame: PhysPageNum) -> Result<(), FrameError> {
        if frame < self.start || frame >= self.end {
            return Err(FrameError::OutOfRange(frame));
        }
        if frame >= self.next {
            return Err(FrameError::NeverAllocated(frame));
        }
        unsafe { *frame.addr().as_mut_ptr::<usize>() = self.free_head };
        self.free_head = frame.as_usize();
        self.recycled += 1;
        self.allocated -= 1;
        Ok(())
    }

    pub fn stats(&self) -> FrameStats {
        let total = self.end.as_usize().saturating_sub(self.start.as_usize());
        FrameStats {
            first: self.start,
            total,
            allocated: self.allocated,
            free: total - self.allocated,
            recycled: self.recycled,
        }
    }
}

/// The kernel's frame allocator over the RAM after the heap.
pub static FRAMES: IrqSpinLock<FrameAllocator> = IrqSpinLock::new(FrameAllocator::empty());

pub fn init(start: PhysAddr, end: PhysAddr) {
    *FRAMES.lock() = unsafe { FrameAllocator::new(start, end) };
}

pub fn alloc() -> Option<PhysPageNum> {
    FRAMES.lock().alloc()
}

pub fn stats() -> FrameStats {
    FRAMES.lock().stats()
}
