//! YAML front matter: a leading block between `---` lines (closed by `---`
//! or `...`) holding `title`, `date`, `url`, `lang`, as static-site
//! generators and many scrapers write it.

use serde_norway::Value;

use super::meta::{Fields, Slot};

/// What a leading front-matter block held.
#[derive(Debug, PartialEq)]
pub(crate) enum FrontMatter<'a> {
    /// No block: the text is all body.
    None,
    /// A block whose metadata was read; the body follows it.
    Read(Fields, &'a str),
    /// A block that is not a YAML mapping (the reason); the body follows it.
    Invalid(String, &'a str),
}

/// Splits a leading front-matter block off `text` and reads it.
pub(crate) fn split(text: &str) -> FrontMatter<'_> {
    let Some(after_open) = strip_fence_line(text, "---") else {
        return FrontMatter::None;
    };
    let mut offset = 0;
    for line in after_open.split_inclusive('\n') {
        let bare = line.trim_end();
        if bare == "---" || bare == "..." {
            let yaml = &after_open[..offset];
            let body = &after_open[offset + line.len()..];
            if let Some(fields) = simple_block(yaml) {
                return FrontMatter::Read(fields, body);
            }
            return match serde_norway::from_str::<Value>(yaml) {
                Ok(Value::Mapping(map)) => FrontMatter::Read(fields(&map), body),
                Ok(Value::Null) => FrontMatter::Read(Fields::default(), body),
                Ok(_) => FrontMatter::Invalid("front matter is not a mapping".into(), body),
                Err(e) => {
                    FrontMatter::Invalid(format!("front matter is not valid YAML: {e}"), body)
                }
            };
        }
        offset += line.len();
    }
    // An opening `---` that is never closed is a Markdown rule, not metadata.
    FrontMatter::None
}

/// The rest of `text` after a first line that is exactly `fence`.
fn strip_fence_line<'a>(text: &'a str, fence: &str) -> Option<&'a str> {
    let rest = text.strip_prefix(fence)?;
    let line_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
    rest[..line_end]
        .trim()
        .is_empty()
        .then(|| &rest[line_end..])
}

/// The fields of a block written the way nearly all front matter is: one
/// `key: value` line per field, each value plain words or a quoted string
/// without escapes, read as the YAML parser reads them at a small part of
/// its cost. `None` for anything else (comments, blank or indented lines,
/// repeated keys, numbers, escapes, special characters...): the YAML
/// parser reads those.
fn simple_block(yaml: &str) -> Option<Fields> {
    let mut f = Fields::default();
    let mut keys: Vec<&str> = Vec::new();
    for line in yaml.split_terminator('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let (key, value) = simple_line(line)?;
        // YAML rejects a repeated key
        if keys.contains(&key) {
            return None;
        }
        keys.push(key);
        if let Some(slot) = Slot::of(key) {
            f.set(slot, value.to_string());
        }
    }
    Some(f)
}

/// `key: value` with a plain key and a value YAML reads as this string.
fn simple_line(line: &str) -> Option<(&str, &str)> {
    if !line.chars().all(plain_char) {
        return None;
    }
    let (key, rest) = line.split_once(':')?;
    let mut key_chars = key.chars();
    let key_ok = key_chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && key_chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && !is_special_word(key);
    if !key_ok || !rest.starts_with(' ') {
        return None;
    }
    let value = rest.trim_matches(' ');
    let first = value.chars().next()?;
    if let Some(quote @ ('"' | '\'')) = Some(first) {
        // one quoted string without escapes or inner quotes, then nothing
        let inner = value[1..].strip_suffix(quote)?;
        return (!inner.contains([quote, '\\'])).then_some((key, inner));
    }
    // plain words: not a number, boolean or null, nor text YAML reads as
    // structure (a nested key, a comment)
    let word_start = first.is_alphabetic() || !first.is_ascii();
    let plain = (word_start && !is_special_word(value)) || is_iso_date_start(value);
    let structure = value.contains(": ") || value.contains(" #") || value.ends_with(':');
    (plain && !structure).then_some((key, value))
}

/// Characters a one-line YAML scalar holds as they are: printable, and no
/// tab or any of the line breaks and byte-order mark YAML treats apart.
fn plain_char(c: char) -> bool {
    matches!(c, ' '..='~' | '\u{a0}'..='\u{2027}' | '\u{202a}'..='\u{d7ff}' | '\u{e000}'..='\u{fefe}' | '\u{ff00}'..='\u{fffd}')
}

/// Words YAML reads as null or a boolean.
fn is_special_word(s: &str) -> bool {
    matches!(
        s,
        "null" | "Null" | "NULL" | "true" | "True" | "TRUE" | "false" | "False" | "FALSE"
    )
}

/// `YYYY-MM-DD` at the start: a date YAML keeps as a string (no number
/// has a dash after four digits).
fn is_iso_date_start(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 10
        && b[..10].iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
}

fn fields(map: &serde_norway::Mapping) -> Fields {
    let mut f = Fields::default();
    for (key, value) in map {
        let Some(slot) = key.as_str().and_then(Slot::of) else {
            continue;
        };
        let value = match value {
            Value::String(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            Value::Tagged(t) => match &t.value {
                Value::String(s) => s.clone(),
                _ => continue,
            },
            _ => continue,
        };
        f.set(slot, value);
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (name, input, expected title, date, lang, url, body)
    type Case = (
        &'static str,
        &'static str,
        Option<&'static str>,
        Option<&'static str>,
        Option<&'static str>,
        Option<&'static str>,
        &'static str,
    );

    const CASES: &[Case] = &[
        (
            "french, day date",
            "---\ntitle: « Le Sahel » en crise\ndate: 2024-11-28\nlang: fr\n---\nLe texte.",
            Some("« Le Sahel » en crise"),
            Some("2024-11-28"),
            Some("fr"),
            None,
            "Le texte.",
        ),
        (
            "english, year as number, url, dots close",
            "---\r\nTitle: Talks resume\r\ndate: 2024\r\nurl: https://example.org/a\r\n...\r\nBody.",
            Some("Talks resume"),
            Some("2024"),
            None,
            Some("https://example.org/a"),
            "Body.",
        ),
        (
            "quoted datetime",
            "---\ndate: \"2024-11-28T10:00:00Z\"\n---\nTexte.",
            None,
            Some("2024-11-28T10:00:00Z"),
            None,
            None,
            "Texte.",
        ),
        (
            "empty block",
            "---\n---\nOnly body.",
            None,
            None,
            None,
            None,
            "Only body.",
        ),
    ];

    #[test]
    fn reads_front_matter() {
        for (name, input, title, date, lang, url, body) in CASES {
            let FrontMatter::Read(f, b) = split(input) else {
                panic!("case {name}: {:?}", split(input))
            };
            assert_eq!(f.title.as_deref(), *title, "case {name}");
            assert_eq!(f.date[0].as_deref(), *date, "case {name}");
            assert_eq!(f.lang.as_deref(), *lang, "case {name}");
            assert_eq!(f.url.as_deref(), *url, "case {name}");
            assert_eq!(b, *body, "case {name}");
        }
    }

    #[test]
    fn not_front_matter() {
        let cases = [
            ("no fence", "Le texte commence ici.\n---\n"),
            ("unclosed rule", "---\nUn paragraphe après un trait.\n"),
            ("fence with words", "--- not a fence\ntitle: x\n---\n"),
        ];
        for (name, input) in cases {
            assert_eq!(split(input), FrontMatter::None, "case {name}");
        }
    }

    /// What the YAML parser reads from a block (`None`: not a mapping).
    fn parsed(yaml: &str) -> Option<Fields> {
        match serde_norway::from_str::<Value>(yaml) {
            Ok(Value::Mapping(map)) => Some(fields(&map)),
            Ok(Value::Null) => Some(Fields::default()),
            _ => None,
        }
    }

    #[test]
    fn simple_blocks_read_as_yaml_reads_them() {
        // (name, block, whether the quick reading takes it)
        let cases = [
            (
                "french quoted title, date, url",
                "title: \"Le Burkina Faso accuse la France d’ingérence\"\ndate: 2019-07-18\n\
                 url: https://example.org/2019/07/a-b.html#x\n",
                true,
            ),
            (
                "english plain words",
                "Title: Talks resume in Geneva\nlang: en\n",
                true,
            ),
            (
                "single quotes, crlf",
                "title: 'Le « sommet »'\r\nlanguage: fr\r\n",
                true,
            ),
            ("date-time", "date: 2024-11-28T10:00:00+01:00  \n", true),
            (
                "other keys",
                "author: Jane Doe\ntags_2: politique, Sahel\n",
                true,
            ),
            ("empty", "", true),
            ("year as number", "date: 2024\n", false),
            ("boolean", "title: true\n", false),
            ("null word", "title: null\n", false),
            ("comment", "title: Le sommet # brouillon\n", false),
            ("nested key", "title: a: b\n", false),
            ("escape", "title: \"a\\tb\"\n", false),
            ("text after the quote", "title: \"a\" b\n", false),
            ("repeated key", "title: a\ntitle: b\n", false),
            ("continued line", "title: a\n  b\n", false),
            ("blank line", "title: a\n\nlang: fr\n", false),
            ("tab", "title:\ta\n", false),
            ("flow list", "title: [a, b]\n", false),
            ("anchor", "title: &x a\n", false),
            ("no value", "title:\n", false),
            ("next line break", "title: a\u{85}b\n", false),
            ("outside the basic plane", "title: Sommet 🌍\n", false),
        ];
        for (name, yaml, quick) in cases {
            let got = simple_block(yaml);
            assert_eq!(got.is_some(), quick, "case {name}: {got:?}");
            if let Some(f) = got {
                assert_eq!(Some(f), parsed(yaml), "case {name}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn the_quick_reading_agrees_with_yaml(
            lines in proptest::collection::vec((
                "(title|Title|date|lang|url|id|null|TRUE|x_y|a-b|2|~| t)",
                "( +[aé«\"'])?[ aé0-9:#\"'\\\\,\\[\\]&*!|>%@.+T\u{a0}\u{85}\t-]{0,10}",
            ), 0..4)
        ) {
            let yaml: String = lines.iter().map(|(k, v)| format!("{k}:{v}\n")).collect();
            if let Some(f) = simple_block(&yaml) {
                proptest::prop_assert_eq!(Some(f), parsed(&yaml), "{:?}", yaml);
            }
        }
    }

    #[test]
    fn invalid_yaml_keeps_the_body() {
        match split("---\ntitle: [unclosed\n---\nLe corps.") {
            FrontMatter::Invalid(reason, body) => {
                assert!(reason.contains("YAML"), "{reason}");
                assert_eq!(body, "Le corps.");
            }
            other => panic!("{other:?}"),
        }
    }
}
