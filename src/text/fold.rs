//! Folding keys for comparison: case, accents, apostrophe and dash variants,
//! whitespace. Used to match names across spellings and to score against gold.
//!
//! Every stage folds text, so ASCII (most bytes) takes a byte path that never
//! decodes a character; only non-ASCII characters go through the mapping and
//! transliteration below.

/// Folds text to a comparison key: lowercase ASCII transliteration, with
/// apostrophes, quotation marks and dashes unified and whitespace folded.
///
/// `Sergueï` and `sergueï` and `SERGUEI` all fold to `serguei`;
/// `l’AES` and `l'AES` fold to `l'aes`.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_bytes(text, |b| {
        out.push(char::from(b));
        true
    });
    out
}

/// Hands the bytes of [`fold`]`(text)` (all ASCII) to `emit` one at a
/// time, left to right, until `emit` returns false: for callers that need
/// only a prefix of the key or write it elsewhere than a `String`.
#[inline]
pub fn fold_bytes(text: &str, mut emit: impl FnMut(u8) -> bool) {
    let mut space = false;
    let mut started = false;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() {
            i += 1;
            // ASCII whitespace as `char::is_whitespace` sees it (with U+000B)
            if matches!(b, b'\t'..=b'\r' | b' ') {
                space = true;
                continue;
            }
            if space && started && !emit(b' ') {
                return;
            }
            space = false;
            started = true;
            if !emit(if b == b'`' {
                b'\''
            } else {
                b.to_ascii_lowercase()
            }) {
                return;
            }
            continue;
        }
        let c = text[i..].chars().next().unwrap_or_default();
        i += c.len_utf8();
        let Some(mapped) = fold_non_ascii(c) else {
            space = true;
            continue;
        };
        if space && started && !emit(b' ') {
            return;
        }
        space = false;
        for &d in mapped.as_bytes() {
            started = true;
            if !emit(d.to_ascii_lowercase()) {
                return;
            }
        }
    }
}

/// What [`fold`] writes for the non-ASCII character `c` (ASCII, to be
/// lowercased), or `None` for whitespace, which only separates words.
#[inline]
pub fn fold_non_ascii(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{2019}' | '\u{2018}' | '\u{02bc}' | '\u{b4}' => "'",
        '\u{2010}'..='\u{2015}' | '\u{2212}' => "-",
        '«' | '»' | '“' | '”' | '„' | '‹' | '›' => "\"",
        c if c.is_whitespace() => return None,
        c => deunicode::deunicode_char(c).unwrap_or(""),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_and_apostrophes() {
        assert_eq!(fold("Sergueï  Lavrov"), "serguei lavrov");
        assert_eq!(fold("l’Alliance des États"), "l'alliance des etats");
        assert_eq!(fold("Bek–Evkourov"), "bek-evkourov");
        assert_eq!(fold("« allié »"), "\" allie \"");
    }

    /// The definition the byte path must reproduce exactly.
    fn reference(text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut space = false;
        for c in text.chars() {
            let mapped: &str = match c {
                '\u{2019}' | '\u{2018}' | '\u{02bc}' | '`' | '\u{b4}' => "'",
                '\u{2010}'..='\u{2015}' | '\u{2212}' => "-",
                '«' | '»' | '“' | '”' | '„' | '‹' | '›' => "\"",
                c if c.is_whitespace() => {
                    space = true;
                    continue;
                }
                _ => "",
            };
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            if !mapped.is_empty() {
                out.push_str(mapped);
            } else if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else {
                for d in deunicode::deunicode_char(c).unwrap_or("").chars() {
                    out.push(d.to_ascii_lowercase());
                }
            }
        }
        out
    }

    #[test]
    fn matches_the_reference_definition() {
        let cases = [
            ("empty", ""),
            ("ascii", "  The U.S. Army\tsaid `so`.\r\n"),
            ("controls", "a\u{b}b\u{c}c\u{1c}d\u{0}e\u{85}f"),
            ("accents_fr", "Sergueï  ÉLYSÉE  Œuvre ça"),
            ("spaces", "«\u{202f}oui\u{202f}»\u{a0}: \u{3000}non\u{1680}"),
            ("scripts", "Москва 東京 القاهرة Ελλάδα"),
            ("marks", "e\u{301} \u{2212}3 \u{2015} ‹a›"),
        ];
        for (name, text) in cases {
            assert_eq!(fold(text), reference(text), "case {name}: {text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_matches_the_reference(
            text in "[a-zA-Z0-9 .`'\\t\\r\\n\\u{0}\\u{b}\\u{1c}\\u{85}\\u{a0}\\u{b4}\\u{301}\\u{2019}\\u{2013}\\u{2212}«»éÉçœßİДж東\\u{1680}\\u{3000}]{0,40}"
        ) {
            proptest::prop_assert_eq!(fold(&text), reference(&text));
        }
    }
}
