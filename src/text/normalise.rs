//! Text normalisation: Unicode NFC, one kind of line break, spaces folded.
//!
//! Typographic apostrophes and quotation marks are kept (they are evidence);
//! only invisible differences are removed: no-break and thin spaces become
//! plain spaces, control characters and zero-width marks are dropped, runs
//! of spaces are folded, and lines are trimmed.

use unicode_normalization::UnicodeNormalization;

/// Normalises decoded text; the result is what every offset indexes into.
pub fn normalise(text: &str) -> String {
    let nfc: String = text.replace("\r\n", "\n").nfc().collect();
    let mut out = String::with_capacity(nfc.len());
    for line in nfc.split(['\n', '\r', '\u{2028}', '\u{2029}', '\u{85}']) {
        let mut pending_space = false;
        let mut line_out = String::with_capacity(line.len());
        for c in line.chars() {
            match c {
                ' '
                | '\t'
                | '\u{a0}'
                | '\u{202f}'
                | '\u{2009}'
                | '\u{2007}'
                | '\u{2002}'..='\u{2006}'
                | '\u{2008}'
                | '\u{200a}'
                | '\u{205f}'
                | '\u{3000}'
                | '\u{b}'
                | '\u{c}' => pending_space = true,
                '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}' => {}
                c if c.is_control() => {}
                c => {
                    if pending_space && !line_out.is_empty() {
                        line_out.push(' ');
                    }
                    pending_space = false;
                    line_out.push(c);
                }
            }
        }
        out.push_str(&line_out);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn composes_and_folds_spaces() {
        // "e" + combining acute → "é"; NBSP before ':' → space
        let s = normalise("  De\u{301}fense\u{a0}: \t oui  \r\nsuite");
        assert_eq!(s, "Défense : oui\nsuite\n");
    }

    #[test]
    fn drops_invisible_characters_keeps_quotes() {
        let s = normalise("l\u{2019}AES\u{200b} « forte »\u{0}");
        assert_eq!(s, "l\u{2019}AES « forte »\n");
    }
}
