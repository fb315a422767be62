//! What the report shows, read from an output folder: small, capped
//! summaries of the run's tables (never whole tables, so the report stays
//! fast after every run).
//!
//! Charts are drawn from the aggregate tables (`actor_summary`,
//! `cooccurrence`, `event_counts`, `dyads`, `timeline`) when the folder holds
//! fresh ones; otherwise the same figures are derived from the base tables
//! ([`derive`]), so a folder written before the aggregates (or with them
//! missing) still gets a report. A missing table gives empty data, never an
//! error.

mod derive;
mod events;
pub mod read;
mod speakers;
mod summary;
mod timeline;

use std::collections::HashSet;
use std::hash::BuildHasherDefault;
use std::path::Path;

use anyhow::Result;
use polars::prelude::*;

pub use events::EventFigures;
pub use summary::{Reject, Summary};

use crate::lexicon::Fnv;

use read::{Rows, happened, ints, is_fresh, one_of, order, scan, strings, strs};

/// How many actors the network shows.
pub const TOP_ACTORS: usize = 40;
/// How many rows a table view or list shows at most.
pub const TOP_ROWS: usize = 50;
/// How many speakers the report lists.
pub const TOP_SPEAKERS: usize = 12;
/// How many quotes are shown per speaker.
pub const QUOTES_PER_SPEAKER: usize = 3;
/// How many dyads each dyad chart shows.
pub const TOP_DYADS: usize = 15;

/// Events of one month and type (negated and hypothetical ones left out).
#[derive(Debug, Clone, PartialEq)]
pub struct EventCount {
    /// `YYYY-MM`, or `None` when neither the event nor its article is dated.
    pub month: Option<String>,
    /// PLOVER category.
    pub event_type: String,
    /// Its quad class.
    pub quad_class: String,
    /// Events (near-duplicate articles counted once when the aggregate says so).
    pub n_events: i64,
}

/// One actor of the network.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorRow {
    /// Stable id.
    pub actor_id: String,
    /// Canonical name.
    pub name: String,
    /// `person`, `organization`, `country`, `place`.
    pub kind: String,
    /// ISO alpha-3 of its country.
    pub country: Option<String>,
    /// Mentions.
    pub n_mentions: i64,
    /// Articles mentioning it.
    pub n_articles: i64,
    /// Quotes it is the speaker of.
    pub n_quotes: i64,
}

/// Two actors mentioned in the same articles.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// First actor id.
    pub a: String,
    /// Second actor id.
    pub b: String,
    /// Articles mentioning both.
    pub n_articles: i64,
}

/// One dated event with its evidence.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TimelineRow {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `event` (dated by the text) or `publication`.
    pub date_origin: String,
    /// The ISO value as written in the text (`2024-11`), when dated by it.
    pub date_value: Option<String>,
    /// PLOVER category.
    pub event_type: String,
    /// Its quad class.
    pub quad_class: String,
    /// asserted, planned, negated, hypothetical.
    pub status: String,
    /// Main source's name.
    pub source: Option<String>,
    /// Main target's name.
    pub target: Option<String>,
    /// The words that signal it.
    pub trigger: String,
    /// The sentence part that states it.
    pub evidence: String,
    /// The (first) article reporting it.
    pub article_id: String,
    /// Articles reporting the same event (same date, type, participants
    /// and trigger).
    pub n_reports: i64,
}

/// The timeline: the latest dated events, and counts per day for the chart.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Timeline {
    /// Up to [`TOP_ROWS`] distinct events, in date order.
    pub rows: Vec<TimelineRow>,
    /// Events per day and quad class: `(YYYY-MM-DD, quad_class, n)`.
    pub daily: Vec<(String, String, i64)>,
    /// Dated events in all (the list shows the latest of them).
    pub n_dated: i64,
    /// True when no event carries a date of its own and the timeline falls
    /// back to publication dates.
    pub by_publication: bool,
}

/// A quote shown under its speaker.
#[derive(Debug, Clone, PartialEq)]
pub struct QuoteRow {
    /// The quoted words.
    pub text: String,
    /// direct, partial, indirect.
    pub kind: String,
    /// The speech verb as written.
    pub cue: Option<String>,
    /// The article's title, else its source path.
    pub article: String,
    /// The article's publication date.
    pub published: Option<String>,
}

/// A speaker and their best quotes.
#[derive(Debug, Clone, PartialEq)]
pub struct Speaker {
    /// The speaker's actor id.
    pub actor_id: String,
    /// Canonical name.
    pub name: String,
    /// Quotes attributed to them.
    pub n_quotes: i64,
    /// Direct quotes first, then partial, then indirect; longer first.
    pub quotes: Vec<QuoteRow>,
}

/// Events from a source to a target, by quad class.
#[derive(Debug, Clone, PartialEq)]
pub struct Dyad {
    /// `actor` or `country`.
    pub level: String,
    /// Source name (or country code).
    pub source: String,
    /// Target name (or country code).
    pub target: String,
    /// Events by quad class: verbal cooperation, material cooperation,
    /// verbal conflict, material conflict.
    pub quads: [i64; 4],
    /// Events in all.
    pub n_events: i64,
    /// Articles reporting them.
    pub n_articles: i64,
    /// Earliest date.
    pub first: Option<String>,
    /// Latest date.
    pub last: Option<String>,
}

/// The four quad classes, in the order of [`Dyad::quads`] and the charts.
pub const QUADS: [&str; 4] = [
    "verbal_cooperation",
    "material_cooperation",
    "verbal_conflict",
    "material_conflict",
];

/// Everything the report shows.
#[derive(Debug, Clone, Default)]
pub struct ReportData {
    /// Run summary.
    pub summary: Summary,
    /// Events per month and type.
    pub event_counts: Vec<EventCount>,
    /// The most mentioned actors.
    pub actors: Vec<ActorRow>,
    /// Co-occurrence links between them, strongest first.
    pub links: Vec<Link>,
    /// Dated events.
    pub timeline: Timeline,
    /// Top speakers with quotes.
    pub speakers: Vec<Speaker>,
    /// Top dyads, actor level then country level.
    pub dyads: Vec<Dyad>,
    /// Table name → files holding it, relative to the output folder.
    pub links_to: std::collections::BTreeMap<String, Vec<String>>,
    /// Tables read from a fresh aggregate file (the others were derived).
    pub from_aggregates: Vec<String>,
}

/// Every table the report may link to.
const LINKED: [&str; 11] = [
    "articles",
    "actors",
    "mentions",
    "quotes",
    "events",
    "dates",
    "actor_summary",
    "cooccurrence",
    "event_counts",
    "dyads",
    "timeline",
];

/// The frame an aggregate's figures come from: the fresh aggregate table
/// (its name is recorded), else the same columns derived from the base
/// tables, else nothing.
fn source(
    out: &Path,
    aggregate: &str,
    used: &mut Vec<String>,
    derived: impl FnOnce() -> Result<Option<LazyFrame>>,
) -> Result<Option<LazyFrame>> {
    if is_fresh(out, aggregate)
        && let Some(lf) = scan(out, aggregate)?
    {
        used.push(aggregate.to_string());
        return Ok(Some(lf));
    }
    derived()
}

/// Runs one step, logging its time (`RUST_LOG=gazette=debug`).
fn timed<T>(step: &str, f: impl FnOnce() -> Result<T>) -> Result<T> {
    let t = std::time::Instant::now();
    let r = f();
    let hwm = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM"))
                .map(str::to_string)
        });
    tracing::debug!(step, secs = t.elapsed().as_secs_f64(), ?hwm, "report data");
    r
}

/// What a run knows of the report's figures when it ends, so that the
/// report does not read them back from the tables it just wrote: the top
/// actors (from the `actor_summary` frame in hand) and the links among
/// them (taken as `cooccurrence` was written, the largest table the
/// report would read).
#[derive(Debug, Clone, Default)]
pub struct Known {
    /// [`ReportData::actors`].
    pub actors: Vec<ActorRow>,
    /// [`ReportData::links`], in any order.
    pub links: Vec<Link>,
    /// Every speaker's quotes outside near-duplicate articles and smallest
    /// name, in any order (the `quotes` table need not be counted).
    pub speakers: speakers::SpeakerCounts,
    /// [`ReportData::event_counts`] and [`ReportData::dyads`], when the run
    /// saw its event tables written ([`EventFigures`]).
    pub events: Option<(Vec<EventCount>, Vec<Dyad>)>,
}

/// The actors the report shows of an `actor_summary` frame (contract
/// columns), for [`Known::actors`].
pub fn top_actors_of(summary: &DataFrame) -> Result<Vec<ActorRow>> {
    top_actors(summary.clone().lazy())
}

/// Reads what the report shows from an output folder.
pub fn load(out: &Path) -> Result<ReportData> {
    load_with(out, None)
}

/// [`load`], with the figures a run already `known` (its aggregate tables
/// are fresh) taken as they are.
pub fn load_with(out: &Path, known: Option<Known>) -> Result<ReportData> {
    let (known_actors, known_links, known_speakers, known_events) = match known {
        Some(k) => (Some(k.actors), Some(k.links), Some(k.speakers), k.events),
        None => (None, None, None, None),
    };
    let (known_counts, known_dyads) = known_events.unzip();
    let mut data = ReportData {
        summary: timed("summary", || summary::load(out))?,
        ..Default::default()
    };
    for name in LINKED {
        let links = read::table_links(out, name);
        if !links.is_empty() {
            data.links_to.insert(name.to_string(), links);
        }
    }
    let used = &mut data.from_aggregates;
    data.event_counts = timed("event_counts", || {
        if let Some(counts) = known_counts {
            used.push("event_counts".to_string());
            return Ok(counts);
        }
        // the aggregate counts near-duplicate reports once; the derived
        // frame has left them out
        let count = if is_fresh(out, "event_counts") {
            "n_distinct_events"
        } else {
            "n_events"
        };
        source(out, "event_counts", used, || derive::event_counts(out))?
            .map_or(Ok(Vec::new()), |lf| event_counts_from(lf, count))
    })?;
    data.actors = timed("actors", || {
        if let Some(actors) = known_actors {
            used.push("actor_summary".to_string());
            return Ok(actors);
        }
        source(out, "actor_summary", used, || derive::actor_summary(out))?
            .map_or(Ok(Vec::new()), top_actors)
    })?;
    let ids: Vec<String> = data.actors.iter().map(|a| a.actor_id.clone()).collect();
    data.links = timed("cooccurrence", || {
        if let Some(mut links) = known_links {
            used.push("cooccurrence".to_string());
            sort_links(&mut links);
            return Ok(links);
        }
        if is_fresh(out, "cooccurrence")
            && let Some(links) = links_in_table(out, &ids)?
        {
            used.push("cooccurrence".to_string());
            return Ok(links);
        }
        derive::cooccurrence(out, &ids)?.map_or(Ok(Vec::new()), |lf| links_among(lf, &ids))
    })?;
    data.timeline = timed("timeline", || {
        let rows = if is_fresh(out, "timeline") && scan(out, "timeline")?.is_some() {
            used.push("timeline".to_string());
            Rows::Table(out.to_path_buf(), "timeline")
        } else {
            match derive::timeline(out)? {
                Some(rows) => rows,
                None => return Ok(Timeline::default()),
            }
        };
        timeline::load(out, &rows)
    })?;
    data.dyads = timed("dyads", || {
        if let Some(dyads) = known_dyads {
            used.push("dyads".to_string());
            return Ok(dyads);
        }
        source(out, "dyads", used, || derive::dyads(out))?.map_or(Ok(Vec::new()), top_dyads)
    })?;
    data.speakers = timed("speakers", || speakers::load_with(out, known_speakers))?;
    Ok(data)
}

/// `event_counts`-shaped rows summed over status and countries.
fn event_counts_from(lf: LazyFrame, count: &str) -> Result<Vec<EventCount>> {
    counts_summed(lf.filter(happened()), count)
}

/// The `count` column of rows summed by month, type and quad class, under
/// its own name (sums of these sums are the same counts).
fn summed_by_kind(lf: LazyFrame, count: &str) -> LazyFrame {
    lf.group_by([col("month"), col("type"), col("quad_class")])
        .agg([col(count).cast(DataType::Int64).sum()])
}

/// [`event_counts_from`] of rows already filtered to the events that
/// happened.
fn counts_summed(lf: LazyFrame, count: &str) -> Result<Vec<EventCount>> {
    let df = summed_by_kind(lf, count)
        .sort(["month", "type"], order(&[false, false]))
        .collect()?;
    let (months, types, quads, ns) = (
        strs(&df, "month")?,
        strings(&df, "type")?,
        strings(&df, "quad_class")?,
        ints(&df, count)?,
    );
    Ok(months
        .into_iter()
        .zip(types)
        .zip(quads)
        .zip(ns)
        .map(|(((month, event_type), quad_class), n_events)| EventCount {
            month,
            event_type,
            quad_class,
            n_events,
        })
        .collect())
}

/// The most mentioned actors of an `actor_summary`-shaped frame.
fn top_actors(lf: LazyFrame) -> Result<Vec<ActorRow>> {
    let df = lf
        .sort(
            ["n_mentions", "name", "actor_id"],
            order(&[true, false, false]),
        )
        .limit(TOP_ACTORS as IdxSize)
        .collect()?;
    let (ids, names, kinds, countries) = (
        strings(&df, "actor_id")?,
        strings(&df, "name")?,
        strings(&df, "kind")?,
        strs(&df, "country")?,
    );
    let (mentions, articles, quotes) = (
        ints(&df, "n_mentions")?,
        ints(&df, "n_articles")?,
        ints(&df, "n_quotes")?,
    );
    Ok((0..df.height())
        .map(|i| ActorRow {
            actor_id: ids[i].clone(),
            name: names[i].clone(),
            kind: kinds[i].clone(),
            country: countries[i].clone(),
            n_mentions: mentions[i],
            n_articles: articles[i],
            n_quotes: quotes[i],
        })
        .collect())
}

/// The links between `ids` in the run's `cooccurrence` table, strongest
/// first, read one row group at a time (`None` when there is no table).
/// A polars filter pushed into the scan built a row-group skipping predicate
/// from the two `is_in` lists that cost more than the read (c600: 126 M of
/// 143 M instructions), and the filter after a whole read held the table
/// (1.2M rows at 100k articles).
fn links_in_table(out: &Path, ids: &[String]) -> Result<Option<Vec<Link>>> {
    // FNV rather than SipHash, and the columns walked in order rather than
    // looked up by row (a chunk search each): most of the cost was there
    let shown: HashSet<&str, BuildHasherDefault<Fnv>> = ids.iter().map(String::as_str).collect();
    let gate = ViewGate::new(ids);
    let mut links = Vec::new();
    let found = read::for_each_chunk(out, "cooccurrence", |chunk| {
        let df = chunk.read(&["actor_a", "actor_b", "n_articles"])?;
        let (a, b) = (df.column("actor_a")?.str()?, df.column("actor_b")?.str()?);
        let n = df.column("n_articles")?.cast(&DataType::Int64)?;
        let (a, b, n) = (a.rechunk(), b.rechunk(), n.i64()?.rechunk());
        let arrays = a
            .downcast_iter()
            .zip(b.downcast_iter())
            .zip(n.downcast_iter());
        for ((a, b), n) in arrays {
            // a row is looked at only when both views may be shown ids:
            // hashing every id of the table cost most of the read
            let views = a.views().iter().zip(b.views().iter());
            for (i, (va, vb)) in views.enumerate() {
                if !(gate.may_hold(va.length, va.prefix) && gate.may_hold(vb.length, vb.prefix)) {
                    continue;
                }
                if let (Some(x), Some(y)) = (a.get(i), b.get(i))
                    && shown.contains(x)
                    && shown.contains(y)
                {
                    links.push(Link {
                        a: x.to_string(),
                        b: y.to_string(),
                        n_articles: n.get(i).unwrap_or_default(),
                    });
                }
            }
        }
        Ok(())
    })?;
    sort_links(&mut links);
    Ok(found.then_some(links))
}

/// The query's order of links: articles (most first), then both ids.
fn sort_links(links: &mut [Link]) {
    links.sort_by(|x, y| (y.n_articles, &x.a, &x.b).cmp(&(x.n_articles, &y.a, &y.b)));
}

/// A test on a string's Arrow view (its length and first four bytes, the
/// view's first eight bytes whether the string is inline or not) that
/// rules out most strings that are not among a few: one bit per hash of
/// those eight bytes. A string that passes still has to be looked up.
struct ViewGate([u64; 64]);

impl ViewGate {
    fn new(strings: &[String]) -> ViewGate {
        let mut bits = [0u64; 64];
        for s in strings {
            let h = Self::hash(Self::key_of(s.as_bytes()));
            bits[h >> 6] |= 1 << (h & 63);
        }
        ViewGate(bits)
    }

    /// The view's length and prefix of a string, as a view holds them.
    fn key_of(s: &[u8]) -> u64 {
        let mut prefix = [0u8; 4];
        let n = s.len().min(4);
        prefix[..n].copy_from_slice(&s[..n]);
        u64::from(s.len() as u32) | u64::from(u32::from_le_bytes(prefix)) << 32
    }

    fn hash(key: u64) -> usize {
        (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 52) as usize
    }

    #[inline]
    fn may_hold(&self, length: u32, prefix: u32) -> bool {
        let h = Self::hash(u64::from(length) | u64::from(prefix) << 32);
        self.0[h >> 6] & (1 << (h & 63)) != 0
    }
}

/// The links of a `cooccurrence`-shaped frame between `ids`, strongest
/// first (at most one per pair of the few actors the network shows).
fn links_among(lf: LazyFrame, ids: &[String]) -> Result<Vec<Link>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let df = lf
        .filter(one_of("actor_a", ids).and(one_of("actor_b", ids)))
        .sort(
            ["n_articles", "actor_a", "actor_b"],
            order(&[true, false, false]),
        )
        .collect()?;
    let (a, b, arts) = (
        strings(&df, "actor_a")?,
        strings(&df, "actor_b")?,
        ints(&df, "n_articles")?,
    );
    Ok((0..df.height())
        .map(|i| Link {
            a: a[i].clone(),
            b: b[i].clone(),
            n_articles: arts[i],
        })
        .collect())
}

/// The dyad levels, in the order the report shows them.
const DYAD_LEVELS: [&str; 2] = ["actor", "country"];

/// The busiest dyads of one level of a `dyads`-shaped frame, busiest first.
fn busiest_dyads(lf: LazyFrame, level: &str) -> Result<DataFrame> {
    Ok(lf
        .filter(col("level").eq(lit(level)))
        .sort(
            ["n_events", "source_name", "target_name"],
            order(&[true, false, false]),
        )
        .limit(TOP_DYADS as IdxSize)
        .collect()?)
}

/// The busiest dyads of a `dyads`-shaped frame, per level.
fn top_dyads(lf: LazyFrame) -> Result<Vec<Dyad>> {
    let mut out = Vec::new();
    for level in DYAD_LEVELS {
        let df = busiest_dyads(lf.clone(), level)?;
        let (sources, targets, firsts, lasts) = (
            strings(&df, "source_name")?,
            strings(&df, "target_name")?,
            strs(&df, "first_date")?,
            strs(&df, "last_date")?,
        );
        let (events, articles) = (ints(&df, "n_events")?, ints(&df, "n_articles")?);
        let quads = QUADS
            .iter()
            .map(|q| ints(&df, &format!("n_{q}")))
            .collect::<Result<Vec<_>>>()?;
        for i in 0..df.height() {
            out.push(Dyad {
                level: level.to_string(),
                source: sources[i].clone(),
                target: targets[i].clone(),
                quads: [quads[0][i], quads[1][i], quads[2][i], quads[3][i]],
                n_events: events[i],
                n_articles: articles[i],
                first: firsts[i].clone(),
                last: lasts[i].clone(),
            });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::data::read::testing::{Lcg, write};

    #[test]
    fn the_view_gate_lets_every_listed_string_through() {
        let listed: Vec<String> = [
            "",
            "a",
            "Q01",
            "abcdefghijkl",
            "abcdefghijklm",
            "A044c3fdf99053bf",
        ]
        .map(String::from)
        .to_vec();
        let gate = ViewGate::new(&listed);
        let mut all = listed.clone();
        all.extend(
            (0..2000u64).map(|i| format!("A{:016x}", i.wrapping_mul(0x9e37_79b9_7f4a_7c15))),
        );
        let column: StringChunked = all.iter().map(|s| Some(s.as_str())).collect();
        let column = column.rechunk();
        let array = column.downcast_iter().next().unwrap();
        let passed: Vec<&str> = array
            .views()
            .iter()
            .zip(array.values_iter())
            .filter(|(v, _)| gate.may_hold(v.length, v.prefix))
            .map(|(_, s)| s)
            .collect();
        for s in &listed {
            assert!(passed.contains(&s.as_str()), "{s:?}");
        }
        assert!(
            passed.len() < 200,
            "most others are ruled out: {}",
            passed.len()
        );
    }

    #[test]
    fn links_read_by_row_group_equal_the_query() {
        let dir = tempfile::tempdir().unwrap();
        let mut rng = Lcg(5);
        // 300 pairs among 12 actors, ties in n_articles, several row groups
        let pairs: Vec<(String, String, i64)> = (0..300)
            .map(|_| {
                let (a, b) = (rng.next(12), rng.next(12));
                (format!("Q{a:02}"), format!("Q{b:02}"), rng.next(6) as i64)
            })
            .collect();
        let table = df!(
            "actor_a" => pairs.iter().map(|p| p.0.as_str()).collect::<Vec<_>>(),
            "actor_b" => pairs.iter().map(|p| p.1.as_str()).collect::<Vec<_>>(),
            "n_articles" => pairs.iter().map(|p| p.2).collect::<Vec<_>>(),
        )
        .unwrap();
        assert!(write(dir.path(), "cooccurrence", table, 64) > 1);
        let ids: Vec<String> = ["Q01", "Q03", "Q04", "Q07", "Q10"]
            .map(String::from)
            .to_vec();
        let by_groups = links_in_table(dir.path(), &ids).unwrap().unwrap();
        let lf = scan(dir.path(), "cooccurrence").unwrap().unwrap();
        let by_query = links_among(lf, &ids).unwrap();
        assert!(!by_groups.is_empty());
        assert_eq!(by_groups, by_query);
        // no table: nothing to read
        let empty = tempfile::tempdir().unwrap();
        assert!(links_in_table(empty.path(), &ids).unwrap().is_none());
    }
}
