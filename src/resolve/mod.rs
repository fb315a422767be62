//! Actor resolution across the run.
//!
//! Within a document, the actors stage links every mention to one
//! [`DocActor`](crate::document::DocActor) whose `key` is its run-wide
//! identity. Here, [`actor_id`] turns a key into the stable id (a pure
//! function, so shards and threads agree without sharing state), and
//! [`ActorRegistry`] accumulates the compact run-wide facts for the `actors`
//! table: names, aliases, roles, counts and first/last seen dates.

mod registry;

pub use registry::ActorRegistry;

use xxhash_rust::xxh3::xxh3_64;

/// The stable actor id of an identity key: `A` + 15 hex digits of its hash.
pub fn actor_id(key: &str) -> String {
    format!("A{:015x}", xxh3_64(key.as_bytes()) >> 4)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_and_distinct() {
        assert_eq!(actor_id("gz:country:RUS"), actor_id("gz:country:RUS"));
        assert_ne!(actor_id("gz:country:RUS"), actor_id("gz:country:NER"));
        assert_eq!(actor_id("x").len(), 16);
    }
}
