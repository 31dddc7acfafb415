//! Vietnamese-aware search over passages: folded once at load time ([`SearchIndex`]),
//! matched with fzf's query language ([`query`]), ranked ([`matcher`]), run off the UI
//! thread ([`worker`]).

pub mod matcher;
pub mod query;
pub mod worker;

pub use query::{Query, parse};

use std::sync::atomic::{AtomicU8, AtomicU64, AtomicUsize, Ordering};

use fuzzy_matcher::skim::SkimMatcherV2;

use crate::corpus::{Corpus, Passage};
use crate::text::fold_for_search;
use matcher::{Facts, Outcome, PreparedQuery};

/// Where a passage is: indices into `documents[doc].sections[section].passages[passage]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PassageRef {
    pub doc: u32,
    pub section: u32,
    pub passage: u32,
}

impl PassageRef {
    pub fn get<'a>(&self, corpus: &'a Corpus) -> &'a Passage {
        &corpus.documents[self.doc as usize].sections[self.section as usize].passages
            [self.passage as usize]
    }
}

/// Every passage folded for matching, built once when a corpus loads.
///
/// Besides the public fields, `build` keeps private facts about each folded passage that
/// let a search skip work; they describe `folded` as built. An index filled by hand (its
/// private fields empty) is searched without them, with the same results.
#[derive(Debug, Default)]
pub struct SearchIndex {
    pub refs: Vec<PassageRef>,
    pub folded: Vec<String>,
    /// Total bytes of original text indexed.
    pub bytes: usize,
    /// Per passage, which ASCII letters and digits its folded text has
    /// ([`matcher::letter_mask`]): a passage missing a term's letters is skipped unread.
    masks: Vec<u64>,
    /// Per passage, the first char of each word, the offset of every
    /// [`matcher::MARK_EVERY`]th word, and the one- and two-letter words
    /// ([`matcher::words`]): initials and phrases are looked up there, short whole words
    /// ruled out.
    starts: Vec<Box<[u8]>>,
    marks: Vec<Box<[u32]>>,
    short: Vec<matcher::ShortWords>,
    /// Per passage, whether its text is provably its own canonical form
    /// ([`accent::canonical_as_is`]), so the accent bonus needs no normalisation.
    canonical: Vec<bool>,
    /// Accent answers remembered from earlier searches.
    memo: accent::Memo,
}

impl SearchIndex {
    pub fn build(corpus: &Corpus) -> Self {
        let mut idx = SearchIndex::default();
        let mut texts: Vec<&str> = Vec::new();
        for (d, doc) in corpus.documents.iter().enumerate() {
            for (s, sec) in doc.sections.iter().enumerate() {
                for (p, passage) in sec.passages.iter().enumerate() {
                    idx.refs.push(PassageRef {
                        doc: d as u32,
                        section: s as u32,
                        passage: p as u32,
                    });
                    texts.push(&passage.text);
                    idx.bytes += passage.text.len();
                }
            }
        }
        // Folding is the cost: every core takes a contiguous share, in order.
        let chunk = texts.len().div_ceil(threads()).max(1);
        let parts: Vec<Vec<Folded>> = std::thread::scope(|s| {
            // The accent bonus's case table, built while the passages fold.
            s.spawn(accent::warm_up);
            let handles: Vec<_> = texts
                .chunks(chunk)
                .map(|part| {
                    s.spawn(move || {
                        part.iter()
                            .map(|text| {
                                let folded = fold_for_search(text).text;
                                let words = matcher::words(&folded);
                                Folded {
                                    mask: matcher::letter_mask(&folded),
                                    starts: words.starts.into(),
                                    marks: words.marks.into(),
                                    short: words.short,
                                    canonical: accent::canonical_as_is(text),
                                    folded,
                                }
                            })
                            .collect()
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        });
        idx.folded.reserve(texts.len());
        idx.masks.reserve(texts.len());
        idx.starts.reserve(texts.len());
        idx.short.reserve(texts.len());
        idx.marks.reserve(texts.len());
        idx.canonical.reserve(texts.len());
        for f in parts.into_iter().flatten() {
            idx.folded.push(f.folded);
            idx.masks.push(f.mask);
            idx.starts.push(f.starts);
            idx.short.push(f.short);
            idx.marks.push(f.marks);
            idx.canonical.push(f.canonical);
        }
        idx
    }

    pub fn len(&self) -> usize {
        self.refs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.refs.is_empty()
    }

    /// What is known of passage `slot` before reading it; nothing for an index whose
    /// public fields were filled by hand.
    fn facts(&self, slot: usize) -> Facts<'_> {
        let n = self.folded.len();
        Facts {
            mask: match self.masks.get(slot) {
                Some(&m) if self.masks.len() == n => m,
                _ => u64::MAX,
            },
            starts: self
                .starts
                .get(slot)
                .zip(self.marks.get(slot))
                .filter(|_| self.starts.len() == n && self.marks.len() == n)
                .map(|(s, m)| (&s[..], &m[..])),
            short: match self.short.get(slot) {
                Some(short) if self.short.len() == n => short,
                _ => &matcher::ShortWords::ALL,
            },
        }
    }

    fn canonical_as_is(&self, slot: usize) -> bool {
        self.canonical.len() == self.folded.len() && self.canonical.get(slot) == Some(&true)
    }
}

/// One passage as the index keeps it.
struct Folded {
    folded: String,
    mask: u64,
    starts: Box<[u8]>,
    marks: Box<[u32]>,
    short: matcher::ShortWords,
    canonical: bool,
}

fn threads() -> usize {
    std::thread::available_parallelism()
        .map_or(1, |p| p.get())
        .clamp(1, 8)
}

/// One ranked result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub at: PassageRef,
    /// Index into the search index (document order).
    pub slot: u32,
    pub score: i64,
    /// Matched ranges in the folded text (bytes); see [`highlight_ranges`].
    pub ranges: Vec<matcher::Range>,
}

/// Bonus for a hit whose accented form is in the original text as typed.
pub const W_ACCENT: i64 = 60;

/// Which passages to search: everything, or only some documents.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Scope {
    #[default]
    All,
    Documents(Vec<u32>),
}

impl Scope {
    fn admits(&self, at: PassageRef) -> bool {
        match self {
            Scope::All => true,
            Scope::Documents(docs) => docs.binary_search(&at.doc).is_ok(),
        }
    }
}

/// Order: best score first, ties in document order.
pub fn rank(hits: &mut [Hit]) {
    hits.sort_unstable_by(|a, b| b.score.cmp(&a.score).then(a.slot.cmp(&b.slot)));
}

/// Passages handed to a scanning thread at a time: small enough to balance the cores,
/// large enough that taking one costs nothing. Cancellation is checked once per chunk.
const CHUNK: usize = 1024;

/// What every scanning thread shares.
struct Job<'a> {
    index: &'a SearchIndex,
    corpus: &'a Corpus,
    pq: &'a PreparedQuery<'a>,
    accents: &'a [accent::Accent<'a>],
    scope: &'a Scope,
    cancel: &'a (dyn Fn() -> bool + Sync),
    /// Per passage, after the exact pass: 0 when the fuzzy pass cannot find it (found
    /// already, out of scope, missing letters, or missed by a term that only the exact
    /// pass could hit), else 1 + the term that missed (255: try the terms in order).
    retry: &'a [AtomicU8],
    next_chunk: AtomicUsize,
}

impl Job<'_> {
    fn hit(&self, slot: usize, m: matcher::Match) -> Hit {
        let at = self.index.refs[slot];
        let mut score = m.score;
        if !self.accents.is_empty() {
            // The passage text is only read when no remembered answer will do.
            let corpus = self.corpus;
            score += W_ACCENT
                * accent::count(
                    slot,
                    || &at.get(corpus).text,
                    &self.index.folded[slot],
                    self.index.canonical_as_is(slot),
                    self.accents,
                ) as i64;
        }
        Hit {
            at,
            slot: slot as u32,
            score,
            ranges: m.ranges,
        }
    }

    /// Scan chunks until none is left: the exact pass, or the fuzzy fallback over the
    /// passages the exact pass left to retry. Returns (chunk, hits in slot order) pairs;
    /// `None` when a newer query cancelled it.
    fn scan(&self, fuzzy: bool) -> Option<Vec<ChunkHits>> {
        let Job {
            index, pq, scope, ..
        } = *self;
        let matcher = SkimMatcherV2::default();
        let mut found = Vec::new();
        let mut out = Vec::new();
        let n = index.len();
        loop {
            let c = self.next_chunk.fetch_add(1, Ordering::Relaxed);
            let start = c * CHUNK;
            if start >= n {
                return Some(out);
            }
            if (self.cancel)() {
                return None;
            }
            let mut hits = Vec::new();
            for slot in start..(start + CHUNK).min(n) {
                let facts = index.facts(slot);
                let retry = if fuzzy {
                    match self.retry[slot].load(Ordering::Relaxed) {
                        0 => continue,
                        255 => None,
                        r => Some(usize::from(r) - 1),
                    }
                } else {
                    if !scope.admits(index.refs[slot]) || !pq.possible(facts.mask) {
                        continue;
                    }
                    None
                };
                let h = &index.folded[slot];
                match matcher::match_prepared(h, facts, pq, fuzzy, retry, &matcher, &mut found) {
                    Outcome::Hit(m) => hits.push(self.hit(slot, m)),
                    Outcome::Miss(t) if !fuzzy && pq.terms[t].fuzzy_capable => {
                        let r = u8::try_from(t + 1).unwrap_or(255);
                        self.retry[slot].store(r, Ordering::Relaxed);
                    }
                    Outcome::Miss(_) | Outcome::Nothing => {}
                }
            }
            if !hits.is_empty() {
                out.push((c, hits));
            }
        }
    }
}

/// A chunk's number and its hits, in slot order.
type ChunkHits = (usize, Vec<Hit>);

/// Run one pass on every core; hits in slot order.
fn run_pass(job: &mut Job, threads: usize, fuzzy: bool) -> Option<Vec<Hit>> {
    job.next_chunk = AtomicUsize::new(0);
    let job = &*job;
    let parts: Vec<Option<Vec<ChunkHits>>> = std::thread::scope(|s| {
        let handles: Vec<_> = (1..threads).map(|_| s.spawn(|| job.scan(fuzzy))).collect();
        let mine = job.scan(fuzzy);
        std::iter::once(mine)
            .chain(handles.into_iter().map(|h| h.join().unwrap_or(None)))
            .collect()
    });
    let mut chunks = Vec::new();
    for p in parts {
        chunks.extend(p?);
    }
    chunks.sort_unstable_by_key(|(c, _)| *c);
    let total = chunks.iter().map(|(_, h)| h.len()).sum();
    let mut all = Vec::with_capacity(total);
    for (_, hits) in chunks {
        all.extend(hits);
    }
    Some(all)
}

/// Run a query over the index on all cores. `progress` receives the hits found so far
/// (unranked) after the exact pass; returns `None` when cancelled.
///
/// The exact pass skips passages that lack a required term's letters, and notes which
/// misses the fuzzy pass could turn into hits; the fuzzy pass reads only those.
pub fn search(
    index: &SearchIndex,
    corpus: &Corpus,
    q: &Query,
    scope: &Scope,
    cancel: &(dyn Fn() -> bool + Sync),
    progress: &mut dyn FnMut(&[Hit]),
) -> Option<Vec<Hit>> {
    if q.is_empty() {
        return Some(Vec::new());
    }
    let n = index.len();
    let threads = threads();
    let pq = PreparedQuery::new(q);
    let accents = accent::prepare(q, &index.memo, n);
    let fuzzy_pass = q.has_fuzzy();
    let retry: Vec<AtomicU8> = if fuzzy_pass {
        (0..n).map(|_| AtomicU8::new(0)).collect()
    } else {
        Vec::new()
    };
    let mut job = Job {
        index,
        corpus,
        pq: &pq,
        accents: &accents,
        scope,
        cancel,
        retry: &retry,
        next_chunk: AtomicUsize::new(0),
    };
    let mut hits = run_pass(&mut job, threads, false)?;
    if fuzzy_pass {
        progress(&hits);
        hits.extend(run_pass(&mut job, threads, true)?);
    }
    rank(&mut hits);
    Some(hits)
}

/// Convenience for one-shot callers (CLI, tests): search everything, never cancelled.
pub fn search_all(index: &SearchIndex, corpus: &Corpus, raw: &str, scope: &Scope) -> Vec<Hit> {
    let q = parse(raw);
    search(index, corpus, &q, scope, &|| false, &mut |_| {}).unwrap_or_default()
}

/// The hit's ranges as `[start, end)` **char** offsets into the original passage text,
/// merged and sorted: what a user sees highlighted.
pub fn highlight_ranges(original: &str, hit_ranges: &[matcher::Range]) -> Vec<(usize, usize)> {
    let folded = fold_for_search(original);
    // Folded byte offset → folded char index.
    let mut byte_to_char = vec![0usize; folded.text.len() + 1];
    for (ci, (b, c)) in folded.text.char_indices().enumerate() {
        for k in 0..c.len_utf8() {
            byte_to_char[b + k] = ci;
        }
    }
    let nchars = folded.map.len();
    byte_to_char[folded.text.len()] = nchars;
    let mut out: Vec<(usize, usize)> = hit_ranges
        .iter()
        .filter(|(s, e)| s < e && *e <= folded.text.len())
        .filter_map(|&(s, e)| {
            let (cs, ce) = (byte_to_char[s], byte_to_char[e]);
            (cs < ce && ce <= nchars).then(|| (folded.map[cs], folded.map[ce - 1] + 1))
        })
        .collect();
    out.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(out.len());
    for r in out {
        match merged.last_mut() {
            Some(last) if r.0 <= last.1 => last.1 = last.1.max(r.1),
            _ => merged.push(r),
        }
    }
    merged
}

/// The accent bonus: does the passage, canonical and lowercased, contain a term as typed
/// with its diacritics? `canonical(text).to_lowercase()` normalises the whole passage
/// (about 15 MB/s), so for a text that is provably its own canonical form the same answer
/// comes from comparing, case-folded, only where the term's first letter stands.
mod accent {
    use std::collections::{HashMap, HashSet};
    use std::sync::atomic::{AtomicU8, Ordering};
    use std::sync::{Arc, Mutex, OnceLock};

    use memchr::memmem::Finder;

    use super::matcher;
    use memchr::arch::all::packedpair::HeuristicFrequencyRank;
    use unicode_normalization::char::{canonical_combining_class, is_combining_mark};
    use unicode_normalization::{IsNormalized, is_nfc_quick};

    use super::Query;
    use crate::text::{canonical, fold_char, fold_str};

    pub(super) struct Accent<'q> {
        text: &'q str,
        /// Where to compare, when comparing char by char agrees with `str::to_lowercase`.
        anchor: Option<Anchor>,
        /// The form folded, when it has no `.` or `,` (see [`count`]).
        folded: Option<Finder<'static>>,
        /// What is known per passage about this form ([`Memo`]), and about remembered
        /// forms inside it (absent there: absent here) and around it (present there:
        /// present here).
        known: Answers,
        inside: Vec<Answers>,
        around: Vec<Answers>,
    }

    /// Per passage: 0 not known yet, [`ABSENT`] or [`PRESENT`].
    type Answers = Arc<[AtomicU8]>;
    const ABSENT: u8 = 1;
    const PRESENT: u8 = 2;

    /// Whether each passage contains an accented form, remembered for the last few forms:
    /// a person typing "hội đồng nhân dân" asks about "hội" at every keystroke after it.
    /// An answer depends on nothing but the passage text and the form, so a remembered one
    /// is the one the search would compute.
    #[derive(Default)]
    pub(super) struct Memo {
        /// Most recently used last.
        forms: Mutex<Vec<(String, Answers)>>,
    }

    /// Forms remembered, each a byte per passage.
    const REMEMBERED: usize = 16;

    impl std::fmt::Debug for Memo {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            let forms = self.forms.lock().unwrap_or_else(|e| e.into_inner());
            f.debug_list()
                .entries(forms.iter().map(|(form, _)| form))
                .finish()
        }
    }

    impl Memo {
        /// The answers for `form` over `n` passages, and those for remembered forms inside
        /// and around it.
        fn answers(&self, form: &str, n: usize) -> (Answers, Vec<Answers>, Vec<Answers>) {
            let mut forms = self.forms.lock().unwrap_or_else(|e| e.into_inner());
            forms.retain(|(_, a)| a.len() == n);
            let known = match forms.iter().position(|(f, _)| f == form) {
                Some(i) => {
                    let entry = forms.remove(i);
                    let known = Arc::clone(&entry.1);
                    forms.push(entry);
                    known
                }
                None => {
                    if forms.len() >= REMEMBERED {
                        forms.remove(0);
                    }
                    let known: Answers = (0..n).map(|_| AtomicU8::new(0)).collect();
                    forms.push((form.to_string(), Arc::clone(&known)));
                    known
                }
            };
            let others = |keep: &dyn Fn(&str) -> bool| -> Vec<Answers> {
                forms
                    .iter()
                    .filter(|(f, _)| f != form && keep(f))
                    .map(|(_, a)| Arc::clone(a))
                    .collect()
            };
            let inside = others(&|f| form.contains(f));
            let around = others(&|f| f.contains(form));
            (known, inside, around)
        }
    }

    /// How to find the accented form in a text, case-folded, without lowercasing it.
    struct Anchor {
        chars: Vec<char>,
        /// For each char of the form, the chars whose lowercase is exactly that char.
        from: Vec<Vec<char>>,
        /// For each char of the form, whether it is part of a longer lowercase.
        in_longer: Vec<bool>,
        /// The char the search starts from: a non-ASCII one (rarer than letters), `back`
        /// chars into the form; searchers for each char that lowercases to it.
        back: usize,
        finders: Vec<Finder<'static>>,
    }

    /// The accented forms of the query's required terms, in order.
    pub(super) fn prepare<'q>(q: &'q Query, memo: &Memo, n: usize) -> Vec<Accent<'q>> {
        q.terms
            .iter()
            .filter(|t| !t.negate)
            .filter_map(|t| t.accented.as_deref())
            .map(|text| {
                let (known, inside, around) = memo.answers(text, n);
                Accent {
                    text,
                    anchor: anchor(text),
                    folded: Some(fold_str(text))
                        .filter(|f| !f.contains(['.', ',']))
                        .map(|f| matcher::finder(f.as_bytes()).into_owned()),
                    known,
                    inside,
                    around,
                }
            })
            .collect()
    }

    /// Build the case table now rather than on the first accented keystroke.
    pub(super) fn warm_up() {
        lowercase();
    }

    /// Chars whose lowercase is exactly one other char, and chars that are part of a
    /// longer lowercase (`İ` → `i̇`): built once, by asking every char.
    struct Lowercase {
        from: HashMap<char, Vec<char>>,
        in_longer: HashSet<char>,
    }

    fn lowercase() -> &'static Lowercase {
        static TABLE: OnceLock<Lowercase> = OnceLock::new();
        TABLE.get_or_init(|| {
            let mut t = Lowercase {
                from: HashMap::new(),
                in_longer: HashSet::new(),
            };
            for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
                let mut lower = c.to_lowercase();
                if lower.len() == 1 {
                    match lower.next() {
                        Some(l) if l != c => t.from.entry(l).or_default().push(c),
                        _ => {}
                    }
                } else {
                    t.in_longer.extend(lower);
                }
            }
            t
        })
    }

    /// With none of the form's chars up to the anchor part of a longer lowercase, each of
    /// them in an occurrence in the lowercased text is the whole lowercase of one char of
    /// the text: the occurrence starts `back` chars before a char that lowercases to the
    /// anchor.
    fn anchor(a: &str) -> Option<Anchor> {
        // `str::to_lowercase` lowercases Σ by context, `char::to_lowercase` does not; no
        // other char differs between them.
        if a.contains(['σ', 'ς']) {
            return None;
        }
        let table = lowercase();
        let chars: Vec<char> = a.chars().collect();
        let in_longer: Vec<bool> = chars.iter().map(|c| table.in_longer.contains(c)).collect();
        let from: Vec<Vec<char>> = chars
            .iter()
            .map(|&x| {
                // The form's own char first: text is mostly lowercase.
                let mut from: Vec<char> = Vec::new();
                if x.to_lowercase().eq([x]) {
                    from.push(x);
                }
                from.extend(table.from.get(&x).into_iter().flatten());
                from
            })
            .collect();
        // The non-ASCII char whose rarest UTF-8 byte is rarest, among those with no char
        // up to them part of a longer lowercase; else the first char.
        let usable = in_longer.iter().take_while(|l| !**l).count();
        let rarity = |c: char| {
            let rank = matcher::VietnameseRank;
            let mut buf = [0; 4];
            c.encode_utf8(&mut buf)
                .bytes()
                .map(|b| rank.rank(b))
                .min()
                .unwrap_or(0)
        };
        let back = (0..usable)
            .filter(|&i| !chars[i].is_ascii())
            .min_by_key(|&i| (rarity(chars[i]), i))
            .or((usable > 0).then_some(0))?;
        let finders = from[back]
            .iter()
            .map(|c| matcher::finder(c.encode_utf8(&mut [0; 4]).as_bytes()).into_owned())
            .collect();
        Some(Anchor {
            chars,
            from,
            in_longer,
            back,
            finders,
        })
    }

    /// Does `text.to_lowercase()` contain the form?
    fn lowercase_contains(text: &str, anchor: &Anchor) -> bool {
        anchor.finders.iter().any(|f| {
            f.find_iter(text.as_bytes()).any(|i| {
                // The chars before the anchor, backwards: each one of `from`.
                let mut start = i;
                for k in (0..anchor.back).rev() {
                    match text[..start].chars().next_back() {
                        Some(c) if anchor.from[k].contains(&c) => start -= c.len_utf8(),
                        _ => return false,
                    }
                }
                // The rest as `flat_map(char::to_lowercase)` would compare it, without
                // lowercasing a char whose lowercase is exactly the form's char.
                let want = &anchor.chars;
                let mut k = anchor.back + 1;
                for c in text[i + f.needle().len()..].chars() {
                    if k == want.len() {
                        return true;
                    }
                    if anchor.from[k].contains(&c) {
                        k += 1;
                        continue;
                    }
                    if !anchor.in_longer[k] {
                        // Only the chars in `from` have a lowercase starting with it.
                        return false;
                    }
                    for l in c.to_lowercase() {
                        if k == want.len() {
                            return true;
                        }
                        if l != want[k] {
                            return false;
                        }
                        k += 1;
                    }
                }
                k == want.len()
            })
        })
    }

    /// How many of `accents` the passage `text` (`folded` in the index) contains once
    /// canonical and lowercased; `as_is` when [`canonical_as_is`] holds for `text`.
    ///
    /// For such a text, the lowercase of each char folds as the char does
    /// (`fold_str(c.to_lowercase()) == fold_str(c)` for every char, checked by a test) and
    /// folding is char by char: an occurrence of the form in the lowercased text folds to
    /// an occurrence of the folded form in the folded text, which only drops `.` and `,`
    /// between digits. So a folded text without the folded form (when that has no `.` or
    /// `,`) cannot have the form, and is not searched.
    pub(super) fn count<'t>(
        slot: usize,
        text: impl Fn() -> &'t str,
        folded: &str,
        as_is: bool,
        accents: &[Accent],
    ) -> usize {
        let mut original: Option<String> = None;
        let mut n = 0;
        for a in accents {
            let answer = |answers: &Answers| answers[slot].load(Ordering::Relaxed);
            let known = match answer(&a.known) {
                0 if a.inside.iter().any(|x| answer(x) == ABSENT) => Some(false),
                0 if a.around.iter().any(|x| answer(x) == PRESENT) => Some(true),
                0 => None,
                v => Some(v == PRESENT),
            };
            if let Some(found) = known {
                n += usize::from(found);
                continue;
            }
            let found = match &a.anchor {
                Some(anchor) if as_is => {
                    a.folded
                        .as_ref()
                        .is_none_or(|f| f.find(folded.as_bytes()).is_some())
                        && lowercase_contains(text(), anchor)
                }
                _ => original
                    .get_or_insert_with(|| canonical(text()).to_lowercase())
                    .contains(a.text),
            };
            a.known[slot].store(if found { PRESENT } else { ABSENT }, Ordering::Relaxed);
            n += usize::from(found);
        }
        n
    }

    /// BMP chars that are NFC on their own and start a combining sequence: a string of
    /// such chars passes the NFC quick check, so it is NFC. One bit each.
    fn nfc_starters() -> &'static [u64] {
        static TABLE: OnceLock<Vec<u64>> = OnceLock::new();
        TABLE.get_or_init(|| {
            let mut bits = vec![0u64; 0x10000 / 64];
            for c in (0x80..0x10000).filter_map(char::from_u32) {
                if !is_combining_mark(c)
                    && canonical_combining_class(c) == 0
                    && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes
                {
                    bits[c as usize / 64] |= 1 << (c as usize % 64);
                }
            }
            bits
        })
    }

    pub(super) fn nfc_starter(c: char) -> bool {
        let u = c as usize;
        u < 0x10000 && nfc_starters()[u / 64] & (1 << (u % 64)) != 0
    }

    /// `canonical_tones` moves the tone off the last letter of a word ending in `oa`, `oe`
    /// or `uy` (not `quy`). Could the word-final char `c2`, after `c1` after `c0`, be that?
    fn tone_may_move(c0: char, c1: char, c2: char) -> bool {
        match (fold_char(c1), fold_char(c2)) {
            (Some('o'), Some('a' | 'e')) => true,
            (Some('u'), Some('y')) => !matches!(c0, 'q' | 'Q'),
            _ => false,
        }
    }

    /// True only when `canonical(text) == text`, decided without normalising:
    ///
    /// * every char is ASCII or a BMP char that is NFC alone and no combining mark
    ///   ([`nfc_starter`]): the text is NFC, and every letter's marks are its own;
    /// * `canonical_tones` changes a word only when its last letter has a tone mark (so is
    ///   not ASCII) and its last two letters are `o`+`a`/`e` or `u`+`y`; a non-ASCII char
    ///   that could end a word (what follows is not an ASCII letter) is checked for that
    ///   with `fold_char` (base letter, lowercase). A char that decomposes into several
    ///   letters has only non-ASCII ones after the first (checked by a test), so there
    ///   the pair cannot be ASCII vowels.
    pub(crate) fn canonical_as_is(text: &str) -> bool {
        if text.is_ascii() {
            return true;
        }
        let (mut c0, mut c1) = ('\0', '\0');
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if !c.is_ascii() {
                if !nfc_starter(c) {
                    return false;
                }
                let word_end = chars.peek().is_none_or(|n| !n.is_ascii_alphabetic());
                if word_end && tone_may_move(c0, c1, c) {
                    return false;
                }
            }
            (c0, c1) = (c1, c);
        }
        true
    }
}

/// A shared "newest query" counter: workers stop when their generation is no longer newest.
#[derive(Debug, Default)]
pub struct Generation(AtomicU64);

impl Generation {
    pub fn next(&self) -> u64 {
        self.0.fetch_add(1, Ordering::SeqCst) + 1
    }

    pub fn current(&self) -> u64 {
        self.0.load(Ordering::SeqCst)
    }

    pub fn set(&self, generation: u64) {
        self.0.store(generation, Ordering::SeqCst);
    }
}

#[cfg(test)]
mod tests {
    use super::accent;
    use super::*;
    use crate::text::{canonical, fold_str};
    use proptest::prelude::*;
    use unicode_normalization::char::{decompose_canonical, is_combining_mark};

    /// What `accent::canonical_as_is` relies on: a char it accepts decomposes into a letter
    /// first, and whatever letters follow in its decomposition are not ASCII.
    #[test]
    fn accepted_chars_decompose_letter_first() {
        for c in (0x80..0x10000u32).filter_map(char::from_u32) {
            if !accent::nfc_starter(c) {
                continue;
            }
            let mut d = Vec::new();
            decompose_canonical(c, |x| d.push(x));
            assert!(!is_combining_mark(d[0]), "U+{:04X}", c as u32);
            for x in &d[1..] {
                assert!(is_combining_mark(*x) || !x.is_ascii(), "U+{:04X}", c as u32);
            }
        }
    }

    /// What the accent bonus's folded pre-check relies on.
    #[test]
    fn every_char_lowercases_to_what_folds_like_it() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let lower: String = c.to_lowercase().collect();
            assert_eq!(
                fold_str(&lower),
                fold_str(c.encode_utf8(&mut [0; 4])),
                "U+{:04X}",
                c as u32
            );
        }
    }

    const TEXTS: &[&str] = &[
        "Thành phố Đà Nẵng, ĐÀ NẴNG và đà tăng trưởng",
        "Hội đồng nhân dân tỉnh Thanh Hóa; HĐND, UBND tỉnh",
        "Thanh Hoá và Hoà Bình, khoẻ, thuý, Uỷ ban, quý, quỹ",
        "HỘİ và İstanbul, ΣΊΣΥΦΟΣ, σίσυφος",
        "Nghi\u{0323} quyê\u{0301}t (decomposed)",
        "15.400 căn nhà; 7,5% GDP; 1.000 tỷ đồng",
        "ĐẠI HỘI ĐẢNG BỘ lần thứ XXI",
        "Kelvin \u{212A} and Ångström \u{212B}",
        "plain ascii text only",
    ];

    const FORMS: &[&str] = &[
        "đà",
        "nẵng",
        "Đà Nẵng",
        "hội",
        "HĐND",
        "hđ",
        "hoá",
        "hòa",
        "khỏe",
        "ủy",
        "quý",
        "hộ",
        "σίσυφος",
        "tỷ",
        "căn",
        "đại hội",
        "ĐẢNG",
        "ı",
        "i̇",
    ];

    fn slow_count(text: &str, q: &Query) -> usize {
        let original = canonical(text).to_lowercase();
        q.terms
            .iter()
            .filter(|t| !t.negate)
            .filter_map(|t| t.accented.as_deref())
            .filter(|a| original.contains(a))
            .count()
    }

    fn fast_count(text: &str, q: &Query, memo: &accent::Memo) -> usize {
        let accents = accent::prepare(q, memo, 1);
        let folded = fold_for_search(text).text;
        accent::count(0, || text, &folded, accent::canonical_as_is(text), &accents)
    }

    #[test]
    fn accent_bonus_agrees_with_lowercasing_the_canonical_text() {
        for text in TEXTS {
            if accent::canonical_as_is(text) {
                assert_eq!(canonical(text), *text);
            }
            for form in FORMS {
                let q = parse(form);
                // Fresh, then from what was remembered.
                let memo = accent::Memo::default();
                for _ in 0..2 {
                    assert_eq!(
                        fast_count(text, &q, &memo),
                        slow_count(text, &q),
                        "{text} / {form}"
                    );
                }
            }
        }
        assert!(accent::canonical_as_is("Thanh Hóa, Ủy ban, quý"));
        assert!(!accent::canonical_as_is("Thanh Hoá"));
        assert!(!accent::canonical_as_is("Uỷ ban"));
    }

    fn vietnamese_text() -> impl Strategy<Value = String> {
        let alphabet: Vec<char> = "aăâeêioôơuưyAĂÂEÊIOÔƠUƯYđĐqQnhgtc àáảãạÀÁẢÃẠằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵỲÝỶỸỴÒÓỎÕỌ.,-“\u{0300}\u{0301}\u{0323}İΣσςK\u{212A}"
            .chars()
            .collect();
        proptest::collection::vec(proptest::sample::select(alphabet), 0..24)
            .prop_map(|v| v.into_iter().collect())
    }

    proptest! {
        #[test]
        fn canonical_as_is_never_lies(text in vietnamese_text()) {
            if accent::canonical_as_is(&text) {
                prop_assert_eq!(canonical(&text), text);
            }
        }

        #[test]
        fn accent_bonus_never_differs(text in vietnamese_text(), form in vietnamese_text()) {
            let q = parse(&form);
            let memo = accent::Memo::default();
            prop_assert_eq!(fast_count(&text, &q, &memo), slow_count(&text, &q));
            prop_assert_eq!(fast_count(&text, &q, &memo), slow_count(&text, &q));
        }
    }

    /// Searches on an index with its private facts and on one filled by hand (no facts)
    /// give the same hits.
    #[test]
    fn facts_change_no_result() {
        let corpus = crate::embedded::corpus();
        let built = SearchIndex::build(&corpus);
        let by_hand = SearchIndex {
            refs: built.refs.clone(),
            folded: built.folded.clone(),
            bytes: built.bytes,
            ..SearchIndex::default()
        };
        for raw in [
            "nghi quyet",
            "nqdh",
            "HĐND",
            "ha long",
            "Hạ Long",
            "thanh hoa",
            "t",
            "h n",
            "quyt",
            "15400",
            "'dai hoi",
            "^sau",
            "hien$",
            "\"kinh te xa hoi\"",
            "dang !tinh",
            "Đà",
        ] {
            let a = search_all(&built, &corpus, raw, &Scope::All);
            let b = search_all(&by_hand, &corpus, raw, &Scope::All);
            assert_eq!(a, b, "{raw}");
        }
    }
}
