//! Indirect speech: SPEAKER + speech verb + que/that + clause.
//!
//! Only the clear pattern is taken: a cue outside quotation marks whose
//! verb takes que/that, not negated (`n'a dit que` is restrictive), with a
//! subject (a name, pronoun or speaker noun), followed by `que`/`that` after
//! at most adverbs, an addressee (`à la presse`, `to reporters`) or, for
//! verbs such as `tell`, a short object. The quote is the clause after
//! `que`/`that` up to the end of the sentence; a clause that opens with a
//! quotation mark is left to the quotation rules. Where the language drops
//! `that` (`He said the talks had failed`), `bare.rs` finds the clause.

use crate::document::{ActorKind, Quote, QuoteKind, Span};

use super::bare;
use super::context::Ctx;
use super::cues::{self, CueForm};
use super::lexicon::{Frame, PronounClass, Use, role};
use super::speaker;

/// Words a clause needs to be reported speech.
const MIN_CLAUSE_WORDS: usize = 3;

/// The reported clause starting at byte `start`, up to the sentence end.
fn clause(ctx: &Ctx<'_>, start: usize, sentence_end: usize) -> Option<Span> {
    let s = &ctx.doc.text[start..sentence_end];
    let body = s
        .trim_end()
        .trim_end_matches(['.', '!', '?', '…', ';', ':'])
        .trim_end();
    (!body.is_empty()).then(|| Span::new(start, start + body.len()))
}

/// Where a clause starting at `start` ends: the sentence end, or before a
/// later speech verb coordinated with the first (`… que A, et a ajouté que B`,
/// `… que A et s'est dit prêt`), which starts a new statement.
fn clause_end(ctx: &Ctx<'_>, start: usize, sentence_end: usize) -> usize {
    let first = ctx.cues.partition_point(|c| c.span.start < start);
    ctx.cues[first..]
        .iter()
        .take_while(|c| c.span.start < sentence_end)
        .filter(|c| {
            !c.in_marked
                && c.first_tok > 0
                && matches!(
                    c.form,
                    CueForm::Finite | CueForm::Compound | CueForm::Gerund
                )
        })
        .map(|c| c.first_tok - 1)
        .find(|&k| ctx.ch(k) == ',' || ctx.is(k, role::COORD))
        .map_or(sentence_end, |k| {
            // drop a comma before the conjunction too
            let before = k.checked_sub(1).filter(|&b| ctx.ch(b) == ',');
            ctx.toks[before.unwrap_or(k)].start
        })
}

/// A subject that names nobody the actors stage knows: a capitalised word
/// right before the cue that is no known word, or a name taken for a place
/// (`Interrogé par RFI, Okonkwo a indiqué que`): the clause is reported
/// speech, its speaker unknown.
fn unknown_name_before(ctx: &Ctx<'_>, first_tok: usize) -> Option<speaker::Subject> {
    let k = first_tok.checked_sub(1)?;
    let w = ctx.text(k);
    let name_like = ctx.toks[k].word
        && w.starts_with(char::is_uppercase)
        && ctx
            .mention_at(k)
            .is_none_or(|m| ctx.mention_kind(m) == ActorKind::Place)
        && ctx.role(k) == 0
        && ctx.lex.pronoun(w).is_none()
        && !ctx.in_marked(ctx.toks[k].start);
    name_like.then_some(speaker::Subject::Pronoun(PronounClass::Nobody))
}

/// The indirect quotations of a document.
pub(crate) fn quotes(ctx: &Ctx<'_>) -> Vec<Quote> {
    let mut out = Vec::new();
    for cue in &ctx.cues {
        let usable = !cue.in_marked
            && !cue.negated
            && cue.frame != Frame::None
            && matches!(cue.use_, Use::Any | Use::Que)
            && !matches!(cue.form, CueForm::Passive | CueForm::Bare | CueForm::Source);
        if !usable {
            continue;
        }
        let sentence = ctx.sentence(cue.span.start);
        let Some(k) = cues::complementizer(ctx, cue, sentence.end)
            .map(|k| k + 1)
            .or_else(|| bare::clause_start(ctx, cue, sentence.end))
        else {
            continue;
        };
        let Some(first) = ctx.toks.get(k).filter(|t| t.start < sentence.end) else {
            continue;
        };
        if !first.word && ctx.marked_at(first.start).is_some() {
            continue; // `a déclaré que « … »`: a quotation
        }
        let subject = match cue.inverted {
            Some(p) => Some(speaker::Subject::Pronoun(p)),
            None if cue.form == CueForm::Gerund => {
                speaker::clause_head(ctx, sentence.start, cue.span.start)
            }
            None => speaker::before(ctx, cue, sentence.start)
                .or_else(|| unknown_name_before(ctx, cue.first_tok)),
        };
        let Some(subject) = subject else { continue };
        let Some(span) = clause(ctx, first.start, clause_end(ctx, first.start, sentence.end))
        else {
            continue;
        };
        let words = ctx.toks[k..]
            .iter()
            .take_while(|t| t.start < span.end)
            .filter(|t| t.word)
            .count();
        if words < MIN_CLAUSE_WORDS {
            continue;
        }
        out.push(Quote {
            span,
            sentence: ctx.sentence_index(span.start),
            kind: QuoteKind::Indirect,
            speaker: speaker::resolve(ctx, subject, cue.span.start),
            cue: Some(ctx.doc.slice(cue.span).to_string()),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testkit::{ActorSpec, Case, check};
    use crate::document::ActorKind::{Country, Organization, Person};
    use crate::document::QuoteKind::Indirect;

    const DUPONT: ActorSpec = ("Jean Dupont", Person, &["Jean Dupont"], None);
    const DIOP: ActorSpec = ("Fatou Diop", Person, &["Fatou Diop"], None);
    const SILVA: ActorSpec = ("Ana Silva", Person, &["Ana Silva"], None);

    #[test]
    fn reported_speech_with_que_or_that() {
        check(&[
            Case {
                name: "country_subject",
                lang: "fr",
                text: "La Russie estime que les sanctions occidentales sont illégales.",
                actors: &[("Russie", Country, &[], None)],
                expect: &[(
                    "les sanctions occidentales sont illégales",
                    Indirect,
                    Some("Russie"),
                    Some("estime"),
                )],
            },
            Case {
                name: "media_subject",
                lang: "fr",
                text: "L'agence Reuters rapporte que des négociations ont eu lieu à Genève.",
                actors: &[("Reuters", Organization, &[], None)],
                expect: &[(
                    "des négociations ont eu lieu à Genève",
                    Indirect,
                    Some("Reuters"),
                    Some("rapporte"),
                )],
            },
            Case {
                name: "title_of_organisation",
                lang: "fr",
                text: "Le porte-parole du Kremlin a affirmé que Moscou restait ouvert au dialogue.",
                actors: &[("Kremlin", Organization, &[], None)],
                expect: &[(
                    "Moscou restait ouvert au dialogue",
                    Indirect,
                    Some("Kremlin"),
                    Some("a affirmé"),
                )],
            },
            Case {
                name: "pronoun_and_addressee",
                lang: "fr",
                text: "Jean Dupont a rencontré la presse. Il a indiqué aux journalistes que la frontière serait rouverte.",
                actors: &[DUPONT],
                expect: &[(
                    "la frontière serait rouverte",
                    Indirect,
                    Some("Jean Dupont"),
                    Some("a indiqué"),
                )],
            },
            Case {
                name: "infinitive_after_modal_chain",
                lang: "fr",
                text: "Fatou Diop n'a cessé de répéter que le pays avait besoin d'aide.",
                actors: &[DIOP],
                expect: &[(
                    "le pays avait besoin d'aide",
                    Indirect,
                    Some("Fatou Diop"),
                    Some("répéter"),
                )],
            },
            Case {
                name: "gerund_shares_the_subject",
                lang: "fr",
                text: "Fatou Diop a salué l'accord, soulignant que la paix était possible.",
                actors: &[DIOP],
                expect: &[(
                    "la paix était possible",
                    Indirect,
                    Some("Fatou Diop"),
                    Some("soulignant"),
                )],
            },
            Case {
                name: "restrictive_ne_que_is_not_speech",
                lang: "fr",
                text: "Fatou Diop n'a dit que quelques mots aux journalistes.",
                actors: &[DIOP],
                expect: &[],
            },
            Case {
                name: "que_verb_without_que_is_nothing",
                lang: "fr",
                text: "La Russie soutient le Mali depuis le coup d'État.",
                actors: &[("Russie", Country, &[], None), ("Mali", Country, &[], None)],
                expect: &[],
            },
            Case {
                name: "relative_que_after_object_is_not_speech",
                lang: "fr",
                text: "Jean Dupont a annoncé les mesures que le gouvernement prendra demain.",
                actors: &[DUPONT],
                expect: &[],
            },
            Case {
                name: "que_then_quotation_is_left_to_quotes",
                lang: "fr",
                text: "Jean Dupont a déclaré que « la Russie ne reculera pas ».",
                actors: &[DUPONT],
                expect: &[(
                    "la Russie ne reculera pas",
                    crate::document::QuoteKind::Partial,
                    Some("Jean Dupont"),
                    Some("a déclaré"),
                )],
            },
            Case {
                name: "adverbial_phrase_between_auxiliary_and_verb",
                lang: "fr",
                text: "Jean Dupont a pour sa part assuré que Paris respecterait ses engagements.",
                actors: &[DUPONT],
                expect: &[(
                    "Paris respecterait ses engagements",
                    Indirect,
                    Some("Jean Dupont"),
                    Some("a pour sa part assuré"),
                )],
            },
            Case {
                name: "prepositional_phrase_before_que",
                lang: "fr",
                text: "Fatou Diop avait affirmé en juillet que le pays refuserait toute ingérence.",
                actors: &[DIOP],
                expect: &[(
                    "le pays refuserait toute ingérence",
                    Indirect,
                    Some("Fatou Diop"),
                    Some("avait affirmé"),
                )],
            },
            Case {
                name: "clause_stops_at_a_coordinated_statement",
                lang: "fr",
                text: "Jean Dupont a estimé que la trêve tenait, et a ajouté qu'un accord était proche.",
                actors: &[DUPONT],
                expect: &[
                    (
                        "la trêve tenait",
                        Indirect,
                        Some("Jean Dupont"),
                        Some("a estimé"),
                    ),
                    (
                        "un accord était proche",
                        Indirect,
                        Some("Jean Dupont"),
                        Some("a ajouté"),
                    ),
                ],
            },
            Case {
                name: "participle_sharing_an_earlier_auxiliary",
                lang: "fr",
                text: "Jean Dupont a salué « un pas décisif » et assuré que la paix était désormais possible.",
                actors: &[DUPONT],
                expect: &[
                    (
                        "un pas décisif",
                        crate::document::QuoteKind::Partial,
                        Some("Jean Dupont"),
                        Some("a salué"),
                    ),
                    (
                        "la paix était désormais possible",
                        Indirect,
                        Some("Jean Dupont"),
                        Some("assuré"),
                    ),
                ],
            },
            Case {
                name: "participles_without_auxiliary_are_not_a_verb",
                lang: "fr",
                text: "Les chiffres avancés et confirmés que le ministère publiera demain restent provisoires.",
                actors: &[],
                expect: &[],
            },
            Case {
                name: "name_the_actors_stage_missed_is_an_unknown_speaker",
                lang: "fr",
                text: "Interrogé par RFI, Okonkwo a indiqué que l'aide ne parvenait plus aux zones assiégées.",
                actors: &[("RFI", crate::document::ActorKind::Organization, &[], None)],
                expect: &[(
                    "l'aide ne parvenait plus aux zones assiégées",
                    Indirect,
                    None,
                    Some("a indiqué"),
                )],
            },
            Case {
                name: "name_taken_for_a_place_is_an_unknown_speaker",
                lang: "fr",
                text: "Interrogé par RFI, Bamba a indiqué que les renforts étaient arrivés.",
                actors: &[
                    ("RFI", crate::document::ActorKind::Organization, &[], None),
                    ("Bamba", crate::document::ActorKind::Place, &[], None),
                ],
                expect: &[(
                    "les renforts étaient arrivés",
                    Indirect,
                    None,
                    Some("a indiqué"),
                )],
            },
            Case {
                name: "lowercase_word_before_the_verb_is_no_subject",
                lang: "en",
                text: "Asked by reporters, officially announced that the border would reopen.",
                actors: &[],
                expect: &[],
            },
            Case {
                name: "organisation_said_that",
                lang: "en",
                text: "The Kremlin said that the talks would continue next week.",
                actors: &[("Kremlin", Organization, &[], None)],
                expect: &[(
                    "the talks would continue next week",
                    Indirect,
                    Some("Kremlin"),
                    Some("said"),
                )],
            },
            Case {
                name: "told_object_that",
                lang: "en",
                text: "Ana Silva told reporters on Tuesday that the border would reopen.",
                actors: &[SILVA],
                expect: &[(
                    "the border would reopen",
                    Indirect,
                    Some("Ana Silva"),
                    Some("told"),
                )],
            },
            Case {
                name: "it_said_that",
                lang: "en",
                text: "The World Bank published its report on Monday. It said that growth would slow in Africa.",
                actors: &[("World Bank", Organization, &[], None)],
                expect: &[(
                    "growth would slow in Africa",
                    Indirect,
                    Some("World Bank"),
                    Some("said"),
                )],
            },
            Case {
                name: "said_in_a_statement_that",
                lang: "en",
                text: "The World Bank said in a statement that private investment remained weak.",
                actors: &[("World Bank", Organization, &[], None)],
                expect: &[(
                    "private investment remained weak",
                    Indirect,
                    Some("World Bank"),
                    Some("said"),
                )],
            },
            Case {
                name: "gerund_keeps_its_own_que",
                lang: "en",
                text: "Ana Silva said in a statement, adding that the border would stay open.",
                actors: &[SILVA],
                expect: &[(
                    "the border would stay open",
                    Indirect,
                    Some("Ana Silva"),
                    Some("adding"),
                )],
            },
            Case {
                name: "negated_is_not_speech",
                lang: "en",
                text: "Ana Silva did not say that the deal was dead.",
                actors: &[SILVA],
                expect: &[],
            },
            Case {
                name: "relative_that_is_not_speech",
                lang: "en",
                text: "Ana Silva announced the measures that the cabinet approved.",
                actors: &[SILVA],
                expect: &[],
            },
        ]);
    }
}
