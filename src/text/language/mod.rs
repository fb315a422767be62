//! Language detection: `fr`, `en`, or another ISO 639 code (kept as given by
//! the detector) when the text is in neither.
//!
//! whatlang's trigram model does the work; its ISO 639-3 codes are mapped to
//! ISO 639-1 where one exists. Input metadata (`lang`) always wins.
//!
//! whatlang costs several hundred thousand instructions per article, so
//! [`detect_with`] first asks the configured languages' function words
//! ([`votes`]) and runs whatlang only when their vote is not decisive. The
//! vote must never contradict whatlang: after changing the word lists or the
//! thresholds, compare [`detect_with`] with [`detect`] on whole corpora.
//! whatlang reads a short sample first and the longer one only when the
//! short one is not conclusive (whatlang's own reliability test).

pub mod votes;

use whatlang::{Info, Lang};

pub use votes::FunctionWords;

/// Bytes read first: some eighty words of running text.
const SHORT_SAMPLE: usize = 512;
/// Bytes read when the short sample is not reliable.
const LONG_SAMPLE: usize = 4000;

/// [`detect`], unless the function words of the first few hundred bytes
/// vote clearly for one of their languages.
///
/// Texts no longer than that sample are left to whatlang: on so little text
/// its first answer is final even when it is not reliable, and it sometimes
/// names a neighbouring language (Catalan for a short French text) that the
/// vote would not.
pub fn detect_with(votes: &FunctionWords, text: &str) -> String {
    let vote = (text.len() > SHORT_SAMPLE)
        .then(|| votes.vote(prefix(text, SHORT_SAMPLE)))
        .flatten();
    match vote {
        Some(lang) => lang.to_string(),
        None => detect(text),
    }
}

/// Detects the language of `text` with whatlang, from its first few hundred
/// bytes, or its first few thousand when those are not conclusive. Returns
/// `und` when nothing can be said (no letters).
pub fn detect(text: &str) -> String {
    let short = prefix(text, SHORT_SAMPLE);
    let info = match whatlang::detect(short) {
        Some(info) if info.is_reliable() => Some(info),
        whole if short.len() == text.len() => whole,
        _ => whatlang::detect(prefix(text, LONG_SAMPLE)),
    };
    match info.as_ref().map(Info::lang) {
        Some(lang) => iso_639_1(lang)
            .map(str::to_string)
            .unwrap_or_else(|| lang.code().to_string()),
        None => "und".to_string(),
    }
}

/// The longest prefix of `text` of at most `max` bytes ending on a char
/// boundary.
fn prefix(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Normalises a language code given by metadata (`fr-FR`, `FRA`, `French`) to
/// ISO 639-1 where possible.
pub fn normalise_code(code: &str) -> String {
    let c = code.trim().to_ascii_lowercase();
    let base = c.split(['-', '_']).next().unwrap_or("");
    match base {
        "fra" | "fre" | "french" | "français" | "francais" => "fr".into(),
        "eng" | "english" | "anglais" => "en".into(),
        _ => match Lang::from_code(base) {
            Some(l) => iso_639_1(l)
                .map(str::to_string)
                .unwrap_or_else(|| base.to_string()),
            None => base.to_string(),
        },
    }
}

fn iso_639_1(lang: Lang) -> Option<&'static str> {
    Some(match lang {
        Lang::Fra => "fr",
        Lang::Eng => "en",
        Lang::Deu => "de",
        Lang::Spa => "es",
        Lang::Por => "pt",
        Lang::Ita => "it",
        Lang::Nld => "nl",
        Lang::Rus => "ru",
        Lang::Ukr => "uk",
        Lang::Ara => "ar",
        Lang::Cmn => "zh",
        Lang::Jpn => "ja",
        Lang::Kor => "ko",
        Lang::Tur => "tr",
        Lang::Pol => "pl",
        Lang::Swe => "sv",
        Lang::Dan => "da",
        Lang::Fin => "fi",
        Lang::Ell => "el",
        Lang::Heb => "he",
        Lang::Hin => "hi",
        Lang::Pes => "fa",
        Lang::Ron => "ro",
        Lang::Ces => "cs",
        Lang::Hun => "hu",
        Lang::Vie => "vi",
        Lang::Ind => "id",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_french_english_and_others() {
        assert_eq!(
            detect(
                "La Russie compte poursuivre son aide aux pays de l'Alliance des États du Sahel."
            ),
            "fr"
        );
        assert_eq!(
            detect(
                "Russia will keep helping the countries of the Alliance of Sahel States, the ambassador said."
            ),
            "en"
        );
        assert_eq!(
            detect(
                "Russland wird den Ländern der Allianz weiterhin helfen, sagte der Botschafter gestern."
            ),
            "de"
        );
        assert_eq!(detect("1234 5678"), "und");
    }

    #[test]
    fn long_texts_are_detected_from_a_sample() {
        let fr = "Le gouvernement a annoncé jeudi de nouvelles mesures pour soutenir les agriculteurs touchés par la sécheresse, a indiqué le ministre lors d'une conférence de presse à Paris. ";
        let en = "The government announced new measures on Thursday to support farmers hit by the drought, the minister told a news conference in London on Thursday afternoon. ";
        assert_eq!(detect(&fr.repeat(30)), "fr");
        assert_eq!(detect(&en.repeat(30)), "en");
        // a start of names and figures (inconclusive on its own) does not mislead
        let start = "Macron, Merkel, Biden, Xi, Modi, Lula. 2024-05-01 12:00 UTC. ";
        assert_eq!(
            detect(&format!("{}{}", start.repeat(6), fr.repeat(10))),
            "fr"
        );
        assert_eq!(
            detect(&format!("{}{}", start.repeat(6), en.repeat(10))),
            "en"
        );
    }

    #[test]
    fn short_texts_are_left_to_whatlang() {
        let mut fw = FunctionWords::default();
        for w in ["les", "des", "dans", "avec", "pour", "une", "sur", "par"] {
            fw.add("fr", w).unwrap();
        }
        let short = "Les ministres des pays voisins ont discuté avec les chefs \
                     des armées une heure dans la capitale pour une trêve sur le front.";
        assert!(fw.vote(short).is_some());
        assert_eq!(detect_with(&fw, short), detect(short));
        let long = short.repeat(8);
        assert_eq!(detect_with(&fw, &long), "fr");
    }

    #[test]
    fn metadata_codes_are_normalised() {
        assert_eq!(normalise_code("fr-FR"), "fr");
        assert_eq!(normalise_code("ENG"), "en");
        assert_eq!(normalise_code("deu"), "de");
    }
}
