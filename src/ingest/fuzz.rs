//! Property tests: no input makes any reader panic, every file yields at
//! least one article or reject, and every reject names its file and says why.

use std::io::{Cursor, Write};

use flate2::Compression;
use flate2::write::GzEncoder;
use proptest::prelude::*;

use super::{ArticleStream, Item, Limits};

const NAMES: [&str; 7] = [
    "a.txt", "a.md", "a.html", "a.htm", "a.jsonl", "a.json", "a.csv",
];

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::fast());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn read(name: &str, bytes: Vec<u8>, limits: Limits) -> Vec<Item> {
    ArticleStream::from_reader(name, Cursor::new(bytes), limits).collect()
}

fn check(name: &str, items: &[Item]) {
    assert!(!items.is_empty(), "{name}: no article and no reject");
    if !name.contains(".json") && !name.contains(".csv") {
        assert_eq!(items.len(), 1, "{name}: one item per text file");
    }
    for item in items {
        match item {
            Ok(a) => assert!(!a.text.trim().is_empty(), "{name}: empty article {a:?}"),
            Err(r) => {
                assert!(
                    r.source.starts_with(name),
                    "{name}: reject names {:?}",
                    r.source
                );
                assert!(!r.reason.is_empty(), "{name}: reject without a reason");
            }
        }
    }
}

/// Every reader on `bytes`, plain and gzipped, and the bytes themselves
/// under a `.gz` name (mostly corrupt gzip).
fn every_reader(bytes: &[u8], limits: Limits) {
    for name in NAMES {
        check(name, &read(name, bytes.to_vec(), limits));
        let gz = format!("{name}.gz");
        check(&gz, &read(&gz, gzip(bytes), limits));
        check(&gz, &read(&gz, bytes.to_vec(), limits));
    }
}

fn limits(small: bool) -> Limits {
    Limits {
        max_article_bytes: if small { 40 } else { 1 << 20 },
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn random_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..3000), small: bool) {
        every_reader(&bytes, limits(small));
    }

    #[test]
    fn json_csv_html_like_noise(
        s in "[\\[\\]{}<>/\"',:;=\\\\a-zé0-9 \\n\\r\\t\u{feff}-]{0,600}",
        small: bool,
    ) {
        every_reader(s.as_bytes(), limits(small));
    }

    #[test]
    fn yaml_front_matter_noise(yaml in "[a-z0-9:&*!?\\[\\]{},'\" \n|>#%@`-]{0,300}") {
        let text = format!("---\n{yaml}\n---\nLe corps de l'article.");
        for name in ["a.md", "a.txt"] {
            check(name, &read(name, text.clone().into_bytes(), limits(false)));
        }
    }

    #[test]
    fn truncated_gzip(cut in 0usize..400, small: bool) {
        let jsonl = "{\"id\": 1, \"text\": \"Le texte numéro un.\"}\n".repeat(8);
        let csv = format!("id,text\n{}", "2,\"A quoted, text\"\n".repeat(8));
        for (name, body) in [("a.jsonl.gz", jsonl.as_str()), ("a.csv.gz", csv.as_str()),
                             ("a.txt.gz", jsonl.as_str()), ("a.json.gz", "[{\"text\": \"x\"}]")] {
            let full = gzip(body.as_bytes());
            let cut = cut.min(full.len());
            let items = read(name, full[..cut].to_vec(), limits(small));
            check(name, &items);
            if cut < full.len() {
                prop_assert!(items.iter().any(|i| i.is_err()), "{} cut at {}: no reject", name, cut);
            }
        }
    }
}
