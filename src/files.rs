//! What the program will and will not touch: one policy for every file it reads or writes
//! (bookmarks, state, corpus, `build -o`, `export -o`, raw articles).
//!
//! - Only regular files are read or written. A symbolic link is followed to the file it
//!   names, and that file is read or written (a dangling link names the file to create); the
//!   link itself is never replaced.
//! - A directory, FIFO, socket or device gets a clear error naming the path and what it is.
//!   Nothing is opened in a way that could block (a FIFO) or read endlessly (`/dev/zero`):
//!   files are opened non-blocking and checked with `fstat` before the first read.
//! - Writes are atomic: a temp file in the target's directory, fsync, rename, fsync of the
//!   directory. The temp file is locked for the writer's life, so a temp file that is not
//!   locked (and not brand new) was left by a killed writer; such files are removed by the
//!   next write in that directory.
//! - Only a regular file is ever moved aside (renamed), and only by a command that changes it.

use std::fs::{File, Metadata, OpenOptions};
use std::io::{self, BufWriter, Read, Write};
use std::os::unix::fs::{FileTypeExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// What a path is, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Regular,
    Directory,
    Fifo,
    Socket,
    CharDevice,
    BlockDevice,
    Other,
}

impl Kind {
    pub fn of(m: &Metadata) -> Kind {
        let t = m.file_type();
        if t.is_file() {
            Kind::Regular
        } else if t.is_dir() {
            Kind::Directory
        } else if t.is_fifo() {
            Kind::Fifo
        } else if t.is_socket() {
            Kind::Socket
        } else if t.is_char_device() {
            Kind::CharDevice
        } else if t.is_block_device() {
            Kind::BlockDevice
        } else {
            Kind::Other
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Kind::Regular => "a regular file",
            Kind::Directory => "a directory",
            Kind::Fifo => "a FIFO (named pipe)",
            Kind::Socket => "a socket",
            Kind::CharDevice => "a character device",
            Kind::BlockDevice => "a block device",
            Kind::Other => "not a regular file",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error(
        "{}: is {}; nghiquyet only reads and writes regular files (nothing was changed)",
        path.display(),
        kind.describe()
    )]
    NotRegular { path: PathBuf, kind: Kind },
    /// `what` says what was being done ("cannot read", "cannot write" …).
    #[error("{}: {what}: {error}", path.display())]
    Io {
        path: PathBuf,
        what: &'static str,
        error: io::Error,
    },
    #[error("{}: too many levels of symbolic links", path.display())]
    SymlinkLoop { path: PathBuf },
    #[error("{}: already exists; not replacing it (use --force, or another name)", path.display())]
    Exists { path: PathBuf },
}

impl FileError {
    fn io<'a>(path: &'a Path, what: &'static str) -> impl FnOnce(io::Error) -> FileError + 'a {
        move |error| FileError::Io {
            path: path.to_path_buf(),
            what,
            error,
        }
    }

    /// The underlying I/O error kind, when there is one.
    pub fn io_kind(&self) -> Option<io::ErrorKind> {
        match self {
            FileError::Io { error, .. } => Some(error.kind()),
            _ => None,
        }
    }
}

/// The file `path` finally names once symbolic links are followed. It may not exist: a
/// dangling link names the file to create. Relative link targets are relative to the
/// link's own directory, as the kernel reads them.
pub fn resolve(path: &Path) -> Result<PathBuf, FileError> {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let target = std::fs::read_link(&p).map_err(FileError::io(&p, "cannot read"))?;
                p = if target.is_absolute() {
                    target
                } else {
                    p.parent().unwrap_or(Path::new("")).join(target)
                };
            }
            Ok(_) => return Ok(p),
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(p),
            Err(e) => return Err(FileError::io(&p, "cannot read")(e)),
        }
    }
    Err(FileError::SymlinkLoop {
        path: path.to_path_buf(),
    })
}

/// What is at `path` (links followed): `None` when nothing is, the metadata of a regular
/// file, an error for anything else.
pub fn check(path: &Path) -> Result<Option<Metadata>, FileError> {
    match std::fs::metadata(path) {
        Ok(m) if m.is_file() => Ok(Some(m)),
        Ok(m) => Err(FileError::NotRegular {
            path: path.to_path_buf(),
            kind: Kind::of(&m),
        }),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            // A dangling link: nothing to read, and the target is what a write creates.
            Ok(None)
        }
        Err(e) => Err(FileError::io(path, "cannot read")(e)),
    }
}

/// Open flags that make an open never block (a FIFO with no writer) and never make a
/// terminal the controlling one.
fn no_block_no_tty() -> i32 {
    // The same bits, as the C `int` that open(2) takes.
    (rustix::fs::OFlags::NONBLOCK | rustix::fs::OFlags::NOCTTY)
        .bits()
        .cast_signed()
}

/// Open a regular file for reading (`None` when it does not exist). The open never blocks
/// (a FIFO) and never makes a terminal ours, and what was opened is checked before any read.
pub fn open_read(path: &Path) -> Result<Option<(File, Metadata)>, FileError> {
    match open_existing(path) {
        Ok(found) => Ok(Some(found)),
        Err(FileError::Io { error, .. }) if error.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// [`open_read`] for a file the user named: a missing file is an error too.
pub fn open_existing(path: &Path) -> Result<(File, Metadata), FileError> {
    let f = match OpenOptions::new()
        .read(true)
        .custom_flags(no_block_no_tty())
        .open(path)
    {
        Ok(f) => f,
        Err(e) => {
            // Say what the path is when that is the reason (a directory, say).
            if let Ok(m) = std::fs::metadata(path)
                && !m.is_file()
            {
                return Err(FileError::NotRegular {
                    path: path.to_path_buf(),
                    kind: Kind::of(&m),
                });
            }
            return Err(FileError::io(path, "cannot read")(e));
        }
    };
    let m = f.metadata().map_err(FileError::io(path, "cannot read"))?;
    if !m.is_file() {
        return Err(FileError::NotRegular {
            path: path.to_path_buf(),
            kind: Kind::of(&m),
        });
    }
    Ok((f, m))
}

/// The whole of a regular file (`None` when it does not exist).
pub fn read(path: &Path) -> Result<Option<Vec<u8>>, FileError> {
    let Some((mut f, m)) = open_read(path)? else {
        return Ok(None);
    };
    let mut bytes = Vec::with_capacity(usize::try_from(m.len()).unwrap_or(0));
    f.read_to_end(&mut bytes)
        .map_err(FileError::io(path, "cannot read"))?;
    Ok(Some(bytes))
}

/// Like [`read`], a missing file being an error too (for inputs the user named).
pub fn read_existing(path: &Path) -> Result<Vec<u8>, FileError> {
    let (mut f, m) = open_existing(path)?;
    let mut bytes = Vec::with_capacity(usize::try_from(m.len()).unwrap_or(0));
    f.read_to_end(&mut bytes)
        .map_err(FileError::io(path, "cannot read"))?;
    Ok(bytes)
}

/// Open (creating if needed, mode 0600) a lock file, which must be a regular file too.
pub fn open_lock(path: &Path) -> Result<File, FileError> {
    let f = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .mode(0o600)
        .custom_flags(no_block_no_tty())
        .open(path)
        .map_err(|e| match std::fs::metadata(path) {
            Ok(m) if !m.is_file() => FileError::NotRegular {
                path: path.to_path_buf(),
                kind: Kind::of(&m),
            },
            _ => FileError::io(path, "cannot open the lock file")(e),
        })?;
    let m = f
        .metadata()
        .map_err(FileError::io(path, "cannot open the lock file"))?;
    if !m.is_file() {
        return Err(FileError::NotRegular {
            path: path.to_path_buf(),
            kind: Kind::of(&m),
        });
    }
    Ok(f)
}

/// Whether an atomic write may replace a file that is already there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replace {
    /// Replace it (the caller has decided it is ours, or the user said `--force`).
    Yes,
    /// Never: fail with [`FileError::Exists`], even if the file appears during the write.
    No,
}

/// How to write a file atomically.
#[derive(Debug, Clone, Copy)]
pub struct WriteOptions {
    /// Permissions of a new file; a replaced file keeps its own.
    pub mode: u32,
    pub replace: Replace,
}

/// Suffix of our temp files; the name starts with `.` and the target's name.
const TEMP_SUFFIX: &str = ".nghiquyet-tmp";
/// A temp file younger than this may be one whose writer has not locked it yet.
const TEMP_GRACE: Duration = Duration::from_mins(1);
/// Temp files of earlier versions were not locked: only this old are they surely dead.
const LEGACY_TEMP_AGE: Duration = Duration::from_hours(1);

fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Write a file atomically and durably: `fill` writes into a locked temp file beside the
/// target (symlinks followed), which is fsynced and renamed over the target; then the
/// directory is fsynced. After a crash the target is the old file or the new one, never a
/// torn one. Returns the path written (the link's target for a symlink).
pub fn write_atomic(
    path: &Path,
    opts: WriteOptions,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<PathBuf, FileError> {
    let target = resolve(path)?;
    let existing = check(&target)?;
    if existing.is_some() && opts.replace == Replace::No {
        return Err(FileError::Exists { path: target });
    }
    let dir = parent_dir(&target);
    remove_stale_temps(&dir);
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(TEMP_SUFFIX)
        .tempfile_in(&dir)
        .map_err(FileError::io(&dir, "cannot write there"))?;
    // Held until the rename: a cleaner seeing the lock knows this writer is alive.
    let _ = tmp.as_file().try_lock();
    let tmp_path = tmp.path().to_path_buf();
    let werr = FileError::io(&target, "cannot write");
    (|| -> io::Result<()> {
        {
            let mut w = BufWriter::with_capacity(1 << 16, tmp.as_file_mut());
            fill(&mut w)?;
            w.flush()?;
        }
        let perms = match &existing {
            Some(m) => m.permissions(),
            None => std::fs::Permissions::from_mode(opts.mode),
        };
        tmp.as_file().set_permissions(perms)?;
        tmp.as_file().sync_all()
    })()
    .map_err(werr)?;
    let persisted = match opts.replace {
        Replace::Yes => tmp.persist(&target),
        Replace::No => tmp.persist_noclobber(&target),
    };
    if let Err(e) = persisted {
        let _ = std::fs::remove_file(&tmp_path);
        if e.error.kind() == io::ErrorKind::AlreadyExists {
            return Err(FileError::Exists { path: target });
        }
        return Err(FileError::io(&target, "cannot write")(e.error));
    }
    sync_dir(&dir)?;
    Ok(target)
}

/// fsync a directory, so a rename in it survives a crash.
pub fn sync_dir(dir: &Path) -> Result<(), FileError> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(FileError::io(dir, "cannot sync the directory"))
}

/// Is `name` one of our temp files: ours and surely dead when unlocked (`Some(false)`), of
/// an earlier version (`Some(true)`: `.nghiquyet-XXXXXX.tmp` of a corpus,
/// `.nghiquyet-export.XXXXXX`, `.NAME.XXXXXX.tmp` of the bookmarks store), or not ours?
#[allow(
    clippy::case_sensitive_file_extension_comparisons,
    reason = "our temp names are lowercase: a `.TMP` file is not ours"
)]
fn temp_kind(name: &str) -> Option<bool> {
    if !name.starts_with('.') {
        return None;
    }
    if name.ends_with(TEMP_SUFFIX) {
        return Some(false);
    }
    let legacy = (name.starts_with(".nghiquyet-") && name.ends_with(".tmp"))
        || name.starts_with(".nghiquyet-export.")
        || (name.ends_with(".tmp") && name[1..].contains(".json."));
    legacy.then_some(true)
}

/// Remove temp files of ours in `dir` whose writer is gone: unlocked, and old enough that a
/// writer cannot be between creating and locking one. Returns how many were removed.
pub fn remove_stale_temps(dir: &Path) -> usize {
    remove_temps(dir, |name| {
        temp_kind(name).map(|legacy| if legacy { LEGACY_TEMP_AGE } else { TEMP_GRACE })
    })
}

/// Remove every temp file of `target` (this version's or an earlier one's), whatever its
/// age. Only for a caller holding a lock that every writer of `target` takes first (the
/// bookmarks store): then no writer of it can be alive.
#[allow(
    clippy::case_sensitive_file_extension_comparisons,
    reason = "our temp names are lowercase: a `.TMP` file is not ours"
)]
pub fn remove_temps_of(target: &Path) -> usize {
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    let prefix = format!(".{name}.");
    remove_temps(&parent_dir(target), |n| {
        let ours = n.ends_with(TEMP_SUFFIX) || n.ends_with(".tmp");
        (n.starts_with(&prefix) && ours).then_some(Duration::ZERO)
    })
}

/// Remove the temp files in `dir` for which `min_age` gives an age, once they are that old
/// and unlocked.
fn remove_temps(dir: &Path, min_age: impl Fn(&str) -> Option<Duration>) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let now = SystemTime::now();
    let mut removed = 0;
    for e in entries.flatten() {
        let Some(min_age) = min_age(&e.file_name().to_string_lossy()) else {
            continue;
        };
        let path = e.path();
        // Only regular files, opened without blocking, are ever considered.
        let Ok(Some((f, m))) = open_read(&path) else {
            continue;
        };
        let age = m
            .modified()
            .ok()
            .and_then(|t| now.duration_since(t).ok())
            .unwrap_or_default();
        // A live writer holds the lock; only an unlocked file is stale.
        if age >= min_age && f.try_lock().is_ok() && std::fs::remove_file(&path).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// Move a file that cannot be used out of the way, to `NAME.corrupt-<UTC stamp>` beside it,
/// never replacing anything. Only a regular file is moved; a symlink is followed, so the
/// target moves and the link stays (it then names the file the next save creates).
pub fn move_aside(path: &Path) -> Result<PathBuf, FileError> {
    let target = resolve(path)?;
    if check(&target)?.is_none() {
        return Err(FileError::io(&target, "cannot move aside")(
            io::Error::from(io::ErrorKind::NotFound),
        ));
    }
    let stamp = jiff::Timestamp::now()
        .strftime("%Y%m%dT%H%M%SZ")
        .to_string();
    let name = target
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    for n in 1..1000 {
        let suffix = if n == 1 {
            String::new()
        } else {
            format!("-{n}")
        };
        let aside = target.with_file_name(format!("{name}.corrupt-{stamp}{suffix}"));
        // A hard link never replaces an existing name; then the old name goes.
        match std::fs::hard_link(&target, &aside) {
            Ok(()) => {
                std::fs::remove_file(&target).map_err(FileError::io(&target, "cannot move"))?;
                let _ = sync_dir(&parent_dir(&target));
                return Ok(aside);
            }
            // Taken: try the next name.
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(_) if !aside.exists() => {
                // A file system without hard links.
                std::fs::rename(&target, &aside).map_err(FileError::io(&target, "cannot move"))?;
                let _ = sync_dir(&parent_dir(&target));
                return Ok(aside);
            }
            Err(e) => return Err(FileError::io(&target, "cannot move")(e)),
        }
    }
    Err(FileError::io(&target, "cannot move")(io::Error::other(
        "too many files moved aside this second",
    )))
}

/// The identity of a file, to tell whether it changed between a check and a write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Identity {
    dev: u64,
    ino: u64,
    len: u64,
    mtime: i64,
    mtime_nsec: i64,
}

impl Identity {
    pub fn of(m: &Metadata) -> Identity {
        Identity {
            dev: m.dev(),
            ino: m.ino(),
            len: m.len(),
            mtime: m.mtime(),
            mtime_nsec: m.mtime_nsec(),
        }
    }
}

#[cfg(test)]
mod tests;
