//! The date forms of a language as a byte trie in one dense table, for
//! the anchored longest match tried at every word start of a text.
//!
//! This is what an anchored leftmost-longest, ASCII-case-insensitive
//! Aho-Corasick search answers (the test below checks it against one), at
//! a few instructions a byte and none to set up: the scan calls it at
//! hundreds of thousands of word starts per megabyte, where the general
//! search's per-call set-up cost more than the walk itself.

/// No form ends at this state.
const NO_FORM: u32 = u32::MAX;

/// Flag of the `next` entries leading to a state where a form ends.
const ENDS_FORM: u32 = 1 << 31;

/// A trie over ASCII-case-folded bytes.
pub(crate) struct Trie {
    /// Byte → column of `next`; 0 for bytes no form contains.
    column: [u8; 256],
    /// Columns per state.
    width: usize,
    /// `state + column` → next state, states being numbered by their
    /// offset in this table (`k * width` for the k-th; 0 is dead, `width`
    /// the root), and flagged with [`ENDS_FORM`] where a form ends.
    next: Vec<u32>,
    /// State number / `width` → index of the form ending there, or
    /// [`NO_FORM`].
    form: Vec<u32>,
}

impl Trie {
    /// Builds the trie of `forms`; a form equal to an earlier one (ASCII
    /// case ignored) is never reported.
    pub(crate) fn new<S: AsRef<str>>(forms: &[S]) -> Result<Trie, String> {
        let mut column = [0u8; 256];
        let mut width = 1;
        for b in forms.iter().flat_map(|f| f.as_ref().bytes()) {
            let lower = b.to_ascii_lowercase();
            if column[lower as usize] == 0 {
                column[lower as usize] = u8::try_from(width)
                    .map_err(|_| "the date forms use more than 255 distinct bytes".to_string())?;
                width += 1;
            }
        }
        for lower in b'a'..=b'z' {
            column[lower.to_ascii_uppercase() as usize] = column[lower as usize];
        }
        let mut trie = Trie {
            column,
            width,
            next: vec![0; 2 * width],
            form: vec![NO_FORM; 2],
        };
        for (k, f) in forms.iter().enumerate() {
            let mut s = width;
            let mut slot = None;
            for b in f.as_ref().bytes() {
                let at = s + column[b as usize] as usize;
                if trie.next[at] == 0 {
                    trie.next[at] = u32::try_from(trie.next.len())
                        .ok()
                        .filter(|n| n & ENDS_FORM == 0)
                        .ok_or_else(|| "too many date forms for one trie".to_string())?;
                    trie.form.push(NO_FORM);
                    trie.next.resize(trie.next.len() + width, 0);
                }
                s = (trie.next[at] & !ENDS_FORM) as usize;
                slot = Some(at);
            }
            if trie.form[s / width] == NO_FORM {
                trie.form[s / width] = k as u32;
            }
            if let Some(at) = slot {
                trie.next[at] |= ENDS_FORM;
            }
        }
        Ok(trie)
    }

    /// The longest form starting exactly at `pos` of `bytes`: its end and
    /// index.
    #[inline(always)]
    pub(crate) fn longest_at(&self, bytes: &[u8], pos: usize) -> Option<(usize, usize)> {
        let (next, column) = (self.next.as_slice(), &self.column);
        let mut s = self.width;
        let mut found = None;
        for (end, &b) in (pos + 1..).zip(&bytes[pos..]) {
            let t = next[s + column[b as usize] as usize];
            if t == 0 {
                break;
            }
            s = (t & !ENDS_FORM) as usize;
            if t & ENDS_FORM != 0 {
                found = Some((end, s));
            }
        }
        found.map(|(end, s)| (end, self.form[s / self.width] as usize))
    }
}

#[cfg(test)]
mod tests {
    use aho_corasick::{AhoCorasick, Anchored, Input, MatchKind, StartKind};

    use super::*;

    /// Compares the trie with an anchored Aho-Corasick search at every
    /// char boundary of `text`.
    fn check(forms: &[&str], text: &str) {
        let trie = Trie::new(forms).unwrap();
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .start_kind(StartKind::Anchored)
            .build(forms)
            .unwrap();
        for pos in (0..text.len()).filter(|&p| text.is_char_boundary(p)) {
            let input = Input::new(text).range(pos..).anchored(Anchored::Yes);
            let want = ac.find(input).map(|m| (m.end(), m.pattern().as_usize()));
            let got = trie.longest_at(text.as_bytes(), pos);
            assert_eq!(got, want, "at {pos} of {text:?}");
        }
    }

    #[test]
    fn longest_form_as_aho_corasick_finds_it() {
        let forms = [
            "le",
            "les",
            "l'",
            "l’",
            "au",
            "au cours de",
            "mai",
            "MAI",
            "mars",
            "janv.",
            "été",
            "Été",
            "a",
            "il y a",
            "1er",
        ];
        check(
            &forms,
            "Le 3 mai, AU COURS DE l'été, il y a eu les MARS janv. 1er Été ll’ lesa aux",
        );
        check(&forms, "");
        check(&forms, "au cours d");
    }

    #[test]
    fn shipped_forms_match_as_aho_corasick_finds_them() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("pipelines/lexicons");
        for lang in ["fr", "en"] {
            let dir = root.join(lang).join("dates");
            let paths: Vec<_> = super::super::LangFiles::standard(lang)
                .words
                .iter()
                .map(|f| root.join(f.trim_start_matches("lexicons/")))
                .collect();
            let words = super::super::lexicon::Words::load(&paths).unwrap();
            let forms: Vec<&str> = words.forms.iter().map(String::as_str).collect();
            let mut text = forms.join(" ");
            text.push(' ');
            text.push_str(&forms.join("x").to_uppercase());
            for name in ["patterns.tsv", "tense.tsv"] {
                text.push_str(&std::fs::read_to_string(dir.join(name)).unwrap());
            }
            let seeds = root.join("../../seeds");
            for entry in std::fs::read_dir(seeds).unwrap() {
                text.push_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap());
            }
            check(&forms, &text);
        }
    }
}
