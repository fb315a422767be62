//! Counts behind every score, and the precision / recall / F1 they give.
//! Counts add up across articles (micro averages); a ratio with a zero
//! denominator is `None` (shown as `-`), never a made-up 0 or 1.

use serde::ser::{Serialize, SerializeStruct, Serializer};

/// Detection counts of one record type.
///
/// Gold-side and extraction-side matches are kept apart because actor
/// matching is not one-to-one (two extracted actors may find one gold actor).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Gold records.
    pub gold: u64,
    /// Gold records found by some extraction (recall's numerator).
    pub found: u64,
    /// Extracted records scored (ignored ones excluded).
    pub extracted: u64,
    /// Extracted records that match gold (precision's numerator).
    pub correct: u64,
}

fn ratio(num: u64, den: u64) -> Option<f64> {
    (den > 0).then(|| num as f64 / den as f64)
}

impl Counts {
    /// Counts of a one-to-one matching: `matched` pairs among `gold` and
    /// `extracted` records.
    pub fn one_to_one(gold: usize, extracted: usize, matched: usize) -> Self {
        Counts {
            gold: gold as u64,
            found: matched as u64,
            extracted: extracted as u64,
            correct: matched as u64,
        }
    }

    /// Adds another article's counts.
    pub fn add(&mut self, o: &Counts) {
        self.gold += o.gold;
        self.found += o.found;
        self.extracted += o.extracted;
        self.correct += o.correct;
    }

    /// Share of extracted records that match gold.
    pub fn precision(&self) -> Option<f64> {
        ratio(self.correct, self.extracted)
    }

    /// Share of gold records found.
    pub fn recall(&self) -> Option<f64> {
        ratio(self.found, self.gold)
    }

    /// Harmonic mean of precision and recall; an undefined side counts as 0
    /// (nothing extracted, or nothing to find); `None` when both are undefined.
    pub fn f1(&self) -> Option<f64> {
        if self.gold == 0 && self.extracted == 0 {
            return None;
        }
        let (p, r) = (
            self.precision().unwrap_or(0.0),
            self.recall().unwrap_or(0.0),
        );
        Some(if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        })
    }
}

impl Serialize for Counts {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Counts", 7)?;
        st.serialize_field("gold", &self.gold)?;
        st.serialize_field("found", &self.found)?;
        st.serialize_field("extracted", &self.extracted)?;
        st.serialize_field("correct", &self.correct)?;
        st.serialize_field("precision", &self.precision())?;
        st.serialize_field("recall", &self.recall())?;
        st.serialize_field("f1", &self.f1())?;
        st.end()
    }
}

/// An accuracy: `correct` out of `total` cases.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Ratio {
    /// Cases judged right.
    pub correct: u64,
    /// Cases judged.
    pub total: u64,
}

impl Ratio {
    /// Counts one case.
    pub fn push(&mut self, right: bool) {
        self.total += 1;
        self.correct += u64::from(right);
    }

    /// Adds another article's cases.
    pub fn add(&mut self, o: &Ratio) {
        self.correct += o.correct;
        self.total += o.total;
    }

    /// `correct / total`, `None` when nothing was judged.
    pub fn value(&self) -> Option<f64> {
        ratio(self.correct, self.total)
    }
}

impl Serialize for Ratio {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Ratio", 3)?;
        st.serialize_field("correct", &self.correct)?;
        st.serialize_field("total", &self.total)?;
        st.serialize_field("value", &self.value())?;
        st.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_follow_the_counts() {
        // (name, counts, precision, recall, f1)
        type Case = (&'static str, Counts, Option<f64>, Option<f64>, Option<f64>);
        let cases: &[Case] = &[
            (
                "perfect",
                Counts::one_to_one(4, 4, 4),
                Some(1.0),
                Some(1.0),
                Some(1.0),
            ),
            (
                "half",
                Counts::one_to_one(4, 2, 2),
                Some(1.0),
                Some(0.5),
                Some(2.0 / 3.0),
            ),
            (
                "silent",
                Counts::one_to_one(3, 0, 0),
                None,
                Some(0.0),
                Some(0.0),
            ),
            (
                "nothing to find",
                Counts::one_to_one(0, 2, 0),
                Some(0.0),
                None,
                Some(0.0),
            ),
            ("empty", Counts::default(), None, None, None),
        ];
        for (name, c, p, r, f) in cases {
            assert_eq!((c.precision(), c.recall(), c.f1()), (*p, *r, *f), "{name}");
        }
        let mut total = Counts::one_to_one(2, 1, 1);
        total.add(&Counts::one_to_one(2, 3, 1));
        assert_eq!(total, Counts::one_to_one(4, 4, 2));
        let mut r = Ratio::default();
        assert_eq!(r.value(), None);
        r.push(true);
        r.push(false);
        assert_eq!(r.value(), Some(0.5));
    }
}
