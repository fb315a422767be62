//! Candidate mentions: what the recognition rules propose before overlaps
//! are settled and mentions are resolved to actors.

use crate::document::{ActorKind, Span};

use super::gazetteer::EntryIdx;

/// A title attached to a mention, with what it says about the person.
#[derive(Debug, Clone, PartialEq)]
pub struct Role {
    /// The role as written (`vice-ministre russe de la Défense`).
    pub span: Span,
    /// Country entry named by its demonym, possessive or complement.
    pub country: Option<EntryIdx>,
    /// PLOVER sector of its title.
    pub sector: Option<String>,
}

/// What a candidate refers to.
#[derive(Debug, Clone, PartialEq)]
pub enum What {
    /// A gazetteer entry.
    Gz(EntryIdx),
    /// A capital city standing for its country's government.
    Metonym(EntryIdx),
    /// A city that is a capital but has no place entry, used as a location:
    /// a place of that country.
    CapitalPlace(EntryIdx),
    /// A person not (yet) known: the span is the name. `cued` when a title
    /// or honorific introduced it; `hint` when the name is a one-word
    /// gazetteer alias of a known person (`Lavrov`).
    Person {
        /// Introduced by a title or honorific.
        cued: bool,
        /// The known person a one-word alias names.
        hint: Option<EntryIdx>,
    },
    /// An organisation or place not in the gazetteer.
    New {
        /// Organisation or place.
        kind: ActorKind,
        /// Country entry it belongs to (inner country or demonym).
        country: Option<EntryIdx>,
        /// PLOVER sector of its head or descriptor.
        sector: Option<String>,
    },
}

/// A proposed mention.
#[derive(Debug, Clone, PartialEq)]
pub struct Cand {
    /// Byte span of the surface form.
    pub span: Span,
    /// What it refers to.
    pub what: What,
    /// Attached title.
    pub role: Option<Role>,
    /// A country or capital name standing for a government.
    pub metonym: bool,
    /// A lowercase description from the gazetteer (`diplomatie russe`,
    /// `armée malienne`): kept only when the actor is also named.
    pub descriptive: bool,
}

impl Cand {
    /// Tie-break between candidates with the same span: gazetteer entries
    /// first, then candidates carrying a role.
    pub fn rank(&self) -> u8 {
        let base = match self.what {
            What::Gz(_) | What::Metonym(_) | What::CapitalPlace(_) => 4,
            What::New { .. } => 2,
            What::Person { .. } => 1,
        };
        base + u8::from(self.role.is_some()) * 4
    }
}

/// Keeps the longest candidates, dropping those they overlap; on equal
/// spans the higher [`Cand::rank`] wins. Output is in text order.
pub fn settle(mut cands: Vec<Cand>) -> Vec<Cand> {
    // Longest first, then higher rank, then leftmost, then in proposal
    // order. The small keys are sorted rather than the candidates, which
    // stay where they are until the kept ones are moved out in text order.
    // The four keys are packed in one integer, whose comparisons cost
    // less than a tuple's (offsets fit in 32 bits: tokens store them so).
    let mut order: Vec<u128> = cands
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let len = u32::MAX - c.span.len() as u32;
            let rank = u8::MAX - c.rank();
            u128::from(len) << 96
                | u128::from(rank) << 88
                | (c.span.start as u128) << 32
                | i as u128
        })
        .collect();
    order.sort_unstable();
    let n = cands.len();
    // Kept spans by start: a new span overlaps a kept one only if it
    // overlaps its nearest neighbour on either side.
    // Spans kept so far, sorted by start: a document keeps a few dozen, so
    // a sorted Vec beats a tree map.
    let mut taken: Vec<(usize, usize)> = Vec::with_capacity(n);
    // The kept candidates: (start, rank of keeping, index).
    let mut kept: Vec<(usize, usize, usize)> = Vec::with_capacity(n);
    for key in order {
        let i = key as u32 as usize;
        let span = cands[i].span;
        // `taken[..upto]` start at or before `c`, `taken[from..]` at or after.
        let upto = taken.partition_point(|&(s, _)| s <= span.start);
        let from = taken.partition_point(|&(s, _)| s < span.start);
        let clash = upto.checked_sub(1).is_some_and(|i| taken[i].1 > span.start)
            || taken.get(from).is_some_and(|&(s, _)| s < span.end);
        if !clash {
            if from < upto {
                // Same start (only possible for empty spans): replaced.
                taken[from].1 = span.end;
            } else {
                taken.insert(upto, (span.start, span.end));
            }
            kept.push((span.start, kept.len(), i));
        } else if cands[i].role.is_some()
            && let Some(&(.., k)) = kept.iter().find(|&&(.., k)| cands[k].span == span)
            && cands[k].role.is_some()
            && let Some(cr) = cands[i].role.take()
            && let Some(kr) = cands[k].role.as_mut()
        {
            // Two titles for one name (`le général X, chef du régime
            // nigérien`): the kept one borrows what it lacks.
            kr.country = kr.country.or(cr.country);
            kr.sector = kr.sector.take().or(cr.sector);
        }
    }
    // By start, then in the order kept (as a stable sort by start).
    kept.sort_unstable();
    let mut slots: Vec<Option<Cand>> = cands.into_iter().map(Some).collect();
    kept.into_iter()
        .filter_map(|(.., i)| slots[i].take())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cand(s: usize, e: usize, what: What) -> Cand {
        Cand {
            span: Span::new(s, e),
            what,
            role: None,
            metonym: false,
            descriptive: false,
        }
    }

    #[test]
    fn longest_then_gazetteer_then_role_wins() {
        let person = What::Person {
            cued: false,
            hint: None,
        };
        let org = What::New {
            kind: ActorKind::Organization,
            country: None,
            sector: None,
        };
        let kept = settle(vec![
            cand(0, 6, What::Gz(1)),
            cand(0, 12, org.clone()),
            cand(20, 26, person.clone()),
            cand(20, 26, What::Gz(2)),
            cand(30, 40, person.clone()),
            Cand {
                role: Some(Role {
                    span: Span::new(28, 29),
                    country: None,
                    sector: None,
                }),
                ..cand(30, 40, person.clone())
            },
        ]);
        assert_eq!(kept.len(), 3);
        assert_eq!(kept[0].what, org);
        assert_eq!(kept[1].what, What::Gz(2));
        assert!(kept[2].role.is_some());
    }
}
