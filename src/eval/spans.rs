//! Finding gold text in an article and comparing spans, all in code points
//! (the tables' offsets) over folded text (case, accents, apostrophes,
//! quotation marks and whitespace do not count).
//!
//! Gold files give texts, not offsets: [`Folded::find_all`] locates every
//! occurrence of a gold text in `articles.text`, so extracted offsets can be
//! compared with it. Words are runs of letters and digits of the folded text.

use crate::text::fold::fold;

/// A half-open range of code points `[start, end)` into an article's text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct CharRange {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
}

impl CharRange {
    /// Builds a range (an inverted one becomes empty).
    pub fn new(start: usize, end: usize) -> Self {
        CharRange {
            start,
            end: end.max(start),
        }
    }

    /// Code points shared with `o`.
    pub fn overlap(&self, o: &CharRange) -> usize {
        self.end.min(o.end).saturating_sub(self.start.max(o.start))
    }

    /// Overlap over union: 1 for the same span, 0 for disjoint spans.
    pub fn jaccard(&self, o: &CharRange) -> f64 {
        let inter = self.overlap(o);
        let union = (self.end - self.start) + (o.end - o.start) - inter;
        if union == 0 {
            0.0
        } else {
            inter as f64 / union as f64
        }
    }
}

/// An article's text folded for comparison, with the way back to code points.
#[derive(Debug, Clone)]
pub struct Folded {
    folded: String,
    /// For each byte of `folded`, the code point of the text it comes from.
    origin: Vec<usize>,
    /// Words of the text as code-point ranges, in order.
    words: Vec<CharRange>,
}

impl Folded {
    /// Folds `text` character by character, keeping each folded byte's origin.
    pub fn new(text: &str) -> Self {
        let mut folded = String::with_capacity(text.len());
        let mut origin = Vec::with_capacity(text.len());
        let mut space: Option<usize> = None;
        let mut buf = [0u8; 4];
        for (ci, c) in text.chars().enumerate() {
            if c.is_whitespace() {
                space.get_or_insert(ci);
                continue;
            }
            let f = fold(c.encode_utf8(&mut buf));
            if f.is_empty() {
                continue;
            }
            if let Some(s) = space.take()
                && !folded.is_empty()
            {
                folded.push(' ');
                origin.push(s);
            }
            folded.push_str(&f);
            origin.extend(std::iter::repeat_n(ci, f.len()));
        }
        let mut words = Vec::new();
        let bytes = folded.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i].is_ascii_alphanumeric() {
                let s = i;
                while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                    i += 1;
                }
                words.push(CharRange::new(origin[s], origin[i - 1] + 1));
            } else {
                i += 1;
            }
        }
        Folded {
            folded,
            origin,
            words,
        }
    }

    /// Every occurrence of `needle` (compared folded, not starting or ending
    /// inside a word), as code-point ranges of the original text.
    pub fn find_all(&self, needle: &str) -> Vec<CharRange> {
        let key = fold(needle);
        let key = key.trim();
        if key.is_empty() {
            return Vec::new();
        }
        let bytes = self.folded.as_bytes();
        let alnum = |b: Option<&u8>| b.is_some_and(u8::is_ascii_alphanumeric);
        let (first, last) = (key.as_bytes()[0], key.as_bytes()[key.len() - 1]);
        let mut out = Vec::new();
        let mut from = 0;
        while let Some(i) = self.folded[from..].find(key) {
            let (s, e) = (from + i, from + i + key.len());
            let cut_before = first.is_ascii_alphanumeric() && s > 0 && alnum(bytes.get(s - 1));
            let cut_after = last.is_ascii_alphanumeric() && alnum(bytes.get(e));
            if !cut_before && !cut_after {
                out.push(CharRange::new(self.origin[s], self.origin[e - 1] + 1));
            }
            from = s + 1;
        }
        out
    }

    /// Number of words that share at least one code point with `r`.
    pub fn words_in(&self, r: &CharRange) -> usize {
        if r.start >= r.end {
            return 0;
        }
        let first = self.words.partition_point(|w| w.end <= r.start);
        let last = self.words.partition_point(|w| w.start < r.end);
        last.saturating_sub(first)
    }

    /// Words two spans share, and the word count of the shorter one.
    pub fn word_overlap(&self, a: &CharRange, b: &CharRange) -> (usize, usize) {
        let inter = CharRange::new(a.start.max(b.start), a.end.min(b.end));
        (
            self.words_in(&inter),
            self.words_in(a).min(self.words_in(b)),
        )
    }
}

/// The folded words of a text.
pub fn words(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Words two texts share in order (longest common subsequence), and the word
/// count of the shorter one: the overlap measure used when a gold text cannot
/// be found in the article.
pub fn text_word_overlap(a: &str, b: &str) -> (usize, usize) {
    let (a, b) = (words(a), words(b));
    let mut row = vec![0usize; b.len() + 1];
    for wa in &a {
        let mut diag = 0;
        for (j, wb) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = if wa == wb { diag + 1 } else { up.max(row[j]) };
            diag = up;
        }
    }
    (row[b.len()], a.len().min(b.len()))
}

/// The overlap rule of quotes: the spans share at least half of the shorter
/// span's words.
pub fn half_of_shorter((shared, shorter): (usize, usize)) -> bool {
    shorter > 0 && 2 * shared >= shorter
}

/// One-to-one greedy matching: candidate pairs `(score, gold, extracted)` are
/// taken best score first, each record at most once. Among equal scores the
/// pair whose records have the fewest other candidates goes first (so a
/// repeated expression does not take the only partner of another), then gold
/// order, then extraction order. Returns `matched[gold] = Some(extracted)`.
pub fn greedy(
    n_gold: usize,
    n_extracted: usize,
    pairs: Vec<(f64, usize, usize)>,
) -> Vec<Option<usize>> {
    let (mut deg_g, mut deg_e) = (vec![0usize; n_gold], vec![0usize; n_extracted]);
    for (_, g, e) in &pairs {
        deg_g[*g] += 1;
        deg_e[*e] += 1;
    }
    let mut pairs: Vec<_> = pairs
        .into_iter()
        .map(|(s, g, e)| (s, deg_g[g] + deg_e[e], g, e))
        .collect();
    pairs.sort_by(|x, y| {
        y.0.total_cmp(&x.0)
            .then(x.1.cmp(&y.1))
            .then(x.2.cmp(&y.2))
            .then(x.3.cmp(&y.3))
    });
    let mut gold = vec![None; n_gold];
    let mut taken = vec![false; n_extracted];
    for (_, _, g, e) in pairs {
        if gold[g].is_none() && !taken[e] {
            gold[g] = Some(e);
            taken[e] = true;
        }
    }
    gold
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slice(text: &str, r: CharRange) -> String {
        text.chars().skip(r.start).take(r.end - r.start).collect()
    }

    #[test]
    fn finds_every_folded_occurrence_at_word_boundaries() {
        // (name, text, needle, expected slices)
        let cases: &[(&str, &str, &str, &[&str])] = &[
            (
                "accents and case",
                "Sergueï LAVROV et Lavrov",
                "lavrov",
                &["LAVROV", "Lavrov"],
            ),
            (
                "apostrophes",
                "l’Alliance et l'Alliance",
                "l'alliance",
                &["l’Alliance", "l'Alliance"],
            ),
            (
                "whitespace",
                "le  10\nnovembre",
                "le 10 novembre",
                &["le  10\nnovembre"],
            ),
            (
                "quotation marks",
                "“forte délégation”",
                "\"forte délégation\"",
                &["“forte délégation”"],
            ),
            ("not inside a word", "Malien, Mali.", "Mali", &["Mali"]),
            ("english", "On Monday, Moscow said", "monday", &["Monday"]),
            ("absent", "Niamey", "Bamako", &[]),
            ("empty needle", "Niamey", "  ", &[]),
        ];
        for (name, text, needle, expected) in cases {
            let f = Folded::new(text);
            let got: Vec<String> = f
                .find_all(needle)
                .into_iter()
                .map(|r| slice(text, r))
                .collect();
            assert_eq!(got, *expected, "case {name}: {text:?} / {needle:?}");
        }
    }

    #[test]
    fn counts_shared_words() {
        let text = "Nous continuerons à apporter le soutien nécessaire.";
        let f = Folded::new(text);
        let whole = f.find_all(text)[0];
        let part = f.find_all("apporter le soutien")[0];
        assert_eq!(f.words_in(&whole), 7);
        assert_eq!(f.word_overlap(&whole, &part), (3, 3));
        // a span cutting a word still counts it
        assert_eq!(f.words_in(&CharRange::new(2, 3)), 1);
        assert!(half_of_shorter((3, 3)));
        assert!(half_of_shorter((2, 4)));
        assert!(!half_of_shorter((1, 3)));
        assert!(!half_of_shorter((0, 0)));
        assert_eq!(
            text_word_overlap("le soutien de Moscou", "Le soutien nécessaire"),
            (2, 3)
        );
    }

    #[test]
    fn greedy_takes_best_pairs_once() {
        let m = greedy(2, 2, vec![(0.5, 0, 0), (0.9, 1, 0), (0.4, 0, 1)]);
        assert_eq!(m, vec![Some(1), Some(0)]);
        // equal scores: the pair with fewer alternatives first
        let m = greedy(2, 2, vec![(1.0, 0, 0), (1.0, 0, 1), (1.0, 1, 0)]);
        assert_eq!(m, vec![Some(1), Some(0)]);
        assert_eq!(greedy(1, 0, vec![]), vec![None]);
    }
}
