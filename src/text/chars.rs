//! Character classes with shortcuts for the characters news text is mostly
//! made of: ASCII, accented Latin letters and typographic punctuation, for
//! which the standard library's Unicode tables are a slow lookup.

/// `char::is_alphanumeric`, fast for ASCII, Latin letters (U+00C0–U+024F
/// but `×` and `÷`), guillemets and the General Punctuation block (’ “ ” –
/// …), which make up nearly every character of an article.
pub(crate) fn is_alnum(c: char) -> bool {
    match c {
        '\0'..='\x7f' => c.is_ascii_alphanumeric(),
        '\u{c0}'..='\u{24f}' => c != '×' && c != '÷',
        '\u{ab}' | '\u{bb}' | '\u{2000}'..='\u{206f}' => false,
        _ => c.is_alphanumeric(),
    }
}

/// `char::is_alphabetic`, fast for ASCII, Latin letters and punctuation.
pub(crate) fn is_alpha(c: char) -> bool {
    match c {
        '\0'..='\x7f' => c.is_ascii_alphabetic(),
        '\u{c0}'..='\u{24f}' => c != '×' && c != '÷',
        '\u{ab}' | '\u{bb}' | '\u{2000}'..='\u{206f}' => false,
        _ => c.is_alphabetic(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortcuts_agree_with_the_standard_library_on_every_char() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            assert_eq!(is_alnum(c), c.is_alphanumeric(), "is_alnum({c:?})");
            assert_eq!(is_alpha(c), c.is_alphabetic(), "is_alpha({c:?})");
        }
    }
}
