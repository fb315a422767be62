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

use crate::document::Span;

/// A sentence splitter built from abbreviation lists.
#[derive(Debug, Clone, Default)]
pub struct SentenceSplitter {
    abbreviations: HashSet<String>,
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
            .collect();
        SentenceSplitter { abbreviations }
    }

    fn is_abbreviation(&self, word: &str) -> bool {
        let w = word.trim_start_matches(OPENERS);
        if self.abbreviations.contains(w) {
            return true;
        }
        let mut chars = w.chars();
        // a single capital letter is an initial (`J. Smith`)
        matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
    }

    /// Splits `text[para]` into sentence spans (byte offsets into `text`).
    pub fn split(&self, text: &str, para: Span) -> Vec<Span> {
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
                .rfind(char::is_whitespace)
                .map(|w| w + 1)
                .unwrap_or(0);
            let word = &p[word_start..pos];
            let abbreviation = is_period && self.is_abbreviation(word);
            if saw_space && starts_sentence && !abbreviation {
                push_trimmed(&mut out, p, para.start, start, end);
                start = chars[k].0;
            }
            i = k;
        }
        push_trimmed(&mut out, p, para.start, start, p.len());
        out
    }
}

fn push_trimmed(out: &mut Vec<Span>, p: &str, offset: usize, start: usize, end: usize) {
    let s = &p[start..end];
    let lead = s.len() - s.trim_start().len();
    let trimmed = s.trim();
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

    #[test]
    fn offsets_are_into_the_whole_text() {
        let text = "xx\nUn. Deux.";
        let s = SentenceSplitter::new(Vec::<String>::new());
        let spans = s.split(text, Span::new(3, text.len()));
        assert_eq!(spans, vec![Span::new(3, 6), Span::new(7, 12)]);
    }
}
