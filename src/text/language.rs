//! Language detection: `fr`, `en`, or another ISO 639 code (kept as given by
//! the detector) when the text is in neither.
//!
//! whatlang's trigram model does the work; its ISO 639-3 codes are mapped to
//! ISO 639-1 where one exists. Input metadata (`lang`) always wins.

use whatlang::Lang;

/// Detects the language of `text` from its first few thousand bytes.
/// Returns `und` when nothing can be said (no letters).
pub fn detect(text: &str) -> String {
    let mut end = text.len().min(4000);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    match whatlang::detect_lang(&text[..end]) {
        Some(lang) => iso_639_1(lang)
            .map(str::to_string)
            .unwrap_or_else(|| lang.code().to_string()),
        None => "und".to_string(),
    }
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
    fn metadata_codes_are_normalised() {
        assert_eq!(normalise_code("fr-FR"), "fr");
        assert_eq!(normalise_code("ENG"), "en");
        assert_eq!(normalise_code("deu"), "de");
    }
}
