//! The date of an event: a date expression in the trigger's clause (the
//! nearest one to the trigger), else one elsewhere in the sentence that no
//! other event's clause holds, else none. The publication date is never
//! used: an event whose text gives no date has none.

use crate::document::Document;

use super::clause::Sent;

/// Picks a date for the event whose trigger covers tokens `[first, last]`
/// in the clause `[clause_start, clause_end)`; `others` are the clauses of
/// the sentence's other events. Returns an index into `Document::dates`.
pub fn attach(
    doc: &Document,
    sent: &Sent,
    first: usize,
    last: usize,
    clause: (usize, usize),
    others: &[(usize, usize)],
) -> Option<usize> {
    let distance = |(a, b, _): &(usize, usize, usize)| {
        if *b < first {
            // dates before the trigger are slightly less likely to be its own
            (first - b) * 2 + 1
        } else {
            a.saturating_sub(last) * 2
        }
    };
    let valued = |(_, _, i): &&(usize, usize, usize)| doc.dates[*i].value.is_some();
    let nearest = |cands: Vec<&(usize, usize, usize)>| {
        cands
            .iter()
            .copied()
            .filter(valued)
            .min_by_key(|d| distance(d))
            .or_else(|| cands.iter().copied().min_by_key(|d| distance(d)))
            .map(|d| d.2)
    };
    let in_clause: Vec<_> = sent
        .dates
        .iter()
        .filter(|(a, b, _)| *a >= clause.0 && *b < clause.1)
        .collect();
    if !in_clause.is_empty() {
        return nearest(in_clause);
    }
    let free: Vec<_> = sent
        .dates
        .iter()
        .filter(|(a, _, _)| !others.iter().any(|(s, e)| a >= s && a < e))
        .collect();
    nearest(free)
}
