//! In-kernel test framework. Built with `--features ktest`, the kernel boots as usual (paging,
//! heap, interrupts on), runs every test in [`ALL`], prints one line per test and a summary
//! `kernel: N passed, M failed`, and powers off through the test finisher: the emulator's exit
//! status is 0 when all passed, 1 otherwise (3 if the kernel panicked).
//!
//! A test is `fn() -> TestResult`; the `kcheck!`/`kcheck_eq!` macros return a failure carrying
//! the file, line and message, so one failing test does not stop the others.
use crate::drivers::finisher;

mod heap_tests;
mod kernel_tests;
mod paging_tests;

pub struct TestFailure {
    pub file: &'static str,
    pub line: u32,
    pub message: alloc::string::String,
}

pub type TestResult = Result<(), TestFailure>;

pub struct TestCase {
    pub name: &'static str,
    pub run: fn() -> TestResult,
}

#[macro_export]
macro_rules! kcheck {
    ($cond:expr) => {
        if !$cond {
            return Err($crate::ktest::TestFailure {
                file: file!(),
                line: line!(),
                message: alloc::format!("check failed: {}", stringify!($cond)),
            });
        }
    };
    ($cond:expr, $($fmt:tt)+) => {
        if !$cond {
            return Err($crate::ktest::TestFailure {
                file: file!(),
                line: line!(),
                message: alloc::format!($($fmt)+),
            });
        }
    };
}

#[macro_export]
macro_rules! kcheck_eq {
    ($left:expr, $right:expr) => {{
        let (l, r) = (&$left, &$right);
        if l != r {
            return Err($crate::ktest::TestFailure {
                file: file!(),
                line: line!(),
                message: alloc::format!(
                    "{} == {}: left {:?}, right {:?}",
                    stringify!($left),
                    stringify!($right),
                    l,
                    r
                ),
            });
        }
    }};
}

const GROUPS: &[&[TestCase]] = &[kernel_tests::TESTS, paging_tests::TESTS, heap_tests::TESTS];

pub fn run_all_and_exit() -> ! {
    let total: usize = GROUPS.iter().map(|g| g.len()).sum();
    println!("ktest: running {} tests", total);
    let (mut passed, mut failed) = (0usize, 0usize);
    for test in GROUPS.iter().flat_map(|g| g.iter()) {
        match (test.run)() {
            Ok(()) => {
                passed += 1;
                println!("test {} ... ok", test.name);
            }
            Err(f) => {
                failed += 1;
                println!("test {} ... FAILED at {}:{}: {}", test.name, f.file, f.line, f.message);
            }
        }
    }
    println!("kernel: {} passed, {} failed", passed, failed);
    if failed == 0 {
        finisher::exit_success()
    } else {
        finisher::exit_failure(finisher::TEST_FAILURE_STATUS)
    }
}
