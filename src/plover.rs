//! The PLOVER 2.0 ontology's fixed facts: the 16 event categories and their
//! quad classes (`shared/spec/events.md`). Triggers and rules live in the
//! events stage's data files; this is only what the ontology itself defines.

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanction_is_material_conflict() {
        assert_eq!(quad_class("SANCTION"), Some("material_conflict"));
        assert_eq!(quad_class("CONSULT"), Some("verbal_cooperation"));
        assert_eq!(quad_class("FIGHT"), None);
    }
}
