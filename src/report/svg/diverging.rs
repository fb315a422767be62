//! Diverging bars: per row, some series stack to the left of a centre line
//! and the others to the right (conflict against cooperation).

use std::fmt::Write as _;

use super::{Fixed, empty_chart, escape, fmt_num};

/// Which side of the centre line a series stacks on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Left of the centre line.
    Left,
    /// Right of the centre line.
    Right,
}

/// Rows of (label, one value per series); `series` gives each series'
/// label, colour and side. Series stack outwards from the centre in the
/// order given.
pub fn diverging_bars(
    items: &[(String, Vec<f64>)],
    series: &[(String, String, Side)],
    title: &str,
) -> String {
    let (w, left, top, row) = (760.0, 250.0, 30.0, 22.0);
    let side_sum = |vals: &[f64], side: Side| -> f64 {
        series
            .iter()
            .zip(vals)
            .filter(|((_, _, s), _)| *s == side)
            .map(|(_, v)| v.max(0.0))
            .sum()
    };
    let max = items
        .iter()
        .map(|(_, v)| side_sum(v, Side::Left).max(side_sum(v, Side::Right)))
        .fold(0.0, f64::max);
    if items.is_empty() || max <= 0.0 {
        return empty_chart(w as u32, "no data");
    }
    let centre = left + (w - left - 10.0) / 2.0;
    let half = (w - left - 10.0) / 2.0 - 28.0;
    let h = top + row * items.len() as f64 + 8.0;
    let mut body = String::new();
    let mut marks = 0;
    for (i, (label, vals)) in items.iter().enumerate() {
        let y = top + row * i as f64;
        let short: String = label.chars().take(36).collect();
        let _ = write!(
            body,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="end" class="tick">{}</text>"#,
            left - 6.0,
            y + 14.0,
            escape(&short)
        );
        let (mut l, mut r) = (centre, centre);
        for ((name, colour, side), v) in series.iter().zip(vals) {
            if *v <= 0.0 {
                continue;
            }
            let bw = half * v / max;
            let x = match side {
                Side::Left => {
                    l -= bw;
                    l
                }
                Side::Right => {
                    r += bw;
                    r - bw
                }
            };
            marks += 1;
            let _ = write!(
                body,
                r#"<rect class="mark" x="{x}" y="{}" width="{bw}" height="{}" fill="{}"><title>{} · {}: {}</title></rect>"#,
                Fixed::<1>(y + 2.0),
                Fixed::<1>(row - 6.0),
                escape(colour),
                escape(label),
                escape(name),
                fmt_num(*v),
                x = Fixed::<1>(x),
                bw = Fixed::<1>(bw),
            );
        }
        for (x, side, anchor) in [
            (l - 4.0, Side::Left, "end"),
            (r + 4.0, Side::Right, "start"),
        ] {
            let total = side_sum(vals, side);
            if total > 0.0 {
                let _ = write!(
                    body,
                    r#"<text x="{x:.1}" y="{:.1}" text-anchor="{anchor}" class="tick">{}</text>"#,
                    y + 14.0,
                    fmt_num(total)
                );
            }
        }
    }
    let _ = write!(
        body,
        r#"<line x1="{centre:.1}" x2="{centre:.1}" y1="{:.1}" y2="{:.1}" class="axis"/>"#,
        top - 4.0,
        h - 4.0
    );
    // the legend reads like the bars: left-side series outermost first
    let mut legend = String::new();
    let mut lx = 10.0;
    let lefts = series.iter().filter(|s| s.2 == Side::Left).rev();
    for (name, colour, _) in lefts.chain(series.iter().filter(|s| s.2 == Side::Right)) {
        let _ = write!(
            legend,
            r#"<rect x="{lx:.1}" y="6" width="10" height="10" fill="{}"/><text x="{:.1}" y="15" class="tick">{}</text>"#,
            escape(colour),
            lx + 14.0,
            escape(name)
        );
        lx += 30.0 + name.chars().count() as f64 * 6.5;
    }
    format!(
        r#"<svg class="chart" viewBox="0 0 {w} {h:.0}" width="100%" data-marks="{marks}" role="img" aria-label="{}">{legend}{body}</svg>"#,
        escape(title)
    )
}

#[cfg(test)]
mod tests {
    use super::super::marks;
    use super::*;

    fn series() -> Vec<(String, String, Side)> {
        vec![
            ("coop".into(), "#00f".into(), Side::Right),
            ("conflict".into(), "#f00".into(), Side::Left),
        ]
    }

    #[test]
    fn segments_go_to_their_side() {
        let svg = diverging_bars(
            &[
                ("A → B".into(), vec![2.0, 1.0]),
                ("C → <D>".into(), vec![0.0, 3.0]),
            ],
            &series(),
            "t",
        );
        assert_eq!(marks(&svg), 3);
        assert!(svg.contains("C → &lt;D&gt;"));
        // the cooperation bar starts at the centre line, the conflict bar ends there
        let centre = 250.0 + (760.0 - 250.0 - 10.0) / 2.0;
        assert!(svg.contains(&format!(r#"<rect class="mark" x="{centre:.1}""#)));
    }

    #[test]
    fn empty_or_zero_rows_give_an_empty_chart() {
        assert_eq!(marks(&diverging_bars(&[], &series(), "t")), 0);
        assert_eq!(
            marks(&diverging_bars(
                &[("a".into(), vec![0.0, 0.0])],
                &series(),
                "t"
            )),
            0
        );
    }
}
