//! `gazette synth`: a deterministic generator of realistic French/English
//! news corpora, for benchmarks and robustness tests.
//!
//! Articles are recombined from sentence templates and fillers kept as data
//! in `pipelines/synth/` (visits, meetings, aid, arms deliveries, attacks,
//! withdrawals, sanctions, coups, agreements, statements; direct and
//! indirect speech; dates of every kind), with known and invented people,
//! countries, towns and organisations (plus the gazetteer's people when
//! `pipelines/gazetteer/` exists).
//!
//! Layout: the corpus is cut into blocks of [`BLOCK`] articles, each
//! published in one month and written under `OUT/YYYY-MM/` as individual
//! `.txt`/`.html` files or as one `.jsonl`/`.csv` file (some gzipped). Some
//! articles are near-duplicates of an earlier one of their block, a few
//! repeat paragraphs, and `--hostile K` adds K bad files under `OUT/hostile/`.
//! Every block and article draws from its own generator seeded from the
//! corpus seed and its number, so the output does not depend on threads.
//! The corpus is written to a sibling temporary folder, then renamed.

mod article;
mod data;
mod formats;
mod gazetteer;
mod hostile;
mod template;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use chrono::{Datelike, NaiveDate};
use fastrand::Rng;
use rayon::prelude::*;
use serde::Serialize;

pub use article::{Article, generate as generate_article};
pub use data::{Data, LANGS, load};

/// Articles per block (one month, one folder, one feed file).
pub const BLOCK: usize = 50;

/// What to generate.
#[derive(Debug, Clone)]
pub struct Options {
    /// Number of articles.
    pub articles: usize,
    /// Seed: the same seed and options give the same corpus.
    pub seed: u64,
    /// Output folder (must not exist unless `force`).
    pub out: PathBuf,
    /// Share of French articles (the rest are English).
    pub lang_mix: f64,
    /// Number of hostile files.
    pub hostile: usize,
    /// The generator's data folder (pipelines/synth).
    pub data_dir: PathBuf,
    /// The gazetteer folder, used when it exists.
    pub gazetteer: Option<PathBuf>,
    /// Replace an existing output folder.
    pub force: bool,
}

/// What was generated; also written to `OUT/.synth.json`.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Summary {
    /// Seed used.
    pub seed: u64,
    /// Articles written (near-duplicates included, hostile files excluded).
    pub articles: usize,
    /// Files written (hostile included).
    pub files: usize,
    /// Bytes written (hostile included).
    pub bytes: u64,
    /// Articles per container: txt, html, jsonl, jsonl.gz, csv, csv.gz.
    pub by_format: BTreeMap<String, usize>,
    /// Articles per language.
    pub by_lang: BTreeMap<String, usize>,
    /// Near-duplicate articles.
    pub near_duplicates: usize,
    /// Articles with repeated paragraphs.
    pub repeated_paragraphs: usize,
    /// Hostile files.
    pub hostile: usize,
    /// Body words of all articles.
    pub words: u64,
    /// Wall time of the generation, in seconds (not part of the corpus
    /// identity: everything else is deterministic).
    pub seconds: f64,
}

impl Summary {
    fn add(&mut self, o: Summary) {
        self.articles += o.articles;
        self.files += o.files;
        self.bytes += o.bytes;
        for (k, v) in o.by_format {
            *self.by_format.entry(k).or_default() += v;
        }
        for (k, v) in o.by_lang {
            *self.by_lang.entry(k).or_default() += v;
        }
        self.near_duplicates += o.near_duplicates;
        self.repeated_paragraphs += o.repeated_paragraphs;
        self.hostile += o.hostile;
        self.words += o.words;
    }
}

/// SplitMix64 finaliser: spreads (seed, number, stream) over 64 bits.
pub fn mix(seed: u64, n: u64, stream: u64) -> u64 {
    let mut z = seed
        .wrapping_add(n.wrapping_mul(0x9E37_79B9_7F4A_7C15))
        .wrapping_add(stream.wrapping_mul(0xD1B5_4A32_D192_ED03));
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Generates the corpus described by `opts`.
pub fn generate(opts: &Options) -> Result<Summary> {
    let start = Instant::now();
    if !(0.0..=1.0).contains(&opts.lang_mix) {
        bail!("--lang-mix must be between 0 and 1, not {}", opts.lang_mix);
    }
    if opts.out.exists() && !opts.force {
        bail!(
            "'{}' already exists (choose another folder or pass --force to replace it)",
            opts.out.display()
        );
    }
    let data = data::load(&opts.data_dir, opts.gazetteer.as_deref())
        .with_context(|| format!("loading generator data from {}", opts.data_dir.display()))?;
    let tmp = partial_path(&opts.out);
    if tmp.exists() {
        std::fs::remove_dir_all(&tmp)?;
    }
    std::fs::create_dir_all(&tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
    let blocks = opts.articles.div_ceil(BLOCK);
    let parts: Vec<Result<(Summary, String)>> = (0..blocks)
        .into_par_iter()
        .map(|b| write_block(&data, opts, b, &tmp))
        .collect();
    let mut total = Summary {
        seed: opts.seed,
        ..Default::default()
    };
    let mut index = String::from(INDEX_HEADER);
    for p in parts {
        let (s, lines) = p?;
        total.add(s);
        index.push_str(&lines);
    }
    std::fs::write(tmp.join(".synth-index.tsv"), index)?;
    if opts.hostile > 0 {
        let dir = tmp.join("hostile");
        std::fs::create_dir_all(&dir)?;
        let mut rng = Rng::with_seed(mix(opts.seed, 0, 0x4057));
        let sample = article::generate(&data, rng.u64(..), 0, month_start(0));
        let text = sample.paragraphs.join("\n\n");
        for k in 0..opts.hostile {
            total.bytes += hostile::write(&dir, k, &text, &mut rng)?;
            total.files += 1;
            total.hostile += 1;
        }
    }
    total.seconds = start.elapsed().as_secs_f64();
    let json = serde_json::to_string_pretty(&total)?;
    std::fs::write(tmp.join(".synth.json"), json + "\n")?;
    if opts.out.exists() {
        std::fs::remove_dir_all(&opts.out)
            .with_context(|| format!("cannot replace {}", opts.out.display()))?;
    }
    std::fs::rename(&tmp, &opts.out)
        .with_context(|| format!("cannot rename {} to {}", tmp.display(), opts.out.display()))?;
    Ok(total)
}

fn partial_path(out: &Path) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "corpus".into());
    out.with_file_name(format!(".{name}.partial"))
}

/// Publication months run from January 2019 over seven years.
const MONTHS: u32 = 84;

fn month_start(m: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2019 + (m / 12) as i32, m % 12 + 1, 1).unwrap_or_default()
}

/// The choices of article `i` that its near-duplicates must reproduce.
struct Params {
    lang: usize,
    published: NaiveDate,
    seed: u64,
    rng: Rng,
}

fn params(opts: &Options, i: usize, month: u32) -> Params {
    let mut rng = Rng::with_seed(mix(opts.seed, i as u64, 0xA127));
    let lang = usize::from(rng.f64() >= opts.lang_mix);
    let first = month_start(month);
    let days = first
        .checked_add_months(chrono::Months::new(1))
        .map_or(28, |n| (n - first).num_days() as u32);
    let published = first.with_day(rng.u32(1..=days)).unwrap_or(first);
    let seed = rng.u64(..);
    Params {
        lang,
        published,
        seed,
        rng,
    }
}

/// One article of a block, ready to be written.
struct Item {
    article: Article,
    meta: formats::Meta,
    /// The article's own generator, for its format choices.
    rng: Rng,
    /// The article it nearly duplicates.
    duplicate_of: Option<usize>,
}

/// The block's articles.
fn block_articles(data: &Data, opts: &Options, b: usize, month: u32) -> (Vec<Item>, Summary) {
    let mut stats = Summary::default();
    let lo = b * BLOCK;
    let hi = (lo + BLOCK).min(opts.articles);
    let mut out = Vec::with_capacity(hi - lo);
    for i in lo..hi {
        let mut p = params(opts, i, month);
        let dup = i > lo && p.rng.f64() < 0.03;
        let mut duplicate_of = None;
        let mut a = if dup {
            let j = lo + p.rng.usize(..i - lo);
            duplicate_of = Some(j);
            let q = params(opts, j, month);
            let mut a = article::generate(data, q.seed, q.lang, q.published);
            // Near-duplicate: a republication with one paragraph added
            // and maybe one dropped.
            if a.paragraphs.len() > 3 && p.rng.bool() {
                let k = p.rng.usize(1..a.paragraphs.len());
                a.paragraphs.remove(k);
            }
            let other = article::generate(data, p.rng.u64(..), a.lang, a.published);
            let extra = other.paragraphs[other.paragraphs.len() - 1].clone();
            let at = p.rng.usize(1..=a.paragraphs.len());
            a.paragraphs.insert(at, extra);
            stats.near_duplicates += 1;
            a
        } else {
            article::generate(data, p.seed, p.lang, p.published)
        };
        if !dup && a.paragraphs.len() > 3 && p.rng.f64() < 0.02 {
            // Repeated paragraphs, as a bad CMS export produces them.
            let k = p.rng.usize(1..=a.paragraphs.len().min(5) - 1);
            let copy: Vec<String> = a.paragraphs[1..=k].to_vec();
            a.paragraphs.extend(copy);
            stats.repeated_paragraphs += 1;
        }
        *stats.by_lang.entry(LANGS[a.lang].to_string()).or_default() += 1;
        stats.words += a.words() as u64;
        let meta = formats::Meta {
            index: i,
            id: format!("synth-{}-{i:07}", opts.seed),
            url: formats::url(&a, i),
        };
        out.push(Item {
            article: a,
            meta,
            rng: p.rng,
            duplicate_of,
        });
    }
    stats.articles = out.len();
    (out, stats)
}

/// Index line of one article: file, record, id, lang, published, duplicate_of, words.
fn index_line(file: &str, record: Option<usize>, it: &Item) -> String {
    format!(
        "{file}\t{}\t{}\t{}\t{}\t{}\t{}\n",
        record.map(|r| r.to_string()).unwrap_or_default(),
        it.meta.id,
        LANGS[it.article.lang],
        it.article.published,
        it.duplicate_of.map(|j| j.to_string()).unwrap_or_default(),
        it.article.words()
    )
}

/// Header of `OUT/.synth-index.tsv`, the ground truth of every article.
pub const INDEX_HEADER: &str = "file\trecord\tid\tlang\tpublished\tduplicate_of\twords\n";

fn write_block(data: &Data, opts: &Options, b: usize, root: &Path) -> Result<(Summary, String)> {
    let mut rng = Rng::with_seed(mix(opts.seed, b as u64, 0xB10C));
    let month = rng.u32(0..MONTHS);
    let kind = rng.f64();
    let gz = rng.f64() < 0.25;
    let keys = formats::JsonKeys::draw(&mut rng);
    let (items, mut stats) = block_articles(data, opts, b, month);
    let start = month_start(month);
    let folder = format!("{:04}-{:02}", start.year(), start.month());
    let dir = root.join(&folder);
    std::fs::create_dir_all(&dir)?;
    let mut index = String::new();
    let mut put = |name: &str, bytes: &[u8], format: &str, n: usize| -> Result<()> {
        std::fs::write(dir.join(name), bytes).with_context(|| format!("cannot write {name}"))?;
        stats.files += 1;
        stats.bytes += bytes.len() as u64;
        *stats.by_format.entry(format.to_string()).or_default() += n;
        Ok(())
    };
    if kind < 0.78 {
        for mut it in items {
            let stem = format!(
                "{:07}_{:016x}",
                it.meta.index,
                mix(opts.seed, it.meta.index as u64, 0xF11E)
            );
            let (name, text, format) = if it.rng.f64() < 0.15 {
                let t = formats::html(&it.article, &it.meta, data, &mut it.rng);
                (format!("{stem}.html"), t, "html")
            } else {
                let t = formats::txt(&it.article, &it.meta, &mut it.rng);
                (format!("{stem}.txt"), t, "txt")
            };
            put(&name, text.as_bytes(), format, 1)?;
            index.push_str(&index_line(&format!("{folder}/{name}"), None, &it));
        }
    } else if kind < 0.9 {
        let n = items.len();
        let name = if gz {
            format!("feed-{b:05}.jsonl.gz")
        } else {
            format!("feed-{b:05}.jsonl")
        };
        let mut text = String::new();
        for (k, mut it) in items.into_iter().enumerate() {
            text.push_str(&formats::jsonl_record(
                &it.article,
                &it.meta,
                keys,
                &mut it.rng,
            ));
            text.push('\n');
            index.push_str(&index_line(&format!("{folder}/{name}"), Some(k + 1), &it));
        }
        if gz {
            put(&name, &formats::gzip(text.as_bytes())?, "jsonl.gz", n)?;
        } else {
            put(&name, text.as_bytes(), "jsonl", n)?;
        }
    } else {
        let gz = gz && b.is_multiple_of(2);
        let name = if gz {
            format!("export-{b:05}.csv.gz")
        } else {
            format!("export-{b:05}.csv")
        };
        for (k, it) in items.iter().enumerate() {
            index.push_str(&index_line(&format!("{folder}/{name}"), Some(k + 1), it));
        }
        let bytes = formats::csv(&items);
        if gz {
            put(&name, &formats::gzip(&bytes)?, "csv.gz", items.len())?;
        } else {
            put(&name, &bytes, "csv", items.len())?;
        }
    }
    Ok((stats, index))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::path::{Path, PathBuf};

    use super::*;
    use crate::ingest::{Limits, discover, read_file};

    fn options(out: PathBuf, articles: usize, hostile: usize) -> Options {
        Options {
            articles,
            seed: 11,
            out,
            lang_mix: 0.7,
            hostile,
            data_dir: PathBuf::from("pipelines/synth"),
            gazetteer: None,
            force: false,
        }
    }

    /// Every file of a folder (hidden ones included) with its bytes.
    fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
        let mut out = BTreeMap::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.file_name().unwrap() != ".synth.json" {
                    let rel = p.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                    out.insert(rel, std::fs::read(&p).unwrap());
                }
            }
        }
        out
    }

    fn in_pool<T: Send>(threads: usize, f: impl FnOnce() -> T + Send) -> T {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(f)
    }

    #[test]
    fn corpus_is_the_same_whatever_the_thread_count() {
        let tmp = tempfile::tempdir().unwrap();
        let a = tmp.path().join("a");
        let b = tmp.path().join("b");
        let sa = in_pool(1, || generate(&options(a.clone(), 260, 3))).unwrap();
        let sb = in_pool(3, || generate(&options(b.clone(), 260, 3))).unwrap();
        assert_eq!(snapshot(&a), snapshot(&b));
        assert_eq!(
            (sa.articles, sa.files, sa.bytes),
            (sb.articles, sb.files, sb.bytes)
        );
        assert!(!tmp.path().join(".a.partial").exists());
    }

    #[test]
    fn corpus_has_every_format_duplicates_and_an_index() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("c");
        let s = generate(&options(out.clone(), 1500, 8)).unwrap();
        assert_eq!(s.articles, 1500);
        assert_eq!(s.hostile, 8);
        assert_eq!(s.by_format.values().sum::<usize>(), 1500);
        for f in ["txt", "html", "jsonl", "csv"] {
            assert!(
                s.by_format.get(f).copied().unwrap_or(0) > 0,
                "no {f}: {s:?}"
            );
        }
        assert!(s.near_duplicates > 10, "{s:?}");
        assert!(s.by_lang["fr"] > s.by_lang["en"], "{s:?}");
        let index = std::fs::read_to_string(out.join(".synth-index.tsv")).unwrap();
        assert_eq!(index.lines().count(), 1501);
        assert_eq!(std::fs::read_dir(out.join("hostile")).unwrap().count(), 8);
        // Generating again into an existing folder needs --force.
        assert!(generate(&options(out, 10, 0)).is_err());
    }

    #[test]
    fn gazette_reads_every_generated_file_back() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("c");
        generate(&options(out.clone(), 1500, 0)).unwrap();
        // file -> (published dates of its articles, in order)
        let index = std::fs::read_to_string(out.join(".synth-index.tsv")).unwrap();
        let mut expected: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for l in index.lines().skip(1) {
            let f: Vec<&str> = l.split('\t').collect();
            expected.entry(f[0]).or_default().push(f[4]);
        }
        let (files, rejects) = discover(std::slice::from_ref(&out));
        assert!(rejects.is_empty(), "{rejects:?}");
        assert_eq!(files.len(), expected.len());
        let mut dated = 0;
        for f in &files {
            let o = read_file(f, Limits::default());
            assert!(o.rejects.is_empty(), "{}: {:?}", f.rel, o.rejects);
            let want = &expected[f.rel.as_str()];
            assert_eq!(o.articles.len(), want.len(), "{}", f.rel);
            for (a, day) in o.articles.iter().zip(want) {
                assert!(a.text.len() > 1000, "{}: {}", f.rel, a.source);
                // A month-precision header gives the first of the month.
                if let Some(p) = &a.published {
                    let got = p.date.to_string();
                    assert!(
                        got == *day || got == format!("{}-01", &day[..7]),
                        "{}: {got} {day}",
                        f.rel
                    );
                    dated += 1;
                }
            }
        }
        assert!(dated > 1000, "{dated}");
    }

    #[test]
    fn csv_fields_are_quoted() {
        // (field, last in its row, written as)
        let cases = [
            ("plain", false, "\"plain\","),
            (
                "a \"quote\", a comma",
                false,
                "\"a \"\"quote\"\", a comma\",",
            ),
            ("two\nlines", true, "\"two\nlines\"\r\n"),
        ];
        for (field, last, want) in cases {
            let mut out = String::new();
            formats::csv_field(&mut out, field, last);
            assert_eq!(out, want, "{field:?}");
        }
    }

    #[test]
    fn mix_spreads_neighbouring_inputs() {
        let cases = [(1, 0, 0), (1, 1, 0), (2, 0, 0), (1, 0, 1)];
        let values: Vec<u64> = cases.iter().map(|&(s, n, k)| mix(s, n, k)).collect();
        for (i, a) in values.iter().enumerate() {
            for b in &values[i + 1..] {
                assert_ne!(a, b);
                assert!((a ^ b).count_ones() > 16, "{a:x} {b:x}");
            }
        }
    }
}
