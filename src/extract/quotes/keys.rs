//! Lookup keys built on the stack.
//!
//! The rules look words and phrases up in the lexicon thousands of times per
//! article (every word before a cue may be a pronoun, a function word or the
//! end of a speaker noun). Building each key as a `String` made allocation
//! the main cost of the stage, so keys are written into a fixed buffer
//! instead; a key too long for it falls back to the allocating functions,
//! so the result is always the same as [`key`](super::lexicon::key) and
//! [`fold`] give.

use crate::text::fold::fold;

use super::lexicon::key;

/// Bytes a stack key holds; longer keys are built on the heap.
const CAP: usize = 96;

/// A short string built in place. Only whole UTF-8 characters are pushed,
/// so its bytes are always valid UTF-8.
pub(crate) struct KeyBuf {
    bytes: [u8; CAP],
    len: usize,
}

impl KeyBuf {
    /// An empty key.
    pub fn new() -> Self {
        KeyBuf {
            bytes: [0; CAP],
            len: 0,
        }
    }

    /// True when nothing was pushed.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Appends `s`; false (and nothing appended) when it does not fit.
    pub fn push_str(&mut self, s: &str) -> bool {
        let end = self.len + s.len();
        if end > CAP {
            return false;
        }
        self.bytes[self.len..end].copy_from_slice(s.as_bytes());
        self.len = end;
        true
    }

    /// Appends one character; false when it does not fit.
    fn push_char(&mut self, c: char) -> bool {
        self.push_str(c.encode_utf8(&mut [0; 4]))
    }

    /// The key.
    pub fn as_str(&self) -> &str {
        // only `&str` and whole chars are ever appended
        std::str::from_utf8(&self.bytes[..self.len]).unwrap_or("")
    }

    /// Appends the [`fold`] of `word`, a token without whitespace; false
    /// when it does not fit. For such a token `fold` maps each character on
    /// its own, so folded tokens concatenate like the folded text.
    pub fn push_folded(&mut self, word: &str) -> bool {
        let b = word.as_bytes();
        // ASCII letters, digits, `-` and `'` fold to their lowercase
        if b.iter()
            .all(|&c| c.is_ascii_alphanumeric() || c == b'-' || c == b'\'')
        {
            let end = self.len + b.len();
            if end > CAP {
                return false;
            }
            self.bytes[self.len..end].copy_from_slice(b);
            self.bytes[self.len..end].make_ascii_lowercase();
            self.len = end;
            return true;
        }
        self.push_str(&fold(word))
    }
}

/// Calls `f` with the lookup [`key`] of `word`, built on the stack when short.
pub(crate) fn with_key<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    // most words are lowercase ASCII: their own key
    if word
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        return f(word);
    }
    let mut k = KeyBuf::new();
    let fits = if word.is_ascii() {
        let fits = k.push_str(word);
        k.bytes[..k.len].make_ascii_lowercase();
        fits
    } else {
        word.chars()
            .flat_map(char::to_lowercase)
            .map(|c| if c == '\u{2019}' { '\'' } else { c })
            .all(|c| k.push_char(c))
    };
    if fits { f(k.as_str()) } else { f(&key(word)) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stack_keys_equal_heap_keys() {
        let long = "x".repeat(CAP + 1);
        let words = [
            "Déclaré",
            "A-T-IL",
            "aujourd’hui",
            "L'",
            "İstanbul",
            "ǅemal",
            "Straße",
            "ŒUVRE",
            "2024",
            long.as_str(),
            "",
        ];
        for w in words {
            assert_eq!(with_key(w, str::to_string), key(w), "key of {w:?}");
            let mut k = KeyBuf::new();
            if k.push_folded(w) {
                assert_eq!(k.as_str(), fold(w), "fold of {w:?}");
            } else {
                assert!(fold(w).len() > CAP, "{w:?} fits");
            }
        }
    }
}
