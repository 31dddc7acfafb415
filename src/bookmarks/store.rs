//! The bookmarks file on disk, kept safe.
//!
//! - Every change is a read-modify-write under an exclusive lock on `FILE.lock`, so two
//!   instances (two SSH logins) never clobber each other: a change is applied to what is on
//!   disk now, and the other instance's changes survive.
//! - Writes go through [`crate::files::write_atomic`]: temp file, fsync, rename, fsync of the
//!   directory; after a crash the file is the old one or the new one, never a torn one. The
//!   file is created with mode 0600. A symlink is written through, even a dangling one.
//! - Reading never changes anything. A file that cannot be parsed is reported; the first
//!   change moves it aside to `FILE.corrupt-<timestamp>` (never overwriting it) and the user
//!   is told where. A path that is not a regular file (a device, a directory, a FIFO) is
//!   refused outright: nothing is read from it, moved or written.
//! - A file of a newer version is left alone: the store becomes read-only.

use std::fs::File;
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::codebook::{self, Code, Codebook};
use super::{Bookmark, BookmarkFile, FORMAT, VERSION, now_rfc3339};
use crate::files::{self, FileError, Replace, WriteOptions};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(transparent)]
    File(#[from] FileError),
    /// The file is of a newer version: nothing is written.
    #[error("{0}")]
    ReadOnly(String),
    #[error(
        "no place for bookmarks: set NGHIQUYET_BOOKMARKS, XDG_DATA_HOME or HOME, or pass --bookmarks FILE"
    )]
    NoPath,
    #[error(
        "{}: held by another nghiquyet for more than {} s; nothing was saved (try again)",
        path.display(),
        waited.as_secs()
    )]
    Locked { path: PathBuf, waited: Duration },
}

/// One change to the list, applied to what is on disk at the time of writing.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    /// Add a bookmark (nothing happens if one with its id is there: adding is idempotent).
    /// A passage may have several bookmarks (one per point a report makes of it).
    Add(Box<Bookmark>),
    /// Remove the bookmark with this id.
    Remove(String),
    /// Set the note and tags of the bookmark with this id.
    Edit {
        id: String,
        note: String,
        tags: Vec<String>,
    },
    /// Set the note and tags from this bookmark; if another instance deleted it meanwhile,
    /// it is added back with them: the user just typed that note, it must not vanish.
    Update(Box<Bookmark>),
    /// Bulk tagging of a passage with no bookmark (as this instance saw it): if another
    /// instance has bookmarked the passage meanwhile, its first bookmark gets this one's
    /// tags instead (so two researchers tagging at once never bookmark a passage twice);
    /// else this bookmark is added.
    TagPassage(Box<Bookmark>),
    /// Add a tag to the bookmark with this id (nothing if it has it).
    Tag { id: String, tag: String },
    /// Take a tag off the bookmark with this id (an undone bulk tagging).
    Untag { id: String, tag: String },
    /// Rename a tag, and the tags under it (`from/…`), on every bookmark and in the
    /// codebook; into a tag that exists, it merges (a bookmark keeps the tag once, the
    /// descriptions are joined).
    RenameTag { from: String, to: String },
    /// Set a tag's description in the codebook (empty: the entry goes).
    Describe { tag: String, description: String },
}

/// The list after a load or a change.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    pub bookmarks: Vec<Bookmark>,
    /// The tags' descriptions.
    pub codebook: Codebook,
    /// Something the user must be told (a file moved aside, a read-only file).
    pub notice: Option<String>,
    /// Per op: did it change anything (false: the id was not there, or already added).
    pub applied: Vec<bool>,
    /// Where an unusable file was moved (the notice says so too, in English, for the CLI).
    pub moved_aside: Option<PathBuf>,
    /// The file is there but cannot be used (why); it is moved aside by the next change.
    pub unusable: Option<String>,
}

/// Where bookmarks live: `--bookmarks FILE`, else `$NGHIQUYET_BOOKMARKS`, else
/// `$XDG_DATA_HOME/nghiquyet/bookmarks.json`, else `~/.local/share/nghiquyet/bookmarks.json`.
pub fn resolve_path(cli: Option<&Path>) -> Result<PathBuf, StoreError> {
    if let Some(p) = cli {
        return Ok(p.to_path_buf());
    }
    if let Some(p) = std::env::var_os("NGHIQUYET_BOOKMARKS").filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    let base = crate::xdg::base("XDG_DATA_HOME", ".local/share").ok_or(StoreError::NoPath)?;
    Ok(base.join("nghiquyet").join("bookmarks.json"))
}

/// What a read of the file found.
enum Disk {
    Missing,
    /// The list, and top-level fields this version does not know (kept on rewrite).
    Good {
        bookmarks: Vec<Bookmark>,
        extra: serde_json::Map<String, serde_json::Value>,
    },
    /// A newer version: what could be read of it, for showing only.
    Newer {
        version: u64,
        bookmarks: Vec<Bookmark>,
    },
    /// A regular file that is unreadable or not a bookmarks file: why.
    Bad(String),
}

fn read_disk(path: &Path) -> Result<Disk, FileError> {
    let bytes = match files::read(path) {
        Ok(Some(b)) => b,
        Ok(None) => return Ok(Disk::Missing),
        Err(e @ (FileError::NotRegular { .. } | FileError::SymlinkLoop { .. })) => return Err(e),
        Err(FileError::Io { error, .. }) => {
            return Ok(Disk::Bad(format!("cannot read it: {error}")));
        }
        Err(e) => return Ok(Disk::Bad(e.to_string())),
    };
    // An empty file (a `touch`, or a tool that truncates before writing) is an empty list.
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Disk::Good {
            bookmarks: Vec::new(),
            extra: serde_json::Map::new(),
        });
    }
    let value: serde_json::Value = match serde_json::from_slice(&bytes) {
        Ok(v) => v,
        Err(e) => return Ok(Disk::Bad(format!("not valid JSON ({e})"))),
    };
    if value.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return Ok(Disk::Bad(format!(
            "not a bookmarks file (no \"format\": \"{FORMAT}\")"
        )));
    }
    let version = value
        .get("version")
        .and_then(serde_json::Value::as_u64)
        .unwrap_or(0);
    if version == 0 {
        return Ok(Disk::Bad("no valid \"version\"".into()));
    }
    if version > u64::from(VERSION) {
        // Show what can be understood; never write it back.
        let bookmarks = value
            .get("bookmarks")
            .and_then(|b| b.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|v| serde_json::from_value(v.clone()).ok())
                    .collect()
            })
            .unwrap_or_default();
        return Ok(Disk::Newer { version, bookmarks });
    }
    Ok(match serde_json::from_value::<BookmarkFile>(value) {
        Ok(f) => Disk::Good {
            bookmarks: f.bookmarks,
            extra: f.extra,
        },
        Err(e) => Disk::Bad(format!("not a valid bookmarks file ({e})")),
    })
}

fn set_note(b: &mut Bookmark, note: &str, tags: &[String]) {
    b.note = super::clean_note(note);
    b.tags = super::parse_tags(&tags.join(","));
    b.updated = Some(now_rfc3339());
}

/// Apply one op to a list and the codebook; true if it changed them.
fn apply_op(list: &mut Vec<Bookmark>, codebook: &mut Codebook, op: &Op) -> bool {
    match op {
        Op::Tag { id, tag } => match list.iter_mut().find(|b| &b.id == id) {
            Some(b) if !codebook::has_tag(&b.tags, tag) => {
                b.tags.push(tag.clone());
                b.updated = Some(now_rfc3339());
                true
            }
            _ => false,
        },
        Op::Untag { id, tag } => match list.iter_mut().find(|b| &b.id == id) {
            Some(b) if codebook::has_tag(&b.tags, tag) => {
                let t = tag.to_lowercase();
                b.tags.retain(|x| x.to_lowercase() != t);
                b.updated = Some(now_rfc3339());
                true
            }
            _ => false,
        },
        Op::RenameTag { from, to } => rename_tag(list, codebook, from, to),
        Op::TagPassage(new) => {
            if list.iter().any(|x| x.id == new.id) {
                return false;
            }
            if let Some(b) = list
                .iter_mut()
                .find(|x| x.doc == new.doc && x.passage == new.passage)
            {
                let mut changed = false;
                for t in &new.tags {
                    if !codebook::has_tag(&b.tags, t) {
                        b.tags.push(t.clone());
                        changed = true;
                    }
                }
                if changed {
                    b.updated = Some(now_rfc3339());
                }
                changed
            } else {
                list.push((**new).clone());
                true
            }
        }
        Op::Describe { tag, description } => {
            let description = super::clean_note(description);
            let now = codebook.tags.get(tag).map(|c| c.description.as_str());
            if now.unwrap_or("") == description {
                return false;
            }
            if description.is_empty() {
                codebook.tags.remove(tag);
            } else {
                codebook.tags.insert(
                    tag.clone(),
                    Code {
                        description,
                        updated: Some(now_rfc3339()),
                    },
                );
            }
            true
        }
        Op::Add(b) => {
            if list.iter().any(|x| x.id == b.id) {
                return false;
            }
            list.push((**b).clone());
            true
        }
        Op::Remove(id) => {
            let before = list.len();
            list.retain(|b| &b.id != id);
            list.len() != before
        }
        Op::Edit { id, note, tags } => match list.iter_mut().find(|b| &b.id == id) {
            Some(b) => {
                set_note(b, note, tags);
                true
            }
            None => false,
        },
        Op::Update(new) => {
            if let Some(b) = list.iter_mut().find(|b| b.id == new.id) {
                set_note(b, &new.note, &new.tags);
            } else {
                list.push((**new).clone());
                let b = list.last_mut().expect("just pushed");
                b.updated = Some(now_rfc3339());
            }
            true
        }
    }
}

/// [`Op::RenameTag`]: bookmarks and codebook in one step.
fn rename_tag(list: &mut [Bookmark], codebook: &mut Codebook, from: &str, to: &str) -> bool {
    let (from, to) = (from.trim(), to.trim());
    if from.is_empty() || to.is_empty() || from == to {
        return false;
    }
    let mut changed = false;
    for b in list.iter_mut() {
        if !b
            .tags
            .iter()
            .any(|t| codebook::renamed(t, from, to).is_some())
        {
            continue;
        }
        let mut tags: Vec<String> = Vec::new();
        for t in &b.tags {
            let t = codebook::renamed(t, from, to).unwrap_or_else(|| t.clone());
            if !codebook::has_tag(&tags, &t) {
                tags.push(t);
            }
        }
        b.tags = tags;
        b.updated = Some(now_rfc3339());
        changed = true;
    }
    let moved: Vec<(String, String)> = codebook
        .tags
        .keys()
        .filter_map(|t| codebook::renamed(t, from, to).map(|n| (t.clone(), n)))
        .collect();
    for (old, new) in moved {
        let Some(code) = codebook.tags.remove(&old) else {
            continue;
        };
        let merged = match codebook.tags.remove(&new) {
            Some(kept) if !kept.description.is_empty() && kept.description != code.description => {
                format!("{}\n{}", kept.description, code.description)
            }
            Some(kept) if !kept.description.is_empty() => kept.description,
            _ => code.description,
        };
        codebook.tags.insert(
            new,
            Code {
                description: merged,
                updated: Some(now_rfc3339()),
            },
        );
        changed = true;
    }
    changed
}

/// How long a change waits for another instance's lock before giving up.
pub const LOCK_WAIT: Duration = Duration::from_secs(10);

/// The bookmarks file.
#[derive(Debug, Clone)]
pub struct Store {
    /// As given (for messages).
    given: PathBuf,
    /// The file itself: a symlink followed, even a dangling one.
    path: PathBuf,
    read_only: Option<String>,
    /// The version of a newer file that made the store read-only.
    newer: Option<u64>,
    lock_wait: Duration,
}

impl Store {
    pub fn new(path: PathBuf) -> Store {
        // A symlinked file (a dotfiles checkout) is written through, not replaced. A link
        // loop keeps the given path; every use of it then reports the loop.
        let target = files::resolve(&path).unwrap_or_else(|_| path.clone());
        Store {
            given: path,
            path: target,
            read_only: None,
            newer: None,
            lock_wait: LOCK_WAIT,
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Why nothing can be written, when the file is of a newer version.
    pub fn read_only(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    /// The version of the newer file that made the store read-only.
    pub fn newer_version(&self) -> Option<u64> {
        self.newer
    }

    fn lock_path(&self) -> PathBuf {
        let mut name = self.path.file_name().unwrap_or_default().to_os_string();
        name.push(".lock");
        self.path.with_file_name(name)
    }

    fn dir(&self) -> PathBuf {
        match self.path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        }
    }

    /// Take the exclusive lock, creating the directory (0700) if needed; waits at most
    /// `lock_wait` for another instance.
    fn lock(&self) -> Result<File, StoreError> {
        // Refuse a path that is not a regular file before creating anything beside it.
        files::check(&self.path)?;
        let dir = self.dir();
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(&dir)
            .map_err(|error| FileError::Io {
                path: dir.clone(),
                what: "cannot create the directory",
                error,
            })?;
        let lp = self.lock_path();
        let f = files::open_lock(&lp)?;
        let started = Instant::now();
        loop {
            match f.try_lock() {
                Ok(()) => return Ok(f),
                Err(std::fs::TryLockError::WouldBlock) if started.elapsed() < self.lock_wait => {
                    std::thread::sleep(Duration::from_millis(5));
                }
                Err(std::fs::TryLockError::WouldBlock) => {
                    return Err(StoreError::Locked {
                        path: lp,
                        waited: self.lock_wait,
                    });
                }
                Err(std::fs::TryLockError::Error(error)) => {
                    return Err(FileError::Io {
                        path: lp,
                        what: "cannot lock",
                        error,
                    }
                    .into());
                }
            }
        }
    }

    fn newer_message(&mut self, version: u64) -> String {
        self.newer = Some(version);
        format!(
            "{} is bookmarks version {version}, newer than this nghiquyet reads ({VERSION}): \
             shown read-only, nothing will be saved; upgrade nghiquyet to change bookmarks",
            self.given.display()
        )
    }

    /// The file's bytes exactly as stored (None when there is no file), for a JSON export
    /// that must not lose what this version does not understand.
    pub fn raw(&self) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(files::read(&self.path)?)
    }

    /// Read the list; nothing is ever changed on disk. A missing or empty file is an empty
    /// list; a bad one is reported (`unusable`) and moved aside by the next change; a newer
    /// one makes the store read-only. A path that is not a regular file is an error.
    pub fn load(&mut self) -> Result<Snapshot, StoreError> {
        match read_disk(&self.path)? {
            Disk::Missing => Ok(Snapshot::default()),
            Disk::Good { bookmarks, extra } => {
                self.read_only = None;
                self.newer = None;
                Ok(Snapshot {
                    bookmarks,
                    codebook: Codebook::from_extra(&extra),
                    ..Snapshot::default()
                })
            }
            Disk::Newer { version, bookmarks } => {
                let msg = self.newer_message(version);
                self.read_only = Some(msg.clone());
                Ok(Snapshot {
                    bookmarks,
                    notice: Some(msg),
                    ..Snapshot::default()
                })
            }
            Disk::Bad(why) => Ok(Snapshot {
                notice: Some(format!(
                    "{}: unusable ({why}); left as it is, and moved aside to {}.corrupt-<time> \
                     by the next change",
                    self.given.display(),
                    self.path.display()
                )),
                unusable: Some(why),
                ..Snapshot::default()
            }),
        }
    }

    /// Apply `ops` to the list on disk, under the lock, and save it. `local` is the list the
    /// caller shows: it is what gets saved if the file on disk turns out to be unusable (after
    /// that file is moved aside).
    pub fn apply(&mut self, ops: &[Op], local: &[Bookmark]) -> Result<Snapshot, StoreError> {
        self.apply_planned(|_, _| ops.to_vec(), local)
    }

    /// [`Store::apply`] with ops planned under the lock, from the list and codebook on disk
    /// now: a change that depends on what is there (tag a passage's bookmark, else add one)
    /// cannot race another instance doing the same.
    pub fn apply_planned(
        &mut self,
        plan: impl FnOnce(&[Bookmark], &Codebook) -> Vec<Op>,
        local: &[Bookmark],
    ) -> Result<Snapshot, StoreError> {
        if let Some(msg) = &self.read_only {
            return Err(StoreError::ReadOnly(msg.clone()));
        }
        let _lock = self.lock()?;
        // Under the lock no other writer of this file is alive: its temp files are dead.
        files::remove_temps_of(&self.path);
        let mut notice = None;
        let mut moved_aside = None;
        let (mut list, extra) = match read_disk(&self.path)? {
            Disk::Missing => (Vec::new(), serde_json::Map::new()),
            Disk::Good { bookmarks, extra } => (bookmarks, extra),
            Disk::Newer { version, .. } => {
                let msg = self.newer_message(version);
                self.read_only = Some(msg.clone());
                return Err(StoreError::ReadOnly(msg));
            }
            Disk::Bad(why) => {
                let aside = files::move_aside(&self.path)?;
                notice = Some(format!(
                    "bookmarks file unusable, moved to {} ({why}); saved the bookmarks shown",
                    aside.display()
                ));
                moved_aside = Some(aside);
                (local.to_vec(), serde_json::Map::new())
            }
        };
        let mut extra = extra;
        let mut codebook = Codebook::from_extra(&extra);
        let ops = plan(&list, &codebook);
        let applied: Vec<bool> = ops
            .iter()
            .map(|op| apply_op(&mut list, &mut codebook, op))
            .collect();
        if applied.iter().any(|&a| a) || notice.is_some() {
            // Written back only when changed: a `codebook` this build cannot read is kept.
            if codebook != Codebook::from_extra(&extra) {
                codebook.store(&mut extra);
            }
            let mut file = BookmarkFile::new(list.clone());
            file.extra = extra;
            self.write(&file)?;
        }
        Ok(Snapshot {
            bookmarks: list,
            codebook,
            notice,
            applied,
            moved_aside,
            unusable: None,
        })
    }

    /// Atomically (see [`files::write_atomic`]), mode 0600 for a new file.
    fn write(&self, file: &BookmarkFile) -> Result<(), StoreError> {
        let opts = WriteOptions {
            mode: 0o600,
            replace: Replace::Yes,
        };
        files::write_atomic(&self.path, opts, |w| {
            crate::text::safe::json::to_writer(&mut *w, file, true)?;
            w.write_all(b"\n")
        })?;
        Ok(())
    }
}

#[cfg(test)]
mod tests;
