//! The bookmarks file on disk, kept safe.
//!
//! - Every change is a read-modify-write under an exclusive lock on `FILE.lock`, so two
//!   instances (two SSH logins) never clobber each other: a change is applied to what is on
//!   disk now, and the other instance's changes survive.
//! - A write goes to a temp file in the same directory, is fsynced, renamed over the file,
//!   and the directory is fsynced: after a crash the file is the old one or the new one,
//!   never a torn one. The file is created with mode 0600.
//! - A file that cannot be read or parsed is never overwritten: it is moved aside to
//!   `FILE.corrupt-<timestamp>` and the user is told where.
//! - A file of a newer version is left alone: the store becomes read-only.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use super::{Bookmark, BookmarkFile, FORMAT, VERSION, now_rfc3339};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
    /// The file is of a newer version: nothing is written.
    #[error("{0}")]
    ReadOnly(String),
    #[error(
        "no place for bookmarks: set NGHIQUYET_BOOKMARKS, XDG_DATA_HOME or HOME, or pass --bookmarks FILE"
    )]
    NoPath,
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    }
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
}

/// The list after a load or a change.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    pub bookmarks: Vec<Bookmark>,
    /// Something the user must be told (a file moved aside, a read-only file).
    pub notice: Option<String>,
    /// Per op: did it change anything (false: the id was not there, or already added).
    pub applied: Vec<bool>,
    /// Where an unusable file was moved (the notice says so too, in English, for the CLI).
    pub moved_aside: Option<PathBuf>,
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
    Good(Vec<Bookmark>),
    /// A newer version: what could be read of it, for showing only.
    Newer {
        version: u64,
        bookmarks: Vec<Bookmark>,
    },
    /// Unreadable or not a bookmarks file: why.
    Bad(String),
}

fn read_disk(path: &Path) -> Disk {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Disk::Missing,
        Err(e) => return Disk::Bad(format!("cannot read it: {e}")),
    };
    let value: serde_json::Value = match serde_json::from_slice(&bytes) {
        Ok(v) => v,
        Err(e) => return Disk::Bad(format!("not valid JSON ({e})")),
    };
    if value.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return Disk::Bad(format!(
            "not a bookmarks file (no \"format\": \"{FORMAT}\")"
        ));
    }
    let version = value.get("version").and_then(|v| v.as_u64()).unwrap_or(0);
    if version == 0 {
        return Disk::Bad("no valid \"version\"".into());
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
        return Disk::Newer { version, bookmarks };
    }
    match serde_json::from_value::<BookmarkFile>(value) {
        Ok(f) => Disk::Good(f.bookmarks),
        Err(e) => Disk::Bad(format!("not a valid bookmarks file ({e})")),
    }
}

fn set_note(b: &mut Bookmark, note: &str, tags: &[String]) {
    b.note = note.to_string();
    b.tags = tags.to_vec();
    b.updated = Some(now_rfc3339());
}

/// Apply one op to a list; true if it changed it.
fn apply_op(list: &mut Vec<Bookmark>, op: &Op) -> bool {
    match op {
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
            match list.iter_mut().find(|b| b.id == new.id) {
                Some(b) => set_note(b, &new.note, &new.tags),
                None => {
                    list.push((**new).clone());
                    let b = list.last_mut().expect("just pushed");
                    b.updated = Some(now_rfc3339());
                }
            }
            true
        }
    }
}

/// The bookmarks file.
#[derive(Debug, Clone)]
pub struct Store {
    path: PathBuf,
    read_only: Option<String>,
    /// The version of a newer file that made the store read-only.
    newer: Option<u64>,
}

impl Store {
    pub fn new(path: PathBuf) -> Store {
        // A symlinked file (a dotfiles checkout) is written through, not replaced.
        let path = match std::fs::symlink_metadata(&path) {
            Ok(m) if m.file_type().is_symlink() => std::fs::canonicalize(&path).unwrap_or(path),
            _ => path,
        };
        Store {
            path,
            read_only: None,
            newer: None,
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

    /// Take the exclusive lock (blocking), creating the directory (0700) if needed.
    fn lock(&self) -> Result<File, StoreError> {
        let dir = self.dir();
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(&dir)
            .map_err(io_err(&dir))?;
        let lp = self.lock_path();
        let f = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .mode(0o600)
            .open(&lp)
            .map_err(io_err(&lp))?;
        f.lock().map_err(io_err(&lp))?;
        Ok(f)
    }

    fn newer_message(&mut self, version: u64) -> String {
        self.newer = Some(version);
        format!(
            "{} is bookmarks version {version}, newer than this nghiquyet reads ({VERSION}): \
             shown read-only, nothing will be saved; upgrade nghiquyet to change bookmarks",
            self.path.display()
        )
    }

    /// Move a bad file aside (under the lock); returns where it went.
    fn move_aside(&self) -> Result<PathBuf, StoreError> {
        let stamp = jiff::Timestamp::now()
            .strftime("%Y%m%dT%H%M%SZ")
            .to_string();
        let name = self.path.file_name().unwrap_or_default().to_string_lossy();
        let mut n = 1;
        let aside = loop {
            let suffix = if n == 1 {
                String::new()
            } else {
                format!("-{n}")
            };
            let p = self
                .path
                .with_file_name(format!("{name}.corrupt-{stamp}{suffix}"));
            if !p.exists() {
                break p;
            }
            n += 1;
        };
        std::fs::rename(&self.path, &aside).map_err(io_err(&self.path))?;
        Ok(aside)
    }

    fn moved_notice(&self, why: &str, aside: &Path) -> String {
        // The new place first: it is what the user needs, and a status bar may cut the end.
        format!(
            "bookmarks file unusable, moved to {} ({why}); starting with no bookmarks",
            aside.display()
        )
    }

    /// The file's bytes exactly as stored (None when there is no file), for a JSON export
    /// that must not lose what this version does not understand.
    pub fn raw(&self) -> Result<Option<Vec<u8>>, StoreError> {
        match std::fs::read(&self.path) {
            Ok(b) => Ok(Some(b)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(io_err(&self.path)(e)),
        }
    }

    /// Read the list. A missing file is an empty list (nothing is created); a bad one is
    /// moved aside; a newer one makes the store read-only.
    pub fn load(&mut self) -> Result<Snapshot, StoreError> {
        match read_disk(&self.path) {
            Disk::Missing => Ok(Snapshot::default()),
            Disk::Good(bookmarks) => {
                self.read_only = None;
                self.newer = None;
                Ok(Snapshot {
                    bookmarks,
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
            Disk::Bad(_) => {
                // Look again under the lock: another instance may have just replaced it.
                let _lock = self.lock()?;
                match read_disk(&self.path) {
                    Disk::Bad(why) => {
                        let aside = self.move_aside()?;
                        Ok(Snapshot {
                            notice: Some(self.moved_notice(&why, &aside)),
                            moved_aside: Some(aside),
                            ..Snapshot::default()
                        })
                    }
                    _ => {
                        drop(_lock);
                        self.load()
                    }
                }
            }
        }
    }

    /// Apply `ops` to the list on disk, under the lock, and save it. `local` is the list the
    /// caller shows: it is what gets saved if the file on disk turns out to be unusable (after
    /// that file is moved aside).
    pub fn apply(&mut self, ops: &[Op], local: &[Bookmark]) -> Result<Snapshot, StoreError> {
        if let Some(msg) = &self.read_only {
            return Err(StoreError::ReadOnly(msg.clone()));
        }
        let _lock = self.lock()?;
        self.remove_stale_temps();
        let mut notice = None;
        let mut moved_aside = None;
        let mut list = match read_disk(&self.path) {
            Disk::Missing => Vec::new(),
            Disk::Good(b) => b,
            Disk::Newer { version, .. } => {
                let msg = self.newer_message(version);
                self.read_only = Some(msg.clone());
                return Err(StoreError::ReadOnly(msg));
            }
            Disk::Bad(why) => {
                let aside = self.move_aside()?;
                notice = Some(format!(
                    "bookmarks file unusable, moved to {} ({why}); saved the bookmarks shown",
                    aside.display()
                ));
                moved_aside = Some(aside);
                local.to_vec()
            }
        };
        let applied: Vec<bool> = ops.iter().map(|op| apply_op(&mut list, op)).collect();
        if applied.iter().any(|&a| a) || notice.is_some() {
            self.write(&BookmarkFile::new(list.clone()))?;
        }
        Ok(Snapshot {
            bookmarks: list,
            notice,
            applied,
            moved_aside,
        })
    }

    fn temp_prefix(&self) -> String {
        format!(
            ".{}.",
            self.path.file_name().unwrap_or_default().to_string_lossy()
        )
    }

    /// Temp files left by a writer that was killed mid-save. Only called under the lock, when
    /// no other writer can be half-way through one.
    fn remove_stale_temps(&self) {
        let prefix = self.temp_prefix();
        let Ok(entries) = std::fs::read_dir(self.dir()) else {
            return;
        };
        for e in entries.flatten() {
            let name = e.file_name();
            let name = name.to_string_lossy();
            if name.starts_with(&prefix) && name.ends_with(".tmp") {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }

    /// Temp file (0600) in the same directory, fsync, rename over the file, fsync the directory.
    fn write(&self, file: &BookmarkFile) -> Result<(), StoreError> {
        let dir = self.dir();
        let mut tmp = tempfile::Builder::new()
            .prefix(&self.temp_prefix())
            .suffix(".tmp")
            .tempfile_in(&dir)
            .map_err(io_err(&dir))?;
        let tmp_path = tmp.path().to_path_buf();
        (|| -> io::Result<()> {
            let mut w = io::BufWriter::new(tmp.as_file_mut());
            serde_json::to_writer_pretty(&mut w, file)?;
            w.write_all(b"\n")?;
            w.flush()?;
            drop(w);
            tmp.as_file().sync_all()
        })()
        .map_err(io_err(&tmp_path))?;
        tmp.persist(&self.path)
            .map_err(|e| io_err(&self.path)(e.error))?;
        File::open(&dir)
            .and_then(|d| d.sync_all())
            .map_err(io_err(&dir))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;
    use crate::bookmarks::Quote;

    fn bm(id: &str, text: &str) -> Bookmark {
        Bookmark {
            id: id.into(),
            created: "2026-11-22T00:00:00Z".into(),
            doc: "doc".into(),
            passage: format!("p-{id}"),
            quote: Quote {
                text: text.into(),
                prefix: String::new(),
                suffix: String::new(),
            },
            note: String::new(),
            tags: Vec::new(),
            locality: Some("Hạ Long".into()),
            title: "Tiêu đề".into(),
            section: None,
            outlet: None,
            date: None,
            updated: None,
            extra: serde_json::Map::new(),
        }
    }

    fn store(dir: &Path) -> Store {
        Store::new(dir.join("sub/bookmarks.json"))
    }

    #[test]
    fn round_trip_with_mode_0600() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = store(dir.path());
        assert!(s.load().unwrap().bookmarks.is_empty());
        assert!(!s.path().exists(), "loading creates nothing");
        let a = bm("b1", "Nghị quyết Đại hội");
        let snap = s.apply(&[Op::Add(Box::new(a.clone()))], &[]).unwrap();
        assert_eq!(snap.bookmarks, vec![a.clone()]);
        assert_eq!(snap.applied, vec![true]);
        let mode = std::fs::metadata(s.path()).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        let mut again = store(dir.path());
        assert_eq!(again.load().unwrap().bookmarks, vec![a.clone()]);
        // Edit, then remove; adding the same id twice changes nothing.
        let snap = s
            .apply(
                &[
                    Op::Add(Box::new(a.clone())),
                    Op::Edit {
                        id: "b1".into(),
                        note: "ghi chú".into(),
                        tags: vec!["cải-cách".into()],
                    },
                ],
                &[],
            )
            .unwrap();
        assert_eq!(snap.applied, vec![false, true]);
        assert_eq!(snap.bookmarks[0].note, "ghi chú");
        assert!(snap.bookmarks[0].updated.is_some());
        let snap = s.apply(&[Op::Remove("b1".into())], &[]).unwrap();
        assert!(snap.bookmarks.is_empty());
        let snap = s.apply(&[Op::Remove("b1".into())], &[]).unwrap();
        assert_eq!(snap.applied, vec![false]);
        // No temp files are left behind.
        let names: Vec<String> = std::fs::read_dir(dir.path().join("sub"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
    }

    #[test]
    fn a_change_merges_with_what_another_instance_saved() {
        let dir = tempfile::tempdir().unwrap();
        let mut one = store(dir.path());
        let mut two = store(dir.path());
        one.load().unwrap();
        two.load().unwrap();
        one.apply(&[Op::Add(Box::new(bm("b1", "một")))], &[])
            .unwrap();
        // `two` never saw b1, yet its save keeps it.
        let snap = two
            .apply(&[Op::Add(Box::new(bm("b2", "hai")))], &[])
            .unwrap();
        let ids: Vec<&str> = snap.bookmarks.iter().map(|b| b.id.as_str()).collect();
        assert_eq!(ids, ["b1", "b2"]);
    }

    #[test]
    fn an_edit_of_a_bookmark_deleted_elsewhere_brings_it_back_with_the_note() {
        let dir = tempfile::tempdir().unwrap();
        let mut one = store(dir.path());
        let mut two = store(dir.path());
        let a = bm("b1", "một");
        one.apply(&[Op::Add(Box::new(a.clone()))], &[]).unwrap();
        two.apply(&[Op::Remove("b1".into())], &[]).unwrap();
        let mut edited = a;
        edited.note = "ghi chú vừa gõ".into();
        let snap = one.apply(&[Op::Update(Box::new(edited))], &[]).unwrap();
        assert_eq!(snap.applied, vec![true]);
        assert_eq!(snap.bookmarks.len(), 1);
        assert_eq!(snap.bookmarks[0].note, "ghi chú vừa gõ");
    }

    #[test]
    fn unknown_fields_survive_a_rewrite() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = store(dir.path());
        let mut a = bm("b1", "một");
        a.extra.insert("colour".into(), serde_json::json!("red"));
        s.apply(&[Op::Add(Box::new(a))], &[]).unwrap();
        s.apply(&[Op::Add(Box::new(bm("b2", "hai")))], &[]).unwrap();
        let text = std::fs::read_to_string(s.path()).unwrap();
        assert!(text.contains("\"colour\": \"red\""), "{text}");
    }

    #[test]
    fn a_corrupt_file_is_moved_aside_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = store(dir.path());
        std::fs::create_dir_all(dir.path().join("sub")).unwrap();
        let garbage = b"{\"format\": \"nghiquyet-bookmarks\", \"version\": 1, \"bookm";
        std::fs::write(s.path(), garbage).unwrap();
        let snap = s.load().unwrap();
        assert!(snap.bookmarks.is_empty());
        let notice = snap.notice.unwrap();
        assert!(notice.contains("moved to"), "{notice}");
        assert!(!s.path().exists());
        let aside: Vec<PathBuf> = std::fs::read_dir(dir.path().join("sub"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().contains("bookmarks.json.corrupt-"))
            .collect();
        assert_eq!(aside.len(), 1);
        assert!(notice.contains(&*aside[0].to_string_lossy()));
        assert_eq!(std::fs::read(&aside[0]).unwrap(), garbage);
        // A second corrupt file the same second gets its own name.
        std::fs::write(s.path(), b"[]").unwrap();
        let local = vec![bm("b9", "shown")];
        let snap = s
            .apply(&[Op::Add(Box::new(bm("b1", "một")))], &local)
            .unwrap();
        assert!(snap.notice.unwrap().contains("moved to"));
        let ids: Vec<&str> = snap.bookmarks.iter().map(|b| b.id.as_str()).collect();
        assert_eq!(
            ids,
            ["b9", "b1"],
            "what the user saw is saved, plus the change"
        );
        let asides = std::fs::read_dir(dir.path().join("sub"))
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .contains(".corrupt-")
            })
            .count();
        assert_eq!(asides, 2);
    }

    #[test]
    fn a_newer_version_is_read_only() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = store(dir.path());
        std::fs::create_dir_all(dir.path().join("sub")).unwrap();
        let mut b = serde_json::to_value(bm("b1", "một")).unwrap();
        b["future"] = serde_json::json!({"x": 1});
        let text = serde_json::to_string(&serde_json::json!({
            "format": FORMAT, "version": 2, "bookmarks": [b], "more": true
        }))
        .unwrap();
        std::fs::write(s.path(), &text).unwrap();
        let snap = s.load().unwrap();
        assert_eq!(snap.bookmarks.len(), 1, "shown, read-only");
        assert!(snap.notice.unwrap().contains("version 2"));
        assert!(s.read_only().is_some());
        let err = s
            .apply(&[Op::Add(Box::new(bm("b2", "hai")))], &[])
            .unwrap_err();
        assert!(matches!(err, StoreError::ReadOnly(_)), "{err}");
        assert_eq!(std::fs::read_to_string(s.path()).unwrap(), text);
    }

    #[test]
    fn stale_temp_files_are_cleaned_under_the_lock() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = store(dir.path());
        std::fs::create_dir_all(dir.path().join("sub")).unwrap();
        let stale = dir.path().join("sub/.bookmarks.json.abc123.tmp");
        std::fs::write(&stale, b"half a fi").unwrap();
        s.apply(&[Op::Add(Box::new(bm("b1", "một")))], &[]).unwrap();
        assert!(!stale.exists());
    }

    #[test]
    fn paths_follow_the_override_order() {
        let p = resolve_path(Some(Path::new("/x/b.json"))).unwrap();
        assert_eq!(p, PathBuf::from("/x/b.json"));
    }
}
