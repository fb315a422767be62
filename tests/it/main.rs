//! gazette's end-to-end tests: one binary (every test binary links all of
//! polars), one module per theme.

// aggregate tables: hand-computed values, shards equal one run
mod aggregate;
// pipelines/ data files and stage headers follow the conventions
mod data_files;
// gazette eval: tables built from gold score 1.0, damaged ones lower; seed floors
mod eval;
// shards, month partitions, incremental runs
mod scale;
// the binary on seeds/: contract schema, contents, determinism, atomic output
mod seeds;
// helpers: run the binary, read Parquet tables back
mod util;
