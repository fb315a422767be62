//! Charts over a category × time grid: a heatmap (rows × columns of counts)
//! and a dot strip (points along a time axis, in lanes).

use std::fmt::Write as _;

use super::{Fixed, empty_chart, escape, fmt_num};

/// A heatmap: one row per `rows` entry, one column per `cols` entry, cell
/// `values[r][c]` shaded in the row's colour by its share of the maximum.
/// Zero cells are left blank and are not marks.
pub fn heatmap(
    rows: &[(String, String)],
    cols: &[String],
    values: &[Vec<f64>],
    title: &str,
) -> String {
    let (w, left, top, row_h) = (760.0, 120.0, 8.0, 20.0);
    let max = values.iter().flatten().copied().fold(0.0, f64::max);
    if rows.is_empty() || cols.is_empty() || max <= 0.0 {
        return empty_chart(w as u32, "no data");
    }
    let cell_w = (w - left - 10.0) / cols.len() as f64;
    let h = top + row_h * rows.len() as f64 + 26.0;
    let mut body = String::new();
    let mut marks = 0;
    for (r, (label, colour)) in rows.iter().enumerate() {
        let y = top + row_h * r as f64;
        let _ = write!(
            body,
            r#"<text x="{}" y="{}" text-anchor="end" class="tick">{}</text><line x1="{left}" x2="{}" y1="{}" y2="{}" class="grid"/>"#,
            Fixed::<1>(left - 6.0),
            Fixed::<1>(y + 14.0),
            escape(label),
            Fixed::<1>(w - 10.0),
            Fixed::<1>(y + row_h),
            Fixed::<1>(y + row_h),
        );
        for (c, month) in cols.iter().enumerate() {
            let v = values
                .get(r)
                .and_then(|row| row.get(c))
                .copied()
                .unwrap_or(0.0);
            if v <= 0.0 {
                continue;
            }
            marks += 1;
            let x = left + cell_w * c as f64;
            let opacity = 0.18 + 0.82 * (v / max).sqrt();
            let _ = write!(
                body,
                r#"<rect class="mark" x="{}" y="{}" width="{}" height="{}" rx="2" fill="{}" fill-opacity="{}"><title>{} · {}: {}</title></rect>"#,
                Fixed::<1>(x + 1.0),
                Fixed::<1>(y + 1.0),
                Fixed::<1>((cell_w - 2.0).max(1.0)),
                Fixed::<1>(row_h - 2.0),
                escape(colour),
                Fixed::<2>(opacity),
                escape(label),
                escape(month),
                fmt_num(v)
            );
            if cell_w >= 22.0 {
                let _ = write!(
                    body,
                    r#"<text x="{}" y="{}" text-anchor="middle" class="cell{}">{}</text>"#,
                    Fixed::<1>(x + cell_w / 2.0),
                    Fixed::<1>(y + 14.0),
                    if is_dark(colour, opacity) {
                        " on-dark"
                    } else {
                        ""
                    },
                    fmt_num(v)
                );
            }
        }
    }
    let every = (cols.len() / 12).max(1);
    for (c, month) in cols.iter().enumerate().filter(|(c, _)| c % every == 0) {
        let _ = write!(
            body,
            r#"<text x="{}" y="{}" text-anchor="middle" class="tick">{}</text>"#,
            Fixed::<1>(left + cell_w * (c as f64 + 0.5)),
            Fixed::<1>(top + row_h * rows.len() as f64 + 16.0),
            escape(month)
        );
    }
    format!(
        r#"<svg class="chart" viewBox="0 0 {w} {h:.0}" width="100%" data-marks="{marks}" role="img" aria-label="{}">{body}</svg>"#,
        escape(title)
    )
}

/// True when a `#rrggbb` colour at this opacity over white is dark enough
/// for white text.
fn is_dark(colour: &str, opacity: f64) -> bool {
    let hex = colour.trim_start_matches('#');
    let channel = |i: usize| {
        let c = hex
            .get(i..i + 2)
            .and_then(|h| u8::from_str_radix(h, 16).ok())
            .unwrap_or(0) as f64;
        255.0 - (255.0 - c) * opacity
    };
    hex.len() == 6 && 0.299 * channel(0) + 0.587 * channel(2) + 0.114 * channel(4) < 150.0
}

/// A point of a dot strip.
#[derive(Debug, Clone)]
pub struct StripPoint {
    /// Position on the time axis (e.g. days since an epoch).
    pub x: f64,
    /// Lane index.
    pub lane: usize,
    /// Size measure (events).
    pub size: f64,
    /// Tooltip.
    pub label: String,
}

/// A dot strip: one lane per `lanes` entry (label, colour), points placed
/// by `x` between the first and last `ticks` (position, label) and sized by
/// `size`.
pub fn dot_strip(
    lanes: &[(String, String)],
    points: &[StripPoint],
    ticks: &[(f64, String)],
    title: &str,
) -> String {
    let (w, left, top, lane_h) = (760.0, 150.0, 10.0, 30.0);
    if lanes.is_empty() || points.is_empty() || ticks.len() < 2 {
        return empty_chart(w as u32, "no dated events");
    }
    let (x0, x1) = (ticks[0].0, ticks[ticks.len() - 1].0);
    let span = (x1 - x0).max(1.0);
    // room on the right for the last tick's label
    let px = |x: f64| left + 10.0 + (w - left - 60.0) * (x - x0) / span;
    let h = top + lane_h * lanes.len() as f64 + 28.0;
    let axis_y = top + lane_h * lanes.len() as f64;
    let mut body = String::new();
    for (i, (label, _)) in lanes.iter().enumerate() {
        let y = top + lane_h * (i as f64 + 0.5);
        let _ = write!(
            body,
            r#"<text x="{}" y="{}" text-anchor="end" class="tick">{}</text><line x1="{left}" x2="{}" y1="{y}" y2="{y}" class="grid"/>"#,
            Fixed::<1>(left - 6.0),
            Fixed::<1>(y + 4.0),
            escape(label),
            Fixed::<1>(w - 10.0),
            y = Fixed::<1>(y),
        );
    }
    for (x, label) in ticks {
        let _ = write!(
            body,
            r#"<line x1="{0}" x2="{0}" y1="{top}" y2="{axis_y}" class="grid"/><text x="{0}" y="{1}" text-anchor="middle" class="tick">{2}</text>"#,
            Fixed::<1>(px(*x)),
            Fixed::<1>(axis_y + 16.0),
            escape(label),
            axis_y = Fixed::<1>(axis_y),
        );
    }
    let max = points.iter().map(|p| p.size).fold(1.0, f64::max);
    let mut marks = 0;
    for p in points {
        let Some((_, colour)) = lanes.get(p.lane) else {
            continue;
        };
        marks += 1;
        let _ = write!(
            body,
            r#"<circle class="mark" cx="{}" cy="{}" r="{}" fill="{}" fill-opacity="0.8"><title>{}</title></circle>"#,
            Fixed::<1>(px(p.x.clamp(x0, x1))),
            Fixed::<1>(top + lane_h * (p.lane as f64 + 0.5)),
            Fixed::<1>(3.0 + 9.0 * (p.size / max).sqrt()),
            escape(colour),
            escape(&p.label)
        );
    }
    format!(
        r#"<svg class="chart" viewBox="0 0 {w} {h:.0}" width="100%" data-marks="{marks}" role="img" aria-label="{}">{body}</svg>"#,
        escape(title)
    )
}

#[cfg(test)]
mod tests {
    use super::super::marks;
    use super::*;

    #[test]
    fn heatmap_marks_nonzero_cells_and_escapes() {
        let rows = [
            ("CONSULT".to_string(), "#123".to_string()),
            ("<i>".to_string(), "#456".to_string()),
        ];
        let cols = ["2024-11".to_string(), "2024-12".to_string()];
        let svg = heatmap(&rows, &cols, &[vec![2.0, 0.0], vec![1.0, 5.0]], "t");
        assert_eq!(marks(&svg), 3);
        assert!(svg.contains("&lt;i&gt;") && !svg.contains("<i>"));
        assert_eq!(
            marks(&heatmap(&rows, &cols, &[vec![0.0; 2], vec![0.0; 2]], "t")),
            0
        );
        assert_eq!(marks(&heatmap(&[], &[], &[], "t")), 0);
    }

    #[test]
    fn cell_text_is_white_on_dark_cells_only() {
        assert!(is_dark("#d7301f", 1.0) && is_dark("#0570b0", 1.0));
        assert!(!is_dark("#74a9cf", 1.0) && !is_dark("#fd8d3c", 1.0));
        assert!(!is_dark("#d7301f", 0.2) && !is_dark("bad", 1.0));
    }

    #[test]
    fn dot_strip_places_points_inside_the_axis() {
        let lanes = [("a".to_string(), "#111".to_string())];
        let ticks = [(0.0, "start".to_string()), (10.0, "end".to_string())];
        let points = [
            StripPoint {
                x: 5.0,
                lane: 0,
                size: 2.0,
                label: "<x>".into(),
            },
            StripPoint {
                x: 50.0,
                lane: 0,
                size: 1.0,
                label: "late".into(),
            },
            StripPoint {
                x: 1.0,
                lane: 7,
                size: 1.0,
                label: "no lane".into(),
            },
        ];
        let svg = dot_strip(&lanes, &points, &ticks, "t");
        assert_eq!(marks(&svg), 2);
        assert!(svg.contains("&lt;x&gt;") && !svg.contains("NaN"));
        assert_eq!(marks(&dot_strip(&lanes, &[], &ticks, "t")), 0);
        assert_eq!(marks(&dot_strip(&lanes, &points, &ticks[..1], "t")), 0);
    }
}
