//! Drivers for the devices of QEMU's `virt` machine. Every MMIO address comes from
//! [`crate::memory::layout`].
pub mod clint;
pub mod finisher;
pub mod plic;
pub mod uart;

/// Volatile MMIO accessors.
pub(crate) mod mmio {
    #[inline]
    pub fn read8(addr: usize) -> u8 {
        unsafe { core::ptr::read_volatile(addr as *const u8) }
    }
    #[inline]
    pub fn write8(addr: usize, v: u8) {
        unsafe { core::ptr::write_volatile(addr as *mut u8, v) }
    }
    #[inline]
    pub fn read32(addr: usize) -> u32 {
        unsafe { core::ptr::read_volatile(addr as *const u32) }
    }
    #[inline]
    pub fn write32(addr: usize, v: u32) {
        unsafe { core::ptr::write_volatile(addr as *mut u32, v) }
    }
    #[inline]
    pub fn read64(addr: usize) -> u64 {
        unsafe { core::ptr::read_volatile(addr as *const u64) }
    }
    #[inline]
    pub fn write64(addr: usize, v: u64) {
        unsafe { core::ptr::write_volatile(addr as *mut u64, v) }
    }
}
