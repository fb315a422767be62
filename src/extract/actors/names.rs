//! Person-name knowledge shared by both languages: first names, name
//! particles and the transliteration rules that turn a name into its
//! run-wide identity key.
//!
//! The key of a name is its folded words (accents, case, hyphens → spaces)
//! rewritten by ordered rules read from `transliteration.tsv`, so that
//! `Sergueï`/`Sergei`/`Sergey`, `Iounous`/`Yunus`, `Evkourov`/`Yevkurov`
//! and `Poutine`/`Putin` give the same word. The rules only need to be
//! consistent, not pretty: keys are hashed, never shown.

use std::path::Path;

use crate::lexicon::{self, LexiconError};

use super::lexicon::{Signs, WordSet};
use super::scan::{fold_key, fold_owned};

/// Where in a word a rewrite applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// The whole word.
    Word,
    /// A prefix.
    Start,
    /// A suffix.
    End,
    /// Every occurrence.
    Any,
}

/// One rewrite rule.
#[derive(Debug, Clone)]
struct Rule {
    from: String,
    to: String,
    place: Place,
    /// [`letter_mask`] of `from`: a word lacking one of them cannot match.
    letters: u64,
}

/// One bit per distinct byte value of `s` (modulo 64): a cheap test that
/// rules out most rules for a word before any substring search.
fn letter_mask(s: &str) -> u64 {
    s.bytes().fold(0, |m, b| m | 1 << (b & 63))
}

/// Ordered rewrite rules that normalise transliteration variants.
#[derive(Debug, Clone, Default)]
pub struct Translit {
    rules: Vec<Rule>,
}

/// `hay.contains(needle)` for the few-letter words of names, without the
/// set-up cost of the general substring searcher.
fn contains(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    match n.first() {
        None => true,
        Some(&first) => h.windows(n.len()).any(|w| w[0] == first && w == n),
    }
}

impl Translit {
    /// Reads rows with the columns `from`, `to`, `where` (word, start, end, any), `comment`.
    pub fn load(path: &Path) -> Result<Self, LexiconError> {
        let table = lexicon::read_table(path)?;
        let mut rules = Vec::new();
        for row in &table.rows {
            let from = fold_key(row.require("from", path)?);
            let to = row.get("to").map(fold_key).unwrap_or_default();
            let place = match row.require("where", path)? {
                "word" => Place::Word,
                "start" => Place::Start,
                "end" => Place::End,
                "any" => Place::Any,
                other => {
                    return Err(LexiconError::Format {
                        path: path.to_path_buf(),
                        line: row.line,
                        message: format!("unknown 'where' value '{other}' (word, start, end, any)"),
                    });
                }
            };
            if from.is_empty() || from.contains(' ') {
                return Err(LexiconError::Format {
                    path: path.to_path_buf(),
                    line: row.line,
                    message: "'from' must be one non-empty word".into(),
                });
            }
            rules.push(Rule {
                letters: letter_mask(&from),
                from,
                to,
                place,
            });
        }
        Ok(Translit { rules })
    }

    /// Rewrites one folded word.
    fn word(&self, w: &str) -> String {
        let mut cur = w.to_string();
        let mut mask = letter_mask(&cur);
        for r in &self.rules {
            if r.letters & !mask != 0 {
                continue;
            }
            let rewritten = match r.place {
                Place::Word => (cur == r.from).then(|| r.to.clone()),
                Place::Start => cur
                    .strip_prefix(r.from.as_str())
                    .map(|rest| format!("{}{}", r.to, rest)),
                Place::End => cur
                    .strip_suffix(r.from.as_str())
                    .map(|rest| format!("{}{}", rest, r.to)),
                Place::Any => contains(&cur, &r.from).then(|| cur.replace(r.from.as_str(), &r.to)),
            };
            // The mask changes only with the word.
            if let Some(next) = rewritten {
                cur = next;
                mask = letter_mask(&cur);
            }
        }
        cur
    }

    /// The normalised words of a name (`Bek-Evkourov` → `["bek", "evkurov"]`).
    pub fn words(&self, name: &str) -> Vec<String> {
        fold_key(name)
            .split(' ')
            .filter(|w| !w.is_empty())
            .map(|w| self.word(w))
            .filter(|w| !w.is_empty())
            .collect()
    }

    /// The normalised key of a name: its normalised words joined by spaces.
    pub fn key(&self, name: &str) -> String {
        self.words(name).join(" ")
    }
}

/// First names, particles and transliteration rules.
#[derive(Debug, Clone, Default)]
pub struct Names {
    /// Folded first names (`serguei`, `abdoulaye`, `jean marie`).
    pub first_names: WordSet,
    /// Folded particles that may sit inside a name (`ben`, `ould`, `al`).
    pub particles: WordSet,
    /// Transliteration rules for identity keys.
    pub translit: Translit,
    /// Signs of the first names, set by [`Names::load`]: most capitalised
    /// words are not first names.
    first_signs: Signs,
}

impl Names {
    /// Loads the first-name lists, the particle list and the rules.
    pub fn load(
        first_names: &[std::path::PathBuf],
        particles: &Path,
        translit: &Path,
    ) -> Result<Self, LexiconError> {
        let mut names = Names {
            translit: Translit::load(translit)?,
            ..Default::default()
        };
        for p in first_names {
            names
                .first_names
                .extend(lexicon::read_list(p)?.into_iter().map(fold_owned));
        }
        names.first_names.remove("");
        names.first_signs = Signs::of(names.first_names.iter().map(String::as_str));
        names.particles = lexicon::read_list(particles)?
            .into_iter()
            .map(fold_owned)
            .filter(|s| !s.is_empty())
            .collect();
        Ok(names)
    }

    /// True when a folded word (or the first part of a folded hyphenated
    /// word, `jean pierre` → `jean`) is a known first name.
    pub fn is_first_name(&self, folded: &str) -> bool {
        let known = |w: &str| self.first_signs.may_contain(w) && self.first_names.contains(w);
        known(folded) || folded.split_once(' ').is_some_and(|(a, _)| known(a))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn translit() -> Translit {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("pipelines/lexicons/names/transliteration.tsv");
        Translit::load(&path).expect("transliteration rules load")
    }

    #[test]
    fn variants_share_a_key() {
        let t = translit();
        let same = [
            ("ru fr/en", "Sergueï Lavrov", "Sergei Lavrov"),
            ("ru -ey", "Sergey Lavrov", "Serguei Lavrov"),
            ("ru hyphen", "Iounous Bek-Evkourov", "Yunus Bek Yevkurov"),
            ("ru hyphen 2", "Yunus-Bek Yevkurov", "Yunus Bek Yevkurov"),
            ("ru -ine", "Vladimir Poutine", "Vladimir Putin"),
            ("ru zh/j", "Evgueni Prigojine", "Yevgeny Prigozhin"),
            ("ru -iy", "Dmitriy Medvedev", "Dmitri Medvedev"),
            ("ru y", "Andreï Averianov", "Andrey Averyanov"),
            ("ru sh/ch", "Sergueï Choïgou", "Sergei Shoigu"),
            ("fr/en -dre", "Alexandre Novak", "Alexander Novak"),
            ("ar", "Mouhammed Ould Ghazouani", "Mohamed Ould Ghazouani"),
            ("accents", "Assimi Goïta", "ASSIMI GOITA"),
        ];
        for (name, a, b) in same {
            assert_eq!(t.key(a), t.key(b), "case {name}: {a} / {b}");
        }
    }

    #[test]
    fn different_people_keep_different_keys() {
        let t = translit();
        let differ = [
            ("shared surname", "Ibrahim Traoré", "Aminata Traoré"),
            ("close first names", "Sergueï Lavrov", "Sergueï Lavrova"),
            ("niger/nigeria", "Niger", "Nigeria"),
            ("guinea", "Guinée", "Guinée-Bissau"),
        ];
        for (name, a, b) in differ {
            assert_ne!(t.key(a), t.key(b), "case {name}: {a} / {b}");
        }
    }
}
