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
pub mod read;
mod summary;

use std::path::Path;

use anyhow::Result;
use polars::prelude::*;

pub use summary::{Reject, Summary};

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

/// Reads what the report shows from an output folder.
pub fn load(out: &Path) -> Result<ReportData> {
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
        source(out, "actor_summary", used, || derive::actor_summary(out))?
            .map_or(Ok(Vec::new()), top_actors)
    })?;
    let ids: Vec<String> = data.actors.iter().map(|a| a.actor_id.clone()).collect();
    data.links = timed("cooccurrence", || {
        source(out, "cooccurrence", used, || {
            derive::cooccurrence(out, &ids)
        })?
        .map_or(Ok(Vec::new()), |lf| links_among(lf, &ids))
    })?;
    data.timeline = timed("timeline", || {
        let rows = if is_fresh(out, "timeline") && scan(out, "timeline")?.is_some() {
            used.push("timeline".to_string());
            Rows::Table(out.to_path_buf(), "timeline")
        } else {
            match derive::timeline(out)? {
                Some(lf) => Rows::Derived(lf),
                None => return Ok(Timeline::default()),
            }
        };
        timeline_from(out, &rows)
    })?;
    data.dyads = timed("dyads", || {
        source(out, "dyads", used, || derive::dyads(out))?.map_or(Ok(Vec::new()), top_dyads)
    })?;
    data.speakers = timed("speakers", || speakers(out))?;
    Ok(data)
}

/// `event_counts`-shaped rows summed over status and countries.
fn event_counts_from(lf: LazyFrame, count: &str) -> Result<Vec<EventCount>> {
    let df = lf
        .filter(happened())
        .group_by([col("month"), col("type"), col("quad_class")])
        .agg([col(count).cast(DataType::Int64).sum().alias("n")])
        .sort(["month", "type"], order(&[false, false]))
        .collect()?;
    let (months, types, quads, ns) = (
        strs(&df, "month")?,
        strings(&df, "type")?,
        strings(&df, "quad_class")?,
        ints(&df, "n")?,
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

/// The latest dated events of `timeline`-shaped rows, and daily counts;
/// the evidence comes from `out`'s articles when the rows lack it. Two
/// bounded passes over the rows: counts per day, then the rows of the
/// latest days only.
fn timeline_from(out: &Path, rows: &Rows) -> Result<Timeline> {
    // near-duplicate articles would repeat the same events
    let kept = || col("duplicate_of").is_null().and(col("date").is_not_null());
    // one pass for the counts: per day, quad class and where the date came
    // from (summed over the row groups' partial counts)
    let keys = || [col("date"), col("quad_class"), col("date_origin")];
    let Some(partial) = rows.gather(
        &["date", "quad_class", "date_origin", "duplicate_of"],
        |lf| {
            lf.filter(kept())
                .group_by(keys())
                .agg([len().cast(DataType::Int64).alias("n")])
        },
    )?
    else {
        return Ok(Timeline::default());
    };
    let counts = partial
        .lazy()
        .group_by(keys())
        .agg([col("n").sum()])
        .collect()?;
    let by_publication = !strs(&counts, "date_origin")?
        .iter()
        .any(|o| o.as_deref() == Some("event"));
    let by_text = col("date_origin").eq(lit("event"));
    let (listed, daily) = if by_publication {
        (kept(), counts.lazy())
    } else {
        (kept().and(by_text.clone()), counts.lazy().filter(by_text))
    };
    let daily = daily
        .group_by([col("date"), col("quad_class")])
        .agg([col("n").sum()])
        .sort(["date", "quad_class"], order(&[false, false]))
        .collect()?;
    // the same event told by several articles is listed once, with the
    // first article's evidence and the number of reports
    let same_event = [
        "date",
        "date_origin",
        "date_value",
        "type",
        "quad_class",
        "status",
        "source",
        "target",
        "trigger",
    ];
    let mut carried = vec!["article_id", "event_id"];
    if rows.has_column("evidence")? {
        carried.push("evidence");
    } else {
        carried.extend(["start", "end"]);
    }
    let mut columns: Vec<&str> = same_event.to_vec();
    columns.extend(&carried);
    columns.push("duplicate_of");
    let first_report = |c: &str| {
        col(c)
            .sort_by(
                [col("article_id"), col("event_id")],
                SortMultipleOptions::default(),
            )
            .first()
    };
    let mut aggs: Vec<Expr> = carried.iter().map(|c| first_report(c)).collect();
    aggs.push(len().cast(DataType::Int64).alias("n_reports"));
    // the latest events lie on the latest days: group only the rows of
    // enough of them (a day's rows all fall on the same side of the cut, so
    // its groups are whole), widening the cut while it yields too few
    let days = daily
        .column("date")?
        .as_materialized_series()
        .unique_stable()?;
    let rows_by_day = daily
        .clone()
        .lazy()
        .group_by_stable([col("date")])
        .agg([col("n").sum()])
        .collect()?;
    let per_day = ints(&rows_by_day, "n")?;
    let mut wanted = TOP_ROWS as i64;
    let mut latest = loop {
        let (mut first, mut n) = (per_day.len(), 0);
        while first > 0 && n < wanted {
            first -= 1;
            n += per_day[first];
        }
        let recent = lit(days.slice(first as i64, per_day.len() - first)).implode(false);
        let on_recent_days = listed.clone().and(col("date").is_in(recent, false));
        // the table is in date order: most row groups hold no recent day
        let gate = (
            &["date", "date_origin", "duplicate_of"][..],
            on_recent_days.clone(),
        );
        let picked = rows
            .gather_where(Some(gate), &columns, |lf| lf.filter(on_recent_days.clone()))?
            .unwrap_or_default();
        let df = picked
            .lazy()
            .group_by(same_event.map(col))
            .agg(aggs.clone())
            .sort(
                ["date", "article_id", "event_id"],
                order(&[true, false, false]),
            )
            .limit(TOP_ROWS as IdxSize)
            .collect()?;
        if first == 0 || df.height() >= TOP_ROWS {
            break df;
        }
        wanted *= 4;
    };
    if latest.column("evidence").is_err() {
        latest = derive::evidence(out, latest)?;
    }
    let col_s = |c: &str| strings(&latest, c);
    let col_o = |c: &str| strs(&latest, c);
    let (dates, origins, values, types, quads, statuses) = (
        col_s("date")?,
        col_s("date_origin")?,
        col_o("date_value")?,
        col_s("type")?,
        col_s("quad_class")?,
        col_s("status")?,
    );
    let (sources, targets, triggers, evidence, articles, reports) = (
        col_o("source")?,
        col_o("target")?,
        col_s("trigger")?,
        col_s("evidence")?,
        col_s("article_id")?,
        ints(&latest, "n_reports")?,
    );
    let mut rows: Vec<TimelineRow> = (0..latest.height())
        .map(|i| TimelineRow {
            date: dates[i].clone(),
            date_origin: origins[i].clone(),
            date_value: values[i].clone(),
            event_type: types[i].clone(),
            quad_class: quads[i].clone(),
            status: statuses[i].clone(),
            source: sources[i].clone(),
            target: targets[i].clone(),
            trigger: triggers[i].clone(),
            evidence: evidence[i].clone(),
            article_id: articles[i].clone(),
            n_reports: reports[i],
        })
        .collect();
    rows.reverse();
    let (d, q, n) = (
        strings(&daily, "date")?,
        strings(&daily, "quad_class")?,
        ints(&daily, "n")?,
    );
    Ok(Timeline {
        rows,
        n_dated: n.iter().sum(),
        daily: (0..daily.height())
            .map(|i| (d[i].clone(), q[i].clone(), n[i]))
            .collect(),
        by_publication,
    })
}

/// The busiest dyads of a `dyads`-shaped frame, per level.
fn top_dyads(lf: LazyFrame) -> Result<Vec<Dyad>> {
    let mut out = Vec::new();
    for level in ["actor", "country"] {
        let df = lf
            .clone()
            .filter(col("level").eq(lit(level)))
            .sort(
                ["n_events", "source_name", "target_name"],
                order(&[true, false, false]),
            )
            .limit(TOP_DYADS as IdxSize)
            .collect()?;
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

/// The [`TOP_SPEAKERS`] speakers of the quotes kept by `counted`, most
/// quoted first: `speaker_id`, `speaker` (their smallest name) and `n`,
/// counted row group by row group into one entry per speaker (`None` when
/// the folder holds no quotes).
fn speaker_counts(out: &Path, counted: Expr) -> Result<Option<DataFrame>> {
    let mut by_speaker: std::collections::HashMap<String, (i64, Option<String>)> =
        std::collections::HashMap::new();
    let found = read::for_each_chunk(out, "quotes", |chunk| {
        let part = chunk
            .read(&["speaker_id", "speaker", "article_id"])?
            .lazy()
            .filter(counted.clone())
            .group_by([col("speaker_id")])
            .agg([
                len().cast(DataType::Int64).alias("n"),
                col("speaker").min().alias("speaker"),
            ])
            .collect()?;
        let (ids, names, ns) = (
            strings(&part, "speaker_id")?,
            strs(&part, "speaker")?,
            ints(&part, "n")?,
        );
        for ((id, name), n) in ids.into_iter().zip(names).zip(ns) {
            let entry = by_speaker.entry(id).or_insert((0, None));
            entry.0 += n;
            // the smallest name, as polars' `min` (nulls ignored)
            if let Some(name) = name
                && entry.1.as_ref().is_none_or(|old| name < *old)
            {
                entry.1 = Some(name);
            }
        }
        Ok(())
    })?;
    if !found {
        return Ok(None);
    }
    let mut all: Vec<(String, i64, Option<String>)> = by_speaker
        .into_iter()
        .map(|(id, (n, name))| (id, n, name))
        .collect();
    // most quotes first, then by name (nameless last) and id
    all.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then_with(|| match (&a.2, &b.2) {
                (Some(x), Some(y)) => x.cmp(y),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            })
            .then_with(|| a.0.cmp(&b.0))
    });
    all.truncate(TOP_SPEAKERS);
    let ids: Vec<&str> = all.iter().map(|s| s.0.as_str()).collect();
    let names: Vec<Option<&str>> = all.iter().map(|s| s.2.as_deref()).collect();
    let ns: Vec<i64> = all.iter().map(|s| s.1).collect();
    Ok(Some(df!(
        "speaker_id" => ids,
        "speaker" => names,
        "n" => ns,
    )?))
}

/// Quotes shown first: direct, then partial, then indirect; longer first.
const QUOTE_ORDER: [&str; 5] = ["speaker_id", "rank", "len", "article_id", "start"];
const QUOTE_DESCENDING: [bool; 5] = [false, false, true, false, false];

/// The speakers with the most quotes, each with their best few quotes.
/// Both passes over `quotes` go a row group at a time and keep only what
/// the page shows (a count per speaker, then the best quotes of the top
/// speakers), so memory follows the number of speakers, not of quotes.
fn speakers(out: &Path) -> Result<Vec<Speaker>> {
    // a near-duplicate article would count and show its quotes twice
    let mut copies: Vec<String> = Vec::new();
    read::for_each_chunk(out, "articles", |chunk| {
        let df = chunk.read(&["article_id", "duplicate_of"])?;
        let df = df
            .lazy()
            .filter(col("duplicate_of").is_not_null())
            .collect()?;
        copies.extend(strings(&df, "article_id")?);
        Ok(())
    })?;
    let counted = || {
        col("speaker_id")
            .is_not_null()
            .and(one_of("article_id", &copies).not())
    };
    let Some(top) = speaker_counts(out, counted())? else {
        return Ok(Vec::new());
    };
    let ids = strings(&top, "speaker_id")?;
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let kind_rank = when(col("kind").eq(lit("direct"))).then(lit(0)).otherwise(
        when(col("kind").eq(lit("partial")))
            .then(lit(1))
            .otherwise(lit(2)),
    );
    // the best quotes of each row group, then the best of those: a quote
    // among the best of all is among the best of its row group, and the
    // stable sorts keep the table's order between equal keys
    let best = |lf: LazyFrame| {
        lf.sort(QUOTE_ORDER, order(&QUOTE_DESCENDING))
            .group_by_stable([col("speaker_id")])
            // a few spare ones: the same words may be quoted in several articles
            .head(Some(QUOTES_PER_SPEAKER * 4))
    };
    let Some(picked) = Rows::Table(out.to_path_buf(), "quotes").gather(
        &["speaker_id", "text", "kind", "cue", "article_id", "start"],
        |lf| {
            best(
                lf.filter(counted().and(one_of("speaker_id", &ids)))
                    .with_columns([
                        kind_rank.clone().alias("rank"),
                        col("text").str().len_chars().alias("len"),
                    ]),
            )
        },
    )?
    else {
        return Ok(Vec::new());
    };
    let mut picked = best(picked.lazy());
    let shown = strings(&picked.clone().collect()?, "article_id")?;
    let titles = Rows::Table(out.to_path_buf(), "articles").gather(
        &["article_id", "title", "source", "published"],
        |lf| {
            lf.filter(one_of("article_id", &shown)).select([
                col("article_id"),
                coalesce(&[col("title"), col("source")]).alias("article"),
                col("published"),
            ])
        },
    )?;
    if let Some(articles) = titles {
        picked = picked.left_join(articles.lazy(), col("article_id"), col("article_id"));
    } else {
        picked = picked.with_columns([
            col("article_id").alias("article"),
            lit(NULL).cast(DataType::Date).alias("published"),
        ]);
    }
    // a join does not promise to keep the order
    let q = picked
        .sort(QUOTE_ORDER, order(&QUOTE_DESCENDING))
        .collect()?;
    let (qs, texts, kinds, cues, arts, pubs) = (
        strings(&q, "speaker_id")?,
        strings(&q, "text")?,
        strings(&q, "kind")?,
        strs(&q, "cue")?,
        strings(&q, "article")?,
        strs(&q, "published")?,
    );
    let (names, counts) = (strings(&top, "speaker")?, ints(&top, "n")?);
    Ok(ids
        .iter()
        .enumerate()
        .map(|(i, id)| Speaker {
            actor_id: id.clone(),
            name: names[i].clone(),
            n_quotes: counts[i],
            quotes: (0..q.height())
                .filter(|j| &qs[*j] == id)
                .filter(|j| !(0..*j).any(|k| qs[k] == qs[*j] && texts[k] == texts[*j]))
                .take(QUOTES_PER_SPEAKER)
                .map(|j| QuoteRow {
                    text: texts[j].clone(),
                    kind: kinds[j].clone(),
                    cue: cues[j].clone(),
                    article: arts[j].clone(),
                    published: pubs[j].clone(),
                })
                .collect(),
        })
        .collect())
}
