//! A small line editor: printable ASCII is inserted, Backspace/DEL erases the last character,
//! CR, LF or CR LF submits. ANSI escape sequences (ESC [ ... final byte, ESC O x, and any other
//! ESC x) are consumed and ignored, so arrow keys do nothing instead of inserting garbage.
//! It only decides; the caller echoes, which keeps the editor testable without a UART.

pub const LINE_CAPACITY: usize = 128;

/// What one input byte did to the line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edit {
    /// The byte was appended; echo it.
    Inserted(u8),
    /// The last character was removed; echo "\b \b".
    Erased,
    /// The line is complete; read it with [`LineEditor::line`].
    Submitted,
    /// Nothing changed (control byte, escape sequence, full line, LF after CR).
    Ignored,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Normal,
    /// After ESC.
    Escape,
    /// After ESC [ : parameters until a final byte 0x40..=0x7e.
    Csi,
    /// After ESC O : one more byte.
    Ss3,
}

pub struct LineEditor {
    buf: [u8; LINE_CAPACITY],
    len: usize,
    state: State,
    last_was_cr: bool,
}

impl LineEditor {
    pub const fn new() -> Self {
        Self { buf: [0; LINE_CAPACITY], len: 0, state: State::Normal, last_was_cr: false }
    }

    pub fn clear(&mut self) {
        self.len = 0;
        self.state = State::Normal;
    }

    /// The current line (only printable ASCII is ever inserted, so it is valid UTF-8).
    pub fn line(&self) -> &str {
        core::str::from_utf8(&self.buf[..self.len]).unwrap_or("")
    }

    pub fn feed(&mut self, b: u8) -> Edit {
        let after_cr = core::mem::replace(&mut self.last_was_cr, false);
        match self.state {
            State::Escape => {
                self.state = match b {
                    b'[' => State::Csi,
                    b'O' => State::Ss3,
                    _ => State::Normal,
                };
                return Edit::Ignored;
            }
            State::Csi => {
                if (0x40..=0x7e).contains(&b) {
                    self.state = State::Normal;
                }
                return Edit::Ignored;
            }
            State::Ss3 => {
                self.state = State::Normal;
                return Edit::Ignored;
            }
            State::Normal => {}
        }
        match b {
            0x1b => {
                self.state = State::Escape;
                Edit::Ignored
            }
            b'\r' => {
                self.last_was_cr = true;
                Edit::Submitted
            }
            b'\n' if after_cr => Edit::Ignored,
            b'\n' => Edit::Submitted,
            0x08 | 0x7f => {
                if self.len == 0 {
                    Edit::Ignored
                } else {
                    self.len -= 1;
                    Edit::Erased
                }
            }
            0x20..=0x7e if self.len < LINE_CAPACITY => {
                self.buf[self.len] = b;
                self.len += 1;
                Edit::Inserted(b)
            }
            _ => Edit::Ignored,
        }
    }
}

impl Default for LineEditor {
    fn default() -> Self {
        Self::new()
    }
}
