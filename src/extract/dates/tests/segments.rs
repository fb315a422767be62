//! The segment scan ([`super::super::segment`]) must find exactly the
//! items the scan of every word finds: checked on the sample and held-out
//! articles and on texts made of date forms, numbers, punctuation and
//! other words in random order.

use std::path::Path;

use super::shipped;
use crate::ingest::RawArticle;

/// Compares the two scans on `text` read as each language.
fn check(name: &str, text: &str) {
    let (preparer, stage) = shipped();
    for (lang, model) in &stage.langs {
        let doc = preparer
            .prepare(RawArticle {
                source: "test".into(),
                title: None,
                text: text.into(),
                published: None,
                lang: Some(lang.clone()),
                url: None,
            })
            .expect("test text prepares");
        let [segments, every] = model.items_two_ways(&doc);
        if segments != every {
            let first = segments.iter().zip(&every).position(|(a, b)| a != b);
            let at = first.unwrap_or(segments.len().min(every.len()));
            panic!(
                "[{lang}] {name}: the scans differ at item {at}\n  segments: {:?}\n  every word: {:?}\n  text: {:?}",
                segments.get(at),
                every.get(at),
                &doc.text[every
                    .get(at)
                    .or(segments.get(at))
                    .map_or(0, |i| i.0.saturating_sub(60))..]
                    .chars()
                    .take(160)
                    .collect::<String>()
            );
        }
    }
}

#[test]
fn segments_find_the_items_of_every_word_in_articles() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in ["seeds", "tests/dev/articles"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            check(&path.display().to_string(), &text);
        }
    }
}

/// A small deterministic generator (xorshift).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

#[test]
fn segments_find_the_items_of_every_word_in_random_texts() {
    let (_, stage) = shipped();
    let mut pieces: Vec<String> = Vec::new();
    for model in stage.langs.values() {
        for f in &model.words.forms {
            pieces.push(f.clone());
            pieces.push(f.to_uppercase());
        }
    }
    for p in [
        "1",
        "03",
        "31",
        "32",
        "2024",
        "1850",
        "12023",
        "1 500",
        "2,5",
        "15h",
        "1er",
        "21st",
        "3rd",
        "COP28",
        "%",
        "€",
        ",",
        "-",
        ".",
        "’",
        "'",
        "/",
        "«",
        "»",
        "x",
        "é",
        "maison",
        "Été",
        "considérablement",
        "anticonstitutionnellement",
        "03/04/2025",
        "2025-04-03",
    ] {
        for _ in 0..8 {
            pieces.push(p.to_string());
        }
    }
    let seps = [
        " ", " ", " ", "  ", ", ", " - ", ". ", "\n\n", "", "'", "-", " (", ") ",
    ];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for n in 0..40 {
        let mut text = String::new();
        for _ in 0..1500 {
            text.push_str(&pieces[rng.below(pieces.len())]);
            text.push_str(seps[rng.below(seps.len())]);
        }
        check(&format!("random text {n}"), &text);
    }
}
