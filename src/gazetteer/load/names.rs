//! Type prefixes, names and keys: what the index is built from.

use super::super::index::FxMap;
use super::super::index::{
    Entry, F_BARE_FIRST, F_LOWER_START, F_NAME_FIRST, F_PREFIX_FIRST, LookupName, MAX_SYLLABLES,
    PERSON_GIVEN, PERSON_MIDDLE, PERSON_NAMES, Prefix, canon_lower, pack,
};
use super::super::model::{Kind, PrefixType};
use super::super::{Gazetteer, GazetteerError, UnitId, scan};
use crate::text;

/// Where a name comes from, which decides how a leading type word is treated.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(in crate::gazetteer) enum NameSource {
    /// `short` or `variants`: a leading type word is part of the short (`Quận 1`).
    Own,
    /// `former_names`: the type word gives the earlier kind (`Huyện Kim Bảng`).
    Former,
    /// `aliases_handwritten`: a leading prefix is stripped when it suits the unit
    /// (`TP.HCM` → `HCM` after a prefix).
    Alias,
}

/// Drop a trailing `(…)` qualifier: `Kỳ Anh (Huyện)`, `Yên Viên (Thị trấn)`.
pub(in crate::gazetteer) fn strip_qualifier(name: &str) -> &str {
    let t = name.trim();
    if t.ends_with(')')
        && let Some(open) = t.rfind('(')
        && open > 0
    {
        return t[..open].trim_end();
    }
    t
}

impl Gazetteer {
    pub(super) fn add_prefix(
        &mut self,
        text: &str,
        ptype: PrefixType,
    ) -> Result<(), GazetteerError> {
        let toks = scan::tokenize(text);
        let bad = |reason| GazetteerError::BadName {
            unit: "type prefix".to_string(),
            name: text.to_string(),
            reason,
        };
        if toks.is_empty() || toks.len() > MAX_SYLLABLES {
            return Err(bad("no words or too many"));
        }
        let tail = &text[toks[toks.len() - 1].end..];
        let dot = match tail.trim() {
            "" => false,
            "." => true,
            _ => return Err(bad("only a dot may follow the words")),
        };
        let mut words = Vec::with_capacity(toks.len());
        let mut buf = String::new();
        for (k, t) in toks.iter().enumerate() {
            if k > 0
                && !text[toks[k - 1].end..t.start]
                    .chars()
                    .all(char::is_whitespace)
            {
                return Err(bad("words must be separated by spaces"));
            }
            canon_lower(&text[t.start..t.end], &mut buf);
            words.push(self.index.intern(&buf));
        }
        self.index.flags[words[0] as usize] |= F_PREFIX_FIRST | F_LOWER_START;
        // "TP." and "Tp." are the same prefix once lowercased.
        if !self
            .index
            .prefixes
            .iter()
            .any(|p| p.words == words && p.dot == dot)
        {
            self.index.prefixes.push(Prefix { words, dot, ptype });
        }
        Ok(())
    }

    /// The id of a syllable as the data writes it; `seen` remembers those already folded
    /// (names repeat their syllables a lot: 2,000 words make 40,000 syllables).
    fn syllable_id<'n>(&mut self, word: &'n str, seen: &mut FxMap<&'n str, u32>) -> u32 {
        if let Some(&id) = seen.get(word) {
            return id;
        }
        let mut buf = String::new();
        canon_lower(word, &mut buf);
        let id = self.index.intern(&buf);
        seen.insert(word, id);
        id
    }

    pub(super) fn add_name<'n>(
        &mut self,
        unit: UnitId,
        name: &'n str,
        source: NameSource,
        seen: &mut FxMap<&'n str, u32>,
    ) -> Result<(), GazetteerError> {
        let name = strip_qualifier(name);
        let toks = scan::tokenize(name);
        let bad = |g: &Gazetteer, reason| GazetteerError::BadName {
            unit: g.units[unit].id.clone(),
            name: name.to_string(),
            reason,
        };
        let mut kind = self.kinds[unit];
        let mut start = 0;
        // Communes only count after their type word: most of their names are also names of
        // other places, people and things.
        let mut needs_prefix = matches!(kind, Kind::Commune(_));
        let may_have_prefix = toks.first().is_some_and(|t| {
            let id = self.syllable_id(&name[t.start..t.end], seen);
            self.index.flags_of(id) & F_PREFIX_FIRST != 0
        });
        if may_have_prefix && let Some((n, ptype)) = self.prefix_in(name, &toks, false) {
            match source {
                NameSource::Own => start = n,
                NameSource::Former => {
                    start = n;
                    kind = ptype.as_kind();
                }
                NameSource::Alias if ptype.allows(kind) => {
                    start = n;
                    // `HCM` alone is not the city (`Đoàn TNCS HCM`); it needs the `TP`.
                    needs_prefix = true;
                }
                NameSource::Alias => {}
            }
        }
        let toks = &toks[start..];
        if toks.is_empty() {
            return Err(bad(self, "no words"));
        }
        if toks.len() > MAX_SYLLABLES {
            return Err(bad(self, "more than 8 syllables"));
        }
        if toks
            .windows(2)
            .any(|w| !scan::joinable(&name[w[0].end..w[1].start]))
        {
            return Err(bad(self, "words must be separated by spaces or a hyphen"));
        }
        let mut ids = [0u32; MAX_SYLLABLES];
        let mut mask = 0u8;
        let canon_from = self.lookup_text.len();
        let mut numeric = true;
        for (k, t) in toks.iter().enumerate() {
            let w = &name[t.start..t.end];
            if t.cap {
                mask |= 1 << k;
            }
            numeric &= w.chars().all(char::is_numeric);
            ids[k] = self.syllable_id(w, seen);
            if k > 0 {
                self.lookup_text.push(' ');
            }
            self.lookup_text
                .push_str(&self.index.words[ids[k] as usize]);
        }
        let canon_to = self.lookup_text.len();
        let ids = &ids[..toks.len()];
        if numeric {
            // `1` of `Quận 1` is only a district after `quận`/`Q.`.
            needs_prefix = true;
        }
        if PERSON_NAMES.contains(&&self.lookup_text[canon_from..canon_to]) {
            needs_prefix = true;
        }
        let person_like = matches!(kind, Kind::District(_))
            && ids.len() == 2
            && PERSON_MIDDLE.contains(&self.word_of(ids[0]))
            && PERSON_GIVEN.contains(&self.word_of(ids[1]));
        if self.index.flags.len() >= u16::MAX as usize {
            // Ids are packed 16 bits each, with 0 meaning "no syllable".
            return Err(bad(self, "vocabulary too large"));
        }
        let mut flags = F_NAME_FIRST;
        if !needs_prefix {
            flags |= F_BARE_FIRST;
        }
        if mask & 1 == 0 {
            flags |= F_LOWER_START;
        }
        self.index.flags[ids[0] as usize] |= flags;
        self.index.max_len = self.index.max_len.max(ids.len());
        let entry = Entry {
            unit,
            mask,
            kind,
            needs_prefix,
            person_like,
        };
        self.index.pending.push((pack(ids), entry));
        let folded_from = self.lookup_text.len();
        for k in canon_from..canon_to {
            let c = self.lookup_text.as_bytes()[k];
            if c.is_ascii() {
                if c.is_ascii_alphanumeric() {
                    self.lookup_text.push(char::from(c));
                }
            } else if self.lookup_text.is_char_boundary(k)
                && let Some(f) = self.lookup_text[k..]
                    .chars()
                    .next()
                    .and_then(text::fold_char)
                    .filter(char::is_ascii_alphanumeric)
            {
                self.lookup_text.push(f);
            }
        }
        let span = |a: usize, b: usize| {
            (
                u32::try_from(a).unwrap_or(u32::MAX),
                u32::try_from(b).unwrap_or(u32::MAX),
            )
        };
        self.lookup_names.push(LookupName {
            canon: span(canon_from, canon_to),
            folded: span(folded_from, self.lookup_text.len()),
            entry,
        });
        Ok(())
    }

    pub(super) fn add_keys(&mut self, unit: UnitId, keys: &[super::Text<'_>]) {
        for k in keys {
            let from = u32::try_from(self.keys.len()).unwrap_or(u32::MAX);
            self.keys.push_str(k);
            let to = u32::try_from(self.keys.len()).unwrap_or(u32::MAX);
            self.key_spans.push((from, to, unit));
        }
    }
}
