//! The writing side of a run, on its own thread so that writing a batch
//! overlaps extracting the next: the run-wide actor registry and the staged
//! tables.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;
use std::time::Instant;

use anyhow::Result;
use polars::prelude::DataFrame;

use crate::aggregate::Computed;
use crate::aggregate::compact::{ActorAggregates, ActorNames};
use crate::aggregate::event_state::EventAggregates;
use crate::aggregate::families::Families;
use crate::aggregate::timeline::TimelineSpill;
use crate::document::Document;
use crate::output::rows::BatchTables;
use crate::output::schema::{ACTORS, ARTICLES, DATES, EVENTS, MENTIONS, QUOTES};
use crate::output::writer::{Layout, OutputWriter};
use crate::report::data::{EventFigures, Known, Link};
use crate::resolve::ActorRegistry;

/// What the sink thread hands back when the run's batches are all written.
pub struct SinkResult {
    /// The writer, with every batch staged.
    pub writer: OutputWriter,
    /// Seconds spent updating the registry.
    pub resolve_secs: f64,
    /// Seconds spent turning documents into rows and writing them.
    pub write_secs: f64,
    /// The aggregates' running state, when they were asked for, and the
    /// run's `actors` table they are named from.
    pub aggregates: Option<(RunAggregates, DataFrame)>,
    /// Seconds spent updating the aggregates.
    pub aggregate_secs: f64,
}

/// The aggregates a full run counts batch by batch.
pub struct RunAggregates {
    /// Near-duplicate roots of the articles so far.
    pub families: Families,
    /// `actor_summary` and `cooccurrence`.
    pub actors: ActorAggregates,
    /// `event_counts` and `dyads`.
    pub events: EventAggregates,
    /// `timeline`.
    pub timeline: TimelineSpill,
}

impl RunAggregates {
    /// The finished aggregate tables, by name, for
    /// [`crate::aggregate::write_aggregates_with`], and the report's
    /// figures they already give. `staging`: the run's staged output, with
    /// every table closed; `csv`: write the timeline's CSV too.
    pub fn finish(
        self,
        actors: &DataFrame,
        staging: &Path,
        csv: bool,
    ) -> Result<(BTreeMap<&'static str, Computed>, Known)> {
        // a table's Parquet file and, when asked for, its CSV file
        let files = |table: &str| -> std::io::Result<(PathBuf, Option<PathBuf>)> {
            let file = |dir: &str, ext: &str| {
                let dir = staging.join(dir);
                std::fs::create_dir_all(&dir).map(|()| dir.join(format!("{table}.{ext}")))
            };
            Ok((
                file("parquet", "parquet")?,
                csv.then(|| file("csv", "csv")).transpose()?,
            ))
        };
        let cooccurrence = files("cooccurrence")?;
        let timeline = files("timeline")?;
        let event_counts = files("event_counts")?;
        let dyads = files("dyads")?;
        let RunAggregates {
            families,
            actors: actor_counts,
            events,
            timeline: spill,
        } = self;
        // the end of the run is the one step extraction cannot hide: the
        // timeline (the longest part, about as long as the other two
        // together) on its own thread while this one writes cooccurrence and
        // then the event tables; two threads, so one transient fewer at a
        // time than three (10k articles on a loaded machine: timeline 3.1 s
        // beside cooccurrence 2.5 s + event tables 0.6 s, where cooccurrence
        // then the timeline took 3.2 + 4.0 s beside the event tables)
        let families = &families;
        let timeline = &timeline;
        // one name per actor, for both the actor and the event tables
        let names = &ActorNames::of(actors)?;
        let (actor_tables, event_tables, timeline_rows, top) = std::thread::scope(|scope| {
            let timeline_rows = scope.spawn(move || {
                timed_part("timeline", || {
                    spill.finish(Some(&timeline.0), timeline.1.as_deref())
                })
            });
            // the report's top actors, and the links among them taken as
            // the pairs are written (instead of reading them back)
            let mut top = Vec::new();
            let actor_tables = timed_part("actor tables", || {
                actor_counts.finish_watching(
                    names,
                    Some(&cooccurrence.0),
                    cooccurrence.1.as_deref(),
                    |summary| {
                        top = crate::report::data::top_actors_of(summary)?;
                        Ok(top.iter().map(|a| a.actor_id.clone()).collect())
                    },
                )
            });
            crate::memory::release_free_heap();
            // the report's event figures, taken as the row groups are written
            let mut figures = EventFigures::default();
            let event_tables = timed_part("event tables", || {
                events.finish(
                    families,
                    names,
                    (Some(&event_counts.0), event_counts.1.as_deref()),
                    (Some(&dyads.0), dyads.1.as_deref()),
                    &mut |table, rows| figures.see(table, rows),
                )
            })
            .and_then(|rows| Ok((rows, figures.finish()?)));
            (
                actor_tables,
                event_tables,
                joined(timeline_rows.join()),
                top,
            )
        });
        let ((summary, n_pairs, watched), ((n_counts, n_dyads), event_figures)) =
            (actor_tables?, event_tables?);
        let known = Known {
            actors: top,
            links: watched
                .links
                .into_iter()
                .map(|(a, b, n_articles)| Link { a, b, n_articles })
                .collect(),
            speakers: watched.speakers,
            events: Some(event_figures),
        };
        let mut computed = BTreeMap::new();
        computed.insert("actor_summary", Computed::Frame(summary));
        computed.insert("cooccurrence", Computed::Written(n_pairs));
        computed.insert("event_counts", Computed::Written(n_counts));
        computed.insert("dyads", Computed::Written(n_dyads));
        computed.insert("timeline", Computed::Written(timeline_rows?));
        Ok((computed, known))
    }
}

/// Runs one part of the end of a run, logging its duration.
fn timed_part<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let out = f();
    tracing::debug!(secs = t.elapsed().as_secs_f64(), "{what}");
    out
}

/// The result of a scoped thread, a panic becoming an error.
fn joined<T>(r: std::thread::Result<Result<T>>) -> Result<T> {
    r.unwrap_or_else(|_| Err(anyhow::anyhow!("an aggregate thread panicked")))
}

/// Consumes processed batches in order until the channel closes.
/// `registry_was_loaded`: the registry continues an earlier run's (incremental).
/// `aggregates`: also count the aggregates, batch by batch.
pub fn sink_loop(
    rx: Receiver<Vec<Document>>,
    mut writer: OutputWriter,
    mut registry: ActorRegistry,
    registry_was_loaded: bool,
    mut aggregates: Option<RunAggregates>,
) -> Result<SinkResult> {
    let (mut resolve_secs, mut write_secs, mut aggregate_secs) = (0.0, 0.0, 0.0);
    let mut received_docs = false;
    // kept from batch to batch: their column buffers come back at the size
    // the last batch needed instead of regrowing from empty
    let mut groups: BTreeMap<String, BatchTables> = BTreeMap::new();
    for (n, docs) in rx.into_iter().enumerate() {
        // no free pages are handed back between batches: the next batch
        // reuses them, where handing them back every 4 batches made it
        // fault them in and zero them again (100k articles, alternated
        // runs: system time 14.2 -> 10.4 s and page faults 384k -> 300k,
        // total CPU within the machine's noise, peak 1.03-1.08x higher)
        if n % 32 == 0 {
            log_sizes(n, &registry, aggregates.as_ref());
        }
        received_docs |= !docs.is_empty();
        let t = Instant::now();
        for d in &docs {
            registry.add_document(d);
        }
        resolve_secs += t.elapsed().as_secs_f64();
        let t = Instant::now();
        // one group per partition (publication month), in first-seen order
        for d in &docs {
            let month = match writer.layout() {
                Layout::Month => month_of(d),
                Layout::Single => String::new(),
            };
            groups.entry(month).or_default().add(d);
        }
        drop(docs);
        for (month, tables) in groups.iter_mut() {
            if tables.articles.is_empty() {
                continue;
            }
            let m = (!month.is_empty()).then_some(month.as_str());
            let articles = tables.articles.take_frame()?;
            let mentions = tables.mentions.take_frame()?;
            let quotes = tables.quotes.take_frame()?;
            let events = tables.events.take_frame()?;
            if let Some(agg) = &mut aggregates {
                let t = Instant::now();
                let rows = agg.families.add_articles(&articles)?;
                agg.actors
                    .add_batch(&articles, &mentions, &quotes, &events)?;
                agg.events.add_batch(&events, &agg.families)?;
                agg.timeline
                    .add_batch(&articles, &events, &agg.families, &rows)?;
                aggregate_secs += t.elapsed().as_secs_f64();
            }
            writer.write_batch(&ARTICLES, m, articles)?;
            writer.write_batch(&MENTIONS, m, mentions)?;
            writer.write_batch(&QUOTES, m, quotes)?;
            writer.write_batch(&DATES, m, tables.dates.take_frame()?)?;
            writer.write_batch(&EVENTS, m, events)?;
        }
        // months do not recur batch after batch as the single group does
        if writer.layout() == Layout::Month {
            groups.clear();
        }
        write_secs += t.elapsed().as_secs_f64();
    }
    let t = Instant::now();
    let actors = registry.to_table().take_frame()?;
    if received_docs || !registry_was_loaded {
        writer.write_batch(&ACTORS, None, actors.clone())?;
    }
    write_secs += t.elapsed().as_secs_f64();
    Ok(SinkResult {
        writer,
        resolve_secs,
        write_secs,
        aggregates: aggregates.map(|a| (a, actors)),
        aggregate_secs,
    })
}

/// Heap in use and the sizes of the run-wide maps, at debug level.
fn log_sizes(batch: usize, registry: &ActorRegistry, agg: Option<&RunAggregates>) {
    if !tracing::enabled!(tracing::Level::DEBUG) {
        return;
    }
    let (committed, peak_rss) = crate::memory::heap_stats();
    let (actors, pairs) = agg.map_or((0, 0), |a| a.actors.sizes());
    tracing::debug!(
        batch,
        committed_mb = committed >> 20,
        peak_rss_mb = peak_rss >> 20,
        registry = registry.len(),
        articles = agg.map_or(0, |a| a.families.len()),
        actors,
        pairs,
        event_strings = agg.map_or(0, |a| a.events.interned()),
        "sink memory"
    );
}

/// The partition of a document: its publication month, or `unknown`.
pub fn month_of(doc: &Document) -> String {
    doc.published
        .map(|p| p.date.format("%Y-%m").to_string())
        .unwrap_or_else(|| "unknown".into())
}
