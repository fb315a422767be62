//! Which stretches of a text can hold a date, found without looking up
//! every word: the scan ([`super::scan`]) runs only around anchors.
//!
//! A *break word* is a word that starts with no digit and is no word of
//! any date form (ASCII case ignored). No item can start there (a number
//! starts with a digit, a date word with the first word of its form) and
//! no item can run over it (a number spans digits only past its first
//! word, a date form only its own words, each ending where the text's word
//! ends: `word_at` drops forms ending inside a word). So every item lies
//! between two break words, and none joins an item across one (the gap
//! holds a word: neither spaces alone nor a lone punctuation mark). The
//! scan's state is the same at a break word whatever came before it, and
//! the text falls into independent *segments* from one break word to the
//! next.
//!
//! A chain is kept only when it holds a core item ([`Class::CORE`]): a
//! number (it starts with a digit) or a date word whose entry has a core
//! class (its form's last word is a word of the text). A segment holding
//! neither kind of *anchor* word adds nothing, and is skipped: the scan
//! visits the segments of the anchors only, from the break word before each
//! (found among the words the pass remembers, see [`super::sweep`]) to the
//! next one.

use crate::text::chars::is_alnum;

use super::class::Class;
use super::lexicon::Entry;
use super::wordtab::{AtWord, MAX_LEN, WordTable};

/// Entries of [`Segments::starts`]: one per pair of bytes.
const STARTS: usize = 1 << 16;

/// The anchor and break words of one language's date forms.
pub(crate) struct Segments {
    /// The last word of every form whose entry has a core class.
    anchors: WordTable,
    /// A filter in front of `anchors`, for the words of up to
    /// [`MAX_LEN`] bytes: for each pair of bytes `first << 8 | second`,
    /// bit `n` set when a word of `n` bytes opening with them may be an
    /// anchor (`second` being the byte after a one-byte word). Digits
    /// open anchors of every length. One load settles most words of a
    /// text: the test of every word is the scan's largest cost.
    starts: Box<[u32; STARTS]>,
    /// False when a punctuation entry has a core class: any stretch of text
    /// could then make a chain core, and the text is one segment.
    enabled: bool,
}

/// The words of `form`: its maximal runs of alphanumeric characters.
fn words_of(form: &str) -> impl Iterator<Item = &str> {
    form.split(|c: char| !is_alnum(c)).filter(|w| !w.is_empty())
}

impl Segments {
    /// The segments of `forms` (every spelling variant the trie holds),
    /// `entries[form_entry[k]]` being the entry of form `k`, and of the
    /// punctuation entries `punctuation`.
    pub(crate) fn new(
        forms: &[String],
        form_entry: &[u32],
        entries: &[Entry],
        punctuation: &[(char, u32)],
    ) -> Segments {
        let core = Class::core_mask();
        let is_core = |e: u32| entries[e as usize].classes & core != 0;
        let anchors: Vec<&str> = forms
            .iter()
            .zip(form_entry)
            .filter(|&(_, &e)| is_core(e))
            .filter_map(|(f, _)| words_of(f).last())
            .collect();
        let enabled = !punctuation.iter().any(|&(_, e)| is_core(e));
        Segments {
            starts: starts_filter(&anchors, enabled),
            anchors: WordTable::set(&anchors),
            enabled,
        }
    }

    /// Whether the word `start..end` of `bytes` may belong to a core item.
    #[inline(always)]
    pub(crate) fn is_anchor(&self, bytes: &[u8], start: usize, end: usize) -> bool {
        let len = end - start;
        if len <= MAX_LEN {
            let second = bytes.get(start + 1).copied().unwrap_or(0);
            let pair = usize::from(bytes[start]) << 8 | usize::from(second);
            if self.starts[pair] >> len & 1 == 0 {
                return false;
            }
        }
        !self.enabled
            || bytes[start].is_ascii_digit()
            || self.anchors.at(bytes, start, end) != AtWord::Nothing
    }

    /// Whether the word starting at byte `start` of `bytes`, for which the
    /// forms' table ([`super::lexicon::Words::table`], which holds every
    /// word of every form) answers `at`, is a break word.
    #[inline(always)]
    pub(crate) fn is_break(&self, bytes: &[u8], start: usize, at: AtWord) -> bool {
        self.enabled && at == AtWord::Nothing && !bytes[start].is_ascii_digit()
    }

    /// Where the segment of the word starting at `at` starts: the last
    /// break word before it, or `floor` (a break word or 0, at or before
    /// `at`) when there is none after `floor`. `table` is the forms' table.
    pub(crate) fn start_before(
        &self,
        text: &str,
        at: usize,
        floor: usize,
        table: &WordTable,
    ) -> usize {
        let bytes = text.as_bytes();
        let mut pos = at;
        while let Some((start, end)) = word_before(text, floor, pos) {
            if self.is_break(bytes, start, table.at(bytes, start, end)) {
                return start;
            }
            pos = start;
        }
        floor
    }
}

/// The table of [`Segments::starts`] for the words `anchors`: every
/// word when the segments are not `enabled`.
fn starts_filter(anchors: &[&str], enabled: bool) -> Box<[u32; STARTS]> {
    let mut table = Box::new([0u32; STARTS]);
    let mut set = |first: u8, second: Option<u8>, bits: u32| {
        let cases = |b: u8| [b.to_ascii_lowercase(), b.to_ascii_uppercase()];
        for f in cases(first) {
            let row = usize::from(f) << 8;
            match second {
                Some(s) => cases(s)
                    .iter()
                    .for_each(|&s| table[row | usize::from(s)] |= bits),
                None => table[row..row + 256].iter_mut().for_each(|e| *e |= bits),
            }
        }
    };
    if !enabled {
        (0..=255).for_each(|b| set(b, None, u32::MAX));
    }
    (b'0'..=b'9').for_each(|d| set(d, None, u32::MAX));
    for w in anchors.iter().map(|w| w.as_bytes()) {
        if !w.is_empty() && w.len() <= MAX_LEN {
            set(w[0], w.get(1).copied(), 1 << w.len());
        }
    }
    table
}

/// Whether the character starting at byte `i` of `text` is alphanumeric,
/// and its length.
#[inline(always)]
fn alnum_at(text: &str, i: usize) -> (bool, usize) {
    let b = text.as_bytes()[i];
    if b.is_ascii() {
        return (b.is_ascii_alphanumeric(), 1);
    }
    let c = text[i..].chars().next().unwrap_or_default();
    (is_alnum(c), c.len_utf8())
}

/// Whether the character ending at byte `i` of `text` is alphanumeric,
/// and its length.
#[inline(always)]
fn alnum_before(text: &str, i: usize) -> (bool, usize) {
    let b = text.as_bytes()[i - 1];
    if b.is_ascii() {
        return (b.is_ascii_alphanumeric(), 1);
    }
    let c = text[..i].chars().next_back().unwrap_or_default();
    (is_alnum(c), c.len_utf8())
}

/// The first word of `text` from `pos` on (`pos` a word start or the end
/// of a word), if any.
#[inline]
pub(crate) fn word_after(text: &str, pos: usize) -> Option<(usize, usize)> {
    let mut start = pos;
    loop {
        if start == text.len() {
            return None;
        }
        let (alnum, len) = alnum_at(text, start);
        if alnum {
            break;
        }
        start += len;
    }
    let mut end = start;
    while end < text.len() {
        let (alnum, len) = alnum_at(text, end);
        if !alnum {
            break;
        }
        end += len;
    }
    Some((start, end))
}

/// The last word of `text[floor..pos]` (`floor` a word start or 0, `pos`
/// a word start or the end of a word), if any.
fn word_before(text: &str, floor: usize, pos: usize) -> Option<(usize, usize)> {
    let mut end = pos;
    loop {
        if end == floor {
            return None;
        }
        let (alnum, len) = alnum_before(text, end);
        if alnum {
            break;
        }
        end -= len;
    }
    let mut start = end;
    while start > floor {
        let (alnum, len) = alnum_before(text, start);
        if !alnum {
            break;
        }
        start -= len;
    }
    Some((start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_after_a_position() {
        let text = "Le 3 mai, l’été «déjà» x";
        let cases: &[(usize, Option<&str>)] = &[
            (0, Some("Le")),
            (2, Some("3")),
            (text.find(',').unwrap(), Some("l")),
            (text.find('’').unwrap(), Some("été")),
            (text.find('«').unwrap(), Some("déjà")),
            (text.len() - 1, Some("x")),
            (text.len(), None),
        ];
        for &(pos, want) in cases {
            let got = word_after(text, pos).map(|(s, e)| &text[s..e]);
            assert_eq!(got, want, "pos {pos}");
        }
    }

    #[test]
    fn words_before_a_position() {
        let text = "Le 3 mai, l’été «déjà» x";
        let cases: &[(usize, usize, Option<&str>)] = &[
            (0, text.len(), Some("x")),
            (0, text.find('x').unwrap(), Some("déjà")),
            (0, text.find('m').unwrap(), Some("3")),
            (0, 2, Some("Le")),
            (0, 0, None),
            (3, 3, None),
            (3, text.find('m').unwrap(), Some("3")),
            (0, text.find('é').unwrap(), Some("l")),
        ];
        for &(floor, pos, want) in cases {
            let got = word_before(text, floor, pos).map(|(s, e)| &text[s..e]);
            assert_eq!(got, want, "floor {floor}, pos {pos}");
        }
    }
}
