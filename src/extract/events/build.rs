//! From the trigger matches of one sentence to draft events: needs are
//! checked, controllers are linked to the acts they govern (`promised to
//! send`), each chain becomes one event whose participants come from the
//! structure around it, whose category and status come from the chain and
//! the cues, and whose date comes from its clause.

use std::cell::RefCell;

use crate::document::{ActorKind, Document, EventStatus, Span};

use super::clause::{Gov, Sent};
use super::lexicon::C;
use super::lexicon::{LangLex, Need, Role, Trigger, WordMap};
use super::matcher::TriggerMatch;
use super::structure::Part;
use super::tokens::Folded;
use super::usage;

/// An event before participants are resolved to document actors.
#[derive(Debug, Clone)]
pub struct Draft {
    /// Sentence index.
    pub sentence: usize,
    /// PLOVER category.
    pub event_type: String,
    /// PLOVER mode.
    pub mode: Option<String>,
    /// Sources, main first.
    pub sources: Vec<Part>,
    /// Targets, main first.
    pub targets: Vec<Part>,
    /// Place.
    pub location: Option<usize>,
    /// Index into `Document::dates`.
    pub date: Option<usize>,
    /// Status.
    pub status: EventStatus,
    /// Trigger words as written.
    pub trigger: String,
    /// Evidence span (original bytes).
    pub span: Span,
    /// Confidence.
    pub confidence: f32,
    /// True when stated inside a direct quotation (a restatement by the speaker).
    pub quoted: bool,
}

/// What the previous sentences say a pronoun subject refers to. Few
/// sentences read it (a pronoun or `son pays` with nothing nearer), so the
/// subject of a sentence that gave no source is only worked out when
/// read: a sentence analysis and a subject walk saved for nearly all.
pub struct Memory<'a> {
    /// The last subject known.
    subject: RefCell<Vec<Part>>,
    /// Later sentences, oldest first, whose subject replaces `subject`
    /// unless it is empty.
    pending: RefCell<Vec<usize>>,
    /// What a pending sentence is analysed with.
    ctx: &'a Ctx<'a>,
    /// The country gazetteer's demonyms.
    demonyms: &'a WordMap<String>,
}

impl<'a> Memory<'a> {
    /// An empty memory for the document of `ctx`.
    pub fn new(ctx: &'a Ctx<'a>, demonyms: &'a WordMap<String>) -> Self {
        Memory {
            subject: RefCell::default(),
            pending: RefCell::default(),
            ctx,
            demonyms,
        }
    }

    /// The last subject is `subject` (copied into the memory's buffer:
    /// nearly every sentence sets it).
    pub fn set(&mut self, subject: &[Part]) {
        let mine = self.subject.get_mut();
        mine.clear();
        mine.extend_from_slice(subject);
        self.pending.get_mut().clear();
    }

    /// The last subject is the subject of sentence `si` (a sentence with
    /// some trigger anchored), unless it has none.
    pub fn defer(&mut self, si: usize) {
        self.pending.get_mut().push(si);
    }

    /// The last subject seen: the latest pending sentence with a
    /// subject, else the last one known.
    pub fn subject(&self) -> Vec<Part> {
        let mut pending = self.pending.borrow_mut();
        if !pending.is_empty() {
            let (doc, folded, lex) = (self.ctx.doc, self.ctx.folded, self.ctx.lex);
            let mut sent = Sent::default();
            while let Some(si) = pending.pop() {
                let Some(&span) = doc.sentences.get(si) else {
                    continue;
                };
                let (fs, fe) = (folded.folded(span.start), folded.folded(span.end));
                sent.tokenize(folded, fs, fe, lex);
                sent.analyse(doc, folded, si, lex, self.demonyms);
                let s = super::structure::subject(&sent, lex, 0, sent.words.len(), &[]).0;
                if !s.is_empty() {
                    *self.subject.borrow_mut() = s;
                    pending.clear();
                }
            }
        }
        self.subject.borrow().clone()
    }
}

/// An anchor word of a sentence: its token and the patterns anchored on
/// it.
pub type Anchor<'a> = (usize, &'a [super::lexicon::Anchored]);

/// Everything a sentence's analysis reads.
pub struct Ctx<'a> {
    /// The document.
    pub doc: &'a Document,
    /// Its folded text.
    pub folded: &'a Folded,
    /// The language's lexicon.
    pub lex: &'a LangLex,
}

fn is_controller(role: Role) -> bool {
    role != Role::Event
}

fn obj_actor(sent: &Sent, lex: &LangLex, m: &TriggerMatch, clause: (usize, usize)) -> bool {
    let end = (m.last + 5).min(clause.1);
    let core = |first: usize| sent.governor(lex, first, &[m.anchor]) == Gov::Core;
    // a mention whose title starts the object (`a reçu l'ambassadeur de Chine, Jiang Feng`)
    sent.ments.iter().filter(|x| x.head > m.last && x.head < end)
        .any(|x| core(x.first) && !sent.is(x.last + 1, C::Possessive))
        // `a accueilli la délégation russe`
        || sent.demonyms_in(m.last + 1, end).any(|d| core(d.tok))
}

fn need_ok(
    doc: &Document,
    sent: &Sent,
    lex: &LangLex,
    m: &TriggerMatch,
    need: &Need,
    clause: (usize, usize),
) -> bool {
    match need {
        Need::Not(n) => !need_ok(doc, sent, lex, m, n, clause),
        Need::Dest => sent.ments_in(m.last + 1, clause.1).any(|x| {
            matches!(
                sent.governor(lex, x.first, &[m.anchor]),
                Gov::Dest | Gov::Loc
            )
        }),
        Need::Obj(c) => {
            sent.class_in(lex, *c, m.last + 1, clause.1.min(m.last + 9)).is_some()
                // a passive's object is its subject (`un cargo a été envoyé`)
                || ((m.anchor.saturating_sub(3)..m.anchor).any(|i| sent.is(i, C::AuxBe))
                    && sent.class_in(lex, *c, clause.0.max(m.first.saturating_sub(8)), m.first).is_some())
        }
        Need::Subj(c) => sent
            .class_in(lex, *c, clause.0.max(m.first.saturating_sub(8)), m.first)
            .is_some(),
        Need::ObjActor => obj_actor(sent, lex, m, clause),
        Need::Visitor => {
            obj_actor(sent, lex, m, clause)
                || (m.first.saturating_sub(3)..m.first).any(|i| sent.is(i, C::PronObj))
                || (m.tenses & super::inflect::PPART != 0
                    && sent
                        .ments_in(m.last + 1, clause.1)
                        .any(|x| sent.governor(lex, x.first, &[m.anchor]) == Gov::Agent))
        }
        Need::OrgObj => sent
            .ments_in(m.last + 1, clause.1.min(m.last + 15))
            .any(|x| {
                doc.actors
                    .get(x.actor)
                    .is_some_and(|a| a.kind == ActorKind::Organization)
            }),
        Need::Governed => true,
        Need::Next(c) => sent.at(lex, m.last + 1, *c).is_some(),
    }
}

/// The patterns that match around the anchors of a sentence whose words
/// are read ([`Sent::tokenize`]), in anchor order, into `out`: a test
/// that needs no further analysis of the sentence.
pub fn raw_matches(lex: &LangLex, sent: &Sent, anchors: &[Anchor], out: &mut Vec<TriggerMatch>) {
    out.clear();
    let words = super::matcher::Words {
        toks: &sent.toks,
        text: sent.ftext,
        info: &sent.info,
    };
    for &(at, cands) in anchors {
        for a in cands {
            // the word after the anchor rules most patterns out (as the
            // matcher's first test would, without reading the pattern)
            if let Some(firsts) = a.next
                && !sent
                    .info
                    .get(at + a.len)
                    .is_some_and(|w| super::lexicon::Elem::may_start(firsts, w.id))
            {
                continue;
            }
            let t = &lex.triggers[a.trigger];
            out.extend(super::matcher::check(words, t, a, at));
        }
    }
}

/// Keeps the [`raw_matches`] of the analysed sentence whose needs its
/// clause meets, and resolves overlaps and word usage.
pub fn find_matches(ctx: &Ctx, sent: &Sent, raw: &[TriggerMatch]) -> Vec<TriggerMatch> {
    let found: Vec<TriggerMatch> = raw
        .iter()
        .filter(|m| {
            let needs = &ctx.lex.triggers[m.trigger].needs;
            // (most patterns need nothing: no clause bounds to find)
            if needs.is_empty() {
                return true;
            }
            let clause = (sent.clause_start(m.first), sent.clause_end(m.last));
            needs
                .iter()
                .all(|n| need_ok(ctx.doc, sent, ctx.lex, m, n, clause))
        })
        .copied()
        .collect();
    let resolved = super::matcher::resolve(ctx.lex, sent, found);
    usage::keep_used(sent, ctx.lex, resolved)
}

/// True when controller `c` governs `e` (`promised to send`, `doit signer`,
/// `demanded that X withdraw`, `annonce le retrait`).
fn governs(sent: &Sent, lex: &LangLex, c: &TriggerMatch, e: &TriggerMatch, e_noun: bool) -> bool {
    if c.last >= e.first {
        return false;
    }
    let between = c.last + 1..e.first;
    if between.len() > 12 {
        return false;
    }
    let hard = between.clone().any(|i| {
        matches!(sent.words[i], ";" | ":" | "(" | ")" | "." | "?" | "!")
            || (sent.is(i, C::ClauseBreak) && !sent.is(i, C::That))
    });
    if hard {
        return false;
    }
    // a comma may only open an incise (`a promis, lors de sa visite, l'aide`)
    let incise_ok = between.clone().filter(|&i| sent.words[i] == ",").all(|i| {
        let next = sent.words.get(i + 1).copied().unwrap_or("");
        [
            C::AdjunctEvent,
            C::AdjunctBackground,
            C::PrepOblique,
            C::PrepDest,
            C::PrepLoc,
        ]
        .iter()
        .any(|k| sent.at(lex, i + 1, *k).is_some())
            || next == ","
            || sent.mention_ending(i).is_some()
    });
    if !incise_ok {
        return false;
    }
    let marker = between
        .clone()
        .any(|i| sent.is(i, C::InfMarker) || sent.is(i, C::That));
    marker || between.len() <= 2 || e_noun
}

/// The buffers [`sentence_drafts`] reuses from one sentence to the next.
#[derive(Debug, Default)]
pub struct Scratch {
    stops: Vec<usize>,
    parent: Vec<Option<usize>>,
    clauses: Vec<(usize, usize)>,
    chain: Vec<usize>,
    roles: Vec<Role>,
}

/// Builds the drafts of one sentence.
pub fn sentence_drafts(
    ctx: &Ctx,
    sent: &Sent,
    matches: &[TriggerMatch],
    mem: &Memory,
    out: &mut Vec<Draft>,
    scratch: &mut Scratch,
) {
    let lex = ctx.lex;
    let trig = |m: &TriggerMatch| -> &Trigger { &lex.triggers[m.trigger] };
    let Scratch {
        stops,
        parent,
        clauses,
        chain,
        roles: roles_chain,
    } = scratch;
    // (a pattern going on to a verb, `attack near X killed`, stops at it too)
    stops.clear();
    for m in matches {
        stops.extend(m.anchor..=m.anchor_last);
        if trig(m).ends_in_verb() {
            stops.push(m.last);
        }
    }
    let stops: &[usize] = stops;
    // link each match to the controller that governs it
    parent.clear();
    parent.resize(matches.len(), None);
    // (only a sentence with an event adjunct word has such a phrase)
    let adjuncts = sent.has_class(C::AdjunctEvent);
    for i in 0..matches.len() {
        let e = &matches[i];
        if adjuncts && sent.governor(lex, e.first, stops) == Gov::EventAdjunct {
            continue;
        }
        parent[i] = (0..i).rev().find(|&j| {
            is_controller(trig(&matches[j]).role)
                && !parent.contains(&Some(j))
                && governs(sent, lex, &matches[j], e, trig(e).noun)
        });
    }
    clauses.clear();
    clauses.extend(
        matches
            .iter()
            .map(|m| (sent.clause_start(m.first), sent.clause_end(m.last))),
    );
    let (parent, clauses): (&[Option<usize>], &[(usize, usize)]) = (parent, clauses);
    for root in (0..matches.len()).filter(|&i| parent[i].is_none()) {
        chain.clear();
        chain.push(root);
        while let Some(next) =
            (0..matches.len()).find(|&k| parent[k] == Some(*chain.last().unwrap_or(&root)))
        {
            chain.push(next);
        }
        // the innermost act with a category
        let Some(&leaf) = chain
            .iter()
            .rev()
            .find(|&&k| trig(&matches[k]).event_type.is_some())
        else {
            continue;
        };
        roles_chain.clear();
        roles_chain.extend(
            chain
                .iter()
                .take_while(|&&k| k != leaf)
                .map(|&k| trig(&matches[k]).role),
        );
        let c = super::chain::Chain {
            links: chain,
            leaf,
            roles: roles_chain,
        };
        let env = super::chain::Env {
            ctx,
            sent,
            matches,
            clauses,
            stops,
            mem,
            recent: out,
        };
        if let Some(d) = super::chain::draft(&env, &c) {
            out.extend(d);
        }
    }
}
