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
    let tok = cx.tok(t);
    tok.is_cap()
        && !matches!(
            cx.false_cap(t),
            Some(FalseCap::Function | FalseCap::Calendar)
        )
}

/// Most lowercase words in a row inside a name, between words it may end on.
const MAX_LOOSE: usize = 2;

/// A lowercase content word that may sit inside a name but not end it.
fn loose_word(cx: &Ctx, t: usize) -> bool {
    let tok = cx.tok(t);
    tok.is_word()
        && !tok.is_cap()
        && tok.flags & super::scan::ALPHA != 0
        && cx.is_content_word(t)
        && cx.grammar(t) == Default::default()
        && cx.title_at(t).is_none()
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
    // Lowercase words read since the last word a name may end on
    // (`Parti pour la renaissance nationale`): kept only if one follows.
    let mut loose = 0;
    while i < cx.len() && i - head_tok <= MAX_TAIL && cx.same_sentence(head_tok, i) {
        let hits = cx.gz_at(i);
        let person =
            |h: &Hit| matches!(h.pat, Pat::Gz(e) if cx.gz.get(e).kind == ActorKind::Person);
        if hits.iter().any(person) {
            break;
        }
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
        let tok = cx.tok(i);
        let org_word = tok.is_word() && !tok.is_cap() && cx.lex.org_words.contains(cx.fold(i));
        if org_word || (cap_word(cx, i) && !cx.names.is_first_name(cx.fold(i))) {
            t.other_words = true;
            i += 1;
            t.end = i;
            loose = 0;
            continue;
        }
        if links > 0 && loose < MAX_LOOSE && loose_word(cx, i) {
            loose += 1;
            i += 1;
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
                    || cx.lex.org_words.contains(cx.fold(j))
                    || (g.of && loose_word(cx, j)));
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
    for h in cx.capitalised() {
        let Some(head) = cx.lex.head(cx.fold(h)) else {
            continue;
        };
        // `Secretary of State`: a head inside a title is part of the title.
        if cx.in_title(h) {
            continue;
        }
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
            let tok = cx.tok(i);
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
        if entry.kind == ActorKind::Organization && cx.tok(i).is_cap() && cx.grammar(i).det {
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

#[cfg(test)]
mod tests {
    use super::super::testdata::{C, Case, L, O, P, check, w};

    #[test]
    fn french_organisations_from_heads_and_descriptors() {
        check(vec![
            Case {
                name: "head with lowercase word and country",
                lang: "fr",
                text: "L'Armée nationale du Mali a repris la ville.",
                want: vec![
                    w("Armée nationale du Mali", "Armée nationale du Mali", O).country("MLI"),
                ],
                absent: vec![],
            },
            Case {
                name: "head with demonym",
                lang: "fr",
                text: "Les Forces armées maliennes ont riposté.",
                want: vec![
                    w("Forces armées maliennes", "Forces armées maliennes", O).country("MLI"),
                ],
                absent: vec![],
            },
            Case {
                name: "acronym in parentheses recurs",
                lang: "fr",
                text: "Le Mouvement national de libération de l'Azawad (MNLA) a attaqué. Le MNLA dément.",
                want: vec![
                    w(
                        "Mouvement national de libération de l'Azawad",
                        "Mouvement national de libération de l'Azawad",
                        O,
                    ),
                    w("MNLA", "Mouvement national de libération de l'Azawad", O),
                ],
                absent: vec![],
            },
            Case {
                name: "head naming its inner actor",
                lang: "fr",
                text: "L'État du Mali et la Confédération de l'Alliance des États du Sahel ont signé.",
                want: vec![
                    w("État du Mali", "Mali", C),
                    w(
                        "Confédération de l'Alliance des États du Sahel",
                        "Alliance des États du Sahel",
                        O,
                    ),
                ],
                absent: vec![],
            },
            Case {
                name: "descriptors",
                lang: "fr",
                text: "Selon le site d'information Mondafrique et la page Telegram officielle du groupe, la localité malienne de Tessalit est tombée.",
                want: vec![
                    w("Mondafrique", "Mondafrique", O),
                    w("Telegram", "Telegram", O),
                    w("Tessalit", "Tessalit", L).country("MLI"),
                ],
                absent: vec![],
            },
            Case {
                name: "elided gazetteer names",
                lang: "fr",
                text: "Les pays de l'AES ont accueilli des membres d'Africa Corps.",
                want: vec![
                    w("AES", "Alliance des États du Sahel", O),
                    w("Africa Corps", "Africa Corps", O),
                ],
                absent: vec![],
            },
            Case {
                name: "a gazetteer description needs the actor to be named",
                lang: "fr",
                text: "L'armée malienne a riposté.",
                want: vec![],
                absent: vec!["armée"],
            },
            Case {
                name: "a gazetteer description links to the named actor",
                lang: "fr",
                text: "Les FAMa ont annoncé un bilan. Selon l'armée malienne, dix assaillants sont morts.",
                want: vec![
                    w("FAMa", "Forces armées maliennes", O),
                    w("armée malienne", "Forces armées maliennes", O),
                ],
                absent: vec![],
            },
            Case {
                name: "lowercase words inside a name and a capitalised acronym",
                lang: "fr",
                text: "Le Parti pour la renaissance nationale (Parena) a saisi la justice. Le Parena attend.",
                want: vec![
                    w(
                        "Parti pour la renaissance nationale",
                        "Parti pour la renaissance nationale",
                        O,
                    ),
                    w("Parena", "Parti pour la renaissance nationale", O),
                ],
                absent: vec!["justice"],
            },
            Case {
                name: "a verb after a head ends nothing",
                lang: "fr",
                text: "Le Conseil réclame la souveraineté nationale. Le Groupe a été dissous.",
                want: vec![],
                absent: vec!["Conseil", "Groupe"],
            },
            Case {
                name: "lowercase head is not a name",
                lang: "fr",
                text: "Le ministère russe a publié une photo.",
                want: vec![],
                absent: vec!["ministère"],
            },
        ]);
    }

    #[test]
    fn english_places_and_organisations() {
        check(vec![
            Case {
                name: "metonym and place",
                lang: "en",
                text: "Moscow said it would help. The delegation stayed in Moscow.",
                want: vec![w("Moscow", "Russie", C)],
                absent: vec![],
            },
            Case {
                name: "closing heads and of-complements",
                lang: "en",
                text: "The Malian Armed Forces and the Ministry of Defence denied it, as did the Wagner Group.",
                want: vec![
                    w("Malian Armed Forces", "Forces armées maliennes", O).country("MLI"),
                    w("Ministry of Defence", "Ministry of Defence", O),
                    w("Wagner Group", "Wagner", O),
                ],
                absent: vec![],
            },
            Case {
                name: "place descriptor and head naming the inner country",
                lang: "en",
                text: "Fighting hit the town of Menaka, in the Republic of Niger, not Nigeria.",
                want: vec![
                    w("Menaka", "Menaka", L),
                    w("Republic of Niger", "Niger", C),
                    w("Nigeria", "Nigeria", C),
                ],
                absent: vec![],
            },
            Case {
                name: "a head inside a title belongs to the title",
                lang: "en",
                text: "Secretary of State Antony Blinken called the State Department.",
                want: vec![w("Antony Blinken", "Antony Blinken", P).role("Secretary of State")],
                absent: vec!["State Antony"],
            },
            Case {
                name: "a place name that is a grammar word needs capitals",
                lang: "en",
                text: "Russia Sends Troops To Mali. The TO route was cut.",
                want: vec![w("Russia", "Russie", C), w("Mali", "Mali", C)],
                absent: vec!["To"],
            },
            Case {
                name: "acronyms are case-sensitive",
                lang: "en",
                text: "The UN and ECOWAS met; un-named aes were not.",
                want: vec![
                    w("UN", "Organisation des Nations unies", O),
                    w(
                        "ECOWAS",
                        "Communauté économique des États de l'Afrique de l'Ouest",
                        O,
                    ),
                ],
                absent: vec!["un-named", "aes"],
            },
        ]);
    }
}
