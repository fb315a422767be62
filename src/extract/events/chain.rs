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
use super::participants::participants;
use super::structure::{self, Part};
use super::{dates, status, usage};

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
    pub mem: &'a Memory<'a>,
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
fn absorbed(env: &Env, lex: &LangLex, k: usize, lone: bool) -> bool {
    let (sent, m) = (env.sent, &env.matches[k]);
    let near = m.first.saturating_sub(3)..m.first;
    // an event noun of its own (`sa visite`, `effectuer une visite`) is an
    // event; a noun that governs another act (`sa décision de quitter`) is not
    let own = near.clone().any(|i| sent.is(i, C::Poss))
        || sent
            .class_in(lex, C::LightVerb, near.start, near.end)
            .is_some();
    if lone && own {
        return false;
    }
    env.matches.iter().enumerate().any(|(j, o)| {
        let t = &lex.triggers[o.trigger];
        j != k
            && (t.event_type.is_some() || t.role != Role::Event)
            && o.anchor_last < m.first
            && env.clauses[j].0 <= m.first
            && m.first < structure::object_end(sent, lex, o.anchor_last, env.clauses[j].1)
            && (!sent.has_class(C::AdjunctEvent)
                || sent.governor(lex, m.first, &[o.anchor]) != Gov::EventAdjunct)
    })
}

/// The filters: true when the chain is an event in its context.
fn admissible(env: &Env, c: &Chain, rt: &Trigger, cues: impl Fn() -> status::Cues) -> bool {
    let (sent, lex) = (env.sent, env.ctx.lex);
    let root = c.links[0];
    let r = &env.matches[root];
    let rc = env.clauses[root];
    let lone = c.links.len() == 1;
    // clauses opened by `after`, `since` ... are background
    if rc.0 > 0 && sent.is(rc.0 - 1, C::AdjunctBackground) {
        return false;
    }
    // the condition of a threat or promise is no event (`unless Baghdad accepts`)
    if status::in_condition(sent, r.first) {
        return false;
    }
    // a reference back to an event already reported (`cette rencontre`, `this visit`)
    let l = &env.matches[c.leaf];
    let demonstrative = (l.first.saturating_sub(2)..l.first).any(|i| sent.is(i, C::Demonstrative));
    if lex.triggers[l.trigger].noun && demonstrative {
        return false;
    }
    // part of another act (`rejected calls for talks`, `ne reviendra pas sur
    // sa décision de quitter`) or a modifier (`invasion forces`)
    if rt.noun && (absorbed(env, lex, root, lone) || (lone && usage::noun_modifier(sent, r))) {
        return false;
    }
    if lone
        && rt.needs.iter().any(|n| matches!(n, Need::Governed))
        && !sent.class_before(lex, C::LightVerb, rc.0, r.first, 4)
    {
        return false;
    }
    // `premier pays à reconnaître`: an infinitive that says what was done
    let first_to = sent.class_before(lex, C::FirstTo, rc.0, r.first, 6);
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
    if lone && !rt.noun && infinitive_only && !first_to {
        let cues = cues();
        if !cues.planned && !cues.hypothetical && !cues.negated {
            return false;
        }
    }
    true
}

/// The two ends of a chain, as both drafting and participant finding read
/// them: the root (outermost) and leaf (coded) matches, their triggers and
/// their clause bounds.
pub struct Ends<'a> {
    /// The outermost match.
    pub r: &'a TriggerMatch,
    /// The innermost match with a category.
    pub l: &'a TriggerMatch,
    /// The root's trigger.
    pub rt: &'a Trigger,
    /// The leaf's trigger.
    pub lt: &'a Trigger,
    /// The root's clause bounds.
    pub rc: (usize, usize),
    /// The leaf's clause bounds.
    pub lc: (usize, usize),
}

impl<'a> Ends<'a> {
    /// The ends of chain `c` in its sentence.
    pub fn of(env: &Env<'a>, c: &Chain) -> Ends<'a> {
        let (root, leaf) = (c.links[0], c.leaf);
        let (r, l) = (&env.matches[root], &env.matches[leaf]);
        let triggers = &env.ctx.lex.triggers;
        Ends {
            r,
            l,
            rt: &triggers[r.trigger],
            lt: &triggers[l.trigger],
            rc: env.clauses[root],
            lc: env.clauses[leaf],
        }
    }
}

/// Codes one chain: zero, one, or (visits to several countries) several drafts.
pub fn draft(env: &Env, c: &Chain) -> Option<Vec<Draft>> {
    let (sent, lex, doc) = (env.sent, env.ctx.lex, env.ctx.doc);
    let Ends {
        r,
        l,
        rt,
        lt,
        rc,
        lc,
    } = Ends::of(env, c);
    let leaf_type = lt.event_type.as_deref()?;
    // (read once, and only for a chain the filters let through or ask)
    let cues_once = std::cell::OnceCell::new();
    let cues = || *cues_once.get_or_init(|| status::cues(sent, lex, r, rc.0, rc.1));
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
    let relative = rc.0 > 0 && sent.is(rc.0 - 1, C::Relative);
    if relative && (roles.sources.is_empty() || args.passive) {
        return None;
    }
    // a promise or offer alone (`a promis des armes`) is about the future
    let mut cues = cues();
    cues.planned |= c.links.len() == 1 && rt.role == Role::Agree;
    let coded = status::code(leaf_type, lt.mode.as_deref(), c.roles, cues);
    // a statement named by a noun alone, with nobody making it, is background
    if verbal(coded.event_type) && rt.noun && c.links.len() == 1 && roles.sources.is_empty() {
        return None;
    }
    // a meeting needs two identifiable parties
    if coded.event_type == "CONSULT" && roles.sources.len() + roles.targets.len() < 2 {
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
        conf *= if verbal(coded.event_type) { 0.5 } else { 0.6 };
    } else if args.inferred {
        conf *= 0.85;
    }
    if roles.targets.is_empty() && plover::requires_target(coded.event_type) {
        conf *= 0.8;
    }
    if in_quote.is_some() {
        conf *= 0.8;
    }
    let base = Draft {
        sentence: sent.index,
        event_type: coded.event_type.to_string(),
        mode: coded.mode.map(str::to_string),
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
