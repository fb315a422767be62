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
