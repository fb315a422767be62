//! Whole-stream tests: files on disk through [`open`] / [`read_file`], with
//! compression, encodings, limits and the file's size and digest.

use std::io::{Cursor, Write};

use flate2::Compression;
use flate2::write::GzEncoder;

use super::*;

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn utf16le(s: &str) -> Vec<u8> {
    let mut v = vec![0xFF, 0xFE];
    v.extend(s.encode_utf16().flat_map(u16::to_le_bytes));
    v
}

fn latin1(s: &str) -> Vec<u8> {
    encoding_rs::WINDOWS_1252.encode(s).0.into_owned()
}

fn read_bytes(name: &str, bytes: Vec<u8>) -> (Vec<RawArticle>, Vec<Reject>) {
    let o = FileOutcome::collect(ArticleStream::from_reader(
        name,
        Cursor::new(bytes),
        Limits::default(),
    ));
    (o.articles, o.rejects)
}

const JSONL: &str = "{\"id\": \"fr-1\", \"text\": \"L'armée a quitté Niamey.\", \"date\": \"2024-11-28\"}\n\
                     {\"id\": \"en-1\", \"text\": \"The embassy reopened.\"}\n";
const CSV: &str = "id;titre;content\r\nfr-1;Élection;\"Le scrutin, très attendu, a eu lieu.\"\r\n";

/// (name, file name, bytes, expected article texts)
fn encoded_cases() -> Vec<(&'static str, &'static str, Vec<u8>, Vec<&'static str>)> {
    let fr_text = "Le ministre a déclaré « non » à Bruxelles.";
    vec![
        (
            "jsonl plain",
            "a.jsonl",
            JSONL.into(),
            vec!["L'armée a quitté Niamey.", "The embassy reopened."],
        ),
        (
            "jsonl gzip",
            "a.jsonl.gz",
            gzip(JSONL.as_bytes()),
            vec!["L'armée a quitté Niamey.", "The embassy reopened."],
        ),
        (
            "jsonl utf-16",
            "a.jsonl",
            utf16le(JSONL),
            vec!["L'armée a quitté Niamey.", "The embassy reopened."],
        ),
        (
            "csv latin-1",
            "a.csv",
            latin1(CSV),
            vec!["Le scrutin, très attendu, a eu lieu."],
        ),
        (
            "csv utf-16 gzip",
            "a.CSV.GZ",
            gzip(&utf16le(CSV)),
            vec!["Le scrutin, très attendu, a eu lieu."],
        ),
        (
            "csv utf-8 bom",
            "a.csv",
            [&b"\xEF\xBB\xBF"[..], CSV.as_bytes()].concat(),
            vec!["Le scrutin, très attendu, a eu lieu."],
        ),
        (
            "json array gzip",
            "a.json.gz",
            gzip(b"[{\"text\": \"Un.\"}, {\"text\": \"Two.\"}]"),
            vec!["Un.", "Two."],
        ),
        ("txt latin-1", "a.txt", latin1(fr_text), vec![fr_text]),
        (
            "md utf-16 gzip",
            "a.md.gz",
            gzip(&utf16le(fr_text)),
            vec![fr_text],
        ),
        (
            "html latin-1 declared",
            "a.html",
            latin1("<meta charset=iso-8859-1><p>Le président a parlé.</p>"),
            vec!["Le président a parlé."],
        ),
    ]
}

#[test]
fn formats_compression_and_encodings() {
    for (name, file, bytes, want) in encoded_cases() {
        let (articles, rejects) = read_bytes(file, bytes);
        assert!(rejects.is_empty(), "case {name}: {rejects:?}");
        let texts: Vec<&str> = articles.iter().map(|a| a.text.as_str()).collect();
        assert_eq!(texts, want, "case {name}");
    }
}

/// (name, file name, bytes, expected reject source and reason fragment)
fn reject_cases() -> Vec<(
    &'static str,
    &'static str,
    Vec<u8>,
    &'static str,
    &'static str,
)> {
    let full = gzip(JSONL.repeat(50).as_bytes());
    vec![
        ("empty txt", "e.txt", vec![], "e.txt", "empty file"),
        ("empty jsonl", "e.jsonl", vec![], "e.jsonl", "empty file"),
        (
            "blank jsonl",
            "e.jsonl",
            b"\n  \n".to_vec(),
            "e.jsonl",
            "no records",
        ),
        (
            "binary txt",
            "b.txt",
            vec![0x7F, b'E', b'L', b'F', 2, 1, 1, 0, 0, 0],
            "b.txt",
            "binary",
        ),
        (
            "binary csv",
            "b.csv",
            b"PK\x03\x04\x14\x00\x00\x00".to_vec(),
            "b.csv",
            "binary",
        ),
        (
            "gzip without .gz",
            "g.txt",
            gzip(b"texte"),
            "g.txt",
            ".gz suffix",
        ),
        (
            "not gzip",
            "n.txt.gz",
            b"plain text".to_vec(),
            "n.txt.gz",
            "gzip",
        ),
        (
            "truncated gzip txt",
            "t.txt.gz",
            full[..full.len() / 2].to_vec(),
            "t.txt.gz",
            "truncated or corrupt gzip",
        ),
        (
            "truncated gzip jsonl",
            "t.jsonl.gz",
            full[..full.len() / 2].to_vec(),
            "t.jsonl.gz#",
            "truncated or corrupt gzip",
        ),
        (
            "csv header only",
            "h.csv",
            b"id,text\n".to_vec(),
            "h.csv",
            "no records",
        ),
        (
            "unsupported",
            "a.pdf",
            b"%PDF".to_vec(),
            "a.pdf",
            "unsupported",
        ),
    ]
}

#[test]
fn bad_files_are_rejected_with_reasons() {
    for (name, file, bytes, source, reason) in reject_cases() {
        let (_, rejects) = read_bytes(file, bytes);
        assert!(
            rejects
                .iter()
                .any(|r| r.source.starts_with(source) && r.reason.contains(reason)),
            "case {name}: want {source:?} / {reason:?}, got {rejects:?}"
        );
    }
}

#[test]
fn truncated_gzip_keeps_the_records_before_the_cut() {
    let full = gzip(JSONL.repeat(200).as_bytes());
    let (articles, rejects) = read_bytes("t.jsonl.gz", full[..full.len() * 3 / 4].to_vec());
    assert!(!articles.is_empty());
    assert_eq!(rejects.len(), 1, "{rejects:?}");
}

#[test]
fn decompression_bomb_is_capped() {
    let bomb = gzip(&vec![b'a'; 3_000_000]);
    let limits = Limits {
        max_article_bytes: 1_000_000,
    };
    let o = FileOutcome::collect(ArticleStream::from_reader(
        "bomb.txt.gz",
        Cursor::new(bomb),
        limits,
    ));
    assert!(o.articles.is_empty());
    assert!(
        o.rejects[0].reason.contains("decompression bomb"),
        "{:?}",
        o.rejects
    );
}

#[test]
fn rejects_per_file_are_capped() {
    let lines = "{bad}\n".repeat(MAX_REJECTS_PER_FILE + 25);
    let (_, rejects) = read_bytes("many.jsonl", lines.into_bytes());
    assert_eq!(rejects.len(), MAX_REJECTS_PER_FILE + 1);
    assert_eq!(rejects[0].source, "many.jsonl#1");
    assert!(
        rejects
            .last()
            .unwrap()
            .reason
            .starts_with("25 more records rejected")
    );
}

#[test]
fn files_on_disk_report_size_and_digest() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, Vec<u8>); 4] = [
        ("a.jsonl", JSONL.into()),
        ("b.txt", b" date 2024-11 Texte.".to_vec()),
        // Rejected before the end: the digest still covers every byte.
        ("c.jsonl.gz", gzip(JSONL.as_bytes())[..20].to_vec()),
        ("d.txt", vec![b'x'; 3000]),
    ];
    let small = Limits {
        max_article_bytes: 1000,
    };
    for (name, bytes) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, &bytes).unwrap();
        let file = InputFile {
            rel: name.into(),
            path,
        };
        let o = read_file(&file, small);
        assert_eq!(o.bytes, bytes.len() as u64, "{name}");
        assert_eq!(o.digest, xxhash_rust::xxh3::xxh3_64(&bytes), "{name}");
    }
    let o = read_file(
        &InputFile {
            rel: "d.txt".into(),
            path: dir.path().join("d.txt"),
        },
        small,
    );
    assert!(
        o.rejects[0].reason.contains("article is 3000 bytes"),
        "{:?}",
        o.rejects
    );
    let missing = read_file(
        &InputFile {
            rel: "gone.txt".into(),
            path: dir.path().join("gone.txt"),
        },
        small,
    );
    assert!(missing.rejects[0].reason.starts_with("cannot read file"));
}

#[test]
fn format_names() {
    let cases = [
        ("a.txt", Some((Format::Text, false))),
        ("dir.v2/A.MD", Some((Format::Text, false))),
        ("page.htm.gz", Some((Format::Html, true))),
        ("x.jsonl.GZ", Some((Format::JsonLines, true))),
        ("x.json", Some((Format::Json, false))),
        ("x.csv", Some((Format::Csv, false))),
        ("x.gz", None),
        ("README", None),
        ("x.parquet", None),
    ];
    for (name, want) in cases {
        assert_eq!(Format::of(name), want, "{name}");
    }
}

#[test]
fn streams_can_move_between_threads() {
    fn assert_send<T: Send>() {}
    assert_send::<ArticleStream>();
    assert_send::<FileOutcome>();
}
