//! `event_counts` and `dyads` of a run from a compact spill of its events,
//! so that the end of the run reads no table.
//!
//! While the run streams, the writer thread only interns each batch's
//! events and appends them to a spill file (about 70 bytes an event, see
//! `event_spill`): the groups (200k at 100k articles) are not held
//! while the batches' own memory is, and dyads between countries take each
//! actor's final country (the registry keeps the smallest one seen, which
//! can change until the last batch). [`finish`] reads the spill back batch
//! by batch and counts.
//!
//! The counts are those of the queries in `aggregate::events` (which
//! `gazette aggregate` still runs, and the tests compare both). Each group
//! (an `event_counts` row, or a dyad) keeps `n_events`, `n_articles` and
//! `n_distinct_events`; an article's rows are all in one spilled batch, so
//! the per-article counts are final when the batch is. A distinct event
//! counts as often as the article of its near-duplicate family that reports
//! it most: an article that is its own root adds its counts at once; a
//! near-duplicate keeps its counts per family key, and [`finish`] adds what
//! they exceed the root's by, reading back the roots' events a second time.
//!
//! [`finish`]: EventAggregates::finish

use std::path::Path;

use anyhow::Result;
use polars::prelude::*;

use super::compact::ActorNames;
use super::event_spill::{EventRecord, Sid, Spill};
use super::families::Families;
use super::schema::{DYADS, EVENT_COUNTS};
use crate::output::files::{ROW_GROUP_ROWS, TableFiles};
use xxhash_rust::xxh3::xxh3_64;

use super::hash::{FastMap, FastSet};

/// `event_counts` dimensions: month, type, quad class, status, source
/// country, target country.
type CountKey = [Sid; 6];
/// A dyad: level, source, target.
type DyadKey = [Sid; 3];
/// What makes events of one family the same event: type, mode, status,
/// main source, main target, date value.
type Identity = [Sid; 6];

/// A row of either table.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Group {
    Count(CountKey),
    Dyad(DyadKey),
}

/// The quad classes, in the order of the `dyads` columns.
const QUADS: [&str; 4] = [
    "verbal_cooperation",
    "material_cooperation",
    "verbal_conflict",
    "material_conflict",
];

/// Statuses left out of `dyads`.
const NOT_DYADS: [&str; 2] = ["negated", "hypothetical"];

/// A country not looked up yet in [`EventAggregates::countries`].
const UNKNOWN: Sid = Sid::MAX;

/// A dyad's level, source, target and counts.
type DyadRow<'a> = (&'a str, &'a str, &'a str, &'a Tally);

/// Counts of one group: 36 bytes (the end of a run keeps one per
/// `event_counts` row and dyad, 200k at 100k articles); a count is at most
/// the run's events, far below `u32::MAX`.
#[derive(Clone)]
struct Tally {
    events: u32,
    articles: u32,
    distinct: u32,
    quads: [u32; 4],
    /// Earliest and latest day (`i32::MAX` / `i32::MIN`: none yet).
    first: i32,
    last: i32,
}

impl Default for Tally {
    fn default() -> Self {
        Tally {
            events: 0,
            articles: 0,
            distinct: 0,
            quads: [0; 4],
            first: i32::MAX,
            last: i32::MIN,
        }
    }
}

impl Tally {
    /// Widens a day range to `day`.
    fn saw(&mut self, day: i32) {
        self.first = self.first.min(day);
        self.last = self.last.max(day);
    }

    fn first(&self) -> Option<i32> {
        (self.first <= self.last).then_some(self.first)
    }

    fn last(&self) -> Option<i32> {
        (self.first <= self.last).then_some(self.last)
    }
}

/// One event row of a group, before counting.
#[derive(Clone, Copy)]
struct Row {
    group: Group,
    article: u32,
    identity: Identity,
    /// The event (dyads: a hash of its id, so rows with one id are one
    /// event, as the queries' `unique` has it); a unique number per row for
    /// `event_counts`, which counts rows.
    event: u64,
    quad: Option<u8>,
    when: Option<i32>,
}

/// Strings interned to dense ids (id 0 is null).
#[derive(Default)]
struct Interner {
    ids: FastMap<Box<str>, Sid>,
    strs: Vec<Box<str>>,
}

impl Interner {
    fn id(&mut self, s: Option<&str>) -> Sid {
        let Some(s) = s else { return 0 };
        if let Some(&i) = self.ids.get(s) {
            return i;
        }
        self.strs.push(s.into());
        let i = self.strs.len() as Sid;
        self.ids.insert(s.into(), i);
        i
    }

    fn get(&self, id: Sid) -> Option<&str> {
        (id != 0).then(|| &*self.strs[id as usize - 1])
    }
}

/// Compact state of `event_counts` and `dyads` over the batches so far.
#[derive(Default)]
pub struct EventAggregates {
    strs: Interner,
    tallies: FastMap<Group, Tally>,
    /// Family key → the most rows one near-duplicate (not root) article
    /// has under it.
    dup_max: FastMap<(Group, u32, Identity), u32>,
    /// Roots (article indices) whose family has a near-duplicate.
    roots_with_dups: FastSet<u32>,
    /// `YYYY-MM` of a day, interned.
    months: FastMap<i32, Sid>,
    /// Rows numbered so far (`event_counts` row identities).
    seq: u64,
    /// Interned actor → its interned final country ([`UNKNOWN`]: not
    /// looked up yet), filled at the end of the run: an actor's country is
    /// asked for every dyad it is in, and each ask was a lookup by name
    /// and a string interned.
    countries: Vec<Sid>,
    /// Every event counted so far, for the end of the run.
    spill: Spill,
}

/// Columns of an events frame the counts read.
struct EventCols<'a> {
    event: &'a StringChunked,
    article: &'a StringChunked,
    strs: [&'a StringChunked; 9],
    date: Int32Chunked,
    source_ids: &'a ListChunked,
    target_ids: &'a ListChunked,
}

/// Indices into [`EventCols::strs`].
const TYPE: usize = 0;
const QUAD: usize = 1;
const STATUS: usize = 2;
const MODE: usize = 3;
const SOURCE_ID: usize = 4;
const TARGET_ID: usize = 5;
const DATE_VALUE: usize = 6;
const SOURCE_COUNTRY: usize = 7;
const TARGET_COUNTRY: usize = 8;

impl<'a> EventCols<'a> {
    fn of(events: &'a DataFrame) -> Result<EventCols<'a>> {
        let s = |name: &str| -> Result<&'a StringChunked> { Ok(events.column(name)?.str()?) };
        Ok(EventCols {
            event: s("event_id")?,
            article: s("article_id")?,
            strs: [
                s("type")?,
                s("quad_class")?,
                s("status")?,
                s("mode")?,
                s("source_id")?,
                s("target_id")?,
                s("date_value")?,
                s("source_country")?,
                s("target_country")?,
            ],
            date: events
                .column("date")?
                .cast(&DataType::Int32)?
                .i32()?
                .clone(),
            source_ids: events.column("source_ids")?.list()?,
            target_ids: events.column("target_ids")?.list()?,
        })
    }
}

/// A table's Parquet and CSV files (either may be absent).
pub type Files<'p> = (Option<&'p Path>, Option<&'p Path>);

/// An actor's country, as the registry knows it now (or finally).
pub type CountryOf<'c> = dyn Fn(&str) -> Option<&'c str> + 'c;

impl EventAggregates {
    /// Adds one batch's `events` (contract columns), whose articles are
    /// already in `families`, to the spill.
    pub fn add_batch(&mut self, events: &DataFrame, families: &Families) -> Result<()> {
        let records = self.records(events, families)?;
        self.spill.write(records)
    }

    /// Strings interned so far: the state the streaming phase keeps (for
    /// memory logs; the groups are counted at the end).
    pub fn interned(&self) -> usize {
        self.strs.strs.len()
    }

    /// Counts that spill their events into a file at `path` (removed when
    /// the counts are dropped) rather than keeping them in memory.
    pub fn spilling(path: &Path) -> Result<EventAggregates> {
        Ok(EventAggregates {
            spill: Spill::to_file(path)?,
            ..Default::default()
        })
    }

    /// The events of a frame (contract columns) whose article is known.
    fn records(&mut self, events: &DataFrame, families: &Families) -> Result<Vec<EventRecord>> {
        let c = EventCols::of(events)?;
        let mut records = Vec::with_capacity(events.height());
        // every column read once in row order: a lookup by row searches the
        // chunks, and a list row looked up by index is a new Series
        let mut fields_of_row = c.strs.map(|col| col.iter());
        let (mut sources_of_row, mut targets_of_row) = (
            super::lists::rows(c.source_ids)?,
            super::lists::rows(c.target_ids)?,
        );
        let columns = c.article.iter().zip(c.date.iter()).zip(c.event.iter());
        for ((article, date), event) in columns {
            let values: [Option<&str>; 9] =
                std::array::from_fn(|k| fields_of_row[k].next().flatten());
            let (sources, targets) = (
                sources_of_row.next().flatten(),
                targets_of_row.next().flatten(),
            );
            let Some(article) = article.and_then(|a| families.get(a)) else {
                continue;
            };
            let when = date.or(families.root_published(article));
            let month = self.month(when);
            let fields: [Sid; 9] = values.map(|v| self.strs.id(v));
            self.seq += 1;
            // a null status is left out of dyads too, as the query's filter does
            let in_dyads = values[STATUS].is_some_and(|s| !NOT_DYADS.contains(&s));
            let mut ids = |list: Option<super::lists::StrList>| -> Vec<Sid> {
                match list {
                    Some(ids) if in_dyads => ids.map(|id| self.strs.id(Some(id))).collect(),
                    _ => Vec::new(),
                }
            };
            let sources = ids(sources);
            let targets = ids(targets);
            records.push(EventRecord {
                article,
                event: match event {
                    Some(id) => xxh3_64(id.as_bytes()),
                    None => self.seq | 1 << 63,
                },
                when,
                month,
                fields,
                quad: values[QUAD]
                    .and_then(|q| QUADS.iter().position(|x| *x == q))
                    .map(|q| q as u8),
                in_dyads,
                sources,
                targets,
            });
        }
        Ok(records)
    }

    /// The rows of the groups some events add to, in their order.
    fn rows(&mut self, records: &[EventRecord], country_of: &CountryOf<'_>) -> Vec<Row> {
        let mut rows = Vec::with_capacity(records.len() * 2);
        let (actor, country) = (self.strs.id(Some("actor")), self.strs.id(Some("country")));
        for r in records {
            let v = r.fields;
            let identity = [
                v[TYPE],
                v[MODE],
                v[STATUS],
                v[SOURCE_ID],
                v[TARGET_ID],
                v[DATE_VALUE],
            ];
            let row = |group, event| Row {
                group,
                article: r.article,
                identity,
                event,
                quad: r.quad,
                when: r.when,
            };
            // `event_counts` counts rows: each its own number
            self.seq += 1;
            rows.push(row(
                Group::Count([
                    r.month,
                    v[TYPE],
                    v[QUAD],
                    v[STATUS],
                    v[SOURCE_COUNTRY],
                    v[TARGET_COUNTRY],
                ]),
                self.seq,
            ));
            if !r.in_dyads {
                continue;
            }
            for &s in &r.sources {
                let cs = self.country(s, country_of);
                for &t in &r.targets {
                    rows.push(row(Group::Dyad([actor, s, t]), r.event));
                    let ct = self.country(t, country_of);
                    if cs != 0 && ct != 0 {
                        rows.push(row(Group::Dyad([country, cs, ct]), r.event));
                    }
                }
            }
        }
        rows
    }

    /// The interned `YYYY-MM` of a day (as the query slices its ISO form).
    fn month(&mut self, day: Option<i32>) -> Sid {
        let Some(day) = day else { return 0 };
        if let Some(&m) = self.months.get(&day) {
            return m;
        }
        let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
        let iso = epoch
            .checked_add_signed(chrono::Duration::days(day.into()))
            .map(|d| d.format("%Y-%m-%d").to_string());
        let m = self
            .strs
            .id(iso.as_deref().map(|s| s.get(..7).unwrap_or(s)));
        self.months.insert(day, m);
        m
    }

    /// The interned country of interned actor `actor` (0: none), looked
    /// up once per actor (`country_of` is the same for the whole end of
    /// the run).
    fn country(&mut self, actor: Sid, country_of: &CountryOf<'_>) -> Sid {
        let a = actor as usize;
        if let Some(&c) = self.countries.get(a)
            && c != UNKNOWN
        {
            return c;
        }
        let found = self.strs.get(actor).and_then(country_of);
        let c = self.strs.id(found);
        if self.countries.len() <= a {
            self.countries.resize(a + 1, UNKNOWN);
        }
        self.countries[a] = c;
        c
    }

    /// Counts one batch's rows.
    fn count(&mut self, rows: &mut [Row], families: &Families) {
        rows.sort_unstable_by_key(|r| (r.group, r.article, r.identity, r.event));
        let mut last: Option<(Group, u32)> = None;
        let mut i = 0;
        while i < rows.len() {
            let r = rows[i];
            // one row per group and event (the queries' `unique`)
            let mut j = i + 1;
            let mut n = 1u32;
            let mut prev_event = r.event;
            while j < rows.len()
                && (rows[j].group, rows[j].article, rows[j].identity)
                    == (r.group, r.article, r.identity)
            {
                if rows[j].event != prev_event {
                    n += 1;
                    prev_event = rows[j].event;
                }
                j += 1;
            }
            let t = self.tallies.entry(r.group).or_default();
            if last != Some((r.group, r.article)) {
                t.articles += 1;
                last = Some((r.group, r.article));
            }
            let mut prev_event = None;
            for x in &rows[i..j] {
                if prev_event == Some(x.event) {
                    continue;
                }
                prev_event = Some(x.event);
                t.events += 1;
                if let Some(q) = x.quad {
                    t.quads[q as usize] += 1;
                }
                if let Some(w) = x.when {
                    t.saw(w);
                }
            }
            let root = families.root(r.article);
            if root == r.article {
                t.distinct += n;
            } else {
                let m = self.dup_max.entry((r.group, root, r.identity)).or_default();
                *m = (*m).max(n);
                self.roots_with_dups.insert(root);
            }
            i = j;
        }
    }

    /// Writes the `event_counts` and `dyads` tables into `counts` and
    /// `dyads` (Parquet and CSV files, either may be absent) and returns
    /// their rows. They are counted from the spilled events (read a second
    /// time for the roots of near-duplicates), with every actor's country
    /// as the run's `actors` table gives it.
    ///
    /// `watch` sees every row group as it is written, with the name of its
    /// table (`event_counts` or `dyads`): the run takes the report's figures
    /// there instead of reading the tables back.
    pub fn finish(
        mut self,
        families: &Families,
        names: &ActorNames,
        counts: Files<'_>,
        dyads: Files<'_>,
        watch: &mut dyn FnMut(&str, &DataFrame) -> Result<()>,
    ) -> Result<(u64, u64)> {
        let final_country = |id: &str| names.get(id).and_then(|n| n.country);
        let mut spill = std::mem::take(&mut self.spill);
        spill.for_each_batch(&mut |batch| {
            let mut rows = self.rows(batch, &final_country);
            self.count(&mut rows, families);
            Ok(())
        })?;
        // what each root has under the family keys of its near-duplicates
        let mut of_root: FastMap<(Group, u32, Identity), u32> = FastMap::default();
        if !self.roots_with_dups.is_empty() {
            // an article's events are all in one spilled batch, so a root's
            // rows are deduplicated and counted batch by batch instead of
            // holding every root's rows until the end (bounded by a batch,
            // not by how many articles have near-duplicates)
            spill.for_each_batch(&mut |batch| {
                let roots: Vec<EventRecord> = batch
                    .iter()
                    .filter(|r| self.roots_with_dups.contains(&r.article))
                    .cloned()
                    .collect();
                let mut root_rows = self.rows(&roots, &final_country);
                root_rows.sort_unstable_by_key(|r| (r.group, r.article, r.identity, r.event));
                root_rows.dedup_by_key(|r| (r.group, r.identity, r.event));
                for r in root_rows {
                    *of_root.entry((r.group, r.article, r.identity)).or_default() += 1;
                }
                Ok(())
            })?;
        }
        for (key, dups) in &self.dup_max {
            let root = of_root.get(key).copied().unwrap_or(0);
            if *dups > root {
                self.tallies.entry(key.0).or_default().distinct += dups - root;
            }
        }
        drop((spill, of_root));
        let mut out = TableFiles::create(&EVENT_COUNTS, counts.0, counts.1)?;
        let n_counts = self.event_counts(&mut out, watch)?;
        out.finish()?;
        let mut out = TableFiles::create(&DYADS, dyads.0, dyads.1)?;
        let n_dyads = self.dyads(names, &mut out, watch)?;
        out.finish()?;
        Ok((n_counts, n_dyads))
    }

    /// Writes `event_counts` in row groups; returns its rows.
    fn event_counts(
        &self,
        out: &mut TableFiles,
        watch: &mut dyn FnMut(&str, &DataFrame) -> Result<()>,
    ) -> Result<u64> {
        let mut rows: Vec<(&CountKey, &Tally)> = self
            .tallies
            .iter()
            .filter_map(|(g, t)| match g {
                Group::Count(k) => Some((k, t)),
                Group::Dyad(_) => None,
            })
            .collect();
        // by the six strings, nulls last in every column: the few distinct
        // strings of the keys are ranked once, and rows compare ranks (the
        // strings looked up as compared cost most of the sort; a row of six
        // strings per group took 100 bytes a row at once)
        let mut used: Vec<Sid> = rows.iter().flat_map(|r| *r.0).filter(|&s| s != 0).collect();
        used.sort_unstable();
        used.dedup();
        used.sort_unstable_by_key(|&s| self.strs.get(s));
        let mut rank = vec![u32::MAX; self.strs.strs.len() + 1];
        for (r, &s) in used.iter().enumerate() {
            rank[s as usize] = r as u32;
        }
        rows.sort_unstable_by_key(|r| r.0.map(|s| rank[s as usize]));
        for chunk in rows.chunks(ROW_GROUP_ROWS) {
            let text = |name: &str, k: usize| {
                Column::new(
                    name.into(),
                    chunk
                        .iter()
                        .map(|r| self.strs.get(r.0[k]))
                        .collect::<Vec<_>>(),
                )
            };
            let count = |name: &str, f: fn(&Tally) -> u32| {
                Column::new(
                    name.into(),
                    chunk.iter().map(|r| i64::from(f(r.1))).collect::<Vec<_>>(),
                )
            };
            let frame = DataFrame::new(
                chunk.len(),
                vec![
                    text("month", 0),
                    text("type", 1),
                    text("quad_class", 2),
                    text("status", 3),
                    text("source_country", 4),
                    text("target_country", 5),
                    count("n_events", |t| t.events),
                    count("n_distinct_events", |t| t.distinct),
                    count("n_articles", |t| t.articles),
                ],
            )?;
            out.push(&frame)?;
            watch(EVENT_COUNTS.name, &frame)?;
        }
        Ok(rows.len() as u64)
    }

    /// Writes `dyads` in row groups; returns its rows.
    fn dyads(
        &self,
        names: &ActorNames,
        out: &mut TableFiles,
        watch: &mut dyn FnMut(&str, &DataFrame) -> Result<()>,
    ) -> Result<u64> {
        let mut rows: Vec<DyadRow> = self
            .tallies
            .iter()
            .filter_map(|(g, t)| match g {
                Group::Dyad(k) => {
                    let [l, s, d] = k.map(|s| self.strs.get(s).unwrap_or_default());
                    Some((l, s, d, t))
                }
                Group::Count(_) => None,
            })
            .collect();
        rows.sort_unstable_by(|a, b| {
            (a.0, std::cmp::Reverse(a.3.events), a.1, a.2).cmp(&(
                b.0,
                std::cmp::Reverse(b.3.events),
                b.1,
                b.2,
            ))
        });
        let name = |level: &str, id: &str| -> Option<String> {
            if level == "country" {
                Some(id.to_string())
            } else {
                names.get(id).map(|n| n.name.to_string())
            }
        };
        for chunk in rows.chunks(ROW_GROUP_ROWS) {
            let text = |n: &str, f: &dyn Fn(&DyadRow) -> Option<String>| {
                Column::new(n.into(), chunk.iter().map(f).collect::<Vec<_>>())
            };
            let count = |n: &str, f: &dyn Fn(&Tally) -> u32| {
                Column::new(
                    n.into(),
                    chunk.iter().map(|r| i64::from(f(r.3))).collect::<Vec<_>>(),
                )
            };
            let day = |n: &str, f: fn(&Tally) -> Option<i32>| -> Result<Column> {
                let days: Vec<Option<i32>> = chunk.iter().map(|r| f(r.3)).collect();
                Ok(Series::new(n.into(), days)
                    .cast(&DataType::Date)?
                    .into_column())
            };
            let mut columns = vec![
                text("level", &|r| Some(r.0.to_string())),
                text("source", &|r| Some(r.1.to_string())),
                text("target", &|r| Some(r.2.to_string())),
                text("source_name", &|r| name(r.0, r.1)),
                text("target_name", &|r| name(r.0, r.2)),
                count("n_events", &|t| t.events),
                count("n_distinct_events", &|t| t.distinct),
            ];
            for (q, quad) in QUADS.iter().enumerate() {
                columns.push(count(&format!("n_{quad}"), &|t| t.quads[q]));
            }
            columns.push(count("n_articles", &|t| t.articles));
            columns.push(day("first_date", Tally::first)?);
            columns.push(day("last_date", Tally::last)?);
            let frame = DataFrame::new(chunk.len(), columns)?;
            out.push(&frame)?;
            watch(DYADS.name, &frame)?;
        }
        Ok(rows.len() as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One article `a` with one event from actor `S` to actor `T`.
    fn batch() -> (DataFrame, DataFrame) {
        let articles = df! {
            "article_id" => ["a"],
            "duplicate_of" => [None::<&str>],
            "published" => [Some(19_000i32)],
        }
        .unwrap();
        let list = |id: &str| Series::new("".into(), [id]);
        let events = df! {
            "event_id" => ["e"],
            "article_id" => ["a"],
            "type" => ["AID"],
            "quad_class" => ["material_cooperation"],
            "status" => ["asserted"],
            "mode" => [None::<&str>],
            "source_id" => ["S"],
            "target_id" => ["T"],
            "date_value" => [None::<&str>],
            "source_country" => ["FRA"],
            "target_country" => ["MLI"],
            "date" => [None::<i32>],
            "source_ids" => [list("S")],
            "target_ids" => [list("T")],
        }
        .unwrap();
        (articles, events)
    }

    fn actors(country_of_s: &str) -> DataFrame {
        df! {
            "actor_id" => ["S", "T"],
            "name" => ["Ess", "Tee"],
            "kind" => ["country", "country"],
            "country" => [country_of_s, "MLI"],
        }
        .unwrap()
    }

    #[test]
    fn country_dyads_follow_the_final_countries() {
        // the registry may have said FRA for S while its batch streamed; the
        // run's actors table may end with another country for it
        for final_country in ["FRA", "DEU"] {
            let (articles, events) = batch();
            let mut families = Families::default();
            families.add_articles(&articles).unwrap();
            let mut agg = EventAggregates::default();
            agg.add_batch(&events, &families).unwrap();
            let dir = tempfile::tempdir().unwrap();
            let path = |name: &str| dir.path().join(format!("{name}.parquet"));
            let (counts_file, dyads_file) = (path("event_counts"), path("dyads"));
            let rows = agg
                .finish(
                    &families,
                    &ActorNames::of(&actors(final_country)).unwrap(),
                    (Some(&counts_file), None),
                    (Some(&dyads_file), None),
                    &mut |_, _| Ok(()),
                )
                .unwrap();
            assert_eq!(rows, (1, 2));
            let read = |p: &Path| {
                ParquetReader::new(std::fs::File::open(p).unwrap())
                    .finish()
                    .unwrap()
            };
            let (counts, dyads) = (read(&counts_file), read(&dyads_file));
            assert_eq!(counts.height(), 1);
            // 1970-01-01 + 19000 days is in 2022-01
            let month = counts.column("month").unwrap().str().unwrap().get(0);
            assert_eq!(month, Some("2022-01"));
            let col = |c: &str| -> Vec<Option<String>> {
                dyads
                    .column(c)
                    .unwrap()
                    .str()
                    .unwrap()
                    .iter()
                    .map(|s| s.map(str::to_string))
                    .collect()
            };
            assert_eq!(col("level"), [Some("actor".into()), Some("country".into())]);
            assert_eq!(col("source")[1].as_deref(), Some(final_country));
            let n = dyads.column("n_events").unwrap().i64().unwrap().get(1);
            assert_eq!(n, Some(1));
        }
    }
}
