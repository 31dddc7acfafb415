//! Taking the terminal (raw mode, the alternate screen, bracketed paste, mouse reports) and
//! giving it back, at exit and around Ctrl-z.

use std::fmt;
use std::io::{BufWriter, Stdout, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use crate::ui::{AnsiBackend, SafeBackend};

/// The terminal, writing through a buffer as large as a frame: std's stdout flushes every
/// 1 KiB, so over a slow link a frame would arrive, and show, in pieces. Every cell passes
/// the sanitiser on its way ([`SafeBackend`]).
pub(crate) type Term = ratatui::Terminal<SafeBackend<AnsiBackend<BufWriter<Stdout>>>>;

/// Mouse reports are on (no `--no-mouse`). A global, not a parameter: the panic hook and
/// the restore after a signal must know it too, and it is set once, before the terminal is
/// taken.
static MOUSE: AtomicBool = AtomicBool::new(false);

/// Report presses, releases and the wheel (1000), in SGR form (1006: any column, no byte
/// above 127). Not crossterm's `EnableMouseCapture`: it also asks for every pointer motion
/// (1002, 1003), each an event and a frame for nothing over a slow link.
struct EnableMouse;

impl crossterm::Command for EnableMouse {
    fn write_ansi(&self, f: &mut impl fmt::Write) -> fmt::Result {
        f.write_str("\x1b[?1000h\x1b[?1006h")
    }
}

pub(crate) fn init_terminal(ascii: bool, mouse: bool) -> std::io::Result<Term> {
    MOUSE.store(mouse, Ordering::SeqCst);
    let mut out = BufWriter::with_capacity(1 << 16, std::io::stdout());
    enter_terminal(&mut out)?;
    // Restore before the panic message is printed, so it lands on the normal screen.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        previous(info);
    }));
    ratatui::Terminal::new(SafeBackend::new(AnsiBackend::new(out), ascii))
        .inspect_err(|_| restore_terminal())
}

/// Raw mode, the alternate screen, bracketed paste, mouse reports unless `--no-mouse` (at
/// start, and again after Ctrl-z).
pub(crate) fn enter_terminal(out: &mut impl Write) -> std::io::Result<()> {
    crossterm::terminal::enable_raw_mode()?;
    crossterm::execute!(
        out,
        crossterm::terminal::EnterAlternateScreen,
        crossterm::event::EnableBracketedPaste
    )
    .and_then(|()| {
        if MOUSE.load(Ordering::SeqCst) {
            crossterm::execute!(out, EnableMouse)
        } else {
            Ok(())
        }
    })
    .inspect_err(|_| restore_terminal())
}

/// Leave raw mode and the alternate screen, stop mouse reports, show the cursor. Errors are
/// ignored: after SIGHUP the terminal may be gone, and there is nothing better to do.
pub(crate) fn restore_terminal() {
    let _ = crossterm::terminal::disable_raw_mode();
    let mut out = std::io::stdout();
    if MOUSE.load(Ordering::SeqCst) {
        // All of crossterm's modes off (a superset of what `EnableMouse` turned on): the
        // shell must get its clicks back.
        let _ = crossterm::execute!(out, crossterm::event::DisableMouseCapture);
    }
    let _ = crossterm::execute!(
        out,
        crossterm::event::DisableBracketedPaste,
        // Cleared first: when the window grew while the app ran, tmux shrinks the alternate
        // screen back on leaving it and pulls rows of the last frame onto the shell's screen.
        crossterm::style::ResetColor,
        crossterm::terminal::Clear(crossterm::terminal::ClearType::All),
        crossterm::terminal::LeaveAlternateScreen,
        crossterm::cursor::Show
    );
    let _ = out.flush();
}

/// Ctrl-z: give the terminal back, stop as the shell's job control expects, and on `fg`
/// take it again and redraw everything (the screen was the shell's meanwhile).
pub(crate) fn suspend(terminal: &mut Term) -> std::io::Result<()> {
    restore_terminal();
    // The whole process group stops, as with Ctrl-z in cooked mode.
    let _ = rustix::process::kill_current_process_group(rustix::process::Signal::TSTP);
    // Here again after SIGCONT.
    enter_terminal(terminal.backend_mut().inner.writer())?;
    terminal.clear()
}
