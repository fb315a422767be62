//! Pairing quotation marks into quoted spans.
//!
//! Marks are read from the punctuation tokens: « », ‹ ›, “ ” „, ‘ ’ ‚, the
//! straight " and ', and doubled apostrophes ’’ or ''. Each mark can open,
//! close or both (straight marks toggle); a stack per paragraph pairs them,
//! so marks nested inside a quotation (‘…’ inside «…») belong to it and are
//! not reported on their own. A quotation left open at a paragraph end goes
//! on when the next paragraph starts with the same kind of mark (the
//! multi-paragraph convention) or closes it before opening another; an
//! unclosed typographic quotation otherwise ends with its paragraph, and an
//! unclosed straight one is dropped (it is more likely an inch sign or a typo).

use crate::document::{Document, Span};

use super::tokens::Tok;

/// Kinds of quotation marks that pair with each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Guillemet,
    SingleGuillemet,
    CurlyDouble,
    CurlySingle,
    Straight,
    StraightSingle,
    DoubleApostrophe,
}

impl Family {
    /// Typographic marks are deliberate: an unclosed one still opens a quote.
    fn typographic(self) -> bool {
        matches!(
            self,
            Family::Guillemet | Family::SingleGuillemet | Family::CurlyDouble
        )
    }
}

#[derive(Debug, Clone, Copy)]
struct Mark {
    span: Span,
    /// Its (first) token.
    tok: usize,
    family: Family,
    can_open: bool,
    can_close: bool,
}

/// A quoted span: its marks and the words between them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Marked {
    /// The opening mark.
    pub open: Span,
    /// The closing mark; `None` when the quote ran to a paragraph end.
    pub close: Option<Span>,
    /// The quoted words, marks, surrounding spaces and a trailing comma excluded.
    pub content: Span,
    /// The first token of the opening mark.
    pub open_tok: usize,
    /// The first token of the closing mark.
    pub close_tok: Option<usize>,
}

impl Marked {
    /// The end of the quoted span, closing mark included.
    pub fn end(&self) -> usize {
        self.close.map_or(self.content.end, |c| c.end)
    }
}

fn classify(text: &str, toks: &[Tok], i: usize) -> Option<(Mark, usize)> {
    let t = toks[i];
    let c = text[t.start..].chars().next()?;
    let prev = text[..t.start].chars().next_back();
    let next = text[t.end..].chars().next();
    let prev_space = prev.is_none_or(char::is_whitespace);
    let next_space = next.is_none_or(char::is_whitespace);
    let prev_alnum = prev.is_some_and(char::is_alphanumeric);
    let next_alnum = next.is_some_and(char::is_alphanumeric);
    // doubled apostrophes used as double quotes
    if (c == '\'' || c == '\u{2019}') && i + 1 < toks.len() {
        let u = toks[i + 1];
        if !u.word && u.start == t.end && text[u.start..u.end] == text[t.start..t.end] {
            let mark = Mark {
                span: Span::new(t.start, u.end),
                tok: i,
                family: Family::DoubleApostrophe,
                can_open: true,
                can_close: true,
            };
            return Some((mark, 2));
        }
    }
    let (family, can_open, can_close) = match c {
        '«' => (Family::Guillemet, true, false),
        '»' => (Family::Guillemet, false, true),
        '‹' => (Family::SingleGuillemet, true, false),
        '›' => (Family::SingleGuillemet, false, true),
        '“' => (Family::CurlyDouble, !next_space, !prev_space && !next_alnum),
        '„' => (Family::CurlyDouble, true, false),
        '”' => (Family::CurlyDouble, prev_space && !next_space, !prev_space),
        '‘' | '‚' => (Family::CurlySingle, !next_space, false),
        '\u{2019}' => (Family::CurlySingle, false, !prev_space),
        '"' => (Family::Straight, true, true),
        '\'' => (
            Family::StraightSingle,
            !prev_alnum && next_alnum,
            !prev_space && !next_alnum,
        ),
        _ => return None,
    };
    let mark = Mark {
        span: t.span(),
        tok: i,
        family,
        can_open,
        can_close,
    };
    Some((mark, 1))
}

/// True when token `t` may be a quotation mark: every mark is `"`, `'` or
/// starts with byte C2 (« ») or E2 (the rest). The tokenizer files such
/// tokens for [`find`], which then looks at no other token.
#[inline(always)]
pub(crate) fn may_be_mark(bytes: &[u8], t: &Tok) -> bool {
    !t.word && matches!(bytes[t.start], b'"' | b'\'' | 0xC2 | 0xE2)
}

/// The marks among tokens `toks` (a paragraph's, the first numbered
/// `first`), read at the `candidates` ([`may_be_mark`]) only.
fn marks_in(text: &str, toks: &[Tok], first: usize, candidates: &[u32]) -> Vec<Mark> {
    let mut out = Vec::with_capacity(candidates.len());
    // the first token not read yet as part of a mark
    let mut next = 0;
    for &c in candidates {
        let i = c as usize - first;
        if i < next {
            continue;
        }
        next = match classify(text, toks, i) {
            Some((mut m, n)) => {
                // `classify` numbers tokens in the paragraph
                m.tok += first;
                out.push(m);
                i + n
            }
            None => i + 1,
        };
    }
    out
}

/// The content between two byte offsets, trimmed of spaces and a trailing comma.
fn content(text: &str, start: usize, end: usize) -> Option<Span> {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let mut body = s.trim();
    body = body.trim_end_matches(',').trim_end();
    if !body.chars().any(char::is_alphanumeric) {
        return None;
    }
    Some(Span::new(start + lead, start + lead + body.len()))
}

/// An opened quote waiting for its closing mark.
#[derive(Debug, Clone, Copy)]
struct Open {
    mark: Mark,
    /// Paragraph where it opened.
    paragraph: usize,
}

/// Finds the outermost quoted spans of a document, in text order, from
/// its tokens and the indices of those that may be marks ([`may_be_mark`]).
#[inline(never)]
pub(crate) fn find(
    doc: &Document,
    toks: &[Tok],
    candidates: &[u32],
    max_paragraphs: usize,
) -> Vec<Marked> {
    let text = &doc.text;
    let mut out = Vec::new();
    let mut pending: Option<Open> = None;
    let mut first_tok = 0;
    let mut next = 0;
    // the marks open in the current paragraph, innermost last
    let mut stack: Vec<Open> = Vec::new();
    let starts_before = |c: u32, pos: usize| toks[c as usize].start < pos;
    for (p, para) in doc.paragraphs.iter().enumerate() {
        // the candidates of the paragraph (tokens starting inside it)
        while next < candidates.len() && starts_before(candidates[next], para.start) {
            next += 1;
        }
        let from = next;
        while next < candidates.len() && starts_before(candidates[next], para.end) {
            next += 1;
        }
        if from == next && pending.is_none() {
            continue; // most paragraphs: no mark, nothing open
        }
        let marks = if from == next {
            Vec::new()
        } else {
            let lo = first_tok + toks[first_tok..].partition_point(|t| t.start < para.start);
            let hi = lo + toks[lo..].partition_point(|t| t.start < para.end);
            first_tok = hi;
            marks_in(text, &toks[lo..hi], lo, &candidates[from..next])
        };
        stack.clear();
        let mut skip = 0;
        if let Some(open) = pending.take() {
            let fam = open.mark.family;
            let within = p - open.paragraph < max_paragraphs;
            let continues = marks
                .first()
                .is_some_and(|m| m.family == fam && m.can_open && m.span.start == para.start);
            let closes_later = fam.typographic()
                && marks
                    .iter()
                    .find(|m| m.family == fam)
                    .is_some_and(|m| m.can_close && !m.can_open);
            if within && continues {
                stack.push(open);
                skip = 1;
            } else if within && closes_later {
                stack.push(open);
            } else {
                close_unterminated(doc, open, p - 1, &mut out);
            }
        }
        for m in &marks[skip..] {
            let inside = stack.iter().rposition(|o| o.mark.family == m.family);
            match inside {
                Some(pos) if m.can_close => {
                    let o = stack[pos];
                    stack.truncate(pos);
                    if pos == 0
                        && let Some(c) = content(text, o.mark.span.end, m.span.start)
                    {
                        out.push(Marked {
                            open: o.mark.span,
                            close: Some(m.span),
                            open_tok: o.mark.tok,
                            close_tok: Some(m.tok),
                            content: c,
                        });
                    }
                }
                _ if m.can_open => stack.push(Open {
                    mark: *m,
                    paragraph: p,
                }),
                _ => {}
            }
        }
        pending = stack.first().copied();
    }
    if let Some(open) = pending {
        close_unterminated(doc, open, doc.paragraphs.len() - 1, &mut out);
    }
    out.sort_by_key(|m| m.open.start);
    out
}

/// A typographic quote still open at the end of paragraph `last` ends there.
fn close_unterminated(doc: &Document, open: Open, last: usize, out: &mut Vec<Marked>) {
    if !open.mark.family.typographic() {
        return;
    }
    let end = doc.paragraphs[last].end;
    if let Some(c) = content(&doc.text, open.mark.span.end, end) {
        out.push(Marked {
            open: open.mark.span,
            open_tok: open.mark.tok,
            close_tok: None,
            close: None,
            content: c,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::testkit::document;
    use super::super::tokens::tokenize;
    use super::*;

    fn quoted(text: &str) -> Vec<String> {
        let doc = document("fr", text);
        let toks = tokenize(&doc.text);
        let candidates: Vec<u32> = (0..toks.len() as u32)
            .filter(|&i| may_be_mark(doc.text.as_bytes(), &toks[i as usize]))
            .collect();
        find(&doc, &toks, &candidates, 6)
            .iter()
            .map(|m| doc.slice(m.content).to_string())
            .collect()
    }

    #[test]
    fn marks_table() {
        let cases: &[(&str, &str, &[&str])] = &[
            (
                "guillemets_spaced",
                "Il a dit : « Nous viendrons. » Puis il est parti.",
                &["Nous viendrons."],
            ),
            (
                "guillemets_tight",
                "Il a dit «Nous viendrons», puis il est parti.",
                &["Nous viendrons"],
            ),
            (
                "curly_double_en",
                "He said: “We will come,” and left.",
                &["We will come"],
            ),
            (
                "straight_double_en",
                "\"We will come,\" he said. \"Soon.\"",
                &["We will come", "Soon."],
            ),
            (
                "straight_inner_spaces_fr",
                "\" Nous viendrons \" a-t-il dit.",
                &["Nous viendrons"],
            ),
            (
                "curly_single_en",
                "He called it ‘a disgrace’ yesterday.",
                &["a disgrace"],
            ),
            (
                "double_apostrophe_fr",
                "Il a parlé d’un ’’moment historique’’ pour le pays.",
                &["moment historique"],
            ),
            (
                "nested_single_in_guillemets",
                "« Selon notre principe ‘problèmes africains, solutions africaines’, nous agissons », a-t-il dit.",
                &[
                    "Selon notre principe ‘problèmes africains, solutions africaines’, nous agissons",
                ],
            ),
            (
                "apostrophes_are_not_marks",
                "L’AES et l'armée d’aujourd’hui, les ministres’ voix.",
                &[],
            ),
            (
                "two_sentences_one_quote",
                "« Nous viendrons. Nous resterons », a-t-il dit.",
                &["Nous viendrons. Nous resterons"],
            ),
            (
                "multi_paragraph_continuation",
                "« Nous viendrons.\n« Nous resterons », a-t-il dit.",
                &["Nous viendrons.\n« Nous resterons"],
            ),
            (
                "multi_paragraph_closed_later",
                "« Nous viendrons.\nNous resterons », a-t-il dit.",
                &["Nous viendrons.\nNous resterons"],
            ),
            (
                "unclosed_guillemet_ends_with_paragraph",
                "« Nous viendrons, a-t-il dit\nAutre chose ici.",
                &["Nous viendrons, a-t-il dit"],
            ),
            (
                "unclosed_straight_dropped",
                "Un écran de 5\" seulement.\nAutre chose.",
                &[],
            ),
        ];
        for (name, text, expected) in cases {
            assert_eq!(&quoted(text), expected, "case {name}: {text}");
        }
    }
}
