//! Turning a text into items: the date words found by the automaton and the
//! numbers found by a byte scan, each with its classes.
//!
//! A number is a day when it is 1..=31 (or an ordinal such as `1er`, `3rd`),
//! a year when it has four digits within the configured range, and always a
//! count. Numbers glued to letters (`15h`, `COP28`), grouped (`1 500`,
//! `2,5`) or followed by `%` or a currency sign are counts only, so they can
//! never become dates.

use crate::document::{Document, Span};

use super::chain::Chains;
use super::class::{Class, Sem};
use super::lexicon::Words;
use super::sweep::Sweep;
use super::wordtab::AtWord;
use crate::text::chars::is_alnum;
use crate::text::words::for_each_word_span;

/// One word or number of the text that the date grammar knows.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Item {
    /// Where it is.
    pub span: Span,
    /// Its classes, as a mask of [`Class::bit`].
    pub classes: u32,
    /// Its word entry, for words.
    pub entry: Option<u32>,
    /// Its value, for numbers.
    pub number: Option<i64>,
}

impl Item {
    /// What the item means when it fills `class`.
    pub(crate) fn sem(&self, class: Class, words: &Words) -> Option<Sem> {
        if let Some(n) = self.number {
            return Some(match class {
                Class::Day => Sem::Day(n as u32),
                Class::Year => Sem::Year(n as i32),
                Class::Num => Sem::Num(n),
                _ => return None,
            });
        }
        let entry = &words.entries[self.entry? as usize];
        entry
            .sems
            .iter()
            .find(|(c, _)| *c == class)
            .map(|(_, s)| *s)
    }
}

/// Settings of the number scan.
#[derive(Debug, Clone)]
pub(crate) struct NumberRules {
    /// Smallest four-digit number read as a year.
    pub min_year: i64,
    /// Largest four-digit number read as a year.
    pub max_year: i64,
    /// Lowercase suffixes that make a number an ordinal day (`er`, `st`).
    pub ordinal_suffixes: Vec<String>,
}

fn prev_char(text: &str, at: usize) -> Option<char> {
    text[..at].chars().next_back()
}

fn next_char(text: &str, at: usize) -> Option<char> {
    text[at..].chars().next()
}

/// The date word starting at `pos`, a word start whose word ends at
/// `word_end` and for which the forms' table answers `at`, if any: the
/// longest form there, kept when it ends the word
/// (forms ending in an apostrophe or a period, `l'`, `janv.`, may touch the
/// next one) and is capitalised as its entry requires.
#[inline(always)]
fn word_at(text: &str, pos: usize, word_end: usize, at: AtWord, words: &Words) -> Option<Item> {
    let bytes = text.as_bytes();
    let (end, pid) = match at {
        AtWord::Nothing | AtWord::Inner => return None,
        AtWord::Form(pid) => (word_end, pid as usize),
        AtWord::Walk => {
            let (end, pid) = words.trie.longest_at(bytes, pos)?;
            // a form ending inside the word is not kept
            if end < word_end
                || prev_char(text, end).is_some_and(is_alnum)
                    && next_char(text, end).is_some_and(is_alnum)
            {
                return None;
            }
            (end, pid)
        }
    };
    let idx = words.pattern_entry[pid];
    let entry = &words.entries[idx as usize];
    if entry.cased && !next_char(text, pos).is_some_and(char::is_uppercase) {
        return None;
    }
    Some(Item {
        span: Span::new(pos, end),
        classes: entry.classes,
        entry: Some(idx),
        number: None,
    })
}

/// True when `suffix` is one of the (lowercase) ordinal suffixes.
fn is_ordinal_suffix(suffix: &str, rules: &NumberRules) -> bool {
    if suffix.is_ascii() {
        // Lowercasing ASCII only folds ASCII: no allocation needed.
        rules
            .ordinal_suffixes
            .iter()
            .any(|s| s.eq_ignore_ascii_case(suffix))
    } else {
        rules.ordinal_suffixes.contains(&suffix.to_lowercase())
    }
}

/// The number starting at `start` (a word start on a digit) and its
/// classes, or `None` when it has a suffix that is not ordinal; and where
/// the number scan resumes.
fn number_at(text: &str, start: usize, rules: &NumberRules) -> (Option<Item>, usize) {
    let bytes = text.as_bytes();
    let digits_from = |mut j: usize| {
        while j < bytes.len() && bytes[j].is_ascii_digit() {
            j += 1;
        }
        j
    };
    let mut end = digits_from(start);
    let first_len = end - start;
    let mut grouped = false;
    loop {
        let sep = bytes.get(end).copied();
        let after = bytes.get(end + 1).is_some_and(u8::is_ascii_digit);
        if matches!(sep, Some(b',' | b'.')) && after {
            end = digits_from(end + 1);
            grouped = true;
        } else if sep == Some(b' ') && after && first_len <= 3 {
            let group_end = digits_from(end + 1);
            let followed = next_char(text, group_end);
            if group_end - end - 1 == 3 && !followed.is_some_and(is_alnum) {
                end = group_end;
                grouped = true;
            } else {
                break;
            }
        } else {
            break;
        }
    }
    let mut suffix_end = end;
    while let Some(c) = next_char(text, suffix_end).filter(|c| c.is_alphabetic()) {
        suffix_end += c.len_utf8();
    }
    let suffix = &text[end..suffix_end];
    let ordinal = !suffix.is_empty() && is_ordinal_suffix(suffix, rules);
    if !suffix.is_empty() && (!ordinal || grouped) {
        return (None, suffix_end);
    }
    let money = |c: Option<char>| matches!(c, Some('%' | '€' | '$' | '£'));
    let after = text[suffix_end..].trim_start_matches(' ');
    let counted = money(after.chars().next()) || money(prev_char(text, start));
    let value: i64 = if grouped {
        0
    } else {
        text[start..end].parse().unwrap_or(0)
    };
    let n_digits = end - start;
    let mut classes = 0;
    if !ordinal {
        classes |= Class::Num.bit();
    }
    if !grouped && !counted {
        if (1..=31).contains(&value) && (ordinal || n_digits <= 2) {
            classes |= Class::Day.bit();
        }
        if !ordinal && n_digits == 4 && (rules.min_year..=rules.max_year).contains(&value) {
            classes |= Class::Year.bit();
        }
    }
    let item = Item {
        span: Span::new(start, suffix_end),
        classes,
        entry: None,
        number: Some(value),
    };
    (Some(item), suffix_end)
}

/// Finds the numbers of `text` and classifies them.
#[cfg(test)]
fn numbers_in(text: &str, rules: &NumberRules, out: &mut Vec<Item>) {
    let mut resume = 0;
    for_each_word_span(text, |i, _| {
        if text.as_bytes()[i].is_ascii_digit() && i >= resume {
            let (item, next) = number_at(text, i, rules);
            out.extend(item);
            resume = next;
        }
    });
}

/// Where the two scans may start again: a word or number swallows the
/// word starts inside it (`il y a`, `1 500`).
#[derive(Clone, Copy)]
pub(crate) struct Resume {
    word: usize,
    number: usize,
}

impl Resume {
    /// The state at `start`, a word start after which the scans begin.
    pub(crate) fn new(start: usize) -> Resume {
        Resume {
            word: start,
            number: start,
        }
    }

    /// Adds to `chains` the word and number starting at `i`, the start of
    /// a word ending at `word_end` for which the forms' table answers `at`,
    /// in text order: on the same start the shorter first, the word first
    /// on a tie.
    #[inline(always)]
    pub(crate) fn visit(
        &mut self,
        text: &str,
        (i, word_end, at): (usize, usize, AtWord),
        (words, rules): (&Words, &NumberRules),
        chains: &mut Chains,
    ) {
        let mut number = None;
        if text.as_bytes()[i].is_ascii_digit() && i >= self.number {
            let next;
            (number, next) = number_at(text, i, rules);
            self.number = next;
        }
        let mut word = None;
        if i >= self.word {
            word = word_at(text, i, word_end, at, words);
            if let Some(w) = word {
                self.word = w.span.end;
            }
        }
        match (word, number) {
            (Some(w), Some(n)) if n.span.end < w.span.end => {
                chains.add(n);
                chains.add(w);
            }
            (w, n) => {
                w.into_iter().chain(n).for_each(|it| chains.add(it));
            }
        }
    }
}

/// The items of a document in text order, leaving out those inside
/// `claimed` spans (sorted, disjoint: already read as numeric dates) and
/// those no date can use (see [`Chains`]), and for each item whether it
/// directly follows the previous one (spaces only, same sentence).
///
/// Only the segments holding an anchor word are scanned (see
/// [`super::segment`]): the others can add no item that is kept.
pub(crate) fn items(
    doc: &Document,
    words: &Words,
    rules: &NumberRules,
    claimed: &[Span],
) -> (Vec<Item>, Vec<bool>) {
    let text = doc.text.as_str();
    let mut chains = Chains::new(doc, words, claimed);
    let mut sweep = Sweep::new(text, (words, rules));
    for_each_word_span(text, |start, end| sweep.word(start, end, &mut chains));
    chains.finish()
}

/// The items of [`items`], from a scan of every word start: what the
/// segments must give.
#[cfg(test)]
pub(crate) fn items_of_every_word(
    doc: &Document,
    words: &Words,
    rules: &NumberRules,
    claimed: &[Span],
) -> (Vec<Item>, Vec<bool>) {
    let text = doc.text.as_str();
    let mut chains = Chains::new(doc, words, claimed);
    let mut resume = Resume::new(0);
    for_each_word_span(text, |i, word_end| {
        let at = words.table.at(text.as_bytes(), i, word_end);
        resume.visit(text, (i, word_end, at), (words, rules), &mut chains);
    });
    chains.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> NumberRules {
        NumberRules {
            min_year: 1800,
            max_year: 2100,
            ordinal_suffixes: vec!["er".into(), "st".into()],
        }
    }

    fn scan(text: &str) -> Vec<(String, u32)> {
        let mut out = Vec::new();
        numbers_in(text, &rules(), &mut out);
        out.iter()
            .map(|it| (text[it.span.start..it.span.end].to_string(), it.classes))
            .collect()
    }

    #[test]
    fn numbers_are_classified() {
        let day = Class::Day.bit();
        let year = Class::Year.bit();
        let num = Class::Num.bit();
        let cases: &[(&str, &[(&str, u32)])] = &[
            ("le 1er mai 2024", &[("1er", day), ("2024", num | year)]),
            ("1 500 soldats", &[("1 500", num)]),
            ("2,5 millions", &[("2,5", num)]),
            ("à 15h30 ou COP28", &[]),
            ("les 28 et 29", &[("28", num | day), ("29", num | day)]),
            ("2023 %", &[("2023", num)]),
            ("12023 morts", &[("12023", num)]),
            ("on May 21st", &[("21st", day)]),
            ("en 2023 150 morts", &[("2023", num | year), ("150", num)]),
        ];
        for (text, want) in cases {
            let got = scan(text);
            let want: Vec<(String, u32)> = want.iter().map(|(s, c)| (s.to_string(), *c)).collect();
            assert_eq!(got, want, "text: {text}");
        }
    }
}
