//! Actor scoring, per article: a gold actor is found when an actor of the
//! article (one with mentions there) has a name or surface form equal,
//! folded, to one of its aliases; an extracted actor is correct when it
//! matches some gold actor. Not one-to-one: a gold actor found by two
//! extracted actor ids counts once for recall, both extractions count as
//! correct, and the gold actor is reported as split.

use serde::Serialize;

use super::gold::Gold;
use super::score::Counts;
use super::tables::RunArticle;

/// Actor scores of one article (or of all, without the lists).
#[derive(Debug, Clone, Default, Serialize)]
pub struct ActorScore {
    /// Detection counts.
    pub counts: Counts,
    /// Gold actors found under two or more actor ids.
    pub split: u64,
    /// Gold actors not found.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missed: Vec<String>,
    /// Extracted actors matching no gold actor (name and forms).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub spurious: Vec<String>,
    /// Split gold actors, with the names of the actors they were split into.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub split_into: Vec<String>,
}

impl ActorScore {
    /// Adds another article's counts (not its lists).
    pub fn add(&mut self, o: &ActorScore) {
        self.counts.add(&o.counts);
        self.split += o.split;
    }
}

/// Scores the actors of one article.
pub fn score(gold: &Gold, run: &RunArticle) -> ActorScore {
    let extracted: Vec<_> = run.actors.values().filter(|a| a.mentioned).collect();
    let gold_keys: Vec<_> = gold.actors.iter().map(|a| a.keys()).collect();
    let mut s = ActorScore::default();
    s.counts.gold = gold.actors.len() as u64;
    s.counts.extracted = extracted.len() as u64;
    for (g, keys) in gold.actors.iter().zip(&gold_keys) {
        let by: Vec<&str> = extracted
            .iter()
            .filter(|a| !a.forms.is_disjoint(keys))
            .map(|a| a.name.as_str())
            .collect();
        match by.len() {
            0 => s.missed.push(g.name.clone()),
            1 => s.counts.found += 1,
            _ => {
                s.counts.found += 1;
                s.split += 1;
                s.split_into
                    .push(format!("{} → {}", g.name, by.join(" | ")));
            }
        }
    }
    for a in &extracted {
        if gold_keys.iter().any(|k| !a.forms.is_disjoint(k)) {
            s.counts.correct += 1;
        } else {
            let forms: Vec<&str> = a.forms.iter().map(String::as_str).collect();
            s.spurious
                .push(format!("{} [{}]", a.name, forms.join(", ")));
        }
    }
    s
}

#[cfg(test)]
pub(super) mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::eval::gold::GoldActor;
    use crate::eval::tables::RunActor;
    use crate::text::fold::fold;

    pub fn gold_actor(name: &str, country: Option<&str>, aliases: &[&str]) -> GoldActor {
        GoldActor {
            name: name.into(),
            kind: None,
            country: country.map(str::to_string),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
        }
    }

    /// An article whose actors are `(id, name, country, surface forms)`.
    pub fn run_with(actors: &[(&str, &str, Option<&str>, &[&str])]) -> RunArticle {
        let mut run = RunArticle::default();
        for (id, name, country, forms) in actors {
            let mut f: BTreeSet<String> = forms.iter().map(|s| fold(s)).collect();
            f.insert(fold(name));
            run.actors.insert(
                id.to_string(),
                RunActor {
                    name: name.to_string(),
                    country: country.map(str::to_string),
                    forms: f,
                    mentioned: !forms.is_empty(),
                },
            );
        }
        run
    }

    #[test]
    fn actor_matching_rules() {
        let gold = Gold {
            actors: vec![
                gold_actor("Sergueï Lavrov", Some("RUS"), &["Sergueï Lavrov", "Lavrov"]),
                gold_actor("Russie", Some("RUS"), &["Russie", "Moscou"]),
                gold_actor("Niamey", Some("NER"), &["Niamey"]),
            ],
            ..Default::default()
        };
        // (name, extracted actors, (gold, found, extracted, correct), split)
        type Case<'a> = (
            &'a str,
            &'a [(&'a str, &'a str, Option<&'a str>, &'a [&'a str])],
            (u64, u64, u64, u64),
            u64,
        );
        let cases: &[Case] = &[
            (
                "all found through name, alias and accents",
                &[
                    ("a", "Sergei Lavrov", None, &["LAVROV"]),
                    ("b", "Russia", None, &["Moscou"]),
                    ("c", "Niamey", None, &["Niamey"]),
                ],
                (3, 3, 3, 3),
                0,
            ),
            (
                "false positive and miss",
                &[
                    ("a", "Lavrov", None, &["Lavrov"]),
                    ("x", "Wagner", None, &["Wagner"]),
                ],
                (3, 1, 2, 1),
                0,
            ),
            (
                "split actor counts once for recall",
                &[
                    ("a", "Sergueï Lavrov", None, &["Sergueï Lavrov"]),
                    ("b", "Lavrov", None, &["Lavrov"]),
                ],
                (3, 1, 2, 2),
                1,
            ),
            (
                "actors without mentions here are not scored",
                &[
                    ("a", "Lavrov", None, &["Lavrov"]),
                    ("q", "Moscou", None, &[]),
                ],
                (3, 1, 1, 1),
                0,
            ),
            (
                "a partial name is not an alias",
                &[("a", "Serguei", None, &["Serguei"])],
                (3, 0, 1, 0),
                0,
            ),
        ];
        for (name, actors, (g, f, e, c), split) in cases {
            let s = score(&gold, &run_with(actors));
            assert_eq!(
                (
                    s.counts.gold,
                    s.counts.found,
                    s.counts.extracted,
                    s.counts.correct,
                    s.split
                ),
                (*g, *f, *e, *c, *split),
                "case {name}: {s:?}"
            );
        }
    }
}
