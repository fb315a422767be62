//! The report's event figures taken as a run writes `event_counts` and
//! `dyads`, so that the report does not read those tables back: each row
//! group is reduced to what the report's queries keep of it, and the same
//! queries then run over the reductions.

use anyhow::Result;
use polars::prelude::*;

use super::read::happened;
use super::{
    DYAD_LEVELS, Dyad, EventCount, busiest_dyads, counts_summed, summed_by_kind, top_dyads,
};
use crate::aggregate::schema::{DYADS, EVENT_COUNTS};

/// The reductions of the row groups seen so far (frames without columns
/// until a row group comes).
#[derive(Default)]
pub struct EventFigures {
    /// Per row group of `event_counts`: the counts of the events that
    /// happened, summed by month, type and quad class.
    counts: DataFrame,
    /// Per row group of `dyads`: its strongest dyads of each level, in the
    /// report's order (a dyad among the strongest of the table is among
    /// the strongest of its row group; ties keep the table's order).
    dyads: DataFrame,
}

/// The event count the report shows: near-duplicate reports once.
const COUNT: &str = "n_distinct_events";

impl EventFigures {
    /// Takes a row group of `table` (`event_counts` or `dyads`; others are
    /// ignored) as it is written.
    pub fn see(&mut self, table: &str, rows: &DataFrame) -> Result<()> {
        if table == EVENT_COUNTS.name {
            let happened = rows.clone().lazy().filter(happened());
            append(
                &mut self.counts,
                &summed_by_kind(happened, COUNT).collect()?,
            )?;
        } else if table == DYADS.name {
            for level in DYAD_LEVELS {
                append(&mut self.dyads, &busiest_dyads(rows.clone().lazy(), level)?)?;
            }
        }
        Ok(())
    }

    /// The figures of every row group seen: [`super::ReportData::event_counts`]
    /// and [`super::ReportData::dyads`].
    pub fn finish(self) -> Result<(Vec<EventCount>, Vec<Dyad>)> {
        let counts = match self.counts.width() {
            0 => Vec::new(),
            _ => counts_summed(self.counts.lazy(), COUNT)?,
        };
        let dyads = match self.dyads.width() {
            0 => Vec::new(),
            _ => top_dyads(self.dyads.lazy())?,
        };
        Ok((counts, dyads))
    }
}

/// Appends `rows` to `all` (a frame without columns takes theirs).
fn append(all: &mut DataFrame, rows: &DataFrame) -> Result<()> {
    if all.width() == 0 {
        *all = rows.clone();
    } else {
        all.vstack_mut(rows)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::data::read::testing::Lcg;
    use crate::report::data::{TOP_DYADS, event_counts_from};

    fn quad_of(event_type: &str) -> &'static str {
        match event_type {
            "ACCUSE" => "verbal_conflict",
            "AID" => "material_cooperation",
            _ => "material_conflict",
        }
    }

    /// `event_counts`-shaped rows: few distinct keys, so that groups span
    /// row groups; some months null, some statuses left out.
    fn counts_table(n: usize) -> DataFrame {
        let mut rng = Lcg(5);
        let mut pick = |values: &[&'static str]| values[rng.next(values.len() as u64) as usize];
        let rows: Vec<[&str; 4]> = (0..n)
            .map(|_| {
                [
                    pick(&["2025-01", "2025-02", "2025-03", ""]),
                    pick(&["ACCUSE", "AID", "FIGHT"]),
                    "",
                    pick(&["asserted", "asserted", "negated", "hypothetical", "planned"]),
                ]
            })
            .collect();
        let mut rng = Lcg(9);
        df!(
            "month" => rows.iter().map(|r| (!r[0].is_empty()).then_some(r[0])).collect::<Vec<_>>(),
            "type" => rows.iter().map(|r| r[1]).collect::<Vec<_>>(),
            // a type has one quad class (the report orders by month and type)
            "quad_class" => rows.iter().map(|r| quad_of(r[1])).collect::<Vec<_>>(),
            "status" => rows.iter().map(|r| r[3]).collect::<Vec<_>>(),
            "n_events" => (0..n).map(|_| rng.next(9) as i64 + 1).collect::<Vec<_>>(),
            "n_distinct_events" => (0..n).map(|_| rng.next(5) as i64 + 1).collect::<Vec<_>>(),
        )
        .unwrap()
    }

    /// `dyads`-shaped rows with many ties: equal counts and equal names
    /// under different ids.
    fn dyads_table(n: usize) -> DataFrame {
        let mut rng = Lcg(17);
        let rows: Vec<(bool, u64, u64, u64)> = (0..n)
            .map(|_| (rng.next(3) == 0, rng.next(6), rng.next(6), rng.next(4) + 1))
            .collect();
        let mut table = df!(
            "level" => rows.iter().map(|r| if r.0 { "country" } else { "actor" }).collect::<Vec<_>>(),
            "source" => (0..n).map(|i| format!("s{i}")).collect::<Vec<_>>(),
            "target" => (0..n).map(|i| format!("t{i}")).collect::<Vec<_>>(),
            "source_name" => rows.iter().map(|r| format!("Source {}", r.1)).collect::<Vec<_>>(),
            "target_name" => rows.iter().map(|r| format!("Target {}", r.2)).collect::<Vec<_>>(),
            "n_events" => rows.iter().map(|r| r.3 as i64).collect::<Vec<_>>(),
            "n_articles" => (0..n as i64).collect::<Vec<_>>(),
            "first_date" => (0..n).map(|i| format!("2025-01-{:02}", i % 28 + 1)).collect::<Vec<_>>(),
            "last_date" => (0..n).map(|i| format!("2025-02-{:02}", i % 28 + 1)).collect::<Vec<_>>(),
        )
        .unwrap();
        for quad in super::super::QUADS {
            let column = Column::new(
                format!("n_{quad}").into(),
                (0..n as i64).collect::<Vec<_>>(),
            );
            table.with_column(column).unwrap();
        }
        table
    }

    #[test]
    fn row_groups_seen_give_the_figures_of_the_whole_table() {
        let (counts, dyads) = (counts_table(700), dyads_table(700));
        let whole = (
            event_counts_from(counts.clone().lazy(), COUNT).unwrap(),
            top_dyads(dyads.clone().lazy()).unwrap(),
        );
        assert!(whole.0.len() > 10 && whole.1.len() == 2 * TOP_DYADS);
        for group_rows in [700, 97, 10, 1] {
            let mut figures = EventFigures::default();
            for (table, df) in [("event_counts", &counts), ("dyads", &dyads)] {
                for start in (0..700).step_by(group_rows) {
                    figures
                        .see(table, &df.slice(start as i64, group_rows))
                        .unwrap();
                }
            }
            figures.see("timeline", &dyads).unwrap();
            assert_eq!(
                figures.finish().unwrap(),
                whole,
                "row groups of {group_rows}"
            );
        }
    }

    #[test]
    fn nothing_seen_gives_no_figures() {
        let (counts, dyads) = EventFigures::default().finish().unwrap();
        assert!(counts.is_empty() && dyads.is_empty());
    }
}
