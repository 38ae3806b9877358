//! Kernel console on the UART: `print!`/`println!` and the line editor used by the shell.
pub mod line_editor;

use core::fmt::{self, Write};

use crate::drivers::uart;
use crate::sync::IrqSpinLock;

/// Serialises whole `print!` calls so lines from a trap handler never interleave mid-line.
static CONSOLE: IrqSpinLock<Console> = IrqSpinLock::new(Console);

/// Writes text to the UART, turning `\n` into `\r\n` for terminals.
pub struct Console;

impl Write for Console {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        for b in s.bytes() {
            if b == b'\n' {
                uart::put_byte(b'\r');
            }
            uart::put_byte(b);
        }
        Ok(())
    }
}

#[doc(hidden)]
pub fn _print(args: fmt::Arguments) {
    let _ = CONSOLE.lock().write_fmt(args);
}

/// Writes raw bytes (line-editor echo) under the console lock.
pub fn write_bytes(bytes: &[u8]) {
    let _guard = CONSOLE.lock();
    for &b in bytes {
        uart::put_byte(b);
    }
}

/// Printing for the panic and M-mode fatal paths: takes no lock (the lock may be held by the
/// code that failed), so it works from any state.
pub fn panic_print(args: fmt::Arguments) {
    let _ = Console.write_fmt(args);
}

#[macro_export]
macro_rules! print {
    ($($arg:tt)*) => ($crate::console::_print(format_args!($($arg)*)));
}

#[macro_export]
macro_rules! println {
    () => ($crate::print!("\n"));
    ($($arg:tt)*) => ($crate::console::_print(format_args!("{}\n", format_args!($($arg)*))));
}

/// Reads one line from the UART with editing (see [`line_editor::LineEditor`]) and echo.
pub fn read_line(editor: &mut line_editor::LineEditor) -> &str {
    use line_editor::Edit;
    editor.clear();
    loop {
        match editor.feed(uart::read_byte()) {
            Edit::Inserted(b) => write_bytes(&[b]),
            Edit::Erased => write_bytes(b"\x08 \x08"),
            Edit::Submitted => {
                write_bytes(b"\r\n");
                return editor.line();
            }
            Edit::Ignored => {}
        }
    }
}
