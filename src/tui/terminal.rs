//! Taking the terminal (raw mode, the alternate screen, bracketed paste) and giving it back,
//! at exit and around Ctrl-z.

use std::io::{BufWriter, Stdout, Write};

use crate::ui::{AnsiBackend, SafeBackend};

/// The terminal, writing through a buffer as large as a frame: std's stdout flushes every
/// 1 KiB, so over a slow link a frame would arrive, and show, in pieces. Every cell passes
/// the sanitiser on its way ([`SafeBackend`]).
pub(crate) type Term = ratatui::Terminal<SafeBackend<AnsiBackend<BufWriter<Stdout>>>>;

pub(crate) fn init_terminal(ascii: bool) -> std::io::Result<Term> {
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

/// Raw mode, the alternate screen, bracketed paste (at start, and again after Ctrl-z).
pub(crate) fn enter_terminal(out: &mut impl Write) -> std::io::Result<()> {
    crossterm::terminal::enable_raw_mode()?;
    crossterm::execute!(
        out,
        crossterm::terminal::EnterAlternateScreen,
        crossterm::event::EnableBracketedPaste
    )
    .inspect_err(|_| restore_terminal())
}

/// Leave raw mode and the alternate screen, show the cursor. Errors are ignored: after SIGHUP
/// the terminal may be gone, and there is nothing better to do.
pub(crate) fn restore_terminal() {
    let _ = crossterm::terminal::disable_raw_mode();
    let mut out = std::io::stdout();
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
