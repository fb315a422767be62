//! Draws extra people and organisations from the pipeline's gazetteer
//! (`pipelines/gazetteer/*.tsv`), so generated articles name the actors the
//! actor stage knows, written in all their listed variants.
//!
//! The gazetteer is read loosely (it belongs to the actor stage and may
//! change): a file is used when its header has a name column (`name`,
//! `canonical_name`, `canonical` or `label`) and a kind column (`kind` or
//! `type`); `aliases*` columns (`|`-separated) give spelling variants and a
//! `country`/`iso3` column the country. People (kind `person`) need a country
//! of countries.tsv; organisations are used when their kind says media or
//! company (their names read well without a determiner). Files that do not
//! fit are skipped.

use std::path::Path;

use anyhow::Result;

use super::data::{Data, KnownPerson, Org};
use super::template::OrgKind;
use crate::lexicon::{Row, read_table};

const NAME_COLUMNS: [&str; 4] = ["canonical_name", "canonical", "name", "label"];

/// Adds the gazetteer's people and organisations under `dir` to `data`;
/// returns how many entries were taken.
pub fn add(dir: &Path, data: &mut Data) -> Result<usize> {
    let mut files: Vec<_> = std::fs::read_dir(dir)?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "tsv"))
        .collect();
    files.sort();
    let mut taken = 0;
    for path in files {
        let Ok(table) = read_table(&path) else {
            continue;
        };
        let has = |c: &str| table.header.iter().any(|h| h == c);
        let Some(name_col) = NAME_COLUMNS.into_iter().find(|c| has(c)) else {
            continue;
        };
        let kind_col = ["kind", "type"].into_iter().find(|c| has(c));
        let alias_cols: Vec<String> = table
            .header
            .iter()
            .filter(|h| h.starts_with("aliases"))
            .cloned()
            .collect();
        for row in &table.rows {
            let Some(name) = row.get(name_col) else {
                continue;
            };
            let kind = kind_col
                .and_then(|k| row.get(k))
                .unwrap_or_default()
                .to_lowercase();
            let mut variants = vec![name.to_string()];
            for c in &alias_cols {
                variants.extend(row.list(c).into_iter().map(String::from));
            }
            if kind.contains("person") || kind == "per" {
                taken += usize::from(add_person(row, &variants, data));
            } else if let Some(k) = org_kind(&kind) {
                let short = variants
                    .iter()
                    .find(|v| v.len() <= 8 && v.chars().all(|c| !c.is_lowercase()))
                    .unwrap_or(&variants[0])
                    .clone();
                data.orgs[k as usize].push(Org {
                    full: [name.to_string(), name.to_string()],
                    short: [short.clone(), short],
                });
                taken += 1;
            }
        }
    }
    Ok(taken)
}

fn org_kind(kind: &str) -> Option<OrgKind> {
    if kind.contains("media") {
        Some(OrgKind::Media)
    } else if kind.contains("company") || kind.contains("business") {
        Some(OrgKind::Company)
    } else {
        None
    }
}

fn add_person(row: &Row, variants: &[String], data: &mut Data) -> bool {
    let iso = ["country", "iso3", "country_iso3"]
        .into_iter()
        .find_map(|c| row.get(c));
    let Some(country) = iso.and_then(|i| data.countries.iter().position(|c| c.iso3 == i)) else {
        return false;
    };
    // Multi-word variants only: a bare surname alias cannot introduce anyone.
    let names: Vec<(String, String)> = variants
        .iter()
        .filter_map(|v| v.rsplit_once(' '))
        .map(|(f, l)| (f.to_string(), l.to_string()))
        .collect();
    if names.is_empty() {
        return false;
    }
    let female = row
        .get("gender")
        .or_else(|| row.get("sex"))
        .map(|g| g.starts_with('f'));
    data.people.push(KnownPerson {
        names: [names.clone(), names],
        female,
        country,
        rank: false,
        titles: [None, None],
    });
    true
}
