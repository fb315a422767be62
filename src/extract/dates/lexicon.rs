//! The date words of one language, loaded once from `pipelines/lexicons/<lang>/dates/`.
//!
//! Every word file has the columns `form`, `class`, `value` and an optional
//! `cased` (`yes` when the word only counts when written with a capital, as
//! English month names: `May` is a month, `may` a verb). A form may be listed
//! under several classes (`au` is both a preposition and a range end); the
//! classes are those of [`super::class`].
//! All forms are compiled into one trie per language ([`super::trie`]),
//! walked from each word start that [`super::wordtab`] does not settle.

use std::collections::HashMap;
use std::path::Path;

use crate::lexicon::{LexiconError, read_table};

use super::class::{Class, Sem, parse_sem};
use super::segment::Segments;
use super::trie::Trie;
use super::wordtab::WordTable;

/// One form of a word file after parsing.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    /// Classes the form belongs to, as a mask of [`Class::bit`].
    pub classes: u32,
    /// The meaning under each class.
    pub sems: Vec<(Class, Sem)>,
    /// True when the form must start with a capital letter in the text.
    pub cased: bool,
}

/// All word forms of a language and their automaton.
pub(crate) struct Words {
    /// Entries, indexed by [`Words::pattern_entry`].
    pub entries: Vec<Entry>,
    /// Trie form index → entry index (a form has several spelling variants).
    pub pattern_entry: Vec<u32>,
    /// Every variant, ASCII case ignored.
    pub trie: Trie,
    /// The variants in trie order, to check the trie against a plain
    /// Aho-Corasick search.
    #[cfg(test)]
    pub forms: Vec<String>,
    /// The first words of the variants: most word starts are settled
    /// there without walking the trie.
    pub table: WordTable,
    /// One-character punctuation forms (`,`, `-`) and their entries: they
    /// are only looked for between two other items, not by the automaton.
    pub punctuation: Vec<(char, u32)>,
    /// The anchor and break words that let the scan skip the stretches of
    /// text that cannot hold a date.
    pub segments: Segments,
}

fn format_err(path: &Path, line: usize, message: String) -> LexiconError {
    LexiconError::Format {
        path: path.to_path_buf(),
        line,
        message,
    }
}

/// Spelling variants of a form the automaton must also find: both
/// apostrophes, and a capitalised first letter for non-ASCII initials
/// (ASCII case is already ignored by the automaton).
fn variants(form: &str) -> Vec<String> {
    let mut out = vec![form.to_string()];
    if form.contains('\'') {
        out.push(form.replace('\'', "\u{2019}"));
    }
    if form.contains('\u{2019}') {
        out.push(form.replace('\u{2019}', "'"));
    }
    let mut extra = Vec::new();
    for v in &out {
        let mut chars = v.chars();
        if let Some(first) = chars.next()
            && !first.is_ascii()
            && first.is_lowercase()
        {
            extra.push(first.to_uppercase().chain(chars).collect::<String>());
        }
    }
    out.extend(extra);
    out
}

impl Words {
    /// Reads the word files and compiles the automaton.
    pub(crate) fn load(paths: &[std::path::PathBuf]) -> Result<Words, LexiconError> {
        let mut by_form: HashMap<String, usize> = HashMap::new();
        let mut entries: Vec<(String, Entry)> = Vec::new();
        for path in paths {
            let table = read_table(path)?;
            for row in &table.rows {
                let form = row.require("form", path)?.to_string();
                let class_name = row.require("class", path)?;
                let class = Class::from_word_class(class_name).ok_or_else(|| {
                    format_err(
                        path,
                        row.line,
                        format!("unknown class '{class_name}' (see the header of this file)"),
                    )
                })?;
                let sem = parse_sem(class, row.get("value"))
                    .map_err(|m| format_err(path, row.line, m))?;
                let cased = row.get("cased") == Some("yes");
                let idx = *by_form.entry(form.clone()).or_insert_with(|| {
                    entries.push((
                        form.clone(),
                        Entry {
                            classes: 0,
                            sems: Vec::new(),
                            cased,
                        },
                    ));
                    entries.len() - 1
                });
                let entry = &mut entries[idx].1;
                entry.classes |= class.bit();
                entry.cased |= cased;
                if !entry.sems.iter().any(|(c, _)| *c == class) {
                    entry.sems.push((class, sem));
                }
            }
        }
        let mut forms = Vec::new();
        let mut pattern_entry = Vec::new();
        let mut punctuation = Vec::new();
        for (i, (form, _)) in entries.iter().enumerate() {
            let mut chars = form.chars();
            if let (Some(c), None) = (chars.next(), chars.next())
                && !c.is_alphanumeric()
            {
                punctuation.push((c, i as u32));
                continue;
            }
            if !form.starts_with(char::is_alphanumeric) {
                return Err(LexiconError::Format {
                    path: paths.first().cloned().unwrap_or_default(),
                    line: 0,
                    message: format!(
                        "form '{form}' starts with punctuation: only one-character punctuation forms may"
                    ),
                });
            }
            for v in variants(form) {
                forms.push(v);
                pattern_entry.push(i as u32);
            }
        }
        let trie = Trie::new(&forms).map_err(|message| LexiconError::Format {
            path: paths.first().cloned().unwrap_or_default(),
            line: 0,
            message,
        })?;
        let table = WordTable::new(&forms, &trie);
        let entries: Vec<Entry> = entries.into_iter().map(|(_, e)| e).collect();
        let segments = Segments::new(&forms, &pattern_entry, &entries, &punctuation);
        Ok(Words {
            entries,
            segments,
            pattern_entry,
            table,
            punctuation,
            trie,
            #[cfg(test)]
            forms,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_cover_apostrophes_and_accented_capitals() {
        let v = variants("aujourd'hui");
        assert!(v.contains(&"aujourd\u{2019}hui".to_string()));
        let v = variants("été");
        assert!(v.contains(&"Été".to_string()));
    }
}
