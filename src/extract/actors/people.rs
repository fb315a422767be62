//! People outside (or beyond) the gazetteer, found from cues:
//! - a title or function before the name, with its demonym, complement and
//!   an optional apposition comma: `le ministre russe des Affaires
//!   étrangères, Sergueï Lavrov`, `le colonel Sadio Camara`, `Russian
//!   Foreign Minister Sergei Lavrov`, `the Malian foreign minister Abdoulaye
//!   Diop`, `Mali's defence minister Sadio Camara`;
//! - a title after the name, in apposition: `Abdourahamane Tiani, chef du
//!   régime militaire nigérien`, `Abdoulaye Diop, Mali's foreign minister`;
//! - an honorific: `M. Gromyko`, `Mme Traoré`, `Mr. Lavrov`;
//! - a known first name followed by capitalised name words:
//!   `Mamadou Ismaïla Konaté`.
//!
//! The title phrase becomes the mention's role; its demonym, possessive or
//! `de`/`of` complement gives the country, its lexicon entry the sector.

use crate::document::{ActorKind, Span};

use super::cand::{Cand, Role, What};
use super::context::Ctx;
use super::gazetteer::EntryIdx;
use super::lexicon::TitleKind;
use super::matcher::{Hit, Pat};

/// Most words a name may have.
const MAX_NAME_WORDS: usize = 6;
/// Most tokens a title's complement may run over before the name.
const MAX_ROLE_TOKENS: usize = 14;

/// Reads a person's name starting at token `t`: capitalised words, inner
/// particles (`ould`, `ben`), `N'Diaye`-style elisions and initials.
/// Returns the token range and the number of name words.
pub fn read_name(cx: &Ctx, t: usize) -> Option<(usize, usize, usize)> {
    let mut i = t;
    let mut end = None;
    let mut words = 0;
    while i < cx.len() && words < MAX_NAME_WORDS && cx.same_sentence(t, i) {
        let tok = cx.tok(i);
        // `N'Diaye`, `O'Brien`: one capital, an apostrophe, a capitalised word.
        if tok.is_cap()
            && cx.surface(i).chars().count() == 1
            && cx.is_apostrophe(i + 1)
            && !cx.grammar(i).elision
            && cx.is_name_word(i + 2)
        {
            i += 3;
            words += 1;
            end = Some(i);
            continue;
        }
        // An initial inside a name: `Abdoulaye A. Diop`.
        if end.is_some()
            && tok.is_cap()
            && cx.surface(i).chars().count() == 1
            && cx.is_punct(i + 1, &['.'])
            && cx.is_name_word(i + 2)
        {
            i += 2;
            continue;
        }
        if cx.is_name_word(i) {
            i += 1;
            words += 1;
            end = Some(i);
            continue;
        }
        if end.is_some() && cx.is_particle(i) && cx.is_name_word(i + 1) {
            i += 1;
            continue;
        }
        break;
    }
    end.map(|e| (t, e, words))
}

/// The country of a possessive before token `t` (`Mali's`): the gazetteer
/// country ending at `t - 3`, then an apostrophe and `s`. Returns the
/// country and the first token of the possessive.
fn possessive_before(cx: &Ctx, t: usize) -> Option<(EntryIdx, usize)> {
    if t < 3 || !cx.grammar(t - 1).possessive || !cx.is_apostrophe(t - 2) {
        return None;
    }
    let h = cx.hits.gz.iter().find(|h| h.t1 == t - 2)?;
    let hits = cx.gz_at(h.t0);
    cx.country_of_hits(hits).map(|c| (c, h.t0))
}

/// Extends a title backwards over modifiers, demonyms and possessives
/// (`former`, `Malian`, `Mali's`): returns the first token of the role and
/// the country found there.
fn role_start(cx: &Ctx, title: &Hit) -> (usize, Option<EntryIdx>) {
    let mut s = title.t0;
    let mut country = None;
    loop {
        if let Some(m) = cx.title_ending_at(s)
            && cx.title_kind(m) == TitleKind::Modifier
            && cx.same_sentence(m.t0, s)
        {
            s = m.t0;
            continue;
        }
        if let Some(d) = cx
            .hits
            .demonyms
            .iter()
            .find(|d| d.t1 == s && cx.same_sentence(d.t0, s))
        {
            if let Pat::Demonym(c) = d.pat {
                country = country.or(Some(c));
            }
            s = d.t0;
            continue;
        }
        if let Some((c, p)) = possessive_before(cx, s) {
            country = country.or(Some(c));
            s = p;
            continue;
        }
        // A country name used attributively: `U.S. Secretary of State`.
        let abbrev = |h: &Hit| h.t1 + 1 == s && cx.is_punct(h.t1, &['.']);
        if let Some(h) = cx
            .hits
            .gz
            .iter()
            .find(|h| (h.t1 == s || abbrev(h)) && cx.same_sentence(h.t0, s))
            && let Some(c) = cx.country_of_hits(cx.gz_at(h.t0))
        {
            country = country.or(Some(c));
            s = h.t0;
            continue;
        }
        break;
    }
    (s, country)
}

/// What a title phrase read forwards contains.
struct Forward {
    /// One past the last token of the role.
    role_end: usize,
    /// Country named inside the role.
    country: Option<EntryIdx>,
    /// The name that follows it, if any: token range.
    name: Option<(usize, usize)>,
}

/// Reads a complement after `de`/`of` + determiners, starting at `j`:
/// a gazetteer name, or a first word and the lowercase words (or common
/// capitalised words) that follow it. Returns the token after it.
fn complement(cx: &Ctx, j: usize, country: &mut Option<EntryIdx>) -> Option<usize> {
    let hits = cx.gz_at(j);
    if let Some(h) = hits.first() {
        if country.is_none() {
            *country = cx.country_of_hits(hits);
        }
        return Some(h.t1);
    }
    if !cx.is_content_word(j) || cx.title_at(j).is_some() {
        return None;
    }
    let mut k = j + 1;
    while k < cx.len() && cx.same_sentence(j, k) {
        if let Some(d) = cx.demonym_at(k) {
            if let Pat::Demonym(c) = d.pat {
                country.get_or_insert(c);
            }
            k = d.t1;
            continue;
        }
        let tok = cx.tok(k);
        let lower_word = tok.is_word() && !tok.is_cap() && cx.is_content_word(k);
        let common_cap = tok.is_cap() && cx.false_cap(k) == Some(super::lexicon::FalseCap::Common);
        if (lower_word || common_cap) && !cx.grammar(k).of && cx.title_at(k).is_none() {
            k += 1;
        } else {
            break;
        }
    }
    Some(k)
}

/// Skips determiners and apostrophes from `j`.
fn skip_dets(cx: &Ctx, mut j: usize) -> usize {
    while j < cx.len() && (cx.grammar(j).det || cx.grammar(j).elision || cx.is_apostrophe(j)) {
        j += 1;
    }
    j
}

/// Reads forwards from the end of a title: demonyms, `de`/`of`
/// complements, coordinations, then an optional comma or dash and a name.
fn forward(cx: &Ctx, title: &Hit, want_name: bool) -> Forward {
    let mut f = Forward {
        role_end: title.t1,
        country: None,
        name: None,
    };
    let mut i = title.t1;
    while i < cx.len() && i - title.t1 < MAX_ROLE_TOKENS && cx.same_sentence(title.t0, i) {
        if let Some(d) = cx.demonym_at(i) {
            if let Pat::Demonym(c) = d.pat {
                f.country.get_or_insert(c);
            }
            i = d.t1;
            f.role_end = i;
            continue;
        }
        let g = cx.grammar(i);
        if g.of {
            match complement(cx, skip_dets(cx, i + 1), &mut f.country) {
                Some(k) => {
                    i = k;
                    f.role_end = k;
                    continue;
                }
                None => break,
            }
        }
        if g.and && cx.grammar(i + 1).of {
            i += 1;
            continue;
        }
        if !want_name {
            break;
        }
        if cx.is_punct(i, &[',', '–', '—']) {
            let j = skip_dets(cx, i + 1);
            if cx.title_at(j).is_none()
                && let Some((a, b, _)) = read_name(cx, j)
            {
                f.name = Some((a, b));
            }
            break;
        }
        if let Some((a, b, _)) = read_name(cx, i) {
            f.name = Some((a, b));
        }
        break;
    }
    f
}

/// The candidate for a name found next to a title: a gazetteer person
/// when a known name covers exactly the same words.
fn person_cand(cx: &Ctx, a: usize, b: usize, role: Option<Role>) -> Cand {
    let span = Span::new(cx.start(a), cx.end(b - 1));
    let known = cx.gz_at(a).iter().find_map(|h| match h.pat {
        Pat::Gz(e) if h.span == span && cx.gz.get(e).kind == ActorKind::Person => Some(e),
        _ => None,
    });
    let single = b - a == 1;
    let what = match known {
        Some(e) if !single => What::Gz(e),
        hint => What::Person { cued: true, hint },
    };
    Cand {
        span,
        what,
        role,
        metonym: false,
        descriptive: false,
    }
}

/// People introduced by titles and honorifics, before or after the name.
pub fn from_titles(cx: &Ctx, out: &mut Vec<Cand>) {
    for title in &cx.hits.titles {
        let entry = match title.pat {
            Pat::Title { idx, .. } => &cx.lex.titles[idx as usize],
            _ => continue,
        };
        match entry.kind {
            TitleKind::Modifier => continue,
            TitleKind::Honorific => {
                let mut j = title.t1;
                if cx.is_punct(j, &['.']) {
                    j += 1;
                }
                if let Some((a, b, _)) = read_name(cx, j) {
                    out.push(person_cand(cx, a, b, None));
                }
            }
            TitleKind::Title => {
                let (start, before_country) = role_start(cx, title);
                let fwd = forward(cx, title, true);
                let role = |cx: &Ctx| Role {
                    span: Span::new(cx.start(start), cx.end(fwd.role_end - 1)),
                    country: before_country.or(fwd.country),
                    sector: entry.sector.clone(),
                };
                if let Some((a, b)) = fwd.name {
                    out.push(person_cand(cx, a, b, Some(role(cx))));
                } else if let Some((a, b)) = name_before(cx, start) {
                    out.push(person_cand(cx, a, b, Some(role(cx))));
                }
            }
        }
    }
}

/// A name ending just before `[det] ,` at token `s`: `Tiani, chef de ...`.
/// Needs two name words or a known person, so that `Lundi, le général`
/// or `Au Mali, le ministre` stay out.
fn name_before(cx: &Ctx, s: usize) -> Option<(usize, usize)> {
    let mut c = s;
    if c > 0 && cx.grammar(c - 1).det {
        c -= 1;
    }
    if c < 2 || !cx.is_punct(c - 1, &[',']) {
        return None;
    }
    let end = c - 1;
    let mut a = end;
    while a > 0 && cx.same_sentence(a - 1, end - 1) && end - a < MAX_NAME_WORDS {
        if cx.is_name_word(a - 1)
            || (a < end && cx.is_particle(a - 1) && a - 1 > 0 && cx.is_name_word(a - 2))
        {
            a -= 1;
        } else {
            break;
        }
    }
    if a == end {
        return None;
    }
    let (a2, b, words) = read_name(cx, a)?;
    let known = cx
        .gz_at(a2)
        .iter()
        .any(|h| matches!(h.pat, Pat::Gz(e) if cx.gz.get(e).kind == ActorKind::Person));
    (b == end && (words >= 2 || known)).then_some((a2, b))
}

/// People whose name opens with a known first name: `Igor Gromyko`.
pub fn from_first_names(cx: &Ctx, out: &mut Vec<Cand>) {
    // Names do not overlap: the next one starts after the last.
    let mut next = 0;
    for t in cx.capitalised() {
        if t >= next
            && cx.names.is_first_name(cx.fold(t))
            && cx.is_name_word(t)
            && let Some((a, b, words)) = read_name(cx, t)
            && words >= 2
        {
            out.push(Cand {
                span: Span::new(cx.start(a), cx.end(b - 1)),
                what: What::Person {
                    cued: false,
                    hint: None,
                },
                role: None,
                metonym: false,
                descriptive: false,
            });
            next = b;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testdata::{C, Case, L, P, check, w};

    #[test]
    fn french_people_from_titles_honorifics_and_first_names() {
        check(vec![
            Case {
                name: "rank before the name",
                lang: "fr",
                text: "Le colonel Sadio Camara a inspecté les troupes.",
                want: vec![w("Sadio Camara", "Sadio Camara", P).role("colonel")],
                absent: vec!["Le colonel"],
            },
            Case {
                name: "apposition with demonym and complement",
                lang: "fr",
                text: "Le ministre nigérien des Affaires étrangères, Bakary Yaou Sangaré, a salué l'accord.",
                want: vec![
                    w("Bakary Yaou Sangaré", "Bakary Yaou Sangaré", P)
                        .country("NER")
                        .role("ministre nigérien des Affaires étrangères"),
                ],
                absent: vec!["Affaires"],
            },
            Case {
                name: "counterpart with demonym",
                lang: "fr",
                text: "Il a reçu son homologue malien Abdoulaye Diop mardi.",
                want: vec![w("Abdoulaye Diop", "Abdoulaye Diop", P).country("MLI")],
                absent: vec![],
            },
            Case {
                name: "title after the name",
                lang: "fr",
                text: "Hier, Moussa Kanté Diarra, chef du gouvernement malien, a démissionné.",
                want: vec![w("Moussa Kanté Diarra", "Moussa Kanté Diarra", P).country("MLI")],
                absent: vec!["Hier"],
            },
            Case {
                name: "titles before and after one name",
                lang: "fr",
                text: "Le général Oumarou Tchiana, chef de la junte nigérienne, a parlé.",
                want: vec![
                    w("Oumarou Tchiana", "Oumarou Tchiana", P)
                        .country("NER")
                        .role("général"),
                ],
                absent: vec![],
            },
            Case {
                name: "first name without title",
                lang: "fr",
                text: "Pour le juriste, Mamadou Ismaïla Konaté, rien ne change.",
                want: vec![w("Mamadou Ismaïla Konaté", "Mamadou Ismaïla Konaté", P)],
                absent: vec![],
            },
            Case {
                name: "honorific short form links to the full name",
                lang: "fr",
                text: "Piotr Malinine est arrivé à Gao. Selon M. Malinine, la route est ouverte. Malinine repart demain.",
                want: vec![
                    w("Piotr Malinine", "Piotr Malinine", P),
                    w("Malinine", "Piotr Malinine", P),
                ],
                absent: vec![],
            },
            Case {
                name: "rank chain keeps the nearest title",
                lang: "fr",
                text: "La délégation était menée par le vice-ministre russe de la Défense, le colonel-général Iounous Bek-Evkourov.",
                want: vec![
                    w("Iounous Bek-Evkourov", "Iounous Bek-Evkourov", P).role("colonel-général"),
                ],
                absent: vec!["Défense"],
            },
            Case {
                name: "vice-prime minister with complement",
                lang: "fr",
                text: "Le vice-Premier ministre en charge de l'Énergie, Alexandre Novak, a signé.",
                want: vec![w("Alexandre Novak", "Alexandre Novak", P)],
                absent: vec!["Énergie"],
            },
            Case {
                name: "titles without a name are not actors",
                lang: "fr",
                text: "Le ministre russe de la Défense a rencontré le chef de la diplomatie.",
                want: vec![],
                absent: vec!["ministre", "Défense", "chef"],
            },
        ]);
    }

    #[test]
    fn english_people_titles_and_resolution() {
        check(vec![
            Case {
                name: "capitalised title with demonym",
                lang: "en",
                text: "Russian Foreign Minister Sergei Lavrov arrived on Tuesday.",
                want: vec![
                    w("Sergei Lavrov", "Sergueï Lavrov", P)
                        .country("RUS")
                        .role("Russian Foreign Minister"),
                ],
                absent: vec!["Tuesday", "Russian"],
            },
            Case {
                name: "lowercase title with demonym",
                lang: "en",
                text: "He met the Malian foreign minister Abdoulaye Diop in Bamako.",
                want: vec![
                    w("Abdoulaye Diop", "Abdoulaye Diop", P)
                        .country("MLI")
                        .role("Malian foreign minister"),
                    w("Bamako", "Bamako", L),
                ],
                absent: vec![],
            },
            Case {
                name: "attributive country name",
                lang: "en",
                text: "U.S. Secretary of State Marco Rubio spoke to Chad President Mahamat Deby.",
                want: vec![
                    w("Marco Rubio", "Marco Rubio", P)
                        .country("USA")
                        .role("U.S. Secretary of State"),
                    w("Mahamat Deby", "Mahamat Deby", P).country("TCD"),
                ],
                absent: vec![],
            },
            Case {
                name: "possessive country",
                lang: "en",
                text: "Mali's defence minister Sadio Camara visited the base.",
                want: vec![
                    w("Sadio Camara", "Sadio Camara", P)
                        .country("MLI")
                        .role("Mali's defence minister"),
                    w("Mali", "Mali", C),
                ],
                absent: vec![],
            },
            Case {
                name: "apposition after the name",
                lang: "en",
                text: "Tiemoko Sangare Coulibaly, Mali's energy minister, said the deal was signed.",
                want: vec![
                    w("Tiemoko Sangare Coulibaly", "Tiemoko Sangare Coulibaly", P).country("MLI"),
                ],
                absent: vec![],
            },
            Case {
                name: "abbreviated rank and honorific",
                lang: "en",
                text: "Gen. Abdourahamane Tiani received Alexander Novak. Mr. Novak said the plant would be built.",
                want: vec![
                    w("Abdourahamane Tiani", "Abdourahamane Tiani", P).country("NER"),
                    w("Alexander Novak", "Alexander Novak", P),
                    w("Novak", "Alexander Novak", P),
                ],
                absent: vec![],
            },
            Case {
                name: "shared surname",
                lang: "en",
                text: "Captain Ibrahim Traore met singer Aminata Traore. Traore smiled.",
                want: vec![
                    w("Ibrahim Traore", "Ibrahim Traoré", P),
                    w("Aminata Traore", "Aminata Traore", P),
                ],
                absent: vec!["Traore smiled"],
            },
            Case {
                name: "title words inside other names",
                lang: "en",
                text: "General Motors and the Premier League signed; the General Staff agreed.",
                want: vec![],
                absent: vec!["Motors", "League", "Staff"],
            },
            Case {
                name: "sentence openers and months",
                lang: "en",
                text: "However, the talks stalled. On Monday, officials met. In March, The Defence and Interior portfolios changed.",
                want: vec![],
                absent: vec!["However", "Monday", "March", "Defence", "Interior"],
            },
        ]);
    }
}
