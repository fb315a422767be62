//! Small SVG chart builders: stacked bars, horizontal bars, a heatmap, a dot
//! strip, diverging bars and a network.
//!
//! Each builder takes plain data and returns an `<svg>` string with a
//! `data-marks` attribute counting the marks it drew, so tests (and the
//! headless-browser check) can tell an empty chart from a rendered one.
//! Every label goes through [`escape`].

use std::fmt::Write as _;

mod diverging;
mod grid;
mod network;

pub use diverging::{Side, diverging_bars};
pub use grid::{StripPoint, dot_strip, heatmap};
pub use network::{Edge, Node, network};

/// Escapes text for HTML and SVG content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// One series of a stacked bar chart.
#[derive(Debug, Clone)]
pub struct Series {
    /// Legend label.
    pub label: String,
    /// Fill colour (CSS).
    pub colour: String,
    /// One value per category, in category order.
    pub values: Vec<f64>,
}

/// The chart drawn for empty data: a short band with a message, so an
/// empty output still shows where each chart goes.
pub(crate) fn empty_chart(width: u32, message: &str) -> String {
    format!(
        r#"<svg class="chart empty" viewBox="0 0 {width} 48" width="100%" data-marks="0" role="img"><rect x="0" y="4" width="{width}" height="40" rx="6" class="placeholder"/><text x="{}" y="29" text-anchor="middle" class="tick">{}</text></svg>"#,
        width / 2,
        escape(message)
    )
}

/// A vertical stacked bar chart: one bar per category, one segment per series.
pub fn stacked_bars(categories: &[String], series: &[Series], title: &str) -> String {
    let (w, h, left, bottom, top) = (760.0, 300.0, 44.0, 48.0, 28.0);
    let totals: Vec<f64> = (0..categories.len())
        .map(|i| {
            series
                .iter()
                .map(|s| s.values.get(i).copied().unwrap_or(0.0))
                .sum()
        })
        .collect();
    let max = totals.iter().copied().fold(0.0, f64::max);
    if categories.is_empty() || max <= 0.0 {
        return empty_chart(w as u32, "no data");
    }
    let plot_h = h - bottom - top;
    let slot = (w - left - 10.0) / categories.len() as f64;
    let bar_w = (slot * 0.7).max(1.0);
    let mut marks = 0;
    let mut body = String::new();
    let ticks = nice_ticks(max);
    for t in &ticks {
        let y = top + plot_h - t / ticks.last().copied().unwrap_or(max) * plot_h;
        let _ = write!(
            body,
            r#"<line x1="{left}" x2="{w}" y1="{y:.1}" y2="{y:.1}" class="grid"/><text x="{}" y="{:.1}" text-anchor="end" class="tick">{}</text>"#,
            left - 4.0,
            y + 4.0,
            fmt_num(*t)
        );
    }
    let scale = plot_h / ticks.last().copied().unwrap_or(max);
    for (i, cat) in categories.iter().enumerate() {
        let x = left + slot * i as f64 + (slot - bar_w) / 2.0;
        let mut y = top + plot_h;
        for s in series {
            let v = s.values.get(i).copied().unwrap_or(0.0);
            if v <= 0.0 {
                continue;
            }
            let bh = v * scale;
            y -= bh;
            marks += 1;
            let _ = write!(
                body,
                r#"<rect class="mark" x="{x}" y="{y}" width="{bar_w}" height="{bh}" fill="{}"><title>{} · {}: {}</title></rect>"#,
                escape(&s.colour),
                escape(cat),
                escape(&s.label),
                fmt_num(v),
                x = Fixed::<1>(x),
                y = Fixed::<1>(y),
                bar_w = Fixed::<1>(bar_w),
                bh = Fixed::<1>(bh),
            );
        }
        let every = (categories.len() / 12).max(1);
        if i % every == 0 {
            let _ = write!(
                body,
                r#"<text x="{:.1}" y="{:.1}" text-anchor="middle" class="tick">{}</text>"#,
                x + bar_w / 2.0,
                top + plot_h + 16.0,
                escape(cat)
            );
        }
    }
    let mut legend = String::new();
    let mut lx = left;
    for s in series {
        let _ = write!(
            legend,
            r#"<rect x="{lx:.1}" y="6" width="10" height="10" fill="{}"/><text x="{:.1}" y="15" class="tick">{}</text>"#,
            escape(&s.colour),
            lx + 14.0,
            escape(&s.label)
        );
        lx += 30.0 + s.label.chars().count() as f64 * 6.5;
    }
    format!(
        r#"<svg class="chart" viewBox="0 0 {w} {h}" width="100%" data-marks="{marks}" role="img" aria-label="{}">{legend}{body}</svg>"#,
        escape(title)
    )
}

/// A horizontal bar chart of labelled values, largest first as given.
pub fn horizontal_bars(items: &[(String, f64)], colour: &str, title: &str) -> String {
    let (w, row, left) = (760.0, 22.0, 220.0);
    let max = items.iter().map(|(_, v)| *v).fold(0.0, f64::max);
    if items.is_empty() || max <= 0.0 {
        return empty_chart(w as u32, "no data");
    }
    let h = row * items.len() as f64 + 10.0;
    let mut body = String::new();
    for (i, (label, v)) in items.iter().enumerate() {
        let y = 5.0 + row * i as f64;
        let bw = (w - left - 60.0) * v / max;
        let short: String = label.chars().take(34).collect();
        let _ = write!(
            body,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="end" class="tick">{}</text><rect class="mark" x="{left}" y="{y:.1}" width="{bw:.1}" height="{:.1}" fill="{}"><title>{}: {}</title></rect><text x="{:.1}" y="{:.1}" class="tick">{}</text>"#,
            left - 6.0,
            y + 14.0,
            escape(&short),
            row - 6.0,
            escape(colour),
            escape(label),
            fmt_num(*v),
            left + bw + 4.0,
            y + 14.0,
            fmt_num(*v)
        );
    }
    format!(
        r#"<svg class="chart" viewBox="0 0 {w} {h:.0}" width="100%" data-marks="{}" role="img" aria-label="{}">{body}</svg>"#,
        items.len(),
        escape(title)
    )
}

/// Round tick values from zero to at least `max`.
pub(crate) fn nice_ticks(max: f64) -> Vec<f64> {
    let raw = max / 4.0;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(mag * 10.0);
    let step = step.max(1.0);
    let mut ticks = vec![0.0];
    while *ticks.last().unwrap_or(&0.0) < max {
        let next = ticks.last().copied().unwrap_or(0.0) + step;
        ticks.push(next);
    }
    ticks
}

pub(crate) fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{}", Fixed::<0>(v))
    } else {
        format!("{}", Fixed::<2>(v))
    }
}

/// `v` with `D` decimals, exactly as `format!("{v:.D$}")` writes it, for
/// the coordinates of the charts (thousands per report): the standard
/// formatting takes the exact decimal expansion of the double (about a
/// thousand instructions a number), where the coordinates are small,
/// positive and almost never a tie, so scaling, rounding and writing an
/// integer gives the same digits. Values near a tie (where the scaled
/// double's rounding error could decide), negative, huge or not finite go
/// to the standard formatting.
pub(crate) struct Fixed<const D: u32>(pub f64);

impl<const D: u32> std::fmt::Display for Fixed<D> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let v = self.0;
        let scale = 10u64.pow(D);
        // below 1e6 the scaled double is within 1e-8 of the exact product
        // (D <= 2), far inside the margin kept around ties
        if D <= 2 && (0.0..1e6).contains(&v) && !v.is_sign_negative() {
            let y = v * scale as f64;
            let whole = y.floor();
            let frac = y - whole;
            if (frac - 0.5).abs() > 1e-6 {
                let n = whole as u64 + u64::from(frac > 0.5);
                let mut buf = [0u8; 24];
                let mut at = buf.len();
                let mut put = |d: u8| {
                    at -= 1;
                    buf[at] = d;
                };
                let (mut int, mut dec) = (n / scale, n % scale);
                for _ in 0..D {
                    put(b'0' + (dec % 10) as u8);
                    dec /= 10;
                }
                if D > 0 {
                    put(b'.');
                }
                loop {
                    put(b'0' + (int % 10) as u8);
                    int /= 10;
                    if int == 0 {
                        break;
                    }
                }
                // ASCII digits and a dot
                return f.write_str(std::str::from_utf8(&buf[at..]).unwrap_or_default());
            }
        }
        write!(f, "{:.*}", D as usize, v)
    }
}

/// A categorical palette (Tableau 10 plus two), distinct on screen and in
/// print.
pub const PALETTE: [&str; 12] = [
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
    "#9c755f", "#bab0ac", "#1f77b4", "#d62728",
];

/// Grey, for "none" and "other".
pub const GREY: &str = "#9aa0a6";

/// A stable colour for a key (a country code), from [`PALETTE`].
pub fn colour_for(key: Option<&str>) -> String {
    match key {
        None => GREY.to_string(),
        Some(k) => {
            let h = xxhash_rust::xxh3::xxh3_64(k.as_bytes());
            PALETTE[(h % PALETTE.len() as u64) as usize].to_string()
        }
    }
}

/// The `data-marks` count of the first chart in `html`.
#[cfg(test)]
pub(crate) fn marks(html: &str) -> usize {
    let i = html.find("data-marks=\"").expect("a chart") + 12;
    html[i..]
        .split('"')
        .next()
        .unwrap_or("")
        .parse()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_blocks_markup() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
    }

    #[test]
    fn stacked_bars_count_segments_and_escape_labels() {
        let svg = stacked_bars(
            &["2024-11".into(), "2024-12".into()],
            &[
                Series {
                    label: "coop <b>".into(),
                    colour: "#111".into(),
                    values: vec![2.0, 0.0],
                },
                Series {
                    label: "conflict".into(),
                    colour: "#222".into(),
                    values: vec![1.0, 3.0],
                },
            ],
            "t",
        );
        assert_eq!(marks(&svg), 3);
        assert!(svg.contains("coop &lt;b&gt;") && !svg.contains("<b>"));
    }

    #[test]
    fn empty_data_gives_an_empty_chart() {
        assert_eq!(marks(&stacked_bars(&[], &[], "t")), 0);
        assert_eq!(marks(&horizontal_bars(&[], "#000", "t")), 0);
        assert_eq!(marks(&network(&[], &[], &[], "t")), 0);
    }

    #[test]
    fn fixed_decimals_write_what_the_standard_formatting_writes() {
        let mut values = vec![
            0.0,
            -0.0,
            0.05,
            0.15,
            0.25,
            0.35,
            0.45,
            1.005,
            2.675,
            0.125,
            0.375,
            9.95,
            99.95,
            999_999.95,
            1e6,
            1e7,
            123_456.789,
            -0.01,
            -3.25,
            0.049_999_999,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::MIN_POSITIVE,
            4.999_999_999_999_9,
        ];
        // a deterministic spread: chart coordinates, ratios, halves
        let mut x = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let unit = (x >> 11) as f64 / (1u64 << 53) as f64;
            values.push(unit * 800.0);
            values.push(unit);
            values.push((x % 20_000) as f64 / 8.0);
            values.push((x % 20_000) as f64 / 200.0);
        }
        for v in values {
            assert_eq!(Fixed::<0>(v).to_string(), format!("{v:.0}"), "{v:e}");
            assert_eq!(Fixed::<1>(v).to_string(), format!("{v:.1}"), "{v:e}");
            assert_eq!(Fixed::<2>(v).to_string(), format!("{v:.2}"), "{v:e}");
        }
    }

    #[test]
    fn ticks_cover_the_maximum() {
        for max in [1.0, 3.0, 7.0, 42.0, 1234.0] {
            let t = nice_ticks(max);
            assert!(*t.last().unwrap() >= max && t.len() <= 7, "{max}: {t:?}");
        }
    }
}
