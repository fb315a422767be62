//! Near-duplicate families of a run's articles, resolved as batches arrive:
//! every article's root (the first article of its family) and publication
//! day, which the event aggregates and the timeline date events by.
//!
//! A run links an article only to an earlier one, so the root of a new
//! article is already known when it arrives; a link to an article outside
//! the run stops there, as `aggregate::inputs` does for written tables.

use anyhow::Result;
use polars::prelude::*;

use crate::text::ids::IdIndex;

/// Articles of the run so far, by dense index in arrival order.
#[derive(Default)]
pub struct Families {
    ids: IdIndex,
    published: Vec<Option<i32>>,
    root: Vec<u32>,
}

impl Families {
    /// Adds one batch's `articles` (contract columns) and returns each row's
    /// article index (`None` for a row without an id).
    pub fn add_articles(&mut self, articles: &DataFrame) -> Result<Vec<Option<u32>>> {
        let ids = articles.column("article_id")?.str()?;
        let dups = articles.column("duplicate_of")?.str()?;
        let days = articles.column("published")?.cast(&DataType::Int32)?;
        let mut rows = Vec::with_capacity(ids.len());
        for ((id, dup), day) in ids.iter().zip(dups.iter()).zip(days.i32()?.iter()) {
            let Some(id) = id else {
                rows.push(None);
                continue;
            };
            // the link is looked up first: it is to another article
            let linked = dup.filter(|d| *d != id).and_then(|d| self.ids.get(d));
            let (a, new) = self.ids.insert(id);
            rows.push(Some(a));
            if !new {
                continue;
            }
            let root = linked.map_or(a, |d| self.root[d as usize]);
            self.published.push(day);
            self.root.push(root);
        }
        Ok(rows)
    }

    /// Articles seen so far.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// True before the first article.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The index of an article seen so far.
    pub fn get(&self, id: &str) -> Option<u32> {
        self.ids.get(id)
    }

    /// The id of article `a`.
    pub fn id(&self, a: u32) -> &str {
        self.ids.id(a)
    }

    /// The root of article `a` (itself when it has no earlier near-duplicate).
    pub fn root(&self, a: u32) -> u32 {
        self.root[a as usize]
    }

    /// Publication day (days since the epoch) of article `a`.
    pub fn published(&self, a: u32) -> Option<i32> {
        self.published[a as usize]
    }

    /// Publication day of the root of article `a`.
    pub fn root_published(&self, a: u32) -> Option<i32> {
        self.published(self.root(a))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots_follow_links_to_earlier_articles_of_the_run() {
        let batch = |ids: &[&str], dups: &[Option<&str>], days: &[Option<i32>]| {
            df! {
                "article_id" => ids,
                "duplicate_of" => dups,
                "published" => days,
            }
            .unwrap()
        };
        let mut f = Families::default();
        f.add_articles(&batch(
            &["a", "b"],
            &[None, Some("a")],
            &[Some(10), Some(20)],
        ))
        .unwrap();
        // c → b → a across batches; d points outside the run; e to itself
        let rows = f
            .add_articles(&batch(
                &["c", "d", "e"],
                &[Some("b"), Some("zz"), Some("e")],
                &[None, Some(40), None],
            ))
            .unwrap();
        let roots: Vec<&str> = rows.iter().map(|a| f.id(f.root(a.unwrap()))).collect();
        assert_eq!(roots, ["a", "d", "e"]);
        assert_eq!(f.root_published(rows[0].unwrap()), Some(10));
        assert_eq!(f.published(rows[0].unwrap()), None);
        assert_eq!(f.get("b"), Some(1));
    }
}
