#!/usr/bin/env python3
"""Drives the kernel shell over the emulator's serial console and checks the transcript.

Usage: shell_session.py --transcript FILE [--session NAME] -- EMULATOR-COMMAND...

The emulator command must connect the UART to stdin/stdout (scripts/run.sh does). Every step
sends one line and waits for the text that must follow it (normally the next prompt), with a
deadline: synchronisation is on output, never on sleeps. Each step's output is then checked
against the patterns it must and must not contain. The full transcript (CR removed) is written
to FILE, and a normalised copy (timing-dependent numbers masked) to FILE with .normalised.txt, so
transcripts from QEMU and from Rivet can be compared with diff.

Prints one line per step ("step NAME ... ok" / "FAILED: why") and finally
"session: N passed, M failed"; exits 0 only if every step passed.
"""
import argparse
import os
import re
import selectors
import subprocess
import sys
import time

PROMPT = "rivet> "
BANNER = "Rivet kernel "
STEP_TIMEOUT = 30.0

COMMAND_NAMES = ["help", "mem", "frames", "ptdump", "traps", "uptime", "pagefault",
                 "breakpoint", "panic", "shutdown", "reboot"]


class Step:
    def __init__(self, name, send, until=PROMPT, must=(), must_not=(), exit_status=None):
        self.name = name
        self.send = send            # bytes to type (None: just wait)
        self.until = until          # text that ends the step's output (None: process exit)
        self.must = must            # regexes (MULTILINE) the output must match
        self.must_not = must_not    # regexes the output must not match
        self.exit_status = exit_status


def interactive_session():
    no_unknown = [r"unknown command"]
    return [
        Step("boot", None, must=[r"^Rivet kernel \S+ \(hart 0, S-mode\)$",
                                 r"^boot: Sv39 on, heap '[a-z-]+' ready, interrupts on$"]),
        Step("help", b"help\r", must=[r"^commands:$"] + [r"^  %s\s+\S" % c for c in COMMAND_NAMES]),
        Step("mem", b"mem\r", must=[
            r"^heap allocator:\s+(bump|linked-list|fixed-size-block)$",
            r"^arena size:\s+4194304 bytes$",
            r"^allocations:\s+\d+$", r"^frees:\s+\d+$", r"^bytes in use:\s+\d+$",
            r"^largest free block:\s+[1-9]\d* bytes$"]),
        Step("frames", b"frames\r", must=[r"^frames total:\s+[1-9]\d* \(\d+ KiB\)$",
                                          r"^allocated:\s+[1-9]\d*$", r"^free:\s+[1-9]\d*$"]),
        Step("ptdump", b"ptdump\r", must=[
            r"^kernel page table: root 0x[0-9a-f]+, satp 0x8[0-9a-f]{15}$",
            # text R-X at the load address, then rodata R--, then RAM RW- up to 0x8800_0000
            r"^0x0000000080000000-0x00000000800[0-9a-f]{5} -> 0x0000000080000000 R-X-GAD",
            r"^0x00000000800[0-9a-f]{5}-0x00000000800[0-9a-f]{5} -> 0x00000000800[0-9a-f]{5} R---GAD",
            # RAM RW- in two ranges around the unmapped stack guard page
            r"^0x0000000080200000-0x00000000802[0-9a-f]{5} -> 0x0000000080200000 RW--GAD",
            r"^0x00000000802[0-9a-f]{5}-0x0000000088000000 -> 0x00000000802[0-9a-f]{5} RW--GAD",
            r"^0x0000000010000000-0x0000000010001000 -> 0x0000000010000000 RW--GAD",  # UART0
            r"^0x0000000002000000-0x0000000002010000 -> 0x0000000002000000 RW--GAD",  # CLINT
            r"^0x000000000c000000-0x000000000c600000 -> 0x000000000c000000 RW--GAD",  # PLIC
            r"^0x0000000000100000-0x0000000000101000 -> 0x0000000000100000 RW--GAD",  # finisher
            r"^\d+ leaf entries$"],
            must_not=[r"RWX", r"-WX", r"^0x0000000000000000-"]),
        Step("pagefault", b"pagefault\r", must=[
            r"^trap: load page fault \(scause=13\) sepc=0x8000[0-9a-f]{4} stval=0x0; probe armed",
            r"^  zero=0x0{16}\s+ra=0x00000000800[0-9a-f]{5}\s+sp=0x0000000080[0-9a-f]{6}\s+gp=0x[0-9a-f]{16}$",
            r"^\s+t3=0x[0-9a-f]{16}\s+t4=0x[0-9a-f]{16}\s+t5=0x[0-9a-f]{16}\s+t6=0x[0-9a-f]{16}$",
            r"^  sstatus=0x[0-9a-f]+ sepc=0x8000[0-9a-f]{4} scause=0xd stval=0x0$",
            r"^recovered from load page fault \(scause=13\) at stval=0x0$"]),
        Step("breakpoint", b"breakpoint\r", must=[
            r"^trap: breakpoint at sepc=0x8000[0-9a-f]{4}; resuming after it$",
            r"^back from the breakpoint \(breakpoints so far: 1\)$"]),
        Step("traps", b"traps\r", must=[r"^timer ticks:\s+[1-9]\d*$",
                                        r"^external interrupts:\s+[1-9]\d*$",
                                        r"^exception  3 breakpoint\s+1$",
                                        r"^exception 13 load page fault\s+1$"]),
        Step("uptime", b"uptime\r", must=[r"^uptime: \d+\.\d{3} s \(\d+ timer ticks\)$"]),
        Step("unknown command", b"frobnicate now\r",
             must=[r"^unknown command 'frobnicate'; type 'help' for the list of commands$"]),
        Step("backspace", b"hepl\x7f\x7flp\r", must=[r"^commands:$"], must_not=no_unknown),
        Step("escape sequences", b"\x1b[A\x1b[1;5Dupt\x1bOBime\r",
             must=[r"^uptime: "], must_not=no_unknown),
        Step("empty line", b"\r", must_not=no_unknown),
        Step("reboot", b"reboot\r", until=BANNER, must=[r"^rebooting$"]),
        Step("after reboot", None, must=[r"^boot: Sv39 on"]),
        Step("clean state after reboot", b"traps\r", must=[r"^timer ticks:"],
             must_not=[r"^exception "]),
        Step("shutdown", b"shutdown\r", until=None, must=[r"^powering off$"], exit_status=0),
    ]


def panic_session():
    return [
        Step("boot", None),
        Step("panic", b"panic\r", until=None, must=[
            r"^KERNEL PANIC: panicked at kernel/src/shell\.rs:\d+:\d+:$",
            r"^panic requested from the shell$"], exit_status=3),
    ]


SESSIONS = {"interactive": interactive_session, "panic": panic_session}

MASKS = [  # timing-dependent figures, masked in the normalised transcript
    (re.compile(r"^(uptime: )\d+\.\d{3} s \(\d+ timer ticks\)$", re.M), r"\1<t> s (<n> timer ticks)"),
    (re.compile(r"^(timer ticks:\s+)\d+$", re.M), r"\1<n>"),
    (re.compile(r"^(external interrupts:\s+)\d+$", re.M), r"\1<n>"),
]


class Console:
    def __init__(self, command):
        self.proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT)
        self.selector = selectors.DefaultSelector()
        self.selector.register(self.proc.stdout, selectors.EVENT_READ)
        self.pending = ""
        self.transcript = ""

    def send(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def read_until(self, text, timeout):
        """Output up to and including `text` (None: until the process exits); raises on timeout."""
        deadline = time.monotonic() + timeout
        while True:
            if text is not None and text in self.pending:
                end = self.pending.index(text) + len(text)
                out, self.pending = self.pending[:end], self.pending[end:]
                return out
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("no %r within %.0f s; got %r" % (text, timeout, self.pending[-300:]))
            if not self.selector.select(remaining):
                continue
            chunk = os.read(self.proc.stdout.fileno(), 4096)
            if not chunk:
                if text is None:
                    out, self.pending = self.pending, ""
                    return out
                raise EOFError("emulator exited before %r; got %r" % (text, self.pending[-300:]))
            decoded = chunk.decode("utf-8", "replace").replace("\r", "")
            self.pending += decoded
            self.transcript += decoded

    def wait_exit(self, timeout):
        return self.proc.wait(timeout=timeout)

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def check_step(step, output, status):
    problems = []
    for pattern in step.must:
        if not re.search(pattern, output, re.M):
            problems.append("missing /%s/" % pattern)
    for pattern in step.must_not:
        if re.search(pattern, output, re.M):
            problems.append("unexpected /%s/" % pattern)
    if step.exit_status is not None and status != step.exit_status:
        problems.append("emulator exit status %s, expected %s" % (status, step.exit_status))
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--transcript", required=True)
    parser.add_argument("--session", choices=sorted(SESSIONS), default="interactive")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("missing the emulator command after --")

    console = Console(command)
    passed = failed = 0
    aborted = False
    try:
        for step in SESSIONS[args.session]():
            if aborted:
                print("step %s ... FAILED: not run (an earlier step lost the console)" % step.name)
                failed += 1
                continue
            status = None
            try:
                if step.send is not None:
                    console.send(step.send)
                output = console.read_until(step.until, STEP_TIMEOUT)
                if step.until is None:
                    status = console.wait_exit(STEP_TIMEOUT)
                problems = check_step(step, output, status)
            except (TimeoutError, EOFError, BrokenPipeError, subprocess.TimeoutExpired) as e:
                problems = [str(e)]
                aborted = True
            if problems:
                failed += 1
                print("step %s ... FAILED: %s" % (step.name, "; ".join(problems)))
            else:
                passed += 1
                print("step %s ... ok" % step.name)
    finally:
        console.kill()
        with open(args.transcript, "w") as f:
            f.write(console.transcript)
        normalised = console.transcript
        for regex, replacement in MASKS:
            normalised = regex.sub(replacement, normalised)
        with open(re.sub(r"\.txt$", "", args.transcript) + ".normalised.txt", "w") as f:
            f.write(normalised)
    print("session %s: %d passed, %d failed" % (args.session, passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
