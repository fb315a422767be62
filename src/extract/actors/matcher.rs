//! One trie ([`super::trie`]) over every multi-word lexicon entry: the
//! gazetteer's names, aliases, capitals and demonyms, and each language's
//! titles and descriptors. It is walked over the folded text of a document
//! from each word start that may begin a key with a reading in the
//! document's language and in that word's case (a bit test made by the
//! scanner, [`Trie::with_variants`]).
//!
//! Patterns are folded keys; they match at a word start and must end at a
//! word end. Case is then checked on the original text: a capitalised
//! gazetteer name needs a capital in the text (`niger` is not `Niger`), an
//! acronym needs capitals (`AES`, not `aes`; `Cedeao` is accepted for
//! acronyms of four letters or more), an honorific needs its capital and
//! its period. Matches are
//! overlapping; each category then keeps its leftmost-longest matches, so
//! `Guinée-Bissau` beats `Guinée` and `Nigeria` beats `Niger`.

use crate::document::Span;

use super::gazetteer::{EntryIdx, Gazetteer};
use super::lexicon::{LangLexicon, TitleKind, WordMap};
use super::scan::{Located, Scan, fold_key};
use super::trie::Trie;

/// What a pattern stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pat {
    /// A name or alias of a gazetteer entry.
    Gz(EntryIdx),
    /// The capital city of a country entry (a possible metonym).
    Capital(EntryIdx),
    /// A demonym of a country entry.
    Demonym(EntryIdx),
    /// Entry `idx` of language `lang`'s title list.
    Title {
        /// Index of the language in the stage's list.
        lang: u8,
        /// Index in [`LangLexicon::titles`].
        idx: u32,
    },
    /// Entry `idx` of language `lang`'s descriptor list.
    Cue {
        /// Index of the language in the stage's list.
        lang: u8,
        /// Index in [`LangLexicon::cues`].
        idx: u32,
    },
}

/// What the text must look like for a match to count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CaseRule {
    /// Any case.
    Any,
    /// The first letter must be uppercase.
    Capital,
    /// All letters uppercase (or title case for four letters or more).
    Acronym,
    /// First letter uppercase; a period must follow when `period`.
    Honorific { period: bool },
}

fn case_rule_of_name(form: &str) -> CaseRule {
    let mut letters = form.chars().filter(|&c| crate::text::chars::is_alpha(c));
    match letters.next() {
        None => CaseRule::Any,
        Some(c) if c.is_lowercase() => CaseRule::Any,
        Some(first) if !first.is_uppercase() => CaseRule::Capital,
        Some(_) => {
            // An acronym when every other letter, and at least one, is
            // uppercase too: the first that is not settles it (most names
            // at their second letter).
            let mut n = 1;
            for c in letters {
                if !c.is_uppercase() {
                    return CaseRule::Capital;
                }
                n += 1;
            }
            if n >= 2 {
                CaseRule::Acronym
            } else {
                CaseRule::Capital
            }
        }
    }
}

/// Merges the rules of two forms with the same folded key: the looser wins,
/// so one permissive spelling is enough.
fn merge(a: CaseRule, b: CaseRule) -> CaseRule {
    use CaseRule::*;
    match (a, b) {
        (Any, _) | (_, Any) => Any,
        (Capital, _) | (_, Capital) => Capital,
        (Honorific { period: p }, Honorific { period: q }) => Honorific { period: p && q },
        (Honorific { .. }, x) | (x, Honorific { .. }) => x,
        (Acronym, Acronym) => Acronym,
    }
}

/// A match that passed the boundary and case checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Byte span in the text.
    pub span: Span,
    /// First token.
    pub t0: usize,
    /// One past the last token.
    pub t1: usize,
    /// What it stands for.
    pub pat: Pat,
    /// The lexicon form starts with a lowercase letter (a description such
    /// as `armée malienne`, or a lowercase-styled name).
    pub lower_form: bool,
}

/// The matches of one document, by category, each leftmost-longest.
#[derive(Debug, Clone, Default)]
pub struct Hits {
    /// Gazetteer names and capitals; hits with the same span are adjacent.
    pub gz: Vec<Hit>,
    /// Demonyms.
    pub demonyms: Vec<Hit>,
    /// Titles, modifiers and honorifics of the document's language.
    pub titles: Vec<Hit>,
    /// Descriptors of the document's language.
    pub cues: Vec<Hit>,
}

/// The compiled trie and its payloads.
#[derive(Debug, Clone)]
pub struct Matcher {
    trie: Trie,
    payloads: Payloads,
}

/// The readings of every key, one run per key id: one vector for all
/// rather than one per key (some ten thousand allocations at build).
#[derive(Debug, Clone)]
struct Payloads {
    /// The readings, by key id.
    readings: Vec<(Pat, CaseRule)>,
    /// Where the readings of key `i` start; one more entry for the end.
    at: Vec<u32>,
}

impl Payloads {
    /// The readings of key `id`.
    fn of(&self, id: usize) -> &[(Pat, CaseRule)] {
        &self.readings[self.at[id] as usize..self.at[id + 1] as usize]
    }
}

struct Builder {
    /// Key id of each folded form.
    keys: WordMap<usize>,
    /// (key id, reading), in the order added.
    added: Vec<(u32, Pat, CaseRule)>,
}

impl Builder {
    /// A builder for about `forms` forms.
    fn with_capacity(forms: usize) -> Builder {
        Builder {
            keys: WordMap::with_capacity_and_hasher(forms, Default::default()),
            added: Vec::with_capacity(forms),
        }
    }

    fn add(&mut self, form: &str, pat: Pat, rule: CaseRule) {
        let key = fold_key(form);
        if key.is_empty() {
            return;
        }
        let next = self.keys.len();
        let id = *self.keys.entry(key).or_insert(next);
        self.added.push((id as u32, pat, rule));
    }

    /// The keys by id and their readings: each pattern once per key, in
    /// the order first added, with the case rules of its forms merged.
    fn finish(self) -> (Vec<String>, Payloads) {
        let mut keys = vec![String::new(); self.keys.len()];
        for (k, id) in self.keys {
            keys[id] = k;
        }
        let added = self.added;
        // The readings by key id, each key's in the order added: a
        // counting sort (a comparison sort cost more than the rest).
        let mut next = vec![0u32; keys.len() + 1];
        for a in &added {
            next[a.0 as usize + 1] += 1;
        }
        for i in 1..next.len() {
            next[i] += next[i - 1];
        }
        let mut order = vec![0u32; added.len()];
        for (i, a) in added.iter().enumerate() {
            let slot = &mut next[a.0 as usize];
            order[*slot as usize] = i as u32;
            *slot += 1;
        }
        let mut readings: Vec<(Pat, CaseRule)> = Vec::with_capacity(added.len());
        let mut at = Vec::with_capacity(keys.len() + 1);
        for (id, pat, rule) in order.iter().map(|&i| added[i as usize]) {
            // Ids are given in order and each has a reading: a new id
            // opens the next run.
            if at.len() <= id as usize {
                at.push(readings.len() as u32);
            }
            let run = at[id as usize] as usize;
            match readings[run..].iter_mut().find(|(p, _)| *p == pat) {
                Some((_, r)) => *r = merge(*r, rule),
                None => readings.push((pat, rule)),
            }
        }
        at.push(readings.len() as u32);
        (keys, Payloads { readings, at })
    }
}

impl Matcher {
    /// Compiles the trie from the gazetteer and the language lexicons
    /// (in the stage's language order).
    pub fn build(gz: &Gazetteer, langs: &[LangLexicon]) -> Result<Self, String> {
        let forms = (gz.entries.iter())
            .map(|e| e.names().count() + e.capitals.len() + e.demonyms.len())
            .chain(langs.iter().map(|l| l.titles.len() + l.cues.len()))
            .sum();
        let mut b = Builder::with_capacity(forms);
        for (i, e) in gz.entries.iter().enumerate() {
            let i = i as EntryIdx;
            for name in e.names() {
                b.add(name, Pat::Gz(i), case_rule_of_name(name));
            }
            for c in &e.capitals {
                b.add(c, Pat::Capital(i), case_rule_of_name(c));
            }
            for d in &e.demonyms {
                b.add(d, Pat::Demonym(i), CaseRule::Any);
            }
        }
        for (l, lex) in langs.iter().enumerate() {
            for (j, t) in lex.titles.iter().enumerate() {
                let rule = match t.kind {
                    TitleKind::Honorific => CaseRule::Honorific {
                        period: t.form.ends_with('.'),
                    },
                    _ => CaseRule::Any,
                };
                let pat = Pat::Title {
                    lang: l as u8,
                    idx: j as u32,
                };
                b.add(&t.form, pat, rule);
            }
            for (j, c) in lex.cues.iter().enumerate() {
                let pat = Pat::Cue {
                    lang: l as u8,
                    idx: j as u32,
                };
                b.add(&c.form, pat, CaseRule::Any);
            }
        }
        // Variant `2 * l + lower` serves the keys with a reading that
        // `keep` accepts in language `l` when the match starts with an
        // ASCII lowercase letter (`lower`) or not.
        let (keys, payloads) = b.finish();
        let serves = |key: usize, v: usize| {
            let (lang, lower) = ((v / 2) as u8, v % 2 == 1);
            payloads
                .of(key)
                .iter()
                .any(|&(pat, rule)| of_lang(pat, lang) && (!lower || rule == CaseRule::Any))
        };
        let trie = Trie::with_variants(&keys, 2 * langs.len(), serves)?;
        Ok(Matcher { trie, payloads })
    }

    /// Heap memory of the trie, in bytes.
    pub fn memory_usage(&self) -> usize {
        self.trie.memory_usage()
    }

    /// Scans one document (language index `lang`) and finds every lexicon
    /// match in it. The scan tests each word against the trie's start
    /// tables of the language as it makes it, so walks start only from the
    /// few words that may begin a key with a reading of that language and
    /// of that case.
    pub fn find(&self, text: &str, lang: u8) -> (Scan, Hits) {
        let scan = Scan::for_lexicon(text, &self.trie, 2 * usize::from(lang));
        let mut hits = Hits::default();
        let mut ends = Vec::new();
        for &(t, fs) in &scan.starts {
            let at = (t as usize, fs as usize);
            self.walk(text, &scan, lang, at, &mut ends, &mut hits);
        }
        leftmost_longest(&mut hits.gz, true);
        leftmost_longest(&mut hits.demonyms, false);
        leftmost_longest(&mut hits.titles, false);
        leftmost_longest(&mut hits.cues, false);
        (scan, hits)
    }

    /// Walks the trie from folded byte `fs`, a word start in token `t`,
    /// and keeps what it finds (`ends` is a buffer).
    #[inline(never)]
    fn walk(
        &self,
        text: &str,
        scan: &Scan,
        lang: u8,
        (t, fs): (usize, usize),
        ends: &mut Vec<(u32, u32)>,
        hits: &mut Hits,
    ) {
        self.trie.walk_into(scan.folded.as_bytes(), fs, ends);
        for (end, id) in ends.drain(..) {
            self.keep(text, scan, lang, (t, fs, end as usize), id, hits);
        }
    }

    /// Records the match of key `id` over the folded range `fs..fe`
    /// starting in token `t` under each of its readings that belongs to
    /// language `lang` and passes its case check.
    fn keep(
        &self,
        text: &str,
        scan: &Scan,
        lang: u8,
        (t, fs, fe): (usize, usize, usize),
        id: u32,
        hits: &mut Hits,
    ) {
        let payloads = self.payloads.of(id as usize);
        // A match starting with an ASCII lowercase letter (`un`, `est`,
        // common words that are also names or acronyms) passes only the
        // rules that accept any case; other rules want the first letter
        // uppercase.
        let tok = scan.tokens[t];
        let lower =
            fs == tok.fstart as usize && text.as_bytes()[tok.start as usize].is_ascii_lowercase();
        // Most title and descriptor keys are of the other language, and
        // most names met in lowercase are common words: such matches are
        // dropped before they are located.
        if !payloads
            .iter()
            .any(|&(pat, rule)| of_lang(pat, lang) && (!lower || rule == CaseRule::Any))
        {
            return;
        }
        let Located { start, end, t0, t1 } = scan.locate_in(text, t, fs, fe);
        for &(pat, rule) in payloads {
            if !of_lang(pat, lang) || !case_ok(rule, &text[start..end], scan, t1) {
                continue;
            }
            let hit = Hit {
                span: Span::new(start, end),
                t0,
                t1,
                pat,
                lower_form: rule == CaseRule::Any,
            };
            match pat {
                Pat::Gz(_) | Pat::Capital(_) => hits.gz.push(hit),
                Pat::Demonym(_) => hits.demonyms.push(hit),
                Pat::Title { .. } => hits.titles.push(hit),
                Pat::Cue { .. } => hits.cues.push(hit),
            }
        }
    }
}

/// True when `pat` counts in documents of language index `lang` (titles
/// and descriptors belong to one language, gazetteer names to all).
fn of_lang(pat: Pat, lang: u8) -> bool {
    match pat {
        Pat::Title { lang: l, .. } | Pat::Cue { lang: l, .. } => l == lang,
        _ => true,
    }
}

fn case_ok(rule: CaseRule, surface: &str, scan: &Scan, next_tok: usize) -> bool {
    let mut letters = surface.chars().filter(|c| c.is_alphabetic());
    let Some(first) = letters.next() else {
        return true;
    };
    match rule {
        CaseRule::Any => true,
        CaseRule::Capital => first.is_uppercase(),
        CaseRule::Acronym => {
            let (mut n, mut upper, mut lower) = (0, 0, 0);
            for c in letters {
                n += 1;
                upper += usize::from(c.is_uppercase());
                lower += usize::from(c.is_lowercase());
            }
            first.is_uppercase() && (upper == n || (n >= 3 && lower == n))
        }
        CaseRule::Honorific { period } => {
            first.is_uppercase()
                && (!period || scan.tokens.get(next_tok).is_some_and(|t| t.punct == '.'))
        }
    }
}

/// Keeps the leftmost-longest non-overlapping hits; with `keep_ties`, hits
/// with exactly the winner's span are kept too (a capital that is also a
/// place entry).
fn leftmost_longest(hits: &mut Vec<Hit>, keep_ties: bool) {
    if hits.is_sorted_by_key(|h| h.span.start) {
        // Walks run in text order, so hits come sorted by start: only each
        // start's run needs ordering by end, longest first (a stable sort
        // of each run orders the whole as a stable sort of it would).
        let mut i = 0;
        while let Some(first) = hits.get(i) {
            let start = first.span.start;
            let n = hits[i..].partition_point(|h| h.span.start == start);
            if n > 1 {
                hits[i..i + n].sort_by_key(|h| std::cmp::Reverse(h.span.end));
            }
            i += n;
        }
    } else {
        hits.sort_by_key(|h| (h.span.start, std::cmp::Reverse(h.span.end)));
    }
    // Kept hits are moved down in place: `kept <= k` always.
    let mut kept = 0;
    let mut last_end = 0usize;
    for k in 0..hits.len() {
        let h = hits[k];
        if keep_ties && kept > 0 && hits[kept - 1].span == h.span {
            if !hits[..kept]
                .iter()
                .rev()
                .take_while(|p| p.span == h.span)
                .any(|p| p.pat == h.pat)
            {
                hits[kept] = h;
                kept += 1;
            }
            continue;
        }
        if h.span.start >= last_end {
            last_end = h.span.end;
            hits[kept] = h;
            kept += 1;
        }
    }
    hits.truncate(kept);
}

#[cfg(test)]
mod tests {
    use super::super::testdata;
    use super::*;

    #[test]
    fn case_rules_of_names() {
        use CaseRule::*;
        let cases = [
            ("name", "Mali", Capital),
            ("name with accent", "Élysée", Capital),
            ("acronym", "ONU", Acronym),
            ("acronym with periods", "U.S.", Acronym),
            ("acronym then word", "UN Women", Capital),
            ("mixed acronym", "MINUSMA", Acronym),
            ("one capital", "X", Capital),
            ("lowercase form", "armée malienne", Any),
            ("lowercase styled", "eBay", Any),
            ("no letter", "2024", Any),
            ("capital after digits", "5G Alliance", Capital),
        ];
        for (name, form, want) in cases {
            assert_eq!(case_rule_of_name(form), want, "case {name}: {form}");
        }
    }

    fn gz_names(text: &str, lang: &str) -> Vec<(String, String)> {
        let (gz, _, matcher) = testdata::matcher();
        let l = testdata::lang_index(lang);
        let (_, hits) = matcher.find(text, l);
        hits.gz
            .iter()
            .map(|h| {
                let id = match h.pat {
                    Pat::Gz(e) => gz.get(e).id.clone(),
                    Pat::Capital(e) => format!("capital-of:{}", gz.get(e).id),
                    _ => unreachable!(),
                };
                (text[h.span.start..h.span.end].to_string(), id)
            })
            .collect()
    }

    /// A case: name, language, text, expected (surface, actor id) matches.
    type Case<'a> = (&'a str, &'a str, &'a str, &'a [(&'a str, &'a str)]);

    #[test]
    fn longest_names_win_and_case_is_checked() {
        let cases: &[Case] = &[
            (
                "niger vs nigeria",
                "fr",
                "Le Nigeria et le Niger.",
                &[("Nigeria", "country:NGA"), ("Niger", "country:NER")],
            ),
            (
                "guinea family",
                "fr",
                "La Guinée, la Guinée-Bissau et la Guinée équatoriale.",
                &[
                    ("Guinée", "country:GIN"),
                    ("Guinée-Bissau", "country:GNB"),
                    ("Guinée équatoriale", "country:GNQ"),
                ],
            ),
            (
                "gulf beats guinea",
                "fr",
                "dans le golfe de Guinée",
                &[("golfe de Guinée", "place:golfe-guinee")],
            ),
            (
                "region beats continent",
                "fr",
                "en Afrique de l’Ouest et en Afrique",
                &[
                    ("Afrique de l’Ouest", "place:afrique-ouest"),
                    ("Afrique", "place:afrique"),
                ],
            ),
            (
                "elision",
                "fr",
                "l'AES et d'Africa Corps",
                &[("AES", "org:aes"), ("Africa Corps", "org:africa-corps")],
            ),
            ("acronym case", "fr", "les aes du pays, l'Aes", &[]),
            (
                "long acronym title case",
                "fr",
                "la Cedeao",
                &[("Cedeao", "org:cedeao")],
            ),
            (
                "lowercase common word",
                "en",
                "the niger delta and un plan",
                &[],
            ),
            (
                "english acronyms",
                "en",
                "the UN and the U.S. said",
                &[("UN", "org:onu"), ("U.S", "country:USA")],
            ),
            (
                "two-word country",
                "en",
                "Burkina Faso and Mali",
                &[("Burkina Faso", "country:BFA"), ("Mali", "country:MLI")],
            ),
            ("inside a word", "fr", "les Maliens, Somalie", &[]),
            (
                "capital has two readings",
                "fr",
                "à Moscou",
                &[
                    ("Moscou", "place:moscou"),
                    ("Moscou", "capital-of:country:RUS"),
                ],
            ),
        ];
        for (name, lang, text, want) in cases {
            let mut got = gz_names(text, lang);
            let mut want: Vec<(String, String)> = want
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect();
            got.sort();
            want.sort();
            assert_eq!(got, want, "case {name}: {text}");
        }
    }

    #[test]
    fn start_tables_lose_no_match() {
        // Walks start only from the words the scan's start tables let
        // through (by language and case, and for keys of several words
        // by the next word): they must find what walks from every word
        // start find.
        let (_, _, matcher) = testdata::matcher();
        let cases = [
            (
                "fr names, titles and descriptions",
                "fr",
                "Le vice-Premier ministre de Guinée-Bissau et M. Lavrov, au Mali, dans le \
                 golfe de Guinée et en Afrique de l’Ouest ; l'AES, la Cedeao, l’armée \
                 malienne, les aes et le Niger. Moscou a parlé. Le Nigeria",
            ),
            (
                "en names, titles and common words",
                "en",
                "Russian Foreign Minister Sergei Lavrov and Mr. Diop met the UN and the \
                 U.S. in Burkina Faso; the niger delta, un plan, the Minister. MALI",
            ),
            (
                "other language's titles",
                "en",
                "le ministre de la Défense et le président du Niger",
            ),
            (
                "accents and scripts",
                "fr",
                "À Niamey, Лавров et ÉTATS-UNIS; x-Mali-y",
            ),
            ("empty", "fr", ""),
        ];
        for (name, lang, text) in cases {
            let l = testdata::lang_index(lang);
            let (scan, hits) = matcher.find(text, l);
            let mut all = Hits::default();
            let mut ends = Vec::new();
            scan.for_each_word(|t, fs, _| {
                matcher.walk(text, &scan, l, (t, fs), &mut ends, &mut all);
            });
            leftmost_longest(&mut all.gz, true);
            leftmost_longest(&mut all.demonyms, false);
            leftmost_longest(&mut all.titles, false);
            leftmost_longest(&mut all.cues, false);
            assert!(
                !all.gz.is_empty() || text.len() < 60,
                "case {name}: no match at all"
            );
            assert_eq!(hits.gz, all.gz, "case {name}: names");
            assert_eq!(hits.demonyms, all.demonyms, "case {name}: demonyms");
            assert_eq!(hits.titles, all.titles, "case {name}: titles");
            assert_eq!(hits.cues, all.cues, "case {name}: descriptors");
            assert!(scan.starts.len() <= scan.tokens.len(), "case {name}");
        }
    }

    #[test]
    fn leftmost_longest_agrees_with_a_plain_sort() {
        // The straightforward version: sort everything, then pick.
        fn reference(mut hits: Vec<Hit>, keep_ties: bool) -> Vec<Hit> {
            hits.sort_by_key(|h| (h.span.start, std::cmp::Reverse(h.span.end)));
            let mut out: Vec<Hit> = Vec::new();
            let mut last_end = 0;
            for h in hits {
                if keep_ties && out.last().is_some_and(|p| p.span == h.span) {
                    let mut same = out.iter().rev().take_while(|p| p.span == h.span);
                    if !same.any(|p| p.pat == h.pat) {
                        out.push(h);
                    }
                } else if h.span.start >= last_end {
                    last_end = h.span.end;
                    out.push(h);
                }
            }
            out
        }
        let hit = |start, end, e| Hit {
            span: Span::new(start, end),
            t0: 0,
            t1: 0,
            pat: Pat::Gz(e),
            lower_form: false,
        };
        // (name, hits as found): in text order with ends growing (as walks
        // find them), and out of order.
        let cases: Vec<(&str, Vec<Hit>)> = vec![
            ("empty", vec![]),
            (
                "walk order, ties and overlaps",
                vec![
                    hit(0, 4, 1),
                    hit(0, 9, 2),
                    hit(0, 9, 3),
                    hit(0, 9, 2),
                    hit(5, 7, 4),
                    hit(10, 12, 5),
                    hit(10, 12, 6),
                    hit(11, 20, 7),
                    hit(21, 22, 8),
                ],
            ),
            (
                "out of order",
                vec![
                    hit(10, 12, 5),
                    hit(0, 4, 1),
                    hit(0, 9, 2),
                    hit(10, 12, 6),
                    hit(0, 9, 3),
                    hit(5, 7, 4),
                ],
            ),
        ];
        for (name, hits) in cases {
            for keep_ties in [false, true] {
                let mut got = hits.clone();
                leftmost_longest(&mut got, keep_ties);
                let want = reference(hits.clone(), keep_ties);
                assert_eq!(got, want, "case {name}, ties {keep_ties}");
            }
        }
    }

    #[test]
    fn titles_and_honorifics() {
        let (_, langs, matcher) = testdata::matcher();
        let cases = [
            (
                "fr compound",
                "fr",
                "le vice-Premier ministre russe",
                vec!["vice-Premier ministre"],
            ),
            ("fr honorific", "fr", "selon M. Gromyko", vec!["M"]),
            ("fr honorific needs period", "fr", "la lettre M est", vec![]),
            (
                "en title",
                "en",
                "Russian Foreign Minister Sergei Lavrov",
                vec!["Foreign Minister"],
            ),
            ("en not fr titles", "en", "le ministre", vec![]),
            ("en honorific", "en", "Mr. Diop and mr Smith", vec!["Mr"]),
        ];
        for (name, lang, text, want) in cases {
            let l = testdata::lang_index(lang);
            let (_, hits) = matcher.find(text, l);
            let got: Vec<&str> = hits
                .titles
                .iter()
                .filter(|h| match h.pat {
                    Pat::Title { lang, idx } => {
                        langs[lang as usize].titles[idx as usize].kind != TitleKind::Modifier
                    }
                    _ => false,
                })
                .map(|h| &text[h.span.start..h.span.end])
                .collect();
            assert_eq!(got, want, "case {name}: {text}");
        }
    }
}
