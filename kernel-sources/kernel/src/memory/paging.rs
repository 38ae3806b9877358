//! Sv39 page tables (RISC-V privileged spec 1.12, section 4.4): three levels of 512 eight-byte
//! entries; a leaf may sit at any level (4 KiB page, 2 MiB or 1 GiB superpage).
//! [`Sv39Table::map`] creates 4 KiB leaves; translation and the leaf walk handle all three sizes.
use core::fmt;
use core::ops::BitOr;

use super::frame::FrameAllocator;
use super::{PhysAddr, PhysPageNum, VirtAddr, PAGE_SIZE};

/// Page-table entry flag bits (privileged spec 4.4.1, figure 4.18).
#[derive(Clone, Copy, PartialEq, Eq, Default)]
pub struct PteFlags(u64);

impl PteFlags {
    pub const NONE: Self = Self(0);
    pub const V: Self = Self(1 << 0);
    pub const R: Self = Self(1 << 1);
    pub const W: Self = Self(1 << 2);
    pub const X: Self = Self(1 << 3);
    pub const U: Self = Self(1 << 4);
    pub const G: Self = Self(1 << 5);
    pub const A: Self = Self(1 << 6);
    pub const D: Self = Self(1 << 7);
    const ALL: u64 = 0xff;

    pub const fn bits(self) -> u64 {
        self.0
    }
    pub const fn from_bits_truncate(bits: u64) -> Self {
        Self(bits & Self::ALL)
    }
    pub const fn contains(self, other: Self) -> bool {
        self.0 & other.0 == other.0
    }
    pub const fn union(self, other: Self) -> Self {
        Self(self.0 | other.0)
    }
    /// R, W or X set: the entry is a leaf.
    pub const fn is_leaf(self) -> bool {
        self.0 & (Self::R.0 | Self::W.0 | Self::X.0) != 0
    }
}

impl BitOr for PteFlags {
    type Output = Self;
    fn bitor(self, rhs: Self) -> Self {
        self.union(rhs)
    }
}

impl fmt::Display for PteFlags {
    /// `RWXUGAD`-style, `-` for a clear bit, V omitted: e.g. `R-X-GAD`.
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        for (flag, c) in [
            (Self::R, 'R'),
            (Self::W, 'W'),
            (Self::X, 'X'),
            (Self::U, 'U'),
            (Self::G, 'G'),
            (Self::A, 'A'),
            (Self::D, 'D'),
        ] {
            write!(f, "{}", if self.contains(flag) { c } else { '-' })?;
        }
        Ok(())
    }
}

impl fmt::Debug for PteFlags {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "PteFlags({})", self)
    }
}

/// One Sv39 page-table entry: PPN in bits 53..10, flags in bits 7..0.
#[derive(Clone, Copy, PartialEq, Eq, Default)]
#[repr(transparent)]
pub struct Pte(u64);

impl Pte {
    pub const fn new(ppn: PhysPageNum, flags: PteFlags) -> Self {
        Self(((ppn.as_usize() as u64) << 10) | flags.bits())
    }
    pub const fn bits(self) -> u64 {
        self.0
    }
    pub const fn flags(self) -> PteFlags {
        PteFlags::from_bits_truncate(self.0)
    }
    pub const fn ppn(self) -> PhysPageNum {
        PhysPageNum::new(((self.0 >> 10) & ((1 << 44) - 1)) as usize)
    }
    pub const fn is_valid(self) -> bool {
        self.flags().contains(PteFlags::V)
    }
}

/// A 4 KiB page-table page.
#[repr(C, align(4096))]
pub struct PageTable {
    pub entries: [Pte; 512],
}

const _: () = assert!(core::mem::size_of::<PageTable>() == PAGE_SIZE);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MapError {
    Misaligned,
    NonCanonical(VirtAddr),
    /// Flags must include R or X, and W only with R (privileged spec 4.4.1, table 4.5).
    InvalidFlags(PteFlags),
    AlreadyMapped(VirtAddr),
    NotMapped(VirtAddr),
    OutOfFrames,
}

/// Where a virtual address leads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Translation {
    pub pa: PhysAddr,
    pub flags: PteFlags,
    /// Size of the page holding the address (4 KiB, 2 MiB or 1 GiB).
    pub page_size: usize,
}

/// One leaf of the tree, as found by [`Sv39Table::for_each_leaf`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Leaf {
    pub va: VirtAddr,
    pub pa: PhysAddr,
    pub size: usize,
    pub flags: PteFlags,
}

/// Page size of a leaf at `level` (2 = root).
const fn level_page_size(level: usize) -> usize {
    PAGE_SIZE << (9 * level)
}

/// An Sv39 address space: the physical page of its root table.
pub struct Sv39Table {
    root: PhysPageNum,
}

impl Sv39Table {
    /// An empty address space (one zeroed root table).
    pub fn new(frames: &mut FrameAllocator) -> Result<Self, MapError> {
        Ok(Self { root: frames.alloc().ok_or(MapError::OutOfFrames)? })
    }

    /// Views an existing table by its root page.
    ///
    /// # Safety
    /// `root` must be the root page of a valid Sv39 table whose pages stay allocated while the
    /// view lives, and nothing else may change the table meanwhile: `map`, `unmap` and `destroy`
    /// through the view write those pages.
    pub unsafe fn from_root(root: PhysPageNum) -> Self {
        Self { root }
    }

    pub fn root(&self) -> PhysPageNum {
        self.root
    }

    /// `satp` value selecting this table: MODE=8 (Sv39), ASID 0, PPN of the root.
    pub fn satp(&self) -> usize {
        (8 << 60) | self.root.as_usize()
    }

    fn table(ppn: PhysPageNum) -> &'static mut PageTable {
        unsafe { &mut *ppn.addr().as_mut_ptr::<PageTable>() }
    }

    /// Maps the 4 KiB page at `va` to `pa` with `flags` (V, A and D are added).
    pub fn map(
        &mut self,
        va: VirtAddr,
        pa: PhysAddr,
        flags: PteFlags,
        frames: &mut FrameAllocator,
    ) -> Result<(), MapError> {
        if !va.is_page_aligned() || !pa.is_page_aligned() {
            return Err(MapError::Misaligned);
        }
        if !va.is_canonical_sv39() {
            return Err(MapError::NonCanonical(va));
        }
        if !flags.is_leaf() || (flags.contains(PteFlags::W) && !flags.contains(PteFlags::R)) {
            return Err(MapError::InvalidFlags(flags));
        }
        let [i2, i1, i0] = va.floor().indices();
        let mut table = Self::table(self.root);
        for index in [i2, i1] {
            let entry = table.entries[index];
            if entry.is_valid() && entry.flags().is_leaf() {
                return Err(MapError::AlreadyMapped(va));
            }
            let next = if entry.is_valid() {
                entry.ppn()
            } else {
                let frame = frames.alloc().ok_or(MapError::OutOfFrames)?;
                table.entries[index] = Pte::new(frame, PteFlags::V);
                frame
            };
            table = Self::table(next);
        }
        if table.entries[i0].is_valid() {
            return Err(MapError::AlreadyMapped(va));
        }
        table.entries[i0] = Pte::new(pa.floor(), flags | PteFlags::V | PteFlags::A | PteFlags::D);
        Ok(())
    }

    /// Maps `size` bytes (rounded up to pages) from `va` to `pa`.
    pub fn map_range(
        &mut self,
        va: VirtAddr,
        pa: PhysAddr,
        size: usize,
        flags: PteFlags,
        frames: &mut FrameAllocator,
    ) -> Result<(), MapError> {
        let mut offset = 0;
        while offset < size {
            self.map(va.add(offset), pa.add(offset), flags, frames)?;
            offset += PAGE_SIZE;
        }
        Ok(())
    }

    /// Removes the 4 KiB mapping of `va` and returns the physical address it led to.
    /// The caller flushes the TLB if the table is active.
    pub fn unmap(&mut self, va: VirtAddr) -> Result<PhysAddr, MapError> {
        if !va.is_page_aligned() {
            return Err(MapError::Misaligned);
        }
        let [i2, i1, i0] = va.floor().indices();
        let mut table = Self::table(self.root);
        for index in [i2, i1] {
            let entry = table.entries[index];
            if !entry.is_valid() || entry.flags().is_leaf() {
                return Err(MapError::NotMapped(va));
            }
            table = Self::table(entry.ppn());
        }
        let entry = table.entries[i0];
        if !entry.is_valid() {
            return Err(MapError::NotMapped(va));
        }
        table.entries[i0] = Pte::default();
        Ok(entry.ppn().addr())
    }

    /// Walks the table like the MMU does (without permission checks).
    pub fn translate(&self, va: VirtAddr) -> Option<Translation> {
        if !va.is_canonical_sv39() {
            return None;
        }
        let indices = va.floor().indices();
        let mut table = Self::table(self.root);
        for (depth, index) in indices.iter().enumerate() {
            let level = 2 - depth;
            let entry = table.entries[*index];
            if !entry.is_valid() {
                return None;
            }
            if entry.flags().is_leaf() {
                let size = level_page_size(level);
                let pa = entry.ppn().addr().add(va.as_usize() & (size - 1));
                return Some(Translation { pa, flags: entry.flags(), page_size: size });
            }
            if level == 0 {
                return None; // a non-leaf at level 0 is reserved: the MMU raises a page fault
            }
            table = Self::table(entry.ppn());
        }
        None
    }

    /// Calls `f` for every valid leaf, in increasing virtual-address order.
    pub fn for_each_leaf(&self, f: &mut dyn FnMut(Leaf)) {
        Self::walk(self.root, 2, 0, f);
    }

    fn walk(table: PhysPageNum, level: usize, va_base: usize, f: &mut dyn FnMut(Leaf)) {
        // Root indices 256..511 are the upper (sign-extended) half; visit the lower half first.
        let table = Self::table(table);
        for (index, entry) in table.entries.iter().enumerate() {
            if !entry.is_valid() {
                continue;
            }
            let mut va = va_base | (index << (12 + 9 * level));
            if level == 2 && index >= 256 {
                va |= !((1usize << 39) - 1);
            }
            if entry.flags().is_leaf() {
                f(Leaf {
                    va: VirtAddr::new(va),
                    pa: entry.ppn().addr(),
                    size: level_page_size(level),
                    flags: entry.flags(),
                });
            } else if level > 0 {
                Self::walk(entry.ppn(), level - 1, va, f);
            }
        }
    }

    /// Frees the table pages (not the pages they map) back to `frames`.
    pub fn destroy(self, frames: &mut FrameAllocator) {
        fn free_level(ppn: PhysPageNum, level: usize, frames: &mut FrameAllocator) {
            if level > 0 {
                for entry in Sv39Table::table(ppn).entries {
                    if entry.is_valid() && !entry.flags().is_leaf() {
                        free_level(entry.ppn(), level - 1, frames);
                    }
                }
            }
            let _ = frames.free(ppn);
        }
        free_level(self.root, 2, frames);
    }
}

/// A run of leaves with contiguous VA and PA and equal flags (what `ptdump` prints per line).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MappedRange {
    pub va: VirtAddr,
    pub pa: PhysAddr,
    pub size: usize,
    pub flags: PteFlags,
}

impl fmt::Display for MappedRange {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(
            f,
            "{:#018x}-{:#018x} -> {:#018x} {} {:>6} KiB",
            self.va.as_usize(),
            self.va.as_usize() + self.size,
            self.pa.as_usize(),
            self.flags,
            self.size / 1024
        )
    }
}

/// Merges leaves (fed in VA order) into [`MappedRange`]s.
#[derive(Default)]
pub struct RangeCoalescer {
    current: Option<MappedRange>,
}

impl RangeCoalescer {
    /// Adds a leaf; returns the finished range when the leaf does not extend the current one.
    pub fn push(&mut self, leaf: Leaf) -> Option<MappedRange> {
        if let Some(cur) = &mut self.current {
            if cur.flags == leaf.flags
                && cur.va.as_usize() + cur.size == leaf.va.as_usize()
                && cur.pa.as_usize() + cur.size == leaf.pa.as_usize()
            {
                cur.size += leaf.size;
                return None;
            }
        }
        self.current.replace(MappedRange { va: leaf.va, pa: leaf.pa, size: leaf.size, flags: leaf.flags })
    }

    /// The last range, if any.
    pub fn finish(self) -> Option<MappedRange> {
        self.current
    }
}
