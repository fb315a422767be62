//! The gazetteer: known countries, places, organisations and people, read
//! from the tab-separated files named in `[actors] gazetteer`.
//!
//! All files share the columns `id kind name_fr name_en country sector
//! aliases wikidata note` (aliases `|`-separated); the countries file adds
//! `capitals` (metonyms for the government), `demonyms` and
//! `adjective_phrases`, the people file `roles`. An entry's run-wide key is
//! `gz:` + its id. People are also indexed by the transliteration-normalised
//! key of each of their names, so any spelling of a known person resolves
//! to its entry.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::document::ActorKind;
use crate::lexicon::{self, LexiconError};

use super::lexicon::WordMap;
use super::names::Translit;

/// One gazetteer entry.
#[derive(Debug, Clone, PartialEq)]
pub struct GzEntry {
    /// Stable id (`country:RUS`, `person:sergei-lavrov`).
    pub id: String,
    /// What kind of actor it is.
    pub kind: ActorKind,
    /// French canonical name.
    pub name_fr: Option<String>,
    /// English canonical name.
    pub name_en: Option<String>,
    /// ISO 3166-1 alpha-3 code of its country (its own code for countries).
    pub country: Option<String>,
    /// PLOVER sector.
    pub sector: Option<String>,
    /// Other names, both languages.
    pub aliases: Vec<String>,
    /// Wikidata id.
    pub wikidata: Option<String>,
    /// Capital cities standing for the government (countries only).
    pub capitals: Vec<String>,
    /// Demonyms and adjective phrases (countries only): give a title its
    /// country, never an actor on their own.
    pub demonyms: Vec<String>,
    /// People: the transliteration-normalised words of each name.
    pub name_words: Vec<Vec<String>>,
    /// People: each name of two words or more, folded.
    pub name_folds: Vec<String>,
    /// The run-wide identity key, `gz:` + id, built once.
    key: String,
    /// [`GzEntry::names`] without repeats, in order: every document naming
    /// the entry reports them, so they are listed once here.
    distinct_names: Vec<String>,
    /// The actor id of `key`, hashed the first time a document names the
    /// entry rather than once per document.
    actor_id: OnceLock<String>,
}

impl GzEntry {
    /// The display name, in the preferred language when the entry has it.
    pub fn name(&self, prefer_fr: bool) -> &str {
        let (a, b) = if prefer_fr {
            (&self.name_fr, &self.name_en)
        } else {
            (&self.name_en, &self.name_fr)
        };
        a.as_deref()
            .or(b.as_deref())
            .or(self.aliases.first().map(String::as_str))
            .unwrap_or(&self.id)
    }

    /// Every name the entry may be written as: canonical names and aliases.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.name_fr
            .iter()
            .chain(self.name_en.iter())
            .map(String::as_str)
            .chain(self.aliases.iter().map(String::as_str))
    }

    /// Its names without repeats, in [`GzEntry::names`] order.
    pub fn distinct_names(&self) -> &[String] {
        &self.distinct_names
    }

    /// The run-wide identity key.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// [`actor_id`](crate::resolve::actor_id) of [`GzEntry::key`].
    pub fn actor_id(&self) -> &str {
        self.actor_id
            .get_or_init(|| crate::resolve::actor_id(&self.key))
    }
}

/// Index of an entry in [`Gazetteer::entries`].
pub type EntryIdx = u32;

/// All gazetteer entries, with the person-name indexes.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    /// Entries in file order.
    pub entries: Vec<GzEntry>,
    /// Normalised full-name key → person entry (`None`: two people share it).
    person_names: WordMap<Option<EntryIdx>>,
    /// Normalised `first last` key → person entry (`None`: ambiguous).
    person_first_last: WordMap<Option<EntryIdx>>,
}

fn insert_unique(map: &mut WordMap<Option<EntryIdx>>, key: String, idx: EntryIdx) {
    map.entry(key)
        .and_modify(|v| {
            if *v != Some(idx) {
                *v = None
            }
        })
        .or_insert(Some(idx));
}

/// Where each column the gazetteer reads sits in a file's rows (`None`:
/// the file has no such column), found once per file.
struct Columns {
    width: usize,
    id: Option<usize>,
    kind: Option<usize>,
    name_fr: Option<usize>,
    name_en: Option<usize>,
    country: Option<usize>,
    sector: Option<usize>,
    aliases: Option<usize>,
    wikidata: Option<usize>,
    capitals: Option<usize>,
    demonyms: Option<usize>,
    adjective_phrases: Option<usize>,
}

impl Columns {
    fn of(header: &str) -> Columns {
        let names: Vec<&str> = header.split('\t').map(str::trim).collect();
        // The last column of a name wins, as in `lexicon::parse_table`.
        let at = |c: &str| names.iter().rposition(|h| *h == c);
        Columns {
            width: names.len(),
            id: at("id"),
            kind: at("kind"),
            name_fr: at("name_fr"),
            name_en: at("name_en"),
            country: at("country"),
            sector: at("sector"),
            aliases: at("aliases"),
            wikidata: at("wikidata"),
            capitals: at("capitals"),
            demonyms: at("demonyms"),
            adjective_phrases: at("adjective_phrases"),
        }
    }
}

/// One row of a gazetteer file, its fields borrowed from the file text
/// (same reading rules as [`lexicon::Row`]).
struct Row<'a> {
    line: usize,
    fields: &'a [&'a str],
    cols: &'a Columns,
}

impl<'a> Row<'a> {
    /// The trimmed field of column `col`; `None` when absent or empty.
    fn get(&self, col: Option<usize>) -> Option<&'a str> {
        let v = self.fields.get(col?)?.trim();
        (!v.is_empty()).then_some(v)
    }

    /// The field of column `col` (named `name`), or a format error.
    fn require(
        &self,
        col: Option<usize>,
        name: &str,
        path: &Path,
    ) -> Result<&'a str, LexiconError> {
        self.get(col).ok_or_else(|| LexiconError::Format {
            path: path.to_path_buf(),
            line: self.line,
            message: format!("missing value for column '{name}'"),
        })
    }

    /// The field of column `col` split on `|` into trimmed, non-empty items.
    fn list(&self, col: Option<usize>) -> impl Iterator<Item = &'a str> {
        self.get(col)
            .into_iter()
            .flat_map(|v| v.split('|').map(str::trim).filter(|s| !s.is_empty()))
    }
}

impl Gazetteer {
    /// Reads the gazetteer files.
    pub fn load(paths: &[PathBuf], translit: &Translit) -> Result<Self, LexiconError> {
        let mut gz = Gazetteer::default();
        // Id → (file index, line) of its first use, for the error message.
        let mut seen: WordMap<(usize, usize)> = WordMap::default();
        for (file, path) in paths.iter().enumerate() {
            // Read here rather than through `lexicon::read_table`: the
            // fields are borrowed from the file text and the columns
            // located once per file, not one String and one column-name
            // hash per field (half the stage's build time).
            let text = lexicon::read_text(path)?;
            let mut lines = lexicon::content_lines(&text);
            let Some((_, header)) = lines.next() else {
                return Err(LexiconError::Format {
                    path: path.clone(),
                    line: 1,
                    message: "no header line: the first non-comment line must name the columns"
                        .into(),
                });
            };
            let cols = Columns::of(header);
            for (col, at) in [("id", cols.id), ("kind", cols.kind)] {
                if at.is_none() {
                    return Err(LexiconError::Format {
                        path: path.clone(),
                        line: 1,
                        message: format!("the header has no '{col}' column"),
                    });
                }
            }
            let mut fields: Vec<&str> = Vec::with_capacity(cols.width);
            for (line, l) in lines {
                fields.clear();
                fields.extend(l.split('\t'));
                if fields.len() > cols.width {
                    return Err(LexiconError::Format {
                        path: path.clone(),
                        line,
                        message: format!(
                            "{} fields but the header names {} columns (a stray tab?)",
                            fields.len(),
                            cols.width
                        ),
                    });
                }
                let row = Row {
                    line,
                    fields: &fields,
                    cols: &cols,
                };
                let entry = Self::entry(&row, path)?;
                if let Some(&(f, l)) = seen.get(&entry.id) {
                    return Err(LexiconError::Format {
                        path: path.clone(),
                        line,
                        message: format!(
                            "id '{}' is already used at {}:{l}",
                            entry.id,
                            paths[f].display()
                        ),
                    });
                }
                seen.insert(entry.id.clone(), (file, line));
                gz.entries.push(entry);
            }
        }
        gz.index_people(translit);
        Ok(gz)
    }

    fn entry(row: &Row, path: &Path) -> Result<GzEntry, LexiconError> {
        let id = row.require(row.cols.id, "id", path)?.to_string();
        let kind_s = row.require(row.cols.kind, "kind", path)?;
        let kind = ActorKind::parse(kind_s).ok_or_else(|| LexiconError::Format {
            path: path.to_path_buf(),
            line: row.line,
            message: format!("unknown kind '{kind_s}' (country, place, organization, person)"),
        })?;
        let own = |s: &str| s.to_string();
        let c = row.cols;
        let mut country = row.get(c.country).map(own);
        if kind == ActorKind::Country && country.is_none() {
            country = id
                .rsplit(':')
                .next()
                .filter(|c| c.len() == 3 && c.chars().all(|x| x.is_ascii_uppercase()))
                .map(own);
        }
        let mut demonyms: Vec<String> = row.list(c.demonyms).map(own).collect();
        demonyms.extend(row.list(c.adjective_phrases).map(own));
        let entry = GzEntry {
            key: format!("gz:{id}"),
            id,
            kind,
            name_fr: row.get(c.name_fr).map(own),
            name_en: row.get(c.name_en).map(own),
            country,
            sector: row.get(c.sector).map(own),
            aliases: row.list(c.aliases).map(own).collect(),
            wikidata: row.get(c.wikidata).map(own),
            capitals: row.list(c.capitals).map(own).collect(),
            demonyms,
            name_words: Vec::new(),
            name_folds: Vec::new(),
            distinct_names: Vec::new(),
            actor_id: OnceLock::new(),
        };
        let mut distinct: Vec<String> = Vec::new();
        for n in entry.names() {
            if !distinct.iter().any(|a| a == n) {
                distinct.push(n.to_string());
            }
        }
        let entry = GzEntry {
            distinct_names: distinct,
            ..entry
        };
        if entry.names().next().is_none() {
            return Err(LexiconError::Format {
                path: path.to_path_buf(),
                line: row.line,
                message: "the entry has no name: fill name_fr, name_en or aliases".into(),
            });
        }
        Ok(entry)
    }

    fn index_people(&mut self, translit: &Translit) {
        for e in self
            .entries
            .iter_mut()
            .filter(|e| e.kind == ActorKind::Person)
        {
            let names: Vec<String> = e.names().map(str::to_string).collect();
            e.name_words = names.iter().map(|n| translit.words(n)).collect();
            e.name_folds = names
                .iter()
                .map(|n| super::scan::fold_key(n))
                .filter(|n| n.contains(' '))
                .collect();
        }
        for (i, e) in self.entries.iter().enumerate() {
            for words in &e.name_words {
                if words.len() < 2 {
                    continue;
                }
                insert_unique(&mut self.person_names, words.join(" "), i as EntryIdx);
                let fl = format!("{} {}", words[0], words[words.len() - 1]);
                insert_unique(&mut self.person_first_last, fl, i as EntryIdx);
            }
        }
    }

    /// The known person a full name (two words or more, normalised words)
    /// refers to: same normalised name, or same first and last words.
    pub fn person(&self, words: &[String]) -> Option<EntryIdx> {
        if words.len() < 2 {
            return None;
        }
        if let Some(hit) = self.person_names.get(&words.join(" ")) {
            return *hit;
        }
        let fl = format!("{} {}", words[0], words[words.len() - 1]);
        self.person_first_last.get(&fl).copied().flatten()
    }

    /// The entry at an index.
    pub fn get(&self, idx: EntryIdx) -> &GzEntry {
        &self.entries[idx as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::super::testdata;
    use super::*;

    #[test]
    fn fixture_loads_with_country_extras_and_people_index() {
        let names = testdata::names();
        let gz = Gazetteer::load(&testdata::gazetteer_files(), &names.translit).unwrap();
        let rus = gz.entries.iter().find(|e| e.id == "country:RUS").unwrap();
        assert_eq!(rus.country.as_deref(), Some("RUS"));
        assert!(rus.capitals.iter().any(|c| c == "Moscou"));
        assert!(rus.demonyms.iter().any(|d| d == "russe"));
        let lavrov = gz
            .entries
            .iter()
            .position(|e| e.id == "person:sergei-lavrov")
            .unwrap();
        for spelling in [
            "Sergueï Lavrov",
            "Sergey Lavrov",
            "Sergei Viktorovitch Lavrov",
        ] {
            assert_eq!(
                gz.person(&names.translit.words(spelling)),
                Some(lavrov as EntryIdx),
                "{spelling}"
            );
        }
        assert_eq!(gz.person(&names.translit.words("Lavrov")), None);
        assert_eq!(gz.person(&names.translit.words("Ivan Lavrov")), None);
    }

    #[test]
    fn duplicate_ids_are_rejected_with_both_places() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("g.tsv");
        std::fs::write(
            &p,
            "id\tkind\tname_fr\nplace:x\tplace\tX\nplace:x\tplace\tY\n",
        )
        .unwrap();
        let err = Gazetteer::load(&[p], &Translit::default())
            .unwrap_err()
            .to_string();
        assert!(err.contains("place:x") && err.contains("line 3"), "{err}");
    }
}
