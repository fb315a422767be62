//! The readable text of an HTML element: one paragraph per `<p>`, heading,
//! list item or block quote, skipping scripts, navigation, page headers and
//! footers, asides, forms and figures.

use scraper::{ElementRef, Node};

/// Subtrees never read: code, page furniture, forms, media.
#[rustfmt::skip]
const SKIPPED: &[&str] = &[
    "aside", "audio", "button", "canvas", "embed", "figure", "footer", "form", "head", "header",
    "iframe", "input", "label", "menu", "nav", "noscript", "object", "script", "select", "style",
    "svg", "template", "textarea", "video",
];

/// Elements whose text is article text (each also ends a paragraph).
#[rustfmt::skip]
const CONTENT: &[&str] = &[
    "blockquote", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "li", "p", "pre",
];

/// Other elements that end a paragraph where they open or close.
#[rustfmt::skip]
const BLOCKS: &[&str] = &[
    "address", "article", "body", "center", "details", "div", "dl", "figcaption", "hr", "main",
    "ol", "section", "summary", "table", "td", "th", "tr", "ul",
];

/// Paragraphs of `root`, one per line. With `all_text`, text outside the
/// content elements is read too (pages that put their text in bare `<div>`s).
pub(crate) fn paragraphs(root: ElementRef<'_>, all_text: bool) -> String {
    let mut p = Paragraphs {
        all_text,
        ..Default::default()
    };
    // An explicit walk, not recursion: hostile pages nest without limit.
    let start = *root;
    let mut node = start;
    'walk: loop {
        if p.open(node.value())
            && let Some(child) = node.first_child()
        {
            node = child;
            continue;
        }
        loop {
            p.close(node.value());
            if node == start {
                break 'walk;
            }
            if let Some(next) = node.next_sibling() {
                node = next;
                break;
            }
            match node.parent() {
                Some(parent) => node = parent,
                None => break 'walk,
            }
        }
    }
    p.flush();
    p.out
}

#[derive(Default)]
struct Paragraphs {
    out: String,
    current: String,
    pending_space: bool,
    content_depth: usize,
    all_text: bool,
}

fn skipped(e: &scraper::node::Element) -> bool {
    SKIPPED.contains(&e.name())
        || e.attr("hidden").is_some()
        || e.attr("aria-hidden")
            .is_some_and(|v| v.eq_ignore_ascii_case("true"))
}

impl Paragraphs {
    /// Handles an opening node; true when its children are to be read.
    fn open(&mut self, node: &Node) -> bool {
        match node {
            Node::Text(t) if self.all_text || self.content_depth > 0 => {
                self.push_text(t);
                false
            }
            Node::Element(e) => {
                if skipped(e) {
                    return false;
                }
                let name = e.name();
                let content = CONTENT.contains(&name);
                if content || name == "br" || BLOCKS.contains(&name) {
                    self.flush();
                }
                self.content_depth += usize::from(content);
                true
            }
            Node::Document | Node::Fragment => true,
            _ => false,
        }
    }

    /// Handles the end of a node opened by [`Paragraphs::open`].
    fn close(&mut self, node: &Node) {
        let Node::Element(e) = node else { return };
        if skipped(e) {
            return;
        }
        let name = e.name();
        let content = CONTENT.contains(&name);
        if content || BLOCKS.contains(&name) {
            self.flush();
        }
        if content {
            self.content_depth = self.content_depth.saturating_sub(1);
        }
    }

    /// Appends text, collapsing runs of ASCII whitespace as HTML renders
    /// them (no-break spaces are kept: French typography needs them).
    fn push_text(&mut self, text: &str) {
        for c in text.chars() {
            if c.is_ascii_whitespace() {
                self.pending_space = true;
            } else {
                if self.pending_space && !self.current.is_empty() {
                    self.current.push(' ');
                }
                self.pending_space = false;
                self.current.push(c);
            }
        }
    }

    fn flush(&mut self) {
        if !self.current.is_empty() {
            if !self.out.is_empty() {
                self.out.push('\n');
            }
            self.out.push_str(&self.current);
            self.current.clear();
        }
        self.pending_space = false;
    }
}

/// Text of an element with whitespace collapsed (titles, headings).
pub(crate) fn collapsed(e: ElementRef<'_>) -> String {
    let mut p = Paragraphs::default();
    for t in e.text() {
        p.push_text(t);
    }
    p.current
}

#[cfg(test)]
mod tests {
    use scraper::Html;

    use super::*;

    /// (name, body html, all_text, expected paragraphs)
    const CASES: &[(&str, &str, bool, &str)] = &[
        (
            "french paragraphs and heading",
            "<h1>Le sommet</h1><p>Le ministre  a <b>déclaré</b>\n à Paris.</p><p>Fin.</p>",
            false,
            "Le sommet\nLe ministre a déclaré à Paris.\nFin.",
        ),
        (
            "english list and quote",
            "<ul><li>First point</li><li>Second</li></ul><blockquote><p>We will go.</p></blockquote>",
            false,
            "First point\nSecond\nWe will go.",
        ),
        (
            "furniture is skipped",
            "<nav><p>Menu</p></nav><header><p>Logo</p></header><p>Texte.</p>\
             <script>var p = '<p>x</p>';</script><aside><p>Pub</p></aside>\
             <form><p>Newsletter</p></form><footer><p>© 2024</p></footer>",
            false,
            "Texte.",
        ),
        (
            "loose div text is not content",
            "<div>Partager</div><p>Le texte.</p><div>Commentaires</div>",
            false,
            "Le texte.",
        ),
        (
            "br splits, nbsp kept",
            "<p>Ligne un<br>Ligne\u{a0}deux :</p>",
            false,
            "Ligne un\nLigne\u{a0}deux :",
        ),
        (
            "hidden elements",
            "<p hidden>Caché</p><p aria-hidden=\"true\">Aussi</p><p>Visible.</p>",
            false,
            "Visible.",
        ),
        (
            "all-text fallback reads divs",
            "<div>Only divs here.</div><div>Second block.</div>",
            true,
            "Only divs here.\nSecond block.",
        ),
    ];

    #[test]
    fn extracts_paragraphs() {
        for (name, body, all_text, want) in CASES {
            let doc = Html::parse_document(&format!("<html><body>{body}</body></html>"));
            let got = paragraphs(doc.root_element(), *all_text);
            assert_eq!(got, *want, "case {name}");
        }
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = format!("{}<p>Fond.</p>", "<div>".repeat(5_000));
        let doc = Html::parse_document(&html);
        assert_eq!(paragraphs(doc.root_element(), false), "Fond.");
    }
}
