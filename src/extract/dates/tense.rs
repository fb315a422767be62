//! Past or future: the tense marker nearest to an expression in its sentence.
//!
//! Data: `tense.tsv` lists marker words (`a`, `ont`, `sera`, `will`, `was`)
//! and suffixes (`ra`, `ront`, `ed`) with their tense; suffixes only count on
//! lowercase words long enough and not listed as exceptions (`opéra`, `need`).
//! Used when neither `dernier`/`prochain` nor the text decide on which side
//! of the publication date a date without year, or a weekday, falls.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;
use std::path::Path;

use crate::document::Span;
use crate::lexicon::{Fnv, LexiconError, read_table};

use crate::text::chars::is_alpha;

mod walk;

/// How far (bytes) from an expression tense markers are looked for: about
/// a clause, so that a long sentence's other clauses do not decide.
const WINDOW: usize = 120;

/// Words besides the expression a clause may hold (`lundi soir`) and still
/// count as bare, borrowing the tense of the clause next to it.
const MAX_BARE_CLAUSE_WORDS: usize = 1;

/// Punctuation that closes a clause, for [`TenseMarkers::near`].
const CLAUSE_MARKS: &[char] = &[',', ';', ':', '(', ')', '«', '»', '"', '“', '”', '—', '–'];

/// For each byte, whether a clause mark starts with it: the ASCII marks,
/// and the first bytes of the wider ones (which must be decoded to tell).
const MARK_LEAD: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < CLAUSE_MARKS.len() {
        let mut buf = [0; 4];
        let first = CLAUSE_MARKS[i].encode_utf8(&mut buf).as_bytes()[0];
        t[first as usize] = true;
        i += 1;
    }
    t
};

/// Whether a clause mark starts at byte `i` of `s`.
#[inline(always)]
fn mark_at(s: &str, i: usize) -> bool {
    let b = s.as_bytes()[i];
    MARK_LEAD[usize::from(b)]
        && (b < 0x80
            || s[i..]
                .chars()
                .next()
                .is_some_and(|c| CLAUSE_MARKS.contains(&c)))
}

/// `s.rfind(CLAUSE_MARKS)`, reading bytes rather than decoding every
/// character (a slice-of-chars pattern compares each one with every
/// mark); a mark's first byte is never inside another character.
fn last_mark(s: &str) -> Option<usize> {
    (0..s.len()).rev().find(|&i| mark_at(s, i))
}

/// `s.find(CLAUSE_MARKS)`, as [`last_mark`].
fn first_mark(s: &str) -> Option<usize> {
    (0..s.len()).find(|&i| mark_at(s, i))
}

/// The stretch of text around `expr` where tense markers are looked
/// for: its sentence, at most [`WINDOW`] bytes either side.
fn window(text: &str, sentence: Span, expr: Span) -> (usize, usize) {
    let mut from = sentence.start.max(expr.start.saturating_sub(WINDOW));
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let mut to = sentence.end.min(expr.end + WINDOW).max(from);
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    (from, to)
}

/// Which side of the reference date an expression lies on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tense {
    /// Before (or on) the reference.
    Past,
    /// After (or on) the reference.
    Future,
}

/// The nearest marker found so far: its distance to the expression and
/// its tense.
type Nearest = Option<(usize, Tense)>;

/// Tense markers of one language.
#[derive(Debug, Clone, Default)]
pub(crate) struct TenseMarkers {
    words: HashMap<String, Tense, BuildHasherDefault<Fnv>>,
    suffixes: Vec<(String, Tense)>,
    exceptions: HashSet<String, BuildHasherDefault<Fnv>>,
    min_suffix_word: usize,
}

impl TenseMarkers {
    /// Reads `tense.tsv` (columns form, class: `past`, `future`,
    /// `past_suffix`, `future_suffix`, `exception`, `min_suffix_word`).
    pub(crate) fn load(path: &Path) -> Result<TenseMarkers, LexiconError> {
        let table = read_table(path)?;
        let mut t = TenseMarkers {
            min_suffix_word: 5,
            ..Default::default()
        };
        for row in &table.rows {
            let form = row.require("form", path)?.to_lowercase();
            match row.require("class", path)? {
                "past" => {
                    t.words.insert(form, Tense::Past);
                }
                "future" => {
                    t.words.insert(form, Tense::Future);
                }
                "past_suffix" => t.suffixes.push((form, Tense::Past)),
                "future_suffix" => t.suffixes.push((form, Tense::Future)),
                "exception" => {
                    t.exceptions.insert(form);
                }
                "min_suffix_word" => {
                    t.min_suffix_word = form.parse().map_err(|_| LexiconError::Format {
                        path: path.to_path_buf(),
                        line: row.line,
                        message: format!("min_suffix_word '{form}' should be a number"),
                    })?;
                }
                other => {
                    return Err(LexiconError::Format {
                        path: path.to_path_buf(),
                        line: row.line,
                        message: format!(
                            "unknown class '{other}' (use past, future, past_suffix, future_suffix, exception, min_suffix_word)"
                        ),
                    });
                }
            }
        }
        Ok(t)
    }

    fn tense_of(&self, word: &str) -> Option<Tense> {
        let key: Cow<str> = if word.is_ascii() {
            // Most words: no Unicode case tables needed.
            if word.bytes().any(|b| b.is_ascii_uppercase()) {
                Cow::Owned(word.to_ascii_lowercase())
            } else {
                Cow::Borrowed(word)
            }
        } else if word.chars().any(char::is_uppercase) {
            Cow::Owned(word.to_lowercase())
        } else {
            Cow::Borrowed(word)
        };
        if let Some(t) = self.words.get(key.as_ref()) {
            return Some(*t);
        }
        // a word this short takes no suffix (bytes >= characters)
        if key != word || word.len() < self.min_suffix_word {
            return None;
        }
        let (_, t) = self
            .suffixes
            .iter()
            .find(|(s, _)| word.ends_with(s.as_str()))?;
        if word.chars().count() < self.min_suffix_word || self.exceptions.contains(word) {
            return None;
        }
        Some(*t)
    }

    /// The nearest marker among `words` (before `expr`, in text order),
    /// and the nearest one inside the expression's clause, with their
    /// distances to `expr`.
    fn nearest_before(
        &self,
        text: &str,
        expr: Span,
        words: &[(usize, usize, bool)],
    ) -> (Nearest, Nearest) {
        let (mut anywhere, mut in_clause) = (None, None);
        for &(start, end, inside) in words.iter().rev() {
            if anywhere.is_some() && (in_clause.is_some() || !inside) {
                continue;
            }
            let Some(t) = self.tense_of(&text[start..end]) else {
                continue;
            };
            let found = Some((expr.start - end, t));
            anywhere = anywhere.or(found);
            if inside {
                in_clause = in_clause.or(found);
                break;
            }
        }
        (anywhere, in_clause)
    }

    /// The tense of the marker nearest to `expr` in its own clause (between
    /// commas, colons, brackets, quotation marks or dashes); when the clause
    /// is little more than the expression, the nearest within `sentence` and
    /// at most [`WINDOW`] bytes away. Words inside the expression itself are
    /// skipped.
    pub(crate) fn near(&self, text: &str, sentence: Span, expr: Span) -> Option<Tense> {
        let (from, to) = window(text, sentence, expr);
        if from <= expr.start && expr.end <= to {
            return self.near_inside(&text[from..to], expr.start - from, expr.end - from);
        }
        self.near_scan(text, sentence, expr)
    }

    /// [`TenseMarkers::near`] by a scan of the whole window from its
    /// start: the reference, and the way for an expression reaching out
    /// of its window (out of its sentence).
    fn near_scan(&self, text: &str, sentence: Span, expr: Span) -> Option<Tense> {
        let (from, to) = window(text, sentence, expr);
        let before = &text[from..expr.start.max(from)];
        let clause_start = last_mark(before).map_or(from, |i| from + i + 1);
        let after_from = expr.end.min(to);
        let clause_end = first_mark(&text[after_from..to]).map_or(to, |i| after_from + i);
        let mut clause_words = 0;
        let mut in_clause: Nearest = None;
        let mut anywhere: Nearest = None;
        let s = &text[from..to];
        let bytes = s.as_bytes();
        // The words before the expression (start, end, in its clause):
        // looked up nearest first, once all are known, so that the lookups
        // stop at the nearest markers.
        let mut left: Vec<(usize, usize, bool)> = Vec::with_capacity(32);
        let mut left_done = false;
        let mut pos = 0;
        while pos < s.len() {
            // The next word: a maximal run of letters, ASCII ones read
            // without decoding.
            let alpha_at = |i: usize| match bytes[i] {
                b if b.is_ascii() => (b.is_ascii_alphabetic(), 1),
                _ => s[i..]
                    .chars()
                    .next()
                    .map_or((false, 1), |c| (is_alpha(c), c.len_utf8())),
            };
            let (alpha, len) = alpha_at(pos);
            if !alpha {
                pos += len;
                continue;
            }
            let word_start = pos;
            if from + word_start >= expr.end {
                if !left_done {
                    left_done = true;
                    (anywhere, in_clause) = self.nearest_before(text, expr, &left);
                }
                // Past the clause the count of its words and its marker are
                // final: once they decide the answer, or no later word can
                // be nearer than the nearest marker, the rest changes nothing.
                let dist = from + word_start - expr.end;
                if from + word_start >= clause_end
                    && (in_clause.is_some()
                        || clause_words > MAX_BARE_CLAUSE_WORDS
                        || anywhere.is_some_and(|(d, _)| d <= dist))
                {
                    break;
                }
            }
            pos += len;
            while pos < s.len() && bytes[pos].is_ascii_alphabetic() {
                pos += 1;
            }
            while pos < s.len() {
                let (alpha, len) = alpha_at(pos);
                if !alpha {
                    break;
                }
                pos += len;
            }
            let start = from + word_start;
            let end = from + pos;
            if start < expr.end && expr.start < end {
                continue;
            }
            let inside = start >= clause_start && end <= clause_end;
            clause_words += usize::from(inside);
            if end <= expr.start {
                left.push((start, end, inside));
                continue;
            }
            if !left_done {
                left_done = true;
                (anywhere, in_clause) = self.nearest_before(text, expr, &left);
            }
            let dist = start - expr.end;
            // A marker here would change nothing: skip the lookup.
            let closer = |best: Nearest| best.is_none_or(|(d, _)| dist < d);
            if !(closer(anywhere) || inside && closer(in_clause)) {
                continue;
            }
            let Some(t) = self.tense_of(&s[word_start..pos]) else {
                continue;
            };
            if closer(anywhere) {
                anywhere = Some((dist, t));
            }
            if inside && closer(in_clause) {
                in_clause = Some((dist, t));
            }
        }
        if !left_done {
            (anywhere, in_clause) = self.nearest_before(text, expr, &left);
        }
        // A date alone in its clause (`Lundi, il a...`) qualifies the
        // neighbouring clause; a clause with its own words but no marker
        // (`un communiqué publié jeudi, ils viendront`) says nothing.
        if clause_words <= MAX_BARE_CLAUSE_WORDS {
            in_clause.or(anywhere).map(|(_, t)| t)
        } else {
            in_clause.map(|(_, t)| t)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn markers() -> TenseMarkers {
        let mut t = TenseMarkers {
            min_suffix_word: 5,
            ..Default::default()
        };
        t.words.insert("a".into(), Tense::Past);
        t.words.insert("will".into(), Tense::Future);
        t.suffixes.push(("ront".into(), Tense::Future));
        t.exceptions.insert("affront".into());
        t
    }

    fn near(text: &str, expr: &str) -> Option<Tense> {
        let start = text.find(expr).unwrap();
        markers().near(
            text,
            Span::new(0, text.len()),
            Span::new(start, start + expr.len()),
        )
    }

    #[test]
    fn mark_search_agrees_with_str_find() {
        let cases = [
            "",
            "sans marque",
            "a, b; c",
            "« il a dit » — puis – après “x” (y) : z \"q\"",
            "éà—ô,ü«",
            "x\u{2014}",
            "\u{2013}é",
        ];
        for s in cases {
            assert_eq!(last_mark(s), s.rfind(CLAUSE_MARKS), "last in {s:?}");
            assert_eq!(first_mark(s), s.find(CLAUSE_MARKS), "first in {s:?}");
        }
    }

    #[test]
    fn nearest_marker_wins() {
        assert_eq!(
            near("Il a dit qu'ils viendront lundi.", "lundi"),
            Some(Tense::Future)
        );
        assert_eq!(
            near("Lundi, il a reçu la délégation.", "Lundi"),
            Some(Tense::Past)
        );
        assert_eq!(
            near("They will meet on Friday.", "Friday"),
            Some(Tense::Future)
        );
        assert_eq!(near("Un affront lundi.", "lundi"), None);
        assert_eq!(near("Rien lundi.", "lundi"), None);
        // The expression's own clause decides before a nearer word across a comma.
        assert_eq!(
            near("Vu lundi par le juge qui a tout, ils viendront.", "lundi"),
            Some(Tense::Past)
        );
        assert_eq!(near("Un texte vu lundi, ils viendront.", "lundi"), None);
        assert_eq!(
            near("Lundi soir, ils viendront.", "Lundi"),
            Some(Tense::Future)
        );
    }
}
