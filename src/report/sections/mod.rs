//! One builder per report section: each turns [`ReportData`] into a
//! [`Section`](super::html::Section) (chart, table view, data links), and
//! renders empty data as an empty chart with a note rather than failing.

mod actors;
mod events;
mod summary;
mod timeline;

pub use actors::{dyads, network, speakers};
pub use events::{events_by_month, events_by_type};
pub use summary::summary;
pub use timeline::timeline;

use super::data::{QUADS, ReportData};
use super::html::DataLink;
use super::svg::GREY;

/// Colours of the quad classes: blues for cooperation, orange and red for
/// conflict; the material class of each is the darker one.
pub const QUAD_COLOURS: [&str; 4] = ["#74a9cf", "#0570b0", "#fd8d3c", "#d7301f"];

/// The colour of a quad class (grey when unknown).
pub fn quad_colour(quad: &str) -> &'static str {
    QUADS
        .iter()
        .position(|q| *q == quad)
        .map_or(GREY, |i| QUAD_COLOURS[i])
}

/// A quad class as words (`verbal_cooperation` → `verbal cooperation`).
pub fn quad_label(quad: &str) -> String {
    quad.replace('_', " ")
}

/// The data links of a section: the aggregate table when the figures came
/// from it, else the base tables they were derived from.
fn sources(data: &ReportData, aggregate: &str, base: &[&str]) -> Vec<DataLink> {
    if data.from_aggregates.iter().any(|a| a == aggregate) {
        links(data, &[aggregate])
    } else {
        links(data, base)
    }
}

/// The data links of tables by name.
fn links(data: &ReportData, names: &[&str]) -> Vec<DataLink> {
    names
        .iter()
        .map(|t| DataLink {
            table: t.to_string(),
            files: data.links_to.get(*t).cloned().unwrap_or_default(),
        })
        .collect()
}

/// Cuts `text` to at most `max` characters, with an ellipsis when cut.
fn clip(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        None => text.to_string(),
        Some((i, _)) => format!("{}…", text[..i].trim_end()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clip_cuts_on_characters() {
        assert_eq!(clip("héhé", 10), "héhé");
        assert_eq!(clip("héhé hop", 4), "héhé…");
        assert_eq!(clip("", 3), "");
    }

    #[test]
    fn quad_colours_and_labels() {
        assert_eq!(quad_colour("material_conflict"), "#d7301f");
        assert_eq!(quad_colour("unknown"), GREY);
        assert_eq!(quad_label("verbal_cooperation"), "verbal cooperation");
    }
}
