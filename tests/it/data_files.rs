//! The data files under `pipelines/`: each opens with a `#` header saying what
//! it holds, is NFC, has no stray whitespace or duplicate entries; TSV files
//! have a consistent number of fields; the stage modules open with their
//! Reads/Adds/Method header.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use unicode_normalization::UnicodeNormalization;

use crate::util::root;

fn data_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            data_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "txt" || x == "tsv") {
            out.push(p);
        }
    }
}

#[test]
fn data_files_are_documented_nfc_and_without_duplicates() {
    let mut files = Vec::new();
    data_files(&root().join("pipelines"), &mut files);
    assert!(!files.is_empty());
    let mut problems = Vec::new();
    for f in &files {
        let name = f.strip_prefix(root()).unwrap().display().to_string();
        let text = std::fs::read_to_string(f).unwrap();
        if !text.starts_with('#') {
            problems.push(format!("{name}: does not open with a # header"));
        }
        if text.nfc().collect::<String>() != text {
            problems.push(format!("{name}: not NFC"));
        }
        // synth templates repeat lines on purpose (repetition is their weight)
        // and contraction rules match on spaces: only header and NFC apply
        if name.starts_with("pipelines/synth/") {
            continue;
        }
        let mut seen = BTreeSet::new();
        let mut width = None;
        for (i, line) in text.lines().enumerate() {
            if line.trim_start().starts_with('#') || line.trim().is_empty() {
                continue;
            }
            // empty trailing TSV fields are fine; spaces around a field are not
            if line.split('\t').any(|f| f != f.trim()) {
                problems.push(format!("{name}:{}: stray whitespace", i + 1));
            }
            if !seen.insert(line.to_string()) {
                problems.push(format!("{name}:{}: duplicate entry {line:?}", i + 1));
            }
            if name.ends_with(".tsv") {
                let n = line.split('\t').count();
                match width {
                    None => width = Some(n),
                    Some(w) if n > w => {
                        problems.push(format!("{name}:{}: {n} fields, header has {w}", i + 1))
                    }
                    _ => {}
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn stage_modules_declare_what_they_read_and_add() {
    for stage in ["actors", "dates", "quotes", "events"] {
        let path = root().join("src/extract").join(stage).join("mod.rs");
        let text = std::fs::read_to_string(&path).unwrap();
        let header: String = text
            .lines()
            .take_while(|l| l.starts_with("//!"))
            .collect::<Vec<_>>()
            .join("\n");
        for label in ["Reads:", "Adds:", "Method:"] {
            assert!(
                header.contains(label),
                "{} header lacks {label}",
                path.display()
            );
        }
    }
}
