//! Scale-out features: shards, month partitions, incremental runs.

use std::collections::BTreeSet;
use std::path::Path;

use polars::prelude::*;

use crate::util::{root, run_ok, strings, table};

/// Every article id in an output folder, single-file or partitioned.
fn article_ids(out: &Path) -> BTreeSet<String> {
    let files = gazette::output::writer::table_files(out, "articles");
    assert!(!files.is_empty(), "no articles table in {}", out.display());
    let mut ids = BTreeSet::new();
    for f in files {
        let df = LazyFrame::scan_parquet(
            PlRefPath::try_from_path(&f).unwrap(),
            ScanArgsParquet::default(),
        )
        .unwrap()
        .collect()
        .unwrap();
        ids.extend(strings(&df, "article_id").into_iter().flatten());
    }
    ids
}

fn files_under(dir: &Path) -> BTreeSet<String> {
    fn walk(d: &Path, base: &Path, out: &mut BTreeSet<String>) {
        for e in std::fs::read_dir(d).unwrap().flatten() {
            if e.file_type().unwrap().is_dir() {
                walk(&e.path(), base, out);
            } else {
                out.insert(e.path().strip_prefix(base).unwrap().display().to_string());
            }
        }
    }
    let mut out = BTreeSet::new();
    walk(dir, dir, &mut out);
    out
}

#[test]
fn shards_split_the_articles_without_overlap() {
    let (all, a, b) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    run_ok(&root().join("seeds"), all.path(), &[]);
    run_ok(&root().join("seeds"), a.path(), &["--shard", "1/2"]);
    run_ok(&root().join("seeds"), b.path(), &["--shard", "2/2"]);
    let (ia, ib) = (article_ids(a.path()), article_ids(b.path()));
    assert!(ia.is_disjoint(&ib));
    let union: BTreeSet<String> = ia.union(&ib).cloned().collect();
    assert_eq!(union, article_ids(all.path()));
}

#[test]
fn month_partitions_hold_every_article() {
    let out = tempfile::tempdir().unwrap();
    run_ok(&root().join("seeds"), out.path(), &["--partition", "month"]);
    assert!(out.path().join("parquet/articles/month=2024-11").is_dir());
    assert!(out.path().join("parquet/articles/month=2023-02").is_dir());
    assert!(out.path().join("parquet/actors.parquet").is_file());
    assert_eq!(article_ids(out.path()).len(), 5);
    for name in ["mentions", "quotes", "dates", "events"] {
        assert!(
            !gazette::output::writer::table_files(out.path(), name).is_empty(),
            "{name}"
        );
    }
}

#[test]
fn incremental_runs_add_only_new_articles() {
    let input = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let full = tempfile::tempdir().unwrap();
    let mut seeds: Vec<_> = std::fs::read_dir(root().join("seeds"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    seeds.sort();
    for s in &seeds[..3] {
        std::fs::copy(s, input.path().join(s.file_name().unwrap())).unwrap();
    }
    run_ok(input.path(), out.path(), &["--incremental"]);
    assert_eq!(article_ids(out.path()).len(), 3);
    for s in &seeds[3..] {
        std::fs::copy(s, input.path().join(s.file_name().unwrap())).unwrap();
    }
    run_ok(input.path(), out.path(), &["--incremental"]);
    run_ok(&root().join("seeds"), full.path(), &[]);
    assert_eq!(article_ids(out.path()), article_ids(full.path()));
    // the actors table continues across runs: same actors as one full run
    let ids = |out: &Path| -> BTreeSet<String> {
        strings(&table(out, "actors"), "actor_id")
            .into_iter()
            .flatten()
            .collect()
    };
    assert_eq!(ids(out.path()), ids(full.path()));

    // nothing changed: nothing is read, no data file is written
    let before = files_under(&out.path().join("parquet"));
    let o = run_ok(input.path(), out.path(), &["--incremental"]);
    assert!(o.status.success());
    assert_eq!(files_under(&out.path().join("parquet")), before);
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.path().join("manifest.json")).unwrap())
            .unwrap();
    assert_eq!(manifest["articles"], 0);
    assert_eq!(manifest["skipped_files"], 5);
}

#[test]
fn incremental_refuses_a_single_file_output() {
    let out = tempfile::tempdir().unwrap();
    run_ok(&root().join("seeds"), out.path(), &[]);
    let o = crate::util::gazette(&[
        "run",
        "seeds",
        "--out",
        out.path().to_str().unwrap(),
        "--incremental",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--partition month"));
}
