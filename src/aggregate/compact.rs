//! `actor_summary` and `cooccurrence` of a run from compact running state,
//! fed batch by batch on the writer thread while the next batch is
//! extracted, so the end of the run only sorts a few counters.
//!
//! The lazy queries of `aggregate::actors` read whole tables (a self-join of
//! `mentions` per article, distinct counts over millions of rows) and took
//! most of the end-of-run time and memory; here each actor costs one
//! counter record and each co-occurring pair one map entry, whatever the
//! number of articles. The results are the same tables (`gazette aggregate`
//! still uses the queries, and the tests compare both), on the run's own
//! premise that an article's rows all arrive in one batch.

use std::collections::BTreeMap;
use std::path::Path;

/// Maps keyed by actor ids and indices: hashed a word at a time, much
/// cheaper than SipHash (or FNV) on these short keys, which come from the
/// run's own tables.
use super::hash::{FastMap, FastSet};

/// A mention as the pair counts read it: the actor's index and its sentence.
type MentionRow = (u32, Option<i32>);

use anyhow::Result;
use polars::prelude::*;

use super::pair_spill::{DEFAULT_BUDGET, Pair, PairCounts};
use super::schema::COOCCURRENCE;
use crate::output::files::{ROW_GROUP_ROWS, TableFiles};

/// Running counts of one actor.
#[derive(Default, Clone)]
struct ActorCounts {
    mentions: i64,
    articles: i64,
    sentences: i64,
    quotes: i64,
    as_source: i64,
    as_target: i64,
    first_seen: Option<i32>,
    last_seen: Option<i32>,
    /// Quotes spoken outside near-duplicate articles, and the smallest
    /// speaker name they give (what the report ranks speakers by).
    quotes_kept: i64,
    speaker: Option<Box<str>>,
}

/// Compact state of the actor aggregates over the batches seen so far.
#[derive(Default)]
pub struct ActorAggregates {
    /// `actor_id` → dense index into `ids` and `counts`.
    index: FastMap<String, u32>,
    ids: Vec<String>,
    counts: Vec<ActorCounts>,
    /// `(a, b)` with `ids[a] < ids[b]` → articles and sentences with both.
    pairs: PairCounts,
}

/// A string column as an iterator-friendly chunked array.
fn strs<'a>(df: &'a DataFrame, name: &str) -> Result<&'a StringChunked> {
    Ok(df.column(name)?.str()?)
}

/// Sorted, deduplicated actor indices, ordered by their `actor_id`.
fn by_id(ids: &[String], mut actors: Vec<u32>) -> Vec<u32> {
    actors.sort_unstable_by(|a, b| ids[*a as usize].cmp(&ids[*b as usize]));
    actors.dedup();
    actors
}

impl ActorAggregates {
    /// Counts whose co-occurring pairs spill into folder `dir` (in the
    /// run's staging area) beyond a budget of pairs in memory.
    pub fn spilling(dir: &Path) -> ActorAggregates {
        Self::spilling_with(dir, DEFAULT_BUDGET)
    }

    /// [`ActorAggregates::spilling`] with a budget of `budget` pairs.
    pub fn spilling_with(dir: &Path, budget: usize) -> ActorAggregates {
        ActorAggregates {
            pairs: PairCounts::spilling(dir, budget),
            ..Default::default()
        }
    }

    /// Actors and co-occurring pairs counted so far (for memory logs).
    pub fn sizes(&self) -> (usize, usize) {
        (self.ids.len(), self.pairs.in_memory())
    }

    fn intern(&mut self, id: &str) -> u32 {
        if let Some(&i) = self.index.get(id) {
            return i;
        }
        let i = self.ids.len() as u32;
        self.index.insert(id.to_string(), i);
        self.ids.push(id.to_string());
        self.counts.push(ActorCounts::default());
        i
    }

    /// Adds one batch's rows of `articles`, `mentions`, `quotes` and
    /// `events` (contract columns). Every article's rows must be in this
    /// batch.
    pub fn add_batch(
        &mut self,
        articles: &DataFrame,
        mentions: &DataFrame,
        quotes: &DataFrame,
        events: &DataFrame,
    ) -> Result<()> {
        let published = articles.column("published")?.cast(&DataType::Int32)?;
        let published: FastMap<&str, Option<i32>> = strs(articles, "article_id")?
            .iter()
            .zip(published.i32()?.iter())
            .filter_map(|(id, p)| Some((id?, p)))
            .collect();
        self.add_mentions(mentions, &published)?;
        // near-duplicate articles of this batch (their quotes are all here)
        let copies: FastSet<&str> = strs(articles, "article_id")?
            .iter()
            .zip(strs(articles, "duplicate_of")?.iter())
            .filter_map(|(id, dup)| dup.and(id))
            .collect();
        let quoted = strs(quotes, "speaker_id")?
            .iter()
            .zip(strs(quotes, "speaker")?.iter())
            .zip(strs(quotes, "article_id")?.iter());
        for ((speaker, name), article) in quoted {
            let Some(speaker) = speaker else { continue };
            let a = self.intern(speaker);
            let c = &mut self.counts[a as usize];
            c.quotes += 1;
            // a quote without an article is not kept either, as the
            // report's `is_in` filter drops a null
            if article.is_none_or(|x| copies.contains(x)) {
                continue;
            }
            c.quotes_kept += 1;
            if let Some(name) = name
                && c.speaker.as_deref().is_none_or(|old| name < old)
            {
                c.speaker = Some(name.into());
            }
        }
        // an actor counts once per event, however often the event lists it
        for (list, as_source) in [("source_ids", true), ("target_ids", false)] {
            let mut seen: FastSet<(&str, u32)> = FastSet::default();
            let lists = super::lists::rows(events.column(list)?.list()?)?;
            for (event, ids) in strs(events, "event_id")?.iter().zip(lists) {
                let (Some(event), Some(ids)) = (event, ids) else {
                    continue;
                };
                for id in ids {
                    let a = self.intern(id);
                    if seen.insert((event, a)) {
                        let c = &mut self.counts[a as usize];
                        *(if as_source {
                            &mut c.as_source
                        } else {
                            &mut c.as_target
                        }) += 1;
                    }
                }
            }
        }
        Ok(())
    }

    fn add_mentions(
        &mut self,
        mentions: &DataFrame,
        published: &FastMap<&str, Option<i32>>,
    ) -> Result<()> {
        // article → (actor, sentence) of its mentions, articles in order of
        // appearance (every count below is a sum, a minimum or a maximum,
        // and spilled pair runs are summed, so the order changes nothing);
        // an article's rows are adjacent in a batch, so the map is only
        // asked when the article changes
        let mut by_article: Vec<(&str, Vec<MentionRow>)> = Vec::new();
        let mut slot_of: FastMap<&str, usize> = FastMap::default();
        let sentences = mentions.column("sentence")?.i32()?;
        for ((article, actor), sentence) in strs(mentions, "article_id")?
            .iter()
            .zip(strs(mentions, "actor_id")?.iter())
            .zip(sentences.iter())
        {
            let (Some(article), Some(actor)) = (article, actor) else {
                continue;
            };
            let a = self.intern(actor);
            let slot = match by_article.last() {
                Some((last, _)) if *last == article => by_article.len() - 1,
                _ => *slot_of.entry(article).or_insert_with(|| {
                    by_article.push((article, Vec::new()));
                    by_article.len() - 1
                }),
            };
            by_article[slot].1.push((a, sentence));
        }
        // actor index → its rank by `actor_id` among this batch's actors
        // (pairs are keyed in id order); ranks compare as the ids do
        let mut batch_actors: Vec<u32> = by_article
            .iter()
            .flat_map(|(_, rows)| rows.iter().map(|r| r.0))
            .collect();
        batch_actors.sort_unstable();
        batch_actors.dedup();
        let order = by_id(&self.ids, batch_actors);
        let mut rank = vec![0u32; self.ids.len()];
        for (r, &a) in order.iter().enumerate() {
            rank[a as usize] = r as u32;
        }
        // rows and sentences sorted as packed integers (the actor found
        // back from its rank), not as tuples with a rank looked up at
        // every comparison
        let mut keys: Vec<u64> = Vec::new();
        let mut by_sentence: Vec<u64> = Vec::new();
        let mut actors: Vec<u32> = Vec::new();
        for (article, rows) in by_article {
            let day = published.get(article).copied().flatten();
            // by id rank, then sentence: an actor's rows are one run
            keys.clear();
            keys.extend(
                rows.iter()
                    .map(|&(a, s)| rank_sentence(rank[a as usize], s)),
            );
            keys.sort_unstable();
            actors.clear();
            for run in keys.chunk_by(|x, y| x >> 33 == y >> 33) {
                let a = order[(run[0] >> 33) as usize];
                actors.push(a);
                let c = &mut self.counts[a as usize];
                c.mentions += run.len() as i64;
                c.articles += 1;
                // equal sentences are adjacent (equal keys in a run)
                c.sentences += 1 + run.windows(2).filter(|w| w[0] != w[1]).count() as i64;
                if let Some(d) = day {
                    c.first_seen = Some(c.first_seen.map_or(d, |f| f.min(d)));
                    c.last_seen = Some(c.last_seen.map_or(d, |l| l.max(d)));
                }
            }
            self.count_pairs(&actors, 0);
            // a null sentence joins no other (null keys do not match)
            by_sentence.clear();
            by_sentence.extend(rows.iter().filter_map(|&(a, s)| {
                let s = u64::from(s? as u32 ^ 1 << 31);
                Some(s << 32 | u64::from(rank[a as usize]))
            }));
            by_sentence.sort_unstable();
            by_sentence.dedup();
            for run in by_sentence.chunk_by(|x, y| x >> 32 == y >> 32) {
                actors.clear();
                actors.extend(
                    run.iter()
                        .map(|k| order[(k & u64::from(u32::MAX)) as usize]),
                );
                self.count_pairs(&actors, 1);
            }
            self.pairs.spill_if_full()?;
        }
        Ok(())
    }

    /// Counts every pair of `actors` (sorted by id) in slot `slot`.
    fn count_pairs(&mut self, actors: &[u32], slot: usize) {
        for (i, &a) in actors.iter().enumerate() {
            for &b in &actors[i + 1..] {
                self.pairs.add(a, b, slot);
            }
        }
    }

    /// The `actor_summary` table, named from the run's `actors` table; the
    /// `cooccurrence` table is written into `parquet`/`csv` (either may be
    /// absent) a row group at a time, and its row count returned. Columns in
    /// the contract's order, types and row order.
    pub fn finish(
        self,
        names: &ActorNames,
        parquet: Option<&Path>,
        csv: Option<&Path>,
    ) -> Result<(DataFrame, u64)> {
        let (summary, n, _) = self.finish_watching(names, parquet, csv, |_| Ok(Vec::new()))?;
        Ok((summary, n))
    }

    /// [`ActorAggregates::finish`], also returning the pairs among the
    /// actors `watched` picks from the `actor_summary` table (`actor_a`,
    /// `actor_b`, `n_articles`, in the table's order), taken as the pairs
    /// are written: the report shows the links among its top actors, and
    /// reading them back from the written table cost more than the rest of
    /// its network.
    pub fn finish_watching(
        mut self,
        names: &ActorNames,
        parquet: Option<&Path>,
        csv: Option<&Path>,
        watched: impl FnOnce(&DataFrame) -> Result<Vec<String>>,
    ) -> Result<(DataFrame, u64, Watched)> {
        let summary = self.summary(names)?;
        let mut is_watched = vec![false; self.ids.len()];
        for id in watched(&summary)? {
            if let Some(&i) = self.index.get(id.as_str()) {
                is_watched[i as usize] = true;
            }
        }
        let mut out = TableFiles::create(&COOCCURRENCE, parquet, csv)?;
        let mut links = Vec::new();
        let n = self.cooccurrence(names, &mut out, &mut |p| {
            if is_watched[p.a as usize] && is_watched[p.b as usize] {
                links.push((p.a, p.b, p.n[0]));
            }
        })?;
        out.finish()?;
        let id = |a: u32| self.ids[a as usize].clone();
        let links = links
            .into_iter()
            .map(|(a, b, n)| (id(a), id(b), n))
            .collect();
        let speakers = self
            .counts
            .iter()
            .enumerate()
            .filter(|(_, c)| c.quotes_kept > 0)
            .map(|(a, c)| {
                (
                    id(a as u32),
                    c.quotes_kept,
                    c.speaker.as_deref().map(String::from),
                )
            })
            .collect();
        Ok((summary, n, Watched { links, speakers }))
    }

    fn summary(&self, names: &ActorNames) -> Result<DataFrame> {
        let zero = ActorCounts::default();
        let mut rows: Vec<(&str, &ActorName, &ActorCounts)> = names
            .0
            .iter()
            .map(|(id, n)| {
                let c = self
                    .index
                    .get(*id)
                    .map_or(&zero, |&i| &self.counts[i as usize]);
                (*id, n, c)
            })
            .collect();
        rows.sort_by(|a, b| b.2.mentions.cmp(&a.2.mentions).then_with(|| a.0.cmp(b.0)));
        let count = |name: &str, f: fn(&ActorCounts) -> i64| {
            Column::new(
                name.into(),
                rows.iter().map(|r| f(r.2)).collect::<Vec<i64>>(),
            )
        };
        let day = |name: &str, f: fn(&ActorCounts) -> Option<i32>| -> Result<Column> {
            let days: Vec<Option<i32>> = rows.iter().map(|r| f(r.2)).collect();
            Ok(Series::new(name.into(), days)
                .cast(&DataType::Date)?
                .into_column())
        };
        Ok(DataFrame::new(
            rows.len(),
            vec![
                Column::new(
                    "actor_id".into(),
                    rows.iter().map(|r| r.0).collect::<Vec<_>>(),
                ),
                Column::new(
                    "name".into(),
                    rows.iter().map(|r| r.1.name).collect::<Vec<_>>(),
                ),
                Column::new(
                    "kind".into(),
                    rows.iter().map(|r| r.1.kind).collect::<Vec<_>>(),
                ),
                Column::new(
                    "country".into(),
                    rows.iter().map(|r| r.1.country).collect::<Vec<_>>(),
                ),
                count("n_mentions", |c| c.mentions),
                count("n_articles", |c| c.articles),
                count("n_sentences", |c| c.sentences),
                count("n_quotes", |c| c.quotes),
                count("n_events_as_source", |c| c.as_source),
                count("n_events_as_target", |c| c.as_target),
                day("first_seen", |c| c.first_seen)?,
                day("last_seen", |c| c.last_seen)?,
            ],
        )?)
    }

    /// Writes the pairs into `out`, most frequent first; returns their number.
    /// `seen` is shown every pair, in the table's order.
    fn cooccurrence(
        &mut self,
        names: &ActorNames,
        out: &mut TableFiles,
        seen: &mut dyn FnMut(&Pair),
    ) -> Result<u64> {
        // an actor's rank among the ids: ranks compare as the ids do
        let mut order: Vec<u32> = (0..self.ids.len() as u32).collect();
        order.sort_unstable_by(|a, b| self.ids[*a as usize].cmp(&self.ids[*b as usize]));
        let mut rank = vec![0u32; order.len()];
        for (r, a) in order.into_iter().enumerate() {
            rank[a as usize] = r as u32;
        }
        let narrow = NarrowKey::new(self.pairs.count_bound(), self.ids.len());
        let pairs = std::mem::take(&mut self.pairs);
        // each actor's id and name made a string column once; a row group's
        // columns gather them by index (a 16-byte view per cell sharing
        // the actors' bytes, where building each cell's string anew cost
        // most of the columns)
        let ids: StringChunked = self.ids.iter().map(|id| Some(id.as_str())).collect();
        let by_index: StringChunked = self
            .ids
            .iter()
            .map(|id| names.get(id).map(|n| n.name))
            .collect();
        // a row group at a time: the pairs are the run's largest table
        let mut chunk: Vec<Pair> = Vec::with_capacity(ROW_GROUP_ROWS);
        let mut each = |p: Pair| -> Result<()> {
            seen(&p);
            chunk.push(p);
            if chunk.len() == ROW_GROUP_ROWS {
                push_pairs(&chunk, &ids, &by_index, out)?;
                chunk.clear();
            }
            Ok(())
        };
        // one 64-bit key when the counts and ranks fit (any run short of
        // tens of thousands of actors): half the bytes to sort and compare
        let n = match narrow {
            Some(k) => pairs.for_each_sorted(|p| k.key(p, &rank), &mut each)?,
            None => pairs.for_each_sorted(|p| table_key(p, &rank), &mut each)?,
        };
        if !chunk.is_empty() {
            push_pairs(&chunk, &ids, &by_index, out)?;
        }
        Ok(n)
    }
}

/// Writes one row group of pairs into `out`; `ids` and `names` are the
/// actors' ids and names by index.
fn push_pairs(
    chunk: &[Pair],
    ids: &StringChunked,
    names: &StringChunked,
    out: &mut TableFiles,
) -> Result<()> {
    let side = |f: fn(&Pair) -> u32| {
        IdxCa::from_vec(
            PlSmallStr::EMPTY,
            chunk.iter().map(|p| f(p) as IdxSize).collect(),
        )
    };
    let (a, b) = (side(|p| p.a), side(|p| p.b));
    let gather = |name: &str, from: &StringChunked, at: &IdxCa| -> Result<Column> {
        Ok(from.take(at)?.with_name(name.into()).into_column())
    };
    let count = |name: &str, slot: usize| {
        Column::new(
            name.into(),
            chunk.iter().map(|r| r.n[slot]).collect::<Vec<_>>(),
        )
    };
    let df = DataFrame::new(
        chunk.len(),
        vec![
            gather("actor_a", ids, &a)?,
            gather("actor_b", ids, &b)?,
            gather("name_a", names, &a)?,
            gather("name_b", names, &b)?,
            count("n_articles", 0),
            count("n_sentences", 1),
        ],
    )?;
    out.push(&df)
}

/// What the actor aggregates give the report besides their tables.
pub struct Watched {
    /// The pairs among the watched actors: `actor_a`, `actor_b`,
    /// `n_articles`.
    pub links: Vec<(String, String, i64)>,
    /// Every speaker with quotes outside near-duplicate articles: id,
    /// quotes, smallest speaker name.
    pub speakers: Vec<(String, i64, Option<String>)>,
}

/// An actor's rank and a sentence packed so that integers order as the
/// pair `(rank, sentence)` does (a null sentence first): the rank above
/// bit 33 (ranks count a batch's actors, far below 2^31), then whether
/// the sentence is set, then the sentence with its sign bit flipped.
fn rank_sentence(rank: u32, sentence: Option<i32>) -> u64 {
    let s = sentence.map_or(0, |s| 1 << 32 | u64::from(s as u32 ^ 1 << 31));
    u64::from(rank) << 33 | s
}

/// The `cooccurrence` order of a pair, `ranks` being the actors' ranks by
/// id: most articles, then most sentences, first; then by ids. Packed into
/// one integer, far cheaper to sort than a tuple holding an array. Exact
/// while a pair's counts stay below 2^32 articles and sentences (beyond
/// any run); past that they compare as equal and the ids order them.
fn table_key(p: &Pair, ranks: &[u32]) -> u128 {
    let desc = |n: i64| u128::from(!(n.clamp(0, u32::MAX.into()) as u32));
    (desc(p.n[0]) << 96)
        | (desc(p.n[1]) << 64)
        | (u128::from(ranks[p.a as usize]) << 32)
        | u128::from(ranks[p.b as usize])
}

/// [`table_key`] packed into 64 bits: each count in `n_bits` (counts at
/// most a bound, stored as the bound's mask minus the count so that more
/// comes first), each rank in `r_bits`.
#[derive(Clone, Copy)]
struct NarrowKey {
    n_bits: u32,
    r_bits: u32,
}

impl NarrowKey {
    /// The key for counts up to `bound` and `actors` ranks, when the four
    /// fields fit 64 bits.
    fn new(bound: i64, actors: usize) -> Option<NarrowKey> {
        let bits = |x: u64| u64::BITS - x.leading_zeros();
        let n_bits = bits(u64::try_from(bound).ok()?);
        let r_bits = bits(actors.saturating_sub(1) as u64);
        (2 * (n_bits + r_bits) <= 64).then_some(NarrowKey { n_bits, r_bits })
    }

    fn key(self, p: &Pair, ranks: &[u32]) -> u64 {
        let mask = (1u64 << self.n_bits) - 1;
        let desc = |n: i64| mask - (n.max(0) as u64).min(mask);
        let shl = |v: u64, s: u32| v.checked_shl(s).unwrap_or(0);
        shl(desc(p.n[0]), self.n_bits + 2 * self.r_bits)
            | shl(desc(p.n[1]), 2 * self.r_bits)
            | shl(u64::from(ranks[p.a as usize]), self.r_bits)
            | u64::from(ranks[p.b as usize])
    }
}

/// An actor as the aggregates name it, borrowed from the run's `actors`
/// table.
pub(super) struct ActorName<'a> {
    pub(super) name: &'a str,
    kind: Option<&'a str>,
    pub(super) country: Option<&'a str>,
}

/// One entry per `actor_id` of an `actors` table, chosen as
/// `super::actors::actor_names` does: the longest name (in characters),
/// then the smallest; the first row's kind; the smallest country. Built
/// once for both the actor and the event tables.
pub struct ActorNames<'a>(BTreeMap<&'a str, ActorName<'a>>);

impl<'a> ActorNames<'a> {
    /// The names of `actors` (the run's `actors` table).
    pub fn of(actors: &'a DataFrame) -> Result<ActorNames<'a>> {
        let mut names: BTreeMap<&str, ActorName> = BTreeMap::new();
        for ((id, name), (kind, country)) in strs(actors, "actor_id")?
            .iter()
            .zip(strs(actors, "name")?.iter())
            .zip(
                strs(actors, "kind")?
                    .iter()
                    .zip(strs(actors, "country")?.iter()),
            )
        {
            let (Some(id), Some(name)) = (id, name) else {
                continue;
            };
            let Some(e) = names.get_mut(id) else {
                names.insert(
                    id,
                    ActorName {
                        name,
                        kind,
                        country,
                    },
                );
                continue;
            };
            let longer = (name.chars().count(), std::cmp::Reverse(name))
                > (e.name.chars().count(), std::cmp::Reverse(e.name));
            if longer {
                e.name = name;
            }
            if let Some(c) = country
                && e.country.is_none_or(|old| c < old)
            {
                e.country = Some(c);
            }
        }
        Ok(ActorNames(names))
    }

    /// The entry of `id`.
    pub(super) fn get(&self, id: &str) -> Option<&ActorName<'a>> {
        self.0.get(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_ranks_and_sentences_order_as_the_pairs_do() {
        let sentences = [
            None,
            Some(i32::MIN),
            Some(-1),
            Some(0),
            Some(1),
            Some(i32::MAX),
        ];
        let mut rows = Vec::new();
        for rank in [0u32, 1, 7, (1 << 31) - 1] {
            rows.extend(sentences.iter().map(|&s| (rank, s)));
        }
        for x in &rows {
            for y in &rows {
                let (kx, ky) = (rank_sentence(x.0, x.1), rank_sentence(y.0, y.1));
                assert_eq!(kx.cmp(&ky), x.cmp(y), "{x:?} {y:?}");
                assert_eq!(kx >> 33 == ky >> 33, x.0 == y.0, "{x:?} {y:?}");
            }
        }
    }

    #[test]
    fn narrow_keys_order_as_the_wide_ones_do() {
        // counts up to the bound, ranks of every actor, several widths
        for (bound, actors) in [
            (0i64, 1usize),
            (1, 2),
            (215, 1565),
            (20_000, 60_000),
            (3, 9),
        ] {
            let k = NarrowKey::new(bound, actors).expect("fits 64 bits");
            let ranks: Vec<u32> = (0..actors as u32).rev().collect();
            let counts = [0, bound.min(1), bound / 2, bound];
            let sides = [0, actors as u32 / 3, actors as u32 - 1];
            let mut pairs = Vec::new();
            for &n0 in &counts {
                for &n1 in &counts {
                    for &a in &sides {
                        for &b in &sides {
                            pairs.push(Pair { a, b, n: [n0, n1] });
                        }
                    }
                }
            }
            for x in &pairs {
                for y in &pairs {
                    assert_eq!(
                        k.key(x, &ranks).cmp(&k.key(y, &ranks)),
                        table_key(x, &ranks).cmp(&table_key(y, &ranks)),
                        "{x:?} {y:?} bound {bound} actors {actors}"
                    );
                }
            }
        }
        assert!(NarrowKey::new(1 << 20, 1 << 20).is_none(), "too wide");
    }

    #[test]
    fn packed_pair_keys_order_as_the_table_does() {
        let ranks = [2u32, 0, 1, u32::MAX];
        let counts = [0, 1, 2, 1 << 20, i64::from(u32::MAX) - 1];
        let mut pairs = Vec::new();
        for &n0 in &counts {
            for &n1 in &counts {
                for (a, b) in [(0, 1), (1, 2), (0, 3), (2, 3)] {
                    pairs.push(Pair { a, b, n: [n0, n1] });
                }
            }
        }
        let tuple = |p: &Pair| {
            (
                std::cmp::Reverse(p.n),
                ranks[p.a as usize],
                ranks[p.b as usize],
            )
        };
        for x in &pairs {
            for y in &pairs {
                assert_eq!(
                    table_key(x, &ranks).cmp(&table_key(y, &ranks)),
                    tuple(x).cmp(&tuple(y)),
                    "{x:?} {y:?}"
                );
            }
        }
    }
}
