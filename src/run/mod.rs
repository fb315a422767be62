//! One batch run: inputs → ingest → prepare → extract → resolve → output.
//!
//! Files are read in input order, in batches; each batch is read, prepared
//! and extracted in parallel (rayon), then its corpus-level steps (duplicate
//! detection) run in input order, and it is handed to the writer thread
//! (`sink`), which updates the run-wide actor registry and stages its rows
//! while the next batch is extracted; meanwhile a read-ahead thread reads
//! the files of the batch after it from disk ([`ingest::Readahead`]). Order never depends on thread timing,
//! so every thread count writes byte-identical tables. The aggregates are
//! computed from the finished tables (`crate::aggregate`).

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Instant;

mod sink;
mod state;

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use xxhash_rust::xxh3::Xxh3;

use crate::config::Config;
use crate::document::Document;
use crate::ingest::{self, InputFile, Limits, Reject};
use crate::output::manifest::Manifest;
use crate::output::schema::TABLES;
use crate::output::writer::{CommitMode, Formats, Layout, OutputWriter};
use crate::pipeline::Pipeline;
use crate::resolve::ActorRegistry;
use crate::text::dedup::{NearDuplicateIndex, simhash};
use crate::text::{Preparer, article_id};

/// Which deterministic slice of the input a run processes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// 0-based index of this shard.
    pub index: u64,
    /// Number of shards.
    pub count: u64,
}

impl Shard {
    /// Parses `K/N` (1-based K, 1 ≤ K ≤ N).
    pub fn parse(s: &str) -> Result<Shard, String> {
        let (k, n) = s
            .split_once('/')
            .ok_or_else(|| format!("'{s}' is not K/N (e.g. 1/4)"))?;
        let k: u64 = k
            .trim()
            .parse()
            .map_err(|_| format!("'{k}' is not a shard number"))?;
        let n: u64 = n
            .trim()
            .parse()
            .map_err(|_| format!("'{n}' is not a shard count"))?;
        if n == 0 || k == 0 || k > n {
            return Err(format!("shard {k}/{n}: K must be between 1 and N"));
        }
        Ok(Shard {
            index: k - 1,
            count: n,
        })
    }

    /// True when the article with this id belongs to the shard.
    pub fn owns(&self, article_id: &str) -> bool {
        let h = u64::from_str_radix(article_id.get(..16).unwrap_or(article_id), 16)
            .unwrap_or_else(|_| xxhash_rust::xxh3::xxh3_64(article_id.as_bytes()));
        h % self.count == self.index
    }
}

/// What to run.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// Files and folders to read.
    pub inputs: Vec<PathBuf>,
    /// Output folder.
    pub out: PathBuf,
    /// Pipeline configuration (after command-line overrides).
    pub config: Config,
    /// Worker threads (0: one per core).
    pub threads: usize,
    /// Hide the progress bar.
    pub quiet: bool,
    /// Process only this slice of the articles.
    pub shard: Option<Shard>,
    /// Layout of the per-article tables.
    pub layout: Layout,
    /// Add only new articles to an existing output (implies [`Layout::Month`]).
    pub incremental: bool,
}

/// Adds wall time to a named step.
fn timed<T>(timings: &mut BTreeMap<String, f64>, step: &str, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let r = f();
    *timings.entry(step.to_string()).or_default() += t.elapsed().as_secs_f64();
    r
}

fn progress_bar(len: usize, quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::hidden());
    }
    let bar = ProgressBar::new(len as u64);
    if let Ok(style) =
        ProgressStyle::with_template("{spinner} {pos}/{len} files {wide_bar} {elapsed} (eta {eta})")
    {
        bar.set_style(style);
    }
    bar
}

/// Runs the pipeline and writes the output folder; returns the manifest.
///
/// Errors only for problems with the run itself (configuration, output
/// folder); bad inputs become rejects in the manifest. Memory stays bounded
/// by the batch size: at most two batches are in flight (one being
/// extracted, one being written).
pub fn run(opts: &RunOptions) -> Result<Manifest> {
    let started = Instant::now();
    let cfg = &opts.config;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads)
        .build()
        .context("cannot start worker threads")?;
    let threads = pool.current_num_threads();
    let mut timings = BTreeMap::new();

    let formats = Formats {
        parquet: cfg.output.formats.iter().any(|f| f == "parquet"),
        csv: cfg.output.formats.iter().any(|f| f == "csv"),
    };
    let layout = if opts.incremental {
        Layout::Month
    } else {
        opts.layout
    };
    if opts.incremental && opts.out.join("parquet").join("articles.parquet").exists() {
        anyhow::bail!(
            "'{}' holds single-file tables: --incremental adds partition files, so start it in an \
             empty folder (or one written with --partition month)",
            opts.out.display()
        );
    }
    let mut state = if opts.incremental {
        timed(&mut timings, "state", || {
            state::OutputState::load(&opts.out)
        })?
    } else {
        state::OutputState::default()
    };
    state.runs += 1;
    let tag = format!("{:05}", state.runs);
    let writer = OutputWriter::create(&opts.out, formats, layout, &tag)?;
    let registry = if opts.incremental {
        ActorRegistry::load(&opts.out.join("parquet").join("actors.parquet"))?
    } else {
        ActorRegistry::new()
    };

    let (mut files, mut rejects) =
        timed(&mut timings, "discover", || ingest::discover(&opts.inputs));
    let n_files = files.len();
    if opts.incremental {
        files.retain(|f| !state.unchanged(f));
    }
    let skipped_files = (n_files - files.len()) as u64;
    // An incremental run over an unchanged folder has nothing to extract:
    // loading the lexicons and building the automata would be most of its
    // time, so it skips them.
    let nothing_new = opts.incremental && files.is_empty();
    let (preparer, pipeline) = if nothing_new {
        (None, None)
    } else {
        let preparer = Preparer::build(cfg).context("loading [prepare] data files")?;
        let pipeline = timed(&mut timings, "build", || Pipeline::build(cfg))
            .context("building the pipeline")?;
        (Some(preparer), Some(pipeline))
    };
    let limits = Limits {
        max_article_bytes: cfg.prepare.max_article_bytes,
    };
    let progress = progress_bar(files.len(), opts.quiet);

    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Document>>(1);
    let opts_incremental = opts.incremental;
    // a full run counts the actor aggregates as batches are written;
    // incremental runs recompute every aggregate over the whole folder
    let aggregates = if formats.parquet && !opts.incremental {
        Some(sink::RunAggregates {
            families: Default::default(),
            actors: crate::aggregate::compact::ActorAggregates::spilling(
                &writer.staging().join(".pairs-spill"),
            ),
            events: crate::aggregate::event_state::EventAggregates::spilling(
                &writer.staging().join(".events-spill"),
            )?,
            timeline: crate::aggregate::timeline::TimelineSpill::create(
                &writer.staging().join(".timeline-spill"),
            )?,
        })
    } else {
        None
    };
    let sink = std::thread::Builder::new()
        .name("gazette-sink".into())
        .spawn(move || sink::sink_loop(rx, writer, registry, opts_incremental, aggregates))
        .context("cannot start the writer thread")?;

    let mut flow = Flow {
        opts,
        pool: &pool,
        preparer: preparer.as_ref(),
        pipeline: pipeline.as_ref(),
        state: &state,
        tx,
        timings: &mut timings,
        rejects: &mut rejects,
        seen_ids: Default::default(),
        near: NearDuplicateIndex::new(cfg.prepare.near_duplicate_bits),
        n_articles: 0,
        skipped_articles: 0,
        sink_failed: false,
    };
    let mut fingerprint = Xxh3::new();
    let mut n_bytes = 0u64;
    let mut stamps = Vec::new();
    // units own their files, so each file's path and name are freed once
    // it is read (a list of 80k files held about 16 MB for the whole run)
    // the next group's files are read from disk while this one is extracted
    let readahead = ingest::Readahead::start();
    let mut units = plan_units(files, cfg.pipeline.batch_size)
        .into_iter()
        .peekable();
    while let Some(unit) = units.next() {
        if flow.sink_failed {
            break;
        }
        if let Some(Unit::Small(next)) = units.peek() {
            readahead.hint(next.iter().map(|f| f.path.clone()).collect());
        }
        let outcomes: Vec<(&InputFile, ingest::FileStats)> = match &unit {
            Unit::Small(group) => {
                let outcomes = timed(flow.timings, "ingest", || {
                    pool.install(|| {
                        group
                            .par_iter()
                            .map(|f| ingest::read_file(f, limits))
                            .collect::<Vec<_>>()
                    })
                });
                let mut raws = Vec::new();
                let mut stats = Vec::new();
                for (file, o) in group.iter().zip(outcomes) {
                    stats.push((
                        file,
                        ingest::FileStats {
                            bytes: o.bytes,
                            digest: o.digest,
                        },
                    ));
                    flow.rejects.extend(o.rejects);
                    raws.extend(o.articles);
                }
                flow.process(raws);
                stats
            }
            Unit::Large(file) => {
                // one big multi-record file: streamed in batches, never whole in memory
                let mut stream = ingest::open(file, limits);
                loop {
                    let mut raws = Vec::with_capacity(cfg.pipeline.batch_size);
                    let t = Instant::now();
                    for item in stream.by_ref().take(cfg.pipeline.batch_size) {
                        match item {
                            Ok(a) => raws.push(a),
                            Err(r) => flow.rejects.push(r),
                        }
                    }
                    *flow.timings.entry("ingest".into()).or_default() += t.elapsed().as_secs_f64();
                    if raws.is_empty() {
                        break;
                    }
                    flow.process(raws);
                }
                vec![(file, stream.finish())]
            }
        };
        for (file, st) in outcomes {
            fingerprint.update(file.rel.as_bytes());
            fingerprint.update(&st.bytes.to_le_bytes());
            fingerprint.update(&st.digest.to_le_bytes());
            n_bytes += st.bytes;
            // only an incremental run saves the stamps (a full run kept
            // 100k of them for nothing)
            if opts_incremental && let Some(stamp) = state::stamp(file) {
                stamps.push((file.rel.clone(), stamp));
            }
            progress.inc(1);
        }
    }
    drop(readahead);
    let Flow {
        tx,
        n_articles,
        skipped_articles,
        ..
    } = flow;
    state.files.extend(stamps);
    drop(tx);
    progress.finish_and_clear();
    let sunk = sink
        .join()
        .map_err(|_| anyhow::anyhow!("the writer thread panicked"))??;
    timings.insert("resolve".into(), sunk.resolve_secs);
    timings.insert("write".into(), sunk.write_secs);
    timings.insert("aggregate_batches".into(), sunk.aggregate_secs);
    let mut writer = sunk.writer;
    let aggregates = sunk.aggregates;
    let wrote_new = n_articles > 0 || !opts.incremental;
    timed(&mut timings, "finish", || {
        writer.build_tables(&TABLES, wrote_new)
    })?;
    if opts.incremental {
        state.save(&writer.staging().join("state"))?;
    }
    for (stage, secs) in pipeline.iter().flat_map(Pipeline::stage_seconds) {
        timings.insert(format!("stage.{stage}"), secs);
    }
    // the extraction side is done: its lexicons, automata and the heap the
    // batches left free go back to the system before the aggregates
    drop((pipeline, preparer, pool));
    crate::memory::release_free_heap();
    tracing::debug!(?timings, "tables built");

    let mode = if opts.incremental {
        CommitMode::Append
    } else {
        CommitMode::Replace
    };
    let mut aggregate_rows = BTreeMap::new();
    // the report's figures the aggregates already computed
    let mut known = None;
    if formats.parquet && mode == CommitMode::Replace {
        let staging = writer.staging().to_path_buf();
        aggregate_rows = timed(&mut timings, "aggregate", || {
            let computed = match aggregates {
                Some((agg, actors)) => {
                    let (computed, figures) = agg.finish(&actors, &staging, formats.csv)?;
                    known = Some(figures);
                    computed
                }
                None => BTreeMap::new(),
            };
            crate::aggregate::write_aggregates_with(
                std::slice::from_ref(&staging),
                &staging,
                formats,
                computed,
            )
        })
        .context("computing the aggregate tables")?;
        crate::memory::release_free_heap();
    }
    let mut rows: BTreeMap<String, u64> = writer
        .row_counts()
        .iter()
        .map(|(k, v)| (k.to_string(), *v))
        .collect();
    let manifest_at = |timings: BTreeMap<String, f64>,
                       rows: BTreeMap<String, u64>,
                       rejects: Vec<Reject>| Manifest {
        version: env!("CARGO_PKG_VERSION").to_string(),
        config: cfg.clone(),
        inputs: opts
            .inputs
            .iter()
            .map(|p| p.display().to_string())
            .collect(),
        input_fingerprint: format!("{:032x}", fingerprint.digest128()),
        files: n_files as u64,
        skipped_files,
        skipped_articles,
        bytes: n_bytes,
        articles: n_articles,
        rows,
        timings,
        rejects,
        threads,
        shard: opts.shard.map(|s| format!("{}/{}", s.index + 1, s.count)),
        warnings: Vec::new(),
    };
    let rejects = sorted(rejects);
    if mode == CommitMode::Replace {
        rows.extend(aggregate_rows);
        timings.insert("total".into(), started.elapsed().as_secs_f64());
        let mut manifest = manifest_at(timings, rows, rejects);
        write_json(&writer.staging().join("manifest.json"), &manifest)?;
        writer.commit(mode)?;
        write_report(opts, &mut manifest, known);
        return Ok(manifest);
    }
    writer.commit(mode)?;
    if formats.parquet && n_articles > 0 {
        let out = opts.out.clone();
        let agg = timed(&mut timings, "aggregate", || {
            crate::aggregate::write_aggregates_as(std::slice::from_ref(&out), &out, formats)
        })
        .context("computing the aggregate tables")?;
        rows.extend(agg);
    }
    timings.insert("total".into(), started.elapsed().as_secs_f64());
    let mut manifest = manifest_at(timings, rows, rejects);
    replace_manifest(opts, &manifest)?;
    // no new article: the tables, hence the report, are unchanged
    if n_articles > 0 || !opts.out.join("report.html").exists() {
        write_report(opts, &mut manifest, None);
    }
    Ok(manifest)
}

/// Files above this size are streamed record by record on their own;
/// smaller ones are read whole, many at a time in parallel.
const LARGE_FILE_BYTES: u64 = 8 * 1024 * 1024;
/// A group of small files read together holds at most this many bytes.
const GROUP_BYTES: u64 = 64 * 1024 * 1024;

/// A unit of reading work.
enum Unit {
    /// Small files read in parallel, whole.
    Small(Vec<InputFile>),
    /// One large file streamed in batches.
    Large(InputFile),
}

/// Groups files in input order: small files by `batch_size` and
/// [`GROUP_BYTES`], large files alone.
fn plan_units(files: Vec<InputFile>, batch_size: usize) -> Vec<Unit> {
    let mut units = Vec::new();
    let mut group: Vec<InputFile> = Vec::new();
    let mut group_bytes = 0u64;
    for f in files {
        let size = std::fs::metadata(&f.path).map(|m| m.len()).unwrap_or(0);
        if size > LARGE_FILE_BYTES {
            if !group.is_empty() {
                units.push(Unit::Small(std::mem::take(&mut group)));
                group_bytes = 0;
            }
            units.push(Unit::Large(f));
            continue;
        }
        if group.len() >= batch_size || group_bytes + size > GROUP_BYTES {
            units.push(Unit::Small(std::mem::take(&mut group)));
            group_bytes = 0;
        }
        group.push(f);
        group_bytes += size;
    }
    if !group.is_empty() {
        units.push(Unit::Small(group));
    }
    units
}

/// The per-batch steps after reading: prepare, corpus-level dedup and
/// sharding (in input order), extraction, hand-off to the writer thread.
struct Flow<'a> {
    opts: &'a RunOptions,
    pool: &'a rayon::ThreadPool,
    /// The text preparer and the stages (`None` only when there is no file
    /// to read, so [`Flow::process`] is never called).
    preparer: Option<&'a Preparer>,
    pipeline: Option<&'a Pipeline>,
    state: &'a state::OutputState,
    tx: std::sync::mpsc::SyncSender<Vec<Document>>,
    timings: &'a mut BTreeMap<String, f64>,
    rejects: &'a mut Vec<Reject>,
    seen_ids: crate::text::ids::IdIndex,
    near: NearDuplicateIndex,
    n_articles: u64,
    skipped_articles: u64,
    sink_failed: bool,
}

impl Flow<'_> {
    fn process(&mut self, raws: Vec<ingest::RawArticle>) {
        let (Some(preparer), Some(pipeline)) = (self.preparer, self.pipeline) else {
            return; // never happens: both are built whenever there are files
        };
        let pool = self.pool;
        // fingerprints are computed in parallel; only the index lookup is serial
        let prepared = timed(self.timings, "prepare", || {
            pool.install(|| {
                raws.into_par_iter()
                    .map(|r| {
                        preparer.prepare(r).map(|d| {
                            let h = simhash(&d.text);
                            (d, h)
                        })
                    })
                    .collect::<Vec<_>>()
            })
        });
        let mut docs: Vec<Document> = Vec::with_capacity(prepared.len());
        let t = Instant::now();
        for p in prepared {
            match p {
                Err(r) => self.rejects.push(r),
                Ok((mut doc, fingerprint)) => {
                    if self.opts.incremental && self.state.article_ids.contains(&doc.id) {
                        self.skipped_articles += 1;
                        continue;
                    }
                    if !self.seen_ids.insert(&doc.id).1 {
                        doc.id = article_id(&format!("{}\u{0}{}", doc.text, doc.source));
                        self.seen_ids.insert(&doc.id);
                    }
                    if self.opts.shard.is_some_and(|s| !s.owns(&doc.id)) {
                        continue;
                    }
                    doc.duplicate_of = self.near.check_and_insert(fingerprint, &doc.id);
                    docs.push(doc);
                }
            }
        }
        *self.timings.entry("dedup".into()).or_default() += t.elapsed().as_secs_f64();
        timed(self.timings, "extract", || {
            pool.install(|| docs.par_iter_mut().for_each(|d| pipeline.process(d)))
        });
        self.n_articles += docs.len() as u64;
        let tx = &self.tx;
        if timed(self.timings, "wait_writer", || tx.send(docs)).is_err() {
            self.sink_failed = true; // the sink's error is reported when it is joined
        }
    }
}

/// Rewrites `OUT/manifest.json` in place (temporary file, then rename).
fn replace_manifest(opts: &RunOptions, manifest: &Manifest) -> Result<()> {
    let tmp = opts.out.join(".manifest.json.tmp");
    write_json(&tmp, manifest)?;
    std::fs::rename(&tmp, opts.out.join("manifest.json")).context("writing manifest.json")
}

/// Writes `OUT/report.html` from the committed tables. The tables are the
/// run's product and are already in place: a report failure is a warning on
/// stderr, recorded in the manifest, never a failed run. `known`: the
/// report's figures the run computed already.
fn write_report(
    opts: &RunOptions,
    manifest: &mut Manifest,
    known: Option<crate::report::data::Known>,
) {
    let Err(e) = crate::report::write_report_with(&opts.out, known) else {
        return;
    };
    let warning = format!("report.html was not written: {e:#}");
    eprintln!("gazette: warning: {warning}");
    manifest.warnings.push(warning);
    if let Err(e) = replace_manifest(opts, manifest) {
        eprintln!("gazette: warning: cannot record the warning in manifest.json: {e:#}");
    }
}

fn write_json(path: &std::path::Path, manifest: &Manifest) -> Result<()> {
    let json = serde_json::to_string_pretty(manifest)?;
    std::fs::write(path, json + "\n").with_context(|| format!("writing {}", path.display()))
}

fn sorted(mut rejects: Vec<Reject>) -> Vec<Reject> {
    rejects.sort_by(|a, b| (&a.source, &a.stage, &a.reason).cmp(&(&b.source, &b.stage, &b.reason)));
    rejects
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_files_are_streamed_alone_and_small_ones_grouped() {
        let dir = tempfile::tempdir().unwrap();
        let mut files = Vec::new();
        for (name, size) in [
            ("a.txt", 10),
            ("b.txt", 10),
            ("c.jsonl", LARGE_FILE_BYTES + 1),
            ("d.txt", 10),
            ("e.txt", 10),
            ("f.txt", 10),
        ] {
            let path = dir.path().join(name);
            std::fs::File::create(&path).unwrap().set_len(size).unwrap();
            files.push(InputFile {
                rel: name.into(),
                path,
            });
        }
        let names = |u: &Unit| match u {
            Unit::Small(g) => g
                .iter()
                .map(|f| f.rel.as_str())
                .collect::<Vec<_>>()
                .join(","),
            Unit::Large(f) => format!("[{}]", f.rel),
        };
        let units: Vec<String> = plan_units(files, 2).iter().map(names).collect();
        assert_eq!(
            units,
            vec!["a.txt,b.txt", "[c.jsonl]", "d.txt,e.txt", "f.txt"]
        );
    }

    #[test]
    fn shard_parsing_and_ownership() {
        assert_eq!(Shard::parse("1/2"), Ok(Shard { index: 0, count: 2 }));
        assert!(Shard::parse("0/2").is_err());
        assert!(Shard::parse("3/2").is_err());
        assert!(Shard::parse("x").is_err());
        let shards = [Shard::parse("1/2").unwrap(), Shard::parse("2/2").unwrap()];
        for id in ["9699a7f0629e5d52", "0000000000000001", "ffffffffffffffff"] {
            assert_eq!(shards.iter().filter(|s| s.owns(id)).count(), 1, "{id}");
        }
    }
}
