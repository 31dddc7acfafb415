//! Every sentence the browser shows, in Vietnamese, in one place: notices, titles, labels
//! and hints. (The keymap's descriptions live with the keymap, which the help is made from.)
//! Workers report facts ([`FileFacts`], counts, paths); they are worded here.
//!
//! An error's own detail (an OS message, a parser's) is quoted as it comes.

use std::path::Path;

use super::Scope;
use crate::bookmarks::worker::FileFacts;

// Panes and frames.
pub const PANE_LOCALITIES: &str = "1 Địa phương";
pub const PANE_OUTLINE: &str = "2 Mục lục";
pub const PANE_READER: &str = "3 Bài viết";
pub const PANE_SWITCH_HINT: &str = "Tab: đổi khung";
pub const ALL_LOCALITIES: &str = "Tất cả";
pub const PROVINCES_BEFORE_2025: &str = "tỉnh trước 2025 · p";
pub const PROVINCES_SINCE_2025: &str = "tỉnh từ 1/7/2025 · p";
pub const HELP_TITLE: &str = " Phím tắt · j/k: cuộn · Esc: đóng ";
pub const QUERY_SYNTAX_TITLE: &str = "Cú pháp tìm kiếm (/)";
pub const CAPTION_MARK: &str = "[ảnh] ";
// The outline's order of articles (`s`).
pub const ORDER_CORPUS: &str = "thứ tự kho";
pub const ORDER_DATE: &str = "mới nhất";
pub const ORDER_TITLE: &str = "tên A–Z";

/// The outline's order, and the key that changes it (as the localities pane says `· p`).
pub fn order_hint(label: &str) -> String {
    format!(" {label} · s ")
}

/// "12 bài": how many articles the outline lists.
pub fn articles(n: usize) -> String {
    format!("{n} bài")
}

/// How many of them carry no date.
pub fn undated(n: usize) -> String {
    format!("{n} không rõ ngày")
}
pub const LEAD_MARK: &str = "[sapo] ";

/// The tags × places matrix as CSV (`E` in the matrix).
pub const FORMAT_MATRIX: &str = "bảng thẻ × nơi (CSV)";

/// `v` on "Tất cả" in the locality list.
pub const NOT_A_PLACE: &str = "chọn một tỉnh hoặc địa phương để đọc song song";

pub fn marked_place(name: &str, n: usize, max: usize) -> String {
    format!("{name}: đã chọn để đọc song song ({n}/{max}) · a rồi v: đọc song song")
}

pub fn unmarked_place(name: &str) -> String {
    format!("{name}: bỏ chọn đọc song song")
}

/// Side by side takes a few places only.
pub fn too_many_columns(n: usize) -> String {
    format!("đọc song song tối đa {n} địa phương: bỏ chọn một nơi (Space) trước")
}

/// The heading of a scope's keys in the help.
pub fn scope_title(scope: Scope) -> &'static str {
    match scope {
        Scope::Global => "Mọi khung",
        Scope::Localities => "Địa phương",
        Scope::Outline => "Mục lục",
        Scope::Reader => "Bài viết",
        Scope::Finder => "Tìm kiếm (/)",
        Scope::Bookmarks => "Danh sách đánh dấu (' m)",
        Scope::BookmarkFilter => "Ô lọc đánh dấu (/ trong danh sách)",
        Scope::LocalityFilter => "Ô lọc địa phương (f)",
        Scope::NoteDialog => "Ghi chú, thẻ, mô tả (B, e, t)",
        Scope::ExportDialog => "Xuất đánh dấu (E)",
        Scope::Tags => "Bảng thẻ (T)",
        Scope::Analysis => "Phân tích (a)",
        Scope::AnalysisQuery => "Ô truy vấn phân tích (/ trong phân tích)",
        Scope::AnalysisFacets => "Thanh lọc phân tích (f trong phân tích)",
        Scope::Anywhere => "Mọi nơi, cả hộp thoại",
    }
}

/// The progress line while a corpus loads.
pub fn loading(name: &str, percent: u64, done_mb: f64, total_mb: f64) -> String {
    format!("Đang tải {name} … {percent}% ({done_mb:.1}/{total_mb:.1} MB) · q: thoát")
}

// The finder.
pub const FINDER_TITLE: &str = " Tìm · Enter: đọc · Tab: phạm vi · Ctrl-t: Telex · Esc: đóng ";
pub const FINDER_INDEXING: &str = "đang lập chỉ mục…";
pub const SCOPE_ALL: &str = "tất cả";
pub const SCOPE_LOCALITY: &str = "địa phương";
pub const SCOPE_ARTICLE: &str = "bài này";
/// After a hit's article: where else the same article ran ("cũng đăng: Tiền phong, VOV").
pub fn also_in(outlets: &[String], copies: usize) -> String {
    if outlets.is_empty() {
        format!("cũng đăng ở {copies} bài khác")
    } else if outlets.len() < copies {
        format!(
            "cũng đăng: {} và {} bài khác",
            outlets.join(", "),
            copies - outlets.len()
        )
    } else {
        format!("cũng đăng: {}", outlets.join(", "))
    }
}
pub const NO_SEARCH_YET: &str = "chưa có tìm kiếm: / để tìm";

/// The finder's count: the selected result of all, and, when some match only nearly
/// (a typo corrected, initials), how many match as typed and how many nearly.
pub fn finder_count(pos: usize, total: usize, near: usize) -> String {
    if near == 0 {
        format!("{pos}/{total}")
    } else {
        format!("{pos}/{total} · {} + {near} gần đúng", total - near)
    }
}

/// "kết quả 3/12" in the status bar while stepping with `n` / `N`.
pub fn match_position(current: usize, total: usize) -> String {
    format!("kết quả {current}/{total}")
}

// The bookmarks pane and its dialogs.
pub const SORT_ADDED: &str = "mới nhất";
pub const SORT_ARTICLE: &str = "theo bài";
pub const BOOKMARKS_HINTS: &str =
    "Enter tới · e sửa · d xoá · u hoàn tác · s sắp xếp · / lọc · E xuất";
pub const BOOKMARKS_LOADING: &str = "đang đọc tệp đánh dấu…";
pub const BOOKMARKS_NONE: &str =
    "Chưa có đánh dấu nào. b: đánh dấu đoạn đang đọc · B: kèm ghi chú và thẻ";
pub const BOOKMARKS_NONE_MATCH: &str =
    "Không có đánh dấu nào khớp bộ lọc (Esc trong ô lọc: bỏ lọc)";
pub const FILTER_PROMPT: &str = "/ để lọc theo trích dẫn, ghi chú, thẻ, bài, địa phương";
pub const FILTER_LABEL: &str = "lọc › ";
pub const FILTER_LABEL_TELEX: &str = "lọc [Telex] › ";
pub const STATUS_REANCHORED: &str = " [đã dời]";
pub const STATUS_ORPHANED: &str = " [mồ côi]";
pub const DETAIL_REANCHORED: &str = " · kho đã dựng lại: tìm lại theo trích dẫn";
pub const DETAIL_ORPHANED: &str = " · mồ côi: đoạn không còn trong kho, giữ trích dẫn";
pub const NOTE_LABEL: &str = "Ghi chú: ";
pub const TAGS_LABEL: &str = "Thẻ:     ";
pub const NOTE_NEW_TITLE: &str = " Đánh dấu · Enter: lưu · Tab: đổi ô · Esc: huỷ ";
pub const NOTE_EDIT_TITLE: &str = " Sửa ghi chú · Enter: lưu · Tab: đổi ô · Esc: huỷ ";
pub const EXPORT_TITLE: &str = " Xuất đánh dấu · Enter · Esc: huỷ ";
pub const FORMAT_MARKDOWN: &str = "Markdown (báo cáo)";
pub const FORMAT_CSV: &str = "CSV (bảng tính)";
pub const FORMAT_CODEBOOK: &str = "Bảng mã (Markdown)";
pub const FORMAT_JSON: &str = "JSON (như lưu trữ)";
pub const FORMAT_QDPX: &str = "REFI-QDA (.qdpx: NVivo, MAXQDA…)";

/// The pane's title: how many bookmarks are shown and how they are sorted.
pub fn bookmarks_tagged_title(count: &str, tag: &str, sort: &str) -> String {
    format!(" Đánh dấu {count} · {tag} · {sort} · Esc: đóng ")
}

pub fn bookmarks_title(count: &str, sort: &str) -> String {
    format!(" Đánh dấu {count} · {sort} · Esc: đóng ")
}

/// The detail's line about the bookmark itself: its id, the day it was made, its state.
pub fn bookmark_id_line(id: &str, created: &str, state: &str) -> String {
    format!("{id} · đánh dấu {created}{state}")
}

/// The line under the note dialog's fields.
pub fn tags_hint(telex: bool) -> String {
    let telex = if telex { "bật" } else { "tắt" };
    format!("thẻ: #cải-cách, kinh-tế (phẩy hoặc cách) · Ctrl-t: Telex ({telex})")
}

/// Where the export dialog writes.
pub fn export_into(dir: &str) -> String {
    format!("vào thư mục {dir}")
}

// Notices in the status bar.
pub const NOTHING_TO_BOOKMARK: &str = "không có đoạn nào để đánh dấu";
pub const CANCELLED: &str = "đã huỷ";
pub const NOTHING_TO_EXPORT: &str = "chưa có đánh dấu nào để xuất (b: đánh dấu)";
pub const NOTHING_TO_UNDO: &str = "không có gì để hoàn tác";
pub const ORPHAN_CANNOT_OPEN: &str =
    "đánh dấu mồ côi: đoạn này không còn trong kho dữ liệu (trích dẫn vẫn giữ)";
pub const ASCII_LOCALE: &str = "ngôn ngữ hệ thống không phải UTF-8: chế độ ASCII (--ascii)";

pub fn already_bookmarked(id: &str, in_finder: bool) -> String {
    if in_finder {
        format!("đã đánh dấu rồi ({id})")
    } else {
        format!("đã đánh dấu rồi ({id}) · B: sửa ghi chú · ': danh sách")
    }
}

pub fn bookmarked(id: &str) -> String {
    format!("★ đã đánh dấu {id} · ': danh sách")
}

pub fn note_saved(id: &str) -> String {
    format!("đã lưu ghi chú {id}")
}

pub fn deleted(id: &str) -> String {
    format!("đã xoá {id} · u: hoàn tác")
}

pub fn restored(id: &str) -> String {
    format!("đã khôi phục {id}")
}

pub fn exporting(extension: &str) -> String {
    format!("đang xuất {extension} …")
}

/// An export is done: how many of how many (a filtered pane exports what it shows).
pub fn exported(n: usize, total: usize, path: &Path) -> String {
    format!("đã xuất {} → {}", export_count(n, total), path.display())
}

/// "12/40 đánh dấu (đang lọc)", or "40 đánh dấu" when that is all of them.
pub fn export_count(n: usize, total: usize) -> String {
    if n < total {
        format!("{n}/{total} đánh dấu (đang lọc)")
    } else {
        format!("{n} đánh dấu")
    }
}

/// The export dialog's line about what it exports: what the pane shows, or all; `a`
/// switches when the pane's filter hides some.
pub fn export_what(shown: Option<usize>, total: usize, all: bool) -> String {
    match shown {
        Some(n) if n > 0 && !all => format!("{} · a: tất cả", export_count(n, total)),
        Some(n) if n > 0 => format!("tất cả {total} đánh dấu · a: chỉ {n} đang hiện"),
        _ => format!("tất cả {total} đánh dấu"),
    }
}

pub fn export_failed(error: &str) -> String {
    format!("⚠ không xuất được: {error}")
}

pub fn reload_failed(error: &str) -> String {
    format!("⚠ không đọc lại được tệp đánh dấu: {error}")
}

// Copying (`y` / `Y`, OSC 52).
pub const NOTHING_TO_COPY: &str = "không có đoạn nào để chép";
pub const COPY_OFF_FLAG: &str = "--osc52 off";

/// Why copying is off, for the notice: the terminal named by `TERM` does not take OSC 52.
pub fn copy_off_term(term: &str) -> String {
    format!("TERM={term} không hỗ trợ OSC 52; --osc52 on để bật")
}

pub fn copy_off(why: &str) -> String {
    format!("chép tắt: {why}")
}

/// What `y` / `Y` sent to the clipboard; `cut`: only its first part fitted.
pub fn copied(citation_only: bool, chars: usize, cut: bool) -> String {
    let what = if citation_only {
        "trích dẫn"
    } else {
        "đoạn kèm trích dẫn"
    };
    let cut = if cut {
        ", đã cắt bớt (quá 75 kB)"
    } else {
        ""
    };
    format!("đã chép {what} ({chars} ký tự{cut}) vào clipboard qua OSC 52")
}

/// In a citation: the section the passage is under.
pub fn copy_section(section: &str) -> String {
    format!("mục “{section}”")
}

/// In a citation: the passage's id.
pub fn copy_passage_id(id: &str) -> String {
    format!("đoạn {id}")
}

pub fn position_ignored(error: &str) -> String {
    format!("bỏ qua vị trí đã lưu: {error}")
}

/// Why changes cannot be saved: a newer file, or one that cannot be used at all.
pub fn bookmarks_read_only(newer_version: Option<u64>, failed: Option<&str>) -> String {
    match (newer_version, failed) {
        (Some(v), _) => format!(
            "tệp đánh dấu phiên bản {v}, mới hơn bản nghiquyet này: chỉ đọc, không lưu thay đổi nào"
        ),
        (None, Some(e)) => format!("⚠ không lưu được đánh dấu: {e}"),
        (None, None) => "tệp đánh dấu chỉ đọc".to_string(),
    }
}

pub fn save_failed(error: &str, pending: usize, newer_version: Option<u64>) -> String {
    if newer_version.is_some() {
        return bookmarks_read_only(newer_version, None);
    }
    if pending > 0 {
        format!("⚠ chưa lưu được {pending} thay đổi đánh dấu: {error}")
    } else {
        format!("⚠ không lưu: {error}")
    }
}

/// What the status bar says about a load or save, the new place of a moved file first (a
/// narrow status bar cuts the end; the file name is enough there, it sits beside the
/// bookmarks file). `None`: nothing to say.
pub fn file_facts(facts: &FileFacts) -> Option<String> {
    if let Some(aside) = &facts.moved_aside {
        let name = aside.file_name().map_or_else(
            || aside.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        return Some(format!(
            "tệp đánh dấu hỏng, đã chuyển sang {name} (cùng thư mục); đã lưu danh sách đang hiện"
        ));
    }
    if let Some(why) = &facts.unusable {
        return Some(format!(
            "⚠ tệp đánh dấu hỏng ({why}): giữ nguyên, sẽ chuyển sang bên cạnh ở lần thay đổi đầu tiên"
        ));
    }
    if let Some(e) = &facts.failed {
        return Some(format!("⚠ không dùng được tệp đánh dấu: {e}"));
    }
    facts
        .read_only()
        .then(|| bookmarks_read_only(facts.newer_version, None))
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    #[test]
    fn facts_are_worded_most_urgent_first_and_quiet_facts_say_nothing() {
        assert_eq!(file_facts(&FileFacts::default()), None);
        let moved = FileFacts {
            moved_aside: Some(PathBuf::from("/d/b.json.corrupt-1")),
            unusable: Some("not JSON".into()),
            ..FileFacts::default()
        };
        let said = file_facts(&moved).unwrap();
        assert!(said.starts_with("tệp đánh dấu hỏng, đã chuyển sang b.json.corrupt-1"));
        let newer = FileFacts {
            newer_version: Some(7),
            ..FileFacts::default()
        };
        assert!(file_facts(&newer).unwrap().contains("phiên bản 7"));
        assert!(save_failed("x", 2, Some(7)).contains("chỉ đọc"));
        assert!(save_failed("disk full", 2, None).contains("2 thay đổi"));
    }
}

#[cfg(test)]
mod also_in_tests {
    #[test]
    fn names_the_other_outlets_and_counts_the_rest() {
        let o = |v: &[&str]| v.iter().map(|s| (*s).to_string()).collect::<Vec<_>>();
        assert_eq!(super::also_in(&o(&["VOV"]), 1), "cũng đăng: VOV");
        assert_eq!(
            super::also_in(&o(&["VOV"]), 3),
            "cũng đăng: VOV và 2 bài khác"
        );
        assert_eq!(super::also_in(&[], 2), "cũng đăng ở 2 bài khác");
    }
}

/// Before an article in the outline that the locality filter hides (it is being read).
pub const OUTSIDE_MARK: &str = "[ngoài bộ lọc] ";

/// A jump landed on a passage the locality filter hides: its article is shown anyway.
pub fn outside_filter(filter: &str, place: Option<&str>) -> String {
    match place {
        Some(p) => format!("Đoạn này về {p}, ngoài bộ lọc ‘{filter}’ · w: xem mọi địa phương"),
        None => format!("Đoạn này ngoài bộ lọc ‘{filter}’ · w: xem mọi địa phương"),
    }
}

/// The locality list sorted by number of articles (`s`), in its bottom border.
pub const SORT_BY_COUNT: &str = "nhiều bài";
/// The locality filter box's label, and its hint when empty.
pub const LOCALITY_FILTER_LABEL: &str = "lọc › ";
pub const LOCALITY_FILTER_LABEL_TELEX: &str = "lọc Telex › ";

// Coding (issue 15): tagging many passages, the tags pane.
pub const TAG_ONLY_IN_CONCORDANCE: &str =
    "gắn thẻ hàng loạt: trong bảng Ngữ cảnh (Tab) hoặc trong ô tìm (Alt-t)";
pub const NOTHING_TO_TAG: &str = "không có đoạn nào để gắn thẻ";
pub const NO_TAG_TYPED: &str = "chưa gõ thẻ: không gắn gì";
pub const ONE_TAG_NAME: &str = "tên mới: đúng một thẻ (không dấu cách, dấu phẩy)";
pub const TAGS_HINTS: &str = "Enter các đánh dấu · e mô tả · r đổi tên/gộp · u hoàn tác";
pub const TAGS_NONE: &str = "chưa có thẻ nào: t trong Ngữ cảnh, Alt-t trong ô tìm, hoặc B";
/// The tags pane's column heads: the tag, its bookmarks, its description.
pub const TAGS_HEAD: [&str; 3] = ["thẻ", "đánh dấu", "mô tả"];
pub const MATRIX_HINTS: &str =
    "j k ô sau, trước · Enter các đoạn · Esc danh sách · CSV: nghiquyet bookmarks matrix --csv";
pub const MATRIX_NONE: &str = "chưa có đánh dấu nào có thẻ (ở một nơi trong kho)";

pub fn matrix_title(tags: usize, places: usize, provinces: bool) -> String {
    let by = if provinces {
        "tỉnh"
    } else {
        "địa phương"
    };
    format!(" Thẻ × {by}: {tags} thẻ, {places} nơi · c: đổi cấp · Esc: về danh sách ")
}

/// What the bookmarks pane shows after Enter on a cell: `thẻ "x" × Thanh Hóa`.
pub fn cell_label(tag: &str, place: &str) -> String {
    format!("thẻ \"{tag}\" × {place}")
}

pub fn tag_label(tag: &str) -> String {
    format!("thẻ \"{tag}\"")
}

pub const PROMPT_HINT: &str = "Enter: áp dụng · Esc: huỷ · Ctrl-t: Telex";

pub fn tags_title(count: usize) -> String {
    format!(" Thẻ {count} · Esc: đóng ")
}

/// The prompt's title: a tag for `n` passages, a description, a new name.
pub fn tag_prompt_title(n: usize, left_out: usize) -> String {
    if left_out > 0 {
        format!(" Gắn thẻ cho {n} đoạn (bỏ qua {left_out} kết quả ngoài danh sách) ")
    } else {
        format!(" Gắn thẻ cho {n} đoạn ")
    }
}

pub fn describe_title(tag: &str) -> String {
    format!(" Mô tả thẻ \"{tag}\" ")
}

pub fn rename_title(tag: &str) -> String {
    format!(" Đổi tên thẻ \"{tag}\" (trùng thẻ có sẵn: gộp) ")
}

/// After a bulk tagging: `thẻ "nhà-ở": 9 đánh dấu mới · 2 gắn thêm · 1 đã có`, and the
/// finder's hits it did not hold.
pub fn tagged(tag: &str, done: crate::app::coding::Tagged, left_out: usize) -> String {
    let undo = if done.new + done.added > 0 {
        " · u: hoàn tác"
    } else {
        ""
    };
    let left = if left_out > 0 {
        let shown = crate::search::worker::MAX_SHOWN;
        format!(" · chỉ {shown} kết quả đầu: {left_out} kết quả sau chưa gắn (thu hẹp truy vấn)")
    } else {
        String::new()
    };
    format!(
        "thẻ \"{tag}\": {} đánh dấu mới · {} gắn thêm · {} đã có{undo}{left}",
        done.new, done.added, done.already
    )
}

pub fn untagged(tag: &str, removed: usize, untagged: usize) -> String {
    format!("đã hoàn tác thẻ \"{tag}\": bỏ {removed} đánh dấu mới, gỡ thẻ khỏi {untagged}")
}

pub fn described(tag: &str) -> String {
    format!("đã lưu mô tả thẻ \"{tag}\"")
}

pub fn renamed_tag(from: &str, to: &str, merged: bool) -> String {
    if merged {
        format!("đã gộp thẻ \"{from}\" vào \"{to}\" (thẻ con đi theo, mô tả nối lại)")
    } else {
        format!("đã đổi tên thẻ \"{from}\" thành \"{to}\" (thẻ con đi theo)")
    }
}
