//! Status (asserted, planned, negated, hypothetical) from the words around
//! a trigger, and the category changes that controllers and the PLOVER
//! tense rule make (`promised to send` → AGREE, `threatened to impose a
//! curfew` → THREATEN `restrict`, `will not accept` → REJECT).

use crate::document::EventStatus;
use crate::plover;

use super::clause::Sent;
use super::inflect::{COND, FUT, INF, PRES, Tenses};
use super::lexicon::C;
use super::lexicon::{LangLex, Role};
use super::matcher::TriggerMatch;

/// What the words before a trigger say about its reality.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Cues {
    /// `ne … pas`, `not`, `never`.
    pub negated: bool,
    /// Future, `will`, `doit`, `prévoit de`, a future date word.
    pub planned: bool,
    /// Conditional, `if`, `could`, `pourrait`.
    pub hypothetical: bool,
    /// A condition goes with the act (`… unless Baghdad accepts`, `if`):
    /// a coercive act under a condition is a threat.
    pub conditional: bool,
}

/// The `if`/`unless` clauses of a sentence: from the conjunction to the
/// next comma (or the sentence end), into `out` (read once per sentence
/// by [`Sent::analyse`], then through [`Sent::conditions`]).
pub fn find_conditions(sent: &Sent, lex: &LangLex, out: &mut Vec<(usize, usize)>) {
    let w = &sent.words;
    out.clear();
    if !sent.has_class(C::CondIf) {
        return;
    }
    out.extend(
        (0..w.len())
            .filter_map(|i| sent.at(lex, i, C::CondIf).map(|len| (i, len)))
            .map(|(i, len)| {
                let end = (i + len..w.len())
                    .find(|&j| matches!(w[j], "," | ";" | ":"))
                    .unwrap_or(w.len());
                (i, end)
            }),
    );
}

/// True when token `i` lies inside an `if`/`unless` clause.
pub fn in_condition(sent: &Sent, i: usize) -> bool {
    sent.conditions().iter().any(|&(s, e)| s <= i && i < e)
}

/// Reads the cues of the verb group that ends at match `m` (clause starting
/// at `clause_start`), given the anchor's tenses.
pub fn cues(
    sent: &Sent,
    lex: &LangLex,
    m: &TriggerMatch,
    clause_start: usize,
    clause_end: usize,
) -> Cues {
    let w = &sent.words;
    // the verb group before the trigger: up to four words, not across
    // punctuation or an actor (`will return weapons ... seized` is not `will seize`)
    let mut from = m.first;
    while from > clause_start && m.first - from < 4 {
        let j = from - 1;
        if sent.is_punct(j) || sent.ments.iter().any(|x| x.first <= j && j <= x.last) {
            break;
        }
        from = j;
    }
    let window = from..m.first;
    let has =
        |class: C, r: std::ops::Range<usize>| sent.class_in(lex, class, r.start, r.end).is_some();
    let mut c = Cues::default();
    // negation: French needs `ne` before and `pas`/`jamais` around the verb
    let neg_pre = sent.class_in(lex, C::NegPre, from, m.anchor);
    let neg_end = (m.anchor_last + 3).min(w.len());
    c.negated = if !lex.c(C::NegPre).is_empty() {
        neg_pre.is_some_and(|p| has(C::Neg, p + 1..neg_end))
    } else {
        has(C::Neg, window.clone()) || has(C::Neg, m.first..m.anchor)
    };
    let after_speech = sent.class_in(lex, C::Speech, 0, m.first).is_some();
    c.hypothetical = has(C::CueHyp, window.clone())
        || clause_start
            .checked_sub(1)
            .is_some_and(|j| sent.is(j, C::CondIf))
        || sent
            .class_in(lex, C::CondIf, clause_start, clause_start + 1)
            .is_some();
    let would = has(C::CueWould, window.clone());
    let cond = m.tenses & COND != 0 && m.tenses & (PRES | INF | FUT) == 0;
    if (would || cond) && !c.hypothetical {
        if after_speech {
            c.planned = true;
        } else {
            c.hypothetical = true;
        }
    }
    c.conditional = sent
        .conditions()
        .iter()
        .any(|&(s, e)| !(s <= m.first && m.first < e));
    c.planned |= has(C::CuePlanned, window)
        || (m.tenses & FUT != 0 && m.tenses & (PRES | INF) == 0)
        || has(C::FutureWord, m.first..clause_end.min(m.last + 8));
    c
}

/// The tense rule and controller roles applied to an event category.
/// (Borrowed from the lexicon or static: a draft copies them once.)
#[derive(Debug, Clone, PartialEq)]
pub struct Coded<'a> {
    /// Final category.
    pub event_type: &'a str,
    /// Final mode.
    pub mode: Option<&'a str>,
    /// Final status.
    pub status: EventStatus,
}

/// The mode a REQUEST or REJECT takes from the act asked for or refused.
fn ask_mode(cat: &str) -> &'static str {
    match cat {
        "CONSULT" => "meet",
        "AID" | "COOPERATE" | "SUPPORT" | "AGREE" => "assist",
        "RETREAT" | "CONCEDE" => "yield",
        _ => "change",
    }
}

/// The mode a THREATEN takes from the act threatened.
fn threat_mode(cat: &str, mode: Option<&str>) -> Option<&'static str> {
    Some(match (cat, mode) {
        ("ASSAULT" | "MOBILIZE", _) => "violence",
        ("COERCE", Some("arrest")) => "arrest",
        ("COERCE", Some("seize")) => "territory",
        ("COERCE" | "PROTEST", _) => "restrict",
        ("SANCTION", Some("expel")) => "expel",
        ("SANCTION", _) => "relations",
        _ => return None,
    })
}

/// Codes a chain: the leaf act (`cat`, `mode`) under its controllers
/// (outermost first), with the cues read at the outermost one.
pub fn code<'a>(cat: &'a str, mode: Option<&'a str>, chain: &[Role], cues: Cues) -> Coded<'a> {
    let mut cat = cat;
    let mut mode = mode;
    let mut planned = cues.planned;
    let mut verbal_act = false;
    // innermost controller first
    for role in chain.iter().rev() {
        match role {
            Role::Event | Role::Aspect => {}
            // a measure of force announced by whoever imposes it takes effect
            // (`a annoncé l'instauration d'un couvre-feu`)
            Role::Planned if cat == "COERCE" => {}
            Role::Planned | Role::Intent => planned = true,
            Role::Agree => {
                let c = plover::tense_rule(cat);
                if c != cat {
                    mode = None;
                }
                cat = c;
                planned = true;
            }
            Role::Threaten => {
                mode = threat_mode(cat, mode);
                cat = "THREATEN";
                verbal_act = true;
            }
            Role::Reject => {
                mode = Some(ask_mode(cat));
                cat = "REJECT";
                verbal_act = true;
            }
            Role::Request => {
                mode = Some(ask_mode(cat));
                cat = "REQUEST";
                verbal_act = true;
            }
        }
    }
    // a coercive act announced under a condition is a threat
    let coercive = !plover::is_cooperative(cat)
        && !matches!(cat, "THREATEN" | "REQUEST" | "REJECT" | "ACCUSE");
    if cues.conditional && !cues.negated && coercive && (planned || cues.hypothetical) {
        mode = threat_mode(cat, mode);
        return Coded {
            event_type: "THREATEN",
            mode,
            status: EventStatus::Asserted,
        };
    }
    let status = if cues.negated {
        if (planned || cues.hypothetical) && plover::is_cooperative(cat) {
            // `will not accept`, `ne signera pas`: a refusal
            mode = Some(ask_mode(cat));
            cat = "REJECT";
            EventStatus::Asserted
        } else {
            EventStatus::Negated
        }
    } else if cues.hypothetical {
        cat = plover::tense_rule(cat);
        EventStatus::Hypothetical
    } else if planned && !verbal_act {
        let c = plover::tense_rule(cat);
        if c != cat {
            mode = threat_mode(cat, mode).filter(|_| c == "THREATEN");
        }
        cat = c;
        EventStatus::Planned
    } else {
        EventStatus::Asserted
    };
    Coded {
        event_type: cat,
        mode,
        status,
    }
}

/// True when a match's anchor is an infinitive (or English base form)
/// introduced by `to`/`de`/`à`/`pour`: a complement or purpose clause.
pub fn is_infinitive_clause(sent: &Sent, lex: &LangLex, m: &TriggerMatch, tenses: Tenses) -> bool {
    // `d'avoir tué`, `of having killed`: a perfect infinitive or gerund
    let perfect =
        m.first > 0 && tenses & super::inflect::PPART != 0 && sent.is(m.first - 1, C::AuxNonfinite);
    if tenses & INF == 0 && tenses & super::inflect::GER == 0 && !perfect {
        return false;
    }
    let start = if perfect { m.first - 1 } else { m.first };
    if perfect && start > 0 && sent.is(start - 1, C::PrepGen) {
        return true;
    }
    // `to train soldiers and fight`, `pour former et équiper`: an infinitive
    // coordinated with an earlier infinitive clause of the same clause
    let inf_only = tenses & INF != 0 && tenses & !(INF | PRES) == 0;
    if inf_only && start > 1 && sent.is(start - 1, C::Conj) {
        let from = sent.clause_start(start).max(start.saturating_sub(10));
        let marker = (from..start - 1)
            .rev()
            .find(|&j| sent.is(j, C::InfMarker) || sent.at(lex, j, C::Purpose).is_some());
        if marker.is_some_and(|j| !(j..start).any(|k| sent.is_punct(k))) {
            return true;
        }
    }
    // `to sign`, `pour renforcer`, `to help him oust`: a marker up to three
    // words before, no punctuation between
    (start.saturating_sub(4)..start).any(|j| {
        [C::InfMarker, C::Purpose].iter().any(|c| {
            sent.at(lex, j, *c).is_some_and(|len| {
                j + len <= start
                    && start - (j + len) <= 2
                    && !(j + len..start).any(|k| sent.is_punct(k))
            })
        })
    })
}
