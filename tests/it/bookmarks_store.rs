//! The bookmarks file across processes: concurrent writers, writers killed with SIGKILL at
//! random moments, a corrupt file, a file of a newer version.
//!
//! The cross-process tests re-run this test binary as a child writer: `writer_child` does
//! nothing unless `NGHIQUYET_TEST_WRITER` is set (see [`WriterSpec`]).

use std::collections::HashSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

use nghiquyet::bookmarks::{Bookmark, BookmarkFile, Op, Store, doc_refs};
use nghiquyet::corpus::PassageRef;

use crate::spawn::LockedSpawn;

mod unusable;

/// `PATH,COUNT,TAG,STYLE`: add COUNT bookmarks (`forever`: until killed) tagged TAG to the file
/// at PATH; STYLE `fresh` opens (and loads) a new Store for each add, `shared` keeps one.
const WRITER_ENV: &str = "NGHIQUYET_TEST_WRITER";

struct WriterSpec {
    path: PathBuf,
    count: Option<usize>,
    tag: String,
    shared: bool,
}

impl WriterSpec {
    fn parse(s: &str) -> WriterSpec {
        let parts: Vec<&str> = s.split(',').collect();
        assert_eq!(parts.len(), 4, "{WRITER_ENV}={s}");
        WriterSpec {
            path: PathBuf::from(parts[0]),
            count: parts[1].parse().ok(),
            tag: parts[2].to_string(),
            shared: match parts[3] {
                "shared" => true,
                "fresh" => false,
                other => panic!("unknown style {other}"),
            },
        }
    }
}

/// The child writer. Prints `READY` once set up, waits for a line on stdin, then adds
/// bookmarks, printing `SAVED <id>` after each save has returned.
#[test]
fn writer_child() {
    let Ok(spec) = std::env::var(WRITER_ENV) else {
        return;
    };
    let spec = WriterSpec::parse(&spec);
    let corpus = nghiquyet::embedded::corpus();
    let refs: Vec<PassageRef> = (0..corpus.documents.len())
        .flat_map(|d| doc_refs(&corpus, d))
        .collect();
    let mut shared = Store::new(spec.path.clone());
    shared.load().expect("load");

    let stdout = std::io::stdout();
    {
        // The test harness may have printed "test …::writer_child ... " without a newline.
        let mut out = stdout.lock();
        writeln!(out, "\nREADY").unwrap();
        out.flush().unwrap();
    }
    let mut go = String::new();
    std::io::stdin().read_line(&mut go).unwrap();

    let mut i = 0usize;
    while spec.count.is_none_or(|c| i < c) {
        let at = refs[i % refs.len()];
        let b = Bookmark::new(
            &corpus,
            at,
            &format!("{} số {i}", spec.tag),
            vec![spec.tag.clone()],
        );
        let id = b.id.clone();
        let op = Op::Add(Box::new(b));
        let snap = if spec.shared {
            shared.apply(&[op], &[])
        } else {
            let mut s = Store::new(spec.path.clone());
            let loaded = s.load().expect("load");
            s.apply(&[op], &loaded.bookmarks)
        }
        .expect("apply");
        assert_eq!(snap.applied, vec![true]);
        assert!(snap.notice.is_none(), "{:?}", snap.notice);
        let mut out = stdout.lock();
        writeln!(out, "SAVED {id}").unwrap();
        out.flush().unwrap();
        i += 1;
    }
}

/// A running child writer.
struct Writer {
    child: Child,
    stdout: BufReader<ChildStdout>,
    /// Output read so far, after `READY`.
    rest: String,
}

fn home_env(cmd: &mut Command, dir: &Path) {
    let home = dir.join("home");
    std::fs::create_dir_all(&home).unwrap();
    cmd.env("HOME", &home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env_remove("NGHIQUYET_BOOKMARKS");
}

/// Start a child writer and wait until it is `READY` (set up, not yet writing).
fn spawn_writer(dir: &Path, file: &Path, count: Option<usize>, tag: &str, style: &str) -> Writer {
    let count = count.map_or_else(|| "forever".to_string(), |c| c.to_string());
    // The harness names a test by its path in the test crate: `module_path!()` less the
    // crate's name.
    let module = module_path!().split_once("::").map_or("", |(_, m)| m);
    let test = format!("{module}::writer_child");
    let mut cmd = Command::new(std::env::current_exe().unwrap());
    cmd.args([&test, "--exact", "--nocapture", "--test-threads=1"])
        .env(
            WRITER_ENV,
            format!("{},{count},{tag},{style}", file.display()),
        )
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    home_env(&mut cmd, dir);
    let mut child = cmd.locked_spawn().expect("the test binary runs again");
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    loop {
        line.clear();
        let n = stdout.read_line(&mut line).unwrap();
        if n == 0 {
            let mut err = String::new();
            child
                .stderr
                .take()
                .unwrap()
                .read_to_string(&mut err)
                .unwrap();
            panic!("writer {tag} ended before READY: {err}");
        }
        if line.trim_end() == "READY" {
            break;
        }
    }
    Writer {
        child,
        stdout,
        rest: String::new(),
    }
}

impl Writer {
    fn go(&mut self) {
        let mut stdin = self.child.stdin.take().unwrap();
        stdin.write_all(b"go\n").unwrap();
    }

    /// Wait for the end; all output read. Panics unless it exited successfully.
    fn finish(mut self) -> Vec<String> {
        self.stdout.read_to_string(&mut self.rest).unwrap();
        let status = self.child.wait().unwrap();
        let mut err = String::new();
        self.child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        assert!(status.success(), "writer failed: {status}\n{err}");
        saved_ids(&self.rest)
    }

    /// SIGKILL it, reap it, and return the ids whose save had completed.
    fn kill(mut self) -> Vec<String> {
        let pid = libc::pid_t::try_from(self.child.id()).unwrap();
        // SAFETY: `pid` is our own child, not yet reaped.
        assert_eq!(unsafe { libc::kill(pid, libc::SIGKILL) }, 0);
        self.child.wait().unwrap();
        self.stdout.read_to_string(&mut self.rest).unwrap();
        saved_ids(&self.rest)
    }
}

/// The ids in complete `SAVED <id>` lines (a line cut by the kill does not count).
fn saved_ids(out: &str) -> Vec<String> {
    let complete = match out.rfind('\n') {
        Some(i) => &out[..=i],
        None => "",
    };
    complete
        .lines()
        .filter_map(|l| l.strip_prefix("SAVED "))
        .map(|id| {
            assert!(
                id.len() == 11
                    && id.starts_with('b')
                    && id[1..].chars().all(|c| c.is_ascii_hexdigit()),
                "odd id line {id:?}"
            );
            id.to_string()
        })
        .collect()
}

/// The file as a strict reader sees it: valid JSON, format and version 1, unique ids.
fn read_valid(path: &Path) -> BookmarkFile {
    let bytes = std::fs::read(path).unwrap();
    let value: serde_json::Value = serde_json::from_slice(&bytes).unwrap_or_else(|e| {
        panic!(
            "{} is not valid JSON ({e}): {:?}",
            path.display(),
            String::from_utf8_lossy(&bytes)
        )
    });
    assert_eq!(value["format"], "nghiquyet-bookmarks");
    assert_eq!(value["version"], 1);
    let file: BookmarkFile = serde_json::from_value(value).expect("a bookmarks file");
    let ids: HashSet<&str> = file.bookmarks.iter().map(|b| b.id.as_str()).collect();
    assert_eq!(ids.len(), file.bookmarks.len(), "duplicate ids");
    file
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// Temp files in `dir`: `….nghiquyet-tmp`, or `….tmp` of earlier versions. None when a
/// writer was killed before it made `dir`.
fn temp_files(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with("tmp"))
        .collect()
}

fn two_writers_keep_everything(style_a: &str, style_b: &str) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("data/bookmarks.json");
    let mut a = spawn_writer(dir.path(), &file, Some(100), "một", style_a);
    let mut b = spawn_writer(dir.path(), &file, Some(100), "hai", style_b);
    a.go();
    b.go();
    let ids_a = a.finish();
    let ids_b = b.finish();
    assert_eq!(ids_a.len(), 100);
    assert_eq!(ids_b.len(), 100);

    let f = read_valid(&file);
    assert_eq!(f.bookmarks.len(), 200, "every add survives");
    let on_disk: HashSet<&str> = f.bookmarks.iter().map(|b| b.id.as_str()).collect();
    for id in ids_a.iter().chain(&ids_b) {
        assert!(on_disk.contains(id.as_str()), "{id} lost");
    }
    // Each writer's bookmarks are whole and in the order it added them.
    for (tag, ids) in [("một", &ids_a), ("hai", &ids_b)] {
        let mine: Vec<&Bookmark> = f.bookmarks.iter().filter(|b| b.tags == [tag]).collect();
        let order: Vec<&str> = mine.iter().map(|b| b.id.as_str()).collect();
        assert_eq!(order, *ids, "{tag}");
        for (i, b) in mine.iter().enumerate() {
            assert_eq!(b.note, format!("{tag} số {i}"));
            assert!(!b.quote.text.is_empty());
        }
    }
    assert_eq!(mode(&file), 0o600);
    assert!(temp_files(file.parent().unwrap()).is_empty());
}

#[test]
fn two_processes_adding_100_each_keep_all_200() {
    two_writers_keep_everything("fresh", "fresh");
}

#[test]
fn two_processes_with_long_lived_stores_keep_all_200() {
    two_writers_keep_everything("shared", "fresh");
}

/// xorshift64*: enough randomness for kill timings, no crate needed.
struct Rng(u64);

impl Rng {
    fn seeded() -> Rng {
        let seed = std::env::var("NGHIQUYET_TEST_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                // The low 64 bits of the time in nanoseconds.
                let nanos = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap()
                    .as_nanos();
                u64::try_from(nanos & u128::from(u64::MAX)).unwrap()
            });
        eprintln!("crash test seed: {seed} (NGHIQUYET_TEST_SEED={seed} to repeat)");
        Rng(seed | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

#[test]
fn a_writer_killed_at_any_moment_never_loses_a_saved_bookmark() {
    const ITERATIONS: usize = 50;
    let started = Instant::now();
    let mut rng = Rng::seeded();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("data/bookmarks.json");
    // Every id a writer printed: its save had returned.
    let mut saved: Vec<String> = Vec::new();
    // Every id on disk at the last check: they must stay, too.
    let mut known: HashSet<String> = HashSet::new();
    let mut in_flight = 0;
    let mut killed_with_temp = 0;
    for i in 0..ITERATIONS {
        let style = if i % 2 == 0 { "shared" } else { "fresh" };
        let mut w = spawn_writer(dir.path(), &file, None, &format!("w{i}"), style);
        w.go();
        std::thread::sleep(Duration::from_micros(rng.below(30_000)));
        let ids = w.kill();
        if !temp_files(file.parent().unwrap_or(dir.path())).is_empty() {
            killed_with_temp += 1;
        }
        let printed = ids.len();
        saved.extend(ids);
        if !file.exists() {
            assert!(
                saved.is_empty() && known.is_empty(),
                "iteration {i}: saves were reported or a file was there, no file now"
            );
            continue;
        }
        let f = read_valid(&file);
        let on_disk: HashSet<String> = f.bookmarks.iter().map(|b| b.id.clone()).collect();
        let lost: Vec<&String> = saved
            .iter()
            .chain(&known)
            .filter(|id| !on_disk.contains(*id))
            .collect();
        assert!(lost.is_empty(), "iteration {i}: lost {lost:?}");
        // Besides what it printed, the writer can only have saved the one add in flight.
        let new = on_disk.len() - known.len();
        assert!(
            new == printed || new == printed + 1,
            "iteration {i}: {new} new on disk, {printed} printed"
        );
        in_flight += new - printed;
        known = on_disk;
        assert_eq!(mode(&file), 0o600);
    }
    assert!(
        saved.len() >= ITERATIONS / 5,
        "the writers hardly ever saved before the kill ({} saves): the test tests little",
        saved.len()
    );

    // Whatever the kills left (temp files, a lock file), the store still works.
    let mut store = Store::new(file.clone());
    let snap = store.load().unwrap();
    assert!(snap.notice.is_none(), "{:?}", snap.notice);
    let before = snap.bookmarks.len();
    let corpus = nghiquyet::embedded::corpus();
    let b = Bookmark::new(&corpus, doc_refs(&corpus, 0)[0], "sau cùng", vec![]);
    let id = b.id.clone();
    let snap = store
        .apply(&[Op::Add(Box::new(b))], &snap.bookmarks)
        .unwrap();
    assert_eq!(snap.applied, vec![true]);
    let f = read_valid(&file);
    assert_eq!(f.bookmarks.len(), before + 1);
    assert_eq!(f.bookmarks.last().unwrap().id, id);
    assert!(temp_files(file.parent().unwrap()).is_empty());
    eprintln!(
        "{ITERATIONS} kills, {} saved bookmarks, {in_flight} saved but killed before printing, \
         {killed_with_temp} kills left a temp file, {:?}",
        saved.len(),
        started.elapsed()
    );
}
