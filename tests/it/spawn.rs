//! Starting child processes while other tests open pseudo-terminals in the same process.
//!
//! portable-pty opens a pty and only then marks its two descriptors close-on-exec. A child
//! forked by another test thread in between inherits them, and as long as it lives the
//! terminal stays open: the browser under test sees no hang-up when the test closes the
//! master side, and the test's reader no end of file when the browser exits. [`FORK`]
//! closes that window: a pty is opened under its write lock ([`pty_guard`]), and every
//! child spawned by `std::process::Command` starts under its read lock ([`LockedSpawn`]).
//! (The children portable-pty itself spawns close every inherited descriptor first.)

use std::io;
use std::process::{Child, Command, Output};
use std::sync::{PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};

/// See the module documentation.
static FORK: RwLock<()> = RwLock::new(());

/// Hold while opening a pty, until its descriptors are close-on-exec.
pub fn pty_guard() -> RwLockWriteGuard<'static, ()> {
    // A test that panicked holding the lock left nothing half-done behind it.
    FORK.write().unwrap_or_else(PoisonError::into_inner)
}

fn fork_guard() -> RwLockReadGuard<'static, ()> {
    FORK.read().unwrap_or_else(PoisonError::into_inner)
}

/// [`Command::spawn`] and [`Command::output`] with no pty being opened meanwhile.
pub trait LockedSpawn {
    /// [`Command::spawn`]; the lock is held only while the child starts.
    fn locked_spawn(&mut self) -> io::Result<Child>;
    /// [`Command::output`]; the lock is held until the child has exited (a pty waits for
    /// that), as `output` gives no way in between.
    fn locked_output(&mut self) -> io::Result<Output>;
}

impl LockedSpawn for Command {
    fn locked_spawn(&mut self) -> io::Result<Child> {
        let _fork = fork_guard();
        self.spawn()
    }

    fn locked_output(&mut self) -> io::Result<Output> {
        let _fork = fork_guard();
        self.output()
    }
}
