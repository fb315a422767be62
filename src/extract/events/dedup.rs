//! One row per event: repeated mentions of the same event in an article
//! (same category, compatible mode, a shared source or target, compatible
//! dates) are merged into the first mention, which gains the date, target,
//! location and mode the later mentions add.

use crate::document::Document;

use super::build::Draft;
use super::structure::Part;

fn same(a: &Part, b: &Part, doc: &Document) -> bool {
    a == b
        || match (a.country(doc), b.country(doc)) {
            (Some(x), Some(y)) => x == y,
            _ => false,
        }
}

fn overlap(a: &[Part], b: &[Part], doc: &Document) -> bool {
    a.iter().any(|x| b.iter().any(|y| same(x, y, doc)))
}

fn dates_compatible(a: &Draft, b: &Draft, doc: &Document) -> bool {
    let (Some(x), Some(y)) = (a.date, b.date) else {
        return true;
    };
    let (dx, dy) = (&doc.dates[x], &doc.dates[y]);
    if dx.value == dy.value {
        return true;
    }
    match (dx.start_date, dx.end_date, dy.start_date, dy.end_date) {
        (Some(s1), Some(e1), Some(s2), Some(e2)) => s1 <= e2 && s2 <= e1,
        _ => false,
    }
}

/// True when `b` reports the same event as `a`.
fn compatible(a: &Draft, b: &Draft, doc: &Document) -> bool {
    if a.event_type != b.event_type {
        return false;
    }
    if let (Some(x), Some(y)) = (&a.mode, &b.mode)
        && x != y
    {
        return false;
    }
    if !dates_compatible(a, b, doc) {
        return false;
    }
    let fits = |x: &[Part], y: &[Part]| x.is_empty() || y.is_empty() || overlap(x, y, doc);
    if !fits(&a.sources, &b.sources) || !fits(&a.targets, &b.targets) {
        return false;
    }
    let empty = |d: &Draft| d.sources.is_empty() && d.targets.is_empty();
    if empty(a) || empty(b) {
        // an event with no participant only merges within its sentence
        return a.sentence == b.sentence;
    }
    overlap(&a.sources, &b.sources, doc) || overlap(&a.targets, &b.targets, doc)
}

/// Merges repeated mentions, keeping the first mention's evidence.
pub fn merge(drafts: Vec<Draft>, doc: &Document) -> Vec<Draft> {
    let mut out: Vec<Draft> = Vec::with_capacity(drafts.len());
    for d in drafts {
        match out.iter_mut().find(|k| compatible(k, &d, doc)) {
            Some(k) => {
                if k.sources.is_empty() {
                    k.sources = d.sources;
                }
                if k.targets.is_empty() {
                    k.targets = d.targets;
                }
                k.location = k.location.or(d.location);
                k.date = k.date.or(d.date);
                if k.mode.is_none() {
                    k.mode = d.mode;
                }
                k.confidence = k.confidence.max(d.confidence);
            }
            None => out.push(d),
        }
    }
    out
}
