//! Checks a trigger pattern around an anchor word found by the automaton,
//! and resolves overlapping matches (the most specific pattern wins).

use super::clause::Sent;
use super::inflect::Tenses;
use super::lexicon::C;
use super::lexicon::{Anchored, Elem, LangLex, Trigger, WordInfo};
use super::tokens::Token;

/// A trigger pattern matched in a sentence (token indices, inclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TriggerMatch {
    /// Index of the trigger in [`LangLex::triggers`].
    pub trigger: usize,
    /// First matched token.
    pub first: usize,
    /// Last matched token.
    pub last: usize,
    /// First token of the anchor word(s).
    pub anchor: usize,
    /// Last token of the anchor word(s).
    pub anchor_last: usize,
    /// Tenses of the anchor form (verbs).
    pub tenses: Tenses,
}

/// Tokens a gap may skip: words and in-word marks, never commas or clause
/// punctuation (read from the token and its first folded byte, so that
/// matching needs no word slices).
fn skippable(t: Token, text: &[u8]) -> bool {
    t.word || free(t, text)
}

/// Marks inside words (`four-day`) that a gap skips without counting them.
fn free(t: Token, text: &[u8]) -> bool {
    !t.word && matches!(text.get(t.start), Some(b'-' | b'\'' | b'"'))
}

/// The first of the positions reachable by skipping up to `n` counted
/// words rightwards from `pos` (free marks cost nothing), nearest first,
/// for which `f` gives a result.
fn gap_right(
    s: Words,
    pos: usize,
    n: usize,
    mut f: impl FnMut(usize) -> Option<usize>,
) -> Option<usize> {
    let (mut i, mut used) = (pos, 0);
    loop {
        if let Some(r) = f(i) {
            return Some(r);
        }
        let &t = s.toks.get(i)?;
        if !skippable(t, s.text) {
            return None;
        }
        if !free(t, s.text) {
            used += 1;
        }
        if used > n {
            return None;
        }
        i += 1;
    }
}

/// Like [`gap_right`], leftwards from `end`.
fn gap_left(
    s: Words,
    end: usize,
    n: usize,
    mut f: impl FnMut(usize) -> Option<usize>,
) -> Option<usize> {
    let (mut i, mut used) = (end, 0);
    loop {
        if let Some(r) = f(i) {
            return Some(r);
        }
        let &t = s.toks.get(i.checked_sub(1)?)?;
        if !skippable(t, s.text) {
            return None;
        }
        if !free(t, s.text) {
            used += 1;
        }
        if used > n {
            return None;
        }
        i -= 1;
    }
}

/// The tokens of a sentence and their lexicon entries.
#[derive(Clone, Copy)]
pub struct Words<'a> {
    /// The tokens (folded offsets).
    pub toks: &'a [Token],
    /// The whole folded text the tokens index.
    pub text: &'a [u8],
    /// Their lexicon entries (same length).
    pub info: &'a [WordInfo],
}

/// True when the words from `i` on are the pattern words `ids`.
fn seq_at(s: Words, i: usize, ids: &[u32]) -> bool {
    i + ids.len() <= s.info.len() && ids.iter().zip(&s.info[i..]).all(|(a, b)| *a == b.id)
}

/// Matches `elems` rightwards from token `pos`; returns the index one past
/// the last matched word.
fn right(s: Words, elems: &[Elem], pos: usize) -> Option<usize> {
    let Some((head, rest)) = elems.split_first() else {
        return Some(pos);
    };
    match head {
        // a gap at the end matches nothing: the pattern ends at pos
        Elem::Gap(_) if rest.is_empty() => Some(pos),
        Elem::Gap(n) => {
            // the next element's quick test before a call per position
            let firsts = match rest.first() {
                Some(Elem::Alts(_, firsts, _)) => Some(*firsts),
                _ => None,
            };
            gap_right(s, pos, *n, |p| {
                let can =
                    firsts.is_none_or(|f| s.info.get(p).is_some_and(|w| Elem::may_start(f, w.id)));
                if can { right(s, rest, p) } else { None }
            })
        }
        Elem::Alts(alts, firsts, _) => {
            if !s
                .info
                .get(pos)
                .is_some_and(|w| Elem::may_start(*firsts, w.id))
            {
                return None;
            }
            alts.iter()
                .filter(|a| seq_at(s, pos, &a.ids))
                .find_map(|a| right(s, rest, pos + a.ids.len()))
        }
    }
}

/// Matches `elems` leftwards so that the last one ends at token `end`
/// (exclusive); returns the index of the first matched word.
fn left(s: Words, elems: &[Elem], end: usize) -> Option<usize> {
    let Some((head, rest)) = elems.split_last() else {
        return Some(end);
    };
    match head {
        Elem::Gap(_) if rest.is_empty() => Some(end),
        Elem::Gap(n) => {
            let lasts = match rest.last() {
                Some(Elem::Alts(_, _, lasts)) => Some(*lasts),
                _ => None,
            };
            gap_left(s, end, *n, |p| {
                let can = lasts.is_none_or(|l| {
                    p.checked_sub(1)
                        .and_then(|i| s.info.get(i))
                        .is_some_and(|w| Elem::may_start(l, w.id))
                });
                if can { left(s, rest, p) } else { None }
            })
        }
        Elem::Alts(alts, _, lasts) => {
            let last = end.checked_sub(1).and_then(|i| s.info.get(i));
            if !last.is_some_and(|w| Elem::may_start(*lasts, w.id)) {
                return None;
            }
            alts.iter()
                .filter(|a| a.ids.len() <= end && seq_at(s, end - a.ids.len(), &a.ids))
                .find_map(|a| left(s, rest, end - a.ids.len()))
        }
    }
}

/// Checks trigger `t` with the anchor alternative of `a` at token `at`.
pub fn check(words: Words, t: &Trigger, a: &Anchored, at: usize) -> Option<TriggerMatch> {
    let Elem::Alts(alts, _, _) = &t.elems[t.anchor] else {
        return None;
    };
    // a one-word anchor is the word whose anchor list gave `a`: only a
    // longer one is compared (the alternative is read only then, or for
    // a match)
    if a.len > 1 && !seq_at(words, at, &alts.get(a.alt)?.ids) {
        return None;
    }
    let anchor_end = at + a.len;
    let end = right(words, &t.elems[t.anchor + 1..], anchor_end)?;
    let first = left(words, &t.elems[..t.anchor], at)?;
    Some(TriggerMatch {
        trigger: a.trigger,
        first,
        last: end.max(anchor_end) - 1,
        anchor: at,
        anchor_last: anchor_end - 1,
        tenses: alts.get(a.alt)?.tenses,
    })
}

/// Keeps, among overlapping matches, the most specific one (the one
/// covering most words, then with most conditions; between a noun and a
/// verb reading of one word, the noun after a determiner and the verb
/// otherwise; then the earliest row); returns them in text order.
pub fn resolve(lex: &LangLex, sent: &Sent, mut matches: Vec<TriggerMatch>) -> Vec<TriggerMatch> {
    // `the attack`, `a wave of attacks`: a noun after a determiner or `of`
    let after_det = |m: &TriggerMatch| {
        m.anchor > 0 && (sent.is(m.anchor - 1, C::NounMarker) || sent.is(m.anchor - 1, C::PrepGen))
    };
    // positive conditions make a pattern more specific; `!` ones only exclude
    let weight = |m: &TriggerMatch| {
        let t = &lex.triggers[m.trigger];
        (m.last - m.first + 1) * 10
            + t.needs
                .iter()
                .filter(|n| !matches!(n, super::lexicon::Need::Not(_)))
                .count()
    };
    // 0 when the reading fits its context, 1 when it does not
    let misfit = |m: &TriggerMatch| usize::from(lex.triggers[m.trigger].noun != after_det(m));
    matches.sort_by(|a, b| {
        weight(b)
            .cmp(&weight(a))
            .then(misfit(a).cmp(&misfit(b)))
            .then(a.trigger.cmp(&b.trigger))
            .then(a.first.cmp(&b.first))
    });
    // the kept ones are moved to the front, in place
    let mut n = 0;
    for r in 0..matches.len() {
        let m = matches[r];
        // overlap on the anchors or on the matched words
        let clash = matches[..n].iter().any(|k| {
            (m.anchor <= k.anchor_last && k.anchor <= m.anchor_last)
                || (m.first <= k.anchor_last && k.anchor <= m.last)
                || (k.first <= m.anchor_last && m.anchor <= k.last)
        });
        if !clash {
            matches[n] = m;
            n += 1;
        }
    }
    matches.truncate(n);
    matches.sort_by_key(|m| (m.first, m.anchor));
    matches
}
