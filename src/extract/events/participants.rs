//! Who acts and who is acted upon in a chain: the subject (or the noun's
//! own agent, or the antecedent, the pronoun's referent, the speaker of a
//! quote), the phrases after the act sorted by their preposition, the
//! frame, and the adjustments controllers and discourse make (`urged Mali
//! to`, `les deux pays`, `ces pays`, a passive with no agent).

use crate::plover;

use super::chain::{Chain, Ends, Env};
use super::clause::{Gov, Sent};
use super::inflect::INF;
use super::lexicon::{C, Frame, Role};
use super::matcher::TriggerMatch;
use super::nouns;
use super::structure::{self, Args, Part, Roles};

/// Acts of force happen somewhere; their `à`/`au` phrase is a place, not a recipient.
pub fn dest_is_target(cat: &str) -> bool {
    !matches!(cat, "ASSAULT" | "PROTEST" | "COERCE" | "MOBILIZE")
}

fn union(a: &mut Vec<Part>, b: impl IntoIterator<Item = Part>) {
    for p in b {
        if !a.contains(&p) {
            a.push(p);
        }
    }
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
pub fn participants(env: &Env, c: &Chain, speaker: Option<Part>) -> Option<(Roles, Args, usize)> {
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
    let lone = c.links.len() == 1;
    // the act's complements, after its anchor word
    let head = if lt.ends_in_verb() {
        l.last
    } else {
        l.anchor_last
    };
    let mut oe = structure::object_end(sent, lex, head, lc.1);
    // `sent weapons to Mali and attacked JNIM`, `et le Niger a signé`: the
    // next finite verb act joined by `and` (with at most a subject and an
    // auxiliary between) starts another predicate, whose complements are
    // not this act's; `au Niger pour renforcer` is no such verb
    let no_prep = |a: usize, b: usize| {
        !(a..b).any(|i| {
            !sent.is_auxiliary(i)
                && [
                    C::Purpose,
                    C::InfMarker,
                    C::PrepDest,
                    C::PrepLoc,
                    C::PrepGen,
                ]
                .iter()
                .any(|c| sent.is(i, *c))
        })
    };
    if !lt.noun
        && let Some(conj) = env
            .matches
            .iter()
            .filter(|m2| !lex.triggers[m2.trigger].noun && m2.first > head + 1 && m2.first < oe)
            .filter_map(|m2| {
                if m2.tenses & !INF == 0 {
                    // `pour former`: a purpose infinitive is no complement either
                    return (m2.first.saturating_sub(2)..m2.first)
                        .find(|&k| k > head && sent.at(lex, k, C::Purpose).is_some());
                }
                (m2.first.saturating_sub(6)..m2.first)
                    .find(|&k| k > head && sent.is(k, C::Conj) && no_prep(k + 1, m2.first))
            })
            .min()
    {
        oe = conj;
    }
    if lt.noun {
        oe = nouns::phrase_end(sent, lex, l, oe);
        // `la suspension de X et la fermeture de Y`: a noun's complements
        // stop before the next event noun of a list
        if let Some(k) = env
            .matches
            .iter()
            .filter(|m2| lex.triggers[m2.trigger].noun && m2.first > l.last + 1 && m2.first < oe)
            .filter_map(|m2| {
                (m2.first.saturating_sub(3)..m2.first)
                    .find(|&k| k > l.last && (sent.is(k, C::Conj) || sent.words[k] == ","))
            })
            .min()
        {
            oe = k;
        }
    }
    let mut obj = structure::objects(sent, lex, l.anchor_last + 1, oe, env.stops);
    let leaf_agent = if lt.noun {
        obj.core.clear();
        // `an attack on X killed five soldiers`: the toll verb's object is the victim
        if lt.ends_in_verb() {
            obj.core = structure::objects(sent, lex, l.last + 1, oe, env.stops).core;
        }
        nouns::own_agent(doc, sent, l, lt, &mut obj)
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
    // an announced act with its own agent is that agent's (`annonce une visite du président`)
    let reported = c
        .roles
        .iter()
        .all(|x| matches!(x, Role::Planned | Role::Intent | Role::Aspect));
    let frame_subject = if !lone && reported && !leaf_agent.is_empty() {
        leaf_agent.clone()
    } else {
        subject.clone()
    };
    let mut args = Args {
        subject: frame_subject,
        inferred,
        obj,
        passive,
    };
    // `Elle les a reçus`: the visitors of the last meeting
    if lt.frame == Frame::Host && args.obj.core.is_empty() && !passive && object_pronoun(sent, l) {
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
    // `Russian instructors have been deployed in`: the personnel's country
    // sends them; it is no patient
    if passive
        && roles.sources.is_empty()
        && matches!(leaf_type, "AID" | "MOBILIZE" | "RETREAT" | "COOPERATE")
    {
        let (own, rest): (Vec<Part>, Vec<Part>) = roles
            .targets
            .iter()
            .cloned()
            .partition(|p| matches!(p, Part::Country(_)));
        if !own.is_empty() {
            roles.sources = own;
            roles.targets = rest;
        }
    }
    // `la France, que le Mali accuse`: an object relative's antecedent is the target
    let cs = env.clauses[c.links[0]].0;
    if roles.targets.is_empty()
        && let Some(j) = cs.checked_sub(1)
        && sent.is(j, C::Relative)
        && !sent.is(j, C::RelativeSubject)
        && let Some(a) = sent.antecedent(j)
    {
        let p = Part::Actor(a.actor);
        if !roles.sources.contains(&p) {
            roles.targets.push(p);
        }
    }
    // `ont quitté la base d'Agadez`: the place left stands for its country
    if roles.targets.is_empty() && leaf_type == "RETREAT" {
        let o = &args.obj;
        roles.targets = o
            .core
            .iter()
            .chain(&o.genitive)
            .chain(&o.from)
            .filter(|p| p.is_place(doc))
            .take(1)
            .cloned()
            .collect();
    }
    // `un cargo avait été envoyé au Mali`: the sender of the last such act
    if passive && roles.sources.is_empty() {
        roles.sources = recent_sources(env, leaf_type);
        args.inferred = true;
    }
    // `les deux délégations ont signé`: the two parties of the last event with two
    if roles.sources.is_empty()
        && sent
            .class_in(lex, C::TheTwo, env.clauses[c.links[0]].0, r.first)
            .is_some()
    {
        roles.sources = recent_pair(env);
        let sources = roles.sources.clone();
        roles.targets.retain(|p| !sources.contains(p));
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
    if roles.targets.is_empty()
        && leaf_type == "AID"
        && let Some(p) = sent.class_in(lex, C::Purpose, oe, sent.words.len())
    {
        let o = structure::objects(sent, lex, p + 1, sent.clause_end(p + 1), env.stops);
        roles.targets = o
            .genitive
            .into_iter()
            .chain(o.dest)
            .chain(o.core)
            .filter(|x| !x.is_place(doc))
            .take(1)
            .collect();
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
        // `deployed in Mali`: where the help goes
        roles.targets = if later.dest.is_empty() {
            args.obj.loc.clone()
        } else {
            later.dest
        };
        if roles.location.is_none() {
            roles.location = roles.targets.iter().find_map(|p| match p {
                Part::Actor(i) if p.is_place(doc) => Some(*i),
                _ => None,
            });
        }
    }
    // violence, protest or repression with no named victim, or a withdrawal
    // with no place named: the country where it happened
    if roles.targets.is_empty()
        && (!dest_is_target(leaf_type) || leaf_type == "RETREAT")
        && let Some(i) = roles.location
    {
        roles.targets.push(Part::Actor(i));
    }
    Some((roles, args, oe))
}

/// True when an object pronoun goes with the verb (`les a reçus`, `received them`).
fn object_pronoun(sent: &Sent, m: &TriggerMatch) -> bool {
    (m.first.saturating_sub(3)..m.first).any(|i| sent.is(i, C::PronObj))
        || sent.is(m.last + 1, C::PronObj)
}

/// Participants of a controlled act: the controller's subject acts, and
/// everyone else in the act is a recipient (`urged Mali to`, `promised
/// Mali`, `demanded the withdrawal of French troops`); an announced act
/// with its own agent is that agent's (`annonçant une visite du président`).
fn controlled(env: &Env, c: &Chain, roles: &mut Roles, subject: &[Part], leaf_agent: &[Part]) {
    let (sent, lex) = (env.sent, env.ctx.lex);
    let r = &env.matches[c.links[0]];
    // (from the controller's own word: `appelle la France à retirer` has
    // its addressee inside the pattern's gap)
    let mid = structure::objects(
        sent,
        lex,
        r.anchor_last + 1,
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
    // `a annoncé que la Turquie formerait`: the act of the clause's own subject
    let e = &env.matches[c.links[c.links.len() - 1]];
    let that_clause = (r.last + 1..e.first).any(|i| sent.is(i, C::That));
    let own_subject = if reported && that_clause {
        structure::subject(
            sent,
            lex,
            env.clauses[c.links[c.links.len() - 1]].0,
            e.first,
            env.stops,
        )
        .0
    } else {
        Vec::new()
    };
    let sources: Vec<Part> = if reported && !leaf_agent.is_empty() {
        leaf_agent.to_vec()
    } else if !own_subject.is_empty() {
        own_subject.clone()
    } else if subject.is_empty() {
        let mut v = leaf_agent.to_vec();
        union(&mut v, roles.sources.iter().cloned());
        v
    } else {
        subject.to_vec()
    };
    let mut others: Vec<Part> = Vec::new();
    // the announcer of someone else's act is no participant of it
    let announcer = |p: &Part| {
        reported && (!leaf_agent.is_empty() || !own_subject.is_empty()) && subject.contains(p)
    };
    union(
        &mut others,
        roles
            .sources
            .iter()
            .filter(|p| !sources.contains(p) && !announcer(p))
            .cloned(),
    );
    union(&mut others, roles.targets.iter().cloned());
    // what is refused or threatened is the direct object's: its own agent
    // (`a rejeté l'appel de la CEDEAO à des négociations`: ECOWAS); an
    // agent of the act itself is the acting side (`l'aide de Moscou`)
    let first = c.roles.first().copied();
    let object_agent = object_noun_agent(env, c.links[1]);
    let object_agent = if object_agent.is_empty() {
        leaf_agent.to_vec()
    } else {
        object_agent
    };
    if matches!(first, Some(Role::Reject | Role::Threaten))
        && (!object_agent.is_empty() || !mid_targets.is_empty())
    {
        let whose = if object_agent.is_empty() {
            &mid_targets
        } else {
            &object_agent
        };
        roles.targets = whose
            .iter()
            .filter(|p| !sources.contains(p))
            .cloned()
            .collect();
        roles.sources = sources;
        roles.split_targets = false;
        return;
    }
    let targets = if first == Some(Role::Request) {
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

/// The own agent of the noun at match `k` (empty for a verb).
fn object_noun_agent(env: &Env, k: usize) -> Vec<Part> {
    let (sent, lex) = (env.sent, env.ctx.lex);
    let m = &env.matches[k];
    let t = &lex.triggers[m.trigger];
    if !t.noun {
        return Vec::new();
    }
    let end = nouns::phrase_end(
        sent,
        lex,
        m,
        structure::object_end(sent, lex, m.anchor_last, env.clauses[k].1),
    );
    let mut obj = structure::objects(sent, lex, m.anchor_last + 1, end, env.stops);
    nouns::own_agent(env.ctx.doc, sent, m, t, &mut obj)
}

/// Subject of a verb group starting at `v` in the clause starting at
/// `cs`, with pronouns (`il`, `they`, `nous` in a quote) and `son pays`
/// resolved through the sentence and the memory.
fn verb_subject(env: &Env, cs: usize, v: usize, speaker: Option<Part>) -> (Vec<Part>, bool) {
    let (sent, lex, doc, mem) = (env.sent, env.ctx.lex, env.ctx.doc, env.mem);
    if let Some(own) = coordinated_clause_subject(env, cs, v) {
        return (vec![own], false);
    }
    let (subj, inferred) = structure::subject(sent, lex, cs, v, env.stops);
    if !subj.is_empty() {
        return (subj, inferred);
    }
    let region = cs..v;
    // `a condamné le coup et exigé ...`: a verb coordinated with an earlier
    // one shares its subject
    if let Some(j) = (cs..v)
        .find(|&j| sent.is(j, C::Conj))
        .or_else(|| cs.checked_sub(1).filter(|&j| sent.is(j, C::Conj)))
        && (j + 1..v).all(|k| !sent.is_punct(k) && !sent.ments.iter().any(|m| m.first == k))
    {
        let earlier = structure::subject(sent, lex, sent.clause_start(j), j, env.stops).0;
        if !earlier.is_empty() {
            return (earlier, true);
        }
    }
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
            mem.subject()
        } else {
            earlier
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
        return (mem.subject(), true);
    }
    // `le Mali, qui a signé`: the antecedent of a relative set off by a
    // comma (a restrictive relative describes its noun: `Macedonia which is
    // preparing`, and stays without a source)
    if let Some(j) = cs.checked_sub(1)
        && sent.is(j, C::RelativeSubject)
        && j > 0
        && sent.words[j - 1] == ","
        && let Some(a) = sent.antecedent(j)
    {
        return (vec![Part::Actor(a.actor)], true);
    }
    (Vec::new(), false)
}

/// `China supplied the vehicles, and in March Niger signed`: a clause
/// joined to an earlier verb act by `and` or a comma, with its own subject
/// right before its verb (no `and` between them: `accused France of lying
/// and urged` shares its subject instead).
fn coordinated_clause_subject(env: &Env, cs: usize, v: usize) -> Option<Part> {
    let (sent, lex) = (env.sent, env.ctx.lex);
    let earlier = env
        .matches
        .iter()
        .filter(|m| !lex.triggers[m.trigger].noun && m.first >= cs && m.last < v)
        .map(|m| m.last)
        .max()?;
    let joint = |a: usize, b: usize| (a..b).any(|k| sent.is(k, C::Conj) || sent.words[k] == ",");
    sent.ments_in(earlier + 1, v)
        .filter(|x| {
            x.last < v
                && v - x.last <= 4
                // (`in March Niger signed`: a fronted date is no preposition of it)
                && (sent.governor(lex, x.first, env.stops) == Gov::Core
                    || sent.dates.iter().any(|d| d.1 + 1 == x.first))
                && joint(earlier + 1, x.first)
                && !joint(x.last + 1, v)
                && !(x.last + 1..v).any(|k| sent.is_punct(k))
        })
        .last()
        .map(|x| Part::Actor(x.actor))
}
