//! One batch run: inputs → ingest → prepare → extract → resolve → output.
//!
//! Files are read in input order, in batches; each batch is read, prepared
//! and extracted in parallel (rayon), then its corpus-level steps (duplicate
//! detection, the run-wide actor registry) run in input order, and its rows
//! are staged. Order never depends on thread timing, so every thread count
//! writes byte-identical tables.

use std::collections::{BTreeMap, HashSet};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use xxhash_rust::xxh3::Xxh3;

use crate::config::Config;
use crate::document::Document;
use crate::ingest::{self, Limits, Reject};
use crate::output::manifest::Manifest;
use crate::output::rows::BatchTables;
use crate::output::schema::{ACTORS, ARTICLES, DATES, EVENTS, MENTIONS, QUOTES, TABLES};
use crate::output::writer::{Formats, OutputWriter};
use crate::pipeline::Pipeline;
use crate::resolve::ActorRegistry;
use crate::text::dedup::{NearDuplicateIndex, simhash};
use crate::text::{Preparer, article_id};

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
}

/// Adds wall time to a named step.
fn timed<T>(timings: &mut BTreeMap<String, f64>, step: &str, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let r = f();
    *timings.entry(step.to_string()).or_default() += t.elapsed().as_secs_f64();
    r
}

/// Runs the pipeline and writes the output folder; returns the manifest.
///
/// Errors only for problems with the run itself (configuration, output
/// folder); bad inputs become rejects in the manifest.
pub fn run(opts: &RunOptions) -> Result<Manifest> {
    let started = Instant::now();
    let cfg = &opts.config;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads)
        .build()
        .context("cannot start worker threads")?;
    let threads = pool.current_num_threads();
    let mut timings = BTreeMap::new();

    let preparer = Preparer::build(cfg).context("loading [prepare] data files")?;
    let pipeline =
        timed(&mut timings, "build", || Pipeline::build(cfg)).context("building the pipeline")?;
    let formats = Formats {
        parquet: cfg.output.formats.iter().any(|f| f == "parquet"),
        csv: cfg.output.formats.iter().any(|f| f == "csv"),
    };
    let mut writer = OutputWriter::create(&opts.out, formats)?;

    let (files, mut rejects) = timed(&mut timings, "discover", || ingest::discover(&opts.inputs));
    let limits = Limits {
        max_article_bytes: cfg.prepare.max_article_bytes,
    };
    let progress = if opts.quiet || !std::io::stderr().is_terminal() {
        ProgressBar::with_draw_target(Some(files.len() as u64), ProgressDrawTarget::hidden())
    } else {
        let bar = ProgressBar::new(files.len() as u64);
        if let Ok(style) = ProgressStyle::with_template(
            "{spinner} {pos}/{len} files {wide_bar} {elapsed} (eta {eta})",
        ) {
            bar.set_style(style);
        }
        bar
    };

    let mut fingerprint = Xxh3::new();
    let mut seen_ids: HashSet<String> = HashSet::new();
    let mut near = NearDuplicateIndex::new(cfg.prepare.near_duplicate_bits);
    let mut registry = ActorRegistry::new();
    let (mut n_bytes, mut n_articles) = (0u64, 0u64);

    for chunk in files.chunks(cfg.pipeline.batch_size) {
        let outcomes = timed(&mut timings, "ingest", || {
            pool.install(|| {
                chunk
                    .par_iter()
                    .map(|f| ingest::read_file(f, limits))
                    .collect::<Vec<_>>()
            })
        });
        let mut raws = Vec::new();
        for (file, o) in chunk.iter().zip(outcomes) {
            fingerprint.update(file.rel.as_bytes());
            fingerprint.update(&o.bytes.to_le_bytes());
            fingerprint.update(&o.digest.to_le_bytes());
            n_bytes += o.bytes;
            rejects.extend(o.rejects);
            raws.extend(o.articles);
        }
        let prepared = timed(&mut timings, "prepare", || {
            pool.install(|| {
                raws.into_par_iter()
                    .map(|r| preparer.prepare(r))
                    .collect::<Vec<_>>()
            })
        });
        let mut docs: Vec<Document> = Vec::with_capacity(prepared.len());
        timed(&mut timings, "dedup", || {
            for p in prepared {
                match p {
                    Err(r) => rejects.push(r),
                    Ok(mut doc) => {
                        if !seen_ids.insert(doc.id.clone()) {
                            doc.id = article_id(&format!("{}\u{0}{}", doc.text, doc.source));
                            seen_ids.insert(doc.id.clone());
                        }
                        doc.duplicate_of = near.check_and_insert(simhash(&doc.text), &doc.id);
                        docs.push(doc);
                    }
                }
            }
        });
        timed(&mut timings, "extract", || {
            pool.install(|| docs.par_iter_mut().for_each(|d| pipeline.process(d)))
        });
        let mut tables = BatchTables::default();
        timed(&mut timings, "resolve", || {
            for d in &docs {
                registry.add_document(d);
            }
        });
        timed(&mut timings, "write", || -> Result<()> {
            for d in &docs {
                tables.add(d);
            }
            writer.write_batch(&ARTICLES, tables.articles.take_frame()?)?;
            writer.write_batch(&MENTIONS, tables.mentions.take_frame()?)?;
            writer.write_batch(&QUOTES, tables.quotes.take_frame()?)?;
            writer.write_batch(&DATES, tables.dates.take_frame()?)?;
            writer.write_batch(&EVENTS, tables.events.take_frame()?)?;
            Ok(())
        })?;
        n_articles += docs.len() as u64;
        progress.inc(chunk.len() as u64);
    }
    progress.finish_and_clear();

    timed(&mut timings, "write", || -> Result<()> {
        writer.write_batch(&ACTORS, registry.to_table().take_frame()?)?;
        writer.build_tables(&TABLES)
    })?;
    for (stage, secs) in pipeline.stage_seconds() {
        timings.insert(format!("stage.{stage}"), secs);
    }
    timings.insert("total".into(), started.elapsed().as_secs_f64());

    let manifest = Manifest {
        version: env!("CARGO_PKG_VERSION").to_string(),
        config: cfg.clone(),
        inputs: opts
            .inputs
            .iter()
            .map(|p| p.display().to_string())
            .collect(),
        input_fingerprint: format!("{:032x}", fingerprint.digest128()),
        files: files.len() as u64,
        bytes: n_bytes,
        articles: n_articles,
        rows: writer
            .row_counts()
            .iter()
            .map(|(k, v)| (k.to_string(), *v))
            .collect(),
        timings,
        rejects: sorted(rejects),
        threads,
    };
    let json = serde_json::to_string_pretty(&manifest)?;
    std::fs::write(writer.staging().join("manifest.json"), json + "\n")
        .context("writing manifest.json")?;
    writer.commit()?;
    Ok(manifest)
}

fn sorted(mut rejects: Vec<Reject>) -> Vec<Reject> {
    rejects.sort_by(|a, b| (&a.source, &a.stage, &a.reason).cmp(&(&b.source, &b.stage, &b.reason)));
    rejects
}
