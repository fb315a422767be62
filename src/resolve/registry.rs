//! The run-wide actor registry: one compact entry per actor id.

use std::collections::{BTreeSet, HashMap};
use std::hash::BuildHasherDefault;

use chrono::NaiveDate;

use crate::document::{ActorKind, DocActor, Document};
use crate::lexicon::Fnv;
use crate::output::schema::ACTORS;
use crate::output::table::{TableBuilder, Value};

/// What the run knows about one actor.
#[derive(Debug, Clone)]
struct Entry {
    name: String,
    kind: ActorKind,
    country: Option<String>,
    sector: Option<String>,
    wikidata: Option<String>,
    aliases: BTreeSet<String>,
    /// The known aliases of a document's actor are in `aliases`. They are
    /// its gazetteer entry's names (ids are unique), the same in every
    /// document of a run, so only the first document's are looked up: the
    /// later ones cost one set search per alias for nothing.
    known_merged: bool,
    roles: BTreeSet<String>,
    n_mentions: u64,
    n_articles: u64,
    first_seen: Option<NaiveDate>,
    last_seen: Option<NaiveDate>,
}

/// Accumulates actors over a run; order-independent, so any thread count or
/// shard order gives the same table.
#[derive(Debug, Default)]
pub struct ActorRegistry {
    /// By actor id. A hash map: an update costs one hash of the id instead
    /// of a dozen string comparisons down a tree; the table sorts the ids.
    entries: HashMap<String, Entry, BuildHasherDefault<Fnv>>,
}

/// Prefers the longer name, then the smaller one: the same choice whatever
/// order documents arrive in.
fn better_name(current: &str, candidate: &str) -> bool {
    let (c, n) = (current.chars().count(), candidate.chars().count());
    n > c || (n == c && candidate < current)
}

/// What one document says about one of its actors.
struct Seen<'a> {
    count: u64,
    /// Its mentions' forms (with the actor's index), repeats included.
    forms: &'a [(usize, &'a str)],
    /// Its mentions' roles (with the actor's index), repeats included.
    roles: &'a [(usize, &'a str)],
    date: Option<NaiveDate>,
}

impl Entry {
    /// Adds a document's view of the actor.
    fn merge(&mut self, a: &DocActor, seen: &Seen<'_>) {
        if self.name != a.name && better_name(&self.name, &a.name) && !a.key.starts_with("gz:") {
            self.name = a.name.clone();
        }
        if self.country.is_none() || (a.country.is_some() && a.country < self.country) {
            self.country = a.country.clone().or(self.country.take());
        }
        if self.sector.is_none() {
            self.sector = a.sector.clone();
        }
        // strings are copied only for aliases and roles not known yet
        let known: &[String] = if self.known_merged {
            &[]
        } else {
            self.known_merged = !a.known_aliases.is_empty();
            &a.known_aliases
        };
        let known = known.iter().map(String::as_str);
        for alias in known.chain(seen.forms.iter().map(|(_, f)| *f)) {
            if !self.aliases.contains(alias) {
                self.aliases.insert(alias.to_string());
            }
        }
        for (_, role) in seen.roles {
            if !self.roles.contains(*role) {
                self.roles.insert(role.to_string());
            }
        }
        self.n_mentions += seen.count;
        self.n_articles += 1;
        if let Some(d) = seen.date {
            self.first_seen = Some(self.first_seen.map_or(d, |f| f.min(d)));
            self.last_seen = Some(self.last_seen.map_or(d, |l| l.max(d)));
        }
    }
}

impl ActorRegistry {
    /// An empty registry.
    pub fn new() -> Self {
        Self::default()
    }

    /// The country of an actor so far (the smallest one seen).
    pub fn country(&self, actor_id: &str) -> Option<&str> {
        self.entries.get(actor_id)?.country.as_deref()
    }

    /// Number of distinct actors so far.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when no actor was added.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Adds one document's actors and mentions.
    pub fn add_document(&mut self, doc: &Document) {
        let seen = doc.published.map(|p| p.date);
        let mut counts = vec![0u64; doc.actors.len()];
        // (actor, form) and (actor, role) pairs grouped by actor (integer
        // sort; repeated forms are skipped by the alias set): no set per
        // actor and per document
        let mut forms: Vec<(usize, &str)> = Vec::with_capacity(doc.mentions.len());
        let mut roles: Vec<(usize, &str)> = Vec::new();
        for m in &doc.mentions {
            counts[m.actor] += 1;
            forms.push((m.actor, doc.slice(m.span)));
            if let Some(r) = &m.role {
                roles.push((m.actor, r));
            }
        }
        forms.sort_unstable_by_key(|(k, _)| *k);
        roles.sort_unstable_by_key(|(k, _)| *k);
        let (mut forms, mut roles) = (forms.as_slice(), roles.as_slice());
        for (i, a) in doc.actors.iter().enumerate() {
            let (my_forms, rest) = forms.split_at(forms.partition_point(|(k, _)| *k <= i));
            forms = rest;
            let (my_roles, rest) = roles.split_at(roles.partition_point(|(k, _)| *k <= i));
            roles = rest;
            if counts[i] == 0 {
                continue;
            }
            let mention = Seen {
                count: counts[i],
                forms: my_forms,
                roles: my_roles,
                date: seen,
            };
            // one lookup for an actor seen before; its id is copied only
            // for a new one
            if let Some(e) = self.entries.get_mut(&a.actor_id) {
                e.merge(a, &mention);
            } else {
                let mut e = Entry {
                    name: a.name.clone(),
                    kind: a.kind,
                    country: a.country.clone(),
                    sector: a.sector.clone(),
                    wikidata: a.wikidata.clone(),
                    aliases: BTreeSet::new(),
                    known_merged: false,
                    roles: BTreeSet::new(),
                    n_mentions: 0,
                    n_articles: 0,
                    first_seen: None,
                    last_seen: None,
                };
                e.merge(a, &mention);
                self.entries.insert(a.actor_id.clone(), e);
            }
        }
    }

    /// Continues from an `actors` table written by an earlier run
    /// (incremental runs); a missing file gives an empty registry.
    pub fn load(path: &std::path::Path) -> anyhow::Result<ActorRegistry> {
        use polars::prelude::*;
        let mut reg = ActorRegistry::new();
        if !path.exists() {
            return Ok(reg);
        }
        let df =
            LazyFrame::scan_parquet(PlRefPath::try_from_path(path)?, ScanArgsParquet::default())?
                .collect()?;
        let s = |c: &str| -> PolarsResult<Vec<Option<String>>> {
            Ok(df
                .column(c)?
                .str()?
                .iter()
                .map(|v| v.map(str::to_string))
                .collect())
        };
        let n = |c: &str| -> PolarsResult<Vec<Option<i32>>> {
            Ok(df.column(c)?.i32()?.iter().collect())
        };
        let d = |c: &str| -> PolarsResult<Vec<Option<NaiveDate>>> {
            let days: Vec<Option<i32>> = df
                .column(c)?
                .cast(&DataType::Int32)?
                .i32()?
                .iter()
                .collect();
            let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
            Ok(days
                .into_iter()
                .map(|x| x.map(|x| epoch + chrono::Duration::days(x as i64)))
                .collect())
        };
        let l = |c: &str| -> PolarsResult<Vec<Vec<String>>> {
            let list = df.column(c)?.list()?.clone();
            Ok((0..list.len())
                .map(|i| {
                    list.get_as_series(i)
                        .and_then(|s| {
                            s.str()
                                .ok()
                                .map(|ca| ca.iter().flatten().map(str::to_string).collect())
                        })
                        .unwrap_or_default()
                })
                .collect())
        };
        let (ids, names, kinds, countries) =
            (s("actor_id")?, s("name")?, s("kind")?, s("country")?);
        let (aliases, roles, mentions, articles) = (
            l("aliases")?,
            l("roles")?,
            n("n_mentions")?,
            n("n_articles")?,
        );
        let (first, last, sectors, wikidata) = (
            d("first_seen")?,
            d("last_seen")?,
            s("sector")?,
            s("wikidata")?,
        );
        for i in 0..df.height() {
            let (Some(id), Some(name)) = (ids[i].clone(), names[i].clone()) else {
                continue;
            };
            let kind = kinds[i]
                .as_deref()
                .and_then(ActorKind::parse)
                .unwrap_or(ActorKind::Organization);
            reg.entries.insert(
                id,
                Entry {
                    name,
                    kind,
                    country: countries[i].clone(),
                    sector: sectors[i].clone(),
                    wikidata: wikidata[i].clone(),
                    aliases: aliases[i].iter().cloned().collect(),
                    known_merged: false,
                    roles: roles[i].iter().cloned().collect(),
                    n_mentions: mentions[i].unwrap_or(0).max(0) as u64,
                    n_articles: articles[i].unwrap_or(0).max(0) as u64,
                    first_seen: first[i],
                    last_seen: last[i],
                },
            );
        }
        Ok(reg)
    }

    /// The `actors` table, sorted by actor id.
    pub fn to_table(&self) -> TableBuilder {
        let mut t = TableBuilder::new(&ACTORS);
        let mut ids: Vec<(&String, &Entry)> = self.entries.iter().collect();
        ids.sort_unstable_by(|a, b| a.0.cmp(b.0));
        for (id, e) in ids {
            let mut aliases = e.aliases.clone();
            aliases.insert(e.name.clone());
            t.push(vec![
                id.as_str().into(),
                e.name.as_str().into(),
                e.kind.as_str().into(),
                e.country.clone().into(),
                Value::List(aliases.into_iter().collect()),
                Value::List(e.roles.iter().cloned().collect()),
                Value::I32(Some(e.n_mentions.min(i32::MAX as u64) as i32)),
                Value::I32(Some(e.n_articles.min(i32::MAX as u64) as i32)),
                Value::Date(e.first_seen),
                Value::Date(e.last_seen),
                e.sector.clone().into(),
                e.wikidata.clone().into(),
            ]);
        }
        t
    }
}
