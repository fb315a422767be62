//! Inflected forms of trigger verbs and nouns, generated from their lemma and
//! a small paradigm table per language (data: `verb_inflection.tsv`,
//! `noun_plurals.tsv`).
//!
//! A paradigm row names an ending of the lemma (`er`, `cevoir`, or a whole
//! irregular lemma such as `meet`) and, per tense column, the suffixes that
//! replace it (`0` is the empty suffix). The longest ending that the lemma
//! ends with wins, so irregular verbs are rows keyed by the verb itself and
//! prefixed verbs (`promettre`, `withhold`) share their base's row. Each
//! generated form carries the tenses it can express, which the status rules
//! read (a French future `signera`, a participle `signé` after `être`).

use std::path::Path;

use crate::lexicon::{LexiconError, read_table};

use super::tokens::fold_entry;

/// Bit set of the tenses a form can express.
pub type Tenses = u8;
/// Infinitive.
pub const INF: Tenses = 1;
/// Present (and imperative).
pub const PRES: Tenses = 2;
/// Past (simple past, imperfect, preterite).
pub const PAST: Tenses = 4;
/// Future.
pub const FUT: Tenses = 8;
/// Conditional.
pub const COND: Tenses = 16;
/// Subjunctive.
pub const SUBJ: Tenses = 32;
/// Past participle.
pub const PPART: Tenses = 64;
/// Present participle / gerund.
pub const GER: Tenses = 128;

const TENSE_COLUMNS: [(&str, Tenses); 8] = [
    ("inf", INF),
    ("pres", PRES),
    ("past", PAST),
    ("fut", FUT),
    ("cond", COND),
    ("subj", SUBJ),
    ("ppart", PPART),
    ("ger", GER),
];

#[derive(Debug, Clone)]
struct Paradigm {
    ending: String,
    /// Applies to the lemma equal to `ending` only (irregular verbs).
    exact: bool,
    suffixes: Vec<(String, Tenses)>,
}

/// Generates inflected forms for one language.
#[derive(Debug, Clone, Default)]
pub struct Inflector {
    verbs: Vec<Paradigm>,
    nouns: Vec<Paradigm>,
}

fn parse_cell(cell: Option<&str>) -> Vec<String> {
    cell.map(|v| {
        v.split('|')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| {
                if s == "0" {
                    String::new()
                } else {
                    fold_entry(s)
                }
            })
            .collect()
    })
    .unwrap_or_default()
}

fn load_paradigms(path: &Path, columns: &[(&str, Tenses)]) -> Result<Vec<Paradigm>, LexiconError> {
    let table = read_table(path)?;
    let mut out = Vec::new();
    for row in &table.rows {
        let ending = row.require("ending", path)?;
        let exact = ending.starts_with('=');
        let ending = match ending.trim_start_matches('=') {
            "*" => String::new(),
            e => fold_entry(e),
        };
        let mut suffixes: Vec<(String, Tenses)> = Vec::new();
        for (col, tag) in columns {
            for s in parse_cell(row.get(col)) {
                match suffixes.iter_mut().find(|(x, _)| *x == s) {
                    Some((_, t)) => *t |= tag,
                    None => suffixes.push((s, *tag)),
                }
            }
        }
        out.push(Paradigm {
            ending,
            exact,
            suffixes,
        });
    }
    // longest ending first, so the first match is the most specific
    out.sort_by_key(|r| std::cmp::Reverse(r.ending.len()));
    Ok(out)
}

fn apply(paradigms: &[Paradigm], lemma: &str) -> Vec<(String, Tenses)> {
    let Some(p) = paradigms.iter().find(|p| {
        if p.exact {
            lemma == p.ending
        } else {
            lemma.ends_with(&p.ending)
        }
    }) else {
        return vec![(lemma.to_string(), INF | PRES)];
    };
    let stem = &lemma[..lemma.len() - p.ending.len()];
    // the suffixes are distinct (merged when loaded), and so are the forms
    p.suffixes
        .iter()
        .map(|(suffix, tags)| {
            let mut form = String::with_capacity(stem.len() + suffix.len());
            form.push_str(stem);
            form.push_str(suffix);
            (form, *tags)
        })
        .collect()
}

impl Inflector {
    /// Loads the verb paradigms and noun plural rules of one language.
    pub fn load(verbs: &Path, nouns: &Path) -> Result<Self, LexiconError> {
        Ok(Inflector {
            verbs: load_paradigms(verbs, &TENSE_COLUMNS)?,
            nouns: load_paradigms(nouns, &[("singular", PRES), ("plural", PRES)])?,
        })
    }

    /// Every form of a (folded) verb lemma with the tenses it expresses.
    pub fn verb_forms(&self, lemma: &str) -> Vec<(String, Tenses)> {
        apply(&self.verbs, lemma)
    }

    /// Singular and plural of a (folded) noun.
    pub fn noun_forms(&self, noun: &str) -> Vec<String> {
        let mut forms: Vec<String> = apply(&self.nouns, noun)
            .into_iter()
            .map(|(f, _)| f)
            .collect();
        if !forms.iter().any(|f| f == noun) {
            forms.push(noun.to_string());
        }
        forms
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inflector(lang: &str) -> Inflector {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("pipelines/lexicons")
            .join(lang);
        Inflector::load(
            &dir.join("verb_inflection.tsv"),
            &dir.join("noun_plurals.tsv"),
        )
        .unwrap()
    }

    fn has(forms: &[(String, Tenses)], form: &str, tense: Tenses) -> bool {
        forms.iter().any(|(f, t)| f == form && t & tense != 0)
    }

    #[test]
    fn french_verbs_conjugate() {
        let fr = inflector("fr");
        let cases: &[(&str, &str, Tenses)] = &[
            ("signer", "signera", FUT),
            ("signer", "signe", PPART),
            ("signer", "signerait", COND),
            ("rendre", "rendue", PPART),
            ("rendre", "rend", PRES),
            ("recevoir", "recus", PPART),
            ("recevoir", "recoit", PRES),
            ("promettre", "promis", PPART),
            ("s'entretenir", "entretenu", PPART),
            ("entretenir", "entretiendra", FUT),
            ("fournir", "fournissent", PRES),
            ("envoyer", "enverra", FUT),
            ("exiger", "exigeant", GER),
            ("accueillir", "accueilli", PPART),
            ("reconnaitre", "reconnait", PRES),
            ("appeler", "appellent", PRES),
            ("installer", "installe", PRES),
        ];
        for (lemma, form, tense) in cases {
            let lemma = lemma.trim_start_matches("s'");
            assert!(
                has(&fr.verb_forms(lemma), form, *tense),
                "{lemma} -> {form}"
            );
        }
        assert!(!has(&fr.verb_forms("signer"), "signa", FUT));
    }

    #[test]
    fn english_verbs_conjugate() {
        let en = inflector("en");
        let cases: &[(&str, &str, Tenses)] = &[
            ("sign", "signed", PAST),
            ("sign", "signs", PRES),
            ("pledge", "pledging", GER),
            ("agree", "agreed", PAST),
            ("agree", "agreeing", GER),
            ("meet", "met", PAST),
            ("withdraw", "withdrawn", PPART),
            ("withhold", "withheld", PAST),
            ("commit", "committed", PAST),
            ("expel", "expelled", PPART),
            ("deploy", "deployed", PAST),
            ("deny", "denied", PAST),
            ("veto", "vetoes", PRES),
            ("launch", "launches", PRES),
            ("visit", "visited", PAST),
            ("target", "targeted", PAST),
            ("welcome", "welcomed", PAST),
            ("close", "closed", PAST),
        ];
        for (lemma, form, tense) in cases {
            assert!(
                has(&en.verb_forms(lemma), form, *tense),
                "{lemma} -> {form}"
            );
        }
    }

    #[test]
    fn nouns_pluralise() {
        let fr = inflector("fr");
        let en = inflector("en");
        assert!(fr.noun_forms("accord").contains(&"accords".to_string()));
        assert!(fr.noun_forms("general").contains(&"generaux".to_string()));
        assert!(en.noun_forms("ally").contains(&"allies".to_string()));
        assert!(en.noun_forms("clash").contains(&"clashes".to_string()));
        assert!(en.noun_forms("talks").contains(&"talks".to_string()));
    }
}
