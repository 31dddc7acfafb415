//! Concurrency through the binary: parallel invocations lose nothing.

use std::collections::HashSet;

use super::{Env, all_refs, s};

#[test]
fn parallel_cli_adds_all_survive() {
    const EACH: usize = 15;
    let env = Env::new();
    let corpus = nghiquyet::embedded::corpus();
    let refs = all_refs(&corpus);
    let ids: Vec<String> = refs
        .iter()
        .map(|r| r.get(&corpus).id.clone())
        .collect::<Vec<_>>();
    // Distinct passages (an id can repeat when two passages share a text).
    let mut seen = HashSet::new();
    let passages: Vec<String> = ids
        .into_iter()
        .filter(|p| seen.insert(p.clone()))
        .take(2 * EACH)
        .collect();
    assert_eq!(passages.len(), 2 * EACH);

    let printed: Vec<String> = std::thread::scope(|scope| {
        let handles: Vec<_> = [0, 1]
            .map(|k| {
                let env = &env;
                let mine: Vec<&String> = passages.iter().skip(k).step_by(2).collect();
                scope.spawn(move || {
                    mine.iter()
                        .map(|p| env.ok(&["bookmarks", "add", p]).trim().to_string())
                        .collect::<Vec<_>>()
                })
            })
            .into_iter()
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    assert_eq!(printed.len(), 2 * EACH);

    let list = env.list_json(&[]);
    assert_eq!(list.len(), 2 * EACH, "every add survives");
    let on_disk: HashSet<&str> = list.iter().map(|b| s(b, "id")).collect();
    for id in &printed {
        assert!(on_disk.contains(id.as_str()), "{id} lost");
    }
    let bookmarked: HashSet<&str> = list.iter().map(|b| s(b, "passage")).collect();
    assert_eq!(bookmarked.len(), 2 * EACH);
    assert!(list.iter().all(|b| s(b, "status") == "ok"));
}
