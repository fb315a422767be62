//! The readable text of an HTML element: one paragraph per `<p>`, heading,
//! list item or block quote, skipping scripts, navigation, page headers and
//! footers, asides, forms and figures.

use scraper::{ElementRef, Node};

use super::plain_attr;
use crate::text::bytes16;

/// How an element counts in the walk.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Code, page furniture, forms, media: never read.
    Skipped,
    /// Article text (`p`, headings, list items, block quotes...); each also
    /// ends a paragraph.
    Content,
    /// `br`: ends a paragraph where it opens.
    Break,
    /// Other blocks (`div`, `section`, tables...): end a paragraph where
    /// they open or close.
    Block,
    /// Inline elements.
    Inline,
}

/// The kind of an element from its name: one `match`, not three list scans
/// per node opened and closed.
#[rustfmt::skip]
fn kind(name: &str) -> Kind {
    match name {
        "aside" | "audio" | "button" | "canvas" | "embed" | "figure" | "footer" | "form"
        | "head" | "header" | "iframe" | "input" | "label" | "menu" | "nav" | "noscript"
        | "object" | "script" | "select" | "style" | "svg" | "template" | "textarea"
        | "video" => Kind::Skipped,
        "blockquote" | "dd" | "dt" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "li" | "p"
        | "pre" => Kind::Content,
        "br" => Kind::Break,
        "address" | "article" | "body" | "center" | "details" | "div" | "dl" | "figcaption"
        | "hr" | "main" | "ol" | "section" | "summary" | "table" | "td" | "th" | "tr" | "ul" => {
            Kind::Block
        }
        _ => Kind::Inline,
    }
}

/// The two readings of an element, one paragraph per line.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Texts {
    /// The text of the content elements only.
    pub content: String,
    /// All of the text, also outside content elements (pages that put their
    /// text in bare `<div>`s).
    pub all: String,
}

/// Paragraphs of `root`, read both ways in one walk (the paragraph breaks
/// are the same in both).
pub(crate) fn paragraphs(root: ElementRef<'_>) -> Texts {
    let mut p = Walk::default();
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
    p.content.flush();
    p.all.flush();
    Texts {
        content: p.content.out,
        all: p.all.out,
    }
}

#[derive(Default)]
struct Walk {
    content: Lines,
    all: Lines,
    content_depth: usize,
    /// The kinds of the elements opened and not yet closed, innermost last
    /// (each element is judged once, its attributes read once).
    open_kinds: Vec<Kind>,
}

/// Text being gathered into lines.
#[derive(Default)]
struct Lines {
    out: String,
    current: String,
    pending_space: bool,
}

/// The kind of an element, `Skipped` also for hidden ones.
fn kind_of(e: &scraper::node::Element) -> Kind {
    let k = kind(e.name());
    let hidden = || {
        plain_attr(e, "hidden").is_some()
            || plain_attr(e, "aria-hidden").is_some_and(|v| v.eq_ignore_ascii_case("true"))
    };
    if k != Kind::Skipped && hidden() {
        Kind::Skipped
    } else {
        k
    }
}

impl Walk {
    /// Handles an opening node; true when its children are to be read.
    fn open(&mut self, node: &Node) -> bool {
        match node {
            Node::Text(t) => {
                let content = self.content_depth > 0;
                collapse(t, |piece| {
                    self.all.push(piece);
                    if content {
                        self.content.push(piece);
                    }
                });
                false
            }
            Node::Element(e) => {
                let k = kind_of(e);
                self.open_kinds.push(k);
                if k == Kind::Skipped {
                    return false;
                }
                if k != Kind::Inline {
                    self.flush();
                }
                self.content_depth += usize::from(k == Kind::Content);
                true
            }
            Node::Document | Node::Fragment => true,
            _ => false,
        }
    }

    /// Handles the end of a node opened by [`Walk::open`].
    fn close(&mut self, node: &Node) {
        if !matches!(node, Node::Element(_)) {
            return;
        }
        match self.open_kinds.pop().unwrap_or(Kind::Inline) {
            Kind::Content => {
                self.flush();
                self.content_depth = self.content_depth.saturating_sub(1);
            }
            Kind::Block => self.flush(),
            _ => {}
        }
    }

    fn flush(&mut self) {
        self.content.flush();
        self.all.flush();
    }
}

impl Lines {
    /// Appends text, collapsing runs of ASCII whitespace as HTML renders
    /// them (no-break spaces are kept: French typography needs them).
    fn push_text(&mut self, text: &str) {
        collapse(text, |piece| self.push(piece));
    }

    fn push(&mut self, piece: Piece<'_>) {
        match piece {
            Piece::Space => self.pending_space = true,
            Piece::Text(t) => {
                if self.pending_space && !self.current.is_empty() {
                    self.current.push(' ');
                }
                self.pending_space = false;
                self.current.push_str(t);
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

/// A piece of a text node once its whitespace is collapsed.
#[derive(Clone, Copy)]
enum Piece<'a> {
    /// A run of ASCII whitespace (rendered as one space between words).
    Space,
    /// Text to copy: words separated by single plain spaces.
    Text(&'a str),
}

/// Cuts `text` into pieces: runs of ASCII whitespace, and the text between
/// them, where single spaces between two words are kept in place so that a
/// normal sentence is one piece. ASCII whitespace bytes never occur inside
/// a multi-byte character, so the text is cut by bytes.
fn collapse<'a>(text: &'a str, mut emit: impl FnMut(Piece<'a>)) {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        // sixteen bytes at a time to the next whitespace byte that is not a
        // single space between two words (where a piece ends); a space at
        // the start of a piece is not single
        if let (Some(block), Some(next)) = (bytes16::load(bytes, i), bytes16::load(bytes, i + 1)) {
            const WHITE: [u8; 5] = [b' ', b'\t', b'\n', 0x0c, b'\r'];
            let single = block.eq(b' ') & !next.eq_any(WHITE) & !u32::from(i == start);
            let n = ((block.eq_any(WHITE) & !single) | (1 << 16)).trailing_zeros() as usize;
            if n == 16 {
                i += 16;
                continue;
            }
            i += n;
        } else if let Some(chunk) = bytes.get(i..i + 8) {
            // every ASCII whitespace byte is at most b' ': words run eight
            // bytes at a time to the next such byte
            let low = at_most_space(u64::from_le_bytes(chunk.try_into().unwrap_or_default()));
            if low == 0 {
                i += 8;
                continue;
            }
            i += low.trailing_zeros() as usize / 8;
        }
        if bytes[i] > b' ' || !bytes[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let single = bytes[i] == b' '
            && i > start
            && bytes.get(i + 1).is_some_and(|b| !b.is_ascii_whitespace());
        if single {
            i += 1;
            continue;
        }
        if i > start {
            emit(Piece::Text(&text[start..i]));
        }
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        emit(Piece::Space);
        start = i;
    }
    if start < bytes.len() {
        emit(Piece::Text(&text[start..]));
    }
}

/// 0x80 in each byte of `w` (eight bytes, first lowest) that is at most
/// b' ', 0 elsewhere: exact, as the low seven bits plus 0x5f never carry
/// into the next byte.
fn at_most_space(w: u64) -> u64 {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    !(w | ((w & LOW7) + 0x5f5f_5f5f_5f5f_5f5f)) & HIGH
}

/// Text of an element with whitespace collapsed (titles, headings).
pub(crate) fn collapsed(e: ElementRef<'_>) -> String {
    let mut p = Lines::default();
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
            let texts = paragraphs(doc.root_element());
            let got = if *all_text { texts.all } else { texts.content };
            assert_eq!(got, *want, "case {name}");
        }
    }

    /// The first, character by character, whitespace collapsing, which
    /// [`collapse`] must reproduce across consecutive text nodes.
    fn reference(nodes: &[String]) -> String {
        let (mut out, mut pending) = (String::new(), false);
        for c in nodes.iter().flat_map(|n| n.chars()) {
            if c.is_ascii_whitespace() {
                pending = true;
            } else {
                if pending && !out.is_empty() {
                    out.push(' ');
                }
                pending = false;
                out.push(c);
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn collapsing_matches_the_reference(
            nodes in proptest::collection::vec("[a é\t\n\r\x0c\x0b\u{a0}.]{0,12}", 0..4)
        ) {
            let mut lines = Lines::default();
            for n in &nodes {
                lines.push_text(n);
            }
            proptest::prop_assert_eq!(lines.current, reference(&nodes));
        }

        /// Nodes long enough for the sixteen-byte steps.
        #[test]
        fn collapsing_long_nodes_matches_the_reference(
            nodes in proptest::collection::vec("([a-zé]{1,7}[ .]|[ \t\n\r\x0c\x0b]{1,3}){0,20}", 0..4)
        ) {
            let mut lines = Lines::default();
            for n in &nodes {
                lines.push_text(n);
            }
            proptest::prop_assert_eq!(lines.current, reference(&nodes));
        }
    }

    #[test]
    fn bytes_at_most_space_are_marked_exactly() {
        for b in 0..=255u8 {
            for other in [0u8, b' ', b'a', 0x21, 0x7f, 0x80, 0xa0, 0xff] {
                let mut word = [other; 8];
                word[3] = b;
                let got = at_most_space(u64::from_le_bytes(word));
                let want = word
                    .iter()
                    .enumerate()
                    .map(|(k, &x)| if x <= b' ' { 0x80u64 << (8 * k) } else { 0 })
                    .sum::<u64>();
                assert_eq!(got, want, "byte {b:#x} among {other:#x}");
            }
        }
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = format!("{}<p>Fond.</p>", "<div>".repeat(5_000));
        let doc = Html::parse_document(&html);
        assert_eq!(paragraphs(doc.root_element()).content, "Fond.");
    }
}
