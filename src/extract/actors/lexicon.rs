//! The per-language word lists of the actors stage (titles, descriptors,
//! organisation heads, false capitals, grammar words), loaded once.
//!
//! Every lookup is on folded forms ([`fold_key`]), so a token's folded
//! slice of [`super::scan::Scan::folded`] is looked up without allocating.

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::document::ActorKind;
use crate::lexicon::{self, Fnv, LexiconError};

use super::scan::{fold_key, fold_owned};
use super::trie::{HASH_BITS, word_hash};

/// A map keyed by folded words. The keys come from our own data files and
/// lookups happen for many tokens of every document, so it uses the fast
/// [`Fnv`] hash rather than SipHash.
pub type WordMap<V> = HashMap<String, V, BuildHasherDefault<Fnv>>;

/// A set of folded words, hashed like [`WordMap`].
pub type WordSet = HashSet<String, BuildHasherDefault<Fnv>>;

/// One bit per word hash (`trie::word_hash`) of each word of a set: a clear bit proves a
/// word absent in a few instructions, before any hashing of the set (most
/// words of a text are in none of the lists). Empty: proves nothing.
#[derive(Debug, Clone, Default)]
pub struct Signs(Vec<u64>);

impl Signs {
    /// The signs of `words`.
    pub fn of<'w>(words: impl Iterator<Item = &'w str>) -> Signs {
        let mut bits = vec![0u64; 1 << (HASH_BITS - 6)];
        for w in words {
            let h = word_hash(w.as_bytes(), 0, w.len());
            bits[h / 64] |= 1 << (h % 64);
        }
        Signs(bits)
    }

    /// False when `w` is surely not one of the words.
    #[inline]
    pub fn may_contain(&self, w: &str) -> bool {
        let h = word_hash(w.as_bytes(), 0, w.len());
        self.0.get(h / 64).is_none_or(|s| s & 1 << (h % 64) != 0)
    }
}

/// Data files of one language, relative to the configuration file.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct LangFiles {
    /// Titles, modifiers and honorifics (`actor_titles.tsv`).
    pub titles: String,
    /// Descriptors introducing organisations and places (`actor_cues.tsv`).
    pub cues: String,
    /// Head nouns of organisation and place names (`org_heads.tsv`).
    pub org_heads: String,
    /// Lowercase words allowed inside organisation names (`org_words.txt`).
    pub org_words: String,
    /// Words that are never names (`false_capitals.tsv`).
    pub false_capitals: String,
    /// Grammar words by role (`actor_grammar.tsv`).
    pub grammar: String,
}

impl LangFiles {
    /// The conventional file names under `lexicons/LANG/`.
    pub fn standard(lang: &str) -> Self {
        let f = |name: &str| format!("lexicons/{lang}/{name}");
        LangFiles {
            titles: f("actor_titles.tsv"),
            cues: f("actor_cues.tsv"),
            org_heads: f("org_heads.tsv"),
            org_words: f("org_words.txt"),
            false_capitals: f("false_capitals.tsv"),
            grammar: f("actor_grammar.tsv"),
        }
    }
}

/// What a title-lexicon entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleKind {
    /// A function or rank (`ministre`, `colonel`).
    Title,
    /// A word that may precede a title (`ancien`, `deputy`).
    Modifier,
    /// `M.`, `Mme`, `Mr.`: introduces a name, adds no role.
    Honorific,
}

/// One title-lexicon entry.
#[derive(Debug, Clone)]
pub struct TitleEntry {
    /// The form as written in the file.
    pub form: String,
    /// Title, modifier or honorific.
    pub kind: TitleKind,
    /// PLOVER sector for an unknown person it introduces.
    pub sector: Option<String>,
}

/// One descriptor entry (`le site`, `la ville de`).
#[derive(Debug, Clone)]
pub struct CueEntry {
    /// The form as written in the file.
    pub form: String,
    /// Organisation or place.
    pub kind: ActorKind,
    /// PLOVER sector.
    pub sector: Option<String>,
}

/// Where an organisation head sits in the name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeadPosition {
    /// Opens the name (`Ministère de ...`).
    pub first: bool,
    /// Closes a run of capitalised words (`... Group`).
    pub last: bool,
}

/// One organisation or place head noun.
#[derive(Debug, Clone)]
pub struct Head {
    /// Organisation or place.
    pub kind: ActorKind,
    /// Where it sits.
    pub position: HeadPosition,
    /// `HEAD de X` with X a gazetteer actor names X itself.
    pub same_as_inner: bool,
    /// PLOVER sector.
    pub sector: Option<String>,
}

/// Class of a false capital.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FalseCap {
    /// Grammar word or sentence opener.
    Function,
    /// Month, weekday, holiday.
    Calendar,
    /// Common noun capitalised inside names and titles.
    Common,
}

/// Roles of grammar words (a word may have several).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Grammar {
    /// Links a head or title to its complement (`de`, `of`).
    pub of: bool,
    /// Determiner or possessive (`le`, `the`, `son`).
    pub det: bool,
    /// Coordination (`et`, `and`).
    pub and: bool,
    /// Elided word before an apostrophe (`l`, `d`).
    pub elision: bool,
    /// Possessive suffix after an apostrophe (`s`).
    pub possessive: bool,
    /// Preposition making a city a place (`à`, `in`).
    pub locative: bool,
    /// Noun making `de` + city a place (`près`, `outskirts`).
    pub locnoun: bool,
}

/// The word lists of one language.
#[derive(Debug, Clone, Default)]
pub struct LangLexicon {
    /// Titles, in file order (indexed by the matcher's payloads).
    pub titles: Vec<TitleEntry>,
    /// Descriptors, in file order.
    pub cues: Vec<CueEntry>,
    /// Heads by folded form.
    pub heads: WordMap<Head>,
    /// Signs of the head words, set by [`LangLexicon::load`].
    pub head_signs: Signs,
    /// Folded lowercase words allowed inside organisation names.
    pub org_words: WordSet,
    /// False capitals by folded form.
    pub false_caps: WordMap<FalseCap>,
    /// Signs of the false capitals, set by [`LangLexicon::load`].
    pub false_cap_signs: Signs,
    /// Grammar roles by folded form.
    pub grammar: WordMap<Grammar>,
    /// Signs of the grammar words, set by [`LangLexicon::load`]: grammar
    /// roles are asked of most words around every candidate, and few are
    /// grammar words.
    pub grammar_signs: Signs,
}

fn format_error(path: &Path, line: usize, message: String) -> LexiconError {
    LexiconError::Format {
        path: path.to_path_buf(),
        line,
        message,
    }
}

fn parse_kind(s: &str, path: &Path, line: usize) -> Result<ActorKind, LexiconError> {
    match ActorKind::parse(s) {
        Some(k @ (ActorKind::Organization | ActorKind::Place)) => Ok(k),
        _ => Err(format_error(
            path,
            line,
            format!("kind '{s}' must be organization or place"),
        )),
    }
}

impl LangLexicon {
    /// Loads one language's files, resolving paths with `resolve`.
    pub fn load(
        files: &LangFiles,
        resolve: impl Fn(&str) -> std::path::PathBuf,
    ) -> Result<Self, LexiconError> {
        let mut lex = LangLexicon::default();

        let path = resolve(&files.titles);
        for row in &lexicon::read_table(&path)?.rows {
            let kind = match row.require("kind", &path)? {
                "title" => TitleKind::Title,
                "modifier" => TitleKind::Modifier,
                "honorific" => TitleKind::Honorific,
                other => {
                    return Err(format_error(
                        &path,
                        row.line,
                        format!("kind '{other}' must be title, modifier or honorific"),
                    ));
                }
            };
            lex.titles.push(TitleEntry {
                form: row.require("form", &path)?.to_string(),
                kind,
                sector: row.get("sector").map(str::to_string),
            });
        }

        let path = resolve(&files.cues);
        for row in &lexicon::read_table(&path)?.rows {
            lex.cues.push(CueEntry {
                form: row.require("form", &path)?.to_string(),
                kind: parse_kind(row.require("kind", &path)?, &path, row.line)?,
                sector: row.get("sector").map(str::to_string),
            });
        }

        let path = resolve(&files.org_heads);
        for row in &lexicon::read_table(&path)?.rows {
            let position = match row.require("position", &path)? {
                "first" => HeadPosition {
                    first: true,
                    last: false,
                },
                "last" => HeadPosition {
                    first: false,
                    last: true,
                },
                "both" => HeadPosition {
                    first: true,
                    last: true,
                },
                other => {
                    return Err(format_error(
                        &path,
                        row.line,
                        format!("position '{other}' must be first, last or both"),
                    ));
                }
            };
            let same_as_inner = match row.get("inner").unwrap_or("new") {
                "same" => true,
                "new" => false,
                other => {
                    return Err(format_error(
                        &path,
                        row.line,
                        format!("inner '{other}' must be same or new"),
                    ));
                }
            };
            lex.heads.insert(
                fold_key(row.require("head", &path)?),
                Head {
                    kind: parse_kind(row.require("kind", &path)?, &path, row.line)?,
                    position,
                    same_as_inner,
                    sector: row.get("sector").map(str::to_string),
                },
            );
        }

        lex.head_signs = Signs::of(lex.heads.keys().map(String::as_str));

        let path = resolve(&files.org_words);
        lex.org_words = lexicon::read_list(&path)?
            .into_iter()
            .map(fold_owned)
            .collect();

        let path = resolve(&files.false_capitals);
        for row in &lexicon::read_table(&path)?.rows {
            let class = match row.require("class", &path)? {
                "function" => FalseCap::Function,
                "calendar" => FalseCap::Calendar,
                "common" => FalseCap::Common,
                other => {
                    return Err(format_error(
                        &path,
                        row.line,
                        format!("class '{other}' must be function, calendar or common"),
                    ));
                }
            };
            lex.false_caps
                .insert(fold_key(row.require("word", &path)?), class);
        }

        let path = resolve(&files.grammar);
        for row in &lexicon::read_table(&path)?.rows {
            let g = lex
                .grammar
                .entry(fold_key(row.require("word", &path)?))
                .or_default();
            match row.require("role", &path)? {
                "of" => g.of = true,
                "det" => g.det = true,
                "and" => g.and = true,
                "elision" => g.elision = true,
                "possessive" => g.possessive = true,
                "locative" => g.locative = true,
                "locnoun" => g.locnoun = true,
                other => {
                    return Err(format_error(
                        &path,
                        row.line,
                        format!(
                            "role '{other}' must be of, det, and, elision, possessive, locative or locnoun"
                        ),
                    ));
                }
            }
        }
        lex.false_cap_signs = Signs::of(lex.false_caps.keys().map(String::as_str));
        lex.grammar_signs = Signs::of(lex.grammar.keys().map(String::as_str));
        Ok(lex)
    }

    /// Grammar roles of a folded word (all false when unknown).
    pub fn grammar(&self, folded: &str) -> Grammar {
        if !self.grammar_signs.may_contain(folded) {
            return Grammar::default();
        }
        self.grammar.get(folded).copied().unwrap_or_default()
    }

    /// The organisation head a folded word is, if any.
    pub fn head(&self, folded: &str) -> Option<&Head> {
        if self.head_signs.may_contain(folded) {
            self.heads.get(folded)
        } else {
            None
        }
    }

    /// The false-capital class of a folded word.
    pub fn false_cap(&self, folded: &str) -> Option<FalseCap> {
        if !self.false_cap_signs.may_contain(folded) {
            return None;
        }
        self.false_caps.get(folded).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_load_with_every_class() {
        let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("pipelines");
        for lang in ["fr", "en"] {
            let lex = LangLexicon::load(&LangFiles::standard(lang), |p| base.join(p))
                .unwrap_or_else(|e| panic!("{lang}: {e}"));
            assert!(
                lex.titles.iter().any(|t| t.kind == TitleKind::Honorific),
                "{lang}"
            );
            assert!(
                lex.titles.iter().any(|t| t.kind == TitleKind::Modifier),
                "{lang}"
            );
            assert!(
                lex.cues.iter().any(|c| c.kind == ActorKind::Place),
                "{lang}"
            );
            assert!(lex.heads.values().any(|h| h.same_as_inner), "{lang}");
            assert!(!lex.org_words.is_empty(), "{lang}");
            for class in [FalseCap::Function, FalseCap::Calendar, FalseCap::Common] {
                assert!(
                    lex.false_caps.values().any(|c| *c == class),
                    "{lang} {class:?}"
                );
            }
            assert!(lex.grammar.values().any(|g| g.of && !g.det), "{lang}");
            assert!(lex.grammar.values().any(|g| g.locative), "{lang}");
        }
    }
}
