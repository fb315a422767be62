//! Is a matched trigger word used as an event here? Word forms are
//! ambiguous: `the attack` and `the wounded` are nouns, `ousted president`
//! and `Israeli-occupied` adjectives, `weapons seized last year` a reduced
//! relative clause, `suspected of blowing up` and `rebels fighting` verbal
//! nouns and modifiers, `last March` a date, `in protest against` a
//! background phrase. These rules read the neighbouring words only; the
//! word classes they use are data (`event_grammar.tsv`).

use super::clause::Sent;
use super::inflect::{GER, INF, PAST, PPART, PRES};
use super::lexicon::C;
use super::lexicon::{LangLex, Role};
use super::matcher::TriggerMatch;

const PREP_CLASSES: [C; 9] = [
    C::PrepGen,
    C::PrepWith,
    C::PrepAgent,
    C::PrepAgainst,
    C::PrepFrom,
    C::PrepOblique,
    C::PrepLoc,
    C::AdjunctBackground,
    C::AdjunctEvent,
];

/// True when a trigger word lies inside a date expression or a background
/// phrase (`in protest against`, `à la veille de`).
fn swallowed(sent: &Sent, lex: &LangLex, m: &TriggerMatch) -> bool {
    if sent
        .dates
        .iter()
        .any(|(a, b, _)| *a <= m.anchor && m.anchor <= *b)
    {
        return true;
    }
    (m.anchor.saturating_sub(3)..=m.anchor).any(|s| {
        sent.at(lex, s, C::AdjunctBackground)
            .is_some_and(|len| len > 1 && s + len > m.anchor)
    })
}

/// True when a verb form is used as a noun, an adjective or a verbal noun
/// rather than as the verb of an event; `earlier` are the kept triggers
/// before it.
fn not_a_verb(sent: &Sent, lex: &LangLex, m: &TriggerMatch, earlier: &[TriggerMatch]) -> bool {
    let w = &sent.words;
    // the word before the verb itself (a pattern may start with its object: `armes livrées`)
    let prev = m.anchor.checked_sub(1).map(|i| w[i]);
    // the classes of that word
    let prev_is = |c: C| m.anchor > 0 && sent.is(m.anchor - 1, c);
    // `the attack`, `the wounded`, `Jordan's visiting king`, `Israeli-occupied`
    // (`les` in `il les soutient` is a pronoun)
    if (prev_is(C::NounMarker) && !prev_is(C::PronObj)) || prev == Some("-") {
        return true;
    }
    // `avions de combat`: a finite form after `de`/`of` is a noun
    if prev_is(C::PrepGen) && m.tenses & (INF | GER) == 0 {
        return true;
    }
    if m.anchor > 0
        && sent.demonyms.iter().any(|d| d.tok + 1 == m.anchor)
        && m.tenses & (PAST | PPART) == 0
    {
        // `a Brazilian ship`
        return true;
    }
    let ger_only = m.tenses & GER != 0 && m.tenses & !GER == 0;
    // `en offrant des formations`: how an earlier act of the sentence was done
    if ger_only && prev_is(C::GerundMarker) && !earlier.is_empty() {
        return true;
    }
    if ger_only {
        let verbal_before = lex.c(C::GerVerbalBefore);
        if !verbal_before.is_empty() {
            // `suspected of blowing up`, `for spying`
            if PREP_CLASSES.iter().any(|c| prev_is(*c))
                || (prev_is(C::PrepDest) && !prev_is(C::InfMarker))
            {
                return true;
            }
            // `rebels fighting to topple`, `demonstrators protesting`; but
            // `a resolution demanding that X withdraw` keeps its demand, so
            // that the act it governs is not read as done
            // (what protesters demand is part of the protest)
            let protest = earlier
                .iter()
                .any(|e| lex.triggers[e.trigger].event_type.as_deref() == Some("PROTEST"));
            let controller = !matches!(lex.triggers[m.trigger].role, Role::Event)
                && !prev_is(C::Crowd)
                && !protest;
            if m.anchor > 0 && !prev_is(C::GerVerbalBefore) && !controller {
                return true;
            }
        }
    }
    let participle = m.tenses & PPART != 0 && m.tenses & (PRES | INF | GER) == 0;
    if participle {
        // `Ousted President Akayev`
        if m.anchor == 0 && sent.cap(m.last + 1) && !lex.c(C::GerVerbalBefore).is_empty() {
            return true;
        }
        // `weapons seized last year from`: a participle after another verb's object
        let aux = (m.anchor.saturating_sub(3)..m.anchor)
            .any(|i| sent.is(i, C::AuxBe) || sent.is(i, C::AuxHave));
        let subject_before =
            sent.mention_ending(m.anchor).is_some() || prev_is(C::PronSubj) || prev_is(C::Refl);
        let cs = sent.clause_start(m.first);
        let after_verb = earlier.iter().any(|e| {
            e.first >= cs
                && e.last < m.first
                && e.tenses != 0
                && !(e.last + 1..m.first).any(|k| w[k] == "," || sent.is(k, C::Conj))
        });
        if !aux && !subject_before && after_verb {
            return true;
        }
        // `soldats français déployés dans le pays`: a participle describing a
        // noun, with no agent, is a state, not an act (only forms that are not
        // also a simple past)
        let agent_after = (m.last + 1..(m.last + 4).min(w.len())).any(|i| sent.is(i, C::PrepAgent));
        let word_before = prev.is_some_and(|p| p.as_bytes()[0].is_ascii_alphanumeric());
        if m.tenses & PAST == 0 && !aux && !subject_before && word_before && !agent_after {
            return true;
        }
    }
    false
}

/// Drops the matches whose words are not used as event triggers here.
pub fn keep_used(sent: &Sent, lex: &LangLex, mut matches: Vec<TriggerMatch>) -> Vec<TriggerMatch> {
    // the kept ones are moved to the front, in place
    let mut n = 0;
    for r in 0..matches.len() {
        let m = matches[r];
        let kept = &matches[..n];
        if swallowed(sent, lex, &m) {
            continue;
        }
        // `Russia-backed`, `U.S.-led`: a verb glued to a word before it by a
        // hyphen is part of a compound adjective (the conjugated forms say so
        // in `not_a_verb`; literal forms like `backed` only here)
        let glued = m.anchor > 1
            && sent.words[m.anchor - 1] == "-"
            && sent.toks[m.anchor - 2].end == sent.toks[m.anchor - 1].start
            && sent.toks[m.anchor - 1].end == sent.toks[m.anchor].start;
        if glued && !lex.triggers[m.trigger].noun {
            continue;
        }
        if m.tenses != 0 && not_a_verb(sent, lex, &m, kept) {
            continue;
        }
        matches[n] = m;
        n += 1;
    }
    matches.truncate(n);
    matches
}

/// True when a noun trigger modifies the next noun (`invasion forces`,
/// `avions de combat`): no event.
pub fn noun_modifier(sent: &Sent, m: &TriggerMatch) -> bool {
    // `session de négociations`, `vague d'attaques`: the event noun is the head
    let container = m.first > 1 && sent.is(m.first - 2, C::EventContainer);
    let bare_de = m.first > 0 && sent.is(m.first - 1, C::BareOf) && !container;
    let head_after = sent.is(m.last + 1, C::CompoundHead);
    bare_de || head_after
}
