//! One chain of linked triggers (`a promis de livrer`, `threatened to
//! impose sanctions`, or a lone trigger) becomes zero or more draft events:
//! first the filters that say it is no event here (background clause,
//! condition, purpose infinitive, noun inside another act, demonstrative
//! reference), then its participants from the structure, then category,
//! status, date, confidence, and one draft per destination for visits.

use crate::document::{Document, Span};
use crate::plover;

use super::build::{Ctx, Draft, Memory};
use super::clause::{Gov, Sent};
use super::inflect::INF;
use super::lexicon::C;
use super::lexicon::{Frame, LangLex, Need, Role, Trigger};
use super::matcher::TriggerMatch;
use super::structure::{self, Args, Part, Roles};
use super::{dates, nouns, status, usage};

/// The linked triggers of one event: root first, `leaf` the innermost act.
pub struct Chain<'a> {
    /// Indices into the sentence's matches, outermost first.
    pub links: &'a [usize],
    /// The innermost match with a category.
    pub leaf: usize,
    /// Roles of the controllers above the leaf, outermost first.
    pub roles: &'a [Role],
}

/// What a chain's analysis reads from its sentence and document.
pub struct Env<'a> {
    /// Document, folded text, lexicon.
    pub ctx: &'a Ctx<'a>,
    /// The sentence.
    pub sent: &'a Sent<'a>,
    /// Every kept match of the sentence.
    pub matches: &'a [TriggerMatch],
    /// Clause bounds of each match.
    pub clauses: &'a [(usize, usize)],
    /// Anchor tokens of all matches (phrase walks stop there).
    pub stops: &'a [usize],
    /// Pronoun memory.
    pub mem: &'a Memory,
    /// Drafts of the earlier sentences and chains.
    pub recent: &'a [Draft],
}

/// Verbal acts: who said it matters most.
fn verbal(cat: &str) -> bool {
    matches!(
        cat,
        "AGREE" | "SUPPORT" | "CONCEDE" | "REQUEST" | "ACCUSE" | "REJECT" | "THREATEN"
    )
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

fn trigger_text(env: &Env, first: usize, last: usize) -> String {
    let (f, t) = (env.ctx.folded, &env.sent.toks);
    let s = f.orig(t[first].start);
    let e = f.orig(t[last].end);
    env.ctx.doc.text[s..e.max(s)].to_string()
}

fn orig_span(env: &Env, first: usize, last: usize) -> Span {
    env.ctx
        .folded
        .orig_span(env.sent.toks[first].start, env.sent.toks[last].end)
}

/// True when noun trigger `k` lies in the complement of an earlier trigger
/// of its clause, with no light verb or possessive of its own.
fn absorbed(env: &Env, lex: &LangLex, k: usize) -> bool {
    let (sent, m) = (env.sent, &env.matches[k]);
    let near = m.first.saturating_sub(3)..m.first;
    if near.clone().any(|i| sent.is(i, C::Poss))
        || sent
            .class_in(lex, C::LightVerb, near.start, near.end)
            .is_some()
    {
        return false;
    }
    env.matches.iter().enumerate().any(|(j, o)| {
        let t = &lex.triggers[o.trigger];
        j != k
            && (t.event_type.is_some() || t.role != Role::Event)
            && o.anchor_last < m.first
            && env.clauses[j].0 <= m.first
            && m.first < structure::object_end(sent, lex, o.anchor_last, env.clauses[j].1)
            && sent.governor(lex, m.first, &[o.anchor]) != Gov::EventAdjunct
    })
}

/// The filters: true when the chain is an event in its context.
fn admissible(env: &Env, c: &Chain, rt: &Trigger, cues: status::Cues) -> bool {
    let (sent, lex) = (env.sent, env.ctx.lex);
    let root = c.links[0];
    let r = &env.matches[root];
    let rc = env.clauses[root];
    let lone = c.links.len() == 1;
    // clauses opened by `after`, `since` ... are background
    if sent
        .clause_opener(rc.0)
        .is_some_and(|w| lex.c(C::AdjunctBackground).has(w))
    {
        return false;
    }
    // the condition of a threat or promise is no event (`unless Baghdad accepts`)
    if status::in_condition(sent, lex, r.first) {
        return false;
    }
    // a reference back to an event already reported (`cette rencontre`, `this visit`)
    let l = &env.matches[c.leaf];
    let demonstrative = (l.first.saturating_sub(2)..l.first).any(|i| sent.is(i, C::Demonstrative));
    if lex.triggers[l.trigger].noun && demonstrative {
        return false;
    }
    // part of another act (`rejected calls for talks`) or a modifier (`invasion forces`)
    if lone && rt.noun && (absorbed(env, lex, root) || usage::noun_modifier(sent, lex, r)) {
        return false;
    }
    if lone && rt.needs.iter().any(|n| matches!(n, Need::Governed)) {
        let light = sent
            .class_in(
                lex,
                C::LightVerb,
                rc.0.max(r.first.saturating_sub(4)),
                r.first,
            )
            .is_some();
        if !light {
            return false;
        }
    }
    // `premier pays à reconnaître`: an infinitive that says what was done
    let first_to = sent
        .class_in(
            lex,
            C::FirstTo,
            rc.0.max(r.first.saturating_sub(6)),
            r.first,
        )
        .is_some();
    if !rt.noun
        && rt.frame != Frame::Must
        && !first_to
        && status::is_infinitive_clause(sent, lex, r, r.tenses)
    {
        // `to discuss`, `pour renforcer`: purpose
        return false;
    }
    // a bare infinitive with no verb before it (`Objectif : renforcer les relations`)
    let infinitive_only = r.tenses & INF != 0 && r.tenses & !INF == 0;
    if lone
        && !rt.noun
        && infinitive_only
        && !first_to
        && !cues.planned
        && !cues.hypothetical
        && !cues.negated
    {
        return false;
    }
    true
}

/// The sources of the last draft of `category` within two sentences.
fn recent_sources(env: &Env, category: &str) -> Vec<Part> {
    env.recent
        .iter()
        .rev()
        .take_while(|d| d.sentence + 2 >= env.sent.index)
        .find(|d| d.event_type == category && !d.sources.is_empty())
        .map(|d| d.sources.clone())
        .unwrap_or_default()
}

/// The participants of the last draft (this sentence or the one before)
/// that has two of them.
fn recent_pair(env: &Env) -> Vec<Part> {
    env.recent
        .iter()
        .rev()
        .take_while(|d| d.sentence + 1 >= env.sent.index)
        .map(|d| {
            d.sources
                .iter()
                .chain(&d.targets)
                .cloned()
                .collect::<Vec<_>>()
        })
        .find(|v| v.len() >= 2)
        .unwrap_or_default()
}

/// Source, target and location of the chain.
fn participants(env: &Env, c: &Chain, speaker: Option<Part>) -> Option<(Roles, Args, usize)> {
    let (sent, lex, doc) = (env.sent, env.ctx.lex, env.ctx.doc);
    let (root, leaf) = (c.links[0], c.leaf);
    let (r, l) = (&env.matches[root], &env.matches[leaf]);
    let (rt, lt) = (&lex.triggers[r.trigger], &lex.triggers[l.trigger]);
    let (rc, lc) = (env.clauses[root], env.clauses[leaf]);
    let leaf_type = lt.event_type.as_deref()?;
    let lone = c.links.len() == 1;
    // the act's complements, after its anchor word
    let mut oe = structure::object_end(sent, lex, l.anchor_last, lc.1);
    if lt.noun {
        oe = nouns::phrase_end(sent, lex, l, oe);
    }
    let mut obj = structure::objects(sent, lex, l.anchor_last + 1, oe, env.stops);
    let leaf_agent = if lt.noun {
        obj.core.clear();
        nouns::own_agent(doc, sent, lex, l, lt.gen_patient, &mut obj)
    } else {
        Vec::new()
    };
    let subject_of = |from: usize, to: usize| verb_subject(env, from, to, speaker.clone()).0;
    let (subject, inferred) = if rt.noun && lone {
        if leaf_agent.is_empty() {
            nouns::context_agent(sent, lex, r, rc, &obj, env.stops, subject_of)?
        } else {
            (leaf_agent.clone(), false)
        }
    } else if rt.frame == Frame::Must {
        structure::subject(sent, lex, rc.0, r.first, env.stops)
    } else {
        verb_subject(env, rc.0, r.first, speaker.clone())
    };
    let passive = lone && !rt.noun && structure::is_passive(sent, lex, r, rt.frame);
    let mut args = Args {
        subject: subject.clone(),
        inferred,
        obj,
        passive,
    };
    // `Elle les a reçus`: the visitors of the last meeting
    if lt.frame == Frame::Host
        && args.obj.core.is_empty()
        && !passive
        && object_pronoun(sent, lex, l)
    {
        args.obj.core = recent_sources(env, leaf_type);
    }
    let mut roles = structure::apply_frame(lt.frame, &args, doc, dest_is_target(leaf_type));
    if lone
        && matches!(lt.frame, Frame::Move | Frame::Visit | Frame::Host)
        && roles.sources.is_empty()
    {
        // a visit needs a visitor
        return None;
    }
    if !lone {
        controlled(env, c, &mut roles, &subject, &leaf_agent);
    }
    if rt.frame == Frame::Must {
        let o = structure::objects(sent, lex, r.first + 1, r.anchor, env.stops);
        roles.targets = o.core.into_iter().chain(o.genitive).collect();
    }
    // `un cargo avait été envoyé au Mali`: the sender of the last such act
    if passive && roles.sources.is_empty() {
        roles.sources = recent_sources(env, leaf_type);
        args.inferred = true;
    }
    // `les deux pays`: the two parties of the last event with two
    if let Some(at) = sent.class_in(lex, C::TheTwo, l.anchor_last + 1, oe) {
        let pair = recent_pair(env);
        let into = if lt.frame == Frame::Recip || sent.governor(lex, at, env.stops) == Gov::Between
        {
            &mut roles.sources
        } else {
            &mut roles.targets
        };
        union(into, pair);
        let sources = roles.sources.clone();
        roles.targets.retain(|p| !sources.contains(p));
    }
    // aid `pour renforcer les forces armées de l'AES`: the beneficiary of its purpose
    if roles.targets.is_empty() && leaf_type == "AID" {
        if let Some(p) = sent.class_in(lex, C::Purpose, oe, sent.words.len()) {
            let o = structure::objects(sent, lex, p + 1, sent.clause_end(lex, p + 1), env.stops);
            roles.targets = o
                .genitive
                .into_iter()
                .chain(o.dest)
                .chain(o.core)
                .filter(|x| !x.is_place(doc))
                .take(1)
                .collect();
        }
    }
    // `ces pays`, `les pays concernés`, `the three countries`: the recipients
    // of the last event that had some
    if roles.targets.is_empty()
        && lt.frame != Frame::Recip
        && sent
            .class_in(lex, C::TheseCountries, l.anchor_last + 1, sent.words.len())
            .is_some()
    {
        roles.targets = env
            .recent
            .iter()
            .rev()
            .take_while(|d| d.sentence + 3 >= sent.index)
            .find(|d| !d.targets.is_empty())
            .map(|d| d.targets.clone())
            .unwrap_or_default();
        let sources = roles.sources.clone();
        roles.targets.retain(|p| !sources.contains(p));
    }
    // a recipient the category needs, from a destination later in the sentence
    if roles.targets.is_empty() && plover::requires_target(leaf_type) {
        let later = structure::objects(sent, lex, oe, sent.words.len(), env.stops);
        roles.targets = later.dest;
        if roles.location.is_none() {
            roles.location = roles.targets.iter().find_map(|p| match p {
                Part::Actor(i) if p.is_place(doc) => Some(*i),
                _ => None,
            });
        }
    }
    // violence, protest or repression with no named victim, or a withdrawal
    // with no place named: the country where it happened
    if roles.targets.is_empty() && (!dest_is_target(leaf_type) || leaf_type == "RETREAT") {
        if let Some(i) = roles.location {
            roles.targets.push(Part::Actor(i));
        }
    }
    Some((roles, args, oe))
}

/// True when an object pronoun goes with the verb (`les a reçus`, `received them`).
fn object_pronoun(sent: &Sent, lex: &LangLex, m: &TriggerMatch) -> bool {
    let c = lex.c(C::PronObj);
    (m.first.saturating_sub(3)..m.first).any(|i| c.has(sent.words[i]))
        || sent.words.get(m.last + 1).is_some_and(|w| c.has(w))
}

/// Participants of a controlled act: the controller's subject acts, and
/// everyone else in the act is a recipient (`urged Mali to`, `promised
/// Mali`, `demanded the withdrawal of French troops`); an announced act
/// with its own agent is that agent's (`annonçant une visite du président`).
fn controlled(env: &Env, c: &Chain, roles: &mut Roles, subject: &[Part], leaf_agent: &[Part]) {
    let (sent, lex) = (env.sent, env.ctx.lex);
    let r = &env.matches[c.links[0]];
    let mid = structure::objects(
        sent,
        lex,
        r.last + 1,
        env.matches[c.links[1]].first,
        env.stops,
    );
    let mid_targets: Vec<Part> = mid
        .core
        .iter()
        .chain(&mid.dest)
        .chain(&mid.genitive)
        .cloned()
        .collect();
    let reported = c
        .roles
        .iter()
        .all(|x| matches!(x, Role::Planned | Role::Intent | Role::Aspect));
    let sources: Vec<Part> = if reported && !leaf_agent.is_empty() {
        leaf_agent.to_vec()
    } else if subject.is_empty() {
        let mut v = leaf_agent.to_vec();
        union(&mut v, roles.sources.iter().cloned());
        v
    } else {
        subject.to_vec()
    };
    let mut others: Vec<Part> = Vec::new();
    // the announcer of someone else's act is no participant of it
    let announcer = |p: &Part| reported && !leaf_agent.is_empty() && subject.contains(p);
    union(
        &mut others,
        roles
            .sources
            .iter()
            .filter(|p| !sources.contains(p) && !announcer(p))
            .cloned(),
    );
    union(&mut others, roles.targets.iter().cloned());
    let targets = if c.roles.first() == Some(&Role::Request) {
        let e = &env.matches[c.links[c.links.len() - 1]];
        let that_subject = structure::subject(
            sent,
            lex,
            env.clauses[c.links[1]].0.max(r.last + 1),
            e.first,
            env.stops,
        )
        .0;
        [mid_targets, that_subject, leaf_agent.to_vec(), others]
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
    if !reported {
        roles.split_targets = false;
    }
}

/// Subject of a verb group starting at `v` in the clause starting at
/// `cs`, with pronouns (`il`, `they`, `nous` in a quote) and `son pays`
/// resolved through the sentence and the memory.
fn verb_subject(env: &Env, cs: usize, v: usize, speaker: Option<Part>) -> (Vec<Part>, bool) {
    let (sent, lex, doc, mem) = (env.sent, env.ctx.lex, env.ctx.doc, env.mem);
    let (subj, inferred) = structure::subject(sent, lex, cs, v, env.stops);
    if !subj.is_empty() {
        return (subj, inferred);
    }
    let region = cs..v;
    if let Some(sp) = speaker
        && region.clone().any(|i| sent.is(i, C::PronWe))
    {
        return (vec![sp], true);
    }
    if sent.class_in(lex, C::PossCountry, cs, v).is_some() {
        // `son pays`, `his country`: the country of the subject of an
        // earlier clause of the sentence, else of the last subject
        let earlier = structure::subject(sent, lex, 0, cs, env.stops).0;
        let from = if earlier.is_empty() {
            &mem.subject
        } else {
            &earlier
        };
        let codes: Vec<Part> = from
            .iter()
            .filter_map(|p| p.country(doc).map(|c| Part::Country(c.to_string())))
            .collect();
        return (codes, true);
    }
    if region.clone().any(|i| sent.is(i, C::PronSubj)) {
        // `Hungary said it will`: the subject of an earlier clause of the sentence
        let earlier = structure::subject(sent, lex, 0, cs, env.stops).0;
        if !earlier.is_empty() {
            return (earlier, true);
        }
        return (mem.subject.clone(), true);
    }
    (Vec::new(), false)
}

/// Codes one chain: zero, one, or (visits to several countries) several drafts.
pub fn draft(env: &Env, c: &Chain) -> Option<Vec<Draft>> {
    let (sent, lex, doc) = (env.sent, env.ctx.lex, env.ctx.doc);
    let (root, leaf) = (c.links[0], c.leaf);
    let (r, l) = (&env.matches[root], &env.matches[leaf]);
    let (rt, lt) = (&lex.triggers[r.trigger], &lex.triggers[l.trigger]);
    let (rc, lc) = (env.clauses[root], env.clauses[leaf]);
    let leaf_type = lt.event_type.as_deref()?;
    let cues = status::cues(sent, lex, r, rc.0, rc.1);
    if !admissible(env, c, rt, cues) {
        return None;
    }
    let in_quote = {
        let pos = env.ctx.folded.orig(sent.toks[r.anchor].start);
        doc.quotes
            .iter()
            .find(|q| q.span.start <= pos && pos < q.span.end)
    };
    let speaker = in_quote.and_then(|q| q.speaker).map(Part::Actor);
    let (roles, args, oe) = participants(env, c, speaker)?;
    // relative clauses describe their antecedent: keep only full acts
    let relative = sent
        .clause_opener(rc.0)
        .is_some_and(|w| lex.c(C::Relative).has(w));
    if relative && (roles.sources.is_empty() || args.passive) {
        return None;
    }
    let coded = status::code(leaf_type, lt.mode.as_deref(), c.roles, cues);
    // a statement named by a noun alone, with nobody making it, is background
    if verbal(&coded.event_type) && rt.noun && c.links.len() == 1 && roles.sources.is_empty() {
        return None;
    }
    let others: Vec<(usize, usize)> = env
        .clauses
        .iter()
        .enumerate()
        .filter(|(k, _)| !c.links.contains(k))
        .map(|(_, x)| *x)
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
        trigger_text(env, r.first, l.last)
    } else {
        format!(
            "{} … {}",
            trigger_text(env, r.first, r.last),
            trigger_text(env, l.first, l.last)
        )
    };
    let span = orig_span(
        env,
        rc.0.min(r.first),
        oe.max(l.last + 1).min(sent.toks.len()) - 1,
    );
    // verbs with both sides are the surest; nouns, missing or inferred
    // participants and reported speech less so
    let mut conf: f32 = if rt.noun && c.links.len() == 1 {
        0.7
    } else {
        0.9
    };
    if roles.sources.is_empty() {
        // who said it matters most for statements
        conf *= if verbal(&coded.event_type) { 0.5 } else { 0.6 };
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
        quoted: in_quote.is_some_and(|q| q.kind == crate::document::QuoteKind::Direct),
    };
    if roles.split_targets && roles.targets.len() > 1 {
        return Some(split_by_country(doc, base, roles.targets));
    }
    Some(vec![Draft {
        targets: roles.targets,
        ..base
    }])
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
