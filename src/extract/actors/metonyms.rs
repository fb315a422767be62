//! Gazetteer matches become candidates, and capitals are read in context:
//! after a locative preposition (`à Niamey`, `in Bamako`, `près de Gao`) a
//! capital is the PLACE; elsewhere (`Moscou a envoyé`, `l'aide de Moscou`,
//! `Washington said`) it stands for its country's government: the COUNTRY
//! actor, flagged as a metonym. A country name is always the country, a
//! metonym when not in a locative position (`la Russie a annoncé`).

use crate::document::ActorKind;

use super::cand::{Cand, What};
use super::context::Ctx;
use super::lexicon::FalseCap;
use super::matcher::Pat;

/// True when the word before token `t` makes it a location: a locative
/// preposition (`à`, `in`), or `de`/`of` after a location noun (`près de`,
/// `outskirts of`).
pub fn is_locative(cx: &Ctx, t: usize) -> bool {
    if t == 0 {
        return false;
    }
    let mut p = t - 1;
    while p > 0 && (cx.is_apostrophe(p) || cx.grammar(p).det) && cx.same_sentence(p, t) {
        p -= 1;
    }
    if !cx.same_sentence(p, t) || !cx.tok(p).is_word() {
        return false;
    }
    let g = cx.grammar(p);
    if g.locative {
        return true;
    }
    if g.of && p > 0 {
        let mut q = p - 1;
        while q > 0 && (cx.is_apostrophe(q) || cx.grammar(q).det) {
            q -= 1;
        }
        return cx.same_sentence(q, t) && cx.grammar(q).locnoun;
    }
    false
}

/// Ranks entry kinds when one name has several entries.
fn kind_rank(k: ActorKind) -> u8 {
    match k {
        ActorKind::Country => 0,
        ActorKind::Organization => 1,
        ActorKind::Person => 2,
        ActorKind::Place => 3,
    }
}

/// One candidate per gazetteer match (hits with the same span are one match).
pub fn from_gazetteer(cx: &Ctx, out: &mut Vec<Cand>) {
    let hits = &cx.hits.gz;
    let mut i = 0;
    while i < hits.len() {
        let span = hits[i].span;
        let n = hits[i..].iter().take_while(|h| h.span == span).count();
        let group = &hits[i..i + n];
        i += n;
        let t0 = group[0].t0;
        // A one-word name that is also a grammar or calendar word of the
        // language (`To` in a title-case headline, place `Tô`) needs capitals.
        if group[0].t1 - t0 == 1
            && !cx.tok(t0).is_upper()
            && matches!(
                cx.false_cap(t0),
                Some(FalseCap::Function | FalseCap::Calendar)
            )
        {
            continue;
        }
        let locative = is_locative(cx, t0);
        let capital = group.iter().find_map(|h| match h.pat {
            Pat::Capital(c) => Some(c),
            _ => None,
        });
        let entries = || {
            group.iter().filter_map(|h| match h.pat {
                Pat::Gz(e) => Some(e),
                _ => None,
            })
        };
        // The entry of the best kind (then the first listed), and the
        // first place entry.
        let best = entries().min_by_key(|&e| (kind_rank(cx.gz.get(e).kind), e));
        let place = entries()
            .filter(|&e| cx.gz.get(e).kind == ActorKind::Place)
            .min();
        let (what, metonym) = match (capital, best) {
            (Some(c), _) if !locative => (What::Metonym(c), true),
            (Some(c), _) => (place.map_or(What::CapitalPlace(c), What::Gz), false),
            (None, Some(e)) => {
                let entry = cx.gz.get(e);
                match entry.kind {
                    ActorKind::Country => (What::Gz(e), !locative),
                    ActorKind::Person if group[0].t1 - t0 == 1 => (
                        What::Person {
                            cued: false,
                            hint: Some(e),
                        },
                        false,
                    ),
                    _ => (What::Gz(e), false),
                }
            }
            (None, None) => continue,
        };
        let descriptive = group.iter().all(|h| h.lower_form)
            && matches!(&what, What::Gz(e) if matches!(
                cx.gz.get(*e).kind,
                ActorKind::Organization | ActorKind::Person
            ));
        out.push(Cand {
            span,
            what,
            role: None,
            metonym,
            descriptive,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::testdata::{C, Case, check, describe, w};
    use crate::document::ActorKind;

    #[test]
    fn french_places_countries_and_metonyms() {
        check(vec![
            Case {
                name: "Niger and Nigeria",
                lang: "fr",
                text: "Le Niger et le Nigeria ont signé un accord sur le fleuve.",
                want: vec![
                    w("Niger", "Niger", C).country("NER"),
                    w("Nigeria", "Nigeria", C).country("NGA"),
                ],
                absent: vec![],
            },
            Case {
                name: "Guinea family",
                lang: "fr",
                text: "La Guinée, la Guinée-Bissau et la Guinée équatoriale ont voté.",
                want: vec![
                    w("Guinée", "Guinée", C),
                    w("Guinée-Bissau", "Guinée-Bissau", C),
                    w("Guinée équatoriale", "Guinée équatoriale", C),
                ],
                absent: vec![],
            },
            Case {
                name: "capital as government, then as place",
                lang: "fr",
                text: "Moscou a envoyé des armes. L'aide de Moscou est arrivée. Le ministre est arrivé à Moscou.",
                want: vec![w("Moscou", "Russie", C)],
                absent: vec![],
            },
            Case {
                name: "sentence-initial capitals, months and weekdays",
                lang: "fr",
                text: "Dans la soirée, rien. Cette décision surprend. Objectif : gagner. Lundi 3 mars, Défense, sécurité et santé.",
                want: vec![],
                absent: vec!["Dans", "Cette", "Objectif", "Lundi", "mars", "Défense"],
            },
        ]);
        // The two readings of one capital in one document.
        let doc = super::super::testdata::run(
            "fr",
            "Moscou a envoyé des armes. Le ministre est arrivé à Moscou.",
        );
        let kinds: Vec<(ActorKind, bool)> = doc
            .mentions
            .iter()
            .map(|m| (doc.actors[m.actor].kind, m.metonym))
            .collect();
        assert_eq!(
            kinds,
            vec![(ActorKind::Country, true), (ActorKind::Place, false)],
            "{}",
            describe(&doc)
        );
    }
}
