//! [`TenseMarkers::near`] read outwards from the expression: the words
//! before it from the nearest back, those after it from the nearest on,
//! each side stopping as soon as farther words can change nothing. The
//! clause marks are noticed on the way, between the words, instead of being
//! searched for over the whole window first.
//!
//! It gives what the scan of the whole window ([`TenseMarkers::near_scan`])
//! gives when the expression lies inside its window (the test below
//! compares them on random texts).

use super::{CLAUSE_MARKS, MARK_LEAD, MAX_BARE_CLAUSE_WORDS, Nearest, Tense, TenseMarkers};
use crate::text::chars::is_alpha;

/// The character starting at byte `i` of `s`: whether it is a letter,
/// whether it is a clause mark, and its length.
#[inline(always)]
fn char_at(s: &str, i: usize) -> (bool, bool, usize) {
    let b = s.as_bytes()[i];
    if b.is_ascii() {
        return (b.is_ascii_alphabetic(), MARK_LEAD[usize::from(b)], 1);
    }
    let c = s[i..].chars().next().unwrap_or_default();
    (is_alpha(c), CLAUSE_MARKS.contains(&c), c.len_utf8())
}

/// The character ending at byte `i` of `s`, as [`char_at`].
#[inline(always)]
fn char_before(s: &str, i: usize) -> (bool, bool, usize) {
    let b = s.as_bytes()[i - 1];
    if b.is_ascii() {
        return (b.is_ascii_alphabetic(), MARK_LEAD[usize::from(b)], 1);
    }
    let c = s[..i].chars().next_back().unwrap_or_default();
    (is_alpha(c), CLAUSE_MARKS.contains(&c), c.len_utf8())
}

/// Where the run of letters of `s` ending at `i` starts.
#[inline(always)]
fn letters_back(s: &str, mut i: usize) -> usize {
    while i > 0 {
        let (alpha, _, len) = char_before(s, i);
        if !alpha {
            break;
        }
        i -= len;
    }
    i
}

/// Where the run of letters of `s` starting at `i` ends.
#[inline(always)]
fn letters_on(s: &str, mut i: usize) -> usize {
    while i < s.len() {
        let (alpha, _, len) = char_at(s, i);
        if !alpha {
            break;
        }
        i += len;
    }
    i
}

/// The nearest markers found so far (anywhere, in the expression's
/// clause) and the words of the clause counted (up to one more than
/// [`MAX_BARE_CLAUSE_WORDS`]: only whether it is more counts).
#[derive(Default)]
struct Found {
    anywhere: Nearest,
    in_clause: Nearest,
    clause_words: usize,
}

impl TenseMarkers {
    /// [`TenseMarkers::near`] for the expression `start..end` of the
    /// window `s` (offsets into `s`).
    pub(super) fn near_inside(&self, s: &str, start: usize, end: usize) -> Option<Tense> {
        let mut found = self.before(s, start);
        self.after(s, end, &mut found);
        let Found {
            anywhere,
            in_clause,
            clause_words,
        } = found;
        if clause_words <= MAX_BARE_CLAUSE_WORDS {
            in_clause.or(anywhere).map(|(_, t)| t)
        } else {
            in_clause.map(|(_, t)| t)
        }
    }

    /// The markers and clause words of `s` before `start`, the
    /// expression's start.
    fn before(&self, s: &str, start: usize) -> Found {
        let mut found = Found::default();
        let mut p = start;
        // a word running into the expression is part of it
        if p > 0 && char_at(s, p).0 && char_before(s, p).0 {
            p = letters_back(s, p);
        }
        // no clause mark yet between the word and the expression
        let mut inside = true;
        loop {
            while p > 0 {
                let (alpha, mark, len) = char_before(s, p);
                if alpha {
                    break;
                }
                inside &= !mark;
                p -= len;
            }
            if p == 0 {
                break;
            }
            let word_end = p;
            p = letters_back(s, p);
            if inside {
                found.clause_words += 1;
                if found.in_clause.is_some() {
                    // only the count may still change
                    if found.clause_words > MAX_BARE_CLAUSE_WORDS {
                        break;
                    }
                    continue;
                }
            } else if found.anywhere.is_some() {
                break;
            }
            // the nearest marker so far: nothing was found before
            let Some(t) = self.tense_of(&s[p..word_end]) else {
                continue;
            };
            found.anywhere = Some((start - word_end, t));
            if inside {
                found.in_clause = found.anywhere;
                if found.clause_words > MAX_BARE_CLAUSE_WORDS {
                    break;
                }
            }
        }
        found
    }

    /// Adds to `found` the markers and clause words of `s` after `end`,
    /// the expression's end.
    fn after(&self, s: &str, end: usize, found: &mut Found) {
        let mut q = end;
        // a word running out of the expression is part of it
        if q < s.len() && char_before(s, q).0 && char_at(s, q).0 {
            q = letters_on(s, q);
        }
        let mut past_clause = false;
        loop {
            while q < s.len() {
                let (alpha, mark, len) = char_at(s, q);
                if alpha {
                    break;
                }
                past_clause |= mark;
                q += len;
            }
            if q == s.len() {
                break;
            }
            let word_start = q;
            let dist = word_start - end;
            // Past the clause the count of its words and its marker are
            // final: once they decide the answer, or no later word can be
            // nearer than the nearest marker, the rest changes nothing.
            if past_clause
                && (found.in_clause.is_some()
                    || found.clause_words > MAX_BARE_CLAUSE_WORDS
                    || found.anywhere.is_some_and(|(d, _)| d <= dist))
            {
                break;
            }
            q = letters_on(s, q);
            let inside = !past_clause;
            if inside {
                found.clause_words = (found.clause_words + 1).min(MAX_BARE_CLAUSE_WORDS + 1);
            }
            // A marker here would change nothing: skip the lookup.
            let closer = |best: Nearest| best.is_none_or(|(d, _)| dist < d);
            if !(closer(found.anywhere) || inside && closer(found.in_clause)) {
                continue;
            }
            let Some(t) = self.tense_of(&s[word_start..q]) else {
                continue;
            };
            if closer(found.anywhere) {
                found.anywhere = Some((dist, t));
            }
            if inside && closer(found.in_clause) {
                found.in_clause = Some((dist, t));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::markers;
    use crate::document::Span;

    /// The walk gives what the scan gives, on random texts of markers,
    /// other words, digits, marks and spaces, for random expressions and
    /// sentences.
    #[test]
    fn walk_agrees_with_the_scan() {
        let t = markers();
        let pieces = [
            "a",
            "will",
            "viendront",
            "affront",
            "lundi",
            "Lundi",
            "x",
            "été",
            "l’",
            "15h",
            "2024",
            " ",
            " ",
            " ",
            ", ",
            "; ",
            "« ",
            " »",
            " — ",
            "(",
            ")",
            "\"",
            "-",
            ".",
        ];
        let mut rng = fastrand::Rng::with_seed(11);
        for _ in 0..20_000 {
            let n = rng.usize(1..60);
            let text: String = (0..n).map(|_| pieces[rng.usize(..pieces.len())]).collect();
            let bounds: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            let pick = |rng: &mut fastrand::Rng| bounds[rng.usize(..bounds.len())];
            let (a, b) = (pick(&mut rng), pick(&mut rng));
            if a == b {
                continue;
            }
            let expr = Span::new(a.min(b), a.max(b));
            let (c, d) = (pick(&mut rng), pick(&mut rng));
            let sentence = if rng.bool() {
                Span::new(0, text.len())
            } else {
                Span::new(c.min(d), c.max(d))
            };
            assert_eq!(
                t.near(&text, sentence, expr),
                t.near_scan(&text, sentence, expr),
                "expr {expr:?} sentence {sentence:?} in {text:?}"
            );
        }
    }
}
