//! Sentence segmentation that survives French and English abbreviations
//! (`M.`, `Mme`, `Dr.`, `U.S.`), initials, numbers, quotation marks and
//! ellipses.
//!
//! A sentence ends at `.`, `!`, `?` or `…` (with any closing quotation marks
//! or brackets that follow) when the next word starts like a sentence: a
//! capital, a digit or an opening mark. A period after a known abbreviation
//! or a single capital (an initial) does not end a sentence. Sentences never
//! cross a paragraph boundary. The abbreviation lists are data
//! (`pipelines/lexicons/*/abbreviations.txt`).

use std::collections::HashSet;
use std::hash::BuildHasherDefault;

use crate::document::Span;
use crate::lexicon::Fnv;

use super::bytes16;

/// A sentence splitter built from abbreviation lists.
#[derive(Debug, Clone, Default)]
pub struct SentenceSplitter {
    abbreviations: HashSet<String, BuildHasherDefault<Fnv>>,
    /// Bytes of the longest abbreviation.
    longest: usize,
}

const CLOSERS: &[char] = &['»', '”', '"', '’', '\'', ')', ']', '›'];
const OPENERS: &[char] = &['«', '“', '"', '‘', '(', '[', '‹', '—', '–', '-', '¿', '¡'];

impl SentenceSplitter {
    /// Builds a splitter; abbreviations are written with their final period
    /// (`M.`, `U.S.`), or without for words that take one (`Mme`, `Dr`).
    pub fn new<I: IntoIterator<Item = String>>(abbreviations: I) -> Self {
        let abbreviations = abbreviations
            .into_iter()
            .map(|a| a.trim().trim_end_matches('.').to_string())
            .filter(|a| !a.is_empty())
            .collect::<HashSet<_, _>>();
        let longest = abbreviations.iter().map(String::len).max().unwrap_or(0);
        SentenceSplitter {
            abbreviations,
            longest,
        }
    }

    fn is_abbreviation(&self, word: &str) -> bool {
        // no opener is a letter or digit: most words have none to trim
        let w = if word
            .as_bytes()
            .first()
            .is_some_and(u8::is_ascii_alphanumeric)
        {
            word
        } else {
            word.trim_start_matches(OPENERS)
        };
        if self.abbreviations.contains(w) {
            return true;
        }
        let mut chars = w.chars();
        // a single capital letter is an initial (`J. Smith`)
        matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
    }

    /// Splits `text[para]` into sentence spans (byte offsets into `text`).
    ///
    /// Walks byte offsets from one terminal to the next, decoding only the
    /// characters around each terminal.
    pub fn split(&self, text: &str, para: Span) -> Vec<Span> {
        let mut out = Vec::new();
        self.split_into(text, para, &mut out);
        out
    }

    /// [`SentenceSplitter::split`], appending the spans to `out` (one
    /// vector for all the paragraphs of a document).
    pub fn split_into(&self, text: &str, para: Span, out: &mut Vec<Span>) {
        let p = &text[para.start..para.end];
        let mut start = 0usize;
        let mut from = 0;
        while let Some(pos) = next_terminal(p.as_bytes(), from) {
            let c = char_at(p, pos).unwrap_or_default();
            // absorb repeated terminals and closing marks
            let mut j = pos + c.len_utf8();
            loop {
                if let Some(d) = char_at(p, j).filter(|&d| is_terminal(d) || CLOSERS.contains(&d)) {
                    j += d.len_utf8();
                    continue;
                }
                // French typography puts a space before a closing guillemet
                let k = j + p.as_bytes()[j..].iter().take_while(|&&b| b == b' ').count();
                if let Some(d) = char_at(p, k).filter(|&d| k > j && matches!(d, '»' | '›')) {
                    j = k + d.len_utf8();
                    continue;
                }
                break;
            }
            let end = j;
            // must be followed by whitespace, then a sentence start
            let mut k = j;
            while let Some(d) = char_at(p, k).filter(|d| d.is_whitespace()) {
                k += d.len_utf8();
            }
            let Some(next) = char_at(p, k) else {
                break;
            };
            let saw_space = k > j;
            let starts_sentence =
                next.is_uppercase() || next.is_ascii_digit() || OPENERS.contains(&next);
            if saw_space
                && starts_sentence
                && !(c == '.' && j == pos + 1 && self.ends_abbreviation(p, pos))
            {
                push_trimmed(out, p, para.start, start, end);
                start = k;
            }
            from = k;
        }
        push_trimmed(out, p, para.start, start, p.len());
    }

    /// Whether the word just before the period at `pos` is an abbreviation.
    fn ends_abbreviation(&self, p: &str, pos: usize) -> bool {
        // one byte more than the longest abbreviation (or an initial), all
        // ASCII letters or digits, ends a word too long to be one (trimming
        // its openers would stop at them): most words before a period, not
        // looked up
        let window = self.longest.max(1) + 1;
        let before = pos.checked_sub(window).map(|at| &p.as_bytes()[at..pos]);
        if before.is_some_and(|b| b.iter().all(u8::is_ascii_alphanumeric)) {
            return false;
        }
        self.is_abbreviation(&p[after_last_space(&p[..pos])..pos])
    }
}

/// Where the last word of `s` starts: after its last whitespace character
/// (which may be wider than a byte), or 0. Reads bytes backwards, decoding
/// only from the first bytes of wider characters.
fn after_last_space(s: &str) -> usize {
    let bytes = s.as_bytes();
    let mut i = bytes.len();
    while i > 0 {
        i -= 1;
        let b = bytes[i];
        if b < 0x80 {
            if char::from(b).is_whitespace() {
                return i + 1;
            }
        } else if b >= 0xc0
            && let Some(c) = s[i..].chars().next().filter(|c| c.is_whitespace())
        {
            return i + c.len_utf8();
        }
    }
    0
}

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

/// Offset of the first `.`, `!`, `?` or `…` at or after `from`.
fn next_terminal(bytes: &[u8], from: usize) -> Option<usize> {
    // `…` is E2 80 A6; a lead byte is never inside another character
    let is_terminal = |i: usize| match bytes[i] {
        b'.' | b'!' | b'?' => true,
        0xe2 => bytes.get(i + 1..i + 3) == Some(&[0x80, 0xa6][..]),
        _ => false,
    };
    let mut i = from;
    while let Some(block) = bytes16::load(bytes, i) {
        let hits = block.eq_any([b'.', b'!', b'?', 0xe2]);
        if hits == 0 {
            i += 16;
            continue;
        }
        i += hits.trailing_zeros() as usize;
        if is_terminal(i) {
            return Some(i);
        }
        i += 1;
    }
    (i..bytes.len()).find(|&i| is_terminal(i))
}

/// The character starting at byte `i` of `p` (a char boundary), if any.
#[inline]
fn char_at(p: &str, i: usize) -> Option<char> {
    match p.as_bytes().get(i) {
        Some(&b) if b.is_ascii() => Some(b as char),
        Some(_) => p[i..].chars().next(),
        None => None,
    }
}

fn push_trimmed(out: &mut Vec<Span>, p: &str, offset: usize, start: usize, end: usize) {
    let s = &p[start..end];
    // nearly every sentence starts and ends with a visible ASCII character:
    // nothing to trim, no character to decode
    let graphic = |b: Option<&u8>| b.is_some_and(u8::is_ascii_graphic);
    if graphic(s.as_bytes().first()) && graphic(s.as_bytes().last()) {
        out.push(Span::new(offset + start, offset + end));
        return;
    }
    let lead = s.len() - s.trim_start().len();
    let trimmed = s[lead..].trim_end();
    if !trimmed.is_empty() {
        let a = offset + start + lead;
        out.push(Span::new(a, a + trimmed.len()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<String> {
        let s = SentenceSplitter::new(
            ["M.", "Mme", "Dr", "U.S.", "Mr", "St", "Gen", "av. J.-C"].map(String::from),
        );
        s.split(text, Span::new(0, text.len()))
            .into_iter()
            .map(|sp| text[sp.start..sp.end].to_string())
            .collect()
    }

    #[test]
    fn last_word_start_agrees_with_char_search() {
        for s in [
            "",
            "mot",
            "deux mots",
            "M.\u{a0}X",
            "a\u{2009}b c\td",
            "é\u{3000}ü",
            " ",
        ] {
            let want = s
                .char_indices()
                .rfind(|(_, c)| c.is_whitespace())
                .map_or(0, |(w, c)| w + c.len_utf8());
            assert_eq!(after_last_space(s), want, "in {s:?}");
        }
    }

    const CASES: &[(&str, &str, &[&str])] = &[
        (
            "basic_fr",
            "Il est venu. Elle est partie.",
            &["Il est venu.", "Elle est partie."],
        ),
        (
            "honorific_fr",
            "Selon M. Gromyko, la Russie aide. Il a ajouté.",
            &["Selon M. Gromyko, la Russie aide.", "Il a ajouté."],
        ),
        (
            "mme",
            "Mme Dupont parle. Oui.",
            &["Mme Dupont parle.", "Oui."],
        ),
        (
            "initials",
            "J. R. R. Tolkien a écrit. Fin.",
            &["J. R. R. Tolkien a écrit.", "Fin."],
        ),
        (
            "us_en",
            "The U.S. Army said so. Then it left.",
            &["The U.S. Army said so.", "Then it left."],
        ),
        (
            "dr_en",
            "Dr. Smith met Mr. Jones. They talked.",
            &["Dr. Smith met Mr. Jones.", "They talked."],
        ),
        (
            "quote_close",
            "« C'est fini. » Il part.",
            &["« C'est fini. »", "Il part."],
        ),
        (
            "quote_inner_lowercase",
            "« C'est fini », a-t-il dit. Puis rien.",
            &["« C'est fini », a-t-il dit.", "Puis rien."],
        ),
        (
            "ellipsis_lower",
            "Il hésita… puis partit. Ensuite.",
            &["Il hésita… puis partit.", "Ensuite."],
        ),
        (
            "ellipsis_upper",
            "Il hésita... Puis il partit.",
            &["Il hésita...", "Puis il partit."],
        ),
        (
            "question",
            "Davantage de paramilitaires ? Oui.",
            &["Davantage de paramilitaires ?", "Oui."],
        ),
        (
            "number",
            "Le 1er décembre 2024. Le 2 mai.",
            &["Le 1er décembre 2024.", "Le 2 mai."],
        ),
        (
            "decimal",
            "Il a payé 3.5 millions. Fin.",
            &["Il a payé 3.5 millions.", "Fin."],
        ),
        (
            "no_split_lower",
            "Voir p. suivante. Fin.",
            &["Voir p. suivante.", "Fin."],
        ),
    ];

    #[test]
    fn sentence_cases() {
        for (name, text, want) in CASES {
            let got = split(text);
            assert_eq!(got, *want, "case {name}: {text:?}");
        }
    }

    /// The first implementation (a vector of decoded characters per
    /// paragraph), which the byte walk must reproduce exactly. (It sliced
    /// inside a multi-byte space before a period, which panicked; both now
    /// take the word after the whole space character.)
    fn reference(s: &SentenceSplitter, text: &str, para: Span) -> Vec<Span> {
        let p = &text[para.start..para.end];
        let mut out = Vec::new();
        let mut start = 0usize;
        let chars: Vec<(usize, char)> = p.char_indices().collect();
        let mut i = 0;
        while i < chars.len() {
            let (pos, c) = chars[i];
            if !matches!(c, '.' | '!' | '?' | '…') {
                i += 1;
                continue;
            }
            // absorb repeated terminals and closing marks
            let mut j = i + 1;
            loop {
                if j < chars.len()
                    && (matches!(chars[j].1, '.' | '!' | '?' | '…')
                        || CLOSERS.contains(&chars[j].1))
                {
                    j += 1;
                    continue;
                }
                // French typography puts a space before a closing guillemet
                let mut k = j;
                while k < chars.len() && chars[k].1 == ' ' {
                    k += 1;
                }
                if k > j && k < chars.len() && matches!(chars[k].1, '»' | '›') {
                    j = k + 1;
                    continue;
                }
                break;
            }
            let end = if j < chars.len() { chars[j].0 } else { p.len() };
            // must be followed by whitespace, then a sentence start
            let mut k = j;
            let mut saw_space = false;
            while k < chars.len() && chars[k].1.is_whitespace() {
                saw_space = true;
                k += 1;
            }
            if k >= chars.len() {
                break;
            }
            let next = chars[k].1;
            let starts_sentence =
                next.is_uppercase() || next.is_ascii_digit() || OPENERS.contains(&next);
            let is_period = c == '.' && j == i + 1;
            let word_start = p[..pos]
                .char_indices()
                .rfind(|(_, c)| c.is_whitespace())
                .map(|(w, c)| w + c.len_utf8())
                .unwrap_or(0);
            let word = &p[word_start..pos];
            let abbreviation = is_period && s.is_abbreviation(word);
            if saw_space && starts_sentence && !abbreviation {
                push_trimmed(&mut out, p, para.start, start, end);
                start = chars[k].0;
            }
            i = k;
        }
        push_trimmed(&mut out, p, para.start, start, p.len());
        out
    }

    #[test]
    fn matches_the_reference_definition() {
        let s = SentenceSplitter::new(["M.", "Mme", "U.S.", "av. J.-C"].map(String::from));
        for (name, text, _) in CASES {
            let para = Span::new(0, text.len());
            assert_eq!(
                s.split(text, para),
                reference(&s, text, para),
                "case {name}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_matches_the_reference(
            text in "[aAM1 .!?…»›”'(«\u{a0}\u{1680}\n-]{0,40}"
        ) {
            let s = SentenceSplitter::new(["M.", "Mme"].map(String::from));
            let para = Span::new(0, text.len());
            proptest::prop_assert_eq!(s.split(&text, para), reference(&s, &text, para));
        }

        #[test]
        fn wordy_text_matches_the_reference(
            text in "([A-Za-z]{1,9}|[ .!?,]|…|»|M\\.|\u{2019}|\u{a0}| \\. ){0,40}"
        ) {
            let s = SentenceSplitter::new(["M.", "Mme"].map(String::from));
            let para = Span::new(0, text.len());
            proptest::prop_assert_eq!(s.split(&text, para), reference(&s, &text, para));
        }

        /// Words of about an abbreviation's length after openers, and no
        /// abbreviation at all (initials only).
        #[test]
        fn words_after_openers_match_the_reference(
            text in "([«(\"-]{0,2}[A-Za-z0-9]{1,7}|[ .]|\u{a0}){0,30}"
        ) {
            let para = Span::new(0, text.len());
            for s in [
                SentenceSplitter::new(["M.", "Mme", "Prof"].map(String::from)),
                SentenceSplitter::default(),
            ] {
                proptest::prop_assert_eq!(s.split(&text, para), reference(&s, &text, para));
            }
        }
    }

    #[test]
    fn wide_space_before_a_period_does_not_panic() {
        // U+1680 and U+00A0 are whitespace wider than one byte
        assert_eq!(
            split("Il vint\u{1680}M. Dupont. Fin."),
            ["Il vint\u{1680}M. Dupont.", "Fin."]
        );
        assert_eq!(split("Le 2\u{a0}mai. Fin."), ["Le 2\u{a0}mai.", "Fin."]);
    }

    #[test]
    fn offsets_are_into_the_whole_text() {
        let text = "xx\nUn. Deux.";
        let s = SentenceSplitter::new(Vec::<String>::new());
        let spans = s.split(text, Span::new(3, text.len()));
        assert_eq!(spans, vec![Span::new(3, 6), Span::new(7, 12)]);
    }
}
