//! The one pass over the words of a text that feeds the segments of its
//! anchors (see [`super::segment`]) to the item scan.
//!
//! Outside a segment a word is only tested as an anchor, and remembered
//! among the last [`RECENT`] words: at an anchor, its segment's start (the
//! last break word before it) is looked for among them, and the words from
//! there are scanned from memory instead of being found again in the text.
//! Inside a segment every word is scanned, until the next break word. So
//! the text is read once, whatever the number of segments.

use super::chain::Chains;
use super::lexicon::Words;
use super::scan::{NumberRules, Resume};
use super::segment::word_after;

/// How many of the last words seen outside a segment are kept: a break
/// word is almost always among them (the fallback walks the text back).
const RECENT: usize = 16;

/// The state of the pass between two words.
pub(crate) struct Sweep<'a> {
    text: &'a str,
    lang: (&'a Words, &'a NumberRules),
    /// The open segment: its start and the item scan's state.
    open: Option<(usize, Resume)>,
    /// The end of the last segment (a break word's start) or 0: no segment
    /// starts before it.
    floor: usize,
    /// The words since `floor` outside segments, the `k`-th (counting from
    /// 0) at `k % RECENT`, the last [`RECENT`] of them kept.
    recent: [(usize, usize); RECENT],
    /// How many words since `floor` there are.
    seen: usize,
}

impl<'a> Sweep<'a> {
    /// The state at the start of `text`.
    pub(crate) fn new(text: &'a str, lang: (&'a Words, &'a NumberRules)) -> Self {
        Sweep {
            text,
            lang,
            open: None,
            floor: 0,
            recent: [(0, 0); RECENT],
            seen: 0,
        }
    }

    /// Takes the next word of the text, `start..end`, adding to `chains`
    /// the items of the segments it opens or belongs to.
    #[inline(always)]
    pub(crate) fn word(&mut self, start: usize, end: usize, chains: &mut Chains) {
        if self.open.is_some() {
            return self.in_segment(start, end, chains);
        }
        if !self
            .lang
            .0
            .segments
            .is_anchor(self.text.as_bytes(), start, end)
        {
            self.recent[self.seen % RECENT] = (start, end);
            self.seen += 1;
            return;
        }
        self.open_at(start, end, chains);
    }

    /// [`Sweep::word`] in an open segment: the word is scanned, unless it
    /// is a break word, which closes the segment.
    #[inline(never)]
    fn in_segment(&mut self, start: usize, end: usize, chains: &mut Chains) {
        let words = self.lang.0;
        let bytes = self.text.as_bytes();
        let Some((from, resume)) = &mut self.open else {
            return;
        };
        let at = words.table.at(bytes, start, end);
        if start > *from && words.segments.is_break(bytes, start, at) {
            // a break word can start no item: nothing to scan
            self.open = None;
            self.floor = start;
            self.seen = 0;
            return;
        }
        resume.visit(self.text, (start, end, at), self.lang, chains);
    }

    /// Opens the segment of the anchor word `anchor..end` and scans its
    /// words up to the anchor, the anchor included.
    #[inline(never)]
    fn open_at(&mut self, anchor: usize, end: usize, chains: &mut Chains) {
        let (text, (words, _)) = (self.text, self.lang);
        let (bytes, table, segments) = (text.as_bytes(), &words.table, &words.segments);
        let oldest = self.seen - self.seen.min(RECENT);
        let at = |(s, e): (usize, usize)| (s, e, table.at(bytes, s, e));
        // the newest break word among the kept words, and the first kept
        // word after it
        let newest_break = (oldest..self.seen).rev().find(|&k| {
            let (s, _, a) = at(self.recent[k % RECENT]);
            segments.is_break(bytes, s, a)
        });
        let (start, first) = match newest_break {
            Some(k) => (self.recent[k % RECENT].0, k + 1),
            None if oldest == 0 => (self.floor, 0),
            None => {
                // the break word lies before the kept words: walk the text
                let stop = self.recent[oldest % RECENT].0;
                let start = segments.start_before(text, stop, self.floor, table);
                let mut resume = Resume::new(start);
                let mut pos = start;
                while let Some(w) = word_after(text, pos).filter(|&(s, _)| s < stop) {
                    resume.visit(text, at(w), self.lang, chains);
                    pos = w.1;
                }
                self.open = Some((start, resume));
                (start, oldest)
            }
        };
        let (_, resume) = self.open.get_or_insert((start, Resume::new(start)));
        for k in first..self.seen {
            resume.visit(text, at(self.recent[k % RECENT]), self.lang, chains);
        }
        resume.visit(text, at((anchor, end)), self.lang, chains);
    }
}
