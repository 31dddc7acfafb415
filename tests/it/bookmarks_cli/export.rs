//! Exports, compared with the golden files in `tests/golden/bookmarks/`.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use nghiquyet::bookmarks::{Bookmark, BookmarkFile, doc_refs, parse_tags};

use super::{Env, parse_csv, stderr, walk};

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/bookmarks")
}

/// Compare with `tests/golden/bookmarks/NAME`, or write it when `UPDATE_GOLDEN=1`.
fn golden(name: &str, actual: &[u8]) {
    let path = golden_dir().join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1") {
        std::fs::create_dir_all(golden_dir()).unwrap();
        std::fs::write(&path, actual).unwrap();
        eprintln!("wrote {}", path.display());
        return;
    }
    let expected = std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run with UPDATE_GOLDEN=1 to create it)",
            path.display()
        )
    });
    if expected != actual {
        let (e, a) = (
            String::from_utf8_lossy(&expected),
            String::from_utf8_lossy(actual),
        );
        let line = e
            .split('\n')
            .zip(a.split('\n'))
            .position(|(x, y)| x != y)
            .unwrap_or_else(|| e.split('\n').count().min(a.split('\n').count()));
        panic!(
            "{name} differs from the golden file at line {}:\n  golden: {:?}\n  actual: {:?}\n\
             (UPDATE_GOLDEN=1 rewrites the golden files; check the diff before committing)",
            line + 1,
            e.split('\n').nth(line).unwrap_or("<end>"),
            a.split('\n').nth(line).unwrap_or("<end>"),
        );
    }
}

/// Bookmarks with fixed ids and times, of passages of the embedded corpus chosen by position,
/// plus two whose passage is gone. Added in an order unlike the report's.
pub(super) fn fixed_bookmarks() -> Vec<Bookmark> {
    let corpus = nghiquyet::embedded::corpus();
    let at = |doc: usize, i: usize| doc_refs(&corpus, doc)[i];
    let mut out = Vec::new();
    let mut push = |mut b: Bookmark| {
        let n = out.len() + 1;
        b.id = format!("b{n:010}");
        b.created = format!("2026-01-{n:02}T08:30:00Z");
        out.push(b);
    };
    // Thanh Hóa, article 000: the later passage first.
    push(Bookmark::new(
        &corpus,
        at(0, 13),
        "Kết quả chung: cần trích đủ, \"nguyên văn\".",
        parse_tags("#tổng-kết, kinh-tế"),
    ));
    push(Bookmark::new(
        &corpus,
        at(0, 3),
        "Vai trò *Thành ủy* và _HĐND_ # điểm chính\ndòng thứ hai của ghi chú",
        parse_tags("lãnh-đạo"),
    ));
    // Hạ Long and Thanh Hóa sections of article 003 (three localities).
    push(Bookmark::new(&corpus, at(3, 9), "", vec![]));
    push(Bookmark::new(
        &corpus,
        at(3, 5),
        "So sánh với bài 000",
        vec![],
    ));
    // Hải Phòng (an outlet, no date), Đông Hà (outlet and date), Hậu Giang (date only).
    push(Bookmark::new(
        &corpus,
        at(1, 8),
        "Tác động bên ngoài, mở cửa",
        parse_tags("kinh-tế #hội-nhập"),
    ));
    push(Bookmark::new(
        &corpus,
        at(4, 2),
        "Đổi mới phương thức lãnh đạo",
        vec![],
    ));
    push(Bookmark::new(
        &corpus,
        at(2, 19),
        "Chỉ tiêu 7%-7,5%/năm",
        parse_tags("chỉ-tiêu"),
    ));
    // Orphaned: its article is gone from the corpus; no locality known.
    let mut gone = Bookmark::new(&corpus, at(2, 3), "Bài đã bị gỡ, \"lưu\" lại", vec![]);
    gone.doc = "999_bai_da_go".into();
    gone.passage = "p000000000000".into();
    gone.quote.text = "Đoạn trích từ bài đã gỡ: số liệu *tạm tính* [chưa công bố] #1, \
                       so với cùng kỳ <tăng> 5%."
        .into();
    gone.quote.prefix = String::new();
    gone.quote.suffix = String::new();
    gone.locality = None;
    gone.title = "Bài đã gỡ: \"Tổng kết_quý I\"".into();
    gone.section = Some("Mục cũ".into());
    gone.outlet = Some("Báo Cũ".into());
    gone.date = Some("2019-12-31T23:00".into());
    push(gone);
    // Orphaned within an article that is still there (Hải Phòng): its passage was rewritten.
    let mut rewritten = Bookmark::new(&corpus, at(1, 10), "ghi chú cũ", parse_tags("cũ"));
    rewritten.passage = "p111111111111".into();
    rewritten.quote.text = "Một đoạn đã được viết lại hoàn toàn, không còn chữ nào giống \
                            trước nữa trong kho dữ liệu."
        .into();
    push(rewritten);
    out
}

fn write_fixed(env: &Env) -> Vec<Bookmark> {
    let list = fixed_bookmarks();
    std::fs::create_dir_all(env.bookmarks.parent().unwrap()).unwrap();
    let text = serde_json::to_string_pretty(&BookmarkFile::new(list.clone())).unwrap();
    std::fs::write(&env.bookmarks, text + "\n").unwrap();
    list
}

#[test]
fn exports_match_the_golden_files() {
    let env = Env::new();
    let list = write_fixed(&env);
    let export = |format: &str| {
        let o = env.run(&["bookmarks", "export", "--format", format]);
        assert!(o.status.success(), "{format}: {}", stderr(&o));
        assert!(stderr(&o).is_empty(), "{format}: {}", stderr(&o));
        o.stdout
    };
    let md = export("md");
    let csv = export("csv");
    let json = export("json");
    // The same bookmarks export the same, byte for byte.
    assert_eq!(export("md"), md);
    assert_eq!(export("csv"), csv);
    golden("export.md", &md);
    golden("export.csv", &csv);
    golden("export.json", &json);

    // Markdown: grouped by locality (unknown last), then article; each quote cited.
    let md = String::from_utf8(md).unwrap();
    let localities: Vec<&str> = md.lines().filter_map(|l| l.strip_prefix("## ")).collect();
    assert_eq!(
        localities,
        [
            "Đông Hà",
            "Hạ Long",
            "Hải Phòng",
            "Hậu Giang",
            "Thanh Hóa",
            "Chưa rõ địa phương"
        ]
    );
    assert!(md.starts_with("# Trích dẫn đã đánh dấu\n\n9 đoạn trích · 6 địa phương"));
    assert_eq!(md.matches("\n> ").count(), 9, "one block quote each");
    assert_eq!(md.matches("\n— *").count(), 9, "one citation each");
    assert_eq!(md.matches("Không còn tìm thấy").count(), 2, "two orphans");
    assert!(md.contains("Vai trò \\*Thành ủy\\* và \\_HĐND\\_ \\# điểm chính"));
    assert!(md.contains("số liệu \\*tạm tính\\* \\[chưa công bố\\] \\#1"));
    assert!(md.contains("— *Bài đã gỡ: \"Tổng kết\\_quý I\"*, Báo Cũ, 31/12/2019, mục “Mục cũ”"));
    // Within Thanh Hóa: article 000 in reading order (3 before 13), then article 003.
    let pos = |needle: &str| {
        md.find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not in the export"))
    };
    let quote = |b: &Bookmark| {
        // Up to 60 characters, stopping before any that Markdown escapes.
        let start: String = b
            .quote
            .text
            .chars()
            .take_while(|c| !"\\*_`[]<>#|".contains(*c))
            .take(60)
            .collect();
        pos(&format!("> {start}"))
    };
    assert!(quote(&list[1]) < quote(&list[0]));
    assert!(quote(&list[0]) < quote(&list[3]));
    // Each article heading once within its locality.
    for block in md.split("\n## ") {
        let headings: Vec<&str> = block.lines().filter(|l| l.starts_with("### ")).collect();
        let unique: HashSet<&&str> = headings.iter().collect();
        assert_eq!(unique.len(), headings.len(), "{block}");
    }

    // CSV: BOM, CRLF after every record, and every field back exactly as stored.
    assert!(csv.starts_with(b"\xEF\xBB\xBFid,created,locality,"));
    assert!(csv.ends_with(b"\r\n"));
    let header_end = csv.iter().position(|&c| c == b'\n').unwrap();
    assert_eq!(csv[header_end - 1], b'\r');
    let rows = parse_csv(&csv);
    assert_eq!(rows.len(), list.len());
    for b in &list {
        let row = rows
            .iter()
            .find(|r| r["id"] == b.id)
            .unwrap_or_else(|| panic!("{} missing", b.id));
        assert_eq!(
            row["quote"], b.quote.text,
            "the Vietnamese quote round-trips"
        );
        assert_eq!(row["note"], b.note);
        assert_eq!(row["created"], b.created);
        assert_eq!(row["doc"], b.doc);
        assert_eq!(row["passage"], b.passage);
        assert_eq!(row["tags"], b.tags_label());
    }
    let status = |id: &str| rows.iter().find(|r| r["id"] == id).unwrap()["status"].clone();
    assert_eq!(status("b0000000008"), "orphaned");
    assert_eq!(status("b0000000009"), "orphaned");
    assert_eq!(status("b0000000001"), "ok");
    // Rows in the report's order: the same order as the Markdown.
    let order: Vec<&str> = rows.iter().map(|r| r["id"].as_str()).collect();
    let mut by_md = order.clone();
    by_md.sort_by_key(|id| {
        let b = list.iter().find(|b| b.id == *id).unwrap();
        quote(b)
    });
    assert_eq!(order, by_md);
    // Quoting only where needed (RFC 4180): a comma, a quote or a line break.
    let text = String::from_utf8(csv.clone()).unwrap();
    assert!(text.contains(",\"Kết quả chung: cần trích đủ, \"\"nguyên văn\"\".\","));
    assert!(text.contains("\"Vai trò *Thành ủy* và _HĐND_ # điểm chính\ndòng thứ hai"));
    assert!(text.contains(",#lãnh-đạo,ok,"));

    // JSON: the file as stored.
    let parsed: BookmarkFile = serde_json::from_slice(&json).unwrap();
    assert_eq!(parsed.bookmarks, list);
    assert_eq!(parsed.format, "nghiquyet-bookmarks");
    assert_eq!(parsed.version, 1);
}

#[test]
fn export_to_a_file_never_overwrites_without_force() {
    let env = Env::new();
    write_fixed(&env);
    let out_dir = env.path("out");
    std::fs::create_dir_all(&out_dir).unwrap();
    let stdout_csv = env.run(&["bookmarks", "export", "--format", "csv"]).stdout;

    let out = out_dir.join("trich-dan.csv");
    let o = env.run(&[
        "bookmarks",
        "export",
        "--format",
        "csv",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    assert!(stderr(&o).contains("wrote 9 bookmarks"), "{}", stderr(&o));
    assert!(stderr(&o).contains("2 orphaned"), "{}", stderr(&o));
    assert_eq!(std::fs::read(&out).unwrap(), stdout_csv);

    // An existing file is kept as it is.
    let mine = "báo cáo của tôi, đừng ghi đè\n";
    std::fs::write(&out, mine).unwrap();
    for format in ["csv", "md", "json"] {
        let o = env.run(&[
            "bookmarks",
            "export",
            "--format",
            format,
            "-o",
            out.to_str().unwrap(),
        ]);
        assert!(!o.status.success(), "{format} overwrote the file");
        let err = stderr(&o);
        assert!(err.contains("exists") && err.contains("--force"), "{err}");
        assert_eq!(std::fs::read_to_string(&out).unwrap(), mine);
    }

    // With --force it is replaced.
    let o = env.run(&[
        "bookmarks",
        "export",
        "--format",
        "md",
        "-o",
        out.to_str().unwrap(),
        "--force",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let md = env.run(&["bookmarks", "export", "--format", "md"]).stdout;
    assert_eq!(std::fs::read(&out).unwrap(), md);
    let mode =
        std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(&out).unwrap().permissions());
    assert_eq!(mode & 0o777, 0o644, "exports are for sharing");

    // No temp files are left next to it.
    let names: Vec<PathBuf> = walk(&out_dir);
    assert_eq!(names, std::slice::from_ref(&out), "{names:?}");
}

/// The documented order (`report_order` in src/bookmarks/export.rs): "orphaned bookmarks after
/// the resolved ones of their article". An orphan of article 000 must stay under article
/// 000's heading, even when another article of the same locality has resolved bookmarks.
#[test]
fn an_orphan_stays_under_its_own_article() {
    let env = Env::new();
    let corpus = nghiquyet::embedded::corpus();
    let at = |doc: usize, i: usize| doc_refs(&corpus, doc)[i];
    let mut list = vec![
        Bookmark::new(&corpus, at(0, 3), "", vec![]),
        Bookmark::new(&corpus, at(3, 5), "", vec![]),
    ];
    let mut orphan = Bookmark::new(&corpus, at(0, 4), "", vec![]);
    orphan.passage = "p222222222222".into();
    orphan.quote.text = "Một đoạn đã được viết lại hoàn toàn, không còn chữ nào giống \
                         trước nữa trong kho dữ liệu."
        .into();
    list.push(orphan);
    std::fs::create_dir_all(env.bookmarks.parent().unwrap()).unwrap();
    let text = serde_json::to_string_pretty(&BookmarkFile::new(list)).unwrap();
    std::fs::write(&env.bookmarks, text).unwrap();
    let md = env.ok(&["bookmarks", "export", "--format", "md"]);
    let headings: Vec<&str> = md.lines().filter(|l| l.starts_with("### ")).collect();
    assert_eq!(headings.len(), 2, "each article heading once:\n{md}");
}
