//! The PLOVER 2.0 ontology's fixed facts: the 16 event categories, their
//! quad classes, which need a recipient, and the tense rule
//! (`shared/spec/events.md`). Triggers and rules that depend on language
//! live in the events stage's data files; this is only what the ontology
//! itself defines.

/// The 16 PLOVER categories with their quad class.
pub const CATEGORIES: [(&str, &str); 16] = [
    ("AGREE", "verbal_cooperation"),
    ("CONSULT", "verbal_cooperation"),
    ("SUPPORT", "verbal_cooperation"),
    ("CONCEDE", "verbal_cooperation"),
    ("COOPERATE", "material_cooperation"),
    ("AID", "material_cooperation"),
    ("RETREAT", "material_cooperation"),
    ("REQUEST", "verbal_conflict"),
    ("ACCUSE", "verbal_conflict"),
    ("REJECT", "verbal_conflict"),
    ("THREATEN", "verbal_conflict"),
    ("PROTEST", "material_conflict"),
    ("SANCTION", "material_conflict"),
    ("MOBILIZE", "material_conflict"),
    ("COERCE", "material_conflict"),
    ("ASSAULT", "material_conflict"),
];

/// The quad class of a category, or `None` for an unknown category.
pub fn quad_class(category: &str) -> Option<&'static str> {
    CATEGORIES
        .iter()
        .find(|(c, _)| *c == category)
        .map(|(_, q)| *q)
}

/// Categories whose recipient the manual requires.
pub fn requires_target(category: &str) -> bool {
    matches!(category, "COOPERATE" | "AID" | "SANCTION")
}

/// True for the cooperative categories (quads 1 and 2).
pub fn is_cooperative(category: &str) -> bool {
    quad_class(category).is_some_and(|q| q.ends_with("cooperation"))
}

/// The tense rule: the category an act takes when it is promised, planned
/// or supposed rather than done. Future cooperation (CONSULT, SUPPORT,
/// COOPERATE, AID) is AGREE; a future RETREAT is CONCEDE; a future use of
/// force or coercion (ASSAULT, COERCE, MOBILIZE, PROTEST) is THREATEN.
/// SANCTION keeps its category: announcing that one leaves an organisation
/// is the sanction itself (project convention), with status `planned`.
pub fn tense_rule(category: &str) -> &str {
    match category {
        "CONSULT" | "SUPPORT" | "COOPERATE" | "AID" => "AGREE",
        "RETREAT" => "CONCEDE",
        "ASSAULT" | "COERCE" | "MOBILIZE" | "PROTEST" => "THREATEN",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanction_is_material_conflict() {
        assert_eq!(quad_class("SANCTION"), Some("material_conflict"));
        assert_eq!(quad_class("CONSULT"), Some("verbal_cooperation"));
        assert_eq!(quad_class("FIGHT"), None);
    }

    #[test]
    fn tense_rule_follows_the_manual() {
        let cases = [
            ("CONSULT", "AGREE"),
            ("AID", "AGREE"),
            ("RETREAT", "CONCEDE"),
            ("CONCEDE", "CONCEDE"),
            ("ASSAULT", "THREATEN"),
            ("SANCTION", "SANCTION"),
            ("ACCUSE", "ACCUSE"),
        ];
        for (cat, want) in cases {
            assert_eq!(tense_rule(cat), want, "{cat}");
        }
        assert!(is_cooperative("RETREAT") && !is_cooperative("REJECT"));
        assert!(requires_target("AID") && !requires_target("CONSULT"));
    }
}
