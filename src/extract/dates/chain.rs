//! Gathering the items of a text into chains: runs of items that directly
//! follow each other (spaces only, same sentence).
//!
//! A pattern matches adjacent items only, and every pattern holds a core
//! class ([`Class::CORE`]), so a chain without a core item can never be
//! part of a date: such chains (most of them are a lone `le`, `de`, `the`)
//! are dropped as soon as they end, and the matcher sees only the few
//! chains that can hold a date.

use crate::document::{Document, Span};

use super::class::Class;
use super::lexicon::Words;
use super::scan::Item;

/// The single punctuation mark, with at most spaces around it, that makes
/// up `gap`: its offset in `gap` and the character.
fn lone_mark(gap: &str) -> Option<(usize, char)> {
    let lead = gap.bytes().take_while(|&b| b == b' ').count();
    // a word in the gap (the usual case) rules a mark out at once
    if gap
        .as_bytes()
        .get(lead)
        .is_some_and(u8::is_ascii_alphanumeric)
    {
        return None;
    }
    let rest = &gap[lead..];
    let trail = rest.bytes().rev().take_while(|&b| b == b' ').count();
    let mark = &rest[..rest.len() - trail];
    if mark.is_empty() || mark.len() > 4 {
        return None;
    }
    let mut chars = mark.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Some((lead, c)),
        _ => None,
    }
}

/// Receives the items of a text in text order and keeps the chains that
/// hold a core item.
pub(crate) struct Chains<'a> {
    text: &'a str,
    sentences: &'a [Span],
    words: &'a Words,
    /// Sorted, disjoint spans whose items are left out.
    claimed: &'a [Span],
    /// First span of `claimed` that may still overlap an item.
    next_claimed: usize,
    /// The kept items, then the items of the current chain.
    items: Vec<Item>,
    /// For each item of `items`, whether it joins the one before.
    joined: Vec<bool>,
    /// Where the current chain starts in `items`.
    chain_start: usize,
    /// Whether the current chain holds a core item.
    chain_core: bool,
    /// The last item added (punctuation goes between two of them).
    prev: Option<Span>,
    /// End and sentence of the last item pushed, punctuation included.
    last: Option<(usize, usize)>,
    /// The sentence (index into `sentences`) the items have reached.
    sentence: usize,
    core: u32,
}

impl<'a> Chains<'a> {
    /// An empty collector for the items of `doc`.
    pub(crate) fn new(doc: &'a Document, words: &'a Words, claimed: &'a [Span]) -> Self {
        Chains {
            text: doc.text.as_str(),
            sentences: &doc.sentences,
            words,
            claimed,
            next_claimed: 0,
            items: Vec::new(),
            joined: Vec::new(),
            chain_start: 0,
            chain_core: false,
            prev: None,
            last: None,
            sentence: 0,
            core: Class::core_mask(),
        }
    }

    /// Adds the next item in text order (sorted by start, then end),
    /// unless it lies in a claimed span; first, the punctuation item
    /// (`,`, `-`) that stands alone between it and the previous item, if
    /// any: only there can punctuation join a date.
    pub(crate) fn add(&mut self, it: Item) {
        let claimed = self.claimed;
        while self.next_claimed < claimed.len() && claimed[self.next_claimed].end <= it.span.start {
            self.next_claimed += 1;
        }
        if claimed
            .get(self.next_claimed)
            .is_some_and(|c| c.overlaps(it.span))
        {
            return;
        }
        if let Some(p) = self.prev
            && p.end < it.span.start
            && let Some(punct) = self.punctuation(p.end, it.span.start)
        {
            self.push(punct);
        }
        self.prev = Some(it.span);
        self.push(it);
    }

    /// The punctuation item standing alone in the gap `from..to`.
    fn punctuation(&self, from: usize, to: usize) -> Option<Item> {
        let punctuation = &self.words.punctuation;
        if punctuation.is_empty() {
            return None;
        }
        let (lead, mark) = lone_mark(&self.text[from..to])?;
        let (_, entry) = punctuation.iter().find(|(q, _)| *q == mark)?;
        let start = from + lead;
        Some(Item {
            span: Span::new(start, start + mark.len_utf8()),
            classes: self.words.entries[*entry as usize].classes,
            entry: Some(*entry),
            number: None,
        })
    }

    fn push(&mut self, it: Item) {
        let start = it.span.start;
        while self.sentence + 1 < self.sentences.len()
            && self.sentences[self.sentence + 1].start <= start
        {
            self.sentence += 1;
        }
        let joined = self.last.is_some_and(|(end, sentence)| {
            sentence == self.sentence
                && end <= start
                && self.text.as_bytes()[end..start].iter().all(|&b| b == b' ')
        });
        if !joined {
            self.close_chain();
        }
        self.chain_core |= it.classes & self.core != 0;
        self.last = Some((it.span.end, self.sentence));
        self.items.push(it);
        self.joined.push(joined);
    }

    /// Ends the current chain, dropping it when it has no core item.
    fn close_chain(&mut self) {
        if !self.chain_core {
            self.items.truncate(self.chain_start);
            self.joined.truncate(self.chain_start);
        }
        self.chain_start = self.items.len();
        self.chain_core = false;
    }

    /// The kept items in text order, and for each whether it joins the one
    /// before.
    pub(crate) fn finish(mut self) -> (Vec<Item>, Vec<bool>) {
        self.close_chain();
        (self.items, self.joined)
    }
}
