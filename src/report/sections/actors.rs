//! Sections about actors: the co-occurrence network, the top speakers with
//! their quotes, and the top dyads by cooperation and conflict.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::super::data::{QUADS, ReportData};
use super::super::html::{DataTable, Section};
use super::super::svg::{
    self, Edge, GREY, Node, PALETTE, Side, diverging_bars, escape, horizontal_bars,
};
use super::{QUAD_COLOURS, clip, links, quad_label, sources};

/// Country colours for the network: the most frequent countries among the
/// nodes get a palette colour each (so the legend is exact), the rest share
/// grey as "other".
fn country_colours(
    countries: &[Option<&str>],
) -> (BTreeMap<String, String>, Vec<(String, String)>) {
    let mut freq: BTreeMap<&str, usize> = BTreeMap::new();
    for c in countries.iter().flatten() {
        *freq.entry(c).or_default() += 1;
    }
    let mut ranked: Vec<(&str, usize)> = freq.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let mut colours = BTreeMap::new();
    let mut legend = Vec::new();
    let keep = PALETTE.len() - 1;
    for (i, (c, _)) in ranked.iter().enumerate() {
        let colour = if i < keep { PALETTE[i] } else { GREY };
        colours.insert(c.to_string(), colour.to_string());
        if i < keep {
            legend.push((c.to_string(), colour.to_string()));
        }
    }
    if ranked.len() > keep {
        legend.push(("other".into(), GREY.into()));
    }
    if countries.iter().any(Option::is_none) {
        legend.push(("no country".into(), "#d0d7de".into()));
    }
    (colours, legend)
}

/// How many co-occurrence links the network draws at most.
const TOP_LINKS: usize = 120;

/// The links drawn: each node's strongest link first (so that no actor
/// with a link is left floating), then the strongest others, up to
/// [`TOP_LINKS`]. `links` come strongest first.
fn strongest_links(links: &[Edge], n: usize) -> Vec<Edge> {
    let mut keep = vec![false; links.len()];
    let mut tied = vec![false; n];
    for (i, e) in links.iter().enumerate() {
        if !tied[e.a] || !tied[e.b] {
            keep[i] = true;
            tied[e.a] = true;
            tied[e.b] = true;
        }
    }
    let mut room = TOP_LINKS.saturating_sub(keep.iter().filter(|k| **k).count());
    for k in keep.iter_mut().filter(|k| !**k) {
        if room == 0 {
            break;
        }
        *k = true;
        room -= 1;
    }
    links
        .iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|(e, _)| *e)
        .collect()
}

/// The co-occurrence network of the most mentioned actors.
pub fn network(data: &ReportData) -> Section {
    let countries: Vec<Option<&str>> = data.actors.iter().map(|a| a.country.as_deref()).collect();
    let (colours, key) = country_colours(&countries);
    let index: BTreeMap<&str, usize> = data
        .actors
        .iter()
        .enumerate()
        .map(|(i, a)| (a.actor_id.as_str(), i))
        .collect();
    let links: Vec<Edge> = data
        .links
        .iter()
        .filter_map(|l| {
            Some(Edge {
                a: *index.get(l.a.as_str())?,
                b: *index.get(l.b.as_str())?,
                weight: l.n_articles as f64,
            })
        })
        .collect();
    let edges = strongest_links(&links, data.actors.len());
    let mut degree = vec![0usize; data.actors.len()];
    for e in &edges {
        degree[e.a] += 1;
        degree[e.b] += 1;
    }
    let nodes: Vec<Node> = data
        .actors
        .iter()
        .map(|a| Node {
            label: a.name.clone(),
            weight: a.n_mentions as f64,
            colour: a.country.as_ref().map_or("#d0d7de".into(), |c| {
                colours.get(c).cloned().unwrap_or(GREY.into())
            }),
            detail: format!(
                "{}{}, {} mentions in {} articles",
                a.kind,
                a.country
                    .as_ref()
                    .map(|c| format!(", {c}"))
                    .unwrap_or_default(),
                a.n_mentions,
                a.n_articles
            ),
        })
        .collect();
    let rows = data
        .actors
        .iter()
        .zip(&degree)
        .map(|(a, d)| {
            vec![
                a.name.clone(),
                a.kind.clone(),
                a.country.clone().unwrap_or_default(),
                a.n_mentions.to_string(),
                a.n_articles.to_string(),
                a.n_quotes.to_string(),
                d.to_string(),
            ]
        })
        .collect();
    Section {
        id: "network".into(),
        title: "Actor network".into(),
        note: if data.actors.is_empty() {
            "No actor in this output.".into()
        } else {
            format!(
                "The {} most mentioned actors; circle area: mentions, colour: country, \
                 line width: articles mentioning both ({} links: each actor's strongest, \
                 then the strongest others). Hover a circle for its name and counts.",
                data.actors.len(),
                edges.len()
            )
        },
        body: svg::network(&nodes, &edges, &key, "actor co-occurrence network"),
        table: Some(DataTable {
            headers: [
                "actor", "kind", "country", "mentions", "articles", "quotes", "links",
            ]
            .map(String::from)
            .to_vec(),
            rows,
        }),
        sources: {
            let mut s = sources(data, "actor_summary", &["actors", "quotes"]);
            s.extend(sources(data, "cooccurrence", &["mentions"]));
            s
        },
    }
}

/// The speakers quoted most, with their best quotes.
pub fn speakers(data: &ReportData) -> Section {
    let bars: Vec<(String, f64)> = data
        .speakers
        .iter()
        .map(|s| (s.name.clone(), s.n_quotes as f64))
        .collect();
    let mut body = horizontal_bars(&bars, "#4e79a7", "quotes per speaker");
    if !data.speakers.is_empty() {
        body.push_str("<div class=\"speakers\">");
        for s in &data.speakers {
            let _ = write!(
                body,
                "<div class=\"speaker\"><h3>{}</h3><span class=\"muted\">{} quote{}</span>",
                escape(&s.name),
                s.n_quotes,
                if s.n_quotes == 1 { "" } else { "s" }
            );
            for q in &s.quotes {
                let mut cite = vec![q.kind.clone()];
                cite.extend(q.cue.clone());
                cite.push(clip(&q.article, 80));
                cite.extend(q.published.clone());
                let _ = write!(
                    body,
                    "<blockquote>{}<cite>{}</cite></blockquote>",
                    escape(&clip(&q.text, 320)),
                    escape(&cite.join(" · "))
                );
            }
            body.push_str("</div>");
        }
        body.push_str("</div>");
    }
    Section {
        id: "speakers".into(),
        title: "Top speakers".into(),
        note: "Actors quoted most often (direct, partial and reported speech), \
               with up to three different quotes each, direct quotes first. \
               Near-duplicate articles are left out."
            .into(),
        body,
        table: Some(DataTable {
            headers: vec!["speaker".into(), "quotes".into(), "first quote".into()],
            rows: data
                .speakers
                .iter()
                .map(|s| {
                    vec![
                        s.name.clone(),
                        s.n_quotes.to_string(),
                        s.quotes
                            .first()
                            .map(|q| clip(&q.text, 120))
                            .unwrap_or_default(),
                    ]
                })
                .collect(),
        }),
        sources: links(data, &["quotes", "articles"]),
    }
}

/// Series of the dyad charts: conflict to the left, cooperation to the
/// right, the verbal class next to the centre line.
fn dyad_series() -> Vec<(String, String, Side)> {
    [
        (0, Side::Right),
        (1, Side::Right),
        (2, Side::Left),
        (3, Side::Left),
    ]
    .into_iter()
    .map(|(q, side)| (quad_label(QUADS[q]), QUAD_COLOURS[q].to_string(), side))
    .collect()
}

/// The busiest dyads, by actor and by country.
pub fn dyads(data: &ReportData) -> Section {
    let mut body = String::new();
    for (level, heading) in [("actor", "Actors"), ("country", "Countries")] {
        let items: Vec<(String, Vec<f64>)> = data
            .dyads
            .iter()
            .filter(|d| d.level == level)
            .map(|d| {
                (
                    format!("{} → {}", d.source, d.target),
                    d.quads.iter().map(|v| *v as f64).collect(),
                )
            })
            .collect();
        let _ = write!(body, "<h3>{heading}</h3>");
        body.push_str(&diverging_bars(
            &items,
            &dyad_series(),
            &format!("events between {level} pairs"),
        ));
    }
    let rows = data
        .dyads
        .iter()
        .map(|d| {
            let mut r = vec![d.level.clone(), d.source.clone(), d.target.clone()];
            r.push(d.n_events.to_string());
            r.extend(d.quads.iter().map(i64::to_string));
            r.push(d.n_articles.to_string());
            r.push(d.first.clone().unwrap_or_default());
            r.push(d.last.clone().unwrap_or_default());
            r
        })
        .collect();
    let mut headers: Vec<String> = ["level", "source", "target", "events"]
        .map(String::from)
        .to_vec();
    headers.extend(QUADS.iter().map(|q| quad_label(q)));
    headers.extend(["articles", "first", "last"].map(String::from));
    Section {
        id: "dyads".into(),
        title: "Top dyads".into(),
        note: "Who does what to whom: the source → target pairs with the most events, \
               cooperation to the right of the line, conflict to the left. \
               Every article reporting an event counts (near-duplicates included); \
               negated and hypothetical events are left out."
            .into(),
        body,
        table: Some(DataTable { headers, rows }),
        sources: sources(data, "dyads", &["events"]),
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::data::{ActorRow, Dyad, Link, QuoteRow, Speaker};
    use super::super::super::svg::marks;
    use super::*;

    fn actor(id: &str, name: &str, country: Option<&str>, n: i64) -> ActorRow {
        ActorRow {
            actor_id: id.into(),
            name: name.into(),
            kind: "person".into(),
            country: country.map(str::to_string),
            n_mentions: n,
            n_articles: 1,
            n_quotes: 0,
        }
    }

    #[test]
    fn network_links_known_actors_only_and_escapes_names() {
        let data = ReportData {
            actors: vec![
                actor("a", "<Novak>", Some("RUS"), 5),
                actor("b", "Tiani", Some("NER"), 3),
            ],
            links: vec![
                Link {
                    a: "a".into(),
                    b: "b".into(),
                    n_articles: 2,
                },
                Link {
                    a: "a".into(),
                    b: "zz".into(),
                    n_articles: 9,
                },
            ],
            ..Default::default()
        };
        let s = network(&data);
        assert_eq!(marks(&s.body), 3);
        assert!(s.body.contains("&lt;Novak&gt;") && !s.body.contains("<Novak>"));
        assert_eq!(s.table.unwrap().rows[0][6], "1");
    }

    #[test]
    fn every_linked_node_keeps_its_strongest_link() {
        let e = |a, b, weight| Edge { a, b, weight };
        // a dense clique of 0..20 and a weak link to node 20
        let mut links: Vec<Edge> = (0..20)
            .flat_map(|a| ((a + 1)..20).map(move |b| e(a, b, 5.0)))
            .collect();
        links.push(e(3, 20, 1.0));
        let kept = strongest_links(&links, 21);
        assert_eq!(kept.len(), TOP_LINKS);
        assert!(kept.iter().any(|k| k.b == 20));
    }

    #[test]
    fn country_colours_are_distinct_with_an_exact_legend() {
        let cs = [Some("RUS"), Some("RUS"), Some("MLI"), None];
        let (colours, legend) = country_colours(&cs);
        assert_ne!(colours["RUS"], colours["MLI"]);
        assert_eq!(legend[0], ("RUS".to_string(), colours["RUS"].clone()));
        assert_eq!(legend.last().unwrap().0, "no country");
    }

    #[test]
    fn speakers_show_escaped_quotes() {
        let data = ReportData {
            speakers: vec![Speaker {
                actor_id: "a".into(),
                name: "Novak".into(),
                n_quotes: 2,
                quotes: vec![QuoteRow {
                    text: "<script>x</script>".into(),
                    kind: "direct".into(),
                    cue: Some("a déclaré".into()),
                    article: "Titre".into(),
                    published: Some("2024-11-01".into()),
                }],
            }],
            ..Default::default()
        };
        let s = speakers(&data);
        assert_eq!(marks(&s.body), 1);
        assert!(s.body.contains("&lt;script&gt;x&lt;/script&gt;"));
        assert!(s.body.contains("direct · a déclaré · Titre · 2024-11-01"));
        assert!(!s.body.contains("<script>"));
    }

    #[test]
    fn dyads_draw_both_levels() {
        let d = |level: &str, s: &str, q: [i64; 4]| Dyad {
            level: level.into(),
            source: s.into(),
            target: "MLI".into(),
            quads: q,
            n_events: q.iter().sum(),
            n_articles: 1,
            first: None,
            last: None,
        };
        let data = ReportData {
            dyads: vec![
                d("actor", "Novak", [1, 0, 0, 2]),
                d("country", "RUS", [0, 1, 0, 0]),
            ],
            ..Default::default()
        };
        let s = dyads(&data);
        let charts: Vec<&str> = s.body.split("<svg").skip(1).collect();
        assert_eq!(charts.len(), 2);
        assert_eq!(marks(&format!("<svg{}", charts[0])), 2);
        assert_eq!(marks(&format!("<svg{}", charts[1])), 1);
        assert_eq!(s.table.unwrap().rows[0][3..8], ["3", "1", "0", "0", "2"]);
    }

    #[test]
    fn empty_actor_sections_render() {
        let d = ReportData::default();
        for s in [network(&d), speakers(&d), dyads(&d)] {
            assert!(s.body.contains("data-marks=\"0\""), "{}", s.id);
        }
    }
}
