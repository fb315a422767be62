//! A cheap first opinion on the language of a text: the share of its first
//! words that are function words of one configured language.
//!
//! whatlang compares a text's trigrams with some forty language profiles,
//! several hundred thousand instructions per article. Running French or
//! English text is, to a large part, made of a few dozen grammatical words
//! (`les`, `des`, `dans`; `the`, `of`, `which`) that the other languages
//! rarely use. When they make a large share of the sample and the other
//! language's words are nearly absent, whatlang has always given the same
//! answer (checked on every article of the generated corpora); otherwise the
//! vote abstains and whatlang decides.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use crate::lexicon::Fnv;
use crate::text::swar;

/// At least this many function words of the winning language.
const MIN_HITS: u32 = 6;
/// They make at least this share (in percent) of the sample's words.
const MIN_SHARE_PERCENT: u32 = 12;
/// The other languages' function words are at most this fraction of the
/// winner's (one in six).
const MAX_RIVAL_FRACTION: u32 = 6;
/// Characters of other scripts (Greek, Cyrillic, Arabic, CJK...) are at
/// most one in this many bytes of the sample's words, so that whatlang reads
/// the sample as Latin script.
const MAX_FOREIGN_FRACTION: u32 = 20;

/// Languages that can have function words.
const MAX_LANGS: usize = 4;

/// Function words of a few languages, keyed by their (at most eight) bytes.
#[derive(Debug, Clone, Default)]
pub struct FunctionWords {
    /// The language codes, in the order they were added.
    langs: Vec<String>,
    words: HashMap<u64, u8, BuildHasherDefault<Fnv>>,
}

/// How a byte counts in the word scan.
const SEPARATOR: u8 = 0;
/// ASCII letter or digit (part of a word).
const ASCII: u8 = 1;
/// Continuation byte or lead byte of a Latin-1 or Latin Extended-A letter or
/// of General Punctuation (part of a word, not foreign).
const LATIN: u8 = 2;
/// Lead byte of a character of another script (part of a word, foreign).
const FOREIGN: u8 = 3;

const CLASS: [u8; 256] = {
    let mut t = [SEPARATOR; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match b as u8 {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => ASCII,
            0x80..=0xbf | 0xc3..=0xc5 | 0xe2 => LATIN,
            0xc0.. => FOREIGN,
            _ => SEPARATOR,
        };
        b += 1;
    }
    t
};

/// A word's key: its bytes, ASCII capitals lowered, packed little-endian;
/// `None` for words longer than eight bytes (no function word is).
fn key(word: &[u8]) -> Option<u64> {
    if word.is_empty() || word.len() > 8 {
        return None;
    }
    let w = u64::from_le_bytes(pad(word));
    Some(swar::ascii_lowercase(w))
}

impl FunctionWords {
    /// Adds one function word of `lang` (lowercase, at most eight bytes, not
    /// a function word of another language).
    pub fn add(&mut self, lang: &str, word: &str) -> Result<(), String> {
        let id = match self.langs.iter().position(|l| l == lang) {
            Some(id) => id,
            None if self.langs.len() < MAX_LANGS => {
                self.langs.push(lang.to_string());
                self.langs.len() - 1
            }
            None => return Err(format!("at most {MAX_LANGS} languages have function words")),
        } as u8;
        let k = key(word.as_bytes())
            .filter(|_| word.bytes().all(|b| CLASS[b as usize] != SEPARATOR))
            .ok_or_else(|| format!("{word:?} is not one word of at most 8 bytes"))?;
        if k != u64::from_le_bytes(pad(word.as_bytes())) {
            return Err(format!("{word:?} is not lowercase"));
        }
        match self.words.insert(k, id) {
            Some(other) if other != id => Err(format!(
                "{word:?} is also a function word of {}",
                self.langs[other as usize]
            )),
            _ => Ok(()),
        }
    }

    /// True when no language was added.
    pub fn is_empty(&self) -> bool {
        self.langs.is_empty()
    }

    /// The language whose function words clearly dominate `sample`, or
    /// `None` when the vote is not decisive.
    pub fn vote(&self, sample: &str) -> Option<&str> {
        let mut hits = [0u32; MAX_LANGS];
        let (mut words, mut word_bytes, mut foreign) = (0u32, 0u32, 0u32);
        let bytes = sample.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if CLASS[bytes[i] as usize] == SEPARATOR {
                i += 1;
                continue;
            }
            let start = i;
            while i < bytes.len() {
                match CLASS[bytes[i] as usize] {
                    SEPARATOR => break,
                    FOREIGN => foreign += 1,
                    _ => {}
                }
                i += 1;
            }
            words += 1;
            word_bytes += (i - start) as u32;
            if let Some(&id) = key(&bytes[start..i]).and_then(|k| self.words.get(&k))
                && let Some(h) = hits.get_mut(id as usize)
            {
                *h += 1;
            }
        }
        let n = self.langs.len();
        let (best, &top) = hits[..n].iter().enumerate().max_by_key(|(_, h)| **h)?;
        let rivals: u32 = hits[..n].iter().sum::<u32>() - top;
        let decisive = top >= MIN_HITS
            && top * 100 >= words * MIN_SHARE_PERCENT
            && rivals * MAX_RIVAL_FRACTION <= top
            && foreign * MAX_FOREIGN_FRACTION <= word_bytes;
        decisive.then(|| self.langs[best].as_str())
    }
}

/// `bytes` (at most eight) padded with zeros to eight.
fn pad(bytes: &[u8]) -> [u8; 8] {
    let mut buf = [0u8; 8];
    buf[..bytes.len()].copy_from_slice(bytes);
    buf
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon;

    /// The function words of the default pipeline.
    fn pipeline_words() -> FunctionWords {
        let mut fw = FunctionWords::default();
        for lang in ["en", "fr"] {
            let path = format!(
                "{}/pipelines/lexicons/{lang}/function_words.txt",
                env!("CARGO_MANIFEST_DIR")
            );
            for w in lexicon::read_list(path.as_ref()).unwrap() {
                fw.add(lang, &w).unwrap();
            }
        }
        fw
    }

    /// (name, language of the text, text, expected vote)
    const CASES: &[(&str, &str, &str, Option<&str>)] = &[
        (
            "fr_news",
            "fr",
            "Le conseil municipal a voté mardi soir une hausse des tarifs de la cantine, \
             malgré les protestations des parents d'élèves. Selon le maire, cette décision \
             était inévitable après deux années de déficit, et les familles les plus modestes \
             ne seront pas concernées par la mesure.",
            Some("fr"),
        ),
        (
            "fr_capitals",
            "fr",
            "LES SYNDICATS ONT APPELÉ À UNE NOUVELLE GRÈVE DANS LES TRANSPORTS. Ils dénoncent \
             des conditions de travail dégradées depuis la réforme et demandent avec insistance \
             une réunion avec le ministre, qui ne leur a pas encore répondu.",
            Some("fr"),
        ),
        (
            "en_news",
            "en",
            "The city council voted on Tuesday to raise school meal prices, despite protests \
             from parents who said that the increase would hit poorer families. The mayor said \
             the decision was unavoidable after two years of deficits, and that the poorest \
             households would not be affected by the measure.",
            Some("en"),
        ),
        ("short_fr", "fr", "Le ministre est arrivé à Dakar.", None),
        (
            "mixed_fr_en",
            "fr",
            "Le rapport publié par le groupe a été repris dans les journaux: \"The findings show \
             that the policy has failed and that the government was warned about the risks \
             which the experts had described.\" Les auteurs ont refusé de commenter.",
            None,
        ),
        (
            "es",
            "es",
            "El consejo municipal votó el martes una subida de los precios del comedor escolar, \
             a pesar de las protestas de los padres. Según el alcalde, la decisión era \
             inevitable después de dos años de déficit y las familias más modestas no se verán \
             afectadas por la medida.",
            None,
        ),
        (
            "it",
            "it",
            "Il consiglio comunale ha votato martedì sera un aumento delle tariffe della mensa, \
             nonostante le proteste dei genitori. Secondo il sindaco, le famiglie più modeste \
             non saranno toccate dalla misura e le scuole riceveranno un aiuto per le spese.",
            None,
        ),
        (
            "ca",
            "ca",
            "El consell municipal va votar dimarts una pujada de les tarifes del menjador, tot \
             i les protestes dels pares. Segons l'alcalde, les famílies més modestes no es \
             veuran afectades per la mesura i les escoles rebran una ajuda per a les despeses.",
            None,
        ),
        (
            "de",
            "de",
            "Der Gemeinderat hat am Dienstag eine Erhöhung der Preise für das Schulessen \
             beschlossen, trotz der Proteste der Eltern. Nach Angaben des Bürgermeisters war die \
             Entscheidung nach zwei Jahren mit Defiziten unvermeidlich, und du wirst sehen, dass \
             die ärmsten Familien nicht betroffen sind.",
            None,
        ),
        (
            "nl",
            "nl",
            "De gemeenteraad heeft dinsdag een verhoging van de prijzen van de schoolmaaltijden \
             goedgekeurd, ondanks protesten van ouders. Volgens de burgemeester was de beslissing \
             onvermijdelijk na twee jaar met tekorten, en de armste gezinnen worden niet getroffen.",
            None,
        ),
        (
            "la",
            "la",
            "Gallia est omnis divisa in partes tres, quarum unam incolunt Belgae, aliam \
             Aquitani, tertiam qui ipsorum lingua Celtae, nostra Galli appellantur. Hi omnes \
             lingua, institutis, legibus inter se differunt.",
            None,
        ),
        (
            "fr_in_cyrillic_context",
            "ru",
            "Министр иностранных дел России Сергей Лавров заявил в четверг, что Москва \
             продолжит поддерживать страны Сахеля; в Париже les diplomates ont dit que cette \
             visite était prévue depuis des mois avec les autorités.",
            None,
        ),
    ];

    #[test]
    fn votes_only_when_decisive_and_agrees_with_whatlang() {
        let fw = pipeline_words();
        for (name, lang, text, want) in CASES {
            let got = fw.vote(super::super::prefix(text, super::super::SHORT_SAMPLE));
            assert_eq!(got, *want, "case {name} ({lang})");
            if let Some(v) = got {
                assert_eq!(
                    super::super::detect(text),
                    v,
                    "case {name}: whatlang differs"
                );
            }
        }
    }

    #[test]
    fn word_keys_ignore_ascii_case_only() {
        assert_eq!(key(b"The"), key(b"the"));
        assert_eq!(key(b"DANS"), key(b"dans"));
        assert_ne!(key("ÉTÉ".as_bytes()), key("été".as_bytes()));
        assert_eq!(key(b"@[`{"), Some(u64::from_le_bytes(pad(b"@[`{"))));
        assert_eq!(key(b"ninechars"), None);
        assert_eq!(key(b""), None);
    }

    #[test]
    fn bad_entries_are_refused() {
        let mut fw = FunctionWords::default();
        fw.add("fr", "les").unwrap();
        fw.add("fr", "les").unwrap(); // a repeat within one language is harmless
        let cases = [
            ("other_language", "en", "les"),
            ("capital", "en", "The"),
            ("too_long", "en", "something"),
            ("two_words", "en", "of the"),
            ("empty", "en", ""),
        ];
        for (name, lang, word) in cases {
            assert!(
                fw.add(lang, word).is_err(),
                "case {name}: {word:?} accepted"
            );
        }
    }
}
