//! Loading the generator's data under `pipelines/synth/`: per-language
//! templates and fillers, and the shared tables of countries, towns,
//! organisations, known people and name pools (see each file's header).

use std::collections::BTreeMap;
use std::path::Path;

use aho_corasick::{AhoCorasick, MatchKind};
use anyhow::{Context, Result, bail};

use super::template::{self, OrgKind, Template};
use crate::lexicon::{Row, content_lines, read_table, read_text};

/// The two languages of the corpus, in the order of every `[_; 2]` array here.
pub const LANGS: [&str; 2] = ["fr", "en"];

/// Everything the generator draws from.
#[derive(Debug)]
pub struct Data {
    /// Per language, in [`LANGS`] order.
    pub langs: [LangData; 2],
    /// Countries (countries.tsv).
    pub countries: Vec<Country>,
    /// Towns (cities.tsv).
    pub cities: Vec<City>,
    /// Organisations by `OrgKind` (in `OrgKind::ALL` order).
    pub orgs: [Vec<Org>; 4],
    /// Known people (people.tsv, then the gazetteer's).
    pub people: Vec<KnownPerson>,
    /// Name pools for invented people.
    pub pools: BTreeMap<String, NamePool>,
    /// Countries where stories happen.
    pub home: Vec<usize>,
    /// Countries that act from abroad.
    pub partner: Vec<usize>,
}

/// A country's forms in one language.
#[derive(Debug, Clone, Default)]
pub struct CountryForms {
    /// Name with determiner.
    pub name: String,
    /// "au Mali".
    pub in_: String,
    /// "du Mali".
    pub of: String,
    /// Adjectives: masc., fem., masc. pl., fem. pl.
    pub adj: [String; 4],
    /// Name without determiner.
    pub bare: String,
}

/// A country.
#[derive(Debug, Clone)]
pub struct Country {
    /// ISO 3166-1 alpha-3.
    pub iso3: String,
    /// Name pool of its invented people.
    pub pool: String,
    /// Forms per language.
    pub forms: [CountryForms; 2],
    /// home, partner or both.
    pub role: String,
    /// Its capital (index into `Data::cities`); set once cities are read.
    pub capital: usize,
    /// Its towns.
    pub cities: Vec<usize>,
}

/// A town.
#[derive(Debug, Clone)]
pub struct City {
    /// Country index.
    pub country: usize,
    /// Name per language.
    pub name: [String; 2],
    /// "à Gao" per language.
    pub in_: [String; 2],
}

/// An organisation's names per language.
#[derive(Debug, Clone)]
pub struct Org {
    /// Full name.
    pub full: [String; 2],
    /// Short name or acronym.
    pub short: [String; 2],
}

/// A title: determiner and the rest (which may use `{adj}`, `{of}`...).
#[derive(Debug, Clone)]
pub struct Title {
    /// "le", "l'", "the" or empty.
    pub det: String,
    /// The title after the determiner.
    pub rest: Template,
}

/// A person of people.tsv or of the gazetteer.
#[derive(Debug, Clone)]
pub struct KnownPerson {
    /// Spelling variants per language, as (first names, surname).
    pub names: [Vec<(String, String)>; 2],
    /// `Some(true)` for a woman, `None` when unknown.
    pub female: Option<bool>,
    /// Country index.
    pub country: usize,
    /// A military rank, repeated in later mentions.
    pub rank: bool,
    /// Title per language, when known.
    pub titles: [Option<Title>; 2],
}

/// First names and surnames of one region.
#[derive(Debug, Clone, Default)]
pub struct NamePool {
    /// Male first names.
    pub m: Vec<String>,
    /// Female first names.
    pub f: Vec<String>,
    /// Surnames.
    pub last: Vec<String>,
}

/// The sections of one topic (indices into `LangData::sections`).
#[derive(Debug, Clone, Copy)]
pub struct Topic {
    /// Headlines.
    pub title: usize,
    /// Opening sentences.
    pub lead: usize,
    /// Event sentences.
    pub body: usize,
}

/// Sections shared by all topics (indices into `LangData::sections`).
#[derive(Debug, Clone, Copy)]
pub struct Shared {
    /// Direct speech.
    pub quote: usize,
    /// Indirect speech.
    pub reported: usize,
    /// Background.
    pub context: usize,
    /// Reactions.
    pub reaction: usize,
    /// Subheadings.
    pub subhead: usize,
    /// Closing lines.
    pub closing: usize,
}

/// Filler slots the generator itself uses (indices into `LangData::fillers`).
#[derive(Debug, Clone, Copy)]
pub struct Special {
    /// First mention of a person.
    pub intro: usize,
    /// First mention of a person with a rank.
    pub intro_rank: usize,
    /// Later mentions.
    pub later: usize,
    /// Later mentions of a person with a rank.
    pub later_rank: usize,
    /// Short forms.
    pub short: usize,
    /// Short forms of a person with a rank.
    pub short_rank: usize,
    /// Dates before publication.
    pub date_past: usize,
    /// Dates after publication.
    pub date_future: usize,
}

/// Templates and fillers of one language.
#[derive(Debug)]
pub struct LangData {
    /// Language code.
    pub code: &'static str,
    /// Template sections, by index.
    pub sections: Vec<Vec<Template>>,
    /// Topics (sorted by name).
    pub topics: Vec<Topic>,
    /// Shared sections.
    pub shared: Shared,
    /// Filler values by slot index.
    pub fillers: Vec<Vec<Template>>,
    /// Slots the generator uses directly.
    pub special: Special,
    /// Titles of invented people by key (`gov_m`, `mil_m`, ...).
    pub titles: BTreeMap<String, Vec<Title>>,
    /// Month names, January first.
    pub months: Vec<String>,
    /// Weekday names, Monday first.
    pub weekdays: Vec<String>,
    /// How the first day of a month is written ("1er"), when not "1".
    pub day_first: Option<String>,
    /// Thousands separator.
    pub thousands_sep: String,
    /// Honorific, pronoun and agreement ending, [male, female].
    pub hon: [String; 2],
    /// Subject pronouns, [male, female].
    pub pron: [String; 2],
    /// Agreement endings, [male, female].
    pub agree: [String; 2],
    /// Web sites, navigation labels, footers, "related" labels (HTML pages).
    pub sites: Vec<String>,
    /// Navigation labels.
    pub nav: Vec<String>,
    /// Footers.
    pub footer: Vec<String>,
    /// "Read more" labels.
    pub related: Vec<String>,
    /// Determiners stripped for bare names.
    pub determiners: Vec<String>,
    /// Contraction rules (contractions.tsv), when the file exists.
    pub contractions: Option<(AhoCorasick, Vec<String>)>,
}

/// Reads `dir` (pipelines/synth) and, when it exists, `gazetteer` (people and
/// organisations added to the pools).
pub fn load(dir: &Path, gazetteer: Option<&Path>) -> Result<Data> {
    let mut countries = read_countries(&dir.join("countries.tsv"))?;
    let cities = read_cities(&dir.join("cities.tsv"), &mut countries)?;
    let orgs = read_orgs(&dir.join("orgs.tsv"))?;
    let people = read_people(&dir.join("people.tsv"), &countries)?;
    let pools = read_pools(&dir.join("names.tsv"))?;
    for c in &countries {
        if !pools.contains_key(&c.pool) {
            bail!(
                "countries.tsv: {}: name pool '{}' is not in names.tsv",
                c.iso3,
                c.pool
            );
        }
    }
    let langs = [
        read_lang(&dir.join(LANGS[0]), LANGS[0])?,
        read_lang(&dir.join(LANGS[1]), LANGS[1])?,
    ];
    for c in &mut countries {
        for (li, lang) in langs.iter().enumerate() {
            c.forms[li].bare = strip_determiner(&c.forms[li].name, &lang.determiners);
        }
    }
    let by_role = |role: &[&str]| -> Vec<usize> {
        (0..countries.len())
            .filter(|&i| role.contains(&countries[i].role.as_str()))
            .collect()
    };
    let home = by_role(&["home", "both"]);
    let partner = by_role(&["partner", "both"]);
    if home.is_empty() || partner.len() < 2 || countries.len() < 3 {
        bail!("countries.tsv needs home countries, two partner countries and three in all");
    }
    let mut data = Data {
        langs,
        countries,
        cities,
        orgs,
        people,
        pools,
        home,
        partner,
    };
    if let Some(g) = gazetteer.filter(|g| g.is_dir()) {
        super::gazetteer::add(g, &mut data)?;
    }
    Ok(data)
}

fn strip_determiner(name: &str, dets: &[String]) -> String {
    for d in dets {
        if let Some(rest) = name.strip_prefix(d.as_str()) {
            return upper_first(rest);
        }
    }
    upper_first(name)
}

/// `s` with its first character upper-cased.
pub fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn field(row: &Row, col: &str, path: &Path) -> Result<String> {
    Ok(row.require(col, path)?.to_string())
}

fn read_countries(path: &Path) -> Result<Vec<Country>> {
    let t = read_table(path)?;
    let mut out = Vec::new();
    for r in &t.rows {
        let role = field(r, "role", path)?;
        if !["home", "partner", "both"].contains(&role.as_str()) {
            bail!(
                "{}: line {}: role must be home, partner or both",
                path.display(),
                r.line
            );
        }
        let f = |c: &str| field(r, c, path);
        let fr = CountryForms {
            name: f("fr_name")?,
            in_: f("fr_in")?,
            of: f("fr_of")?,
            adj: [
                f("fr_adj_m")?,
                f("fr_adj_f")?,
                f("fr_adj_mp")?,
                f("fr_adj_fp")?,
            ],
            bare: String::new(),
        };
        let adj = f("en_adj")?;
        let en = CountryForms {
            name: f("en_name")?,
            in_: f("en_in")?,
            of: f("en_of")?,
            adj: [adj.clone(), adj.clone(), adj.clone(), adj],
            bare: String::new(),
        };
        out.push(Country {
            iso3: f("iso3")?,
            pool: f("names")?,
            role,
            forms: [fr, en],
            capital: usize::MAX,
            cities: Vec::new(),
        });
    }
    Ok(out)
}

fn country_index(countries: &[Country], iso3: &str) -> Option<usize> {
    countries.iter().position(|c| c.iso3 == iso3)
}

fn read_cities(path: &Path, countries: &mut [Country]) -> Result<Vec<City>> {
    let t = read_table(path)?;
    let mut out = Vec::new();
    for r in &t.rows {
        let iso = field(r, "iso3", path)?;
        let Some(ci) = country_index(countries, &iso) else {
            bail!(
                "{}: line {}: country {iso} is not in countries.tsv",
                path.display(),
                r.line
            );
        };
        let idx = out.len();
        if r.get("capital") == Some("yes") {
            countries[ci].capital = idx;
        }
        countries[ci].cities.push(idx);
        out.push(City {
            country: ci,
            name: [field(r, "fr_name", path)?, field(r, "en_name", path)?],
            in_: [field(r, "fr_in", path)?, field(r, "en_in", path)?],
        });
    }
    for c in countries.iter() {
        if c.capital == usize::MAX {
            bail!("{}: no capital for {}", path.display(), c.iso3);
        }
    }
    Ok(out)
}

fn read_orgs(path: &Path) -> Result<[Vec<Org>; 4]> {
    let t = read_table(path)?;
    let mut out: [Vec<Org>; 4] = Default::default();
    for r in &t.rows {
        let kind = field(r, "kind", path)?;
        let Some(k) = OrgKind::parse(&kind) else {
            bail!("{}: line {}: unknown kind '{kind}'", path.display(), r.line);
        };
        out[k as usize].push(Org {
            full: [field(r, "fr_full", path)?, field(r, "en_full", path)?],
            short: [field(r, "fr_short", path)?, field(r, "en_short", path)?],
        });
    }
    if out.iter().any(Vec::is_empty) {
        bail!(
            "{}: needs at least one organisation of each kind",
            path.display()
        );
    }
    Ok(out)
}

/// Splits "first names|surname".
fn split_name(s: &str) -> (String, String) {
    match s.split_once('|') {
        Some((f, l)) => (f.trim().to_string(), l.trim().to_string()),
        None => match s.rsplit_once(' ') {
            Some((f, l)) => (f.to_string(), l.to_string()),
            None => (String::new(), s.to_string()),
        },
    }
}

/// Parses "determiner|title" (a title without `|` has no determiner).
pub fn parse_title(s: &str, fillers: &BTreeMap<String, usize>) -> Result<Title, String> {
    let (det, rest) = s.split_once('|').unwrap_or(("", s));
    Ok(Title {
        det: det.trim().to_string(),
        rest: template::parse(rest.trim(), fillers)?,
    })
}

fn read_people(path: &Path, countries: &[Country]) -> Result<Vec<KnownPerson>> {
    let t = read_table(path)?;
    let none = BTreeMap::new();
    let mut out = Vec::new();
    for r in &t.rows {
        let iso = field(r, "iso3", path)?;
        let Some(country) = country_index(countries, &iso) else {
            bail!(
                "{}: line {}: country {iso} is not in countries.tsv",
                path.display(),
                r.line
            );
        };
        let title = |c: &str| -> Result<Option<Title>> {
            let t = parse_title(&field(r, c, path)?, &none)
                .map_err(|e| anyhow::anyhow!("{}: line {}: {e}", path.display(), r.line))?;
            Ok(Some(t))
        };
        out.push(KnownPerson {
            names: [
                vec![split_name(&field(r, "fr_name", path)?)],
                vec![split_name(&field(r, "en_name", path)?)],
            ],
            female: Some(r.get("gender") == Some("f")),
            country,
            rank: r.get("kind") == Some("mil"),
            titles: [title("fr_title")?, title("en_title")?],
        });
    }
    Ok(out)
}

fn read_pools(path: &Path) -> Result<BTreeMap<String, NamePool>> {
    let t = read_table(path)?;
    let mut out: BTreeMap<String, NamePool> = BTreeMap::new();
    for r in &t.rows {
        let pool = out.entry(field(r, "pool", path)?).or_default();
        let names: Vec<String> = r.list("names").into_iter().map(String::from).collect();
        match r.get("kind") {
            Some("m") => pool.m.extend(names),
            Some("f") => pool.f.extend(names),
            Some("last") => pool.last.extend(names),
            other => bail!(
                "{}: line {}: kind must be m, f or last, not {other:?}",
                path.display(),
                r.line
            ),
        }
    }
    for (name, p) in &out {
        if p.m.is_empty() || p.last.is_empty() {
            bail!(
                "{}: pool '{name}' needs male first names and surnames",
                path.display()
            );
        }
    }
    Ok(out)
}

/// Reads `key<TAB>value` lines after the header line; both are kept
/// verbatim (contraction patterns need their spaces).
fn read_pairs(path: &Path) -> Result<Vec<(usize, String, String)>> {
    let text = read_text(path)?;
    let mut out = Vec::new();
    let mut lines = content_lines(&text);
    lines.next(); // header
    for (line, l) in lines {
        let Some((slot, value)) = l.split_once('\t') else {
            bail!("{}: line {line}: expected slot<TAB>value", path.display());
        };
        out.push((line, slot.to_string(), value.to_string()));
    }
    Ok(out)
}

/// Reads a contractions.tsv (`from<TAB>to`, kept verbatim) into an automaton.
fn read_contractions(path: &Path) -> Result<Option<(AhoCorasick, Vec<String>)>> {
    if !path.exists() {
        return Ok(None);
    }
    let rules = read_pairs(path)?;
    let from: Vec<&str> = rules.iter().map(|(_, f, _)| f.as_str()).collect();
    let to: Vec<String> = rules.iter().map(|(_, _, t)| t.clone()).collect();
    let ac = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&from)
        .with_context(|| format!("{}: bad patterns", path.display()))?;
    Ok(Some((ac, to)))
}

fn read_lang(dir: &Path, code: &'static str) -> Result<LangData> {
    let fpath = dir.join("fillers.tsv");
    let mut lines = read_pairs(&fpath)?;
    for (_, slot, _) in &mut lines {
        *slot = slot.trim().to_string();
    }
    let mut ids: BTreeMap<String, usize> = BTreeMap::new();
    for (_, slot, _) in &lines {
        if !slot.starts_with("title_") {
            let n = ids.len();
            ids.entry(slot.clone()).or_insert(n);
        }
    }
    let mut fillers: Vec<Vec<Template>> = vec![Vec::new(); ids.len()];
    let mut raw: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    let mut titles: BTreeMap<String, Vec<Title>> = BTreeMap::new();
    for (line, slot, value) in &lines {
        let err = |e: String| anyhow::anyhow!("{}: line {line}: {e}", fpath.display());
        if let Some(key) = slot.strip_prefix("title_") {
            titles
                .entry(key.to_string())
                .or_default()
                .push(parse_title(value, &ids).map_err(err)?);
            continue;
        }
        fillers[ids[slot]].push(template::parse(value, &ids).map_err(err)?);
        raw.entry(slot.as_str()).or_default().push(value.as_str());
    }
    let list = |slot: &str| -> Vec<String> {
        raw.get(slot)
            .map(|v| v.iter().map(|s| s.to_string()).collect())
            .unwrap_or_default()
    };
    let need = |slot: &str| -> Result<usize> {
        ids.get(slot).copied().with_context(|| {
            format!(
                "{}: slot '{slot}' is missing (the generator needs it)",
                fpath.display()
            )
        })
    };
    let one = |slot: &str| -> Result<String> {
        need(slot)?;
        Ok(list(slot).into_iter().next().unwrap_or_default())
    };
    let pair = |m: &str, f: &str| -> Result<[String; 2]> { Ok([one(m)?, one(f)?]) };
    let months = list("month");
    let weekdays = list("weekday");
    if months.len() != 12 || weekdays.len() != 7 {
        bail!(
            "{}: needs 12 'month' and 7 'weekday' lines",
            fpath.display()
        );
    }
    let special = Special {
        intro: need("intro")?,
        intro_rank: ids.get("intro_rank").copied().unwrap_or(need("intro")?),
        later: need("later")?,
        later_rank: ids.get("later_rank").copied().unwrap_or(need("later")?),
        short: need("short")?,
        short_rank: ids.get("short_rank").copied().unwrap_or(need("short")?),
        date_past: need("date_past")?,
        date_future: need("date_future")?,
    };
    for key in ["gov_m", "mil_m", "dip_m", "civ_m"] {
        if !titles.contains_key(key) {
            bail!("{}: needs 'title_{key}' lines", fpath.display());
        }
    }
    let (sections, topics, shared) = read_templates(&dir.join("templates.txt"), &ids)?;
    let sites = list("site");
    if sites.is_empty() {
        bail!("{}: needs 'site' lines", fpath.display());
    }
    Ok(LangData {
        code,
        sections,
        topics,
        shared,
        special,
        titles,
        months,
        weekdays,
        day_first: list("day_first").into_iter().next(),
        thousands_sep: one("thousands_sep")?,
        hon: pair("hon_m", "hon_f")?,
        pron: pair("pron_m", "pron_f")?,
        agree: pair("agree_m", "agree_f")?,
        sites,
        nav: list("nav"),
        footer: list("footer"),
        related: list("related"),
        determiners: list("determiner"),
        contractions: read_contractions(&dir.join("contractions.tsv"))?,
        fillers,
    })
}

type Sections = (Vec<Vec<Template>>, Vec<Topic>, Shared);

fn read_templates(path: &Path, ids: &BTreeMap<String, usize>) -> Result<Sections> {
    let text = read_text(path)?;
    let mut by_name: BTreeMap<String, Vec<Template>> = BTreeMap::new();
    let mut current: Option<String> = None;
    for (line, l) in content_lines(&text) {
        let l = l.trim();
        if let Some(name) = l.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
            current = Some(name.to_string());
            by_name.entry(name.to_string()).or_default();
            continue;
        }
        let Some(sec) = &current else {
            bail!(
                "{}: line {line}: template before any [section]",
                path.display()
            );
        };
        let t = template::parse(l, ids)
            .map_err(|e| anyhow::anyhow!("{}: line {line}: {e}", path.display()))?;
        if let Some(v) = by_name.get_mut(sec) {
            v.push(t);
        }
    }
    for (name, v) in &by_name {
        if v.is_empty() {
            bail!("{}: section [{name}] is empty", path.display());
        }
    }
    let names: Vec<String> = by_name.keys().cloned().collect();
    let index = |n: &str| -> Result<usize> {
        names
            .iter()
            .position(|x| x == n)
            .with_context(|| format!("{}: section [{n}] is missing", path.display()))
    };
    let mut topics = Vec::new();
    for n in names.iter().filter_map(|n| n.strip_prefix("body.")) {
        topics.push(Topic {
            title: index(&format!("title.{n}"))?,
            lead: index(&format!("lead.{n}"))?,
            body: index(&format!("body.{n}"))?,
        });
    }
    if topics.is_empty() {
        bail!("{}: no [body.TOPIC] section", path.display());
    }
    let shared = Shared {
        quote: index("quote")?,
        reported: index("reported")?,
        context: index("context")?,
        reaction: index("reaction")?,
        subhead: index("subhead")?,
        closing: index("closing")?,
    };
    Ok((by_name.into_values().collect(), topics, shared))
}
