//! Small SVG chart builders: stacked bars, horizontal bars and a network.
//!
//! Each builder takes plain data and returns an `<svg>` string with a
//! `data-marks` attribute counting the marks it drew, so tests (and the
//! headless-browser check) can tell an empty chart from a rendered one.
//! Every label goes through [`escape`].

use std::fmt::Write as _;

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

fn empty_chart(width: u32, height: u32, message: &str) -> String {
    format!(
        r#"<svg class="chart" viewBox="0 0 {width} {height}" width="100%" data-marks="0" role="img"><text x="{}" y="{}" text-anchor="middle" class="muted">{}</text></svg>"#,
        width / 2,
        height / 2,
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
        return empty_chart(w as u32, 120, "no data");
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
                r#"<rect x="{x:.1}" y="{y:.1}" width="{bar_w:.1}" height="{bh:.1}" fill="{}"><title>{} · {}: {}</title></rect>"#,
                escape(&s.colour),
                escape(cat),
                escape(&s.label),
                fmt_num(v)
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
        return empty_chart(w as u32, 80, "no data");
    }
    let h = row * items.len() as f64 + 10.0;
    let mut body = String::new();
    for (i, (label, v)) in items.iter().enumerate() {
        let y = 5.0 + row * i as f64;
        let bw = (w - left - 60.0) * v / max;
        let short: String = label.chars().take(34).collect();
        let _ = write!(
            body,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="end" class="tick">{}</text><rect x="{left}" y="{y:.1}" width="{bw:.1}" height="{:.1}" fill="{}"><title>{}: {}</title></rect><text x="{:.1}" y="{:.1}" class="tick">{}</text>"#,
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

/// A node of the actor network.
#[derive(Debug, Clone)]
pub struct Node {
    /// Label.
    pub label: String,
    /// Size measure (mentions).
    pub weight: f64,
    /// Fill colour (by country).
    pub colour: String,
}

/// An undirected weighted edge between two node indices.
#[derive(Debug, Clone, Copy)]
pub struct Edge {
    /// First node.
    pub a: usize,
    /// Second node.
    pub b: usize,
    /// Strength (shared articles).
    pub weight: f64,
}

/// A network drawn with a deterministic force layout: nodes start on a
/// circle (heaviest first) and relax under spring and repulsion forces for a
/// fixed number of steps, so the same data always gives the same picture.
pub fn network(nodes: &[Node], edges: &[Edge], title: &str) -> String {
    let (w, h) = (760.0f64, 520.0f64);
    if nodes.is_empty() {
        return empty_chart(w as u32, 120, "no actors");
    }
    let n = nodes.len();
    let mut pos: Vec<(f64, f64)> = (0..n)
        .map(|i| {
            let a = i as f64 / n as f64 * std::f64::consts::TAU;
            (w / 2.0 + 0.35 * w * a.cos(), h / 2.0 + 0.38 * h * a.sin())
        })
        .collect();
    let k = (w * h / n as f64).sqrt() * 0.6;
    for step in 0..200 {
        let temp = 20.0 * (1.0 - step as f64 / 200.0) + 0.5;
        let mut disp = vec![(0.0f64, 0.0f64); n];
        for i in 0..n {
            for j in (i + 1)..n {
                let (dx, dy) = (pos[i].0 - pos[j].0, pos[i].1 - pos[j].1);
                let d = (dx * dx + dy * dy).sqrt().max(1.0);
                let f = k * k / d;
                disp[i].0 += dx / d * f;
                disp[i].1 += dy / d * f;
                disp[j].0 -= dx / d * f;
                disp[j].1 -= dy / d * f;
            }
        }
        for e in edges {
            let (dx, dy) = (pos[e.a].0 - pos[e.b].0, pos[e.a].1 - pos[e.b].1);
            let d = (dx * dx + dy * dy).sqrt().max(1.0);
            let f = d * d / k * (1.0 + e.weight.ln_1p());
            disp[e.a].0 -= dx / d * f;
            disp[e.a].1 -= dy / d * f;
            disp[e.b].0 += dx / d * f;
            disp[e.b].1 += dy / d * f;
        }
        for i in 0..n {
            let (dx, dy) = disp[i];
            let d = (dx * dx + dy * dy).sqrt().max(1e-9);
            pos[i].0 = (pos[i].0 + dx / d * d.min(temp)).clamp(60.0, w - 60.0);
            pos[i].1 = (pos[i].1 + dy / d * d.min(temp)).clamp(30.0, h - 30.0);
        }
    }
    let max_w = nodes.iter().map(|n| n.weight).fold(1.0, f64::max);
    let max_e = edges.iter().map(|e| e.weight).fold(1.0, f64::max);
    let mut body = String::new();
    for e in edges {
        let _ = write!(
            body,
            r#"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" class="edge" stroke-width="{:.2}"><title>{} — {}: {}</title></line>"#,
            pos[e.a].0,
            pos[e.a].1,
            pos[e.b].0,
            pos[e.b].1,
            0.6 + 4.0 * e.weight / max_e,
            escape(&nodes[e.a].label),
            escape(&nodes[e.b].label),
            fmt_num(e.weight)
        );
    }
    for (i, node) in nodes.iter().enumerate() {
        let r = 4.0 + 16.0 * (node.weight / max_w).sqrt();
        let _ = write!(
            body,
            r#"<g class="node"><circle cx="{:.1}" cy="{:.1}" r="{r:.1}" fill="{}"><title>{}: {}</title></circle><text x="{:.1}" y="{:.1}" text-anchor="middle" class="label">{}</text></g>"#,
            pos[i].0,
            pos[i].1,
            escape(&node.colour),
            escape(&node.label),
            fmt_num(node.weight),
            pos[i].0,
            pos[i].1 - r - 3.0,
            escape(&node.label)
        );
    }
    format!(
        r#"<svg class="chart" viewBox="0 0 {w} {h}" width="100%" data-marks="{}" role="img" aria-label="{}">{body}</svg>"#,
        nodes.len() + edges.len(),
        escape(title)
    )
}

/// Round tick values from zero to at least `max`.
fn nice_ticks(max: f64) -> Vec<f64> {
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

fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.2}")
    }
}

/// A stable colour for a key (a country code), from a fixed palette.
pub fn colour_for(key: Option<&str>) -> String {
    const PALETTE: [&str; 12] = [
        "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
        "#9c755f", "#bab0ac", "#1f77b4", "#d62728",
    ];
    match key {
        None => "#9aa0a6".to_string(),
        Some(k) => {
            let h = xxhash_rust::xxh3::xxh3_64(k.as_bytes());
            PALETTE[(h % PALETTE.len() as u64) as usize].to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks(svg: &str) -> usize {
        let i = svg.find("data-marks=\"").unwrap() + 12;
        svg[i..].split('"').next().unwrap().parse().unwrap()
    }

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
        assert_eq!(marks(&network(&[], &[], "t")), 0);
    }

    #[test]
    fn network_is_deterministic_and_in_bounds() {
        let nodes: Vec<Node> = (0..6)
            .map(|i| Node {
                label: format!("n{i}"),
                weight: i as f64 + 1.0,
                colour: "#000".into(),
            })
            .collect();
        let edges = vec![
            Edge {
                a: 0,
                b: 1,
                weight: 2.0,
            },
            Edge {
                a: 2,
                b: 3,
                weight: 1.0,
            },
        ];
        let a = network(&nodes, &edges, "t");
        assert_eq!(a, network(&nodes, &edges, "t"));
        assert_eq!(marks(&a), 8);
        assert!(!a.contains("NaN"));
    }

    #[test]
    fn ticks_cover_the_maximum() {
        for max in [1.0, 3.0, 7.0, 42.0, 1234.0] {
            let t = nice_ticks(max);
            assert!(*t.last().unwrap() >= max && t.len() <= 7, "{max}: {t:?}");
        }
    }
}
