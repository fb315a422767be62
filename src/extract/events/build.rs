//! From the trigger matches of one sentence to draft events: needs are
//! checked, controllers are linked to the acts they govern (`promised to
//! send`), each chain becomes one event whose participants come from the
//! structure around it, whose category and status come from the chain and
//! the cues, and whose date comes from its clause.

use crate::document::{ActorKind, Document, EventStatus, Span};
use crate::plover;

use super::clause::{Gov, Sent};
use super::lexicon::{Frame, LangLex, Need, Role, Trigger};
use super::matcher::TriggerMatch;
use super::structure::{self, Args, Part, Roles};
use super::tokens::Folded;
use super::{dates, nouns, status, usage};

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
}

/// What the previous sentences say a pronoun subject refers to.
#[derive(Debug, Default, Clone)]
pub struct Memory {
    /// The last subject seen.
    pub subject: Vec<Part>,
}

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
    sent.ments_in(m.last + 1, (m.last + 5).min(clause.1))
        .any(|x| {
            sent.governor(lex, x.first, &[m.anchor]) == Gov::Core
                && sent.words.get(x.last + 1) != Some(&"'s")
        })
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
        Need::Obj(c) => sent
            .class_in(lex, c, m.last + 1, clause.1.min(m.last + 9))
            .is_some(),
        Need::Subj(c) => sent
            .class_in(lex, c, clause.0.max(m.first.saturating_sub(8)), m.first)
            .is_some(),
        Need::ObjActor => obj_actor(sent, lex, m, clause),
        Need::Visitor => {
            obj_actor(sent, lex, m, clause)
                || (m.tenses & super::inflect::PPART != 0
                    && sent
                        .ments_in(m.last + 1, clause.1)
                        .any(|x| sent.governor(lex, x.first, &[m.anchor]) == Gov::Agent))
        }
        Need::OrgObj => sent
            .ments_in(m.last + 1, clause.1.min(m.last + 10))
            .any(|x| {
                doc.actors
                    .get(x.actor)
                    .is_some_and(|a| a.kind == ActorKind::Organization)
            }),
        Need::Governed => true,
    }
}

/// Finds and checks every trigger match of the sentence.
pub fn find_matches(ctx: &Ctx, sent: &Sent) -> Vec<TriggerMatch> {
    let span = ctx.doc.sentences[sent.index];
    let (fs, fe) = (ctx.folded.folded(span.start), ctx.folded.folded(span.end));
    let mut found = Vec::new();
    for (s, _, cands) in ctx.lex.anchors_in(&ctx.folded.text, fs, fe) {
        let Ok(at) = sent.toks.binary_search_by(|t| t.start.cmp(&s)) else {
            continue;
        };
        for &(ti, alt) in cands {
            let t = &ctx.lex.triggers[ti];
            if let Some(m) = super::matcher::check(&sent.words, t, ti, alt, at) {
                let clause = (
                    sent.clause_start(ctx.lex, m.first),
                    sent.clause_end(ctx.lex, m.last),
                );
                if t.needs
                    .iter()
                    .all(|n| need_ok(ctx.doc, sent, ctx.lex, &m, n, clause))
                {
                    found.push(m);
                }
            }
        }
    }
    let resolved = super::matcher::resolve(ctx.lex, &sent.words, found);
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
            || (lex.class("clause_break").has(sent.words[i])
                && !lex.class("that").has(sent.words[i]))
    });
    if hard {
        return false;
    }
    let marker = between.clone().any(|i| {
        lex.class("inf_marker").has(sent.words[i]) || lex.class("that").has(sent.words[i])
    });
    marker || between.len() <= 2 || e_noun
}

fn trigger_text(ctx: &Ctx, sent: &Sent, first: usize, last: usize) -> String {
    let s = ctx.folded.orig(sent.toks[first].start);
    let e = ctx.folded.orig(sent.toks[last].end);
    ctx.doc.text[s..e.max(s)].to_string()
}

fn orig_span(ctx: &Ctx, sent: &Sent, first: usize, last: usize) -> Span {
    ctx.folded
        .orig_span(sent.toks[first].start, sent.toks[last].end)
}

/// Subject of a verb group starting at `v` in the clause starting at
/// `cs`, with pronouns and `son pays` resolved through the memory.
#[allow(clippy::too_many_arguments)]
fn verb_subject(
    doc: &Document,
    sent: &Sent,
    lex: &LangLex,
    cs: usize,
    v: usize,
    stops: &[usize],
    mem: &Memory,
    speaker: Option<Part>,
) -> (Vec<Part>, bool) {
    let (subj, inferred) = structure::subject(sent, lex, cs, v, stops);
    if !subj.is_empty() {
        return (subj, inferred);
    }
    let region = cs..v;
    if let Some(sp) = speaker
        && region
            .clone()
            .any(|i| lex.class("pron_we").has(sent.words[i]))
    {
        return (vec![sp], true);
    }
    if sent.class_in(lex, "poss_country", cs, v).is_some() {
        // `son pays`, `his country`: the country of the last subject
        let codes: Vec<Part> = mem
            .subject
            .iter()
            .filter_map(|p| p.country(doc).map(|c| Part::Country(c.to_string())))
            .collect();
        return (codes, true);
    }
    if region
        .clone()
        .any(|i| lex.class("pron_subj").has(sent.words[i]))
    {
        return (mem.subject.clone(), true);
    }
    (Vec::new(), false)
}

/// Builds the drafts of one sentence.
pub fn sentence_drafts(
    ctx: &Ctx,
    sent: &Sent,
    matches: &[TriggerMatch],
    mem: &Memory,
    out: &mut Vec<Draft>,
) {
    let lex = ctx.lex;
    let trig = |m: &TriggerMatch| -> &Trigger { &lex.triggers[m.trigger] };
    let stops: Vec<usize> = matches
        .iter()
        .flat_map(|m| m.anchor..=m.anchor_last)
        .collect();
    // link each match to the controller that governs it
    let mut parent: Vec<Option<usize>> = vec![None; matches.len()];
    for i in 0..matches.len() {
        let e = &matches[i];
        if sent.governor(lex, e.first, &stops) == Gov::EventAdjunct {
            continue;
        }
        parent[i] = (0..i).rev().find(|&j| {
            is_controller(trig(&matches[j]).role)
                && !parent.iter().any(|p| *p == Some(j))
                && governs(sent, lex, &matches[j], e, trig(e).noun)
        });
    }
    let clauses: Vec<(usize, usize)> = matches
        .iter()
        .map(|m| {
            (
                sent.clause_start(lex, m.first),
                sent.clause_end(lex, m.last),
            )
        })
        .collect();
    for root in (0..matches.len()).filter(|&i| parent[i].is_none()) {
        let mut chain = vec![root];
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
        let roles_chain: Vec<Role> = chain
            .iter()
            .take_while(|&&k| k != leaf)
            .map(|&k| trig(&matches[k]).role)
            .collect();
        if let Some(d) = chain_draft(
            ctx,
            sent,
            matches,
            &chain,
            leaf,
            &roles_chain,
            &clauses,
            &stops,
            mem,
        ) {
            out.extend(d);
        }
    }
}

/// True when noun trigger `k` lies in the complement of an earlier trigger
/// of its clause, with no light verb or possessive of its own.
fn absorbed(
    sent: &Sent,
    lex: &LangLex,
    matches: &[TriggerMatch],
    k: usize,
    clauses: &[(usize, usize)],
) -> bool {
    let m = &matches[k];
    let near = m.first.saturating_sub(3)..m.first;
    if near.clone().any(|i| lex.class("poss").has(sent.words[i]))
        || sent
            .class_in(lex, "light_verb", near.start, near.end)
            .is_some()
    {
        return false;
    }
    matches.iter().enumerate().any(|(j, o)| {
        j != k
            && o.anchor_last < m.first
            && clauses[j].0 <= m.first
            && m.first < structure::object_end(sent, lex, o.anchor_last, clauses[j].1)
            && sent.governor(lex, m.first, &[o.anchor]) != Gov::EventAdjunct
    })
}

/// Acts of force happen somewhere; their `à`/`au` phrase is a place, not a recipient.
fn dest_is_target(cat: &str) -> bool {
    !matches!(cat, "ASSAULT" | "PROTEST" | "COERCE" | "MOBILIZE")
}

fn union(a: &mut Vec<Part>, b: impl IntoIterator<Item = Part>) {
    for p in b {
        if !a.contains(&p) {
            a.push(p);
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn chain_draft(
    ctx: &Ctx,
    sent: &Sent,
    matches: &[TriggerMatch],
    chain: &[usize],
    leaf: usize,
    roles_chain: &[Role],
    clauses: &[(usize, usize)],
    stops: &[usize],
    mem: &Memory,
) -> Option<Vec<Draft>> {
    let lex = ctx.lex;
    let doc = ctx.doc;
    let root = chain[0];
    let (r, l) = (&matches[root], &matches[leaf]);
    let (rt, lt) = (&lex.triggers[r.trigger], &lex.triggers[l.trigger]);
    let (rc, lc) = (clauses[root], clauses[leaf]);
    let leaf_type = lt.event_type.as_deref()?;
    // clauses opened by `after`, `since` ... are background
    if sent
        .clause_opener(rc.0)
        .is_some_and(|w| lex.class("adjunct_background").has(w))
    {
        return None;
    }
    // the condition of a threat or promise is no event (`unless Baghdad accepts`)
    if status::in_condition(sent, lex, r.first) {
        return None;
    }
    // a noun inside another act's complement is part of it (`rejected calls for talks`)
    if chain.len() == 1 && rt.noun && absorbed(sent, lex, matches, root, clauses) {
        return None;
    }
    if chain.len() == 1 && rt.noun && usage::noun_modifier(sent, lex, r) {
        return None;
    }
    if chain.len() == 1 && rt.needs.iter().any(|n| matches!(n, Need::Governed)) {
        let light = sent
            .class_in(
                lex,
                "light_verb",
                rc.0.max(r.first.saturating_sub(4)),
                r.first,
            )
            .is_some();
        if !light {
            return None;
        }
    }
    if !rt.noun && rt.frame != Frame::Must && status::is_infinitive_clause(sent, lex, r, r.tenses) {
        let first_to = sent
            .class_in(
                lex,
                "first_to",
                rc.0.max(r.first.saturating_sub(6)),
                r.first,
            )
            .is_some();
        if !first_to {
            return None;
        }
    }
    let in_quote = {
        let pos = ctx.folded.orig(sent.toks[r.anchor].start);
        doc.quotes
            .iter()
            .find(|q| q.span.start <= pos && pos < q.span.end)
    };
    let speaker = in_quote.and_then(|q| q.speaker).map(Part::Actor);
    // the act's complements, after its anchor word
    let mut oe = structure::object_end(sent, lex, l.anchor_last, lc.1);
    if lt.noun {
        oe = nouns::phrase_end(sent, lex, l, oe);
    }
    let mut obj = structure::objects(sent, lex, l.anchor_last + 1, oe, stops);
    let leaf_agent = if lt.noun {
        obj.core.clear();
        nouns::own_agent(doc, sent, lex, l, &mut obj)
    } else {
        Vec::new()
    };
    let subject_of = |from: usize, to: usize| {
        verb_subject(doc, sent, lex, from, to, stops, mem, speaker.clone()).0
    };
    let (subject, inferred) = if rt.noun && chain.len() == 1 {
        if leaf_agent.is_empty() {
            nouns::context_agent(sent, lex, r, rc, &obj, stops, subject_of)?
        } else {
            (leaf_agent.clone(), false)
        }
    } else if rt.frame == Frame::Must {
        structure::subject(sent, lex, rc.0, r.first, stops)
    } else {
        verb_subject(doc, sent, lex, rc.0, r.first, stops, mem, speaker.clone())
    };
    let passive = chain.len() == 1 && !rt.noun && structure::is_passive(sent, lex, r, rt.frame);
    let args = Args {
        subject: subject.clone(),
        inferred,
        obj,
        passive,
    };
    let mut roles: Roles = structure::apply_frame(lt.frame, &args, doc, dest_is_target(leaf_type));
    if chain.len() == 1
        && matches!(lt.frame, Frame::Move | Frame::Visit | Frame::Host)
        && roles.sources.is_empty()
    {
        // a visit needs a visitor
        return None;
    }
    if chain.len() > 1 {
        // the controller's subject acts; everyone else in the act is a recipient
        let mid = structure::objects(sent, lex, r.last + 1, matches[chain[1]].first, stops);
        let mid_targets: Vec<Part> = mid
            .core
            .iter()
            .chain(&mid.dest)
            .chain(&mid.genitive)
            .cloned()
            .collect();
        let sources = if subject.is_empty() {
            union_of(&leaf_agent, &roles.sources)
        } else {
            subject.clone()
        };
        let mut others: Vec<Part> = Vec::new();
        union(
            &mut others,
            roles
                .sources
                .iter()
                .filter(|p| !sources.contains(p))
                .cloned(),
        );
        union(&mut others, roles.targets.iter().cloned());
        let targets = if roles_chain.first() == Some(&Role::Request) {
            let e = &matches[chain[chain.len() - 1]];
            let that_subject = structure::subject(
                sent,
                lex,
                clauses[chain[1]].0.max(r.last + 1),
                e.first,
                stops,
            )
            .0;
            [mid_targets, that_subject, leaf_agent.clone(), others]
                .into_iter()
                .find(|v| !v.is_empty())
                .unwrap_or_default()
        } else {
            let mut t = mid_targets;
            union(
                &mut t,
                leaf_agent.iter().filter(|p| !sources.contains(p)).cloned(),
            );
            union(&mut t, others);
            t
        };
        roles.targets = targets
            .into_iter()
            .filter(|p| !sources.contains(p))
            .collect();
        roles.sources = sources;
        roles.split_targets = false;
    }
    if rt.frame == Frame::Must {
        let o = structure::objects(sent, lex, r.first + 1, r.anchor, stops);
        roles.targets = o.core.into_iter().chain(o.genitive).collect();
    }
    // a recipient the category needs, from a destination later in the sentence
    if roles.targets.is_empty() && plover::requires_target(leaf_type) {
        let later = structure::objects(sent, lex, oe, sent.words.len(), stops);
        roles.targets = later.dest;
        if roles.location.is_none() {
            roles.location = roles.targets.iter().find_map(|p| match p {
                Part::Actor(i) if p.is_place(doc) => Some(*i),
                _ => None,
            });
        }
    }
    // violence, protest or repression with no named victim: the country where it happened
    if roles.targets.is_empty() && !dest_is_target(leaf_type) {
        if let Some(i) = roles.location {
            roles.targets.push(Part::Actor(i));
        }
    }
    // relative clauses describe their antecedent: keep only full acts
    let relative = sent
        .clause_opener(rc.0)
        .is_some_and(|w| lex.class("relative").has(w));
    if relative && (roles.sources.is_empty() || args.passive) {
        return None;
    }
    let cues = status::cues(sent, lex, r, rc.0, rc.1);
    let coded = status::code(leaf_type, lt.mode.as_deref(), roles_chain, cues);
    let others: Vec<(usize, usize)> = clauses
        .iter()
        .enumerate()
        .filter(|(k, _)| !chain.contains(k))
        .map(|(_, c)| *c)
        .collect();
    let date = dates::attach(
        doc,
        sent,
        r.first,
        l.last,
        (rc.0.min(lc.0), rc.1.max(lc.1)),
        &others,
    );
    let trigger = if l.last - r.first <= 10 {
        trigger_text(ctx, sent, r.first, l.last)
    } else {
        format!(
            "{} … {}",
            trigger_text(ctx, sent, r.first, r.last),
            trigger_text(ctx, sent, l.first, l.last)
        )
    };
    let span_first = rc.0.min(r.first);
    let span = orig_span(
        ctx,
        sent,
        span_first,
        oe.max(l.last + 1).min(sent.toks.len()) - 1,
    );
    let mut conf: f32 = if rt.noun && chain.len() == 1 {
        0.7
    } else {
        0.9
    };
    if roles.sources.is_empty() {
        conf *= 0.6;
    } else if args.inferred {
        conf *= 0.85;
    }
    if roles.targets.is_empty() && plover::requires_target(&coded.event_type) {
        conf *= 0.8;
    }
    if in_quote.is_some() {
        conf *= 0.8;
    }
    let base = Draft {
        sentence: sent.index,
        event_type: coded.event_type,
        mode: coded.mode,
        sources: roles.sources.clone(),
        targets: Vec::new(),
        location: roles.location,
        date,
        status: coded.status,
        trigger,
        span,
        confidence: conf,
    };
    if roles.split_targets && roles.targets.len() > 1 {
        return Some(split_by_country(doc, base, roles.targets));
    }
    Some(vec![Draft {
        targets: roles.targets,
        ..base
    }])
}

fn union_of(a: &[Part], b: &[Part]) -> Vec<Part> {
    let mut v = a.to_vec();
    union(&mut v, b.iter().cloned());
    v
}

/// One event per destination country (`au Mali, au Burkina Faso et au
/// Niger`); a city and its country (`à Bamako au Mali`) are one
/// destination, the country the target and the city the location.
fn split_by_country(doc: &Document, base: Draft, targets: Vec<Part>) -> Vec<Draft> {
    let mut groups: Vec<(Option<String>, Vec<Part>)> = Vec::new();
    for t in targets {
        let code = t.country(doc).map(str::to_string);
        match groups.iter_mut().find(|(c, _)| c.is_some() && *c == code) {
            Some((_, g)) => g.push(t),
            None => groups.push((code, vec![t])),
        }
    }
    groups
        .into_iter()
        .map(|(_, g)| {
            let place = g.iter().find_map(|p| match p {
                Part::Actor(i) if p.is_place(doc) => Some(*i),
                _ => None,
            });
            let target = g.iter().find(|p| !p.is_place(doc)).unwrap_or(&g[0]).clone();
            Draft {
                targets: vec![target],
                location: place,
                ..base.clone()
            }
        })
        .collect()
}
