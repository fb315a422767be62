//! The timeline's figures: events per day, and the latest distinct events
//! with their evidence, from `timeline`-shaped rows.

use std::path::Path;

use anyhow::Result;
use polars::prelude::*;

use super::read::{Rows, ints, order, strings, strs};
use super::{TOP_ROWS, Timeline, TimelineRow, derive};

/// The latest dated events of `timeline`-shaped rows, and daily counts;
/// the evidence comes from `out`'s articles when the rows lack it. Two
/// bounded passes over the rows: counts per day, then the rows of the
/// latest days only.
pub fn load(out: &Path, rows: &Rows) -> Result<Timeline> {
    // near-duplicate articles would repeat the same events
    let kept = || col("duplicate_of").is_null().and(col("date").is_not_null());
    // one pass for the counts: per day, quad class and where the date came
    // from (summed over the row groups' partial counts)
    let keys = || [col("date"), col("quad_class"), col("date_origin")];
    let Some(partial) = rows.gather(
        &["date", "quad_class", "date_origin", "duplicate_of"],
        |lf| {
            lf.filter(kept())
                .group_by(keys())
                .agg([len().cast(DataType::Int64).alias("n")])
        },
    )?
    else {
        return Ok(Timeline::default());
    };
    let counts = partial
        .lazy()
        .group_by(keys())
        .agg([col("n").sum()])
        .collect()?;
    let by_publication = !strs(&counts, "date_origin")?
        .iter()
        .any(|o| o.as_deref() == Some("event"));
    let by_text = col("date_origin").eq(lit("event"));
    let (listed, daily) = if by_publication {
        (kept(), counts.lazy())
    } else {
        (kept().and(by_text.clone()), counts.lazy().filter(by_text))
    };
    let daily = daily
        .group_by([col("date"), col("quad_class")])
        .agg([col("n").sum()])
        .sort(["date", "quad_class"], order(&[false, false]))
        .collect()?;
    // the same event told by several articles is listed once, with the
    // first article's evidence and the number of reports
    let same_event = [
        "date",
        "date_origin",
        "date_value",
        "type",
        "quad_class",
        "status",
        "source",
        "target",
        "trigger",
    ];
    let mut carried = vec!["article_id", "event_id"];
    if rows.has_column("evidence")? {
        carried.push("evidence");
    } else {
        carried.extend(["start", "end"]);
    }
    let mut columns: Vec<&str> = same_event.to_vec();
    columns.extend(&carried);
    columns.push("duplicate_of");
    let first_report = |c: &str| {
        col(c)
            .sort_by(
                [col("article_id"), col("event_id")],
                SortMultipleOptions::default(),
            )
            .first()
    };
    let mut aggs: Vec<Expr> = carried.iter().map(|c| first_report(c)).collect();
    aggs.push(len().cast(DataType::Int64).alias("n_reports"));
    // the latest events lie on the latest days: group only the rows of
    // enough of them (a day's rows all fall on the same side of the cut, so
    // its groups are whole), widening the cut while it yields too few
    let days = daily
        .column("date")?
        .as_materialized_series()
        .unique_stable()?;
    let rows_by_day = daily
        .clone()
        .lazy()
        .group_by_stable([col("date")])
        .agg([col("n").sum()])
        .collect()?;
    let per_day = ints(&rows_by_day, "n")?;
    let mut wanted = TOP_ROWS as i64;
    let mut latest = loop {
        let (mut first, mut n) = (per_day.len(), 0);
        while first > 0 && n < wanted {
            first -= 1;
            n += per_day[first];
        }
        let recent = lit(days.slice(first as i64, per_day.len() - first)).implode(false);
        let on_recent_days = listed.clone().and(col("date").is_in(recent, false));
        // the table is in date order: most row groups hold no recent day
        let gate = (
            &["date", "date_origin", "duplicate_of"][..],
            on_recent_days.clone(),
        );
        let picked = rows
            .gather_where(Some(gate), &columns, |lf| lf.filter(on_recent_days.clone()))?
            .unwrap_or_default();
        let df = picked
            .lazy()
            .group_by(same_event.map(col))
            .agg(aggs.clone())
            .sort(
                ["date", "article_id", "event_id"],
                order(&[true, false, false]),
            )
            .limit(TOP_ROWS as IdxSize)
            .collect()?;
        if first == 0 || df.height() >= TOP_ROWS {
            break df;
        }
        wanted *= 4;
    };
    if latest.column("evidence").is_err() {
        latest = derive::evidence(out, latest)?;
    }
    let col_s = |c: &str| strings(&latest, c);
    let col_o = |c: &str| strs(&latest, c);
    let (dates, origins, values, types, quads, statuses) = (
        col_s("date")?,
        col_s("date_origin")?,
        col_o("date_value")?,
        col_s("type")?,
        col_s("quad_class")?,
        col_s("status")?,
    );
    let (sources, targets, triggers, evidence, articles, reports) = (
        col_o("source")?,
        col_o("target")?,
        col_s("trigger")?,
        col_s("evidence")?,
        col_s("article_id")?,
        ints(&latest, "n_reports")?,
    );
    let mut rows: Vec<TimelineRow> = (0..latest.height())
        .map(|i| TimelineRow {
            date: dates[i].clone(),
            date_origin: origins[i].clone(),
            date_value: values[i].clone(),
            event_type: types[i].clone(),
            quad_class: quads[i].clone(),
            status: statuses[i].clone(),
            source: sources[i].clone(),
            target: targets[i].clone(),
            trigger: triggers[i].clone(),
            evidence: evidence[i].clone(),
            article_id: articles[i].clone(),
            n_reports: reports[i],
        })
        .collect();
    rows.reverse();
    let (d, q, n) = (
        strings(&daily, "date")?,
        strings(&daily, "quad_class")?,
        ints(&daily, "n")?,
    );
    Ok(Timeline {
        rows,
        n_dated: n.iter().sum(),
        daily: (0..daily.height())
            .map(|i| (d[i].clone(), q[i].clone(), n[i]))
            .collect(),
        by_publication,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::data::read::scan;
    use crate::report::data::read::testing::{Lcg, write};

    /// 900 events over 60 days (some undated, some from near-duplicate
    /// articles, the same event in several articles), in date order as the
    /// aggregate writes them; `by_text` false dates them all by publication.
    fn timeline_table(out: &Path, by_text: bool) -> usize {
        let mut rng = Lcg(11);
        let types = ["ACCUSE", "CONSULT", "AID", "FIGHT"];
        let quads = [
            "verbal_conflict",
            "verbal_cooperation",
            "material_cooperation",
            "material_conflict",
        ];
        let mut rows: Vec<(Option<chrono::NaiveDate>, usize, u64, u64)> = (0..900)
            .map(|_| {
                let day = rng.next(62);
                let date = (day < 60).then(|| {
                    chrono::NaiveDate::from_ymd_opt(2025, 3, 1).unwrap() + chrono::Days::new(day)
                });
                (date, rng.next(4) as usize, rng.next(3), rng.next(40))
            })
            .collect();
        rows.sort_by_key(|r| r.0);
        let n = rows.len();
        let origin = |i: usize| {
            if by_text && !i.is_multiple_of(3) {
                "event"
            } else {
                "publication"
            }
        };
        let table = df!(
            "date" => rows.iter().map(|r| r.0).collect::<Vec<_>>(),
            "date_origin" => (0..n).map(|i| rows[i].0.map(|_| origin(i))).collect::<Vec<_>>(),
            "date_value" => (0..n).map(|i| (origin(i) == "event").then_some("2025-03")).collect::<Vec<_>>(),
            "event_id" => (0..n).map(|i| format!("e{i:04}")).collect::<Vec<_>>(),
            "article_id" => rows.iter().map(|r| format!("a{:02}", r.3)).collect::<Vec<_>>(),
            "type" => rows.iter().map(|r| types[r.1]).collect::<Vec<_>>(),
            "quad_class" => rows.iter().map(|r| quads[r.1]).collect::<Vec<_>>(),
            "status" => (0..n).map(|i| if i.is_multiple_of(7) { "planned" } else { "asserted" }).collect::<Vec<_>>(),
            "source" => rows.iter().map(|r| (r.2 > 0).then(|| format!("Source {}", r.2))).collect::<Vec<_>>(),
            "target" => rows.iter().map(|r| format!("Target {}", r.2)).collect::<Vec<_>>(),
            "trigger" => rows.iter().map(|r| types[r.1].to_lowercase()).collect::<Vec<_>>(),
            "evidence" => (0..n).map(|i| format!("sentence {i}")).collect::<Vec<_>>(),
            "duplicate_of" => rows.iter().map(|r| (r.3 == 7).then_some("a00")).collect::<Vec<_>>(),
        )
        .unwrap();
        write(out, "timeline", table, 50)
    }

    #[test]
    fn row_group_reads_give_the_timeline_of_one_query() {
        for by_text in [true, false] {
            let dir = tempfile::tempdir().unwrap();
            assert!(
                timeline_table(dir.path(), by_text) > 10,
                "several row groups"
            );
            let table = Rows::Table(dir.path().to_path_buf(), "timeline");
            let got = load(dir.path(), &table).unwrap();
            assert_eq!(got.rows.len(), TOP_ROWS);
            assert_eq!(got.by_publication, !by_text);
            assert!(got.rows.iter().any(|r| r.n_reports > 1));
            let whole = Rows::Derived(Box::new(scan(dir.path(), "timeline").unwrap().unwrap()));
            assert_eq!(got, load(dir.path(), &whole).unwrap(), "by_text {by_text}");
        }
    }
}
