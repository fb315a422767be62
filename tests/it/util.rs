//! Helpers shared by the end-to-end tests.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use polars::prelude::*;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the gazette binary with `args` from the repository root.
pub fn gazette(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("the gazette binary runs")
}

/// Runs `gazette run INPUT --out OUT --quiet EXTRA...` and asserts success.
pub fn run_ok(input: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "run",
        input.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--quiet",
    ];
    args.extend_from_slice(extra);
    let o = gazette(&args);
    assert!(
        o.status.success(),
        "gazette {args:?} failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

/// Reads `OUT/parquet/NAME.parquet` back with polars.
pub fn table(out: &Path, name: &str) -> DataFrame {
    let path = out.join("parquet").join(format!("{name}.parquet"));
    let p = PlRefPath::try_from_path(&path).unwrap();
    LazyFrame::scan_parquet(p, ScanArgsParquet::default())
        .unwrap()
        .collect()
        .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
}

/// The values of a string column.
pub fn strings(df: &DataFrame, col: &str) -> Vec<Option<String>> {
    let c = df.column(col).unwrap().cast(&DataType::String).unwrap();
    c.str()
        .unwrap()
        .iter()
        .map(|s| s.map(str::to_string))
        .collect()
}

/// The values of an int32 column.
pub fn ints(df: &DataFrame, col: &str) -> Vec<Option<i32>> {
    df.column(col).unwrap().i32().unwrap().iter().collect()
}
