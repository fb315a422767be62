//! Organisations and places outside the gazetteer, found from their head
//! noun or from a descriptor:
//! - a capitalised head opening the name, continued by capitalised words,
//!   institution words, demonyms and `de`/`of` links: `Ministère de la
//!   Défense`, `Armée nationale du Mali`, `Forces armées maliennes`,
//!   `Ministry of Defence`, `Golfe de Guinée`;
//! - a head closing a run of capitalised words (English): `Wagner Group`,
//!   `Malian Armed Forces`, `Russian Defence Ministry`;
//! - a descriptor followed by a capitalised name: `le site pro-russe
//!   African Initiative`, `la page Telegram`, `the town of Menaka`.
//!
//! `HEAD de X`, where X is a gazetteer actor and the head names the same
//! thing (`République du Niger`, `Fédération de Russie`, `Confédération de
//! l'AES`), is a mention of X itself.

use crate::document::{ActorKind, Span};

use super::cand::{Cand, What};
use super::context::Ctx;
use super::gazetteer::EntryIdx;
use super::lexicon::{FalseCap, Head};
use super::matcher::{Hit, Pat};

/// Most tokens an organisation name may have after its head.
const MAX_TAIL: usize = 12;
/// Most capitalised words before a closing head.
const MAX_LEAD: usize = 5;

/// True when token `t` may continue a capitalised name: a capitalised word
/// that is not a grammar or calendar word.
fn cap_word(cx: &Ctx, t: usize) -> bool {
    let tok = cx.scan.tokens[t];
    tok.is_cap()
        && !matches!(
            cx.false_cap(t),
            Some(FalseCap::Function | FalseCap::Calendar)
        )
}

/// What the words after a head contain.
struct Tail {
    /// One past the last token of the name (the head itself when empty).
    end: usize,
    /// Country named inside (gazetteer country or demonym).
    country: Option<EntryIdx>,
    /// The tail is `de` + one gazetteer actor and nothing else.
    sole_inner: bool,
    /// That actor's hits.
    inner: Vec<Hit>,
    /// Whether anything other than links and one gazetteer name was read.
    other_words: bool,
}

fn country_of(cx: &Ctx, hits: &[Hit]) -> Option<EntryIdx> {
    cx.country_of_hits(hits).or_else(|| {
        hits.iter().find_map(|h| match h.pat {
            Pat::Gz(e) => {
                let iso = cx.gz.get(e).country.as_deref()?;
                cx.gz
                    .entries
                    .iter()
                    .position(|c| c.kind == ActorKind::Country && c.country.as_deref() == Some(iso))
                    .map(|i| i as EntryIdx)
            }
            _ => None,
        })
    })
}

/// Reads the continuation of a name from token `i` (just after the head).
fn tail(cx: &Ctx, head_tok: usize) -> Tail {
    let mut t = Tail {
        end: head_tok + 1,
        country: None,
        sole_inner: false,
        inner: Vec::new(),
        other_words: false,
    };
    let mut i = head_tok + 1;
    let mut links = 0;
    while i < cx.len() && i - head_tok <= MAX_TAIL && cx.same_sentence(head_tok, i) {
        let hits = cx.gz_at(i);
        if let Some(h) = hits.first() {
            if t.country.is_none() {
                t.country = country_of(cx, hits);
            }
            if !t.inner.is_empty() {
                t.other_words = true;
            }
            t.inner = hits.to_vec();
            i = h.t1;
            t.end = i;
            continue;
        }
        if let Some(d) = cx.demonym_at(i) {
            if let Pat::Demonym(c) = d.pat {
                t.country.get_or_insert(c);
            }
            t.other_words = true;
            i = d.t1;
            t.end = i;
            continue;
        }
        let tok = cx.scan.tokens[i];
        let org_word = tok.is_word() && !tok.is_cap() && cx.lex.org_words.contains(cx.fold(i));
        if org_word || (cap_word(cx, i) && !cx.names.is_first_name(cx.fold(i))) {
            t.other_words = true;
            i += 1;
            t.end = i;
            continue;
        }
        let g = cx.grammar(i);
        if g.of || g.and {
            // `de la`, `of the`: determiners may follow `de`/`of`; after
            // `et`/`and` only a link or a name word may (`et des Finances`),
            // so `X et la Confédération` stays two names.
            let mut j = i + 1;
            while j < cx.len()
                && (cx.grammar(j).of
                    || (!g.and || cx.grammar(j - 1).of)
                        && (cx.grammar(j).det || cx.is_apostrophe(j)))
            {
                j += 1;
            }
            let next_ok = j < cx.len()
                && (!cx.gz_at(j).is_empty()
                    || cap_word(cx, j)
                    || cx.lex.org_words.contains(cx.fold(j)));
            if next_ok {
                if g.and {
                    t.other_words = true;
                }
                links += 1;
                i = j;
                continue;
            }
        }
        break;
    }
    if !t.inner.is_empty() && !t.other_words && links == 1 {
        t.sole_inner = true;
    }
    t
}

/// The candidate of a head at `head_tok` whose name spans `[start, tail)`.
fn head_cand(cx: &Ctx, head: &Head, start: usize, tl: &Tail) -> Cand {
    let span = Span::new(cx.start(start), cx.end(tl.end - 1));
    if head.same_as_inner && tl.sole_inner && start + 1 < tl.end {
        let inner = tl.inner.iter().find_map(|h| match h.pat {
            Pat::Gz(e) => Some(What::Gz(e)),
            Pat::Capital(e) => Some(What::Metonym(e)),
            _ => None,
        });
        if let Some(what) = inner {
            return Cand {
                span,
                what,
                role: None,
                metonym: false,
                descriptive: false,
            };
        }
    }
    Cand {
        span,
        what: What::New {
            kind: head.kind,
            country: tl.country,
            sector: head.sector.clone(),
        },
        role: None,
        metonym: false,
        descriptive: false,
    }
}

/// Organisations and places named by a head noun.
pub fn from_heads(cx: &Ctx, out: &mut Vec<Cand>) {
    for h in 0..cx.len() {
        let tok = cx.scan.tokens[h];
        if !tok.is_cap() {
            continue;
        }
        let Some(head) = cx.lex.heads.get(cx.fold(h)) else {
            continue;
        };
        // Capitalised words before a closing head (`Malian Armed Forces`).
        let mut start = h;
        if head.position.last {
            while start > 0
                && h - start < MAX_LEAD
                && cx.same_sentence(start - 1, h)
                && (cap_word(cx, start - 1) || cx.demonym_at(start - 1).is_some())
            {
                start -= 1;
            }
            // A sentence-initial word alone before the head may be a
            // sentence opener; keep it only inside a longer run.
            if start + 1 == h && start > 0 && !cx.same_sentence(start - 1, start) {
                start = h;
            }
        }
        let tl = if head.position.first {
            tail(cx, h)
        } else {
            Tail {
                end: h + 1,
                country: None,
                sole_inner: false,
                inner: Vec::new(),
                other_words: false,
            }
        };
        if start == h && tl.end == h + 1 {
            continue;
        }
        let mut cand = head_cand(cx, head, start, &tl);
        if let What::New { country, .. } = &mut cand.what
            && country.is_none()
        {
            *country = (start..h).find_map(|t| match cx.demonym_at(t)?.pat {
                Pat::Demonym(c) => Some(c),
                _ => None,
            });
        }
        out.push(cand);
    }
}

/// Organisations and places introduced by a descriptor.
pub fn from_cues(cx: &Ctx, out: &mut Vec<Cand>) {
    for cue in &cx.hits.cues {
        let entry = match cue.pat {
            Pat::Cue { idx, .. } => &cx.lex.cues[idx as usize],
            _ => continue,
        };
        let mut i = cue.t1;
        let mut country = None;
        let mut skipped = 0;
        // Up to two lowercase words or demonyms: `pro-russe`, `malienne`.
        while i < cx.len() && skipped < 2 && cx.same_sentence(cue.t0, i) {
            if let Some(d) = cx.demonym_at(i) {
                if let Pat::Demonym(c) = d.pat {
                    country.get_or_insert(c);
                }
                i = d.t1;
                skipped += 1;
                continue;
            }
            let tok = cx.scan.tokens[i];
            if tok.is_word() && !tok.is_cap() && cx.is_content_word(i) && !cx.grammar(i).of {
                i += 1;
                skipped += 1;
                continue;
            }
            break;
        }
        if i < cx.len() && cx.grammar(i).of {
            i += 1;
            while i < cx.len() && (cx.grammar(i).det || cx.is_apostrophe(i)) {
                i += 1;
            }
        }
        if i >= cx.len() || !cx.same_sentence(cue.t0, i) || cx.in_gz(i) {
            continue;
        }
        // A name may open with its article: `le journal Le Monde`,
        // `le quotidien L'Observateur Paalga`.
        let mut end = i;
        if entry.kind == ActorKind::Organization && cx.scan.tokens[i].is_cap() && cx.grammar(i).det
        {
            let next = if cx.is_apostrophe(i + 1) {
                i + 2
            } else {
                i + 1
            };
            if next < cx.len() && cap_word(cx, next) && cx.false_cap(next).is_none() {
                end = next;
            }
        }
        while end < cx.len()
            && end - i < 4
            && cx.same_sentence(i, end)
            && !cx.in_gz(end)
            && cap_word(cx, end)
            && cx.false_cap(end).is_none()
            && cx.title_at(end).is_none()
        {
            end += 1;
        }
        if end == i {
            continue;
        }
        out.push(Cand {
            span: Span::new(cx.start(i), cx.end(end - 1)),
            what: What::New {
                kind: entry.kind,
                country,
                sector: entry.sector.clone(),
            },
            role: None,
            metonym: false,
            descriptive: false,
        });
    }
}
