//! A read-only view of one document for the recognition rules: its tokens,
//! lexicon matches indexed by token, sentence of each token, and the word
//! tests the rules share (is this token part of a name? a grammar word?).

use std::cell::Cell;

use crate::document::{ActorKind, Document};

use super::gazetteer::{EntryIdx, Gazetteer};
use super::lexicon::{FalseCap, Grammar, LangLexicon, TitleKind};
use super::matcher::{Hit, Hits, Pat};
use super::names::Names;
use super::scan::{Scan, Token};

/// Everything the rules read about one document.
pub struct Ctx<'a> {
    /// The document text.
    pub text: &'a str,
    /// Tokens and folded text.
    pub scan: &'a Scan,
    /// Lexicon matches.
    pub hits: &'a Hits,
    /// The document language's word lists.
    pub lex: &'a LangLexicon,
    /// First names, particles, transliteration.
    pub names: &'a Names,
    /// The gazetteer.
    pub gz: &'a Gazetteer,
    /// Sentence index of each token.
    sent: Vec<u32>,
    /// [`GZ_START`], [`GZ_COVER`], ... bits of each token (and of the
    /// position after the last): which hits start at, cover or end
    /// before it. A set bit sends the lookup to a binary search of the
    /// (sorted) hits; one byte per token is cheaper to clear than an index
    /// per token and kind.
    marks: Vec<u8>,
    /// The grammar roles and false-capital class of each token, looked up
    /// the first time a rule asks (rules ask about the same tokens many
    /// times): [`GRAMMAR_KNOWN`], [`FALSE_CAP_KNOWN`] and their bits.
    words: Vec<Cell<u16>>,
}

/// The grammar roles of the token have been looked up (low 7 bits).
const GRAMMAR_KNOWN: u16 = 1 << 7;
/// The false-capital class of the token has been looked up (bits 8, 9).
const FALSE_CAP_KNOWN: u16 = 1 << 10;
const FALSE_CAP_MASK: u16 = 3 << 8;
const FALSE_CAP_FUNCTION: u16 = 1 << 8;
const FALSE_CAP_CALENDAR: u16 = 2 << 8;
const FALSE_CAP_COMMON: u16 = 3 << 8;

/// The roles of `g` as the low 7 bits.
fn bits_of_grammar(g: Grammar) -> u16 {
    [
        g.of,
        g.det,
        g.and,
        g.elision,
        g.possessive,
        g.locative,
        g.locnoun,
    ]
    .iter()
    .enumerate()
    .map(|(i, &b)| u16::from(b) << i)
    .sum()
}

/// The inverse of [`bits_of_grammar`].
fn grammar_of_bits(b: u16) -> Grammar {
    let bit = |i: u16| b & 1 << i != 0;
    Grammar {
        of: bit(0),
        det: bit(1),
        and: bit(2),
        elision: bit(3),
        possessive: bit(4),
        locative: bit(5),
        locnoun: bit(6),
    }
}

/// A gazetteer hit starts at the token.
const GZ_START: u8 = 1;
/// A gazetteer hit covers the token.
const GZ_COVER: u8 = 2;
/// A demonym starts at the token.
const DEM_START: u8 = 4;
/// A title starts at the token.
const TITLE_START: u8 = 8;
/// A title covers the token.
const TITLE_COVER: u8 = 16;
/// A title ends just before the token.
const TITLE_END: u8 = 32;

/// Sets `start` on the first token of each hit and `cover` on all of them.
fn mark(marks: &mut [u8], hits: &[Hit], start: u8, cover: u8) {
    for h in hits {
        marks[h.t0] |= start;
        for m in &mut marks[h.t0..h.t1] {
            *m |= cover;
        }
    }
}

/// The first of `hits` (sorted by start, non-overlapping but for hits with
/// the same span) that starts at token `t`.
fn first_at(hits: &[Hit], t: usize) -> Option<usize> {
    let i = hits.partition_point(|h| h.t0 < t);
    hits.get(i).is_some_and(|h| h.t0 == t).then_some(i)
}

/// The first of `hits` that covers token `t`: among those starting at or
/// before it, ends are in order too, so the covering ones come last.
fn first_covering(hits: &[Hit], t: usize) -> Option<usize> {
    let before = &hits[..hits.partition_point(|h| h.t0 <= t)];
    let i = before.partition_point(|h| h.t1 <= t);
    (i < before.len()).then_some(i)
}

impl<'a> Ctx<'a> {
    /// Builds the view.
    pub fn new(
        doc: &'a Document,
        scan: &'a Scan,
        hits: &'a Hits,
        lex: &'a LangLexicon,
        names: &'a Names,
        gz: &'a Gazetteer,
    ) -> Self {
        let n = scan.tokens.len();
        // Tokens and sentences are both in text order: each sentence's
        // tokens are a run, filled at once up to the next sentence's start.
        let mut sent = Vec::with_capacity(n);
        for (s, next) in doc.sentences.iter().enumerate().skip(1) {
            let done = sent.len();
            let end =
                done + scan.tokens[done..].partition_point(|t| (t.start as usize) < next.start);
            sent.resize(end, (s - 1) as u32);
        }
        sent.resize(n, doc.sentences.len().saturating_sub(1) as u32);
        let mut marks = vec![0u8; n + 1];
        mark(&mut marks, &hits.gz, GZ_START, GZ_COVER);
        mark(&mut marks, &hits.demonyms, DEM_START, 0);
        mark(&mut marks, &hits.titles, TITLE_START, TITLE_COVER);
        for h in &hits.titles {
            marks[h.t1] |= TITLE_END;
        }
        Ctx {
            text: &doc.text,
            scan,
            hits,
            lex,
            names,
            gz,
            sent,
            marks,
            words: vec![Cell::new(0); n],
        }
    }

    /// True when token `t` has mark `bit`.
    fn has(&self, t: usize, bit: u8) -> bool {
        self.marks.get(t).is_some_and(|m| m & bit != 0)
    }

    /// `find(hits, t)` when token `t` has mark `bit`.
    fn first(
        &self,
        t: usize,
        bit: u8,
        hits: &[Hit],
        find: impl Fn(&[Hit], usize) -> Option<usize>,
    ) -> Option<usize> {
        if self.has(t, bit) {
            find(hits, t)
        } else {
            None
        }
    }

    /// Capitalised or hyphenated word tokens, in text order (see
    /// [`Ctx::is_name_word`]: no other token is a name word).
    pub fn name_like(&self) -> impl Iterator<Item = usize> + '_ {
        // The only tokens that can be a name word, a head or an acronym,
        // so that rules looking for those skip the rest of the text.
        self.scan.named.iter().map(|&t| t as usize)
    }

    /// Capitalised word tokens, in text order.
    pub fn capitalised(&self) -> impl Iterator<Item = usize> + '_ {
        self.name_like().filter(|&t| self.scan.tokens[t].is_cap())
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.scan.tokens.len()
    }

    /// True when the document has no token.
    pub fn is_empty(&self) -> bool {
        self.scan.tokens.is_empty()
    }

    /// Token `t`; past the end, an empty token that is neither a word nor
    /// punctuation, so rules may look ahead without bounds checks.
    pub fn tok(&self, t: usize) -> Token {
        self.scan.tokens.get(t).copied().unwrap_or(Token {
            start: self.text.len() as u32,
            end: self.text.len() as u32,
            fstart: 0,
            fend: 0,
            flags: 0,
            punct: '\0',
        })
    }

    /// Folded form of token `t` (empty past the end).
    pub fn fold(&self, t: usize) -> &str {
        if t < self.len() {
            self.scan.fold_of(t)
        } else {
            ""
        }
    }

    /// True when tokens `a` and `b` are in the same sentence.
    pub fn same_sentence(&self, a: usize, b: usize) -> bool {
        a < self.len() && b < self.len() && self.sent[a] == self.sent[b]
    }

    /// Grammar roles of token `t` (none for punctuation).
    pub fn grammar(&self, t: usize) -> Grammar {
        if !self.tok(t).is_word() {
            return Grammar::default();
        }
        let cell = &self.words[t];
        let known = cell.get();
        if known & GRAMMAR_KNOWN != 0 {
            return grammar_of_bits(known);
        }
        let g = self.lex.grammar(self.fold(t));
        cell.set(known | GRAMMAR_KNOWN | bits_of_grammar(g));
        g
    }

    /// The false-capital class of token `t`.
    pub fn false_cap(&self, t: usize) -> Option<FalseCap> {
        let Some(cell) = self.words.get(t) else {
            return self.lex.false_cap("");
        };
        let known = cell.get();
        if known & FALSE_CAP_KNOWN != 0 {
            return match known & FALSE_CAP_MASK {
                0 => None,
                FALSE_CAP_FUNCTION => Some(FalseCap::Function),
                FALSE_CAP_CALENDAR => Some(FalseCap::Calendar),
                _ => Some(FalseCap::Common),
            };
        }
        let class = self.lex.false_cap(self.fold(t));
        let bits = match class {
            None => 0,
            Some(FalseCap::Function) => FALSE_CAP_FUNCTION,
            Some(FalseCap::Calendar) => FALSE_CAP_CALENDAR,
            Some(FalseCap::Common) => FALSE_CAP_COMMON,
        };
        cell.set(known | FALSE_CAP_KNOWN | bits);
        class
    }

    /// True when token `t` is the punctuation character `c`.
    pub fn is_punct(&self, t: usize, c: &[char]) -> bool {
        t < self.len() && c.contains(&self.tok(t).punct)
    }

    /// True for an apostrophe token.
    pub fn is_apostrophe(&self, t: usize) -> bool {
        self.is_punct(t, &['\'', '’', 'ʼ'])
    }

    /// The gazetteer hits starting at token `t` (same span), if any.
    pub fn gz_at(&self, t: usize) -> &'a [Hit] {
        match self.first(t, GZ_START, &self.hits.gz, first_at) {
            Some(i) => {
                let all = &self.hits.gz[i..];
                let span = all[0].span;
                let n = all.iter().take_while(|h| h.span == span).count();
                &all[..n]
            }
            _ => &[],
        }
    }

    /// True when token `t` lies inside a gazetteer hit.
    pub fn in_gz(&self, t: usize) -> bool {
        self.has(t, GZ_COVER)
    }

    /// The country a gazetteer hit names, if it is a country or a capital.
    pub fn country_of_hits(&self, hits: &[Hit]) -> Option<EntryIdx> {
        hits.iter().find_map(|h| match h.pat {
            Pat::Gz(e) if self.gz.get(e).kind == ActorKind::Country => Some(e),
            Pat::Capital(e) => Some(e),
            _ => None,
        })
    }

    /// The demonym hit starting at token `t`.
    pub fn demonym_at(&self, t: usize) -> Option<&'a Hit> {
        let hits = &self.hits.demonyms;
        self.first(t, DEM_START, hits, first_at).map(|i| &hits[i])
    }

    /// The title hit starting at token `t`.
    pub fn title_at(&self, t: usize) -> Option<&'a Hit> {
        let hits = &self.hits.titles;
        self.first(t, TITLE_START, hits, first_at).map(|i| &hits[i])
    }

    /// The title hit ending just before token `t`.
    pub fn title_ending_at(&self, t: usize) -> Option<&'a Hit> {
        let hits = &self.hits.titles;
        // The last title ending there.
        let last = |hits: &[Hit], t: usize| hits.partition_point(|h| h.t1 <= t).checked_sub(1);
        self.first(t, TITLE_END, hits, last).map(|i| &hits[i])
    }

    /// The kind of a title hit.
    pub fn title_kind(&self, h: &Hit) -> TitleKind {
        match h.pat {
            Pat::Title { idx, .. } => self.lex.titles[idx as usize].kind,
            _ => TitleKind::Modifier,
        }
    }

    /// True when token `t` is inside a title, modifier or honorific.
    pub fn in_title(&self, t: usize) -> bool {
        self.has(t, TITLE_COVER)
    }

    /// True when token `t` is a plain word (lowercase or not) that is not a
    /// grammar word, a calendar word or punctuation.
    pub fn is_content_word(&self, t: usize) -> bool {
        let tok = self.tok(t);
        tok.is_word()
            && !matches!(
                self.false_cap(t),
                Some(FalseCap::Function | FalseCap::Calendar)
            )
    }

    /// True when token `t` may be part of a person's name: a capitalised
    /// word (or a particle-prefixed one, `al-Baghdadi`) that is not a false
    /// capital, a title, an organisation head, or inside a gazetteer name of
    /// something other than a person.
    pub fn is_name_word(&self, t: usize) -> bool {
        if t >= self.len() {
            return false;
        }
        let tok = self.scan.tokens[t];
        // Most tokens are lowercase words or punctuation: settle them
        // before any lookup.
        if !tok.is_word()
            || tok.flags & super::scan::ALPHA == 0
            || !tok.is_cap() && tok.flags & super::scan::HYPHEN == 0
        {
            return false;
        }
        let f = self.fold(t);
        let capital = tok.is_cap()
            || f.split_once(' ')
                .is_some_and(|(p, _)| self.names.particles.contains(p))
                && {
                    let s = &self.text[tok.start as usize..tok.end as usize];
                    s.split_once(['-', '\u{2010}', '\u{2011}'])
                        .and_then(|(_, rest)| rest.chars().next())
                        .is_some_and(char::is_uppercase)
                };
        if !capital || self.false_cap(t).is_some() || self.in_title(t) {
            return false;
        }
        if self.lex.head(f).is_some() {
            return false;
        }
        if let Some(i) = self.first(t, GZ_COVER, &self.hits.gz, first_covering) {
            let h = &self.hits.gz[i];
            let person = matches!(h.pat, Pat::Gz(e) if self.gz.get(e).kind == ActorKind::Person);
            if !person {
                return false;
            }
        }
        true
    }

    /// True when token `t` is a name particle (`ben`, `ould`, `de`).
    pub fn is_particle(&self, t: usize) -> bool {
        self.tok(t).is_word() && self.names.particles.contains(self.fold(t))
    }

    /// Token `t` as written.
    pub fn surface(&self, t: usize) -> &'a str {
        let tok = self.tok(t);
        &self.text[tok.start as usize..tok.end as usize]
    }

    /// Byte offset where token `t` starts.
    pub fn start(&self, t: usize) -> usize {
        self.tok(t).start as usize
    }

    /// Byte offset where token `t` ends.
    pub fn end(&self, t: usize) -> usize {
        self.tok(t).end as usize
    }
}
