//! The co-occurring pairs of a run with bounded memory: counts go into a
//! map of at most [`PairCounts::budget`] entries; a full map is sorted by
//! pair and written to a run file in a spill folder of the staging area,
//! and the end of the run merges the runs (k-way, summing a pair's counts),
//! then sorts the summed pairs in the table's order the same way (sorted
//! runs of at most a budget's records, merged). A run with few pairs never
//! touches the disk.
//!
//! At 100k articles the pairs were 1.2M map entries (about 50 MB, twice
//! that while the map grew or the table was sorted), the largest thing a
//! run kept per article.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use super::hash::FastMap;

/// Map entries before a spill, by default: a map of 2^18 buckets (about
/// 6.5 MB); the end of the run buffers as many summed pairs (24 bytes each).
pub const DEFAULT_BUDGET: usize = 160_000;

/// One pair's counts: `a`, `b` are actor indices, `n` the articles and
/// sentences they share.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pair {
    /// First actor (the smaller id).
    pub a: u32,
    /// Second actor.
    pub b: u32,
    /// Articles, sentences.
    pub n: [i64; 2],
}

/// Bytes of a [`Pair`] in a run file.
const RECORD: usize = 24;

impl Pair {
    fn put(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.a.to_le_bytes());
        out.extend_from_slice(&self.b.to_le_bytes());
        out.extend_from_slice(&self.n[0].to_le_bytes());
        out.extend_from_slice(&self.n[1].to_le_bytes());
    }

    fn get(b: &[u8; RECORD]) -> Pair {
        let u = |i: usize| u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]);
        let i = |k: usize| {
            let mut x = [0u8; 8];
            x.copy_from_slice(&b[k..k + 8]);
            i64::from_le_bytes(x)
        };
        Pair {
            a: u(0),
            b: u(4),
            n: [i(8), i(16)],
        }
    }
}

/// Sorted run files in one folder, removed when dropped.
struct Runs {
    dir: PathBuf,
    /// The folder was created by these runs (and is removed with them).
    created: bool,
    files: Vec<PathBuf>,
    /// Name of the next file.
    prefix: &'static str,
}

impl Runs {
    fn new(dir: &Path, prefix: &'static str) -> Runs {
        Runs {
            dir: dir.to_path_buf(),
            created: false,
            files: Vec::new(),
            prefix,
        }
    }

    /// Writes `sorted` as the next run.
    fn write(&mut self, sorted: &[Pair]) -> Result<()> {
        if !self.created {
            std::fs::create_dir_all(&self.dir)
                .with_context(|| format!("creating the pairs spill '{}'", self.dir.display()))?;
            self.created = true;
        }
        let path = self
            .dir
            .join(format!("{}-{}.run", self.prefix, self.files.len()));
        let file = File::create(&path).context("creating a pairs spill run")?;
        let mut w = BufWriter::new(file);
        let mut bytes = Vec::with_capacity(64 * 1024);
        for chunk in sorted.chunks(64 * 1024 / RECORD) {
            bytes.clear();
            for p in chunk {
                p.put(&mut bytes);
            }
            w.write_all(&bytes).context("writing the pairs spill")?;
        }
        w.into_inner()
            .map_err(|e| e.into_error())
            .context("writing the pairs spill")?;
        self.files.push(path);
        Ok(())
    }

    /// Every run and `tail` (sorted by `key` too) merged in `key` order;
    /// equal keys come in run order, `tail` last.
    fn merge<K: Ord, F: Fn(&Pair) -> K>(&self, tail: Vec<Pair>, key: F) -> Result<Merge<K, F>> {
        let mut sources = Vec::with_capacity(self.files.len() + 1);
        for path in &self.files {
            let file = File::open(path).context("reading the pairs spill")?;
            sources.push(Source::File(BufReader::with_capacity(64 * 1024, file)));
        }
        sources.push(Source::Memory(tail.into_iter()));
        let mut merge = Merge {
            sources,
            heap: BinaryHeap::new(),
            key,
        };
        for i in 0..merge.sources.len() {
            merge.refill(i)?;
        }
        Ok(merge)
    }
}

impl Drop for Runs {
    fn drop(&mut self) {
        for f in &self.files {
            let _ = std::fs::remove_file(f);
        }
        if self.created {
            // other runs may share the folder: only an empty one goes
            let _ = std::fs::remove_dir(&self.dir);
        }
    }
}

/// Where a merge reads one sorted sequence from.
enum Source {
    File(BufReader<File>),
    Memory(std::vec::IntoIter<Pair>),
}

impl Source {
    fn next(&mut self) -> Result<Option<Pair>> {
        match self {
            Source::Memory(it) => Ok(it.next()),
            Source::File(r) => {
                let mut b = [0u8; RECORD];
                match r.read_exact(&mut b) {
                    Ok(()) => Ok(Some(Pair::get(&b))),
                    Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => Ok(None),
                    Err(e) => Err(e).context("reading the pairs spill"),
                }
            }
        }
    }
}

/// A k-way merge of sorted sources: the heap holds each source's next
/// record, keyed by `(key, source)` so that ties come in source order.
struct Merge<K, F> {
    sources: Vec<Source>,
    heap: BinaryHeap<Reverse<(K, usize, PairOrd)>>,
    key: F,
}

/// A pair carried through the heap without taking part in its order.
struct PairOrd(Pair);

impl PartialEq for PairOrd {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}
impl Eq for PairOrd {}
impl PartialOrd for PairOrd {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for PairOrd {
    fn cmp(&self, _: &Self) -> std::cmp::Ordering {
        std::cmp::Ordering::Equal
    }
}

impl<K: Ord, F: Fn(&Pair) -> K> Merge<K, F> {
    fn refill(&mut self, i: usize) -> Result<()> {
        if let Some(p) = self.sources[i].next()? {
            self.heap.push(Reverse(((self.key)(&p), i, PairOrd(p))));
        }
        Ok(())
    }

    fn next_pair(&mut self) -> Result<Option<Pair>> {
        let Some(Reverse((_, i, PairOrd(p)))) = self.heap.pop() else {
            return Ok(None);
        };
        self.refill(i)?;
        Ok(Some(p))
    }
}

/// The pairs' running counts.
pub struct PairCounts {
    map: FastMap<(u32, u32), [i64; 2]>,
    /// The largest counts of the spilled maps, added up.
    spilled_bound: i64,
    budget: usize,
    /// Where full maps go; `None`: memory only.
    runs: Option<Runs>,
}

impl Default for PairCounts {
    /// Counts kept in memory only (tests, `gazette aggregate`).
    fn default() -> Self {
        PairCounts {
            map: Default::default(),
            spilled_bound: 0,
            budget: usize::MAX,
            runs: None,
        }
    }
}

impl PairCounts {
    /// Counts that spill into folder `dir` (created when first needed,
    /// removed with the counts) whenever the map reaches `budget` entries.
    pub fn spilling(dir: &Path, budget: usize) -> PairCounts {
        let budget = budget.max(1);
        PairCounts {
            map: FastMap::with_capacity_and_hasher(budget.min(1 << 16), Default::default()),
            spilled_bound: 0,
            budget,
            runs: Some(Runs::new(dir, "pairs")),
        }
    }

    /// Pairs in memory now.
    pub(super) fn in_memory(&self) -> usize {
        self.map.len()
    }

    /// A bound on every summed count: the largest count of each spilled
    /// map added up, plus the largest in memory (a pass over the map, not a
    /// test per increment).
    pub fn count_bound(&self) -> i64 {
        self.spilled_bound + max_count(&self.map)
    }

    /// Adds one to slot `slot` (0: articles, 1: sentences) of pair `(a, b)`.
    #[inline]
    pub fn add(&mut self, a: u32, b: u32, slot: usize) {
        self.map.entry((a, b)).or_default()[slot] += 1;
    }

    /// Spills the map when it has reached the budget (called between
    /// articles, so that one article's pairs stay together in memory).
    pub fn spill_if_full(&mut self) -> Result<()> {
        if self.map.len() < self.budget {
            return Ok(());
        }
        let Some(runs) = &mut self.runs else {
            return Ok(());
        };
        self.spilled_bound += max_count(&self.map);
        let sorted = drain_sorted(&mut self.map);
        runs.write(&sorted)
    }

    /// Calls `f` on every pair, its counts summed, in the order of `key`
    /// (which must tell any two pairs apart), with at most a budget of
    /// pairs in memory beside the spilled runs; returns how many.
    pub fn for_each_sorted<K: Ord>(
        mut self,
        key: impl Fn(&Pair) -> K,
        f: &mut dyn FnMut(Pair) -> Result<()>,
    ) -> Result<u64> {
        // nothing spilled: the map alone, sorted once in the table's order
        // (no sort by pair and merge of a single source)
        let Some(runs) = self.runs.take().filter(|r| !r.files.is_empty()) else {
            let mut all: Vec<Pair> = self
                .map
                .drain()
                .map(|((a, b), n)| Pair { a, b, n })
                .collect();
            self.map = Default::default();
            sort_by_key(&mut all, &key);
            let n = all.len() as u64;
            for p in all {
                f(p)?;
            }
            return Ok(n);
        };
        let tail = drain_sorted(&mut self.map);
        self.map = Default::default();
        // the runs summed pair by pair, re-sorted by `key` in runs of a budget
        let mut ordered = Runs::new(&runs.dir, "ordered");
        let mut buf: Vec<Pair> = Vec::new();
        let mut merge = runs.merge(tail, |p| (p.a, p.b))?;
        let mut current: Option<Pair> = None;
        let flush = |buf: &mut Vec<Pair>, ordered: &mut Runs| -> Result<()> {
            sort_by_key(buf, &key);
            ordered.write(buf)?;
            buf.clear();
            Ok(())
        };
        loop {
            let next = merge.next_pair()?;
            match (&mut current, next) {
                (Some(c), Some(p)) if (c.a, c.b) == (p.a, p.b) => {
                    c.n[0] += p.n[0];
                    c.n[1] += p.n[1];
                    continue;
                }
                _ => {}
            }
            if let Some(c) = current.take() {
                if buf.len() >= self.budget {
                    flush(&mut buf, &mut ordered)?;
                }
                buf.push(c);
            }
            match next {
                Some(p) => current = Some(p),
                None => break,
            }
        }
        drop(merge);
        drop(runs);
        sort_by_key(&mut buf, &key);
        let mut merge = ordered.merge(buf, &key)?;
        let mut n = 0u64;
        while let Some(p) = merge.next_pair()? {
            f(p)?;
            n += 1;
        }
        Ok(n)
    }
}

/// Sorts `pairs` by `key`, each key computed once: a key made of rank
/// lookups, computed twice per comparison, cost most of the end-of-run
/// sort of the pairs.
fn sort_by_key<K: Ord>(pairs: &mut Vec<Pair>, key: impl Fn(&Pair) -> K) {
    // keys and positions are sorted, not whole pairs (less to move)
    let mut keyed: Vec<(K, u32)> = pairs
        .iter()
        .enumerate()
        .map(|(i, p)| (key(p), i as u32))
        .collect();
    // keys tell any two pairs apart: an unstable sort is deterministic
    keyed.sort_unstable_by(|x, y| x.0.cmp(&y.0));
    *pairs = keyed.into_iter().map(|(_, i)| pairs[i as usize]).collect();
}

/// The largest count of a map (0 when empty).
fn max_count(map: &FastMap<(u32, u32), [i64; 2]>) -> i64 {
    map.values().flatten().copied().max().unwrap_or(0)
}

/// The map's pairs sorted by `(a, b)`, leaving it empty (its capacity kept).
fn drain_sorted(map: &mut FastMap<(u32, u32), [i64; 2]>) -> Vec<Pair> {
    let mut v: Vec<Pair> = map.drain().map(|((a, b), n)| Pair { a, b, n }).collect();
    v.sort_unstable_by_key(|p| (u64::from(p.a) << 32) | u64::from(p.b));
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Deterministic pseudo-random pair increments: (a, b, slot), with
    /// repeats so that pairs are spread over several runs.
    fn increments(n: usize) -> Vec<(u32, u32, usize)> {
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        (0..n)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                let a = (x % 23) as u32;
                let b = a + 1 + ((x >> 8) % 17) as u32;
                (a, b, ((x >> 16) % 2) as usize)
            })
            .collect()
    }

    /// Most frequent first, then by pair: the cooccurrence order.
    fn table_order(p: &Pair) -> (Reverse<[i64; 2]>, u32, u32) {
        (Reverse(p.n), p.a, p.b)
    }

    fn sorted(counts: PairCounts) -> Vec<Pair> {
        let mut out = Vec::new();
        let n = counts
            .for_each_sorted(table_order, &mut |p| {
                out.push(p);
                Ok(())
            })
            .unwrap();
        assert_eq!(n as usize, out.len());
        out
    }

    #[test]
    fn a_record_reads_back_as_written() {
        let p = Pair {
            a: 7,
            b: u32::MAX,
            n: [i64::MAX, -3],
        };
        let mut bytes = Vec::new();
        p.put(&mut bytes);
        let b: [u8; RECORD] = bytes.as_slice().try_into().unwrap();
        assert_eq!(Pair::get(&b), p);
    }

    #[test]
    fn spilled_runs_merge_to_the_in_memory_counts() {
        let dir = tempfile::tempdir().unwrap();
        let spill_dir = dir.path().join("pairs");
        for budget in [1, 5, 40, 1000] {
            let mut memory = PairCounts::default();
            let mut spilling = PairCounts::spilling(&spill_dir, budget);
            for (k, (a, b, slot)) in increments(3000).into_iter().enumerate() {
                memory.add(a, b, slot);
                spilling.add(a, b, slot);
                // between "articles" of 7 increments
                if k % 7 == 6 {
                    spilling.spill_if_full().unwrap();
                }
            }
            let runs = spilling.runs.as_ref().map_or(0, |r| r.files.len());
            if budget <= 40 {
                assert!(runs >= 3, "budget {budget}: only {runs} runs");
            }
            let expected = sorted(memory);
            assert!(expected.len() > 100, "the test adds many pairs");
            assert!(
                expected
                    .windows(2)
                    .all(|w| table_order(&w[0]) < table_order(&w[1])),
                "memory-only counts come in the table's order"
            );
            assert_eq!(sorted(spilling), expected, "budget {budget}");
            assert!(!spill_dir.exists(), "budget {budget}: the spill is removed");
        }
    }

    #[test]
    fn merge_takes_the_smallest_key_first_and_ties_in_run_order() {
        let dir = tempfile::tempdir().unwrap();
        let pair = |a: u32, n: i64| Pair { a, b: 0, n: [n, 0] };
        let mut runs = Runs::new(dir.path(), "t");
        runs.write(&[pair(0, 1), pair(1, 4), pair(2, 9)]).unwrap();
        runs.write(&[pair(3, 2), pair(4, 4)]).unwrap();
        let mut merge = runs
            .merge(vec![pair(5, 0), pair(6, 4)], |p| p.n[0])
            .unwrap();
        let mut got = Vec::new();
        while let Some(p) = merge.next_pair().unwrap() {
            got.push(p.a);
        }
        assert_eq!(got, [5, 0, 3, 1, 4, 6, 2]);
    }
}
