//! The HTML report: `OUT/report.html`, drawn from a run's tables.
//!
//! Reads: the output folder (manifest, tables). Adds: `report.html`.
//! Method: charts are SVG built in Rust ([`svg`]), the page is one
//! self-contained file ([`html`]) that works offline.

pub mod html;
pub mod svg;
