//! Quality floors: the minimum score per metric a run must keep on a gold
//! set (a TOML file with a `[floors]` table of `"metric" = minimum`). CI
//! fails when a score falls below its floor; raise the floors as quality
//! improves, never lower them to make a change pass.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, Result, bail};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FloorsFile {
    floors: BTreeMap<String, f64>,
}

/// Reads a floors file.
pub fn load(path: &Path) -> Result<BTreeMap<String, f64>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read floors file '{}'", path.display()))?;
    let f: FloorsFile = toml::from_str(&text).with_context(|| {
        format!(
            "'{}' is not a floors file (a [floors] table of \"metric\" = minimum)",
            path.display()
        )
    })?;
    Ok(f.floors)
}

/// The metrics below their floor, one line each. An undefined metric
/// (nothing to score) counts as 0; a floor naming no metric is an error, so a
/// typo cannot disable a check.
pub fn check(
    metrics: &BTreeMap<String, Option<f64>>,
    floors: &BTreeMap<String, f64>,
) -> Result<Vec<String>> {
    let mut failures = Vec::new();
    for (name, floor) in floors {
        let Some(value) = metrics.get(name) else {
            let known: Vec<&str> = metrics.keys().map(String::as_str).collect();
            bail!(
                "floor for unknown metric '{name}' (known: {})",
                known.join(", ")
            );
        };
        let v = value.unwrap_or(0.0);
        if v + 1e-9 < *floor {
            failures.push(format!("{name} = {v:.3} is below its floor {floor:.3}"));
        }
    }
    Ok(failures)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floors_catch_regressions_and_typos() {
        let metrics: BTreeMap<String, Option<f64>> = [
            ("actors.f1".to_string(), Some(0.5)),
            ("quotes.f1".to_string(), None),
        ]
        .into();
        let floors = |pairs: &[(&str, f64)]| -> BTreeMap<String, f64> {
            pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
        };
        assert!(
            check(&metrics, &floors(&[("actors.f1", 0.5), ("quotes.f1", 0.0)]))
                .unwrap()
                .is_empty()
        );
        let f = check(&metrics, &floors(&[("actors.f1", 0.6), ("quotes.f1", 0.1)])).unwrap();
        assert_eq!(f.len(), 2, "{f:?}");
        assert!(check(&metrics, &floors(&[("actor.f1", 0.1)])).is_err());
        let parsed: FloorsFile = toml::from_str("[floors]\n\"actors.f1\" = 0.25\n").unwrap();
        assert_eq!(parsed.floors["actors.f1"], 0.25);
    }
}
