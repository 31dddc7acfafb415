//! Text never drives the terminal: notes, hand-edited files, a hand-written corpus and file
//! names reach it without controls or bidi overrides.

use super::{Env, a_passage_id, stderr, stdout};

/// Bytes a terminal would act on: C0 controls other than newline (and CR LF's CR in CSV,
/// tab), DEL, C1, bidi overrides and isolates.
fn unsafe_chars(s: &str) -> Vec<char> {
    s.chars()
        .filter(|&c| {
            (c < ' ' && c != '\n' && c != '\t' && c != '\r')
                || ('\u{7f}'..='\u{9f}').contains(&c)
                || ('\u{202a}'..='\u{202e}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c)
        })
        .collect()
}

const NASTY: &str = "\u{1b}]0;PWNED\u{7}\u{1b}[2J\u{9b}31m\u{202e}\u{2067}";

#[test]
fn notes_are_cleaned_and_listings_never_carry_escapes() {
    let env = Env::new();
    let bm = env.path("bm.json");
    let b = bm.to_str().unwrap();
    let note = format!("ghi chú {NASTY} hết");
    let tag = format!("#kinh{NASTY}-tế");
    env.ok(&[
        "--bookmarks",
        b,
        "bookmarks",
        "add",
        &a_passage_id(),
        "--note",
        &note,
        "--tag",
        &tag,
    ]);
    let stored = std::fs::read_to_string(&bm).unwrap();
    assert!(unsafe_chars(&stored).is_empty(), "{stored:?}");
    assert!(stored.contains("ghi chú ]0;PWNED[2J31m hết"), "{stored}");
    for args in [
        vec!["--bookmarks", b, "bookmarks", "list"],
        vec!["--bookmarks", b, "bookmarks", "list", "--json"],
        vec!["--bookmarks", b, "bookmarks", "export", "--format", "md"],
        vec!["--bookmarks", b, "bookmarks", "export", "--format", "csv"],
    ] {
        let out = env.ok(&args);
        assert!(unsafe_chars(&out).is_empty(), "{args:?}: {out:?}");
    }
}

#[test]
fn hand_edited_bookmarks_and_a_hand_written_corpus_never_drive_the_terminal() {
    fn on_bookmarks(rest: &'static str) -> Vec<&'static str> {
        let mut v = vec!["--bookmarks", "bm.json", "bookmarks"];
        v.extend(rest.split(' '));
        v
    }
    let env = Env::new();
    // A corpus written by hand (or by another tool): escapes in a title, a passage, a
    // locality name, an outlet.
    let mut c = nghiquyet::embedded::corpus();
    c.documents[0].title = format!("Tiêu đề {NASTY} độc");
    c.documents[0].outlet = Some(format!("Báo{NASTY}"));
    c.documents[0].sections[0].passages[0].text = format!("Nghị quyết {NASTY} đại hội");
    c.localities[0].name = format!("{}{NASTY}", c.localities[0].name);
    std::fs::write(env.path("c.json"), serde_json::to_vec(&c).unwrap()).unwrap();
    // A bookmarks file edited by hand, with raw escapes in the note.
    let mut b = serde_json::to_value(nghiquyet::bookmarks::BookmarkFile::new(vec![])).unwrap();
    b["bookmarks"] = serde_json::json!([{
        "id": "b0000000001", "created": "2026-01-01T00:00:00Z", "doc": c.documents[0].id,
        "passage": c.documents[0].sections[0].passages[0].id,
        "quote": {"text": c.documents[0].sections[0].passages[0].text, "prefix": "", "suffix": ""},
        "note": format!("note {NASTY}"), "tags": [format!("t{NASTY}")],
        "title": c.documents[0].title, "locality": format!("Hạ Long{NASTY}")
    }]);
    std::fs::write(env.path("bm.json"), serde_json::to_vec(&b).unwrap()).unwrap();
    let search = ["search", "nghi quyet dai hoi", "--corpus", "c.json"];
    for args in [
        search.to_vec(),
        [&search[..], &["--json"]].concat(),
        vec!["stats", "--corpus", "c.json"],
        vec!["stats", "--corpus", "c.json", "--json"],
        vec!["localities", "--corpus", "c.json"],
        vec!["localities", "--corpus", "c.json", "--json"],
        on_bookmarks("list --corpus c.json"),
        on_bookmarks("list --corpus c.json --json"),
        on_bookmarks("export --format md --corpus c.json"),
        on_bookmarks("export --format csv --corpus c.json"),
        on_bookmarks("export --format json"),
    ] {
        let o = env.run(&args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        let out = stdout(&o);
        assert!(unsafe_chars(&out).is_empty(), "{args:?}: {out:?}");
        assert!(unsafe_chars(&stderr(&o)).is_empty(), "{args:?}");
        if args.contains(&"--json") || args.contains(&"json") {
            // JSON says what is there, escaped: C1 and the bidi controls as \uXXXX.
            assert!(
                out.contains("\\u009b") && out.contains("\\u202e"),
                "{args:?}: {out}"
            );
            let _: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
        }
    }
    // Written to files too: `cat` of an export is safe.
    for (fmt, name) in [("md", "x.md"), ("csv", "x.csv")] {
        env.ok(&[
            "--bookmarks",
            "bm.json",
            "bookmarks",
            "export",
            "--format",
            fmt,
            "-o",
            name,
            "--corpus",
            "c.json",
        ]);
        let text = std::fs::read_to_string(env.path(name)).unwrap();
        assert!(unsafe_chars(&text).is_empty(), "{name}: {text:?}");
    }
}

#[test]
fn a_file_name_with_escapes_is_shown_escaped_in_errors() {
    let env = Env::new();
    let name = "bad\u{1b}[2J\u{1b}]0;PWNED\u{7}.json";
    let o = env.run(&["stats", "--corpus", name]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(unsafe_chars(&err).is_empty(), "{err:?}");
    assert!(err.contains("bad^[[2J^[]0;PWNED^G.json"), "{err}");
    // The command line parser's own messages quote what was typed.
    let o = env.run(&["--theme", "x\u{202e}y\u{9b}2J"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(unsafe_chars(&err).is_empty(), "{err:?}");
    assert!(err.contains("x<U+202E>y"), "{err}");
}
