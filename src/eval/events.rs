//! Event scoring, per article, at three levels, each a one-to-one greedy
//! matching of gold events with extracted `asserted`/`planned` events (gold
//! lists only those, so `negated` and `hypothetical` extractions are left
//! out and counted as `excluded`):
//! - strict: same type, every gold source among the extracted sources and
//!   every gold target among the extracted targets (when gold has targets),
//!   actors compared through names, aliases and surface forms;
//! - country: the same, but a gold actor also matches an extracted one of its
//!   country (gold actors' `country`; extracted `source_country` /
//!   `target_country` or the actor's country);
//! - lenient: same type and one actor shared, whatever its side.
//!
//! Among candidates, the pair whose evidence spans overlap most (and whose
//! dates agree) is taken first. Date accuracy: over lenient matches whose
//! gold event has a date, the extracted `date_value` must equal it.

use serde::Serialize;

use super::dates::same_value;
use super::gold::{Gold, GoldEvent, GoldParty};
use super::score::{Counts, Ratio};
use super::spans::{CharRange, Folded, greedy};
use super::tables::{RunArticle, RunEvent};

/// Event scores of one article (or of all, without the lists).
#[derive(Debug, Clone, Default, Serialize)]
pub struct EventScore {
    /// Type, sources and targets through actor names.
    pub strict: Counts,
    /// Type, sources and targets through names or country codes.
    pub country: Counts,
    /// Type and one shared actor.
    pub lenient: Counts,
    /// Lenient matches with a gold date whose extracted date is the same.
    pub date: Ratio,
    /// Negated and hypothetical extractions, not scored.
    pub excluded: u64,
    /// Each gold event with the best level it was matched at (or `none`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub gold: Vec<String>,
    /// Extractions matching no gold event even leniently.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub spurious: Vec<String>,
}

impl EventScore {
    /// Adds another article's counts (not its lists).
    pub fn add(&mut self, o: &EventScore) {
        self.strict.add(&o.strict);
        self.country.add(&o.country);
        self.lenient.add(&o.lenient);
        self.date.add(&o.date);
        self.excluded += o.excluded;
    }
}

/// How strictly participants are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Actors through names, aliases and surface forms.
    Strict,
    /// Actors through names or country codes.
    Country,
    /// One actor shared, on any side.
    Lenient,
}

/// An extracted participant, ready for comparison.
struct Party {
    forms: std::collections::BTreeSet<String>,
    country: Option<String>,
}

struct Extracted<'a> {
    event: &'a RunEvent,
    sources: Vec<Party>,
    targets: Vec<Party>,
}

struct Wanted<'a> {
    event: &'a GoldEvent,
    sources: Vec<GoldParty>,
    targets: Vec<GoldParty>,
    evidence: Vec<CharRange>,
}

fn same_actor(g: &GoldParty, x: &Party, by_country: bool) -> bool {
    !g.keys.is_disjoint(&x.forms)
        || (by_country && g.country.is_some() && g.country.as_deref() == x.country.as_deref())
}

fn all_found(gold: &[GoldParty], ext: &[Party], by_country: bool) -> bool {
    gold.iter()
        .all(|g| ext.iter().any(|x| same_actor(g, x, by_country)))
}

fn matches(level: Level, g: &Wanted, x: &Extracted) -> bool {
    if !g
        .event
        .event_type
        .trim()
        .eq_ignore_ascii_case(x.event.event_type.trim())
    {
        return false;
    }
    match level {
        Level::Strict | Level::Country => {
            let c = level == Level::Country;
            all_found(&g.sources, &x.sources, c)
                && (g.targets.is_empty() || all_found(&g.targets, &x.targets, c))
        }
        Level::Lenient => g.sources.iter().chain(&g.targets).any(|gp| {
            x.sources
                .iter()
                .chain(&x.targets)
                .any(|xp| same_actor(gp, xp, false))
        }),
    }
}

fn describe_gold(e: &GoldEvent) -> String {
    format!(
        "{} {} → {}",
        e.event_type,
        e.source.join("+"),
        e.target.join("+")
    )
}

fn describe_run(run: &RunArticle, e: &RunEvent) -> String {
    let names = |ps: &[super::tables::RunParty]| {
        ps.iter()
            .map(|p| {
                p.name.clone().unwrap_or_else(|| {
                    p.actor_id
                        .as_deref()
                        .and_then(|id| run.actors.get(id))
                        .map(|a| a.name.clone())
                        .unwrap_or_default()
                })
            })
            .collect::<Vec<_>>()
            .join("+")
    };
    format!(
        "{} {} → {} ({})",
        e.event_type,
        names(&e.sources),
        names(&e.targets),
        e.status
    )
}

/// Scores the events of one article.
pub fn score(gold: &Gold, run: &RunArticle, text: &Folded) -> EventScore {
    let wanted: Vec<Wanted> = gold
        .events
        .iter()
        .map(|e| Wanted {
            event: e,
            sources: e.source.iter().map(|n| gold.party(n)).collect(),
            targets: e.target.iter().map(|n| gold.party(n)).collect(),
            evidence: e
                .evidence
                .as_deref()
                .map(|t| text.find_all(t))
                .unwrap_or_default(),
        })
        .collect();
    let party = |p: &super::tables::RunParty| Party {
        forms: run.forms(p.actor_id.as_deref(), p.name.as_deref()),
        country: run.country(p),
    };
    let scored = |e: &&RunEvent| {
        let s = e.status.trim();
        !(s.eq_ignore_ascii_case("negated") || s.eq_ignore_ascii_case("hypothetical"))
    };
    let extracted: Vec<Extracted> = run
        .events
        .iter()
        .filter(scored)
        .map(|e| Extracted {
            event: e,
            sources: e.sources.iter().map(party).collect(),
            targets: e.targets.iter().map(party).collect(),
        })
        .collect();
    let mut s = EventScore {
        excluded: (run.events.len() - extracted.len()) as u64,
        ..Default::default()
    };
    let preference = |g: &Wanted, x: &Extracted| {
        let evidence = g
            .evidence
            .iter()
            .map(|r| r.jaccard(&x.event.span))
            .fold(0.0, f64::max);
        let date = g
            .event
            .date
            .as_deref()
            .is_some_and(|d| same_value(x.event.date_value.as_deref(), d));
        evidence + if date { 0.5 } else { 0.0 }
    };
    let mut levels = Vec::new();
    for level in [Level::Strict, Level::Country, Level::Lenient] {
        let mut pairs = Vec::new();
        for (gi, g) in wanted.iter().enumerate() {
            for (ei, x) in extracted.iter().enumerate() {
                if matches(level, g, x) {
                    pairs.push((preference(g, x), gi, ei));
                }
            }
        }
        let m = greedy(wanted.len(), extracted.len(), pairs);
        let counts = Counts::one_to_one(wanted.len(), extracted.len(), m.iter().flatten().count());
        match level {
            Level::Strict => s.strict = counts,
            Level::Country => s.country = counts,
            Level::Lenient => s.lenient = counts,
        }
        levels.push(m);
    }
    let lenient = &levels[2];
    for (gi, g) in wanted.iter().enumerate() {
        if let (Some(d), Some(ei)) = (&g.event.date, lenient[gi]) {
            s.date
                .push(same_value(extracted[ei].event.date_value.as_deref(), d));
        }
        let best = ["strict", "country", "lenient"]
            .iter()
            .zip(&levels)
            .find(|(_, m)| m[gi].is_some())
            .map_or("none", |(name, _)| name);
        s.gold.push(format!("{best}: {}", describe_gold(g.event)));
    }
    let mut taken = vec![false; extracted.len()];
    for ei in lenient.iter().flatten() {
        taken[*ei] = true;
    }
    for (x, t) in extracted.iter().zip(taken) {
        if !t {
            s.spurious.push(describe_run(run, x.event));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::actors::tests::{gold_actor, run_with};
    use crate::eval::tables::RunParty;

    fn ge(ty: &str, source: &[&str], target: &[&str], date: Option<&str>) -> GoldEvent {
        GoldEvent {
            event_type: ty.into(),
            source: source.iter().map(|s| s.to_string()).collect(),
            target: target.iter().map(|s| s.to_string()).collect(),
            date: date.map(str::to_string),
            ..Default::default()
        }
    }

    fn by_id(id: &str) -> RunParty {
        RunParty {
            actor_id: Some(id.into()),
            ..Default::default()
        }
    }

    fn re(
        ty: &str,
        sources: &[&str],
        targets: &[&str],
        status: &str,
        date: Option<&str>,
    ) -> RunEvent {
        RunEvent {
            event_type: ty.into(),
            status: status.into(),
            sources: sources.iter().map(|s| by_id(s)).collect(),
            targets: targets.iter().map(|s| by_id(s)).collect(),
            span: CharRange::new(0, 0),
            date_value: date.map(str::to_string),
        }
    }

    fn gold() -> Gold {
        Gold {
            actors: vec![
                gold_actor("Sergueï Lavrov", Some("RUS"), &["Sergueï Lavrov", "Lavrov"]),
                gold_actor("Russie", Some("RUS"), &["Russie", "Moscou"]),
                gold_actor("Mali", Some("MLI"), &["Mali"]),
                gold_actor("Niger", Some("NER"), &["Niger"]),
            ],
            events: vec![
                ge(
                    "CONSULT",
                    &["Sergueï Lavrov"],
                    &["Mali"],
                    Some("2023-02-07"),
                ),
                ge("AID", &["Russie"], &["Mali"], None),
                ge("COOPERATE", &["Russie", "Niger"], &[], None),
            ],
            ..Default::default()
        }
    }

    #[test]
    fn event_matching_rules() {
        // extracted actors: id, name, country, surface forms
        let actors: &[(&str, &str, Option<&str>, &[&str])] = &[
            ("lavrov", "Sergei Lavrov", Some("RUS"), &["Lavrov"]),
            ("rus", "Russia", Some("RUS"), &["Moscou"]),
            ("mali", "Mali", Some("MLI"), &["Mali"]),
            ("fama", "Forces armées maliennes", Some("MLI"), &["FAMa"]),
            ("ner", "Niger", Some("NER"), &["Niger"]),
            ("wagner", "Wagner", Some("RUS"), &["Wagner"]),
        ];
        // (name, extracted events, found at (strict, country, lenient), extracted scored, date (right, judged))
        type Case<'a> = (&'a str, Vec<RunEvent>, (u64, u64, u64), u64, (u64, u64));
        let cases: Vec<Case> = vec![
            (
                "all right, a joint source listed in any order",
                vec![
                    re(
                        "CONSULT",
                        &["lavrov"],
                        &["mali"],
                        "asserted",
                        Some("2023-02-07"),
                    ),
                    re("AID", &["rus"], &["mali"], "planned", None),
                    re("COOPERATE", &["ner", "rus"], &[], "asserted", None),
                ],
                (3, 3, 3),
                3,
                (1, 1),
            ),
            (
                "an actor of the same country matches at country level only",
                vec![re("AID", &["wagner"], &["fama"], "asserted", None)],
                (0, 1, 0),
                1,
                (0, 0),
            ),
            (
                "another type never matches",
                vec![re("ASSAULT", &["rus"], &["mali"], "asserted", None)],
                (0, 0, 0),
                1,
                (0, 0),
            ),
            (
                "sides swapped: lenient only",
                vec![re("AID", &["mali"], &["rus"], "asserted", None)],
                (0, 0, 1),
                1,
                (0, 0),
            ),
            (
                "a target is not needed when gold has none; a missing one fails strict",
                vec![
                    re("COOPERATE", &["rus", "ner"], &["mali"], "asserted", None),
                    re("CONSULT", &["lavrov"], &[], "asserted", Some("2023-02-08")),
                ],
                (1, 1, 2),
                2,
                (0, 1),
            ),
            (
                "negated and hypothetical extractions are not scored",
                vec![
                    re("AID", &["rus"], &["mali"], "negated", None),
                    re("AID", &["rus"], &["mali"], "hypothetical", None),
                ],
                (0, 0, 0),
                0,
                (0, 0),
            ),
            (
                "one extraction matches one gold event",
                vec![re("AID", &["rus"], &["mali"], "asserted", None); 2],
                (1, 1, 1),
                2,
                (0, 0),
            ),
        ];
        for (name, events, (st, co, le), n, (right, judged)) in cases {
            let mut run = run_with(actors);
            run.events = events;
            let s = score(&gold(), &run, &Folded::new(""));
            assert_eq!(
                (s.strict.found, s.country.found, s.lenient.found),
                (st, co, le),
                "case {name}: {s:?}"
            );
            assert_eq!(s.strict.extracted, n, "case {name}");
            assert_eq!(s.strict.gold, 3, "case {name}");
            assert_eq!(
                (s.date.correct, s.date.total),
                (right, judged),
                "case {name}: {s:?}"
            );
        }
    }

    #[test]
    fn country_comes_from_the_event_row_first() {
        let mut run = run_with(&[("x", "Unknown group", None, &["le groupe"])]);
        let mut ev = re("AID", &["x"], &["x"], "asserted", None);
        ev.sources[0].country = Some("RUS".into());
        ev.targets[0] = RunParty {
            actor_id: None,
            name: Some("Mali".into()),
            country: None,
        };
        run.events = vec![ev];
        let s = score(&gold(), &run, &Folded::new(""));
        assert_eq!(
            (s.strict.found, s.country.found, s.lenient.found),
            (0, 1, 1)
        );
    }
}
