//! Draws extra people and organisations from the pipeline's gazetteer
//! (`pipelines/gazetteer/*.tsv`, format in its README.md), so generated
//! articles also name the actors the actor stage knows, in all the spelling
//! variants it lists.
//!
//! Read loosely, as the gazetteer belongs to the actor stage: a file is used
//! when its header has `kind` and names (`name_fr`/`name_en`, or one `name`
//! column); `aliases` (`|`-separated) give variants, `country` the ISO
//! alpha-3 code, `sector` the PLOVER sector. People (kind `person`) need a
//! country of countries.tsv and are written by name only (the gazetteer's
//! roles are not split by language). Organisations are taken when they are
//! companies (`BUS`) or media (`JRN`): their names read well without a
//! determiner in both languages. Anything else is skipped.

use std::path::Path;

use anyhow::Result;

use super::data::{Data, KnownPerson, Org};
use super::template::OrgKind;
use crate::lexicon::{Row, read_table};

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
        let name_cols: [&str; 2] = if has("name_fr") && has("name_en") {
            ["name_fr", "name_en"]
        } else if has("name") {
            ["name", "name"]
        } else {
            continue;
        };
        if !has("kind") {
            continue;
        }
        for row in &table.rows {
            let (Some(fr), Some(en)) = (row.get(name_cols[0]), row.get(name_cols[1])) else {
                continue;
            };
            let aliases: Vec<&str> = row.list("aliases");
            match (row.get("kind"), row.get("sector")) {
                (Some("person"), _) => {
                    taken += usize::from(add_person(row, [fr, en], &aliases, data))
                }
                (Some("organization"), Some(sector)) => {
                    let kind = match sector {
                        "BUS" => OrgKind::Company,
                        "JRN" => OrgKind::Media,
                        _ => continue,
                    };
                    // An acronym among the aliases makes the short form.
                    let short = |name: &str| -> String {
                        aliases
                            .iter()
                            .find(|a| a.chars().count() <= 8 && !a.chars().any(char::is_lowercase))
                            .map_or(name, |a| a)
                            .to_string()
                    };
                    data.orgs[kind as usize].push(Org {
                        full: [fr.to_string(), en.to_string()],
                        short: [short(fr), short(en)],
                    });
                    taken += 1;
                }
                _ => {}
            }
        }
    }
    Ok(taken)
}

fn add_person(row: &Row, names: [&str; 2], aliases: &[&str], data: &mut Data) -> bool {
    let Some(country) = row
        .get("country")
        .and_then(|i| data.countries.iter().position(|c| c.iso3 == i))
    else {
        return false;
    };
    // Multi-word forms only: a bare surname alias cannot introduce anyone.
    let variants = |name: &str| -> Vec<(String, String)> {
        std::iter::once(name)
            .chain(aliases.iter().copied())
            .filter_map(|v| v.rsplit_once(' '))
            .map(|(f, l)| (f.to_string(), l.to_string()))
            .collect()
    };
    let (fr, en) = (variants(names[0]), variants(names[1]));
    if fr.is_empty() || en.is_empty() {
        return false;
    }
    data.people.push(KnownPerson {
        names: [fr, en],
        female: row.get("gender").map(|g| g.starts_with('f')),
        country,
        rank: false,
        titles: [None, None],
    });
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synth::data::load;

    const PEOPLE: &str = "# people\nid\tkind\tname_fr\tname_en\tcountry\tsector\taliases\n\
        person:a\tperson\tSergueï Lavrov\tSergei Lavrov\tRUS\tGOV\tSergey Lavrov|Lavrov\n\
        person:b\tperson\tAntonio Guterres\tAntonio Guterres\t\tUNO\t\n\
        person:c\tperson\tX Y\tX Y\tZZZ\tGOV\t\n";
    const ORGS: &str = "id\tkind\tname_fr\tname_en\tcountry\tsector\taliases\n\
        org:r\torganization\tRadio France Internationale\tRadio France Internationale\tFRA\tJRN\tRFI\n\
        org:b\torganization\tRosatom\tRosatom\tRUS\tBUS\t\n\
        org:j\torganization\tGroupe de soutien\tSupport Group\t\tREB\tJNIM\n";

    #[test]
    fn takes_people_with_a_known_country_and_media_and_companies() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("people.tsv"), PEOPLE).unwrap();
        std::fs::write(dir.path().join("organizations.tsv"), ORGS).unwrap();
        std::fs::write(dir.path().join("notes.tsv"), "a\tb\n1\t2\n").unwrap();
        let mut data = load(Path::new("pipelines/synth"), None).unwrap();
        let (people, media, companies) = (
            data.people.len(),
            data.orgs[OrgKind::Media as usize].len(),
            data.orgs[OrgKind::Company as usize].len(),
        );
        // (what, how many were added)
        let taken = add(dir.path(), &mut data).unwrap();
        let cases = [
            (
                "people (no country, unknown country skipped)",
                data.people.len() - people,
                1,
            ),
            ("media", data.orgs[OrgKind::Media as usize].len() - media, 1),
            (
                "companies",
                data.orgs[OrgKind::Company as usize].len() - companies,
                1,
            ),
            ("total", taken, 3),
        ];
        for (what, got, want) in cases {
            assert_eq!(got, want, "{what}");
        }
        let lavrov = data.people.last().unwrap();
        assert_eq!(
            lavrov.names[0][0],
            ("Sergueï".to_string(), "Lavrov".to_string())
        );
        assert_eq!(lavrov.names[1].len(), 2, "name_en and the multi-word alias");
        assert_eq!(
            data.orgs[OrgKind::Media as usize].last().unwrap().short[0],
            "RFI"
        );
    }
}
