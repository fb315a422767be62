//! The actor network: a deterministic force layout of weighted nodes and
//! edges, with a colour legend.

use std::fmt::Write as _;

use super::{Fixed, empty_chart, escape, fmt_num};

/// A node of the actor network.
#[derive(Debug, Clone)]
pub struct Node {
    /// Label.
    pub label: String,
    /// Size measure (mentions).
    pub weight: f64,
    /// Fill colour (by country).
    pub colour: String,
    /// Extra tooltip text (kind, country, counts).
    pub detail: String,
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

/// At most this many labels are drawn (the heaviest nodes' that do not
/// overlap); the other nodes show theirs on hover, so that 40 names do not
/// pile up.
const LABELLED: usize = 24;

/// Node positions in the box `xs` × `ys` after a fixed number of
/// relaxation steps: nodes start on a circle (in the order given, heaviest
/// first by convention) and move under spring and repulsion forces with a
/// cooling step size, so the same data always gives the same picture.
fn layout(n: usize, edges: &[Edge], xs: (f64, f64), ys: (f64, f64)) -> Vec<(f64, f64)> {
    let (w, h) = (xs.1 - xs.0, ys.1 - ys.0);
    let (cx, cy) = ((xs.0 + xs.1) / 2.0, (ys.0 + ys.1) / 2.0);
    let mut pos: Vec<(f64, f64)> = (0..n)
        .map(|i| {
            let a = i as f64 / n as f64 * std::f64::consts::TAU;
            (cx + 0.4 * w * a.cos(), cy + 0.4 * h * a.sin())
        })
        .collect();
    let k = (w * h / n.max(1) as f64).sqrt() * 0.6;
    // springs stiffen with the edge weight relative to the strongest, so
    // that counts in the thousands do not pull everything into one point
    let max_e = edges.iter().map(|e| e.weight).fold(1e-9, f64::max);
    let steps = 200;
    for step in 0..steps {
        let temp = 20.0 * (1.0 - step as f64 / steps as f64) + 0.5;
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
            let f = d * d / k * (1.0 + 2.0 * e.weight / max_e);
            disp[e.a].0 -= dx / d * f;
            disp[e.a].1 -= dy / d * f;
            disp[e.b].0 += dx / d * f;
            disp[e.b].1 += dy / d * f;
        }
        // a weak pull to the centre keeps loosely tied nodes in view
        for (i, p) in pos.iter().enumerate() {
            disp[i].0 += (cx - p.0) * 0.2 * k / w;
            disp[i].1 += (cy - p.1) * 0.2 * k / h;
        }
        for i in 0..n {
            let (dx, dy) = disp[i];
            let d = (dx * dx + dy * dy).sqrt().max(1e-9);
            pos[i].0 = (pos[i].0 + dx / d * d.min(temp)).clamp(xs.0, xs.1);
            pos[i].1 = (pos[i].1 + dy / d * d.min(temp)).clamp(ys.0, ys.1);
        }
    }
    fit(&mut pos, xs, ys);
    pos
}

/// Places the nodes: the linked ones by [`layout`], the unlinked ones in
/// rows along the bottom (repulsion alone would push them to the corners
/// and squeeze the rest).
fn place(n: usize, edges: &[Edge], w: f64, h: f64, left: f64) -> Vec<(f64, f64)> {
    let mut linked = vec![false; n];
    for e in edges {
        linked[e.a] = true;
        linked[e.b] = true;
    }
    let (inside, alone): (Vec<usize>, Vec<usize>) = (0..n).partition(|i| linked[*i]);
    let per_row = 10;
    let rows = alone.len().div_ceil(per_row);
    let bottom = h - 28.0 - 46.0 * rows as f64;
    let mut pos = vec![(0.0, 0.0); n];
    let local: std::collections::BTreeMap<usize, usize> =
        inside.iter().enumerate().map(|(j, i)| (*i, j)).collect();
    let local_edges: Vec<Edge> = edges
        .iter()
        .map(|e| Edge {
            a: local[&e.a],
            b: local[&e.b],
            weight: e.weight,
        })
        .collect();
    let xs = (left + 80.0, w - 80.0);
    for (j, p) in layout(inside.len(), &local_edges, xs, (40.0, bottom.max(80.0)))
        .into_iter()
        .enumerate()
    {
        pos[inside[j]] = p;
    }
    for (k, i) in alone.iter().enumerate() {
        let (row, col) = (k / per_row, k % per_row);
        let step = (xs.1 - xs.0) / (per_row - 1) as f64;
        pos[*i] = (
            xs.0 + step * col as f64,
            h - 22.0 - 46.0 * (rows - 1 - row) as f64,
        );
    }
    pos
}

/// Stretches positions to fill the box (a layout that settled in a corner
/// or a small cluster uses the whole picture).
fn fit(pos: &mut [(f64, f64)], xs: (f64, f64), ys: (f64, f64)) {
    let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for p in pos.iter() {
        (x0, x1, y0, y1) = (x0.min(p.0), x1.max(p.0), y0.min(p.1), y1.max(p.1));
    }
    for p in pos.iter_mut() {
        if x1 - x0 > 1.0 {
            p.0 = xs.0 + (p.0 - x0) / (x1 - x0) * (xs.1 - xs.0);
        }
        if y1 - y0 > 1.0 {
            p.1 = ys.0 + (p.1 - y0) / (y1 - y0) * (ys.1 - ys.0);
        }
    }
}

/// A label's box: centre x, baseline y, text length in characters.
fn label_box(x: f64, y: f64, chars: usize) -> (f64, f64, f64, f64) {
    let half = chars as f64 * 3.2;
    (x - half, y - 10.0, x + half, y + 2.0)
}

fn boxes_overlap(a: (f64, f64, f64, f64), b: (f64, f64, f64, f64)) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

/// The network as SVG: node area by weight, edge width by weight, the
/// `legend` (label, colour) drawn in the top-left corner. Edges pointing
/// outside `nodes` are skipped.
pub fn network(nodes: &[Node], edges: &[Edge], legend: &[(String, String)], title: &str) -> String {
    let (w, h) = (760.0f64, 540.0f64);
    if nodes.is_empty() {
        return empty_chart(w as u32, "no actors");
    }
    let n = nodes.len();
    let edges: Vec<Edge> = edges
        .iter()
        .copied()
        .filter(|e| e.a < n && e.b < n && e.a != e.b)
        .collect();
    // the legend gets its own column on the left
    let legend_w = legend
        .iter()
        .map(|(l, _)| 24.0 + 6.5 * l.chars().count() as f64)
        .fold(0.0, f64::max);
    let pos = place(n, &edges, w, h, legend_w);
    let max_w = nodes.iter().map(|n| n.weight).fold(1.0, f64::max);
    let max_e = edges.iter().map(|e| e.weight).fold(1.0, f64::max);
    let mut body = String::new();
    for e in &edges {
        let _ = write!(
            body,
            r#"<line x1="{}" y1="{}" x2="{}" y2="{}" class="mark edge" stroke-width="{}"><title>{} — {}: {}</title></line>"#,
            Fixed::<1>(pos[e.a].0),
            Fixed::<1>(pos[e.a].1),
            Fixed::<1>(pos[e.b].0),
            Fixed::<1>(pos[e.b].1),
            Fixed::<2>(0.6 + 4.0 * e.weight / max_e),
            escape(&nodes[e.a].label),
            escape(&nodes[e.b].label),
            fmt_num(e.weight)
        );
    }
    let mut labels = String::new();
    let mut placed = Vec::new();
    for (i, node) in nodes.iter().enumerate() {
        let r = 4.0 + 16.0 * (node.weight / max_w).sqrt();
        let _ = write!(
            body,
            r#"<circle class="mark node" cx="{}" cy="{}" r="{}" fill="{}"><title>{} ({})</title></circle>"#,
            Fixed::<1>(pos[i].0),
            Fixed::<1>(pos[i].1),
            Fixed::<1>(r),
            escape(&node.colour),
            escape(&node.label),
            escape(&node.detail),
        );
        let short: String = node.label.chars().take(28).collect();
        let b = label_box(pos[i].0, pos[i].1 - r - 3.0, short.chars().count());
        // heaviest nodes first: a label that would cover an earlier one is
        // left to the tooltip
        if i < LABELLED && !placed.iter().any(|p| boxes_overlap(*p, b)) {
            placed.push(b);
            let _ = write!(
                labels,
                r#"<text x="{}" y="{}" text-anchor="middle" class="label">{}</text>"#,
                Fixed::<1>(pos[i].0),
                Fixed::<1>(pos[i].1 - r - 3.0),
                escape(&short)
            );
        }
    }
    let mut key = String::new();
    for (i, (label, colour)) in legend.iter().enumerate() {
        let y = 12.0 + 16.0 * i as f64;
        let _ = write!(
            key,
            r#"<circle cx="10" cy="{y:.0}" r="5" fill="{}"/><text x="20" y="{:.0}" class="tick">{}</text>"#,
            escape(colour),
            y + 4.0,
            escape(label)
        );
    }
    format!(
        r#"<svg class="chart" viewBox="0 0 {w} {h}" width="100%" data-marks="{}" role="img" aria-label="{}">{body}{labels}{key}</svg>"#,
        n + edges.len(),
        escape(title)
    )
}

#[cfg(test)]
mod tests {
    use super::super::marks;
    use super::*;

    fn nodes(n: usize) -> Vec<Node> {
        (0..n)
            .map(|i| Node {
                label: format!("n{i}"),
                weight: i as f64 + 1.0,
                colour: "#000".into(),
                detail: String::new(),
            })
            .collect()
    }

    #[test]
    fn network_is_deterministic_and_in_bounds() {
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
        let a = network(&nodes(6), &edges, &[], "t");
        assert_eq!(a, network(&nodes(6), &edges, &[], "t"));
        assert_eq!(marks(&a), 8);
        assert!(!a.contains("NaN"));
    }

    #[test]
    fn edges_outside_the_nodes_are_skipped() {
        let edges = [
            Edge {
                a: 0,
                b: 9,
                weight: 1.0,
            },
            Edge {
                a: 1,
                b: 1,
                weight: 1.0,
            },
        ];
        assert_eq!(marks(&network(&nodes(2), &edges, &[], "t")), 2);
    }

    #[test]
    fn labels_and_legend_are_escaped() {
        let mut ns = nodes(1);
        ns[0].label = "<b>x</b>".into();
        let svg = network(&ns, &[], &[("R&D".into(), "#123".into())], "t");
        assert!(svg.contains("&lt;b&gt;x&lt;/b&gt;") && svg.contains("R&amp;D"));
        assert!(!svg.contains("<b>"));
    }

    #[test]
    fn unlinked_nodes_sit_below_the_linked_ones() {
        let edges = [Edge {
            a: 0,
            b: 2,
            weight: 1.0,
        }];
        let pos = place(25, &edges, 760.0, 540.0, 0.0);
        let lowest_linked = pos[0].1.max(pos[2].1);
        for (i, p) in pos.iter().enumerate().filter(|(i, _)| *i != 0 && *i != 2) {
            assert!(p.1 > lowest_linked, "node {i} at {p:?}");
            assert!(
                p.0 >= 0.0 && p.0 <= 760.0 && p.1 <= 540.0,
                "node {i} at {p:?}"
            );
        }
        // three rows of unlinked nodes, no two at one place
        let mut spots: Vec<(i64, i64)> = pos.iter().map(|p| (p.0 as i64, p.1 as i64)).collect();
        spots.sort();
        spots.dedup();
        assert_eq!(spots.len(), 25);
    }

    #[test]
    fn a_single_node_is_drawn() {
        let svg = network(&nodes(1), &[], &[], "t");
        assert_eq!(marks(&svg), 1);
        assert!(!svg.contains("NaN"));
    }
}
