//! Tests of traps, the timer, the frame allocator and the console's line editor.
use super::{TestCase, TestResult};
use crate::console::line_editor::{Edit, LineEditor};
use crate::drivers::uart::ByteRing;
use crate::memory::frame::{FrameAllocator, FrameError};
use crate::memory::layout::KernelSections;
use crate::memory::{PhysAddr, PhysPageNum, PAGE_SIZE};
use crate::trap::{self, FaultProbe, EXC_BREAKPOINT, EXC_LOAD_PAGE_FAULT, EXC_STORE_PAGE_FAULT};
use crate::{kcheck, kcheck_eq};

pub const TESTS: &[TestCase] = &[
    TestCase { name: "boot::only_one_hart_booted", run: one_hart_booted },
    TestCase { name: "boot::data_is_copied_from_its_load_image", run: data_copied },
    TestCase { name: "trap::breakpoint_is_counted_and_resumes", run: breakpoint_resumes },
    TestCase { name: "trap::load_from_unmapped_page_faults", run: load_unmapped_faults },
    TestCase { name: "trap::store_to_rodata_faults", run: store_rodata_faults },
    TestCase { name: "trap::store_to_text_faults", run: store_text_faults },
    TestCase { name: "trap::heap_is_writable", run: heap_writable },
    TestCase { name: "trap::stack_guard_page_faults", run: stack_guard_faults },
    TestCase { name: "timer::ticks_advance", run: ticks_advance },
    TestCase { name: "frame::allocates_distinct_zeroed_frames", run: frames_distinct_zeroed },
    TestCase { name: "frame::freed_frame_is_reused", run: frames_reused },
    TestCase { name: "frame::exhaustion_returns_none", run: frames_exhaustion },
    TestCase { name: "frame::rejects_foreign_frames", run: frames_reject_foreign },
    TestCase { name: "console::line_editor_inserts_and_submits", run: editor_basic },
    TestCase { name: "console::line_editor_backspace", run: editor_backspace },
    TestCase { name: "console::line_editor_ignores_escape_sequences", run: editor_escapes },
    TestCase { name: "console::line_editor_crlf_is_one_line", run: editor_crlf },
    TestCase { name: "uart::byte_ring_is_fifo_and_bounded", run: byte_ring },
];

/// A page-aligned arena in .bss for allocator tests.
#[repr(C, align(4096))]
pub struct Arena<const N: usize>(pub [u8; N]);

pub const FRAME_ARENA_PAGES: usize = 8;
static mut FRAME_ARENA: Arena<{ FRAME_ARENA_PAGES * PAGE_SIZE }> = Arena([0; FRAME_ARENA_PAGES * PAGE_SIZE]);

fn frame_arena() -> (PhysAddr, PhysAddr) {
    let start = &raw mut FRAME_ARENA as usize;
    (PhysAddr::new(start), PhysAddr::new(start + FRAME_ARENA_PAGES * PAGE_SIZE))
}

fn one_hart_booted() -> TestResult {
    // test.sh runs the tests with two harts: the second must have stayed parked.
    kcheck_eq!(crate::machine::HARTS_BOOTED.load(core::sync::atomic::Ordering::SeqCst), 1);
    Ok(())
}

/// Writable and non-zero, so it lives in .data, whose load image sits in KIMAGE.
static DATA_CANARY: core::sync::atomic::AtomicU64 = core::sync::atomic::AtomicU64::new(0x1234_5678_9abc_def0);

fn data_copied() -> TestResult {
    let addr = &DATA_CANARY as *const _ as usize;
    let s = KernelSections::get();
    kcheck!(addr >= s.data_start.as_usize() && addr < s.heap_start.as_usize(), "canary at {:#x}", addr);
    kcheck_eq!(DATA_CANARY.load(core::sync::atomic::Ordering::SeqCst), 0x1234_5678_9abc_def0);
    Ok(())
}

fn breakpoint_resumes() -> TestResult {
    let before = trap::counts().exceptions[EXC_BREAKPOINT as usize];
    trap::breakpoint();
    let after = trap::counts().exceptions[EXC_BREAKPOINT as usize];
    kcheck_eq!(after, before + 1);
    Ok(())
}

fn load_unmapped_faults() -> TestResult {
    let before = trap::counts().exceptions[EXC_LOAD_PAGE_FAULT as usize];
    let fault = FaultProbe::read(0x1234_5000);
    kcheck!(fault.is_err(), "reading an unmapped page did not fault");
    let fault = fault.unwrap_err();
    kcheck_eq!(fault.cause, EXC_LOAD_PAGE_FAULT);
    kcheck_eq!(fault.tval, 0x1234_5000);
    kcheck_eq!(trap::counts().exceptions[EXC_LOAD_PAGE_FAULT as usize], before + 1);
    Ok(())
}

static READ_ONLY_WORD: u64 = 0x5a5a_5a5a;

fn store_rodata_faults() -> TestResult {
    let addr = &READ_ONLY_WORD as *const u64 as usize;
    let s = KernelSections::get();
    kcheck!(addr >= s.rodata_start.as_usize() && addr < s.rodata_end.as_usize());
    let result = FaultProbe::write(addr, 1);
    kcheck_eq!(result.map_err(|f| (f.cause, f.tval)), Err((EXC_STORE_PAGE_FAULT, addr)));
    kcheck_eq!(unsafe { core::ptr::read_volatile(&READ_ONLY_WORD) }, 0x5a5a_5a5a);
    Ok(())
}

fn store_text_faults() -> TestResult {
    let addr = KernelSections::get().text_start.as_usize() + 0x100;
    let result = FaultProbe::write(addr, 0);
    kcheck_eq!(result.map_err(|f| f.cause), Err(EXC_STORE_PAGE_FAULT));
    Ok(())
}

fn heap_writable() -> TestResult {
    let addr = KernelSections::get().heap_end.as_usize() - 8;
    kcheck!(FaultProbe::write(addr, 0xfeed).is_ok());
    kcheck_eq!(FaultProbe::read(addr).ok(), Some(0xfeed));
    Ok(())
}

fn stack_guard_faults() -> TestResult {
    let guard = KernelSections::get().stack_guard.as_usize() + PAGE_SIZE - 8;
    let result = FaultProbe::write(guard, 1);
    kcheck_eq!(result.map_err(|f| (f.cause, f.tval)), Err((EXC_STORE_PAGE_FAULT, guard)));
    Ok(())
}

fn ticks_advance() -> TestResult {
    let start = trap::ticks();
    // Each wfi returns at the latest on the next 10 ms tick; 50 rounds are plenty for 2 ticks.
    for _ in 0..50 {
        crate::riscv::wait_for_interrupt();
        if trap::ticks() >= start + 2 {
            return Ok(());
        }
    }
    kcheck!(false, "timer ticks did not advance: {} -> {}", start, trap::ticks());
    Ok(())
}

fn frames_distinct_zeroed() -> TestResult {
    let (start, end) = frame_arena();
    unsafe { core::ptr::write_bytes(start.as_mut_ptr::<u8>(), 0xaa, end.as_usize() - start.as_usize()) };
    let mut frames = unsafe { FrameAllocator::new(start, end) };
    kcheck_eq!(frames.stats().total, FRAME_ARENA_PAGES);
    let a = frames.alloc().unwrap();
    let b = frames.alloc().unwrap();
    kcheck!(a != b);
    kcheck!(a.addr().is_page_aligned() && b.addr().is_page_aligned());
    kcheck!(a.addr() >= start && b.addr().as_usize() + PAGE_SIZE <= end.as_usize());
    let bytes = unsafe { core::slice::from_raw_parts(b.addr().as_mut_ptr::<u8>(), PAGE_SIZE) };
    kcheck!(bytes.iter().all(|&x| x == 0), "frame not zeroed");
    kcheck_eq!(frames.stats().allocated, 2);
    kcheck_eq!(frames.stats().free, FRAME_ARENA_PAGES - 2);
    Ok(())
}

fn frames_reused() -> TestResult {
    let (start, end) = frame_arena();
    let mut frames = unsafe { FrameAllocator::new(start, end) };
    let a = frames.alloc().unwrap();
    let _b = frames.alloc().unwrap();
    unsafe { *a.addr().as_mut_ptr::<u64>().add(5) = 77 };
    kcheck!(frames.free(a).is_ok());
    kcheck_eq!(frames.stats().recycled, 1);
    let c = frames.alloc().unwrap();
    kcheck_eq!(c, a);
    kcheck_eq!(unsafe { *c.addr().as_mut_ptr::<u64>().add(5) }, 0);
    kcheck_eq!(frames.stats().recycled, 0);
    Ok(())
}

fn frames_exhaustion() -> TestResult {
    let (start, end) = frame_arena();
    let mut frames = unsafe { FrameAllocator::new(start, end) };
    for _ in 0..FRAME_ARENA_PAGES {
        kcheck!(frames.alloc().is_some());
    }
    kcheck!(frames.alloc().is_none());
    kcheck_eq!(frames.stats().free, 0);
    Ok(())
}

fn frames_reject_foreign() -> TestResult {
    let (start, end) = frame_arena();
    let mut frames = unsafe { FrameAllocator::new(start, end) };
    let outside = PhysPageNum::new(end.floor().as_usize() + 3);
    kcheck_eq!(frames.free(outside), Err(FrameError::OutOfRange(outside)));
    let never = start.floor();
    kcheck_eq!(frames.free(never), Err(FrameError::NeverAllocated(never)));
    Ok(())
}

fn feed(editor: &mut LineEditor, bytes: &[u8]) -> Option<Edit> {
    bytes.iter().map(|&b| editor.feed(b)).last()
}

fn editor_basic() -> TestResult {
    let mut e = LineEditor::new();
    kcheck_eq!(e.feed(b'm'), Edit::Inserted(b'm'));
    feed(&mut e, b"em");
    kcheck_eq!(e.feed(b'\r'), Edit::Submitted);
    kcheck_eq!(e.line(), "mem");
    Ok(())
}

fn editor_backspace() -> TestResult {
    let mut e = LineEditor::new();
    feed(&mut e, b"hepl");
    kcheck_eq!(e.feed(0x7f), Edit::Erased);
    kcheck_eq!(e.feed(0x08), Edit::Erased);
    feed(&mut e, b"lp");
    kcheck_eq!(e.line(), "help");
    e.clear();
    kcheck_eq!(e.feed(0x7f), Edit::Ignored);
    Ok(())
}

fn editor_escapes() -> TestResult {
    let mut e = LineEditor::new();
    // Up arrow, Ctrl-Left (CSI with parameters), SS3 down arrow, a lone ESC x, a control byte.
    for b in b"\x1b[Aa\x1b[1;5Db\x1bOBc\x1bxd\x01".iter() {
        e.feed(*b);
    }
    kcheck_eq!(e.line(), "abcd");
    Ok(())
}

fn editor_crlf() -> TestResult {
    let mut e = LineEditor::new();
    feed(&mut e, b"ls");
    kcheck_eq!(e.feed(b'\r'), Edit::Submitted);
    e.clear();
    kcheck_eq!(e.feed(b'\n'), Edit::Ignored);
    kcheck_eq!(e.feed(b'\n'), Edit::Submitted);
    Ok(())
}

fn byte_ring() -> TestResult {
    let mut r: ByteRing<4> = ByteRing::new();
    for b in 1..=5u8 {
        r.push(b);
    }
    kcheck_eq!(r.dropped(), 1);
    kcheck_eq!(r.pop(), Some(1));
    r.push(9);
    kcheck_eq!([r.pop(), r.pop(), r.pop(), r.pop(), r.pop()], [Some(2), Some(3), Some(4), Some(9), None]);
    Ok(())
}
