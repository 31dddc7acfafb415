//! The bookmarks file: N orphans, deterministic.

/// A tiny xorshift64 generator: the same file every time, no extra crate.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[usize::try_from(self.next() % items.len() as u64).unwrap()]
    }
}

const ONSETS: &[&str] = &[
    "", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh",
    "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x",
];
const VOWELS: &[&str] = &[
    "a", "á", "à", "ả", "ã", "ạ", "ă", "ắ", "ằ", "ặ", "â", "ấ", "ầ", "ẩ", "ậ", "e", "é", "è", "ẻ",
    "ẹ", "ê", "ế", "ề", "ể", "ệ", "i", "í", "ì", "ỉ", "ị", "o", "ó", "ò", "ỏ", "ọ", "ô", "ố", "ồ",
    "ổ", "ộ", "ơ", "ớ", "ờ", "ở", "ợ", "u", "ú", "ù", "ủ", "ụ", "ư", "ứ", "ừ", "ử", "ự", "y", "ý",
    "oa", "oá", "uy", "uý", "ươ", "ướ", "iê", "iế", "uô", "uố",
];
const CODAS: &[&str] = &[
    "", "", "c", "ch", "m", "n", "ng", "nh", "p", "t", "i", "o", "u",
];

/// A made-up syllable that looks Vietnamese: onset, vowel with a tone mark, coda.
fn syllable(r: &mut XorShift) -> String {
    format!("{}{}{}", r.pick(ONSETS), r.pick(VOWELS), r.pick(CODAS))
}

/// `n` words, the first capitalised, ending with a full stop.
fn sentence(r: &mut XorShift, n: usize) -> String {
    let words: Vec<String> = (0..n).map(|_| syllable(r)).collect();
    let mut s = words.join(" ");
    if let Some(c) = s.chars().next() {
        let upper: String = c.to_uppercase().collect();
        s.replace_range(..c.len_utf8(), &upper);
    }
    s.push('.');
    s
}

/// The ids of the generated bookmarks: `b` and 10 hex digits, as the browser makes them.
pub fn orphan_id(i: usize) -> String {
    format!("b{:010x}", 0x0b_e000_0000u64 + i as u64)
}

/// A bookmarks file of `n` orphaned bookmarks, in the project's format (version 1).
pub fn orphan_bookmarks(n: usize) -> serde_json::Value {
    let mut r = XorShift(0x2545_f491_4f6c_dd1d);
    let bookmarks: Vec<serde_json::Value> = (0..n)
        .map(|i| {
            let len = 18 + (r.next() % 20) as usize;
            let text = sentence(&mut r, len);
            let prefix = sentence(&mut r, 8);
            let suffix = sentence(&mut r, 8);
            let title = sentence(&mut r, 7);
            serde_json::json!({
                "id": orphan_id(i),
                "created": "2026-01-01T00:00:00Z",
                // Neither exists in any corpus: ids there are `NNN_<16 hex>` and `p<12 hex>`.
                "doc": format!("zz_orphan_{i:06}"),
                "passage": format!("pzz{i:09}"),
                "quote": {"text": text, "prefix": prefix, "suffix": suffix},
                "note": format!("orphan {i}"),
                "tags": ["bench"],
                "locality": null,
                "title": title,
                "section": null,
            })
        })
        .collect();
    serde_json::json!({"format": "nghiquyet-bookmarks", "version": 1, "bookmarks": bookmarks})
}
