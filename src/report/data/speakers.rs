//! The speakers with the most quotes and their best quotes, read from the
//! `quotes` and `articles` tables a row group at a time.

use std::path::Path;

use anyhow::Result;
use polars::prelude::*;

use super::read::{self, Rows, ints, one_of, order, strings, strs};
use super::{QUOTES_PER_SPEAKER, QuoteRow, Speaker, TOP_SPEAKERS};

/// The [`TOP_SPEAKERS`] speakers of the quotes kept by `counted`, most
/// quoted first: `speaker_id`, `speaker` (their smallest name) and `n`,
/// counted row group by row group into one entry per speaker (`None` when
/// the folder holds no quotes).
fn speaker_counts(out: &Path, counted: Expr) -> Result<Option<DataFrame>> {
    match quote_counts(out, counted)? {
        Some(all) => Ok(Some(top_speakers(all)?)),
        None => Ok(None),
    }
}

/// Every speaker of the quotes kept by `counted`, with their quotes and
/// smallest name (`None` when the folder holds no quotes).
fn quote_counts(out: &Path, counted: Expr) -> Result<Option<SpeakerCounts>> {
    let mut by_speaker: std::collections::HashMap<String, (i64, Option<String>)> =
        std::collections::HashMap::new();
    let found = read::for_each_chunk(out, "quotes", |chunk| {
        let part = chunk
            .read(&["speaker_id", "speaker", "article_id"])?
            .lazy()
            .filter(counted.clone())
            .group_by([col("speaker_id")])
            .agg([
                len().cast(DataType::Int64).alias("n"),
                col("speaker").min().alias("speaker"),
            ])
            .collect()?;
        let (ids, names, ns) = (
            strings(&part, "speaker_id")?,
            strs(&part, "speaker")?,
            ints(&part, "n")?,
        );
        for ((id, name), n) in ids.into_iter().zip(names).zip(ns) {
            let entry = by_speaker.entry(id).or_insert((0, None));
            entry.0 += n;
            // the smallest name, as polars' `min` (nulls ignored)
            if let Some(name) = name
                && entry.1.as_ref().is_none_or(|old| name < *old)
            {
                entry.1 = Some(name);
            }
        }
        Ok(())
    })?;
    if !found {
        return Ok(None);
    }
    Ok(Some(
        by_speaker
            .into_iter()
            .map(|(id, (n, name))| (id, n, name))
            .collect(),
    ))
}

/// A speaker's id, quotes and smallest name, for each speaker.
pub type SpeakerCounts = Vec<(String, i64, Option<String>)>;

/// The [`TOP_SPEAKERS`] of `all`: `speaker_id`, `speaker` and `n`.
fn top_speakers(mut all: SpeakerCounts) -> Result<DataFrame> {
    // most quotes first, then by name (nameless last) and id
    all.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then_with(|| match (&a.2, &b.2) {
                (Some(x), Some(y)) => x.cmp(y),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            })
            .then_with(|| a.0.cmp(&b.0))
    });
    all.truncate(TOP_SPEAKERS);
    let ids: Vec<&str> = all.iter().map(|s| s.0.as_str()).collect();
    let names: Vec<Option<&str>> = all.iter().map(|s| s.2.as_deref()).collect();
    let ns: Vec<i64> = all.iter().map(|s| s.1).collect();
    Ok(df!(
        "speaker_id" => ids,
        "speaker" => names,
        "n" => ns,
    )?)
}

/// Quotes shown first: direct, then partial, then indirect; longer first.
const QUOTE_ORDER: [&str; 5] = ["speaker_id", "rank", "len", "article_id", "start"];
const QUOTE_DESCENDING: [bool; 5] = [false, false, true, false, false];

/// The speakers with the most quotes, each with their best few quotes.
/// Both passes over `quotes` go a row group at a time and keep only what
/// the page shows (a count per speaker, then the best quotes of the top
/// speakers), so memory follows the number of speakers, not of quotes.
///
/// `known`: every speaker's counts, as [`quote_counts`] would read them
/// (a run has them in hand), so that the `quotes` table is read once.
pub fn load_with(out: &Path, known: Option<SpeakerCounts>) -> Result<Vec<Speaker>> {
    // a near-duplicate article would count and show its quotes twice
    let mut copies: Vec<String> = Vec::new();
    read::for_each_chunk(out, "articles", |chunk| {
        let df = chunk.read(&["article_id", "duplicate_of"])?;
        let df = df
            .lazy()
            .filter(col("duplicate_of").is_not_null())
            .collect()?;
        copies.extend(strings(&df, "article_id")?);
        Ok(())
    })?;
    let counted = || {
        col("speaker_id")
            .is_not_null()
            .and(one_of("article_id", &copies).not())
    };
    let top = match known {
        Some(all) => top_speakers(all)?,
        None => match speaker_counts(out, counted())? {
            Some(top) => top,
            None => return Ok(Vec::new()),
        },
    };
    let ids = strings(&top, "speaker_id")?;
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let kind_rank = kind_rank();
    // the best quotes of each row group, then the best of those: a quote
    // among the best of all is among the best of its row group, and the
    // stable sorts keep the table's order between equal keys
    let best = |lf: LazyFrame| {
        lf.sort(QUOTE_ORDER, order(&QUOTE_DESCENDING))
            .group_by_stable([col("speaker_id")])
            // a few spare ones: the same words may be quoted in several articles
            .head(Some(QUOTES_PER_SPEAKER * 4))
    };
    let Some(picked) = Rows::Table(out.to_path_buf(), "quotes").gather(
        &["speaker_id", "text", "kind", "cue", "article_id", "start"],
        |lf| {
            best(
                lf.filter(counted().and(one_of("speaker_id", &ids)))
                    .with_columns([
                        kind_rank.clone().alias("rank"),
                        col("text").str().len_chars().alias("len"),
                    ]),
            )
        },
    )?
    else {
        return Ok(Vec::new());
    };
    let mut picked = best(picked.lazy());
    let shown = strings(&picked.clone().collect()?, "article_id")?;
    let titles = Rows::Table(out.to_path_buf(), "articles").gather(
        &["article_id", "title", "source", "published"],
        |lf| {
            lf.filter(one_of("article_id", &shown)).select([
                col("article_id"),
                coalesce(&[col("title"), col("source")]).alias("article"),
                col("published"),
            ])
        },
    )?;
    if let Some(articles) = titles {
        picked = picked.left_join(articles.lazy(), col("article_id"), col("article_id"));
    } else {
        picked = picked.with_columns([
            col("article_id").alias("article"),
            lit(NULL).cast(DataType::Date).alias("published"),
        ]);
    }
    speakers_from(picked, &top, &ids)
}

/// The top speakers (`top`: `speaker`, `n`; `ids` its `speaker_id`s) with
/// their best quotes, from `picked` quotes joined to their article's
/// `article` name and `published` day; words quoted again are shown once.
fn speakers_from(picked: LazyFrame, top: &DataFrame, ids: &[String]) -> Result<Vec<Speaker>> {
    // a join does not promise to keep the order
    let q = picked
        .sort(QUOTE_ORDER, order(&QUOTE_DESCENDING))
        .collect()?;
    let (qs, texts, kinds, cues, arts, pubs) = (
        strings(&q, "speaker_id")?,
        strings(&q, "text")?,
        strings(&q, "kind")?,
        strs(&q, "cue")?,
        strings(&q, "article")?,
        strs(&q, "published")?,
    );
    let (names, counts) = (strings(top, "speaker")?, ints(top, "n")?);
    Ok(ids
        .iter()
        .enumerate()
        .map(|(i, id)| Speaker {
            actor_id: id.clone(),
            name: names[i].clone(),
            n_quotes: counts[i],
            quotes: (0..q.height())
                .filter(|j| &qs[*j] == id)
                .filter(|j| !(0..*j).any(|k| qs[k] == qs[*j] && texts[k] == texts[*j]))
                .take(QUOTES_PER_SPEAKER)
                .map(|j| QuoteRow {
                    text: texts[j].clone(),
                    kind: kinds[j].clone(),
                    cue: cues[j].clone(),
                    article: arts[j].clone(),
                    published: pubs[j].clone(),
                })
                .collect(),
        })
        .collect())
}

/// Direct quotes first, then partial, then indirect: the order in which a
/// speaker's quotes are shown.
fn kind_rank() -> Expr {
    when(col("kind").eq(lit("direct"))).then(lit(0)).otherwise(
        when(col("kind").eq(lit("partial")))
            .then(lit(1))
            .otherwise(lit(2)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::data::read::scan;
    use crate::report::data::read::testing::{Lcg, write};

    /// The query this module replaced: the whole `quotes` table in one
    /// polars plan.
    fn one_query(out: &Path) -> Result<Vec<Speaker>> {
        let Some(quotes) = scan(out, "quotes")? else {
            return Ok(Vec::new());
        };
        let mut quotes = quotes.filter(col("speaker_id").is_not_null());
        let articles = scan(out, "articles")?;
        if let Some(articles) = &articles {
            // a near-duplicate article would count and show its quotes twice
            let copies = articles
                .clone()
                .filter(col("duplicate_of").is_not_null())
                .select([col("article_id")]);
            quotes = quotes.anti_join(copies, col("article_id"), col("article_id"));
        }
        let top = quotes
            .clone()
            .group_by([col("speaker_id")])
            .agg([
                len().cast(DataType::Int64).alias("n"),
                col("speaker").min().alias("speaker"),
            ])
            .sort(["n", "speaker", "speaker_id"], order(&[true, false, false]))
            .limit(TOP_SPEAKERS as IdxSize)
            .collect()?;
        let ids = strings(&top, "speaker_id")?;
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let kind_rank = kind_rank();
        let mut picked = quotes
            .filter(one_of("speaker_id", &ids))
            .with_columns([
                kind_rank.alias("rank"),
                col("text").str().len_chars().alias("len"),
            ])
            .sort(QUOTE_ORDER, order(&QUOTE_DESCENDING))
            .group_by_stable([col("speaker_id")])
            // a few spare ones: the same words may be quoted in several articles
            .head(Some(QUOTES_PER_SPEAKER * 4));
        if let Some(articles) = articles {
            let articles = articles.select([
                col("article_id"),
                coalesce(&[col("title"), col("source")]).alias("article"),
                col("published"),
            ]);
            picked = picked.left_join(articles, col("article_id"), col("article_id"));
        } else {
            picked = picked.with_columns([
                col("article_id").alias("article"),
                lit(NULL).cast(DataType::Date).alias("published"),
            ]);
        }
        speakers_from(picked, &top, &ids)
    }

    /// Quotes of 15 speakers (tied counts, nameless and speakerless rows,
    /// repeated words, accents) in 20 articles, two of them near-duplicates.
    fn tables(out: &Path) -> usize {
        let mut rng = Lcg(7);
        let words = [
            "nous ne céderons pas",
            "we will not give in",
            "été très dur",
            "the talks failed",
            "non",
            "no",
            "les négociations reprendront lundi",
            "talks resume on Monday at noon",
        ];
        let kinds = ["direct", "partial", "indirect"];
        let mut cols: [Vec<Option<String>>; 5] = Default::default();
        let mut starts = Vec::new();
        for i in 0..600u32 {
            let s = rng.next(16);
            let (id, name) = match s {
                15 => (None, None),
                // one speaker sometimes has no name, one has two
                3 if i.is_multiple_of(3) => (Some("s03".to_string()), None),
                4 if i.is_multiple_of(2) => (Some("s04".to_string()), Some("Zoé".to_string())),
                _ => (Some(format!("s{s:02}")), Some(format!("Name {}", s % 7))),
            };
            cols[0].push(Some(format!("a{:02}", rng.next(20))));
            cols[1].push(Some(words[rng.next(8) as usize].to_string()));
            cols[2].push(Some(kinds[rng.next(3) as usize].to_string()));
            cols[3].push(id);
            cols[4].push(name);
            starts.push(rng.next(5) as i32 * 10);
        }
        let cues: Vec<Option<&str>> = (0..600u32)
            .map(|i| (!i.is_multiple_of(4)).then_some("dit"))
            .collect();
        let [article_id, text, kind, speaker_id, speaker] = cols;
        let quotes = df!(
            "article_id" => article_id,
            "text" => text,
            "start" => starts,
            "kind" => kind,
            "speaker_id" => speaker_id,
            "speaker" => speaker,
            "cue" => cues,
        )
        .unwrap();
        let ids: Vec<String> = (0..20).map(|i| format!("a{i:02}")).collect();
        let dup: Vec<Option<&str>> = (0..20)
            .map(|i| (i == 5 || i == 11).then_some("a00"))
            .collect();
        let titles: Vec<Option<String>> = (0..20u32)
            .map(|i| (!i.is_multiple_of(3)).then(|| format!("Title {i}")))
            .collect();
        let sources: Vec<String> = (0..20).map(|i| format!("in/{i}.txt")).collect();
        let published: Vec<Option<chrono::NaiveDate>> = (0..20)
            .map(|i| chrono::NaiveDate::from_ymd_opt(2025, 1, 1 + i).filter(|_| i % 4 != 1))
            .collect();
        let articles = df!(
            "article_id" => ids,
            "duplicate_of" => dup,
            "title" => titles,
            "source" => sources,
            "published" => published,
        )
        .unwrap();
        write(out, "articles", articles, 6);
        write(out, "quotes", quotes, 37)
    }

    #[test]
    fn row_group_reads_give_the_speakers_of_one_query() {
        let dir = tempfile::tempdir().unwrap();
        assert!(tables(dir.path()) > 10, "several row groups");
        let got = load_with(dir.path(), None).unwrap();
        assert_eq!(got.len(), TOP_SPEAKERS);
        assert!(got.iter().all(|s| s.quotes.len() == QUOTES_PER_SPEAKER));
        assert_eq!(got, one_query(dir.path()).unwrap());
    }
}
