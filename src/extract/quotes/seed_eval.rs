//! Scores the quotes stage alone on gold files, with the gold actors given
//! as mentions (an oracle actors stage), so quote and speaker errors are the
//! stage's own. Ignored by default; run with
//! `GAZETTE_GOLD=/path/to/gold cargo test --lib quotes::seed_eval -- --ignored --nocapture`
//! (articles are read from `seeds/`, gold files are named after them).
//! Matching follows the gold guideline: same article, folded word overlap of
//! at least half of the shorter span; extractions overlapping an
//! `ignore_quotes` span count neither way.

use std::collections::HashSet;
use std::path::Path;

use crate::document::{ActorKind, QuoteKind};
use crate::ingest::{InputFile, Limits, read_file};
use crate::pipeline::Stage;
use crate::text::fold::fold;

use super::testkit::{preparer_for_eval, stage, with_actors};

fn words(s: &str) -> Vec<String> {
    fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn overlaps(a: &str, b: &str) -> bool {
    let (wa, wb) = (words(a), words(b));
    let shorter = wa.len().min(wb.len());
    if shorter == 0 {
        return false;
    }
    let set: HashSet<&String> = wb.iter().collect();
    let shared = wa.iter().filter(|w| set.contains(w)).count().min(shorter);
    2 * shared >= shorter
}

#[derive(Default)]
struct Score {
    gold: usize,
    found: usize,
    extracted: usize,
    correct: usize,
    speaker_total: usize,
    speaker_ok: usize,
}

impl Score {
    fn line(&self, what: &str) -> String {
        let p = self.correct as f64 / self.extracted.max(1) as f64;
        let r = self.found as f64 / self.gold.max(1) as f64;
        let s = self.speaker_ok as f64 / self.speaker_total.max(1) as f64;
        format!(
            "{what}: precision {p:.3} ({}/{}), recall {r:.3} ({}/{}), speaker accuracy {s:.3} ({}/{})",
            self.correct,
            self.extracted,
            self.found,
            self.gold,
            self.speaker_ok,
            self.speaker_total
        )
    }
}

#[test]
#[ignore = "needs GAZETTE_GOLD pointing at gold JSON files"]
fn score_on_gold_with_oracle_actors() {
    let Ok(gold_dir) = std::env::var("GAZETTE_GOLD") else {
        eprintln!("GAZETTE_GOLD not set: nothing scored");
        return;
    };
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut scores = [Score::default(), Score::default()]; // [direct+partial, indirect]
    let mut files: Vec<_> = std::fs::read_dir(&seeds).unwrap().flatten().collect();
    files.sort_by_key(|e| e.path());
    for entry in files {
        let path = entry.path();
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        let gold_path = Path::new(&gold_dir).join(format!("{stem}.json"));
        let Ok(gold_text) = std::fs::read_to_string(&gold_path) else {
            continue;
        };
        let gold: serde_json::Value = serde_json::from_str(&gold_text).unwrap();
        let input = InputFile {
            rel: stem.clone(),
            path: path.clone(),
        };
        let limits = Limits {
            max_article_bytes: 1 << 24,
        };
        let raw = read_file(&input, limits).articles.remove(0);
        let doc = preparer_for_eval().prepare(raw).unwrap();
        let actors: Vec<(String, ActorKind, Vec<String>)> = gold["actors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| {
                let aliases = a["aliases"].as_array().map_or(Vec::new(), |v| {
                    v.iter()
                        .filter_map(|x| x.as_str().map(str::to_string))
                        .collect()
                });
                let kind = ActorKind::parse(a["kind"].as_str().unwrap()).unwrap();
                (a["name"].as_str().unwrap().to_string(), kind, aliases)
            })
            .collect();
        let alias_refs: Vec<Vec<&str>> = actors
            .iter()
            .map(|(_, _, al)| al.iter().map(String::as_str).collect())
            .collect();
        let specs: Vec<super::testkit::ActorSpec<'_>> = actors
            .iter()
            .zip(&alias_refs)
            .map(|((n, k, _), al)| (n.as_str(), *k, al.as_slice(), None))
            .collect();
        let mut doc = with_actors(doc, &specs);
        stage().process(&mut doc);
        let ignore: Vec<&str> = gold["ignore_quotes"].as_array().map_or(Vec::new(), |v| {
            v.iter().filter_map(|x| x.as_str()).collect()
        });
        let gq = gold["quotes"].as_array().unwrap();
        for (class, score) in scores.iter_mut().enumerate() {
            let is_class = |k: &str| (k == "indirect") == (class == 1);
            let golds: Vec<&serde_json::Value> = gq
                .iter()
                .filter(|q| is_class(q["kind"].as_str().unwrap()))
                .collect();
            let ours: Vec<_> = doc
                .quotes
                .iter()
                .filter(|q| (q.kind == QuoteKind::Indirect) == (class == 1))
                .collect();
            let mut used = vec![false; ours.len()];
            score.gold += golds.len();
            for g in &golds {
                let gt = g["text"].as_str().unwrap();
                let hit =
                    (0..ours.len()).find(|&i| !used[i] && overlaps(gt, doc.slice(ours[i].span)));
                let got_speaker = hit
                    .and_then(|i| ours[i].speaker)
                    .map(|s| &doc.actors[s].name);
                if let Some(i) = hit {
                    used[i] = true;
                    score.found += 1;
                    if let Some(gs) = g["speaker"].as_str() {
                        score.speaker_total += 1;
                        if got_speaker.is_some_and(|n| n == gs) {
                            score.speaker_ok += 1;
                        }
                    }
                }
                eprintln!(
                    "{stem} gold {:<8} {} | speaker {:?} got {:?}",
                    g["kind"].as_str().unwrap(),
                    if hit.is_some() { "FOUND " } else { "MISSED" },
                    g["speaker"].as_str(),
                    got_speaker
                );
            }
            for (i, q) in ours.iter().enumerate() {
                let text = doc.slice(q.span);
                if ignore.iter().any(|ig| overlaps(ig, text)) {
                    continue;
                }
                score.extracted += 1;
                if used[i] {
                    score.correct += 1;
                } else {
                    eprintln!("{stem} EXTRA {:?} {:?}", q.kind, text);
                }
            }
        }
    }
    eprintln!("{}", scores[0].line("direct+partial"));
    eprintln!("{}", scores[1].line("indirect"));
}

#[test]
#[ignore = "timing, run with --ignored --nocapture"]
fn throughput_on_seed_texts() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut docs = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(&seeds).unwrap().flatten().collect();
    files.sort_by_key(|e| e.path());
    for entry in files {
        let input = InputFile {
            rel: entry.file_name().to_string_lossy().to_string(),
            path: entry.path(),
        };
        let limits = Limits {
            max_article_bytes: 1 << 24,
        };
        let raw = read_file(&input, limits).articles.remove(0);
        let doc = preparer_for_eval().prepare(raw).unwrap();
        let actors: &[super::testkit::ActorSpec<'_>] = &[
            ("Russie", ActorKind::Country, &["Russie", "Moscou"], None),
            ("Mali", ActorKind::Country, &[], None),
            (
                "Lavrov",
                ActorKind::Person,
                &["Lavrov", "Sergueï Lavrov"],
                None,
            ),
        ];
        docs.push(with_actors(doc, actors));
    }
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let rounds = 200;
    let start = std::time::Instant::now();
    let mut quotes = 0;
    for _ in 0..rounds {
        for d in &docs {
            let mut d = d.clone();
            stage().process(&mut d);
            quotes += d.quotes.len();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    eprintln!(
        "quotes stage: {:.1} MB/s ({} bytes x {rounds} in {secs:.2} s, {quotes} quotes; clone included)",
        (bytes * rounds) as f64 / secs / 1e6,
        bytes
    );
}
