//! Events over time: per month by quad class (stacked bars) and per month
//! by PLOVER type (heatmap).

use std::collections::BTreeMap;

use super::super::data::{EventCount, QUADS, ReportData};
use super::super::html::{DataTable, Section};
use super::super::svg::{Series, heatmap, stacked_bars};
use super::{QUAD_COLOURS, quad_colour, quad_label, sources};

const UNDATED: &str = "undated";

/// Month spans up to this many months show every month, empty ones
/// included; longer ones (an event dated decades back) only the months
/// with events.
const MAX_FILLED_MONTHS: i32 = 120;

fn month_index(month: &str) -> Option<i32> {
    let (y, m) = month.split_once('-')?;
    let (y, m): (i32, i32) = (y.parse().ok()?, m.parse().ok()?);
    (1..=12).contains(&m).then_some(y * 12 + m - 1)
}

/// The months with events in order (with the empty months between them
/// when the span is short enough), undated last.
fn months(counts: &[EventCount]) -> Vec<String> {
    let mut months: Vec<String> = counts
        .iter()
        .filter_map(|c| c.month.clone())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let span = (
        months.first().and_then(|m| month_index(m)),
        months.last().and_then(|m| month_index(m)),
    );
    if let (Some(first), Some(last)) = span
        && last - first < MAX_FILLED_MONTHS
        && months.iter().all(|m| month_index(m).is_some())
    {
        months = (first..=last)
            .map(|i| format!("{:04}-{:02}", i / 12, i % 12 + 1))
            .collect();
    }
    if counts.iter().any(|c| c.month.is_none()) {
        months.push(UNDATED.into());
    }
    months
}

fn month_of(c: &EventCount) -> &str {
    c.month.as_deref().unwrap_or(UNDATED)
}

const NOTE_SCOPE: &str = "Negated and hypothetical events are left out; \
    an event is dated by its own date, else by its article's publication date.";

/// Events per month, stacked by quad class.
pub fn events_by_month(data: &ReportData) -> Section {
    let months = months(&data.event_counts);
    let index: BTreeMap<&str, usize> = months
        .iter()
        .enumerate()
        .map(|(i, m)| (m.as_str(), i))
        .collect();
    let mut grid = vec![[0i64; 5]; months.len()];
    for c in &data.event_counts {
        let q = QUADS.iter().position(|q| *q == c.quad_class).unwrap_or(4);
        grid[index[month_of(c)]][q] += c.n_events;
    }
    let series: Vec<Series> = QUADS
        .iter()
        .enumerate()
        .map(|(q, name)| Series {
            label: quad_label(name),
            colour: QUAD_COLOURS[q].to_string(),
            values: grid.iter().map(|row| row[q] as f64).collect(),
        })
        .collect();
    let mut headers = vec!["month".to_string()];
    headers.extend(QUADS.iter().map(|q| quad_label(q)));
    headers.push("total".into());
    let rows = months
        .iter()
        .zip(&grid)
        .map(|(m, row)| {
            let mut r = vec![m.clone()];
            r.extend(row[..4].iter().map(i64::to_string));
            r.push(row.iter().sum::<i64>().to_string());
            r
        })
        .collect();
    Section {
        id: "events-month".into(),
        title: "Events per month".into(),
        note: format!("Events per month, stacked by PLOVER quad class. {NOTE_SCOPE}"),
        body: stacked_bars(&months, &series, "events per month by quad class"),
        table: Some(DataTable { headers, rows }),
        sources: sources(data, "event_counts", &["events", "articles"]),
    }
}

/// Events per month and PLOVER type, as a heatmap (types in the
/// ontology's order, coloured by their quad class).
pub fn events_by_type(data: &ReportData) -> Section {
    let months = months(&data.event_counts);
    let col: BTreeMap<&str, usize> = months
        .iter()
        .enumerate()
        .map(|(i, m)| (m.as_str(), i))
        .collect();
    let mut by_type: BTreeMap<(usize, String), (String, Vec<f64>)> = BTreeMap::new();
    for c in &data.event_counts {
        // known categories in PLOVER order, unknown ones after them
        let rank = crate::plover::CATEGORIES
            .iter()
            .position(|(t, _)| *t == c.event_type)
            .unwrap_or(usize::MAX);
        let entry = by_type
            .entry((rank, c.event_type.clone()))
            .or_insert_with(|| (c.quad_class.clone(), vec![0.0; months.len()]));
        entry.1[col[month_of(c)]] += c.n_events as f64;
    }
    let rows: Vec<(String, String)> = by_type
        .iter()
        .map(|((_, t), (q, _))| (t.clone(), quad_colour(q).to_string()))
        .collect();
    let values: Vec<Vec<f64>> = by_type.values().map(|(_, v)| v.clone()).collect();
    let table_rows = by_type
        .iter()
        .map(|((_, t), (q, v))| {
            let total: f64 = v.iter().sum();
            let (busiest, _) = v
                .iter()
                .enumerate()
                .fold((0, 0.0), |b, (i, x)| if *x > b.1 { (i, *x) } else { b });
            vec![
                t.clone(),
                quad_label(q),
                format!("{total:.0}"),
                v.iter().filter(|x| **x > 0.0).count().to_string(),
                months.get(busiest).cloned().unwrap_or_default(),
            ]
        })
        .collect();
    Section {
        id: "events-type".into(),
        title: "Events by type".into(),
        note: format!(
            "Events per month and PLOVER category; darker cells hold more events, \
             colours give the quad class. {NOTE_SCOPE}"
        ),
        body: heatmap(&rows, &months, &values, "events per month by type"),
        table: Some(DataTable {
            headers: vec![
                "type".into(),
                "quad class".into(),
                "events".into(),
                "months".into(),
                "busiest month".into(),
            ],
            rows: table_rows,
        }),
        sources: sources(data, "event_counts", &["events", "articles"]),
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::svg::marks;
    use super::*;

    fn count(month: Option<&str>, t: &str, q: &str, n: i64) -> EventCount {
        EventCount {
            month: month.map(str::to_string),
            event_type: t.into(),
            quad_class: q.into(),
            n_events: n,
        }
    }

    fn data() -> ReportData {
        ReportData {
            event_counts: vec![
                count(Some("2024-11"), "CONSULT", "verbal_cooperation", 3),
                count(Some("2024-11"), "ASSAULT", "material_conflict", 1),
                count(Some("2024-12"), "CONSULT", "verbal_cooperation", 2),
                count(None, "<odd>", "unknown", 1),
            ],
            ..Default::default()
        }
    }

    #[test]
    fn months_stack_quad_classes_and_undated_comes_last() {
        let s = events_by_month(&data());
        // 2024-11: two segments, 2024-12: one; the unknown quad class is not drawn
        assert_eq!(marks(&s.body), 3);
        let t = s.table.unwrap();
        assert_eq!(t.rows[0], ["2024-11", "3", "0", "0", "1", "4"]);
        assert_eq!(t.rows[2][0], "undated");
        assert_eq!(t.rows[2][5], "1");
    }

    #[test]
    fn types_follow_plover_order_and_are_escaped() {
        let s = events_by_type(&data());
        assert_eq!(marks(&s.body), 4);
        let t = s.table.unwrap();
        let types: Vec<&str> = t.rows.iter().map(|r| r[0].as_str()).collect();
        assert_eq!(types, ["CONSULT", "ASSAULT", "<odd>"]);
        assert_eq!(t.rows[0][2..], ["5", "2", "2024-11"]);
        assert!(s.body.contains("&lt;odd&gt;") && !s.body.contains("<odd>"));
    }

    #[test]
    fn empty_months_between_are_shown_unless_the_span_is_long() {
        let gap = [
            count(Some("2024-11"), "AID", "material_cooperation", 1),
            count(Some("2025-02"), "AID", "material_cooperation", 1),
        ];
        assert_eq!(months(&gap), ["2024-11", "2024-12", "2025-01", "2025-02"]);
        let long = [
            count(Some("1945-05"), "AID", "material_cooperation", 1),
            count(Some("2025-02"), "AID", "material_cooperation", 1),
        ];
        assert_eq!(months(&long), ["1945-05", "2025-02"]);
    }

    #[test]
    fn no_events_give_empty_charts() {
        let d = ReportData::default();
        assert_eq!(marks(&events_by_month(&d).body), 0);
        assert_eq!(marks(&events_by_type(&d).body), 0);
        assert!(events_by_type(&d).table.unwrap().rows.is_empty());
    }
}
