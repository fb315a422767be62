//! Event nouns (`visite`, `attack`, `retrait`): their own agent (the first
//! `de`/`of` phrase, `Russia's`, an adjacent demonym, a `par` agent), and,
//! when they have none, whether the clause makes them an event of its
//! subject (`sa visite`, `effectuer une visite`, `lors de la visite`) or of
//! no one (a noun with a complement, a date or `a eu lieu`). A noun in a
//! background phrase (`après l'attaque`, `sous sanctions`) is no event.

use crate::document::Document;

use super::clause::{Gov, Sent};
use super::lexicon::C;
use super::lexicon::{LangLex, Trigger};
use super::matcher::TriggerMatch;
use super::structure::{self, Objects, Part};

const PREPOSITIONS: [C; 8] = [
    C::PrepDest,
    C::PrepLoc,
    C::PrepWith,
    C::PrepBetween,
    C::PrepAgent,
    C::PrepAgainst,
    C::PrepFrom,
    C::PrepOblique,
];

/// The noun's own agent; `de` phrases after the first one are moved to
/// `obj.from` (`retrait de ses troupes du Mali`: Mali is where from).
pub fn own_agent(
    doc: &Document,
    sent: &Sent,
    m: &TriggerMatch,
    t: &Trigger,
    obj: &mut Objects,
) -> Vec<Part> {
    let patient = t.gen_patient;
    // the pattern's own words: those of the noun phrase, not of a verb it
    // goes on to (`attaque du JNIM contre l'armée a tué`)
    let inner_last = if t.ends_in_verb() {
        m.anchor_last
    } else {
        m.last
    };
    let w = &sent.words;
    // the `de` phrase right after the noun (`visite du président`), past one
    // adjective and bare compounds (`visite d'État du président`, `soutien
    // militaire de`); another preposition first means no agent (`aide aux
    // pays de l'AES`)
    let mut first_prep = None;
    let mut i = m.anchor_last + 1;
    let mut skips = 0;
    while i < w.len() && skips <= 2 {
        if sent.is(i, C::PrepGen) {
            let bare = !sent.is(i, C::NounMarker)
                && w.get(i + 1).is_some_and(|x| {
                    !sent.is(i + 1, C::Det)
                        && !sent.is(i + 1, C::Poss)
                        && !x.as_bytes()[0].is_ascii_digit()
                        && !sent.ments.iter().any(|mm| mm.first == i + 1)
                })
                && !sent.demonyms.iter().any(|d| d.tok == i + 1);
            if !bare {
                first_prep = Some(i);
                break;
            }
            i += 2;
        } else if sent.is_punct(i)
            || sent.ments.iter().any(|mm| mm.first == i)
            || PREPOSITIONS.iter().any(|c| sent.is(i, *c))
        {
            break;
        } else {
            i += 1;
        }
        skips += 1;
    }
    // a possessive determiner is the noun's agent (`son retrait de la
    // CEDEAO`, `their withdrawal from`): its `de` phrases are what it acts on
    let owned = (m.first.saturating_sub(2)..m.first).any(|i| sent.is(i, C::Poss));
    let mut agent: Vec<Part> = Vec::new();
    let mut prev: Option<usize> = None;
    let genitive = std::mem::take(&mut obj.genitive);
    let at = std::mem::take(&mut obj.genitive_at);
    for (p, at) in genitive.into_iter().zip(at) {
        // a name inside the trigger's own words is what it acts on (`création
        // de l'Alliance`), and so is any `de` phrase of a patient noun
        if at <= inner_last || patient {
            obj.patient.push(p);
            continue;
        }
        let own_prep = (m.anchor_last + 1..at)
            .rev()
            .find(|&i| sent.is(i, C::PrepGen));
        let in_group = match prev {
            None => first_prep.is_some() && own_prep == first_prep,
            Some(q) => at <= q + 6 && (q + 1..at).any(|k| w[k] == "," || sent.is(k, C::Conj)),
        };
        if in_group && !owned && !p.is_place(doc) && obj.from.is_empty() {
            prev = Some(at);
            agent.push(p);
        } else {
            obj.from.push(p);
        }
    }
    if !agent.is_empty() {
        return agent;
    }
    // `Russia's visit`
    if let Some(x) = (m.first.saturating_sub(3)..m.first).rev().find_map(|i| {
        sent.is(i, C::Possessive)
            .then(|| sent.mention_ending(i))
            .flatten()
    }) {
        return vec![Part::Actor(x.actor)];
    }
    // `Russian attack`, `retrait français`
    if let Some(d) = sent
        .demonyms
        .iter()
        .find(|d| d.tok + 1 == m.first || d.tok == m.anchor_last + 1)
    {
        return vec![Part::Country(d.code.clone())];
    }
    // `l'aide apportée par la Russie` is the participle's; only a `par`
    // right after the noun is its agent
    let adjacent_by = (m.anchor_last + 1..(m.anchor_last + 3).min(sent.words.len()))
        .any(|i| sent.is(i, C::PrepAgent));
    // (a patient noun's `de` phrase comes first: `arrestation de X par Y`)
    if adjacent_by || patient {
        return std::mem::take(&mut obj.agent);
    }
    Vec::new()
}

/// When the noun has no agent of its own: the clause subject when a
/// possessive, a light verb or an event adjunct ties it to the clause;
/// no agent when a complement, a date or `a eu lieu` makes it an event
/// anyway; `None` when it is no event (background, bare mention).
pub fn context_agent(
    sent: &Sent,
    lex: &LangLex,
    m: &TriggerMatch,
    clause: (usize, usize),
    obj: &Objects,
    stops: &[usize],
    subject_of: impl Fn(usize, usize) -> Vec<Part>,
) -> Option<(Vec<Part>, bool)> {
    let gov = sent.governor(lex, m.first, stops);
    if matches!(gov, Gov::Background | Gov::Oblique) {
        return None;
    }

    let before = m.first.saturating_sub(3)..m.first;
    let poss = before.clone().any(|i| sent.is(i, C::Poss));
    let light = sent.class_before(lex, C::LightVerb, clause.0, m.first, 5);
    if poss || light {
        // the clause subject, which may follow a fronted adjunct
        let mut subj = subject_of(clause.0, m.first);
        if subj.is_empty() {
            let oe = structure::object_end(sent, lex, m.anchor_last, clause.1);
            subj = structure::subject(sent, lex, oe, clause.1, stops).0;
        }
        return Some((subj, true));
    }
    let light_after = sent
        .class_in(
            lex,
            C::LightVerb,
            m.anchor_last + 1,
            clause.1.min(m.anchor_last + 6),
        )
        .is_some();
    let has_args = !(obj.dest.is_empty()
        && obj.core.is_empty()
        && obj.patient.is_empty()
        && obj.loc.is_empty()
        && obj.against.is_empty()
        && obj.between.is_empty()
        && obj.with.is_empty()
        && obj.from.is_empty());
    // `talks between the two countries`
    let has_args = has_args
        || sent
            .class_in(lex, C::TheTwo, m.anchor_last + 1, clause.1)
            .is_some()
        || sent
            .class_in(lex, C::TheseCountries, m.anchor_last + 1, clause.1)
            .is_some();
    let dated = sent
        .dates
        .iter()
        .any(|(a, _, _)| *a > m.anchor_last && *a <= m.anchor_last + 3);
    (has_args || dated || light_after).then(|| (Vec::new(), false))
}

/// The end of a noun's phrase: its complements stop at the next verb
/// (an auxiliary) or the clause end; `a eu lieu entre X et Y`, `was held
/// in X` keep theirs.
pub fn phrase_end(sent: &Sent, lex: &LangLex, m: &TriggerMatch, end: usize) -> usize {
    // a pattern that goes on to a verb (`frappes ont tué`) reads that
    // verb's complements too
    let mut i = m.anchor_last.max(m.last) + 1;
    while i < end {
        if let Some(len) = sent.at(lex, i, C::LightVerb) {
            i += len;
            continue;
        }
        if sent.is_auxiliary(i) {
            return i;
        }
        i += 1;
    }
    end
}
