//! Reported clauses without que/that: `He said the talks had failed.`,
//! `The minister told reporters the border would reopen.`
//!
//! English drops `that` after the commonest speech verbs; French never drops
//! `que`. Only verb forms listed with the `bare_clause` role of the grammar
//! file are read this way, so a language with none gets nothing. After the
//! verb (and, for verbs such as `tell`, its short object) come at most
//! adverbs and short prepositional phrases (`on Monday`, `in a statement`);
//! then the clause must start with a subject (a determiner, a subject
//! pronoun, a capitalised word, a number, or any word right after the verb)
//! and reach a word marking a finite verb (role `finite`: `had`, `would`,
//! `was`) within a few words, with no punctuation, conjunction, relative
//! pronoun or second determiner before it: `He said no.`, `She said goodbye
//! and left.` and `They told him to stay.` are not reported clauses.

use super::context::Ctx;
use super::cues::Cue;
use super::lexicon::{Frame, role};

/// Words of a clause's subject before its finite verb marker, marker included.
const MAX_SUBJECT_WORDS: usize = 6;

/// Tokens read between the verb and the clause (adverbs, short phrases).
const MAX_LEAD: usize = 10;

/// Words of a prepositional phrase's noun group the search may step over
/// before a clause starts (`at a news conference`).
const PHRASE_WORDS: usize = 3;

/// The first token of the reported clause after `cue` when no que/that
/// introduces it, before byte `limit`.
pub(crate) fn clause_start(ctx: &Ctx<'_>, cue: &Cue, limit: usize) -> Option<usize> {
    // most cues end their clause (`…, he said.`): test that first, it is cheapest
    let next = ctx.toks.get(cue.last_tok + 1)?;
    if !ctx.lex.drops_complementizer
        || !next.word
        || next.start >= limit
        || cue.frame == Frame::None
        || !ctx.is(cue.last_tok, role::BARE_CLAUSE)
    {
        return None;
    }
    let mut j = cue.last_tok + 1;
    if cue.frame == Frame::Object {
        j = after_group(ctx, j, limit)?;
    }
    // any word may open a clause right after the verb (`said peacekeepers were`);
    // later, only a word that cannot end the noun group of a phrase
    let mut open_start = true;
    let mut phrase_words = 0;
    for _ in 0..MAX_LEAD {
        let t = ctx.toks.get(j)?;
        if t.start >= limit || !t.word {
            return None;
        }
        if let Some(end) = ctx.adverb_at(j, false) {
            j = end + 1;
            continue;
        }
        if ctx.is(j, role::PREPOSITION | role::TO) {
            // the phrase's object comes first (`at a news conference Kyiv was`)
            j = after_group(ctx, j + 1, limit)?;
            open_start = false;
            phrase_words = PHRASE_WORDS;
            continue;
        }
        if starts_subject(ctx, j, open_start) {
            return finite_follows(ctx, j, limit).then_some(j);
        }
        if phrase_words == 0 {
            return None;
        }
        phrase_words -= 1;
        open_start = false;
        j += 1;
    }
    None
}

/// The token after a short noun group starting at `j` (an object after
/// `tell`, the object of a preposition): a name, a pronoun, or determiners
/// then one word or a run of capitalised words.
fn after_group(ctx: &Ctx<'_>, mut j: usize, limit: usize) -> Option<usize> {
    let word_at = |k: usize| {
        ctx.toks
            .get(k)
            .filter(|t| t.word && t.start < limit)
            .is_some()
    };
    if !word_at(j) {
        return None;
    }
    if let Some(m) = ctx.mention_at(j) {
        let end = ctx.doc.mentions[m].span.end;
        while word_at(j) && ctx.toks[j].start < end {
            j += 1;
        }
        return Some(j);
    }
    while word_at(j) && ctx.is(j, role::DETERMINER) {
        j += 1;
    }
    if !word_at(j) {
        return None;
    }
    j += 1;
    while word_at(j) && capitalised(ctx, j - 1) && capitalised(ctx, j) {
        j += 1;
    }
    Some(j)
}

fn capitalised(ctx: &Ctx<'_>, j: usize) -> bool {
    ctx.text(j).chars().next().is_some_and(char::is_uppercase)
}

/// True when token `j` may open a clause's subject; any word that is no
/// function word when `open`.
fn starts_subject(ctx: &Ctx<'_>, j: usize, open: bool) -> bool {
    let w = ctx.text(j);
    let r = ctx.role(j);
    let blocked = role::COMPLEMENTIZER
        | role::RELATIVE
        | role::COORD
        | role::NEGATION
        | role::OF
        | role::TO
        | role::PREPOSITION
        | role::FINITE;
    if r & blocked != 0 || ctx.lex.is_object_pronoun(w) && r & role::DETERMINER == 0 {
        return false;
    }
    open || r & role::DETERMINER != 0
        || ctx.lex.pronoun(w).is_some()
        || ctx.mention_at(j).is_some()
        || w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
}

/// True when a finite verb marker follows the subject starting at `j`.
fn finite_follows(ctx: &Ctx<'_>, j: usize, limit: usize) -> bool {
    let mut words = 0;
    let mut after_preposition = false;
    for k in j..ctx.toks.len() {
        let t = ctx.toks[k];
        if t.start >= limit {
            return false;
        }
        if !t.word {
            if ctx.is_abbreviation_period(k) {
                continue;
            }
            return false;
        }
        let r = ctx.role(k);
        if r & role::FINITE != 0 {
            return k > j;
        }
        let stops = role::COORD | role::COMPLEMENTIZER | role::RELATIVE;
        // a second determiner starts another group, unless a preposition
        // links it to the subject (`farmers in the north were`)
        let determiner = k > j && r & role::DETERMINER != 0 && !after_preposition;
        if r & stops != 0 || determiner {
            return false;
        }
        after_preposition = r & (role::PREPOSITION | role::OF | role::TO) != 0;
        if k > j && ctx.cues.binary_search_by_key(&k, |c| c.first_tok).is_ok() {
            return false; // another speech verb: not a clause of this one
        }
        words += 1;
        if words >= MAX_SUBJECT_WORDS {
            return false;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::super::testkit::{ActorSpec, Case, check};
    use crate::document::ActorKind::{Country, Organization, Person};
    use crate::document::QuoteKind::Indirect;

    const SILVA: ActorSpec = ("Ana Silva", Person, &["Ana Silva"], None);
    const KENYA: ActorSpec = ("Kenya", Country, &[], None);

    #[test]
    fn reported_clauses_without_that() {
        check(&[
            Case {
                name: "said_then_clause",
                lang: "en",
                text: "Ana Silva said the negotiations had collapsed overnight.",
                actors: &[SILVA],
                expect: &[(
                    "the negotiations had collapsed overnight",
                    Indirect,
                    Some("Ana Silva"),
                    Some("said"),
                )],
            },
            Case {
                name: "told_object_then_clause",
                lang: "en",
                text: "Ana Silva told reporters the airport would reopen on Friday.",
                actors: &[SILVA],
                expect: &[(
                    "the airport would reopen on Friday",
                    Indirect,
                    Some("Ana Silva"),
                    Some("told"),
                )],
            },
            Case {
                name: "named_object_then_pronoun_clause",
                lang: "en",
                text: "The World Bank told Kenya it could not extend the loan.",
                actors: &[("World Bank", Organization, &[], None), KENYA],
                expect: &[(
                    "it could not extend the loan",
                    Indirect,
                    Some("World Bank"),
                    Some("told"),
                )],
            },
            Case {
                name: "day_and_phrase_before_clause",
                lang: "en",
                text: "Kenya said on Sunday at a news conference Nairobi was ready to send troops.",
                actors: &[KENYA, ("Nairobi", Country, &[], None)],
                expect: &[(
                    "Nairobi was ready to send troops",
                    Indirect,
                    Some("Kenya"),
                    Some("said"),
                )],
            },
            Case {
                name: "plain_noun_subject_right_after_the_verb",
                lang: "en",
                text: "Ana Silva said farmers in the north were running out of seed.",
                actors: &[SILVA],
                expect: &[(
                    "farmers in the north were running out of seed",
                    Indirect,
                    Some("Ana Silva"),
                    Some("said"),
                )],
            },
            Case {
                name: "pronoun_speaker_and_clause",
                lang: "en",
                text: "Ana Silva left the meeting early. She said nothing had been agreed.",
                actors: &[SILVA],
                expect: &[(
                    "nothing had been agreed",
                    Indirect,
                    Some("Ana Silva"),
                    Some("said"),
                )],
            },
            Case {
                name: "said_no_is_not_a_clause",
                lang: "en",
                text: "Ana Silva said no. The vote was postponed.",
                actors: &[SILVA],
                expect: &[],
            },
            Case {
                name: "said_goodbye_and_left_is_not_a_clause",
                lang: "en",
                text: "Ana Silva said goodbye to the delegates and was driven to the airport.",
                actors: &[SILVA],
                expect: &[],
            },
            Case {
                name: "told_to_infinitive_is_not_a_clause",
                lang: "en",
                text: "Ana Silva told the soldiers to leave the town before dawn.",
                actors: &[SILVA],
                expect: &[],
            },
            Case {
                name: "the_said_agreement_is_not_speech",
                lang: "en",
                text: "The said agreement was signed in Nairobi by Kenya.",
                actors: &[KENYA],
                expect: &[],
            },
            Case {
                name: "object_noun_then_relative_is_not_a_clause",
                lang: "en",
                text: "Ana Silva told the story of the men who had fled the town.",
                actors: &[SILVA],
                expect: &[],
            },
            Case {
                name: "no_finite_verb_is_not_a_clause",
                lang: "en",
                text: "Ana Silva said the same about the new government in Nairobi.",
                actors: &[SILVA],
                expect: &[],
            },
            Case {
                name: "verb_without_the_role_needs_that",
                lang: "en",
                text: "Kenya announced the talks would resume in March.",
                actors: &[KENYA],
                expect: &[],
            },
            Case {
                name: "french_always_needs_que",
                lang: "fr",
                text: "Ana Silva a dit la frontière serait rouverte demain.",
                actors: &[SILVA],
                expect: &[],
            },
        ]);
    }
}
