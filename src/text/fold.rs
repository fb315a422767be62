//! Folding keys for comparison: case, accents, apostrophe and dash variants,
//! whitespace. Used to match names across spellings and to score against gold.

/// Folds text to a comparison key: lowercase ASCII transliteration, with
/// apostrophes, quotation marks and dashes unified and whitespace folded.
///
/// `Sergueï` and `sergueï` and `SERGUEI` all fold to `serguei`;
/// `l’AES` and `l'AES` fold to `l'aes`.
pub fn fold(text: &str) -> String {
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
}
