//! Ingestion throughput on a generated corpus (about 200 MB: half JSON
//! Lines, half text files). Ignored by default; run it with
//! `cargo test --lib ingest::throughput -- --ignored --nocapture`
//! (add `--release` for release numbers) and read the MB/s it prints.

use std::io::{BufWriter, Write};
use std::time::Instant;

use super::{InputFile, Limits, discover, read_file};

const WORDS: &[&str] = &[
    "le",
    "gouvernement",
    "a",
    "annoncé",
    "lundi",
    "que",
    "la",
    "délégation",
    "russe",
    "arrivera",
    "à",
    "Bamako",
    "the",
    "minister",
    "said",
    "talks",
    "would",
    "resume",
    "in",
    "Geneva",
    "« nous",
    "resterons »",
    "déclaré",
    "président",
    "Sahel",
    "sécurité",
    "accord",
];

/// Pseudo-random paragraphs (a fixed LCG: the corpus is the same every run).
fn article(seed: &mut u64, bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + 64);
    while s.len() < bytes {
        *seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        s.push_str(WORDS[(*seed >> 33) as usize % WORDS.len()]);
        s.push(if (*seed >> 20).is_multiple_of(17) {
            '\n'
        } else {
            ' '
        });
    }
    s
}

fn mb_per_s(bytes: u64, secs: f64) -> f64 {
    bytes as f64 / 1e6 / secs
}

#[test]
#[ignore = "generates ~200 MB; run by hand to measure"]
fn ingestion_throughput() {
    let dir = tempfile::tempdir().unwrap();
    let mut seed = 42u64;
    // ~100 MB of JSON Lines in 4 files of ~25 MB (records of ~3 KB).
    for f in 0..4 {
        let file = std::fs::File::create(dir.path().join(format!("part{f}.jsonl"))).unwrap();
        let mut w = BufWriter::new(file);
        for i in 0..8_000 {
            let rec = serde_json::json!({
                "id": format!("{f}-{i}"), "title": "Titre", "date": "2024-11-28T10:00:00Z",
                "text": article(&mut seed, 3_000),
            });
            writeln!(w, "{rec}").unwrap();
        }
    }
    // ~100 MB of text files (5,000 files of ~20 KB with the date header).
    std::fs::create_dir(dir.path().join("txt")).unwrap();
    for i in 0..5_000 {
        let body = format!(" date 2024-11 {}", article(&mut seed, 20_000));
        std::fs::write(dir.path().join(format!("txt/{i:05}.txt")), body).unwrap();
    }
    let (files, _) = discover(&[dir.path().to_path_buf()]);
    let limits = Limits::default();
    let run = |files: &[&InputFile]| {
        let t = Instant::now();
        let (mut bytes, mut articles) = (0u64, 0usize);
        for f in files {
            let o = read_file(f, limits);
            assert!(o.rejects.is_empty(), "{:?}", o.rejects);
            bytes += o.bytes;
            articles += o.articles.len();
        }
        (bytes, articles, t.elapsed().as_secs_f64())
    };
    let (jsonl, txt): (Vec<&InputFile>, Vec<&InputFile>) =
        files.iter().partition(|f| f.rel.ends_with(".jsonl"));
    for (name, set) in [("jsonl", jsonl), ("txt", txt)] {
        let (bytes, articles, secs) = run(&set);
        println!(
            "ingest {name}: {articles} articles, {:.1} MB in {secs:.2} s = {:.1} MB/s (one thread)",
            bytes as f64 / 1e6,
            mb_per_s(bytes, secs)
        );
    }
}
