//! gazette's end-to-end tests: one binary (every test binary links all of
//! polars), one module per theme.

mod aggregate; // aggregate tables: hand-computed values, shards equal one run
mod eval; // gazette eval: tables built from gold score 1.0, damaged ones lower
mod seeds;
mod util; // helpers: run the binary, read Parquet tables back // the binary on seeds/: contract schema, contents, determinism, atomic output
