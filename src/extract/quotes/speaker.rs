//! Finding a cue's subject in the text.
//!
//! A subject is a mention of a named actor, a pronoun or a speaker noun
//! (`le diplomate`, `the minister`). It is looked for right before the cue
//! (`Lavrov a déclaré`; past an apposition between commas to the name that
//! heads it, `X, Trump's adviser for Africa, said`; not a name after
//! `par`/`by`, the agent of a participle), right after it (`a affirmé
//! Lavrov`, `said France's ambassador X`, `selon lui`), glued to it
//! (`a-t-il ajouté`), after `par`/`by` for a passive, or at the head of the
//! clause for a present participle or a coordinated verb (past an opening
//! prepositional phrase). `resolve.rs` turns the subject into an actor.

use crate::document::ActorKind;

use super::context::Ctx;
use super::cues::{Cue, CueForm};
use super::lexicon::{NounKind, PronounClass, role};

pub(crate) use super::resolve::resolve;

/// A cue's subject as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Subject {
    /// A mention (index into `Document::mentions`).
    Mention(usize),
    /// A pronoun.
    Pronoun(PronounClass),
    /// A speaker noun, with the organisation it belongs to
    /// (`le porte-parole du Kremlin`) and whether it is indefinite (`un diplomate`).
    Noun {
        /// Index into `LangLexicon::nouns`.
        noun: usize,
        /// Mention of the organisation or country after `de`/`of`.
        of: Option<usize>,
        /// After an indefinite determiner: names nobody.
        indefinite: bool,
        /// `of` is a possessive (`China's envoy`): only a person of that
        /// country stands for it, else the owner itself speaks.
        owned: bool,
        /// First token of the noun, where a demonym is looked for.
        tok: usize,
    },
}

/// Punctuation a subject search may cross: commas, dashes and brackets of
/// appositions.
fn crossable(c: char) -> bool {
    matches!(c, ',' | '–' | '—' | '(' | ')')
}

/// Pronoun classes that can be a verb's subject (not `lui`, `him`).
fn subject_pronoun(ctx: &Ctx<'_>, i: usize) -> Option<PronounClass> {
    let w = ctx.text(i);
    ctx.lex.pronoun(w).filter(|_| !ctx.lex.is_object_pronoun(w))
}

/// The speaker noun ending at token `end`: its index and first token.
fn noun_ending_at(ctx: &Ctx<'_>, end: usize) -> Option<(usize, usize)> {
    let nouns = &ctx.lex.noun_index;
    if nouns.cannot_end_with(ctx.text(end))
        || !ctx.folded_token_passes(end, |w| nouns.may_end_with(w))
    {
        return None;
    }
    for len in (1..=nouns.max_words.min(end + 1)).rev() {
        let start = end + 1 - len;
        // a noun's first word is one of the map's heads
        if nouns.cannot_start_with(ctx.text(start)) || !(start..=end).all(|i| ctx.toks[i].word) {
            continue;
        }
        if let Some(&n) = ctx.with_phrase(start, end, |p| nouns.get(p)) {
            return Some((n, start));
        }
    }
    None
}

/// The speaker noun starting at token `start`: its index and last token.
pub(crate) fn noun_starting_at(ctx: &Ctx<'_>, start: usize) -> Option<(usize, usize)> {
    let nouns = &ctx.lex.noun_index;
    if nouns.cannot_start_with(ctx.text(start))
        || !ctx.folded_token_passes(start, |w| nouns.may_start_with(w))
    {
        return None;
    }
    let max = nouns.max_words.min(ctx.toks.len() - start);
    for len in (1..=max).rev() {
        let end = start + len - 1;
        // a noun's last word is one of the map's tails
        if nouns.cannot_end_with(ctx.text(end)) || !(start..=end).all(|i| ctx.toks[i].word) {
            continue;
        }
        if let Some(&n) = ctx.with_phrase(start, end, |p| nouns.get(p)) {
            return Some((n, end));
        }
    }
    None
}

fn is_indefinite(ctx: &Ctx<'_>, noun_start: usize) -> bool {
    noun_start > 0 && ctx.is(noun_start - 1, role::INDEFINITE)
}

/// A noun whose organisation follows it: `le porte-parole du Kremlin`,
/// `le ministre des Affaires étrangères du Mali`, given the mention's first token.
fn noun_of(ctx: &Ctx<'_>, mention_first: usize) -> Option<(usize, usize)> {
    let mut j = mention_first.checked_sub(1)?;
    // a short determiner between `de` and the name (de la Russie, of the UN)
    if !ctx.is(j, role::OF) && ctx.text(j).chars().count() <= 3 {
        j = j.checked_sub(1)?;
    }
    if !ctx.is(j, role::OF) {
        return None;
    }
    for k in (j.saturating_sub(5)..j).rev() {
        if !ctx.toks[k].word {
            return None;
        }
        if let Some((n, start)) = noun_ending_at(ctx, k) {
            return Some((n, start));
        }
    }
    None
}

/// The subject a mention makes: the mention itself, or the noun whose
/// organisation it names (`le porte-parole du Kremlin`).
fn mention_subject(ctx: &Ctx<'_>, m: usize) -> Subject {
    let first = ctx
        .toks
        .partition_point(|t| t.end <= ctx.doc.mentions[m].span.start);
    // a title whose last words the actors stage took for a name (`le chef de l'État`)
    if let Some((noun, start)) = noun_ending_at(ctx, first).filter(|&(_, s)| s < first) {
        return Subject::Noun {
            noun,
            of: None,
            indefinite: is_indefinite(ctx, start),
            owned: false,
            tok: start,
        };
    }
    match noun_of(ctx, first) {
        Some((noun, start)) => Subject::Noun {
            noun,
            of: Some(m),
            indefinite: is_indefinite(ctx, start),
            owned: false,
            tok: start,
        },
        None => Subject::Mention(m),
    }
}

/// The subject at token `j`: a mention (not of a place) covering it, a
/// subject pronoun, or a speaker noun ending (`backward`) or starting there.
fn subject_at(ctx: &Ctx<'_>, j: usize, backward: bool) -> Option<Subject> {
    if let Some(m) = ctx.mention_at(j) {
        return (ctx.mention_kind(m) != ActorKind::Place).then(|| mention_subject(ctx, m));
    }
    if let Some(p) = subject_pronoun(ctx, j) {
        return Some(Subject::Pronoun(p));
    }
    let (noun, first) = if backward {
        noun_ending_at(ctx, j)?
    } else {
        (noun_starting_at(ctx, j)?.0, j)
    };
    Some(owned_noun(ctx, noun, first))
}

/// Given a comma at token `comma` closing a relative clause between commas
/// (`Smith, who heads the agency, said`), the comma opening it; else `comma`.
fn skip_relative_clause(ctx: &Ctx<'_>, comma: usize, floor: usize) -> usize {
    let lo = comma.saturating_sub(16);
    for k in (lo..comma).rev() {
        if ctx.toks[k].start < floor {
            break;
        }
        if !ctx.toks[k].word {
            let opens = ctx.ch(k) == ','
                && ctx
                    .toks
                    .get(k + 1)
                    .is_some_and(|t| t.word && ctx.is(k + 1, role::RELATIVE));
            return if opens { k } else { comma };
        }
    }
    comma
}

/// Tokens an apposition between commas may have.
const APPOSITION_TOKENS: usize = 16;

/// Given a comma at token `comma` right before a cue, the name heading the
/// apposition it closes (`Massad Boulos, Trump's adviser for Africa, said`,
/// `Le chercheur X, du laboratoire Y à Bordeaux, estime`): the mention
/// right before the comma that opens it, when it names no place.
fn apposition_head(ctx: &Ctx<'_>, comma: usize, floor: usize) -> Option<usize> {
    let lo = comma.saturating_sub(APPOSITION_TOKENS);
    for k in (lo..comma).rev() {
        let t = ctx.toks[k];
        if t.start < floor || ctx.in_marked(t.start) {
            return None;
        }
        if t.word || ctx.is_abbreviation_period(k) || matches!(ctx.ch(k), '(' | ')') {
            continue;
        }
        if ctx.ch(k) != ',' || k + 1 == comma {
            return None;
        }
        let m = ctx.mention_at(k.checked_sub(1)?)?;
        return (ctx.mention_kind(m) != ActorKind::Place).then_some(m);
    }
    None
}

/// The subject right before a cue, not before byte `floor`.
pub(crate) fn before(ctx: &Ctx<'_>, cue: &Cue, floor: usize) -> Option<Subject> {
    let mut j = cue.first_tok;
    if j > 0 && ctx.is(j - 1, role::COORD) {
        let s = ctx.sentence(cue.span.start);
        return clause_head(ctx, s.start.max(floor), cue.span.start);
    }
    let mut gap = 0;
    while j > 0 {
        j -= 1;
        let t = ctx.toks[j];
        if t.start < floor || ctx.in_marked(t.start) {
            return None;
        }
        if !t.word {
            if ctx.ch(j) == ',' {
                if gap == 0
                    && let Some(m) = apposition_head(ctx, j, floor)
                {
                    return Some(mention_subject(ctx, m));
                }
                j = skip_relative_clause(ctx, j, floor);
            }
            if crossable(ctx.ch(j)) || ctx.is_abbreviation_period(j) {
                continue;
            }
            return None;
        }
        if let Some(subject) = subject_at(ctx, j, true)
            && !after_agent(ctx, subject)
        {
            return Some(subject);
        }
        gap += 1;
        if gap > ctx.settings.max_subject_gap {
            return None;
        }
    }
    None
}

/// True when a mention subject follows `par`/`by`: the agent of a
/// participle (`sources quoted by Reuters said`, `Asked by RT, X said`),
/// not the subject of the verb after it.
fn after_agent(ctx: &Ctx<'_>, subject: Subject) -> bool {
    let Subject::Mention(m) = subject else {
        return false;
    };
    let first = ctx
        .toks
        .partition_point(|t| t.end <= ctx.doc.mentions[m].span.start);
    first
        .checked_sub(1)
        .is_some_and(|k| ctx.toks[k].word && ctx.is(k, role::AGENT))
}

/// The subject right after a cue (inverted subject, source complement),
/// before byte `limit`.
pub(crate) fn after(ctx: &Ctx<'_>, cue: &Cue, limit: usize) -> Option<Subject> {
    if let Some(p) = cue.inverted {
        return Some(Subject::Pronoun(p));
    }
    let objects_ok = cue.form == CueForm::Source;
    let mut j = cue.last_tok + 1;
    let mut gap = 0;
    let mut addressee = false;
    // `said France's U.N. ambassador Jerome Bonnafont`: the owner speaks
    // only when no person or title follows it
    let mut owner: Option<usize> = None;
    let fallback = |owner: Option<usize>| owner.map(Subject::Mention);
    while j < ctx.toks.len() && ctx.toks[j].start < limit {
        let t = ctx.toks[j];
        if ctx.in_marked(t.start) {
            return fallback(owner);
        }
        if !t.word {
            if ctx.is_abbreviation_period(j) {
                j += 1;
                continue;
            }
            return fallback(owner);
        }
        if let Some(m) = ctx.mention_at(j) {
            let end = ctx.doc.mentions[m].span.end;
            let kind = ctx.mention_kind(m);
            let skip = owner.is_some() && kind != ActorKind::Person;
            if !addressee && kind != ActorKind::Place && !skip {
                let last = ctx.toks.partition_point(|t| t.start < end) - 1;
                if owner.is_none() && possessive(ctx, last) {
                    owner = Some(m);
                } else {
                    return Some(Subject::Mention(m));
                }
            }
            addressee = false;
            while j < ctx.toks.len() && ctx.toks[j].start < end {
                j += 1;
            }
            continue;
        }
        let w = ctx.text(j);
        if let Some(p) = ctx.lex.pronoun(w)
            && (objects_ok || !ctx.lex.is_object_pronoun(w))
        {
            return Some(Subject::Pronoun(p));
        }
        if let Some((noun, end)) = noun_starting_at(ctx, j) {
            return Some(match apposition(ctx, noun, j, end, limit) {
                Subject::Noun {
                    noun,
                    of: None,
                    indefinite,
                    tok,
                    ..
                } if owner.is_some() => Subject::Noun {
                    noun,
                    of: owner,
                    indefinite,
                    owned: true,
                    tok,
                },
                subject => subject,
            });
        }
        if ctx.is(j, role::TO) {
            addressee = true;
        }
        gap += 1;
        if gap > ctx.settings.max_subject_gap {
            return fallback(owner);
        }
        j += 1;
    }
    fallback(owner)
}

/// True when word token `k` is a possessive (`China's`).
fn possessive(ctx: &Ctx<'_>, k: usize) -> bool {
    ctx.toks[k].word && ctx.lex.is_possessive(ctx.text(k))
}

/// Words a noun's complement may have before the name in apposition to it
/// (`le ministre de l'Administration territoriale et porte-parole du
/// gouvernement, le général X`).
const NOUN_COMPLEMENT_WORDS: usize = 12;

/// Words after the comma of an apposition before its name (`, le général`).
const APPOSITION_LEAD_WORDS: usize = 2;

/// A noun after a cue, or the name in apposition to it (`a déclaré le
/// ministre russe, Sergueï Lavrov`, `a précisé le ministre malien de la
/// Défense, le général X`): a person's name for a person noun, a name
/// that is no place for the others, within the noun's complement or right
/// after the one comma that opens the apposition.
fn apposition(ctx: &Ctx<'_>, noun: usize, start: usize, end: usize, limit: usize) -> Subject {
    let person = ctx.lex.nouns[noun].kind == NounKind::Person;
    let mut words = 0;
    let mut comma = false;
    let mut owned = None;
    for k in end + 1..ctx.toks.len() {
        let t = ctx.toks[k];
        if t.start >= limit {
            break;
        }
        if !t.word {
            if ctx.is_abbreviation_period(k) {
                continue;
            }
            if ctx.ch(k) != ',' || comma {
                break;
            }
            comma = true;
            words = 0;
            continue;
        }
        // `le porte-parole de X`: X is whom the noun belongs to, not its name
        let m = ctx.mention_at(k);
        if m.is_some() && m != owned && !comma && ctx.is(k - 1, role::OF) {
            owned = m;
        }
        if let Some(m) = m.filter(|_| m != owned) {
            let kind = ctx.mention_kind(m);
            let fits = if person {
                kind == ActorKind::Person
            } else {
                kind != ActorKind::Place
            };
            if fits {
                return Subject::Mention(m);
            }
        }
        words += 1;
        let most = if comma {
            APPOSITION_LEAD_WORDS
        } else {
            NOUN_COMPLEMENT_WORDS
        };
        if words > most {
            break;
        }
    }
    owned_noun(ctx, noun, start)
}

/// A speaker noun starting at token `first`, owned by the name before it
/// when that name is a possessive (`China's envoy`, `Russia's foreign ministry`).
fn owned_noun(ctx: &Ctx<'_>, noun: usize, first: usize) -> Subject {
    let owner = first
        .checked_sub(1)
        .filter(|&k| possessive(ctx, k))
        .and_then(|k| ctx.mention_at(k))
        .filter(|&m| ctx.mention_kind(m) != ActorKind::Place);
    Subject::Noun {
        noun,
        of: owner,
        indefinite: is_indefinite(ctx, first),
        owned: owner.is_some(),
        tok: first,
    }
}

/// The first subject-like word of the clause `[from, to)`: the subject a
/// present participle or a coordinated verb shares.
pub(crate) fn clause_head(ctx: &Ctx<'_>, from: usize, to: usize) -> Option<Subject> {
    let mut j = ctx.toks.partition_point(|t| t.start < from);
    j = after_opening_phrase(ctx, j, to).unwrap_or(j);
    while j < ctx.toks.len() && ctx.toks[j].start < to {
        if ctx.in_marked(ctx.toks[j].start) || !ctx.toks[j].word {
            j += 1;
            continue;
        }
        if let Some(subject) = subject_at(ctx, j, false) {
            return Some(subject);
        }
        j += 1;
    }
    None
}

/// Tokens a clause's opening prepositional phrase may have.
const OPENING_PHRASE_TOKENS: usize = 12;

/// The token after the comma closing a prepositional phrase that opens the
/// clause at token `j` (`Dans un communiqué, le ministère …`), whose words
/// are not the clause's subject.
fn after_opening_phrase(ctx: &Ctx<'_>, j: usize, to: usize) -> Option<usize> {
    let first = ctx.toks.get(j).filter(|t| t.word)?;
    if first.start >= to || !ctx.is(j, role::PREPOSITION | role::TO) {
        return None;
    }
    (j + 1..(j + OPENING_PHRASE_TOKENS).min(ctx.toks.len()))
        .take_while(|&k| ctx.toks[k].start < to && !ctx.in_marked(ctx.toks[k].start))
        .find(|&k| !ctx.toks[k].word && ctx.ch(k) == ',')
        .map(|k| k + 1)
}

/// The agent of a passive cue: the subject after `par`/`by` within a few words.
pub(crate) fn agent(ctx: &Ctx<'_>, cue: &Cue, limit: usize) -> Option<Subject> {
    for j in cue.last_tok + 1..cue.last_tok + 5 {
        if j >= ctx.toks.len() || ctx.toks[j].start >= limit || !ctx.toks[j].word {
            return None;
        }
        if ctx.is(j, role::AGENT) {
            let pseudo = Cue {
                last_tok: j,
                inverted: None,
                form: CueForm::Source,
                ..*cue
            };
            return after(ctx, &pseudo, limit);
        }
    }
    None
}

/// A cue's subject, by its form: `floor`..`limit` bound the search; an
/// inverted subject after the verb is looked for only when `inverted` (the
/// cue follows a quotation or a comma, or precedes a colon), since elsewhere
/// the words after a verb are its object (`accuse l'organisation de …`).
pub(crate) fn subject(
    ctx: &Ctx<'_>,
    cue: &Cue,
    floor: usize,
    limit: usize,
    inverted: bool,
) -> Option<Subject> {
    match cue.form {
        CueForm::Source => after(ctx, cue, limit),
        CueForm::Gerund => {
            let s = ctx.sentence(cue.span.start);
            clause_head(ctx, s.start.max(floor), cue.span.start)
        }
        CueForm::Passive | CueForm::Bare => agent(ctx, cue, limit),
        _ if inverted => before(ctx, cue, floor).or_else(|| after(ctx, cue, limit)),
        _ => cue
            .inverted
            .map(Subject::Pronoun)
            .or_else(|| before(ctx, cue, floor)),
    }
}

#[cfg(test)]
mod tests {
    use super::super::testkit::{ActorSpec, Case, check};
    use crate::document::ActorKind::{Country, Organization, Person, Place};
    use crate::document::QuoteKind::{Direct, Indirect, Partial};

    const LENOIR: ActorSpec = (
        "Pierre Lenoir",
        Person,
        &["Pierre Lenoir"],
        Some("ambassadeur de France"),
    );
    const SY: ActorSpec = ("Amadou Sy", Person, &["Amadou Sy"], Some("général"));
    const SILVA: ActorSpec = (
        "Ana Silva",
        Person,
        &["Ana Silva"],
        Some("Foreign Minister"),
    );
    const BROWN: ActorSpec = ("Tom Brown", Person, &["Tom Brown"], Some("army general"));

    #[test]
    fn speakers_resolved_through_coreference() {
        check(&[
            Case {
                name: "role_noun_picks_the_matching_person",
                lang: "fr",
                text: "Pierre Lenoir a rencontré Amadou Sy à Niamey. « La coopération continue », a indiqué le diplomate.",
                actors: &[LENOIR, SY],
                expect: &[(
                    "La coopération continue",
                    Direct,
                    Some("Pierre Lenoir"),
                    Some("a indiqué"),
                )],
            },
            Case {
                name: "role_noun_without_known_roles_takes_the_latest_person",
                lang: "fr",
                text: "Le ministre Marc Garneau est arrivé à Bamako. « Nous sommes venus écouter », a souligné le ministre.",
                actors: &[("Marc Garneau", Person, &[], None)],
                expect: &[(
                    "Nous sommes venus écouter",
                    Direct,
                    Some("Marc Garneau"),
                    Some("a souligné"),
                )],
            },
            Case {
                name: "pronoun_skips_names_inside_quotes",
                lang: "fr",
                text: "Pierre Lenoir a pris la parole. « J'ai parlé avec Amadou Sy hier », a-t-il raconté.",
                actors: &[LENOIR, SY],
                expect: &[(
                    "J'ai parlé avec Amadou Sy hier",
                    Direct,
                    Some("Pierre Lenoir"),
                    Some("a-t-il raconté"),
                )],
            },
            Case {
                name: "elle_falls_back_to_a_country",
                lang: "fr",
                text: "La France a rappelé son ambassadeur. Elle estime que le dialogue est rompu.",
                actors: &[("France", Country, &[], None)],
                expect: &[(
                    "le dialogue est rompu",
                    Indirect,
                    Some("France"),
                    Some("estime"),
                )],
            },
            Case {
                name: "plural_pronoun_finds_the_group",
                lang: "fr",
                text: "Les dirigeants de la Cédéao ont tenu un sommet avec le Mali. Ils ont qualifié la situation de « très préoccupante ».",
                actors: &[
                    ("Cédéao", Organization, &[], None),
                    ("Mali", Country, &[], None),
                ],
                expect: &[(
                    "très préoccupante",
                    Partial,
                    Some("Cédéao"),
                    Some("ont qualifié"),
                )],
            },
            Case {
                name: "title_ending_in_a_name",
                lang: "fr",
                text: "Paul Biya, président du Cameroun, est arrivé. Le chef de l'État a plaidé pour « une paix durable ».",
                actors: &[
                    ("Paul Biya", Person, &[], Some("président du Cameroun")),
                    ("État", Country, &[], None),
                ],
                expect: &[(
                    "une paix durable",
                    Partial,
                    Some("Paul Biya"),
                    Some("a plaidé"),
                )],
            },
            Case {
                name: "known_role_beats_a_later_person_without_role",
                lang: "fr",
                text: "Paul Biya a reçu Karl Braun. Le chef de l'État a plaidé pour « une paix durable ».",
                actors: &[
                    ("Paul Biya", Person, &[], Some("président")),
                    ("Karl Braun", Person, &[], None),
                ],
                expect: &[(
                    "une paix durable",
                    Partial,
                    Some("Paul Biya"),
                    Some("a plaidé"),
                )],
            },
            Case {
                name: "indefinite_noun_names_nobody",
                lang: "fr",
                text: "Pierre Lenoir a quitté Niamey. « La situation est grave », a confié un diplomate.",
                actors: &[LENOIR],
                expect: &[("La situation est grave", Direct, None, Some("a confié"))],
            },
            Case {
                name: "noun_with_incompatible_roles_stays_unknown",
                lang: "fr",
                text: "Amadou Sy a inspecté les troupes. « Les négociations avancent », a déclaré l'ambassadeur.",
                actors: &[SY],
                expect: &[("Les négociations avancent", Direct, None, Some("a déclaré"))],
            },
            Case {
                name: "apposition_between_commas_keeps_its_head",
                lang: "en",
                text: "Tom Brown, Ana Silva's adviser on security, said that the army would withdraw by June.",
                actors: &[
                    ("Tom Brown", Person, &[], None),
                    ("Ana Silva", Person, &[], None),
                ],
                expect: &[(
                    "the army would withdraw by June",
                    Indirect,
                    Some("Tom Brown"),
                    Some("said"),
                )],
            },
            Case {
                name: "apposition_with_a_place_keeps_its_head",
                lang: "fr",
                text: "Le chercheur Pierre Lenoir, de l'université de Dakar, estime que la junte veut gagner du temps.",
                actors: &[
                    ("Pierre Lenoir", Person, &[], None),
                    ("Dakar", Place, &[], None),
                ],
                expect: &[(
                    "la junte veut gagner du temps",
                    Indirect,
                    Some("Pierre Lenoir"),
                    Some("estime"),
                )],
            },
            Case {
                name: "possessive_title_before_a_name_after_the_cue",
                lang: "en",
                text: "\"We have done our part,\" said Kenya's U.N. ambassador Ana Silva.",
                actors: &[
                    ("Kenya", Country, &[], None),
                    ("United Nations", Organization, &["U.N."], None),
                    ("Ana Silva", Person, &[], None),
                ],
                expect: &[(
                    "We have done our part",
                    Direct,
                    Some("Ana Silva"),
                    Some("said"),
                )],
            },
            Case {
                name: "possessive_title_alone_is_its_country",
                lang: "en",
                text: "Karl Braun, the special envoy, spoke first. China's envoy said that Beijing would abstain in the vote.",
                actors: &[
                    ("Karl Braun", Person, &[], Some("special envoy")),
                    ("China", Country, &[], None),
                ],
                expect: &[(
                    "Beijing would abstain in the vote",
                    Indirect,
                    Some("China"),
                    Some("said"),
                )],
            },
            Case {
                name: "long_title_then_name_in_apposition",
                lang: "fr",
                text: "Pierre Lenoir est arrivé. « Nous ne céderons pas », a déclaré le ministre de l'Administration territoriale et porte-parole du gouvernement, le général Amadou Sy.",
                actors: &[LENOIR, ("Amadou Sy", Person, &[], None)],
                expect: &[(
                    "Nous ne céderons pas",
                    Direct,
                    Some("Amadou Sy"),
                    Some("a déclaré"),
                )],
            },
            Case {
                name: "name_after_de_owns_the_title",
                lang: "fr",
                text: "« Nous ne céderons pas », a déclaré le porte-parole de Pierre Lenoir devant la presse.",
                actors: &[("Pierre Lenoir", Person, &[], Some("président"))],
                expect: &[("Nous ne céderons pas", Direct, None, Some("a déclaré"))],
            },
            Case {
                name: "agent_of_a_participle_is_not_the_subject",
                lang: "en",
                text: "Security sources quoted by Reuters said the convoy had been ambushed near the border.",
                actors: &[("Reuters", Organization, &[], None)],
                expect: &[(
                    "the convoy had been ambushed near the border",
                    Indirect,
                    None,
                    Some("said"),
                )],
            },
            Case {
                name: "agent_before_the_subject_is_skipped",
                lang: "fr",
                text: "Interrogé par RFI, Jean Dupont a affirmé que le dialogue restait possible.",
                actors: &[
                    ("RFI", Organization, &[], None),
                    ("Jean Dupont", Person, &[], None),
                ],
                expect: &[(
                    "le dialogue restait possible",
                    Indirect,
                    Some("Jean Dupont"),
                    Some("a affirmé"),
                )],
            },
            Case {
                name: "communique_stands_for_its_organisation",
                lang: "fr",
                text: "L'état-major des Forces armées maliennes a publié un communiqué dimanche. Le texte affirme que l'armée a repris le contrôle de la ville.",
                actors: &[("Forces armées maliennes", Organization, &[], None)],
                expect: &[(
                    "l'armée a repris le contrôle de la ville",
                    Indirect,
                    Some("Forces armées maliennes"),
                    Some("affirme"),
                )],
            },
            Case {
                name: "statement_without_an_organisation_names_nobody",
                lang: "en",
                text: "Ana Silva left Lisbon on Monday. The statement said the talks would resume in May.",
                actors: &[SILVA],
                expect: &[(
                    "the talks would resume in May",
                    Indirect,
                    None,
                    Some("said"),
                )],
            },
            Case {
                name: "minister_matches_role",
                lang: "en",
                text: "Ana Silva met Tom Brown in Lisbon. \"Our alliance is strong,\" the minister said.",
                actors: &[SILVA, BROWN],
                expect: &[(
                    "Our alliance is strong",
                    Direct,
                    Some("Ana Silva"),
                    Some("said"),
                )],
            },
            Case {
                name: "she_takes_the_latest_person",
                lang: "en",
                text: "Tom Brown left early. Ana Silva stayed. \"We have work to do,\" she said.",
                actors: &[SILVA, BROWN],
                expect: &[(
                    "We have work to do",
                    Direct,
                    Some("Ana Silva"),
                    Some("said"),
                )],
            },
            Case {
                name: "pronoun_too_far_back_is_unknown",
                lang: "en",
                text: "Tom Brown left. The rain stopped. The roads dried. The shops opened. The night fell. \"It is over,\" he said.",
                actors: &[BROWN],
                expect: &[("It is over", Direct, None, Some("said"))],
            },
        ]);
    }
}
