//! Source, target and location from the sentence structure around a
//! trigger: the subject before it (or the passive agent), the phrases after
//! it sorted by their preposition, and for event nouns their own
//! complements (`visite du ministre au Mali`, `Russia's attack on`,
//! `sa visite` → the clause subject). The trigger's frame then says which
//! phrase is the source and which the target.

use crate::document::{ActorIdx, ActorKind, Document};

use super::clause::{Gov, Sent};
use super::inflect::{PAST, PPART};
use super::lexicon::C;
use super::lexicon::{Frame, LangLex};
use super::matcher::TriggerMatch;

/// An event participant: a resolved actor, or a country known only from a
/// demonym or an anaphor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// An actor of the document.
    Actor(ActorIdx),
    /// A country by ISO alpha-3 code.
    Country(String),
}

impl Part {
    /// The participant's country code, when known.
    pub fn country<'d>(&'d self, doc: &'d Document) -> Option<&'d str> {
        match self {
            Part::Actor(i) => doc.actors.get(*i).and_then(|a| a.country.as_deref()),
            Part::Country(c) => Some(c),
        }
    }

    /// True for a place actor (a city or region).
    pub fn is_place(&self, doc: &Document) -> bool {
        matches!(self, Part::Actor(i) if doc.actors.get(*i).is_some_and(|a| a.kind == ActorKind::Place))
    }
}

/// Phrases after a trigger, by role.
#[derive(Debug, Default, Clone)]
pub struct Objects {
    /// Direct objects.
    pub core: Vec<Part>,
    /// Destinations and recipients (`à`, `au`, `to`).
    pub dest: Vec<Part>,
    /// Places where it happens (`dans`, `in`, `at`).
    pub loc: Vec<Part>,
    /// `avec`, `with`.
    pub with: Vec<Part>,
    /// `entre`, `between`.
    pub between: Vec<Part>,
    /// Passive agents (`par`, `by`).
    pub agent: Vec<Part>,
    /// `contre`, `against`.
    pub against: Vec<Part>,
    /// `from` and, after a noun, a second `de` phrase.
    pub from: Vec<Part>,
    /// What a noun acts on (`arrestation de l'opposant`).
    pub patient: Vec<Part>,
    /// `de`, `of` complements.
    pub genitive: Vec<Part>,
    /// Token of each `genitive` phrase.
    pub genitive_at: Vec<usize>,
}

/// The participants of one trigger before the frame is applied.
#[derive(Debug, Default, Clone)]
pub struct Args {
    /// The grammatical subject (or the noun's agent).
    pub subject: Vec<Part>,
    /// True when the subject was inferred (pronoun, demonym, clause subject).
    pub inferred: bool,
    /// Phrases after the trigger.
    pub obj: Objects,
    /// True for a passive verb.
    pub passive: bool,
}

/// Sources, targets and location of an event.
#[derive(Debug, Default, Clone)]
pub struct Roles {
    /// Acting participants, main first.
    pub sources: Vec<Part>,
    /// Recipients, main first.
    pub targets: Vec<Part>,
    /// The place.
    pub location: Option<ActorIdx>,
    /// True when each target is a separate event (visits).
    pub split_targets: bool,
}

fn push(v: &mut Vec<Part>, p: Part) {
    if !v.contains(&p) {
        v.push(p);
    }
}

/// The end of the object region after token `after`: the clause end, or an
/// earlier comma that opens an adjunct rather than continuing a list.
pub fn object_end(sent: &Sent, lex: &LangLex, after: usize, clause_end: usize) -> usize {
    for j in after + 1..clause_end {
        if sent.words[j] != "," {
            continue;
        }
        let next = j + 1;
        let after_item =
            sent.mention_ending(j).is_some() || sent.demonyms.iter().any(|d| d.tok + 1 == j);
        let continues = next < clause_end
            && after_item
            && (sent.ments.iter().any(|m| m.first == next)
                || [
                    C::Det,
                    C::PrepDest,
                    C::PrepGen,
                    C::Conj,
                    C::PrepWith,
                    C::PrepBetween,
                ]
                .iter()
                .any(|c| sent.at(lex, next, *c).is_some()));
        if !continues {
            return j;
        }
    }
    clause_end
}

/// Sorts the mentions (and, where a role has none, demonyms) of tokens
/// `[from, to)` by the preposition that governs them.
pub fn objects(sent: &Sent, lex: &LangLex, from: usize, to: usize, stops: &[usize]) -> Objects {
    let mut o = Objects::default();
    let route = |o: &mut Objects, g: Gov, p: Part, at: usize| match g {
        Gov::Core => push(&mut o.core, p),
        Gov::Dest => push(&mut o.dest, p),
        Gov::Loc => push(&mut o.loc, p),
        Gov::With => push(&mut o.with, p),
        Gov::Between => push(&mut o.between, p),
        Gov::Agent => push(&mut o.agent, p),
        Gov::Against => push(&mut o.against, p),
        Gov::From => push(&mut o.from, p),
        Gov::Gen => {
            if !o.genitive.contains(&p) {
                o.genitive.push(p);
                o.genitive_at.push(at);
            }
        }
        Gov::Oblique | Gov::Background | Gov::EventAdjunct => {}
    };
    let mut seen_roles: Vec<Gov> = Vec::new();
    for m in sent.ments_in(from, to) {
        let g = sent.governor(lex, m.first, stops);
        seen_roles.push(g);
        route(&mut o, g, Part::Actor(m.actor), m.first);
    }
    for d in sent.demonyms_in(from, to) {
        let g = sent.governor(lex, d.tok, stops);
        if !seen_roles.contains(&g) {
            route(&mut o, g, Part::Country(d.code.clone()), d.tok);
        }
    }
    o
}

/// The first group of subject phrases in tokens `[from, to)`: core
/// mentions (a coordinated list), else `de` complements of the subject
/// noun, else demonyms.
pub fn subject(
    sent: &Sent,
    lex: &LangLex,
    from: usize,
    to: usize,
    stops: &[usize],
) -> (Vec<Part>, bool) {
    // the first core phrase and the ones coordinated with it (the walk
    // stops at the first core phrase that is not)
    let mut group: Vec<Part> = Vec::new();
    let mut prev_last: Option<usize> = None;
    let mut genitive: Vec<Part> = Vec::new();
    let incises = sent.incises();
    for m in sent.ments_in(from, to) {
        // skip the relative clauses the verb is not in (`le Mali, qui ..., a expulsé`)
        let in_other_incise = incises
            .iter()
            .any(|(s, e)| *s < m.first && m.first < *e && !(*s < to && to < *e));
        if m.last >= to || in_other_incise {
            continue;
        }
        match sent.governor(lex, m.first, stops) {
            Gov::Core => {
                if let Some(pl) = prev_last {
                    let between = pl + 1..m.first;
                    let coordinated = between.len() <= 4
                        && between
                            .clone()
                            .any(|k| sent.words[k] == "," || sent.is(k, C::Conj));
                    if !coordinated {
                        break;
                    }
                }
                push(&mut group, Part::Actor(m.actor));
                prev_last = Some(m.last);
            }
            Gov::Gen if prev_last.is_none() => push(&mut genitive, Part::Actor(m.actor)),
            _ => {}
        }
    }
    if !group.is_empty() {
        return (group, false);
    }
    if !genitive.is_empty() {
        return (genitive, false);
    }
    let dem: Vec<Part> = sent
        .demonyms_in(from, to)
        .filter(|d| matches!(sent.governor(lex, d.tok, stops), Gov::Core | Gov::Gen))
        .map(|d| Part::Country(d.code.clone()))
        .fold(Vec::new(), |mut v, p| {
            push(&mut v, p);
            v
        });
    (dem, true)
}

/// True when the verb at match `m` is passive: a past participle after
/// `être`/`be`, or a bare participle followed by a `par`/`by` agent.
pub fn is_passive(sent: &Sent, lex: &LangLex, m: &TriggerMatch, frame: Frame) -> bool {
    if m.tenses & PPART == 0 || frame == Frame::Move {
        return false;
    }
    let from = m.first.saturating_sub(4);
    let refl = (from..m.anchor).any(|i| sent.is(i, C::Refl));
    if refl {
        return false;
    }
    let aux_be = (from..m.anchor).any(|i| sent.is(i, C::AuxBe));
    let aux_have = (from..m.anchor).any(|i| sent.is(i, C::AuxHave));
    // `has been sent`: be after have is passive; `has sent` is not
    if aux_be {
        return true;
    }
    if aux_have {
        return false;
    }
    // a participle with its agent right after (`livrés par la Russie`)
    let bare_participle = m.tenses & PAST == 0 || m.anchor > 0 && !sent.is_punct(m.anchor - 1);
    bare_participle
        && (m.last + 1..(m.last + 3).min(sent.words.len()))
            .any(|i| sent.at(lex, i, C::PrepAgent).is_some())
}

/// Applies a frame to the arguments. `dest_is_target` is false for acts
/// of force (`tué au Mali`: Mali is where, not whom).
pub fn apply_frame(frame: Frame, args: &Args, doc: &Document, dest_is_target: bool) -> Roles {
    let o = &args.obj;
    let mut r = Roles::default();
    let place = |v: &[Part]| -> Option<ActorIdx> {
        v.iter().find_map(|p| match p {
            Part::Actor(i) if p.is_place(doc) => Some(*i),
            _ => None,
        })
    };
    // where it happened: a city, else a country named as a place
    let located = |v: &[&[Part]]| -> Option<ActorIdx> {
        v.iter()
            .find_map(|x| place(x))
            .or_else(|| v.iter().flat_map(|x| x.iter()).find_map(part_actor))
    };
    let non_place =
        |v: &[Part]| -> Vec<Part> { v.iter().filter(|p| !p.is_place(doc)).cloned().collect() };
    match frame {
        Frame::Move => {
            r.sources = args.subject.clone();
            r.targets = o.dest.iter().chain(&o.loc).cloned().collect();
            r.location = place(&r.targets);
            r.split_targets = true;
        }
        Frame::Visit => {
            r.sources = if args.passive {
                o.agent.clone()
            } else {
                args.subject.clone()
            };
            r.targets = if args.passive {
                args.subject.clone()
            } else {
                o.core.clone()
            };
            if r.targets.is_empty() {
                r.targets = o.dest.iter().chain(&o.loc).cloned().collect();
            }
            r.location = place(&r.targets).or_else(|| place(&o.loc));
            r.split_targets = true;
        }
        Frame::Host => {
            // the host is the subject; the visitor is the object (or the
            // subject of a passive, whose agent is the host)
            if args.passive {
                r.sources = args.subject.clone();
                r.targets = o.agent.clone();
            } else {
                // `gave a warm welcome to X`: the visitor may follow `to`
                r.sources = if !o.core.is_empty() {
                    o.core.clone()
                } else if !o.dest.is_empty() {
                    non_place(&o.dest)
                } else {
                    // `a reçu l'ambassadeur de Chine`
                    non_place(&o.genitive)
                };
                r.targets = args.subject.clone();
            }
            r.location = located(&[&o.dest, &o.loc]);
        }
        Frame::Recip => {
            for v in [
                &args.subject,
                &o.agent,
                &o.core,
                &o.with,
                &o.between,
                &o.genitive,
                &o.from,
            ] {
                for p in v {
                    if !p.is_place(doc) {
                        push(&mut r.sources, p.clone());
                    }
                }
            }
            r.targets = non_place(&o.patient);
            r.location = located(&[&o.dest, &o.loc, &o.core]);
        }
        Frame::Default | Frame::Must => {
            if args.passive {
                r.sources = o.agent.clone();
                r.targets = args.subject.clone();
            } else {
                r.sources = args.subject.clone();
                r.sources.extend(
                    o.agent
                        .iter()
                        .filter(|p| !args.subject.contains(p))
                        .cloned(),
                );
                r.targets = non_place(&o.core);
            }
            let dest = if dest_is_target {
                non_place(&o.dest)
            } else {
                Vec::new()
            };
            for v in [&o.patient, &o.against, &dest, &o.between, &o.with, &o.from] {
                for p in v {
                    push(&mut r.targets, p.clone());
                }
            }
            // `rejected the proposal of X`, `attacked a post of the army`
            if r.targets.is_empty() && !args.passive {
                r.targets = non_place(&o.genitive);
            }
            r.location = if dest_is_target {
                located(&[&o.loc]).or_else(|| place(&o.dest))
            } else {
                located(&[&o.loc, &o.dest])
            };
        }
    }
    r.sources
        .retain(|p| !p.is_place(doc) || r.location != part_actor(p));
    r.targets.retain(|p| !r.sources.contains(p));
    r
}

fn part_actor(p: &Part) -> Option<ActorIdx> {
    match p {
        Part::Actor(i) => Some(*i),
        Part::Country(_) => None,
    }
}
