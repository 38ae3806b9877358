#!/usr/bin/env python3
"""Source-level debugging of the kernel with gdb-multiarch, on the emulator's GDB stub.

Usage: gdb_session.py --elf ELF --transcript FILE [--gdb PROGRAM] -- EMULATOR-COMMAND...

The emulator command boots ELF with the UART on stdin/stdout (scripts/run.sh does); this script
appends `-gdb SPEC -S` on a free port, waits (bounded) until the stub listens, and runs gdb in
batch mode with one list of commands. Each step's commands are preceded by an `echo` marker, so
the output splits into per-step sections that are checked against patterns. The UART is driven
at the same time: when the shell's first prompt appears (only possible once gdb has continued
past boot) the script types `breakpoint`, whose `ebreak` stops gdb in the trap handler. After
gdb detaches, the kernel must keep running: `traps` shows the breakpoint and the ticks, and
`shutdown` ends the emulator with status 0. Synchronisation is on output, never on sleeps.

Steps: reset vector (-S), `break kmain` (registers, S-mode, satp 0, backtrace), a breakpoint in
memory::heap::init (Rust frames, arguments, Sv39 satp equal to the kernel's root, memory through
the page table), `finish` and the heap allocator's statistics, a breakpoint in the trap handler's
ebreak arm (found by the GDB_BREAKPOINT_ARM marker in kernel/src/trap/mod.rs), `finish` to the
vector and `stepi`, a watchpoint on the tick counter (Old/New value), `detach`.

Both emulators get `-gdb tcp:127.0.0.1:PORT` (QEMU's `tcp::PORT` would listen on every address;
Rivet's stub listens on 127.0.0.1 only, whichever form it is given).

gdb's output goes to FILE, the UART's to FILE with .uart.txt (the emulator's stderr: .stderr.txt),
and normalised copies (.normalised.txt, .uart.normalised.txt: tick counts, the tick's trap frame
and the detach line's process name masked) equal between QEMU and Rivet. Prints one line per step
("step NAME ... ok" / "FAILED: why") and "session gdb: N passed, M failed"; exits 0 only if
every step passed.
"""
import argparse
import os
import re
import selectors
import socket
import subprocess
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
from shell_session import MASKS as UART_MASKS  # noqa: E402 (the shell's timing-dependent figures)

PROMPT = "rivet> "
LISTEN_TIMEOUT = 60.0    # the JVM must start and the stub listen
GDB_TIMEOUT = 180.0      # the whole gdb session
STEP_TIMEOUT = 30.0      # each shell step after the detach
MARKER = "@@gdb-step "
ARM_MARKER = "GDB_BREAKPOINT_ARM"
HEAP_SIZE = 4 * 1024 * 1024
TICKS = "*(&rivet_kernel::trap::TICKS as *const u64)"        # the AtomicU64, as a u64
KERNEL_ROOT = "*(&rivet_kernel::memory::kernel_space::KERNEL_ROOT as *const usize)"
HEAP_STATS = "rivet_kernel::memory::heap::HEAP.inner.value.value"  # IrqSpinLock -> UnsafeCell -> Counted

GDB_MASKS = [  # what legitimately differs between runs and emulators, masked in the normalised copy
    (re.compile(r"^(Old|New)( value = )\d+$", re.M), r"\1\2<n>"),               # tick counts
    # QEMU's stub has the multiprocess extensions (pid 1), Rivet's does not
    (re.compile(r"^\[Inferior 1 \((process \d+|Remote target)\) detached\]$", re.M), "[Inferior 1 detached]"),
]
TICK_FRAME = (re.compile(r"\(frame=0x[0-9a-f]+\)"), "(frame=<n>)")  # in the watch step: where the tick landed


def normalise_gdb(text, watch_step):
    for regex, replacement in GDB_MASKS:
        text = regex.sub(replacement, text)
    start, end = "%s%d\n" % (MARKER, watch_step), "%s%d\n" % (MARKER, watch_step + 1)
    if start in text and end in text:
        head, rest = text.split(start, 1)
        watch, tail = rest.split(end, 1)
        text = head + start + TICK_FRAME[0].sub(TICK_FRAME[1], watch) + end + tail
    return text


def marker_line(path, marker):
    """Number of the line after the one holding `marker` (1-based)."""
    with open(path) as f:
        for number, line in enumerate(f, 1):
            if marker in line:
                return number + 1
    raise SystemExit("%s: no %s marker" % (path, marker))


class Step:
    def __init__(self, name, commands, must=(), must_not=(), check=None):
        self.name = name
        self.commands = commands    # gdb commands
        self.must = must            # regexes (MULTILINE) the step's gdb output must match
        self.must_not = must_not
        self.check = check          # f(output, values) -> list of problems; may fill values


def number(pattern, text, base=0):
    m = re.search(pattern, text, re.M)
    return int(m.group(1), base) if m else None


def check_kmain(out, values):
    sstatus = number(r"^sstatus\s+(0x[0-9a-f]+)\s", out)
    if sstatus is None:
        return ["no sstatus"]
    problems = []
    if (sstatus >> 32) & 3 != 2:
        problems.append("sstatus.UXL is not 64 bits: %#x" % sstatus)
    if sstatus & 2:
        problems.append("sstatus.SIE set before trap::enable_interrupts: %#x" % sstatus)
    return problems


def check_heap_init(out, values):
    problems = []
    start = number(r"^start = rivet_kernel::memory::addr::PhysAddr \((\d+)\)$", out)
    end = number(r"^end = rivet_kernel::memory::addr::PhysAddr \((\d+)\)$", out)
    if start is None or end is None or end - start != HEAP_SIZE:
        problems.append("heap arguments start=%s end=%s do not span %d bytes" % (start, end, HEAP_SIZE))
    satp = number(r"^satp = (0x[0-9a-f]+)$", out)
    root = number(r"^root = (0x[0-9a-f]+)$", out)
    if satp is None or satp >> 60 != 8:
        problems.append("satp %s is not Sv39 (mode 8)" % (hex(satp) if satp is not None else None))
    elif root is None or satp & ((1 << 44) - 1) != root:
        problems.append("satp PPN %#x is not the kernel's root %s" % (satp & ((1 << 44) - 1), root))
    return problems


def check_trap(out, values):
    sepc = number(r"^frame\.sepc = (0x[0-9a-f]+)$", out)
    csr = number(r"^\$sepc = (0x[0-9a-f]+)$", out)
    values["sepc"] = sepc
    if sepc is None or sepc != csr:
        return ["the frame's sepc %s differs from the sepc CSR %s" % (sepc, csr)]
    return []


def check_vector(out, values):
    pcs = [int(p, 16) for p in re.findall(r"^(0x[0-9a-f]+) in s_trap_vector \(\)$", out, re.M)]
    if len(pcs) != 2 or pcs[1] - pcs[0] not in (2, 4):
        return ["finish then stepi should stop in s_trap_vector one instruction apart: %s" % [hex(p) for p in pcs]]
    return []


def check_watch(out, values):
    old = number(r"^Old value = (\d+)$", out)
    new = number(r"^New value = (\d+)$", out)
    values["ticks"] = new
    if old is None or new != old + 1:
        return ["the tick counter went from %s to %s, not up by one" % (old, new)]
    return []


def gdb_steps(port, arm_line):
    return [
        Step("connect, harts held at the reset vector (-S)",
             ["target remote 127.0.0.1:%d" % port, "info registers pc"],
             must=[r"^0x0+1000 in \?\? \(\)$", r"^pc\s+0x1000\s+0x1000$"]),
        Step("break kmain: S-mode, satp 0, Rust backtrace",
             ["break kmain", "continue", "info registers pc satp sstatus", "printf \"priv = %d\\n\", $priv",
              "backtrace"],
             must=[r"^Breakpoint 1 at 0x[0-9a-f]+: file kernel/src/main\.rs, line \d+\.$",
                   r"^Breakpoint 1, rivet_kernel::kmain \(\) at kernel/src/main\.rs:\d+$",
                   r"^pc\s+0x8000[0-9a-f]{4}\s+0x8000[0-9a-f]{4} <rivet_kernel::kmain\+\d+>$",
                   r"^satp\s+0x0\s+0$",
                   r"^priv = 1$",  # S-mode
                   r"^#0  rivet_kernel::kmain \(\) at kernel/src/main\.rs:\d+$"],
             check=check_kmain),
        Step("break in memory::heap::init (paging on): frames, arguments, Sv39 satp, memory",
             ["break rivet_kernel::memory::heap::init", "continue", "backtrace", "info args",
              "printf \"satp = %#lx\\n\", $satp", "printf \"root = %#lx\\n\", " + KERNEL_ROOT,
              "x/4gx $sp", "x/gx 0"],
             must=[r"^Breakpoint 2, rivet_kernel::memory::heap::init \(start=\.\.\., end=\.\.\.\) at "
                   r"kernel/src/memory/heap/mod\.rs:\d+$",
                   r"^#0  rivet_kernel::memory::heap::init \(start=\.\.\., end=\.\.\.\) at kernel/src/memory/heap/mod\.rs:\d+$",
                   r"^#1  0x[0-9a-f]+ in rivet_kernel::memory::init \(\) at kernel/src/memory/mod\.rs:\d+$",
                   r"^#2  0x[0-9a-f]+ in rivet_kernel::kmain \(\) at kernel/src/main\.rs:\d+$",
                   # the stack, read through the page table, then page 0, which nothing maps
                   r"^0x802[0-9a-f]{5}:\s+0x[0-9a-f]{16}\s+0x[0-9a-f]{16}\n0x802[0-9a-f]{5}:\s+0x[0-9a-f]{16}\s+0x[0-9a-f]{16}$",
                   r"^0x0:\s+Cannot access memory at address 0x0$"],
             check=check_heap_init),
        Step("finish heap::init, heap allocator statistics",
             ["finish", "print " + HEAP_STATS],
             must=[r"^rivet_kernel::memory::init \(\) at kernel/src/memory/mod\.rs:\d+$",
                   r"^\$\d+ = rivet_kernel::memory::heap::Counted<\S+> \{inner: .*, arena_size: %d, "
                   r"allocations: \d+, frees: \d+, failed: 0, bytes_in_use: \d+\}$" % HEAP_SIZE]),
        Step("break in the trap handler's ebreak arm (the shell types 'breakpoint')",
             ["break trap/mod.rs:%d" % arm_line, "continue", "info locals",
              "printf \"frame.scause = %d\\n\", frame.scause",
              "printf \"frame.sepc = %#lx\\n\", frame.sepc", "printf \"$sepc = %#lx\\n\", $sepc",
              "info registers scause", "info symbol frame.sepc", "backtrace"],
             must=[r"^Breakpoint 3 at 0x[0-9a-f]+: file kernel/src/trap/mod\.rs, line %d\.$" % arm_line,
                   r"^Breakpoint 3, rivet_kernel::trap::s_trap_handler \(frame=0x802[0-9a-f]{5}\) at "
                   r"kernel/src/trap/mod\.rs:%d$" % arm_line,
                   r"^cause = 3$", r"^frame\.scause = 3$", r"^scause\s+0x3\s+3$",
                   # the ebreak is in the shell's command (v0 symbol names carry the crate hash)
                   r"^rivet_kernel(\[[0-9a-f]+\])?::(shell|trap)::breakpoint \+ \d+ in section \.text$",
                   r"^#0  rivet_kernel::trap::s_trap_handler \(frame=0x802[0-9a-f]{5}\) at kernel/src/trap/mod\.rs:%d$" % arm_line,
                   r"^#1  0x[0-9a-f]+ in s_trap_vector \(\)$"],
             check=check_trap),
        Step("finish to the trap vector, stepi",
             ["finish", "stepi", "x/i $pc"],
             must=[r"^=> 0x[0-9a-f]+ <s_trap_vector\+\d+>:\s+\S"],
             check=check_vector),
        Step("watch the tick counter",
             ["delete", "watch " + TICKS, "continue", "backtrace", "delete"],
             must=[r"^Hardware watchpoint 4: \*\(&rivet_kernel::trap::TICKS as \*const u64\)$",
                   r"^#\d+ .*rivet_kernel::trap::s_trap_handler \(frame=0x[0-9a-f]+\) at kernel/src/trap/mod\.rs:\d+$"],
             check=check_watch),
        Step("detach", ["detach"],
             must=[r"^\[Inferior 1 \((process \d+|Remote target)\) detached\]$"]),
    ]


def gdb_command(gdb, elf, steps):
    command = [gdb, "-batch", "-nx", "-ex", "set architecture riscv:rv64", "-ex", "set pagination off",
               "-ex", "set confirm off", "-ex", "set width 0", "-ex", "file " + elf]
    for i, step in enumerate(steps):
        command += ["-ex", "echo \\n%s%d\\n" % (MARKER, i)]
        for c in step.commands:
            command += ["-ex", c]
    command += ["-ex", "echo \\n%s%d\\n" % (MARKER, len(steps))]
    return command


def listening(port):
    """Whether something listens on TCP `port` (Linux: /proc/net/tcp, tcp6; state 0A)."""
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(table) as f:
                rows = f.read().splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            fields = row.split()
            if len(fields) > 3 and fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port:
                return True
    return False


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def gdb_listen_spec(port):
    # both emulators take QEMU's host:port form; QEMU's tcp::PORT would listen on every address
    return "tcp:127.0.0.1:%d" % port


class Streams:
    """Reads the emulator's UART and gdb's output together, without blocking on either."""

    def __init__(self):
        self.selector = selectors.DefaultSelector()
        self.text = {}

    def add(self, name, pipe):
        self.text[name] = ""
        self.selector.register(pipe, selectors.EVENT_READ, name)

    def pump(self, done, timeout, on_output=lambda: None):
        """Reads until done() or timeout; returns done()."""
        deadline = time.monotonic() + timeout
        while not done():
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not self.selector.get_map():
                return done()
            for key, _ in self.selector.select(remaining):
                chunk = os.read(key.fileobj.fileno(), 4096)
                if not chunk:
                    self.selector.unregister(key.fileobj)
                    self.text[key.data + ".eof"] = ""
                    continue
                self.text[key.data] += chunk.decode("utf-8", "replace").replace("\r", "")
            on_output()
        return True

    def eof(self, name):
        return name + ".eof" in self.text


def start_emulator(command, streams):
    """Starts the emulator under its stub on a free port; returns (process, port)."""
    for _ in range(3):  # the free port may be taken before the emulator binds it
        port = free_port()
        proc = subprocess.Popen(command + ["-gdb", gdb_listen_spec(port), "-S"], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        deadline = time.monotonic() + LISTEN_TIMEOUT
        while proc.poll() is None and not listening(port) and time.monotonic() < deadline:
            time.sleep(0.05)  # bounded retry: nothing is printed when the stub listens
        if proc.poll() is None and listening(port):
            streams.add("uart", proc.stdout)
            streams.add("stderr", proc.stderr)  # e.g. Rivet's "GDB stub listening on ..."
            return proc, port
        why = "nothing listening after %.0f s" % LISTEN_TIMEOUT
        if proc.poll() is None:
            proc.kill()
        else:
            why = "the emulator exited with status %d" % proc.returncode
        out = (proc.stdout.read() + proc.stderr.read()).decode("utf-8", "replace").strip()
        proc.wait()
        print("no GDB stub on port %d: %s%s" % (port, why, (": " + out[-300:]) if out else ""))
    return None, None


def check(name, output, must=(), must_not=(), extra=()):
    problems = ["missing /%s/" % p for p in must if not re.search(p, output, re.M)]
    problems += ["unexpected /%s/" % p for p in must_not if re.search(p, output, re.M)]
    problems += list(extra)
    if problems:
        print("step %s ... FAILED: %s" % (name, "; ".join(problems)))
    else:
        print("step %s ... ok" % name)
    return not problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--elf", required=True)
    parser.add_argument("--transcript", required=True)
    parser.add_argument("--gdb", default="gdb-multiarch")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("missing the emulator command after --")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    arm_line = marker_line(os.path.join(root, "kernel/src/trap/mod.rs"), ARM_MARKER)

    passed = failed = 0
    streams = Streams()
    emulator, port = start_emulator(command, streams)
    gdb = None
    try:
        if emulator is None:
            print("step start the emulator under its GDB stub ... FAILED")
            failed += 1
            return 1
        steps = gdb_steps(port, arm_line)
        gdb = subprocess.Popen(gdb_command(args.gdb, args.elf, steps), stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        streams.add("gdb", gdb.stdout)
        typed = []

        def type_breakpoint():
            # The first prompt appears while gdb continues towards the trap handler's breakpoint.
            if not typed and PROMPT in streams.text["uart"]:
                emulator.stdin.write(b"breakpoint\r")
                emulator.stdin.flush()
                typed.append(True)

        finished = streams.pump(lambda: streams.eof("gdb"), GDB_TIMEOUT, type_breakpoint)
        if not finished:
            gdb.kill()
            print("gdb did not finish within %.0f s" % GDB_TIMEOUT)
        status = gdb.wait()

        # Per-step sections of gdb's output.
        out = streams.text["gdb"]
        values = {}
        for i, step in enumerate(steps):
            m = re.search(r"^%s%d\n(.*?)^%s%d$" % (MARKER, i, MARKER, i + 1), out, re.M | re.S)
            if not m:
                ok = check(step.name, "", extra=["no output (gdb stopped earlier)"])
            else:
                section = m.group(1)
                extra = step.check(section, values) if step.check else []
                ok = check(step.name, section, step.must,
                           list(step.must_not) + [r"Remote connection closed", r"^Cannot execute this command"],
                           extra)
            passed, failed = (passed + 1, failed) if ok else (passed, failed + 1)
        ok = check("gdb exits with status 0", out, must_not=[r"^Quit$"],
                   extra=[] if status == 0 and finished else ["status %s" % status])
        passed, failed = (passed + 1, failed) if ok else (passed, failed + 1)
        if not re.search(r"^\[Inferior 1 \(.*\) detached\]$", out, re.M):
            for name in ("the kernel resumes after the ebreak", "traps after the detach", "shutdown"):
                print("step %s ... FAILED: not run (gdb did not detach)" % name)
                failed += 1
            return 1

        # The kernel runs on after the detach: the ebreak's report, then the shell.
        uart = lambda: streams.text["uart"]
        streams.pump(lambda: re.search(r"back from the breakpoint.*\n%s" % PROMPT, uart()), STEP_TIMEOUT)
        sepc = values.get("sepc")
        ok = check("the kernel resumes after the ebreak", uart(),
                   must=[r"^rivet> breakpoint$",
                         r"^trap: breakpoint at sepc=%s; resuming after it$" % (hex(sepc) if sepc else "0x[0-9a-f]+"),
                         r"^back from the breakpoint \(breakpoints so far: 1\)\n%s" % PROMPT])
        passed, failed = (passed + 1, failed) if ok else (passed, failed + 1)

        mark = len(uart())
        emulator.stdin.write(b"traps\r")
        emulator.stdin.flush()
        streams.pump(lambda: PROMPT in uart()[mark:], STEP_TIMEOUT)
        after = uart()[mark:]
        ticks = number(r"^timer ticks:\s+(\d+)$", after)
        ok = check("traps after the detach", after,
                   must=[r"^timer ticks:\s+\d+$", r"^exception  3 breakpoint\s+1$", PROMPT],
                   extra=[] if ticks is not None and ticks >= (values.get("ticks") or 1) else
                   ["timer ticks %s, fewer than the watchpoint saw (%s)" % (ticks, values.get("ticks"))])
        passed, failed = (passed + 1, failed) if ok else (passed, failed + 1)

        mark = len(uart())
        emulator.stdin.write(b"shutdown\r")
        emulator.stdin.flush()
        streams.pump(lambda: streams.eof("uart"), STEP_TIMEOUT)
        try:
            exit_status = emulator.wait(timeout=STEP_TIMEOUT)
        except subprocess.TimeoutExpired:
            exit_status = None
        ok = check("shutdown", uart()[mark:], must=[r"^powering off$"],
                   extra=[] if exit_status == 0 else ["emulator exit status %s, expected 0" % exit_status])
        passed, failed = (passed + 1, failed) if ok else (passed, failed + 1)
    except (BrokenPipeError, OSError) as e:
        print("step console ... FAILED: %s" % e)
        failed += 1
    finally:
        for proc in (gdb, emulator):
            if proc is not None and proc.poll() is None:
                proc.kill()
                proc.wait()
        stem = re.sub(r"\.txt$", "", args.transcript)
        gdb_text, uart_text = streams.text.get("gdb", ""), streams.text.get("uart", "")
        watch_step = [i for i, s in enumerate(gdb_steps(0, 0)) if s.name.startswith("watch")][0]
        for path, text in ((args.transcript, gdb_text), (stem + ".normalised.txt", normalise_gdb(gdb_text, watch_step)),
                           (stem + ".uart.txt", uart_text), (stem + ".stderr.txt", streams.text.get("stderr", ""))):
            with open(path, "w") as f:
                f.write(text)
        for regex, replacement in UART_MASKS:
            uart_text = regex.sub(replacement, uart_text)
        with open(stem + ".uart.normalised.txt", "w") as f:
            f.write(uart_text)
        print("session gdb: %d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
