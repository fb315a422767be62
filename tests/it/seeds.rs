//! The binary on `seeds/`: every table of the contract with its types,
//! the articles' contents, byte-identical output for any thread count, and
//! output that a failed run leaves untouched.

use gazette::output::schema::TABLES;

use crate::util::{gazette, ints, root, run_ok, strings, table};

#[test]
fn every_table_has_the_contract_schema() {
    let out = tempfile::tempdir().unwrap();
    run_ok(&root().join("seeds"), out.path(), &[]);
    for spec in TABLES {
        let df = table(out.path(), spec.name);
        for c in spec.columns {
            let col = df
                .column(c.name)
                .unwrap_or_else(|_| panic!("{}.{} missing", spec.name, c.name));
            assert_eq!(col.dtype(), &c.ty.dtype(), "{}.{}", spec.name, c.name);
            if !c.nullable {
                assert_eq!(col.null_count(), 0, "{}.{} has nulls", spec.name, c.name);
            }
        }
        assert!(
            out.path()
                .join("csv")
                .join(format!("{}.csv", spec.name))
                .exists()
        );
    }
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.path().join("manifest.json")).unwrap())
            .unwrap();
    assert_eq!(manifest["articles"], 5);
    assert_eq!(manifest["rows"]["articles"], 5);
    assert!(manifest["input_fingerprint"].as_str().unwrap().len() == 32);
    assert!(manifest["rejects"].as_array().unwrap().is_empty());
}

#[test]
fn articles_hold_dates_and_deduplicated_text() {
    let out = tempfile::tempdir().unwrap();
    run_ok(&root().join("seeds"), out.path(), &[]);
    let df = table(out.path(), "articles");
    assert_eq!(df.height(), 5);
    let sources = strings(&df, "source");
    let row = |prefix: &str| {
        sources
            .iter()
            .position(|s| s.as_deref().unwrap().starts_with(prefix))
            .unwrap()
    };
    let published = strings(&df, "published");
    let precision = strings(&df, "published_precision");
    assert_eq!(published[row("000_")].as_deref(), Some("2024-11-01"));
    assert_eq!(precision[row("000_")].as_deref(), Some("month"));
    assert_eq!(published[row("004_")].as_deref(), Some("2023-02-01"));
    let dups = ints(&df, "n_duplicate_paragraphs");
    assert_eq!(dups[row("001_")], Some(5));
    let text = strings(&df, "text")[row("001_")].clone().unwrap();
    let para = "Alors que l’influence russe s’accroît sur le continent africain";
    assert_eq!(text.matches(para).count(), 1, "each paragraph once");
    assert!(
        strings(&df, "lang")
            .iter()
            .all(|l| l.as_deref() == Some("fr"))
    );
    let n_chars = ints(&df, "n_chars");
    assert_eq!(n_chars[row("001_")], Some(text.chars().count() as i32));
}

#[test]
fn thread_count_does_not_change_a_byte() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    run_ok(&root().join("seeds"), a.path(), &["--threads", "1"]);
    run_ok(&root().join("seeds"), b.path(), &["--threads", "2"]);
    for spec in TABLES {
        for (dir, ext) in [("parquet", "parquet"), ("csv", "csv")] {
            let name = format!("{}/{}.{}", dir, spec.name, ext);
            let x = std::fs::read(a.path().join(&name)).unwrap();
            let y = std::fs::read(b.path().join(&name)).unwrap();
            assert!(x == y, "{name} differs between --threads 1 and 2");
        }
    }
}

#[test]
fn a_failed_run_leaves_the_previous_output_intact() {
    let out = tempfile::tempdir().unwrap();
    run_ok(&root().join("seeds"), out.path(), &[]);
    let before = std::fs::read(out.path().join("parquet/articles.parquet")).unwrap();
    let bad_config = out.path().join("bad.toml");
    std::fs::write(
        &bad_config,
        "[prepare]\nabbreviations = [\"missing.txt\"]\n",
    )
    .unwrap();
    let o = gazette(&[
        "run",
        "seeds",
        "--out",
        out.path().to_str().unwrap(),
        "--config",
        bad_config.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("missing.txt"), "{stderr}");
    assert_eq!(
        std::fs::read(out.path().join("parquet/articles.parquet")).unwrap(),
        before
    );
    let stray = std::fs::read_dir(out.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".gazette-"))
        .count();
    assert_eq!(stray, 0, "no staging folder left behind");
}

#[test]
fn csv_only_format_writes_no_parquet() {
    let out = tempfile::tempdir().unwrap();
    run_ok(&root().join("seeds"), out.path(), &["--format", "csv"]);
    assert!(out.path().join("csv/articles.csv").exists());
    assert!(!out.path().join("parquet").exists());
}

#[test]
fn schema_command_lists_every_table() {
    let o = gazette(&["schema"]);
    assert!(o.status.success());
    let text = String::from_utf8_lossy(&o.stdout);
    for spec in TABLES {
        assert!(text.contains(spec.name), "{}", spec.name);
    }
    let o = gazette(&["schema", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        v.as_array().unwrap().len(),
        TABLES.len() + gazette::aggregate::schema::AGGREGATES.len()
    );
}
