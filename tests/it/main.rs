//! gazette's end-to-end tests: one binary (every test binary links all of
//! polars), one module per theme.

// aggregate tables: hand-computed values, shards equal one run
mod aggregate;
// pipelines/ data files and stage headers follow the conventions
mod data_files;
// hostile inputs: rejects with reasons, the rest of the run completes
mod hostile;
// gazette eval: tables built from gold score 1.0, damaged ones lower; seed floors
mod eval;
// report.html: fixture output with every chart filled, escaping, layouts, headless Chromium
mod report;
// shards, month partitions, incremental runs
mod scale;
// the binary on seeds/: contract schema, contents, determinism, atomic output
mod seeds;
// helpers: run the binary, read Parquet tables back
mod util;
