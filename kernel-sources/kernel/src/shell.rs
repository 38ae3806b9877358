//! The kernel shell: reads a line with the console's line editor and runs a command.
use crate::console::{self, line_editor::LineEditor};
use crate::drivers::{clint, finisher};
use crate::memory::{frame, heap, kernel_space, paging::RangeCoalescer, PAGE_SIZE};
use crate::trap::{self, FaultProbe};

pub const PROMPT: &str = "rivet> ";

/// An address nothing maps (page 0): reading it raises a load page fault.
pub const UNMAPPED_PROBE_ADDRESS: usize = 0x0;

struct Command {
    name: &'static str,
    help: &'static str,
    run: fn(),
}

const COMMANDS: &[Command] = &[
    Command { name: "help", help: "list the commands", run: help },
    Command { name: "mem", help: "heap allocator statistics", run: mem },
    Command { name: "frames", help: "page-frame allocator statistics", run: frames },
    Command { name: "ptdump", help: "dump the kernel page table (merged ranges)", run: ptdump },
    Command { name: "traps", help: "trap counters", run: traps },
    Command { name: "uptime", help: "time since boot", run: uptime },
    Command { name: "pagefault", help: "read an unmapped address and recover", run: pagefault },
    Command { name: "breakpoint", help: "execute ebreak and resume", run: breakpoint },
    Command { name: "panic", help: "panic the kernel (stops the machine, status 3)", run: panic },
    Command { name: "shutdown", help: "power off (emulator exits with status 0)", run: shutdown },
    Command { name: "reboot", help: "reset the machine", run: reboot },
];

/// Runs the read-eval loop forever.
pub fn run() -> ! {
    println!("Type 'help' for the list of commands.");
    let mut editor = LineEditor::new();
    loop {
        print!("{}", PROMPT);
        let line = console::read_line(&mut editor).trim();
        execute(line);
    }
}

/// Runs one command line.
pub fn execute(line: &str) {
    let name = line.split_whitespace().next().unwrap_or("");
    if name.is_empty() {
        return;
    }
    match COMMANDS.iter().find(|c| c.name == name) {
        Some(command) => (command.run)(),
        None => println!("unknown command '{}'; type 'help' for the list of commands", name),
    }
}

fn help() {
    println!("commands:");
    for c in COMMANDS {
        println!("  {:<11} {}", c.name, c.help);
    }
}

fn mem() {
    let s = heap::stats();
    println!("heap allocator:     {}", s.allocator);
    println!("arena size:         {} bytes", s.arena_size);
    println!("allocations:        {}", s.allocations);
    println!("frees:              {}", s.frees);
    println!("failed allocations: {}", s.failed);
    println!("bytes in use:       {}", s.bytes_in_use);
    println!("largest free block: {} bytes", s.largest_free_block);
}

fn frames() {
    let s = frame::stats();
    println!("first frame:  {:#x}", s.first.addr().as_usize());
    println!("frames total: {} ({} KiB)", s.total, s.total * PAGE_SIZE / 1024);
    println!("allocated:    {}", s.allocated);
    println!("free:         {}", s.free);
    println!("recycled:     {}", s.recycled);
}

fn ptdump() {
    let Some(table) = kernel_space::active() else {
        println!("paging is off");
        return;
    };
    println!("kernel page table: root {:#x}, satp {:#x}", table.root().addr().as_usize(), table.satp());
    println!("{:<37}    {:<18} {:<7} {:>10}", "virtual range", "physical", "flags", "size");
    let mut coalescer = RangeCoalescer::default();
    let mut leaves = 0usize;
    table.for_each_leaf(&mut |leaf| {
        leaves += 1;
        if let Some(range) = coalescer.push(leaf) {
            println!("{}", range);
        }
    });
    if let Some(range) = coalescer.finish() {
        println!("{}", range);
    }
    println!("{} leaf entries", leaves);
}

fn traps() {
    let c = trap::counts();
    println!("timer ticks:         {}", c.timer_ticks);
    println!("external interrupts: {}", c.external);
    println!("spurious:            {}", c.spurious);
    for (code, n) in c.exceptions.iter().enumerate() {
        if *n != 0 {
            println!("exception {:>2} {:<30} {}", code, trap::exception_name(code as u64), n);
        }
    }
}

fn uptime() {
    let t = clint::mtime();
    let ms = t / (clint::TIMEBASE_HZ / 1000);
    println!("uptime: {}.{:03} s ({} timer ticks)", ms / 1000, ms % 1000, trap::ticks());
}

fn pagefault() {
    println!("reading {:#x} (not mapped)...", UNMAPPED_PROBE_ADDRESS);
    match FaultProbe::read(UNMAPPED_PROBE_ADDRESS) {
        Err(fault) => println!(
            "recovered from {} (scause={}) at stval={:#x}",
            trap::exception_name(fault.cause),
            fault.cause,
            fault.tval
        ),
        Ok(v) => println!("no fault: read {:#x} (the page table maps page 0!)", v),
    }
}

fn breakpoint() {
    let before = trap::counts().exceptions[trap::EXC_BREAKPOINT as usize];
    trap::breakpoint();
    let after = trap::counts().exceptions[trap::EXC_BREAKPOINT as usize];
    println!("back from the breakpoint (breakpoints so far: {})", after.max(before));
}

fn panic() {
    panic!("panic requested from the shell");
}

fn shutdown() {
    println!("powering off");
    finisher::exit_success()
}

fn reboot() {
    println!("rebooting");
    finisher::reset()
}
