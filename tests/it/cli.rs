//! The `nghiquyet` binary: commands, their output and exit codes, and bad input.

use std::path::Path;
use std::process::{Command, Output};

use crate::spawn::LockedSpawn;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_nghiquyet"))
}

fn run(args: &[&str]) -> Output {
    bin().args(args).locked_output().expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn seed(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data/raw")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn browser_without_a_terminal_is_a_clear_error() {
    for args in [&[][..], &["browse"][..]] {
        let o = run(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let e = stderr(&o);
        assert!(e.starts_with("error: ") && e.contains("terminal"), "{e}");
        // Nothing was drawn: no escape sequences reached the pipe.
        assert!(o.stdout.is_empty());
        assert!(!e.contains('\u{1b}'));
    }
}

#[test]
fn stats_of_the_embedded_corpus() {
    let o = run(&["stats"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let s = stdout(&o);
    assert!(s.contains("documents:     5"), "{s}");
    assert!(s.contains("Hạ Long"), "{s}");
}

#[test]
fn every_command_has_help() {
    for cmd in ["build", "inspect", "stats", "localities", "browse"] {
        let o = run(&[cmd, "--help"]);
        assert!(o.status.success());
        assert!(
            stdout(&o).contains("--corpus"),
            "{cmd} --help lacks --corpus"
        );
    }
}

#[test]
fn build_then_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("c.json");
    let raw = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/raw");
    let o = run(&["build", raw.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let s = stdout(&o);
    assert_eq!(
        s.lines().count(),
        6,
        "one line per article and a total: {s}"
    );
    assert!(s.contains("5 articles"), "{s}");
    assert!(s.contains("003_38274dcad4e56157"), "{s}");

    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(json["documents"].as_array().unwrap().len(), 5);

    let o = run(&["stats", "--json", "--corpus", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["documents"], 5);
    assert!(v["passages"].as_u64().unwrap() > 50);

    let o = run(&["localities", "--2025", "--corpus", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let s = stdout(&o);
    // Hậu Giang belongs to Cần Thơ since 1 July 2025.
    let can_tho = s
        .find("\nCần Thơ\n")
        .or(s.starts_with("Cần Thơ\n").then_some(0));
    assert!(can_tho.is_some(), "{s}");
    assert!(s.contains("Hậu Giang"), "{s}");

    // Quiet: only the total.
    let o = run(&[
        "build",
        raw.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--quiet",
    ]);
    assert!(o.status.success());
    assert_eq!(stdout(&o).lines().count(), 1);
}

#[test]
fn localities_json_groups_by_province() {
    let o = run(&["localities", "--json"]);
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let groups = v.as_array().unwrap();
    let quang_ninh = groups
        .iter()
        .find(|g| g["province"] == "Quảng Ninh")
        .expect("Quảng Ninh group");
    let names: Vec<&str> = quang_ninh["localities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Hạ Long"]);
}

#[test]
fn inspect_shows_classes_and_reasons() {
    let o = run(&["inspect", &seed("004_9b822c38e3d4e473.txt"), "--width", "0"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let s = stdout(&o);
    let line = |n: usize| {
        s.lines()
            .find(|l| l.trim_start().starts_with(&format!("{n} ")))
            .unwrap_or_else(|| panic!("no line {n} in {s}"))
            .to_string()
    };
    // Every raw line is shown, blank ones included.
    let raw_lines = std::fs::read_to_string(seed("004_9b822c38e3d4e473.txt"))
        .unwrap()
        .lines()
        .count();
    let numbered = s
        .lines()
        .filter(|l| {
            l.trim_start()
                .split(' ')
                .next()
                .is_some_and(|n| n.parse::<usize>().is_ok())
        })
        .count();
    assert_eq!(numbered, raw_lines);
    assert!(line(2).contains("blank"));
    assert!(line(1).contains("title"));
    assert!(line(4).contains("dateline"));
    assert!(line(6).contains("byline"));
    assert!(
        line(83).contains("junk") && line(83).contains("counter"),
        "{}",
        line(83)
    );
    assert!(line(84).contains("junk") && line(84).contains("copyright"));
    assert!(line(26).contains("caption"));
    let o = run(&["inspect", &seed("003_38274dcad4e56157.txt"), "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let lines = v["lines"].as_array().unwrap();
    let l29 = lines.iter().find(|l| l["number"] == 29).unwrap();
    assert_eq!(l29["class"], "caption");
    assert!(l29["joined_to"].is_number());
}

#[test]
fn bad_inputs_are_reported_and_good_ones_still_built() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("bad_utf8.txt"), b"Tieu de\nmot dong \xff\xfe hong\n").unwrap();
    std::fs::write(
        d.join("binary.txt"),
        b"\x7fELF\x02\x01\x01\x00\x00\x00binary",
    )
    .unwrap();
    std::fs::write(d.join("empty.txt"), b"").unwrap();
    let mut huge = b"Tieu de\n".to_vec();
    huge.extend(std::iter::repeat_n(b'a', 10 * 1024 * 1024));
    std::fs::write(d.join("huge_line.txt"), &huge).unwrap();
    std::fs::copy(seed("002_0359f6b969af1900.txt"), d.join("good.txt")).unwrap();
    let empty_dir = d.join("no_txt_here");
    std::fs::create_dir(&empty_dir).unwrap();
    std::fs::write(empty_dir.join("notes.md"), "# not an article").unwrap();
    let out = d.join("out.json");

    let o = run(&[
        "build",
        d.to_str().unwrap(),
        empty_dir.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    for (file, what) in [
        ("bad_utf8.txt", "invalid UTF-8 at byte offset 17"),
        ("binary.txt", "binary file"),
        ("empty.txt", "empty file"),
        ("huge_line.txt", "line 2 is 10485760 bytes long"),
        ("no_txt_here", "no .txt files"),
    ] {
        assert!(
            err.lines()
                .any(|l| l.starts_with("error: ") && l.contains(file) && l.contains(what)),
            "expected an error naming {file} ({what}) in:\n{err}"
        );
    }
    // The good article was built and written.
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(v["documents"].as_array().unwrap().len(), 1);
    assert_eq!(v["documents"][0]["id"], "good");
}

#[test]
fn output_is_never_clobbered_or_half_written() {
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("notes.txt");
    std::fs::write(&notes, "my precious notes").unwrap();
    let o = run(&[
        "build",
        &seed("000_da172d7989a1d926.txt"),
        "-o",
        notes.to_str().unwrap(),
    ]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("refusing to overwrite"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        std::fs::read_to_string(&notes).unwrap(),
        "my precious notes"
    );

    // Nothing buildable: no output file appears at all.
    let out = dir.path().join("c.json");
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let o = run(&[
        "build",
        empty.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(!o.status.success());
    assert!(!out.exists());
    // No temporary files are left behind either.
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(std::result::Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn bad_corpus_file_gets_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("c.json");
    std::fs::write(&p, "{ not json").unwrap();
    let o = run(&["stats", "--corpus", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(
        e.starts_with("error: ") && e.contains("c.json") && e.contains("not a nghiquyet corpus"),
        "{e}"
    );
    let o = run(&["stats", "--corpus", "/nonexistent/c.json"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("/nonexistent/c.json"));
}

#[test]
fn search_json_marks_near_hits_fuzzy_and_ranks_them_after_exact_ones() {
    // "quyte" is no word of the corpus: "quyết" is one edit away.
    let o = run(&["search", "nghi quyte", "--json", "--limit", "5"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let hits = v.as_array().unwrap();
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|h| h["match"] == "fuzzy"), "{v}");
    // Exact hits come before near ones.
    let o = run(&["search", "nghi quyet", "--json", "--limit", "500"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let kinds: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["match"].as_str().unwrap())
        .collect();
    assert!(
        kinds
            .windows(2)
            .all(|w| !(w[0] == "fuzzy" && w[1] == "exact"))
    );
}

#[test]
fn search_json_has_char_ranges_on_the_original_text() {
    let o = run(&["search", "Thanh Hoa", "--json", "--limit", "5"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let hits = v.as_array().unwrap();
    assert!(!hits.is_empty() && hits.len() <= 5);
    for h in hits {
        for f in [
            "doc",
            "title",
            "section",
            "localities",
            "passage",
            "kind",
            "text",
            "score",
            "match",
            "ranges",
        ] {
            assert!(h.get(f).is_some(), "field {f} missing");
        }
        assert_eq!(h["match"], "exact");
        let text: Vec<char> = h["text"].as_str().unwrap().chars().collect();
        let ranges = h["ranges"].as_array().unwrap();
        assert!(!ranges.is_empty());
        for r in ranges {
            let (s, e) = (offset(&r[0]), offset(&r[1]));
            let piece: String = text[s..e].iter().collect();
            let folded = nghiquyet::text::fold_str(&piece);
            assert!(
                folded.contains("thanh") || folded.contains("hoa"),
                "{piece}"
            );
        }
    }
    // The top hit highlights "Thanh Hóa" as one phrase, accents included.
    let top = &hits[0];
    let text: Vec<char> = top["text"].as_str().unwrap().chars().collect();
    let r = &top["ranges"][0];
    let piece: String = text[offset(&r[0])..offset(&r[1])].iter().collect();
    assert_eq!(nghiquyet::text::fold_str(&piece), "thanh hoa");
}

#[test]
fn search_exits_1_when_nothing_matches_and_scopes_by_locality() {
    let o = run(&["search", "zzzqqq"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty() || stdout(&o).trim().is_empty());
    let o = run(&["search", "nghi quyet", "--locality", "Ha Long", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    for h in v.as_array().unwrap() {
        assert_eq!(h["doc"], "003_38274dcad4e56157");
    }
    let o = run(&["search", "x", "--locality", "Atlantis"]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "an error, not \"nothing matched\""
    );
    assert!(stderr(&o).contains("Atlantis"));
}

#[test]
fn search_locality_takes_a_province_after_a_comma_and_says_when_a_name_is_shared() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("places.json");
    nghiquyet::corpus::io::save_atomic(&nghiquyet::corpus::synth::places(), &path, false).unwrap();
    let corpus = path.to_str().unwrap();
    let sections = |place: &str| -> Vec<(String, String)> {
        let o = run(&[
            "search",
            "du lich",
            "--corpus",
            corpus,
            "--locality",
            place,
            "--json",
        ]);
        assert!(o.status.success(), "{place}: {}", stderr(&o));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let mut got: Vec<(String, String)> = v
            .as_array()
            .unwrap()
            .iter()
            .map(|h| {
                (
                    h["doc"].as_str().unwrap().into(),
                    h["text"].as_str().unwrap().into(),
                )
            })
            .collect();
        got.sort();
        got
    };
    // Hạ Long: no passage of the three-place article's other sections.
    let ha_long = sections("Ha Long");
    assert_eq!(ha_long.len(), 3, "{ha_long:?}");
    assert!(
        ha_long
            .iter()
            .all(|(_, t)| !t.contains("Thanh Hóa") && !t.contains("Ba địa phương"))
    );
    // A shared name: an error listing each place with its province and id.
    let o = run(&[
        "search",
        "du lich",
        "--corpus",
        corpus,
        "--locality",
        "Chau Thanh",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    for want in [
        "names 2 places",
        "Châu Thành (huyện, Tiền Giang) [d821]",
        "[d847]",
    ] {
        assert!(err.contains(want), "{want}: {err}");
    }
    assert!(o.stdout.is_empty());
    // With its province, or by id: that one only.
    for place in [
        "Chau Thanh, Tien Giang",
        "huyen chau thanh, tinh tien giang",
        "d821",
    ] {
        let got = sections(place);
        assert_eq!(got.len(), 1, "{place}: {got:?}");
        assert_eq!(got[0].0, "chau-thanh-tg");
    }
}

/// A char offset in the JSON output.
fn offset(v: &serde_json::Value) -> usize {
    usize::try_from(v.as_u64().unwrap()).unwrap()
}

#[test]
fn concord_counts_by_province_as_a_brute_force_count_does() {
    let o = run(&["concord", "nghi quyet dai hoi", "--json", "--about-only"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let rows: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    // By hand: the search's hits, each counted for the provinces of its section (or, with
    // none, of the places its article is about).
    let corpus = nghiquyet::embedded::corpus();
    let index = nghiquyet::search::SearchIndex::build(&corpus);
    let hits = nghiquyet::search::search_all(
        &index,
        &corpus,
        "nghi quyet dai hoi",
        &nghiquyet::search::Scope::All,
    );
    let mut want: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    for h in &hits {
        let doc = &corpus.documents[h.at.doc_index()];
        let ids: Vec<&String> = match &doc.sections[h.at.section_index()].locality {
            Some(id) => vec![id],
            None => doc.localities.iter().collect(),
        };
        let mut provinces: Vec<String> = ids
            .iter()
            .filter_map(|id| corpus.locality(id))
            .map(|l| l.province.clone())
            .collect();
        provinces.sort();
        provinces.dedup();
        for p in provinces {
            *want.entry(p).or_default() += 1;
        }
    }
    let got: std::collections::BTreeMap<String, usize> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["group"].as_str().unwrap().to_string(),
                usize::try_from(r["passages"].as_u64().unwrap()).unwrap(),
            )
        })
        .collect();
    assert_eq!(got, want);
    // The table and CSV say the same; CSV starts with a BOM.
    let o = run(&["concord", "nghi quyet dai hoi", "--csv"]);
    assert!(o.stdout.starts_with("\u{feff}group,articles".as_bytes()));
    let o = run(&["concord", "nghi quyet dai hoi"]);
    let table = stdout(&o);
    assert!(table.lines().next().unwrap().starts_with("tỉnh"), "{table}");
    assert!(table.contains("Hậu Giang"));
    // Nothing found: exit 1, as search.
    assert_eq!(run(&["concord", "zzzqqq"]).status.code(), Some(1));
    // A date facet keeps the articles of June 2020 only (the Thanh Hóa report).
    let o = run(&[
        "concord",
        "nghi quyet",
        "--json",
        "--from",
        "01/06/2020",
        "--to",
        "30/06/2020",
    ]);
    let rows: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let groups: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["group"].as_str().unwrap())
        .collect();
    assert_eq!(groups, ["Thanh Hóa"]);
    let bad = run(&["concord", "x", "--from", "31/31/2020"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("not a date"));
}

#[test]
fn concord_kwic_centres_the_match_and_sorts() {
    let o = run(&[
        "concord",
        "\"nghi quyet\"",
        "--kwic",
        "--json",
        "--sort",
        "right",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let lines: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let lines = lines.as_array().unwrap();
    assert!(lines.len() >= 2);
    for l in lines {
        assert_eq!(
            nghiquyet::text::fold_str(l["matched"].as_str().unwrap()),
            "nghi quyet"
        );
        assert!(l["place"].is_string());
    }
    let rights: Vec<&str> = lines
        .iter()
        .map(|l| l["right"].as_str().unwrap().trim())
        .collect();
    let key = nghiquyet::text::collate::vi_key;
    assert!(
        rights.windows(2).all(|w| key(w[0]) <= key(w[1])),
        "{rights:?}"
    );
    let o = run(&["concord", "\"cua luc\"", "--kwic"]);
    assert!(stdout(&o).contains("[Cửa Lục]"), "{}", stdout(&o));
}

#[test]
fn concord_reads_the_figure_after_each_match() {
    let o = run(&["concord", "\"muc dau tu\"", "--kwic", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let lines: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let l = &lines[0];
    // "tổng mức đầu tư trên 3.700 tỷ đồng": Vietnamese thousands, a scale word.
    assert_eq!(l["figure"], "3.700 tỷ đồng");
    assert_eq!(l["value"].as_f64(), Some(3.7e12));
    assert_eq!(l["unit"], "tỷ đồng");
    let o = run(&["concord", "\"muc dau tu\"", "--kwic", "--figures"]);
    let text = stdout(&o);
    assert!(
        text.starts_with("3.700 tỷ đồng  "),
        "a column of its own: {text}"
    );
    // Sorted by figure: by unit, then by value; lines without one last.
    let o = run(&[
        "concord",
        "\"dau tu\"",
        "--kwic",
        "--json",
        "--sort",
        "figure",
    ]);
    let lines: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let keys: Vec<(Option<String>, Option<f64>)> = lines
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (l["unit"].as_str().map(str::to_string), l["value"].as_f64()))
        .collect();
    let first_none = keys
        .iter()
        .position(|k| k.1.is_none())
        .unwrap_or(keys.len());
    assert!(keys[first_none..].iter().all(|k| k.1.is_none()));
    for w in keys[..first_none].windows(2) {
        assert!(
            w[0].0 < w[1].0 || (w[0].0 == w[1].0 && w[0].1 <= w[1].1),
            "{w:?}"
        );
    }
}
