//! Turning a text into items: the date words found by the automaton and the
//! numbers found by a byte scan, each with its classes.
//!
//! A number is a day when it is 1..=31 (or an ordinal such as `1er`, `3rd`),
//! a year when it has four digits within the configured range, and always a
//! count. Numbers glued to letters (`15h`, `COP28`), grouped (`1 500`,
//! `2,5`) or followed by `%` or a currency sign are counts only, so they can
//! never become dates.

use aho_corasick::{Anchored, Input};

use crate::document::{Document, Span};

use super::class::{Class, Sem};
use super::lexicon::Words;

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

/// Finds the date words of `text`: an anchored automaton search at each
/// word start whose first byte can open a form, keeping whole-word matches
/// with the right capitalisation.
fn words_in(text: &str, words: &Words, out: &mut Vec<Item>) {
    let bytes = text.as_bytes();
    let mut prev_alnum = false;
    let mut resume = 0;
    for (pos, c) in text.char_indices() {
        let alnum = c.is_alphanumeric();
        let word_start = alnum && !prev_alnum;
        prev_alnum = alnum;
        if !word_start || pos < resume || !words.first_bytes[bytes[pos] as usize] {
            continue;
        }
        let input = Input::new(text).range(pos..).anchored(Anchored::Yes);
        let Some(m) = words.automaton.find(input) else {
            continue;
        };
        let end = m.end();
        let matched = &text[pos..end];
        // A form ending in a letter or digit must end the word; forms ending
        // in an apostrophe or period (`l'`, `janv.`) may touch the next one.
        if matched
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
            && next_char(text, end).is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        let idx = words.pattern_entry[m.pattern().as_usize()];
        let entry = &words.entries[idx as usize];
        if entry.cased && !c.is_uppercase() {
            continue;
        }
        out.push(Item {
            span: Span::new(pos, end),
            classes: entry.classes,
            entry: Some(idx),
            number: None,
        });
        resume = end;
    }
}

/// Finds the numbers of `text` and classifies them.
fn numbers_in(text: &str, rules: &NumberRules, out: &mut Vec<Item>) {
    let bytes = text.as_bytes();
    let digits_from = |mut j: usize| {
        while j < bytes.len() && bytes[j].is_ascii_digit() {
            j += 1;
        }
        j
    };
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = digits_from(i);
        if prev_char(text, start).is_some_and(char::is_alphanumeric) {
            i = end;
            continue;
        }
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
                if group_end - end - 1 == 3 && !followed.is_some_and(char::is_alphanumeric) {
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
        let suffix = text[end..suffix_end].to_lowercase();
        let ordinal = !suffix.is_empty() && rules.ordinal_suffixes.contains(&suffix);
        i = suffix_end;
        if !suffix.is_empty() && (!ordinal || grouped) {
            continue;
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
        out.push(Item {
            span: Span::new(start, suffix_end),
            classes,
            entry: None,
            number: Some(value),
        });
    }
}

/// Adds the punctuation items (`,`, `-`) that stand alone between two
/// items, with at most spaces around them: only there can they join a date.
fn with_punctuation(text: &str, words: &Words, items: Vec<Item>) -> Vec<Item> {
    if words.punctuation.is_empty() {
        return items;
    }
    let mut out = Vec::with_capacity(items.len());
    for (i, it) in items.iter().enumerate() {
        if let Some(prev) = i.checked_sub(1).map(|p| items[p])
            && prev.span.end < it.span.start
        {
            let gap = &text[prev.span.end..it.span.start];
            let mark = gap.trim_matches(' ');
            let mut chars = mark.chars();
            if let (Some(c), None) = (chars.next(), chars.next())
                && let Some((_, entry)) = words.punctuation.iter().find(|(p, _)| *p == c)
            {
                let start = prev.span.end + (gap.len() - gap.trim_start_matches(' ').len());
                out.push(Item {
                    span: Span::new(start, start + c.len_utf8()),
                    classes: words.entries[*entry as usize].classes,
                    entry: Some(*entry),
                    number: None,
                });
            }
        }
        out.push(*it);
    }
    out
}

/// The items of a document in text order, leaving out those inside
/// `claimed` spans (sorted, disjoint: already read as numeric dates), and for each item
/// whether it directly follows the previous one (spaces only, same sentence).
pub(crate) fn items(
    doc: &Document,
    words: &Words,
    rules: &NumberRules,
    claimed: &[Span],
) -> (Vec<Item>, Vec<bool>) {
    let text = doc.text.as_str();
    let mut items = Vec::new();
    words_in(text, words, &mut items);
    numbers_in(text, rules, &mut items);
    items.sort_by_key(|it| (it.span.start, it.span.end));
    if !claimed.is_empty() {
        // `claimed` is sorted and disjoint: walk it alongside the items.
        let mut k = 0;
        items.retain(|it| {
            while k < claimed.len() && claimed[k].end <= it.span.start {
                k += 1;
            }
            !claimed.get(k).is_some_and(|c| c.overlaps(it.span))
        });
    }
    let items = with_punctuation(text, words, items);
    let mut joined = Vec::with_capacity(items.len());
    let mut sentence = 0;
    let mut prev_sentence = usize::MAX;
    for (i, it) in items.iter().enumerate() {
        while sentence + 1 < doc.sentences.len()
            && doc.sentences[sentence + 1].start <= it.span.start
        {
            sentence += 1;
        }
        let adjacent = i > 0 && {
            let prev_end = items[i - 1].span.end;
            prev_end <= it.span.start && text[prev_end..it.span.start].bytes().all(|b| b == b' ')
        };
        joined.push(adjacent && sentence == prev_sentence);
        prev_sentence = sentence;
    }
    (items, joined)
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
