//! A read-only view of one document for the recognition rules: its tokens,
//! lexicon matches indexed by token, sentence of each token, and the word
//! tests the rules share (is this token part of a name? a grammar word?).

use crate::document::{ActorKind, Document};

use super::gazetteer::{EntryIdx, Gazetteer};
use super::lexicon::{FalseCap, Grammar, LangLexicon, TitleKind};
use super::matcher::{Hit, Hits, Pat};
use super::names::Names;
use super::scan::{Scan, Token};

const NONE: u32 = u32::MAX;

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
    /// Tokens that are capitalised or hyphenated words, in order: the only
    /// ones that can be a name word, a head or an acronym, so that rules
    /// looking for those skip the rest of the text.
    named: Vec<u32>,
    /// Index in `hits.gz` of the first gazetteer hit starting at each token.
    gz_start: Vec<u32>,
    /// Index in `hits.gz` of a gazetteer hit covering each token.
    gz_cover: Vec<u32>,
    /// Index in `hits.demonyms` of the demonym starting at each token.
    dem_start: Vec<u32>,
    /// Index in `hits.titles` of the title starting at each token.
    title_start: Vec<u32>,
    /// Index in `hits.titles` of a title covering each token.
    title_cover: Vec<u32>,
    /// Index in `hits.titles` of the title ending just before each token.
    title_end: Vec<u32>,
}

fn index(n: usize, hits: &[Hit], cover: bool) -> Vec<u32> {
    let mut v = vec![NONE; n];
    for (i, h) in hits.iter().enumerate() {
        let range = if cover { h.t0..h.t1 } else { h.t0..h.t0 + 1 };
        for t in range {
            if t < n && v[t] == NONE {
                v[t] = i as u32;
            }
        }
    }
    v
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
        let named: Vec<u32> = (0..n as u32)
            .filter(|&i| {
                let t = &scan.tokens[i as usize];
                t.is_cap() || t.flags & super::scan::HYPHEN != 0
            })
            .collect();
        let mut title_end = vec![NONE; n + 1];
        for (i, h) in hits.titles.iter().enumerate() {
            if h.t1 <= n {
                title_end[h.t1] = i as u32;
            }
        }
        Ctx {
            text: &doc.text,
            scan,
            hits,
            lex,
            names,
            gz,
            sent,
            named,
            gz_start: index(n, &hits.gz, false),
            gz_cover: index(n, &hits.gz, true),
            dem_start: index(n, &hits.demonyms, false),
            title_start: index(n, &hits.titles, false),
            title_cover: index(n, &hits.titles, true),
            title_end,
        }
    }

    /// Capitalised or hyphenated word tokens, in text order (see
    /// [`Ctx::is_name_word`]: no other token is a name word).
    pub fn name_like(&self) -> impl Iterator<Item = usize> + '_ {
        self.named.iter().map(|&t| t as usize)
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
        if self.tok(t).is_word() {
            self.lex.grammar(self.fold(t))
        } else {
            Grammar::default()
        }
    }

    /// The false-capital class of token `t`.
    pub fn false_cap(&self, t: usize) -> Option<FalseCap> {
        self.lex.false_cap(self.fold(t))
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
        match self.gz_start.get(t) {
            Some(&i) if i != NONE => {
                let all = &self.hits.gz[i as usize..];
                let span = all[0].span;
                let n = all.iter().take_while(|h| h.span == span).count();
                &all[..n]
            }
            _ => &[],
        }
    }

    /// True when token `t` lies inside a gazetteer hit.
    pub fn in_gz(&self, t: usize) -> bool {
        self.gz_cover.get(t).is_some_and(|&i| i != NONE)
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
        match self.dem_start.get(t) {
            Some(&i) if i != NONE => Some(&self.hits.demonyms[i as usize]),
            _ => None,
        }
    }

    /// The title hit starting at token `t`.
    pub fn title_at(&self, t: usize) -> Option<&'a Hit> {
        match self.title_start.get(t) {
            Some(&i) if i != NONE => Some(&self.hits.titles[i as usize]),
            _ => None,
        }
    }

    /// The title hit ending just before token `t`.
    pub fn title_ending_at(&self, t: usize) -> Option<&'a Hit> {
        match self.title_end.get(t) {
            Some(&i) if i != NONE => Some(&self.hits.titles[i as usize]),
            _ => None,
        }
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
        self.title_cover.get(t).is_some_and(|&i| i != NONE)
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
        if self.lex.heads.contains_key(f) {
            return false;
        }
        if let Some(&i) = self.gz_cover.get(t)
            && i != NONE
        {
            let h = &self.hits.gz[i as usize];
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
