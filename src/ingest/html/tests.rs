use super::*;
use crate::document::{DateOrigin, Precision};

const FRENCH_PAGE: &str = r#"<!DOCTYPE html>
<html lang="fr-FR"><head>
<meta charset="utf-8">
<title>Sahel : la Russie renforce sa présence | Le Journal</title>
<meta property="og:title" content="Sahel : la Russie renforce sa présence">
<meta property="article:published_time" content="2024-11-28T10:00:00+01:00">
<link rel="canonical" href="https://journal.example/sahel">
<style>p { color: red }</style>
</head><body>
<header><nav><ul><li>Accueil</li><li>Monde</li></ul></nav></header>
<main><article>
<h1>Sahel : la Russie renforce sa présence</h1>
<p>Une délégation est arrivée à Bamako lundi.</p>
<figure><img src="a.jpg"><figcaption>Photo AFP</figcaption></figure>
<p>« Nous resterons », a déclaré le ministre.</p>
<aside><p>Lire aussi : notre dossier</p></aside>
</article></main>
<footer><p>© Le Journal</p></footer>
<script>document.write("<p>tracking</p>")</script>
</body></html>"#;

const ENGLISH_PAGE: &str = r#"<html lang="en"><head>
<title>Talks resume in Geneva</title>
<meta property="og:url" content="https://news.example/geneva">
<script type="application/ld+json">
{"@context": "https://schema.org", "@graph": [{"@type": "NewsArticle",
 "headline": "Talks resume", "datePublished": "2023-02-14"}]}
</script>
</head><body>
<div class="teaser"><article><p>Short teaser.</p></article></div>
<article><h2>Talks resume in Geneva</h2>
<p>Negotiators met on Tuesday.</p><p>They will meet again in March.</p>
<time datetime="2023-02-10">Feb 10</time></article>
</body></html>"#;

#[test]
fn french_article_page() {
    let a = read("p.html", FRENCH_PAGE, Limits::default()).unwrap();
    assert_eq!(
        a.text,
        "Sahel : la Russie renforce sa présence\n\
         Une délégation est arrivée à Bamako lundi.\n\
         « Nous resterons », a déclaré le ministre."
    );
    assert_eq!(
        a.title.as_deref(),
        Some("Sahel : la Russie renforce sa présence")
    );
    let p = a.published.unwrap();
    assert_eq!(p.date.to_string(), "2024-11-28");
    assert_eq!(
        (p.precision, p.origin),
        (Precision::Day, DateOrigin::Metadata)
    );
    assert_eq!(a.lang.as_deref(), Some("fr-FR"));
    assert_eq!(a.url.as_deref(), Some("https://journal.example/sahel"));
    assert_eq!(a.source, "p.html");
}

#[test]
fn english_page_with_json_ld_and_two_articles() {
    let a = read("e.htm", ENGLISH_PAGE, Limits::default()).unwrap();
    assert_eq!(
        a.text,
        "Talks resume in Geneva\nNegotiators met on Tuesday.\nThey will meet again in March."
    );
    assert_eq!(a.title.as_deref(), Some("Talks resume in Geneva"));
    // JSON-LD comes before a <time> in the text.
    assert_eq!(a.published.unwrap().date.to_string(), "2023-02-14");
    assert_eq!(a.lang.as_deref(), Some("en"));
    assert_eq!(a.url.as_deref(), Some("https://news.example/geneva"));
}

/// (name, html, expected date)
const DATES: &[(&str, &str, Option<&str>)] = &[
    (
        "og published time",
        r#"<meta property="og:published_time" content="2022-05-01"><p>x</p>"#,
        Some("2022-05-01"),
    ),
    (
        "itemprop on time",
        r#"<p>Le <time itemprop="datePublished" datetime="2021-03-04T08:00">4 mars</time></p>"#,
        Some("2021-03-04"),
    ),
    (
        "dc.date upper case",
        r#"<meta name="DC.date" content="2020-01"><p>x</p>"#,
        Some("2020-01-01"),
    ),
    (
        "pubdate time wins over first time",
        r#"<article><p><time datetime="2019-01-01">a</time>
           <time pubdate datetime="2019-06-30">b</time></p></article>"#,
        Some("2019-06-30"),
    ),
    (
        "unreadable date is skipped",
        r#"<meta name="date" content="hier"><meta name="pubdate" content="2018"><p>x</p>"#,
        Some("2018-01-01"),
    ),
    ("no date", "<p>Pas de date ici.</p>", None),
];

#[test]
fn publication_dates() {
    for (name, html, want) in DATES {
        let a = read("d.html", html, Limits::default()).unwrap();
        let got = a.published.map(|p| p.date.to_string());
        assert_eq!(got.as_deref(), *want, "case {name}");
    }
}

#[test]
fn title_falls_back_to_h1_and_divs_to_all_text() {
    let a = read(
        "t.html",
        "<body><h1>Crise au Niger</h1><div>Le texte de cet article est rangé dans des \
         blocs sans paragraphes, ce qui arrive.</div><div>Deuxième bloc.</div></body>",
        Limits::default(),
    )
    .unwrap();
    assert_eq!(a.title.as_deref(), Some("Crise au Niger"));
    assert_eq!(
        a.text,
        "Crise au Niger\nLe texte de cet article est rangé dans des blocs sans \
         paragraphes, ce qui arrive.\nDeuxième bloc."
    );
    let a = read(
        "t.html",
        "<body><div>Only a div.</div></body>",
        Limits::default(),
    )
    .unwrap();
    assert_eq!(a.text, "Only a div.");
}

#[test]
fn empty_and_oversize_pages_are_rejected() {
    let r = read(
        "e.html",
        "<html><script>x()</script></html>",
        Limits::default(),
    )
    .unwrap_err();
    assert!(r.reason.contains("no readable text"), "{r:?}");
    let small = Limits {
        max_article_bytes: 10,
    };
    let r = read("e.html", "<p>Un paragraphe trop long.</p>", small).unwrap_err();
    assert!(r.reason.contains("bytes"), "{r:?}");
}

#[test]
fn declared_charsets() {
    let cases: [(&str, &[u8], Option<&str>); 4] = [
        (
            "meta charset",
            b"<meta charset=\"ISO-8859-1\">",
            Some("windows-1252"),
        ),
        (
            "http-equiv",
            b"<meta http-equiv=Content-Type content='text/html; charset=windows-1252'>",
            Some("windows-1252"),
        ),
        ("none", b"<p>rien</p>", None),
        ("unknown label", b"<meta charset=klingon>", None),
    ];
    for (name, html, want) in cases {
        assert_eq!(
            declared_charset(html).map(|e| e.name()),
            want,
            "case {name}"
        );
    }
}

#[test]
fn plain_attributes_are_found_as_attr_finds_them() {
    // SVG and MathML attributes the parser puts in a namespace sit beside
    // plain ones; both readers must agree on every element
    let page = r##"<html><body>
<p hidden data-x="1" itemprop="datePublished" content="2024-11-28">Texte</p>
<svg><a xlink:href="#a" xlink:title="t" href="#b"><text aria-hidden="TRUE">x</text></a>
<link xlink:href="https://x.example/" rel="canonical"/></svg>
<math><mi xlink:show="new" name="m" xml:lang="fr">y</mi></math>
<meta property="og:title" name="t" content="Titre" http-equiv="x">
<time datetime="2024-11-28" pubdate>28 nov.</time></body></html>"##;
    let names = [
        "hidden",
        "aria-hidden",
        "itemprop",
        "property",
        "name",
        "content",
        "http-equiv",
        "rel",
        "datetime",
        "pubdate",
        "data-x",
    ];
    let doc = Html::parse_document(page);
    let mut seen = 0;
    for e in doc.root_element().descendent_elements() {
        for name in names {
            let want = e.value().attr(name);
            seen += usize::from(want.is_some());
            assert_eq!(
                plain_attr(e.value(), name),
                want,
                "{name} on {:?}",
                e.value()
            );
        }
    }
    assert!(seen >= 12, "{seen}");
}
