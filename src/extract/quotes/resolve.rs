//! Resolving a cue's subject to an actor of the actors stage.
//!
//! A mention is its actor. A pronoun takes the latest compatible actor named
//! before, outside quotations (a person for `il`/`he`, else for `il`/`elle`
//! a country or organisation of the previous sentences; a named group for
//! `ils`/`they`). A speaker noun takes the latest person whose known role
//! fits (`le ministre`), else the latest person with no known role; an
//! institution noun a named organisation or country; a possessive noun
//! (`China's envoy`) a person of that country, else the owner; a noun with a
//! demonym (`le ministère algérien`, `le chef de l'État français`) a person
//! of that country, or the country itself for an institution; a document
//! noun (`le communiqué`) the organisation that issued it.

use crate::document::{ActorIdx, ActorKind};
use crate::text::fold::fold;

use super::context::Ctx;
use super::keys::KeyBuf;
use super::lexicon::{NounKind, PronounClass, role};
use super::speaker::{Subject, noun_starting_at};

/// True when mention `m` heads a plural group (`les pays de l'AES`).
fn in_plural_group(ctx: &Ctx<'_>, m: usize) -> bool {
    let first = ctx
        .toks
        .partition_point(|t| t.end <= ctx.doc.mentions[m].span.start);
    let lo = first.saturating_sub(5);
    let mut saw_of = false;
    for k in (lo..first).rev() {
        if !ctx.toks[k].word {
            return false;
        }
        if ctx.is(k, role::OF) {
            saw_of = true;
        } else if saw_of && ctx.is(k, role::PLURAL_DET) {
            return true;
        }
    }
    false
}

/// Mentions before byte `pos`, latest first, outside quotations, from
/// sentence `min_sentence` on.
fn mentions_before<'c>(
    ctx: &'c Ctx<'_>,
    pos: usize,
    min_sentence: usize,
) -> impl Iterator<Item = usize> + 'c {
    let n = ctx
        .mention_order
        .partition_point(|&i| ctx.doc.mentions[i].span.start < pos);
    ctx.mention_order[..n]
        .iter()
        .rev()
        .copied()
        .take_while(move |&i| ctx.doc.mentions[i].sentence >= min_sentence)
        .filter(move |&i| !ctx.in_marked(ctx.doc.mentions[i].span.start))
}

/// Bytes of the shortest demonym worth looking up.
const MIN_DEMONYM_BYTES: usize = 4;

/// Words before a speaker noun where its demonym may stand (`the Russian embassy`).
const DEMONYM_BEFORE: usize = 2;

/// Tokens after a speaker noun where its demonym may stand (`le chef de
/// l'État nigérien`, `le ministre malien de la Défense`).
const DEMONYM_AFTER: usize = 6;

/// The country code of a demonym beside the speaker noun at token `tok`:
/// in the words right before it or in its complement, up to punctuation,
/// an auxiliary or a speech verb.
fn demonym_near<'a>(ctx: &'a Ctx<'_>, tok: usize) -> Option<&'a str> {
    let lookup = |k: usize| {
        // no demonym is shorter (`Dane`, `Finn`): skip function words unfolded
        if ctx.toks[k].end - ctx.toks[k].start < MIN_DEMONYM_BYTES {
            return None;
        }
        let mut key = KeyBuf::new();
        if !key.push_folded(ctx.text(k)) {
            return None;
        }
        ctx.lex.demonyms.get(key.as_str()).map(String::as_str)
    };
    for k in (tok.saturating_sub(DEMONYM_BEFORE)..tok).rev() {
        if !ctx.toks[k].word {
            break;
        }
        if let Some(code) = lookup(k) {
            return Some(code);
        }
    }
    let end = (tok + 1 + DEMONYM_AFTER).min(ctx.toks.len());
    for k in tok + 1..end {
        let starts_cue = ctx.cues.binary_search_by_key(&k, |c| c.first_tok).is_ok();
        if !ctx.toks[k].word || starts_cue || ctx.is(k, role::AUX | role::PASSIVE) {
            break;
        }
        if let Some(code) = lookup(k) {
            return Some(code);
        }
    }
    None
}

/// A speaker noun with a demonym (`le chef de l'État français`, `le
/// ministère algérien`, `the Russian embassy`): a person of that country
/// whose role fits, else the latest person of that country named before;
/// for an institution, the country itself when the article names it.
fn by_demonym(ctx: &Ctx<'_>, noun: usize, tok: usize, pos: usize) -> Option<ActorIdx> {
    let code = demonym_near(ctx, tok)?;
    let doc = ctx.doc;
    let n = &ctx.lex.nouns[noun];
    let of_country = |a: ActorIdx| doc.actors[a].country.as_deref() == Some(code);
    match n.kind {
        NounKind::Group | NounKind::Document => None,
        NounKind::Person => {
            let person = |m: &usize| {
                ctx.mention_kind(*m) == ActorKind::Person && of_country(doc.mentions[*m].actor)
            };
            let fits = |m: &usize| {
                let roles = &ctx.actor_roles[doc.mentions[*m].actor];
                n.matches.iter().any(|k| roles.contains(k.as_str()))
            };
            mentions_before(ctx, pos, 0)
                .find(|m| person(m) && fits(m))
                .or_else(|| mentions_before(ctx, pos, 0).find(person))
                .map(|m| doc.mentions[m].actor)
        }
        NounKind::Organization | NounKind::Country => (0..doc.actors.len())
            .find(|&a| doc.actors[a].kind == ActorKind::Country && of_country(a)),
    }
}

/// True when sentence `sentence` names a document (`un communiqué`) with a
/// speaker noun of kind document other than the one at token `tok`.
fn introduces_document(ctx: &Ctx<'_>, sentence: usize, tok: usize) -> bool {
    let Some(span) = ctx.doc.sentences.get(sentence) else {
        return false;
    };
    let first = ctx.toks.partition_point(|t| t.start < span.start);
    (first..ctx.toks.len())
        .take_while(|&k| ctx.toks[k].start < span.end)
        .filter(|&k| k != tok && ctx.toks[k].word)
        .filter_map(|k| noun_starting_at(ctx, k))
        .any(|(n, _)| ctx.lex.nouns[n].kind == NounKind::Document)
}

/// Resolves a subject to an actor, from the point of view of byte `pos`.
pub(crate) fn resolve(ctx: &Ctx<'_>, subject: Subject, pos: usize) -> Option<ActorIdx> {
    let doc = ctx.doc;
    let here = ctx.sentence_index(pos);
    let window = here.saturating_sub(ctx.settings.pronoun_window_sentences);
    let actor = |m: usize| doc.mentions[m].actor;
    let of_kind =
        |kinds: &'static [ActorKind]| move |m: &usize| kinds.contains(&ctx.mention_kind(*m));
    const PERSON: &[ActorKind] = &[ActorKind::Person];
    const COLLECTIVE: &[ActorKind] = &[ActorKind::Organization, ActorKind::Country];
    if let Subject::Noun {
        noun,
        tok,
        indefinite: false,
        ..
    } = subject
        && let Some(a) = by_demonym(ctx, noun, tok, pos)
    {
        return Some(a);
    }
    match subject {
        Subject::Mention(m) => (ctx.mention_kind(m) != ActorKind::Place).then(|| actor(m)),
        Subject::Pronoun(class) => match class {
            PronounClass::Person => mentions_before(ctx, pos, window).find(of_kind(PERSON)),
            PronounClass::PersonFirst => mentions_before(ctx, pos, window)
                .find(of_kind(PERSON))
                .or_else(|| {
                    mentions_before(ctx, pos, here.saturating_sub(1)).find(of_kind(COLLECTIVE))
                }),
            PronounClass::Thing => mentions_before(ctx, pos, window).find(of_kind(COLLECTIVE)),
            PronounClass::Plural => {
                mentions_before(ctx, pos, window).find(|&m| in_plural_group(ctx, m))
            }
            PronounClass::Nobody => None,
        }
        .map(actor),
        // `un responsable de MSF`: the organisation speaks
        Subject::Noun {
            indefinite: true,
            of,
            ..
        } => of.and_then(|m| (ctx.mention_kind(m) != ActorKind::Place).then(|| actor(m))),
        Subject::Noun {
            noun,
            of: Some(owner),
            owned: true,
            ..
        } if ctx.lex.nouns[noun].kind == NounKind::Person => {
            // `China's envoy`: a person of that country whose role fits, else China
            let n = &ctx.lex.nouns[noun];
            let country = doc.actors[actor(owner)].country.as_deref();
            let fits = |m: &usize| {
                let a = &doc.actors[actor(*m)];
                ctx.mention_kind(*m) == ActorKind::Person
                    && country.is_some()
                    && a.country.as_deref() == country
                    && n.matches
                        .iter()
                        .any(|k| ctx.actor_roles[actor(*m)].contains(k.as_str()))
            };
            mentions_before(ctx, pos, 0)
                .find(fits)
                .map(actor)
                .or(Some(actor(owner)))
        }
        Subject::Noun { noun, of, .. } => {
            let n = &ctx.lex.nouns[noun];
            match n.kind {
                NounKind::Group => None,
                // `Le texte assure que`: the issuer, an organisation of this
                // or the previous sentence, in a sentence that introduced a
                // document (`X a dénoncé dans un communiqué`), no news medium
                NounKind::Document => {
                    let tok = match subject {
                        Subject::Noun { tok, .. } => tok,
                        _ => usize::MAX,
                    };
                    mentions_before(ctx, pos, here.saturating_sub(1))
                        .find(|&m| {
                            let a = &doc.actors[actor(m)];
                            let media = a
                                .sector
                                .as_deref()
                                .is_some_and(|s| ctx.settings.media_sectors.iter().any(|x| x == s));
                            ctx.mention_kind(m) == ActorKind::Organization
                                && !media
                                && introduces_document(ctx, doc.mentions[m].sentence, tok)
                        })
                        .map(actor)
                }
                NounKind::Person => {
                    // a person whose known role fits, else one whose role is unknown
                    let person = |m: &usize| ctx.mention_kind(*m) == ActorKind::Person;
                    let roles = |m: &usize| &ctx.actor_roles[actor(*m)];
                    let fits = |m: &usize| {
                        n.matches.is_empty()
                            || n.matches.iter().any(|k| roles(m).contains(k.as_str()))
                    };
                    mentions_before(ctx, pos, 0)
                        .find(|m| person(m) && fits(m))
                        .or_else(|| {
                            of.is_none()
                                .then(|| {
                                    mentions_before(ctx, pos, 0)
                                        .find(|m| person(m) && roles(m).is_empty())
                                })
                                .flatten()
                        })
                        .map(actor)
                        .or_else(|| of.map(actor))
                }
                NounKind::Organization | NounKind::Country => {
                    let kind = if n.kind == NounKind::Country {
                        ActorKind::Country
                    } else {
                        ActorKind::Organization
                    };
                    // `le ministère` is a ministry named before, `le pays` any country
                    let named = |m: &usize| {
                        ctx.mention_kind(*m) == kind
                            && (n.matches.is_empty() || {
                                let name = fold(&doc.actors[actor(*m)].name);
                                n.matches.iter().any(|k| name.contains(k.as_str()))
                            })
                    };
                    of.filter(|&m| ctx.mention_kind(m) == kind)
                        .or_else(|| mentions_before(ctx, pos, window).find(named))
                        .map(actor)
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testkit::{ActorSpec, Case, check_with_countries};
    use crate::document::ActorKind::{Country, Organization, Person};
    use crate::document::QuoteKind::{Indirect, Partial};

    #[test]
    fn demonyms_beside_a_speaker_noun() {
        const MACRON: ActorSpec = ("Emmanuel Macron", Person, &[], None);
        const DEBY: ActorSpec = ("Mahamat Déby", Person, &[], Some("président tchadien"));
        const ALGERIE: ActorSpec = ("Algérie", Country, &[], None);
        const RUSSIA: ActorSpec = ("Russia", Country, &["Russia", "Moscow"], None);
        let countries = [
            ("Emmanuel Macron", "FRA"),
            ("Mahamat Déby", "TCD"),
            ("Algérie", "DZA"),
            ("Mali", "MLI"),
            ("Russia", "RUS"),
        ];
        check_with_countries(
            &[
                Case {
                    name: "head_of_state_with_demonym_is_of_that_country",
                    lang: "fr",
                    text: "Emmanuel Macron a reçu Mahamat Déby. Le chef de l'État français a estimé que la coopération devait continuer.",
                    actors: &[MACRON, DEBY],
                    expect: &[(
                        "la coopération devait continuer",
                        Indirect,
                        Some("Emmanuel Macron"),
                        Some("a estimé"),
                    )],
                },
                Case {
                    name: "ministry_with_demonym_is_its_country",
                    lang: "fr",
                    text: "Le Mali accuse l'Algérie. Le ministère algérien des Affaires étrangères a dénoncé des « allégations sans fondement ».",
                    actors: &[("Mali", Country, &[], None), ALGERIE],
                    expect: &[(
                        "allégations sans fondement",
                        Partial,
                        Some("Algérie"),
                        Some("a dénoncé"),
                    )],
                },
                Case {
                    name: "opening_phrase_is_not_the_shared_subject",
                    lang: "fr",
                    text: "Dans un communiqué, le ministère algérien a regretté la décision et a dénoncé des « allégations sans fondement ».",
                    actors: &[ALGERIE],
                    expect: &[(
                        "allégations sans fondement",
                        Partial,
                        Some("Algérie"),
                        Some("a dénoncé"),
                    )],
                },
                Case {
                    name: "embassy_with_demonym_is_its_country",
                    lang: "en",
                    text: "Moscow protested. The Russian embassy said that the measures were illegal and unfriendly.",
                    actors: &[RUSSIA],
                    expect: &[(
                        "the measures were illegal and unfriendly",
                        Indirect,
                        Some("Russia"),
                        Some("said"),
                    )],
                },
                Case {
                    name: "demonym_after_the_verb_is_not_the_nouns",
                    lang: "fr",
                    text: "Emmanuel Macron a reçu Mahamat Déby. Le président a estimé que l'armée tchadienne restait solide.",
                    actors: &[MACRON, DEBY],
                    expect: &[(
                        "l'armée tchadienne restait solide",
                        Indirect,
                        Some("Mahamat Déby"),
                        Some("a estimé"),
                    )],
                },
                Case {
                    name: "indefinite_noun_with_demonym_names_nobody",
                    lang: "fr",
                    text: "L'Algérie a protesté. Un diplomate algérien a estimé que la crise allait durer.",
                    actors: &[ALGERIE],
                    expect: &[("la crise allait durer", Indirect, None, Some("a estimé"))],
                },
            ],
            &countries,
        );
    }

    #[test]
    fn a_document_stands_for_an_organisation_not_a_medium() {
        use super::super::testkit::{document, stage, with_actors};
        use crate::pipeline::Stage;
        let cases = [
            (
                "fr",
                "L'armée malienne a publié un texte relayé par l'AFP. Le texte affirme que la ville a été reprise hier.",
                Some("armée malienne"),
            ),
            (
                "fr",
                "L'armée malienne a repris la ville. Le communiqué affirme que la ville a été reprise hier.",
                None,
            ),
            (
                "fr",
                "L'AFP a obtenu le document dimanche. Le texte affirme que la ville a été reprise hier.",
                None,
            ),
            (
                "en",
                "Reuters obtained the document on Sunday. The statement said the town had been retaken.",
                None,
            ),
            (
                "en",
                "The army met Reuters. It rained. The statement said the town had been retaken.",
                None,
            ),
        ];
        for (lang, text, want) in cases {
            let mut doc = with_actors(
                document(lang, text),
                &[
                    (
                        "armée malienne",
                        Organization,
                        &["armée malienne", "army"],
                        None,
                    ),
                    ("AFP", Organization, &["AFP", "Reuters"], None),
                ],
            );
            doc.actors[1].sector = Some("JRN".into());
            stage().process(&mut doc);
            let got: Vec<Option<&str>> = doc
                .quotes
                .iter()
                .map(|q| q.speaker.map(|a| doc.actors[a].name.as_str()))
                .collect();
            assert_eq!(got, vec![want], "{text}");
        }
    }
}
