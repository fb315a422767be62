//! One row per event: repeated mentions of the same event in an article
//! (same category and mode, a shared source or target, compatible dates;
//! for statements, the same speaker and recipient) are merged into the
//! first mention, which gains the date, target and location the later
//! mentions add. Two acts of one sentence stay two events, except a noun
//! with no participant (`une conférence s'est tenue`) and the clause that
//! names them (`réunissant des représentants de ...`).

use std::cell::OnceCell;

use crate::document::Document;
use crate::plover;

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

/// True when `b` reports the same event as `a`; `same_word` tells whether
/// their triggers fold to the same words (asked only when it matters:
/// folding is the costly test, and merging folds each trigger once).
fn compatible(a: &Draft, b: &Draft, doc: &Document, same_word: impl Fn() -> bool) -> bool {
    if a.event_type != b.event_type || !dates_compatible(a, b, doc) {
        return false;
    }
    let empty = |d: &Draft| d.sources.is_empty() && d.targets.is_empty();
    if empty(a) || empty(b) {
        // an event with no participant (`une conférence s'est tenue`) only
        // merges with the one its own sentence gives participants to
        return a.sentence == b.sentence;
    }
    // two acts in one sentence are two acts
    if a.sentence == b.sentence {
        return false;
    }
    if a.mode != b.mode {
        return false;
    }
    // a meeting of several parties is not a visit to one of them, and two
    // meetings of the same parties are one only on the same day or by the same word
    let reciprocal = |d: &Draft| d.targets.is_empty() && d.sources.len() > 1;
    if (reciprocal(a) && !b.targets.is_empty()) || (reciprocal(b) && !a.targets.is_empty()) {
        return false;
    }
    let same_day = a.date.is_some() && b.date.is_some();
    if (reciprocal(a) || reciprocal(b)) && !same_day && !same_word() {
        return false;
    }
    let fits = |x: &[Part], y: &[Part]| x.is_empty() || y.is_empty() || overlap(x, y, doc);
    if !fits(&a.sources, &b.sources) || !fits(&a.targets, &b.targets) {
        return false;
    }
    if plover::quad_class(&a.event_type).is_some_and(|q| q.starts_with("verbal"))
        && a.event_type != "CONSULT"
    {
        // statements repeat less than deeds: the same speaker and recipient,
        // said the same day, in the same words, or restated in a quotation
        let fits_targets =
            a.targets.is_empty() || b.targets.is_empty() || overlap(&a.targets, &b.targets, doc);
        let quoted = a.quoted || b.quoted;
        return overlap(&a.sources, &b.sources, doc)
            && (overlap(&a.targets, &b.targets, doc)
                || (a.targets.is_empty() && b.targets.is_empty())
                || (quoted && fits_targets))
            && (same_day || same_word() || quoted);
    }
    overlap(&a.sources, &b.sources, doc) || overlap(&a.targets, &b.targets, doc)
}

/// Merges repeated mentions, keeping the first mention's evidence.
pub fn merge(drafts: Vec<Draft>, doc: &Document) -> Vec<Draft> {
    let mut out: Vec<Draft> = Vec::with_capacity(drafts.len());
    // the folded trigger of each kept draft, once asked
    let mut keys: Vec<OnceCell<String>> = Vec::with_capacity(drafts.len());
    let fold = crate::text::fold::fold;
    for d in drafts {
        let key = OnceCell::new();
        let found = out.iter().zip(&keys).position(|(k, kk)| {
            compatible(k, &d, doc, || {
                kk.get_or_init(|| fold(&k.trigger)) == key.get_or_init(|| fold(&d.trigger))
            })
        });
        match found.map(|i| &mut out[i]) {
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
            None => {
                out.push(d);
                keys.push(key);
            }
        }
    }
    out
}
