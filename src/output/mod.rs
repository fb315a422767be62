//! The sink side: documents → table rows → Parquet and CSV files, plus the
//! run manifest. See [`schema`] for the table contract.

pub mod files;
pub mod manifest;
pub mod offsets;
pub mod rows;
pub mod schema;
pub mod table;
pub mod writer;
