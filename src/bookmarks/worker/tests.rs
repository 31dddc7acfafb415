use std::time::Instant;

use super::*;

fn recv(rx: &Receiver<Event>) -> Event {
    rx.recv_timeout(Duration::from_secs(10)).expect("an event")
}

/// The next event that is not a status line.
fn recv_list(rx: &Receiver<Event>) -> Event {
    loop {
        let e = recv(rx);
        if !matches!(e, Event::Status(_) | Event::Codebook(_)) {
            return e;
        }
    }
}

#[test]
fn saves_resolves_and_exports_off_the_caller_thread() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = Arc::new(crate::embedded::corpus());
    let (tx, rx) = mpsc::channel();
    let w = BookmarkWorker::spawn(Store::new(dir.path().join("b.json")), move |e| {
        let _ = tx.send(e);
    });
    w.send(Request::SetCorpus(Arc::clone(&corpus)));
    // The list as loaded comes first, once there is a corpus to resolve against.
    assert!(
        matches!(recv_list(&rx), Event::Snapshot { seq: 0, ref bookmarks, .. } if bookmarks.is_empty())
    );
    let at = super::super::doc_refs(&corpus, 1)[2];
    let b = Bookmark::new(&corpus, at, "ghi chú", vec![]);
    w.send(Request::Apply {
        seq: 1,
        ops: vec![Op::Add(Box::new(b.clone()))],
        local: vec![],
    });
    match recv_list(&rx) {
        Event::Snapshot {
            seq,
            bookmarks,
            resolved,
        } => {
            assert_eq!(seq, 1);
            assert_eq!(bookmarks, vec![b.clone()]);
            assert_eq!(resolved[0].at, Some(at));
        }
        e => panic!("{e:?}"),
    }
    assert_eq!(w.unsaved(), 0);
    w.send(Request::Export {
        format: Format::Md,
        dir: dir.path().to_path_buf(),
        only: None,
    });
    match recv_list(&rx) {
        Event::Exported(Ok(Exported {
            path,
            count: 1,
            total: 1,
        })) => {
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(text.contains("ghi chú"), "{text}");
            assert!(path.starts_with(dir.path()));
        }
        e => panic!("{e:?}"),
    }
    w.shutdown(Duration::from_secs(10)).unwrap();
    let mut s = Store::new(dir.path().join("b.json"));
    assert_eq!(s.load().unwrap().bookmarks, vec![b]);
}

#[test]
fn a_failed_save_stays_pending_and_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    // A file where the directory should be: every save fails.
    std::fs::write(dir.path().join("blocker"), b"").unwrap();
    let corpus = Arc::new(crate::embedded::corpus());
    let (tx, rx) = mpsc::channel();
    let w = BookmarkWorker::spawn(Store::new(dir.path().join("blocker/b.json")), move |e| {
        let _ = tx.send(e);
    });
    w.send(Request::SetCorpus(Arc::clone(&corpus)));
    match recv(&rx) {
        Event::Status(facts) => assert!(!facts.is_quiet(), "{facts:?}"),
        e => panic!("{e:?}"),
    }
    let b = Bookmark::new(&corpus, super::super::doc_refs(&corpus, 0)[0], "", vec![]);
    w.send(Request::Apply {
        seq: 1,
        ops: vec![Op::Add(Box::new(b.clone()))],
        local: vec![],
    });
    loop {
        match recv(&rx) {
            Event::SaveFailed { pending, .. } => {
                assert_eq!(pending, 1);
                break;
            }
            Event::Status(_) | Event::Codebook(_) | Event::Snapshot { .. } => {}
            e => panic!("{e:?}"),
        }
    }
    let err = w.shutdown(Duration::from_secs(10)).unwrap_err();
    assert!(
        err.contains("could not be saved") && err.contains(&b.id),
        "{err}"
    );
}

/// Bookmarks whose quotes are nowhere in the corpus: each one sends the resolver through
/// the whole corpus.
fn orphans(n: usize) -> Vec<Bookmark> {
    let mut rng = crate::corpus::synth::Rng::new(99);
    (0..n)
        .map(|i| Bookmark {
            id: format!("b{i:010x}"),
            created: "2026-01-01T00:00:00Z".into(),
            doc: "gone".into(),
            passage: format!("pgone{i}"),
            quote: super::super::Quote {
                text: format!(
                    "{} {}",
                    crate::corpus::synth::sentence(&mut rng, 25),
                    "zzqx ".repeat(10)
                ),
                prefix: String::new(),
                suffix: String::new(),
            },
            note: String::new(),
            tags: Vec::new(),
            locality: None,
            title: "Bài đã mất".into(),
            section: None,
            outlet: None,
            date: None,
            updated: None,
            extra: serde_json::Map::new(),
        })
        .collect()
}

/// The bug this guards against: a save queued behind seconds of re-anchoring, and a quit
/// that waited for it, then lost the change.
#[test]
fn a_save_never_waits_behind_resolving_and_quitting_is_prompt() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.json");
    let mut store = Store::new(path.clone());
    store
        .apply(
            &orphans(400)
                .into_iter()
                .map(|b| Op::Add(Box::new(b)))
                .collect::<Vec<_>>(),
            &[],
        )
        .unwrap();
    let corpus = Arc::new(crate::corpus::synth::corpus(4000, 5, 1));
    let (tx, rx) = mpsc::channel();
    let w = BookmarkWorker::spawn(Store::new(path.clone()), move |e| {
        let _ = tx.send(e);
    });
    w.send(Request::SetCorpus(Arc::clone(&corpus)));
    // Let the resolver get going on the orphans.
    std::thread::sleep(Duration::from_millis(200));
    let b = Bookmark::new(
        &corpus,
        super::super::doc_refs(&corpus, 7)[1],
        "mới",
        vec![],
    );
    let started = Instant::now();
    w.send(Request::Apply {
        seq: 1,
        ops: vec![Op::Add(Box::new(b.clone()))],
        local: Vec::new(),
    });
    // On disk long before 400 orphans could be resolved.
    let on_disk = || {
        Store::new(path.clone())
            .load()
            .is_ok_and(|s| s.bookmarks.iter().any(|x| x.id == b.id))
    };
    while !on_disk() {
        assert!(
            started.elapsed() < Duration::from_secs(3),
            "the save waited behind resolving"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    // The premise: the save landed while the 400 orphans were still being resolved
    // (seconds of work in a debug build), so it cannot have waited for them.
    assert!(
        !rx.try_iter().any(|e| matches!(e, Event::Snapshot { .. })),
        "resolving finished before the save: the test proves nothing on this machine"
    );
    let quit = Instant::now();
    w.shutdown(Duration::from_secs(2)).unwrap();
    assert!(
        quit.elapsed() < Duration::from_millis(500),
        "shutdown took {:?}",
        quit.elapsed()
    );
}

#[test]
fn what_cannot_be_saved_in_time_is_returned_not_lost() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.json");
    let corpus = Arc::new(crate::embedded::corpus());
    // Another process holds the lock for longer than the quit may wait.
    let holder = Store::new(path.clone());
    std::fs::create_dir_all(dir.path()).unwrap();
    let lock = crate::files::open_lock(&dir.path().join("b.json.lock")).unwrap();
    lock.lock().unwrap();
    let w = BookmarkWorker::spawn(holder, |_| {});
    w.send(Request::SetCorpus(Arc::clone(&corpus)));
    let b = Bookmark::new(
        &corpus,
        super::super::doc_refs(&corpus, 0)[1],
        "giữ lại",
        vec![],
    );
    w.send(Request::Apply {
        seq: 1,
        ops: vec![Op::Add(Box::new(b.clone()))],
        local: Vec::new(),
    });
    let quit = Instant::now();
    let err = w.shutdown(Duration::from_millis(300)).unwrap_err();
    assert!(
        quit.elapsed() < Duration::from_secs(2),
        "{:?}",
        quit.elapsed()
    );
    assert!(err.contains(&b.id) && err.contains("giữ lại"), "{err}");
    assert!(err.contains(".lock"), "{err}");
}

#[test]
fn an_export_of_some_ids_writes_only_those() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = Arc::new(crate::embedded::corpus());
    let (tx, rx) = mpsc::channel();
    let w = BookmarkWorker::spawn(Store::new(dir.path().join("b.json")), move |e| {
        let _ = tx.send(e);
    });
    w.send(Request::SetCorpus(Arc::clone(&corpus)));
    recv_list(&rx);
    let [kept, left] =
        [0, 4].map(|d| Bookmark::new(&corpus, super::super::doc_refs(&corpus, d)[1], "", vec![]));
    w.send(Request::Apply {
        seq: 1,
        ops: vec![
            Op::Add(Box::new(kept.clone())),
            Op::Add(Box::new(left.clone())),
        ],
        local: vec![],
    });
    recv_list(&rx);
    for format in [Format::Json, Format::Csv, Format::Md] {
        w.send(Request::Export {
            format,
            dir: dir.path().to_path_buf(),
            only: Some([kept.id.clone()].into()),
        });
        match recv_list(&rx) {
            Event::Exported(Ok(done)) => {
                assert_eq!((done.count, done.total), (1, 2));
                let text = std::fs::read_to_string(&done.path).unwrap();
                let quote = |b: &Bookmark| {
                    b.quote
                        .text
                        .split_whitespace()
                        .take(6)
                        .collect::<Vec<_>>()
                        .join(" ")
                };
                assert!(text.contains(&quote(&kept)), "{format:?}: {text}");
                assert!(!text.contains(&quote(&left)), "{format:?}: {text}");
            }
            e => panic!("{e:?}"),
        }
    }
    w.shutdown(Duration::from_secs(10)).unwrap();
}
