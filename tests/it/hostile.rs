//! A folder of hostile inputs: each bad file or record gets a reject with a
//! reason in the manifest, the valid articles (and the good records of a
//! partly bad file) are in the tables, the run exits 0, and `--strict`
//! turns the rejects into exit status 1.

use std::io::Write;
use std::path::Path;

use flate2::Compression;
use flate2::write::GzEncoder;

use crate::util::{gazette, run_ok, strings, table};

const FR: &str = " date 2024-11 Le gouvernement malien a reçu lundi une délégation \
                  venue de Moscou. Les deux pays ont signé un accord de coopération.";
const EN_MD: &str = "---\ntitle: Talks resume\ndate: 2023-02-14T09:00:00Z\nlang: en\n---\n\
                     Negotiators from both sides met in Geneva on Tuesday.\n\n\
                     They agreed to meet again in March.\n";
const JSONL: &str = "{\"id\": \"good-1\", \"text\": \"Le Parlement a adopté la loi de finances mardi soir.\"}\n\
                     {\"id\": \"broken\", \"text\": \"unterminated}\n\
                     {\"id\": \"empty\", \"title\": \"Sans texte\"}\n\
                     {\"id\": \"good-2\", \"text\": \"The central bank kept its rates unchanged on Thursday.\"}\n";
const LATIN1: &str = "L'Assemblée a voté à l'unanimité une résolution sur la sécurité régionale.";
const UTF16: &str = "The foreign ministry summoned the ambassador on Friday morning.";

/// Bytes over the default 50 MiB article limit.
const HUGE: usize = 51 * 1024 * 1024;

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

/// Writes the hostile folder; returns whether `unreadable.txt` really is
/// unreadable (not when the tests run as root).
fn build_inputs(dir: &Path) -> bool {
    let w = |name: &str, bytes: &[u8]| std::fs::write(dir.join(name), bytes).unwrap();
    w("fr.txt", FR.as_bytes());
    w("en.md", EN_MD.as_bytes());
    w("empty.txt", b"");
    w(
        "binary.txt",
        b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x03\x00\x3e\x00",
    );
    let gz = gzip(FR.repeat(20).as_bytes());
    w("truncated.txt.gz", &gz[..gz.len() / 2]);
    w("mixed.jsonl", JSONL.as_bytes());
    w("notext.csv", b"id,title,summary\n1,Titre,Un resume\n");
    w("latin1.txt", &encoding_rs::WINDOWS_1252.encode(LATIN1).0);
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(UTF16.encode_utf16().flat_map(u16::to_le_bytes));
    w("utf16.txt", &utf16);
    let huge = std::fs::File::create(dir.join("huge.txt")).unwrap();
    let mut huge = std::io::BufWriter::new(huge);
    let line = "Un paragraphe répété pour faire un article énorme.\n";
    let mut written = 0;
    while written <= HUGE {
        huge.write_all(line.as_bytes()).unwrap();
        written += line.len();
    }
    let huge = huge.into_inner().unwrap();
    huge.set_len(HUGE as u64).unwrap();
    w("unreadable.txt", FR.as_bytes());
    make_unreadable(&dir.join("unreadable.txt"))
}

#[cfg(unix)]
fn make_unreadable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o000)).unwrap();
    // root reads it anyway: then the case is skipped.
    std::fs::read(path).is_err()
}

#[cfg(not(unix))]
fn make_unreadable(_: &Path) -> bool {
    false
}

#[test]
fn hostile_inputs_are_rejected_and_the_rest_is_read() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir(&input).unwrap();
    let unreadable = build_inputs(&input);
    let out = tmp.path().join("out");
    run_ok(&input, &out, &[]);

    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap();
    let rejects: Vec<(String, String)> = manifest["rejects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["source"].as_str().unwrap().to_string(),
                r["reason"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    // (input, reason fragment)
    let mut expected = vec![
        ("empty.txt", "empty file"),
        ("binary.txt", "binary file"),
        ("truncated.txt.gz", "truncated or corrupt gzip"),
        ("mixed.jsonl#2", "invalid JSON"),
        ("mixed.jsonl#3", "no text"),
        ("notext.csv#1", "no text, body or content column"),
        (
            "huge.txt",
            "article is 53477376 bytes, over the 52428800-byte limit",
        ),
    ];
    if unreadable {
        expected.push(("unreadable.txt", "cannot read file"));
    }
    for (source, fragment) in &expected {
        assert!(
            rejects
                .iter()
                .any(|(s, r)| s == source && r.contains(fragment)),
            "no reject for {source} saying {fragment:?}: {rejects:#?}"
        );
    }
    assert_eq!(rejects.len(), expected.len(), "{rejects:#?}");

    let articles = table(&out, "articles");
    let mut sources: Vec<String> = strings(&articles, "source").into_iter().flatten().collect();
    sources.sort();
    let mut want = vec![
        "en.md",
        "fr.txt",
        "good-1",
        "good-2",
        "latin1.txt",
        "utf16.txt",
    ];
    if !unreadable {
        want.push("unreadable.txt");
    }
    want.sort();
    assert_eq!(sources, want);
    let texts: Vec<String> = strings(&articles, "text").into_iter().flatten().collect();
    for t in [LATIN1, UTF16] {
        assert!(
            texts.iter().any(|x| x == t),
            "{t:?} not decoded: {texts:#?}"
        );
    }
    let titles: Vec<String> = strings(&articles, "title").into_iter().flatten().collect();
    assert_eq!(titles, ["Talks resume"]);
}

#[test]
fn strict_exits_1_on_rejects() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::write(input.join("fr.txt"), FR).unwrap();
    std::fs::write(input.join("empty.txt"), "").unwrap();
    let out = tmp.path().join("out");
    let (i, o) = (input.to_str().unwrap(), out.to_str().unwrap());
    let strict = gazette(&["run", i, "--out", o, "--quiet", "--strict"]);
    assert_eq!(strict.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&strict.stderr).contains("empty.txt"));
    // The tables are still written: --strict only changes the exit status.
    assert_eq!(table(&out, "articles").height(), 1);
    let lenient = gazette(&["run", i, "--out", o, "--quiet"]);
    assert_eq!(lenient.status.code(), Some(0));
}
