//! gazette turns folders of news articles (French, then English) into
//! analytical tables: articles, actors and their mentions, quotes with their
//! speakers, normalised dates, and PLOVER-coded events.
//!
//! # Overview
//! The flow is `ingest → text (prepare) → pipeline stages → resolve → output`:
//! - [`ingest`] reads files and records into [`ingest::RawArticle`]s (or rejects);
//! - [`text`] normalises, deduplicates paragraphs, splits sentences and
//!   detects the language, giving one [`Document`];
//! - [`pipeline::Pipeline`] runs the configured [`pipeline::Stage`]s
//!   ([`extract::actors`], [`extract::dates`], [`extract::quotes`],
//!   [`extract::events`]), each adding records to the document;
//! - [`resolve`] keeps the run-wide actor registry;
//! - [`output`] turns documents into the tables of the contract and writes
//!   them atomically as Parquet and CSV, with a manifest.
//!
//! [`run::run`] drives one batch run; [`cli`] is the command line.

#![deny(missing_docs)]
#![deny(rustdoc::broken_intra_doc_links)]

pub mod aggregate;
pub mod cli;
pub mod config;
pub mod document;
pub mod eval;
pub mod extract;
pub mod ingest;
pub mod lexicon;
pub mod memory;
pub mod output;
pub mod pipeline;
pub mod plover;
pub mod report;
pub mod resolve;
pub mod run;
pub mod synth;
pub mod text;

pub use config::Config;
pub use document::Document;
pub use pipeline::Pipeline;
