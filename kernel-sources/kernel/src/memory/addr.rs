//! Address newtypes: a physical address is never silently used as a virtual one.
use core::fmt;

pub const PAGE_SIZE: usize = 4096;
pub const PAGE_SHIFT: usize = 12;

/// A physical address (Sv39: 56 bits).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[repr(transparent)]
pub struct PhysAddr(usize);

/// A virtual address (Sv39: 39 bits, sign-extended).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[repr(transparent)]
pub struct VirtAddr(usize);

/// A physical page number (PhysAddr >> 12).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[repr(transparent)]
pub struct PhysPageNum(usize);

/// A virtual page number (VirtAddr >> 12).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[repr(transparent)]
pub struct VirtPageNum(usize);

impl PhysAddr {
    pub const fn new(a: usize) -> Self {
        Self(a)
    }
    pub const fn as_usize(self) -> usize {
        self.0
    }
    pub const fn is_page_aligned(self) -> bool {
        self.0 % PAGE_SIZE == 0
    }
    pub const fn page_offset(self) -> usize {
        self.0 % PAGE_SIZE
    }
    /// The page containing this address.
    pub const fn floor(self) -> PhysPageNum {
        PhysPageNum(self.0 >> PAGE_SHIFT)
    }
    /// The first page starting at or after this address.
    pub const fn ceil(self) -> PhysPageNum {
        PhysPageNum(self.0.div_ceil(PAGE_SIZE))
    }
    pub const fn add(self, n: usize) -> Self {
        Self(self.0 + n)
    }
    pub fn as_mut_ptr<T>(self) -> *mut T {
        self.0 as *mut T
    }
}

impl VirtAddr {
    /// Highest address of the low half of the Sv39 space.
    pub const SV39_LOW_END: usize = 1 << 38;

    pub const fn new(a: usize) -> Self {
        Self(a)
    }
    pub const fn as_usize(self) -> usize {
        self.0
    }
    pub const fn is_page_aligned(self) -> bool {
        self.0 % PAGE_SIZE == 0
    }
    pub const fn page_offset(self) -> usize {
        self.0 % PAGE_SIZE
    }
    pub const fn floor(self) -> VirtPageNum {
        VirtPageNum(self.0 >> PAGE_SHIFT)
    }
    pub const fn add(self, n: usize) -> Self {
        Self(self.0 + n)
    }
    /// Bits 63..39 must equal bit 38 (privileged spec 4.4.1).
    pub const fn is_canonical_sv39(self) -> bool {
        let top = (self.0 as isize) >> 38;
        top == 0 || top == -1
    }
}

impl PhysPageNum {
    pub const fn new(n: usize) -> Self {
        Self(n)
    }
    pub const fn as_usize(self) -> usize {
        self.0
    }
    pub const fn addr(self) -> PhysAddr {
        PhysAddr(self.0 << PAGE_SHIFT)
    }
    pub const fn next(self) -> Self {
        Self(self.0 + 1)
    }
}

impl VirtPageNum {
    pub const fn new(n: usize) -> Self {
        Self(n)
    }
    pub const fn addr(self) -> VirtAddr {
        VirtAddr(self.0 << PAGE_SHIFT)
    }
    /// The three 9-bit Sv39 indices, level 2 (root) first.
    pub const fn indices(self) -> [usize; 3] {
        [(self.0 >> 18) & 0x1ff, (self.0 >> 9) & 0x1ff, self.0 & 0x1ff]
    }
}

macro_rules! hex_debug {
    ($($t:ident),*) => {$(
        impl fmt::Debug for $t {
            fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
                write!(f, concat!(stringify!($t), "({:#x})"), self.0)
            }
        }
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
                write!(f, "{:#x}", self.0)
            }
        }
    )*};
}
hex_debug!(PhysAddr, VirtAddr, PhysPageNum, VirtPageNum);
