//! Where an all-digit date can be: the words (runs of text between
//! spaces, tabs and line breaks) that hold an ASCII digit.
//!
//! The numeric rules of `numeric.tsv` match no whitespace and hold a digit,
//! so every match lies inside one such word. Running them word by word
//! spares the regex engine a look at every full stop of the text (the
//! French rule's `[/.]` is the literal it would otherwise search for).

use crate::text::swar;

/// True for the bytes that end a word: a date regex matches none of them,
/// and none is a word character, so `\b` at a word's end sees the same
/// thing whether the text goes on or not.
fn is_break(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// The index of the first ASCII digit of `bytes` at or after `from`.
fn next_digit(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    // sixteen bytes a step, as two words of eight, past the stretches
    // without a digit; the byte loop below finds the digit itself
    while let (Some(a), Some(b)) = (swar::load(bytes, i), swar::load(bytes, i + 8)) {
        if swar::ascii_digits(a) | swar::ascii_digits(b) != 0 {
            break;
        }
        i += 16;
    }
    bytes[i..]
        .iter()
        .position(u8::is_ascii_digit)
        .map(|k| i + k)
}

/// The byte ranges of the words of `text` holding an ASCII digit, in text
/// order, disjoint.
pub(crate) fn digit_words(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(d) = next_digit(bytes, pos) {
        let start = bytes[pos..d]
            .iter()
            .rposition(|&b| is_break(b))
            .map_or(pos, |k| pos + k + 1);
        let end = bytes[d..]
            .iter()
            .position(|&b| is_break(b))
            .map_or(bytes.len(), |k| d + k);
        out.push((start, end));
        pos = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_with_digits_are_found() {
        let cases: &[(&str, &str, &[&str])] = &[
            ("fr date", "Le 03/04/2025, il a dit.", &["03/04/2025,"]),
            ("en iso", "On 2025-04-03 they met", &["2025-04-03"]),
            ("no digit", "Nothing here at all, really.", &[]),
            (
                "several, lines",
                "a1\nb 22\tc3.4.5 d\r\n(7)",
                &["a1", "22", "c3.4.5", "(7)"],
            ),
            (
                "long run",
                "abcdefghijklmnopqrstuvwxyz9",
                &["abcdefghijklmnopqrstuvwxyz9"],
            ),
            (
                "non-ascii",
                "le 1er\u{a0}mai 2024",
                &["1er\u{a0}mai", "2024"],
            ),
        ];
        for (name, text, want) in cases {
            let got: Vec<&str> = digit_words(text)
                .iter()
                .map(|&(s, e)| &text[s..e])
                .collect();
            assert_eq!(&got, want, "{name}");
        }
    }

    #[test]
    fn every_digit_is_found() {
        // Bytes around '0' and '9' must not pass for digits, nor hide one.
        let text: String = (0u8..128)
            .map(char::from)
            .filter(|c| !c.is_ascii_whitespace())
            .collect();
        let found: Vec<usize> = std::iter::successors(next_digit(text.as_bytes(), 0), |&d| {
            next_digit(text.as_bytes(), d + 1)
        })
        .collect();
        let want: Vec<usize> = text
            .bytes()
            .enumerate()
            .filter(|(_, b)| b.is_ascii_digit())
            .map(|(i, _)| i)
            .collect();
        assert_eq!(found, want);
    }
    #[test]
    fn word_by_word_search_finds_what_a_whole_text_search_finds() {
        // The rule shapes of `numeric.tsv`, over random texts of digits,
        // separators, letters and spaces.
        let rules = [
            r"\b([0-9]{1,2})[/.]([0-9]{1,2})[/.]([0-9]{4}|[0-9]{2})\b",
            r"\b([0-9]{4})-([0-9]{2})-([0-9]{2})\b",
        ];
        let alphabet: Vec<char> = "0123456789/.-a \n\u{e9}".chars().collect();
        let mut rng = fastrand::Rng::with_seed(7);
        for rule in rules {
            let re = regex::Regex::new(rule).unwrap();
            for _ in 0..2000 {
                let n = rng.usize(0..40);
                let text: String = (0..n)
                    .map(|_| alphabet[rng.usize(..alphabet.len())])
                    .collect();
                let whole: Vec<(usize, usize)> =
                    re.find_iter(&text).map(|m| (m.start(), m.end())).collect();
                let mut words = Vec::new();
                for (start, end) in digit_words(&text) {
                    let mut at = start;
                    while let Some(m) = re.find_at(&text[..end], at) {
                        words.push((m.start(), m.end()));
                        at = m.end();
                    }
                }
                assert_eq!(words, whole, "{rule} on {text:?}");
            }
        }
    }
}
