use super::*;

fn opts(replace: Replace) -> WriteOptions {
    WriteOptions {
        mode: 0o644,
        replace,
    }
}

fn write(path: &Path, replace: Replace, text: &str) -> Result<PathBuf, FileError> {
    write_atomic(path, opts(replace), |w| w.write_all(text.as_bytes()))
}

fn mknod_char(path: &Path, major: u32, minor: u32) -> bool {
    if !rustix::process::geteuid().is_root() {
        eprintln!("skipped: creating a device node needs root");
        return false;
    }
    let made = rustix::fs::mknodat(
        rustix::fs::CWD,
        path,
        rustix::fs::FileType::CharacterDevice,
        rustix::fs::Mode::from_raw_mode(0o666),
        rustix::fs::makedev(major, minor),
    );
    if let Err(e) = made {
        eprintln!("skipped: mknod failed: {e}");
        return false;
    }
    true
}

fn mkfifo(path: &Path) {
    rustix::fs::mknodat(
        rustix::fs::CWD,
        path,
        rustix::fs::FileType::Fifo,
        rustix::fs::Mode::from_raw_mode(0o600),
        0,
    )
    .unwrap();
}

#[test]
fn writes_replace_regular_files_and_keep_their_mode() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.json");
    assert_eq!(write(&p, Replace::No, "one").unwrap(), p);
    assert_eq!(
        std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
        0o644
    );
    assert!(matches!(
        write(&p, Replace::No, "two"),
        Err(FileError::Exists { .. })
    ));
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
    write(&p, Replace::Yes, "two").unwrap();
    assert_eq!(std::fs::read_to_string(&p).unwrap(), "two");
    assert_eq!(
        std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["a.json"], "no temp file is left");
}

#[test]
fn a_directory_fifo_or_device_is_never_replaced_or_read() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    let e = write(&sub, Replace::Yes, "x").unwrap_err();
    assert!(e.to_string().contains("is a directory"), "{e}");
    assert!(sub.is_dir());
    assert!(matches!(
        read(&sub),
        Err(FileError::NotRegular {
            kind: Kind::Directory,
            ..
        })
    ));

    let fifo = dir.path().join("fifo");
    mkfifo(&fifo);
    // Opening a FIFO for reading would block until a writer came: it must not.
    let e = read(&fifo).unwrap_err();
    assert!(e.to_string().contains("FIFO"), "{e}");
    let e = write(&fifo, Replace::Yes, "x").unwrap_err();
    assert!(e.to_string().contains("FIFO"), "{e}");
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );

    let zero = dir.path().join("zero");
    if mknod_char(&zero, 1, 5) {
        let e = read(&zero).unwrap_err();
        assert!(e.to_string().contains("character device"), "{e}");
        let e = write(&zero, Replace::Yes, "x").unwrap_err();
        assert!(e.to_string().contains("character device"), "{e}");
        assert!(
            std::fs::symlink_metadata(&zero)
                .unwrap()
                .file_type()
                .is_char_device()
        );
        let e = move_aside(&zero).unwrap_err();
        assert!(e.to_string().contains("character device"), "{e}");
        assert!(zero.exists());
    }
}

#[test]
fn symlinks_are_written_through_even_when_dangling() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.json");
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink("real.json", &link).unwrap();
    // Dangling: the target is created, the link stays a link.
    assert_eq!(write(&link, Replace::Yes, "one").unwrap(), real);
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(std::fs::read_to_string(&real).unwrap(), "one");
    write(&link, Replace::Yes, "two").unwrap();
    assert_eq!(std::fs::read_to_string(&link).unwrap(), "two");
    // Moving aside moves the target; the link keeps naming the file to create.
    let aside = move_aside(&link).unwrap();
    assert!(aside.starts_with(dir.path()) && aside != link);
    assert_eq!(std::fs::read_to_string(&aside).unwrap(), "two");
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(!real.exists());
    // A loop is an error, not a hang.
    let a = dir.path().join("a");
    let b = dir.path().join("b");
    std::os::unix::fs::symlink(&b, &a).unwrap();
    std::os::unix::fs::symlink(&a, &b).unwrap();
    assert!(matches!(
        write(&a, Replace::Yes, "x"),
        Err(FileError::SymlinkLoop { .. })
    ));
}

#[test]
fn stale_temp_files_go_live_ones_stay() {
    let dir = tempfile::tempdir().unwrap();
    let old = SystemTime::now() - Duration::from_hours(2);
    let mk = |name: &str, age: SystemTime| {
        let p = dir.path().join(name);
        std::fs::write(&p, b"half").unwrap();
        File::options()
            .write(true)
            .open(&p)
            .unwrap()
            .set_modified(age)
            .unwrap();
        p
    };
    let dead = mk(".c.json.abc.nghiquyet-tmp", old);
    let live = mk(".d.json.def.nghiquyet-tmp", old);
    let fresh = mk(".e.json.ghi.nghiquyet-tmp", SystemTime::now());
    let legacy = mk(".nghiquyet-xyz.tmp", old);
    let other = mk(".someone-elses.tmp", old);
    let holder = File::open(&live).unwrap();
    holder.lock().unwrap();
    write(&dir.path().join("c.json"), Replace::Yes, "x").unwrap();
    assert!(!dead.exists() && !legacy.exists());
    assert!(live.exists(), "a locked temp file belongs to a live writer");
    assert!(fresh.exists(), "a brand-new one may not be locked yet");
    assert!(other.exists(), "not ours");
}

#[test]
fn move_aside_never_replaces() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("b.json");
    std::fs::write(&p, "one").unwrap();
    let a1 = move_aside(&p).unwrap();
    std::fs::write(&p, "two").unwrap();
    let a2 = move_aside(&p).unwrap();
    assert_ne!(a1, a2);
    assert_eq!(std::fs::read_to_string(a1).unwrap(), "one");
    assert_eq!(std::fs::read_to_string(a2).unwrap(), "two");
    assert!(!p.exists());
}
