//! Reading a run's tables back for scoring: the articles that gold files
//! name, with their actors, quotes, dates and events, from
//! `OUT/parquet/*.parquet` (lazy scans filtered on those articles, so a large
//! run with a few gold articles stays cheap).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use polars::prelude::{DataFrame, DataType, LazyFrame, NamedFrom, Series, col, lit};

use super::spans::CharRange;
use crate::output::writer::{scan_parts, table_files};
use crate::text::fold::fold;

/// An actor of one article: its name and the surface forms used there.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RunActor {
    /// Canonical name (`actors.name`).
    pub name: String,
    /// Country code (`actors.country`).
    pub country: Option<String>,
    /// Folded name and surface forms (`mentions.text`) in this article.
    pub forms: BTreeSet<String>,
    /// True when the article has mentions of it (only those are scored as actors).
    pub mentioned: bool,
}

/// An extracted quotation.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RunQuote {
    /// Quoted words.
    pub text: String,
    /// Offsets of `text`.
    pub span: CharRange,
    /// `direct`, `partial` or `indirect`.
    pub kind: String,
    /// Actor id of the speaker.
    pub speaker_id: Option<String>,
    /// The speaker's canonical name.
    pub speaker: Option<String>,
}

/// An extracted temporal expression.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RunDate {
    /// The expression as written.
    pub text: String,
    /// Its offsets.
    pub span: CharRange,
    /// Its ISO value.
    pub value: Option<String>,
}

/// One participant (source or target) of an extracted event.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RunParty {
    /// Its actor id, when resolved.
    pub actor_id: Option<String>,
    /// Its name as the events table gives it.
    pub name: Option<String>,
    /// Its country as the events table gives it (`source_country`, `target_country`).
    pub country: Option<String>,
}

/// An extracted event.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RunEvent {
    /// PLOVER category.
    pub event_type: String,
    /// `asserted`, `planned`, `negated` or `hypothetical`.
    pub status: String,
    /// Every source, main one first.
    pub sources: Vec<RunParty>,
    /// Every target, main one first.
    pub targets: Vec<RunParty>,
    /// Offsets of the evidence span.
    pub span: CharRange,
    /// ISO value of its date.
    pub date_value: Option<String>,
}

/// Everything a run extracted from one article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RunArticle {
    /// `articles.article_id`.
    pub article_id: String,
    /// `articles.source`.
    pub source: String,
    /// The text offsets index into.
    pub text: String,
    /// Publication date written at its precision (`2024-11`), as gold gives it.
    pub published: Option<String>,
    /// Actors named in this article's mentions, quotes and events, by id.
    pub actors: BTreeMap<String, RunActor>,
    /// Quotations, in table order.
    pub quotes: Vec<RunQuote>,
    /// Temporal expressions, in table order.
    pub dates: Vec<RunDate>,
    /// Events, in table order.
    pub events: Vec<RunEvent>,
}

impl RunArticle {
    /// Folded forms that identify a participant or speaker: its actor's name
    /// and surface forms in this article, and the name the row gives.
    pub fn forms(&self, actor_id: Option<&str>, name: Option<&str>) -> BTreeSet<String> {
        let mut out = actor_id
            .and_then(|id| self.actors.get(id))
            .map(|a| a.forms.clone())
            .unwrap_or_default();
        out.extend(name.map(key));
        out.remove("");
        out
    }

    /// A participant's country: the event row's, else its actor's.
    pub fn country(&self, p: &RunParty) -> Option<String> {
        p.country.clone().or_else(|| {
            p.actor_id
                .as_deref()
                .and_then(|id| self.actors.get(id))
                .and_then(|a| a.country.clone())
        })
    }
}

fn key(s: &str) -> String {
    fold(s).trim().to_string()
}

/// A run's output folder, opened for reading.
#[derive(Debug, Clone)]
pub struct RunTables {
    /// The output folder (holding `parquet/`), or `None` when the `parquet/`
    /// folder itself was given.
    out: PathBuf,
    flat: bool,
}

fn strs(df: &DataFrame, name: &str) -> Result<Vec<Option<String>>> {
    let c = df.column(name)?.cast(&DataType::String)?;
    Ok(c.str()?.iter().map(|s| s.map(str::to_string)).collect())
}

fn ints(df: &DataFrame, name: &str) -> Result<Vec<usize>> {
    let c = df.column(name)?.cast(&DataType::Int64)?;
    Ok(c.i64()?
        .iter()
        .map(|v| v.unwrap_or(0).max(0) as usize)
        .collect())
}

fn lists(df: &DataFrame, name: &str) -> Result<Vec<Vec<String>>> {
    let c = df.column(name)?;
    let mut out = Vec::with_capacity(c.len());
    for s in c.list()?.amortized_iter() {
        let v = match s {
            Some(s) => s
                .as_ref()
                .str()?
                .iter()
                .flatten()
                .map(str::to_string)
                .collect(),
            None => Vec::new(),
        };
        out.push(v);
    }
    Ok(out)
}

/// `published` written at its precision: `2024-11-01` + `month` → `2024-11`.
fn published_value(date: Option<&str>, precision: Option<&str>) -> Option<String> {
    let d = date?;
    Some(match precision {
        Some("year") => d.get(..4).unwrap_or(d).to_string(),
        Some("month") => d.get(..7).unwrap_or(d).to_string(),
        _ => d.to_string(),
    })
}

impl RunTables {
    /// Opens `out`: a run's output folder (tables in `parquet/`, single
    /// files or month partitions), or its `parquet/` folder itself.
    pub fn open(out: &Path) -> Result<RunTables> {
        if !table_files(out, "articles").is_empty() {
            return Ok(RunTables {
                out: out.to_path_buf(),
                flat: false,
            });
        }
        if out.join("articles.parquet").is_file() {
            return Ok(RunTables {
                out: out.to_path_buf(),
                flat: true,
            });
        }
        bail!(
            "no run output in '{}': expected parquet/articles.parquet there (run `gazette run INPUT --out {}` first)",
            out.display(),
            out.display()
        )
    }

    fn scan(&self, table: &str) -> Result<LazyFrame> {
        let files = if self.flat {
            vec![self.out.join(format!("{table}.parquet"))]
        } else {
            table_files(&self.out, table)
        };
        if files.is_empty() || !files.iter().all(|f| f.is_file()) {
            bail!("'{}' has no {table} table", self.out.display());
        }
        scan_parts(&files).with_context(|| format!("cannot read the {table} table"))
    }

    fn has_column(&self, lf: &mut LazyFrame, name: &str) -> Result<bool> {
        Ok(lf.collect_schema()?.contains(name))
    }

    /// `(article_id, source)` of every article, in table order.
    pub fn sources(&self) -> Result<Vec<(String, String)>> {
        let df = self
            .scan("articles")?
            .select([col("article_id"), col("source")])
            .collect()
            .context("reading articles.parquet")?;
        Ok(strs(&df, "article_id")?
            .into_iter()
            .zip(strs(&df, "source")?)
            .map(|(a, s)| (a.unwrap_or_default(), s.unwrap_or_default()))
            .collect())
    }

    fn rows_of(&self, table: &str, ids: &Series) -> Result<DataFrame> {
        self.scan(table)?
            .filter(col("article_id").is_in(lit(ids.clone()).implode(false), false))
            .collect()
            .with_context(|| format!("reading {table}.parquet"))
    }

    /// Loads the given articles with everything extracted from them.
    pub fn load(&self, ids: &[String]) -> Result<BTreeMap<String, RunArticle>> {
        let series = Series::new("ids".into(), ids);
        let mut out: BTreeMap<String, RunArticle> = BTreeMap::new();

        let df = self.rows_of("articles", &series)?;
        let (aid, src, text) = (
            strs(&df, "article_id")?,
            strs(&df, "source")?,
            strs(&df, "text")?,
        );
        let (publ, prec) = (strs(&df, "published")?, strs(&df, "published_precision")?);
        for i in 0..df.height() {
            let id = aid[i].clone().unwrap_or_default();
            out.entry(id.clone()).or_insert_with(|| RunArticle {
                article_id: id,
                source: src[i].clone().unwrap_or_default(),
                text: text[i].clone().unwrap_or_default(),
                published: published_value(publ[i].as_deref(), prec[i].as_deref()),
                ..Default::default()
            });
        }

        let names = self.actor_names()?;
        let df = self.rows_of("mentions", &series)?;
        let (aid, actor, form) = (
            strs(&df, "article_id")?,
            strs(&df, "actor_id")?,
            strs(&df, "text")?,
        );
        for i in 0..df.height() {
            let (Some(a), Some(id)) = (aid[i].as_ref().and_then(|a| out.get_mut(a)), &actor[i])
            else {
                continue;
            };
            let entry = actor_entry(a, id, &names);
            entry.mentioned = true;
            if let Some(f) = &form[i] {
                entry.forms.insert(key(f));
            }
        }

        let df = self.rows_of("quotes", &series)?;
        let cols = (
            strs(&df, "article_id")?,
            strs(&df, "text")?,
            ints(&df, "start")?,
            ints(&df, "end")?,
            strs(&df, "kind")?,
            strs(&df, "speaker_id")?,
            strs(&df, "speaker")?,
        );
        for i in 0..df.height() {
            let Some(a) = cols.0[i].as_ref().and_then(|a| out.get_mut(a)) else {
                continue;
            };
            if let Some(id) = &cols.5[i] {
                actor_entry(a, id, &names);
            }
            a.quotes.push(RunQuote {
                text: cols.1[i].clone().unwrap_or_default(),
                span: CharRange::new(cols.2[i], cols.3[i]),
                kind: cols.4[i].clone().unwrap_or_default(),
                speaker_id: cols.5[i].clone(),
                speaker: cols.6[i].clone(),
            });
        }

        let df = self.rows_of("dates", &series)?;
        let cols = (
            strs(&df, "article_id")?,
            strs(&df, "text")?,
            ints(&df, "start")?,
            ints(&df, "end")?,
            strs(&df, "value")?,
        );
        for i in 0..df.height() {
            if let Some(a) = cols.0[i].as_ref().and_then(|a| out.get_mut(a)) {
                a.dates.push(RunDate {
                    text: cols.1[i].clone().unwrap_or_default(),
                    span: CharRange::new(cols.2[i], cols.3[i]),
                    value: cols.4[i].clone(),
                });
            }
        }

        self.load_events(&series, &names, &mut out)?;
        Ok(out)
    }

    /// `actor_id → (name, country)` over the run.
    fn actor_names(&self) -> Result<BTreeMap<String, (String, Option<String>)>> {
        let df = self
            .scan("actors")?
            .select([col("actor_id"), col("name"), col("country")])
            .collect()
            .context("reading actors.parquet")?;
        Ok(strs(&df, "actor_id")?
            .into_iter()
            .zip(strs(&df, "name")?)
            .zip(strs(&df, "country")?)
            .filter_map(|((id, n), c)| Some((id?, (n.unwrap_or_default(), c))))
            .collect())
    }

    fn load_events(
        &self,
        series: &Series,
        names: &BTreeMap<String, (String, Option<String>)>,
        out: &mut BTreeMap<String, RunArticle>,
    ) -> Result<()> {
        let mut lf = self.scan("events")?;
        // source_ids / target_ids list every party; older outputs only have the main ones
        let all_parties =
            self.has_column(&mut lf, "source_ids")? && self.has_column(&mut lf, "target_ids")?;
        let df = lf
            .filter(col("article_id").is_in(lit(series.clone()).implode(false), false))
            .collect()
            .context("reading events.parquet")?;
        let s = |n| strs(&df, n);
        let (aid, ty, status, date) =
            (s("article_id")?, s("type")?, s("status")?, s("date_value")?);
        let (sid, tid, sname, tname) =
            (s("source_id")?, s("target_id")?, s("source")?, s("target")?);
        let (scountry, tcountry) = (s("source_country")?, s("target_country")?);
        let (start, end) = (ints(&df, "start")?, ints(&df, "end")?);
        let (sids, tids) = if all_parties {
            (lists(&df, "source_ids")?, lists(&df, "target_ids")?)
        } else {
            (vec![Vec::new(); df.height()], vec![Vec::new(); df.height()])
        };
        for i in 0..df.height() {
            let Some(a) = aid[i].as_ref().and_then(|a| out.get_mut(a)) else {
                continue;
            };
            let parties = |main_id: &Option<String>,
                           main_name: &Option<String>,
                           country: &Option<String>,
                           all: &[String]| {
                let mut v = Vec::new();
                if main_id.is_some() || main_name.is_some() {
                    v.push(RunParty {
                        actor_id: main_id.clone(),
                        name: main_name.clone(),
                        country: country.clone(),
                    });
                }
                for id in all {
                    if Some(id) != main_id.as_ref() {
                        v.push(RunParty {
                            actor_id: Some(id.clone()),
                            ..Default::default()
                        });
                    }
                }
                v
            };
            let event = RunEvent {
                event_type: ty[i].clone().unwrap_or_default(),
                status: status[i].clone().unwrap_or_default(),
                sources: parties(&sid[i], &sname[i], &scountry[i], &sids[i]),
                targets: parties(&tid[i], &tname[i], &tcountry[i], &tids[i]),
                span: CharRange::new(start[i], end[i]),
                date_value: date[i].clone(),
            };
            for p in event.sources.iter().chain(&event.targets) {
                if let Some(id) = &p.actor_id {
                    actor_entry(a, id, names);
                }
            }
            a.events.push(event);
        }
        Ok(())
    }
}

/// The article's entry for an actor, created from the run-wide name and country.
fn actor_entry<'a>(
    a: &'a mut RunArticle,
    id: &str,
    names: &BTreeMap<String, (String, Option<String>)>,
) -> &'a mut RunActor {
    a.actors.entry(id.to_string()).or_insert_with(|| {
        let (name, country) = names.get(id).cloned().unwrap_or_default();
        RunActor {
            forms: std::iter::once(key(&name))
                .filter(|k| !k.is_empty())
                .collect(),
            name,
            country,
            mentioned: false,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn publication_dates_are_written_at_their_precision() {
        let cases = [
            (Some("2024-11-01"), Some("month"), Some("2024-11")),
            (Some("2024-01-01"), Some("year"), Some("2024")),
            (Some("2023-02-07"), Some("day"), Some("2023-02-07")),
            (Some("2023-02-07"), None, Some("2023-02-07")),
            (None, Some("day"), None),
        ];
        for (d, p, want) in cases {
            assert_eq!(published_value(d, p).as_deref(), want, "{d:?} {p:?}");
        }
    }
}
