//! Within-document resolution: settled candidates become one
//! [`DocActor`] per distinct actor and one [`Mention`] per occurrence.
//!
//! - Full names (two words or more) get their identity from the gazetteer
//!   (any spelling, through the transliteration key) or from their own
//!   normalised key (`per:` + key); a two-word name joins a longer one of
//!   the document with the same first and last words.
//! - One-word names (`Lavrov`, `M. Gromyko`, `le colonel Goïta`) link to the
//!   person of the document whose name ends with that word, only when there
//!   is exactly one (a title's sector may settle a tie); two `Traoré`s keep a
//!   bare `Traoré` unlinked. A one-word name with a title and no full name
//!   becomes its own person.
//! - A lowercase description from the gazetteer (`armée malienne`) counts
//!   only when the document also names that actor.
//! - Then surnames of the document's people and acronyms given in
//!   parentheses after a new organisation (`... de l'Azawad (MNLA)`) are
//!   found again wherever they recur.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use crate::document::{ActorKind, DocActor, Mention, Span};
use crate::lexicon::Fnv;
use crate::resolve::actor_id;

use super::cand::{Cand, Role, What};
use super::context::Ctx;
use super::gazetteer::EntryIdx;
use super::scan::fold_key;

/// An actor's key: borrowed from the gazetteer for its entries (most
/// mentions), built only for actors found outside it.
type Key<'a> = Cow<'a, str>;

/// A hash map keyed by short strings of one document.
type FnvMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// What is known of each actor of a document, by key. A hash map: the
/// few places where the order of actors matters sort them by key.
type Protos<'a> = FnvMap<Key<'a>, Proto<'a>>;

/// A resolved mention before actors are numbered.
struct Resolved<'a> {
    span: Span,
    key: Key<'a>,
    role: Option<Role>,
    metonym: bool,
    descriptive: bool,
}

/// What a person's name written one way stands for.
#[derive(Clone)]
enum Who<'a> {
    /// One word, whose words are at this index.
    Single(usize),
    /// A gazetteer person.
    Known(EntryIdx),
    /// A person outside the gazetteer, with this key.
    New(Key<'a>),
}

/// What is known of an actor while resolving.
#[derive(Default)]
struct Proto<'a> {
    kind: Option<ActorKind>,
    entry: Option<EntryIdx>,
    country: Option<EntryIdx>,
    sector: Option<String>,
    /// Normalised words of each full-name form (people), borrowed from
    /// the gazetteer for its entries.
    names: Vec<Cow<'a, [String]>>,
    /// Folded full names as written (people), for finding surnames again.
    surfaces: Vec<Cow<'a, str>>,
}

/// Resolves a document's candidates into actors and mentions.
pub fn resolve<'a>(
    cx: &Ctx<'a>,
    cands: Vec<Cand>,
    sentence_at: impl Fn(usize) -> usize,
    prefer_fr: bool,
) -> (Vec<DocActor>, Vec<Mention>) {
    let mut protos: Protos<'a> = Protos::default();
    let mut out: Vec<Resolved<'a>> = Vec::new();
    // One-word names, with their words in `single_words`.
    let mut singles: Vec<(Cand, usize)> = Vec::new();
    let mut single_words: Vec<Vec<String>> = Vec::new();
    let mut people: FnvMap<&'a str, Who<'a>> = FnvMap::default();
    // One bit per gazetteer entry whose proto this loop made: a mention of
    // it that brings no country needs no hashing of its key.
    let mut made = vec![0u64; cx.gz.entries.len().div_ceil(64)];

    for c in cands {
        let surface: &'a str = &cx.text[c.span.start..c.span.end];
        let key = match &c.what {
            What::Gz(e) | What::Metonym(e) => {
                let country = c.role.as_ref().and_then(|r| r.country);
                let (word, bit) = (*e as usize / 64, 1u64 << (*e % 64));
                if country.is_none() && made[word] & bit != 0 {
                    Key::Borrowed(cx.gz.get(*e).key())
                } else {
                    made[word] |= bit;
                    let p = gz_proto(cx, &mut protos, *e);
                    p.1.country = p.1.country.or(country);
                    p.0
                }
            }
            What::CapitalPlace(country) => {
                let key = Key::Owned(format!("place:{}", fold_key(surface)));
                let p = protos.entry(key.clone()).or_default();
                p.kind = Some(ActorKind::Place);
                p.country = Some(*country);
                key
            }
            What::New {
                kind,
                country,
                sector,
            } => {
                let prefix = if *kind == ActorKind::Place {
                    "place"
                } else {
                    "org"
                };
                let key = Key::Owned(format!("{prefix}:{}", fold_key(surface)));
                let p = protos.entry(key.clone()).or_default();
                p.kind = Some(*kind);
                p.country = p.country.or(*country);
                if p.sector.is_none() {
                    p.sector = sector.clone();
                }
                key
            }
            What::Person { .. } => {
                // A name is transliterated and looked up once per document.
                let (who, new) = match people.get(surface) {
                    Some(who) => (who.clone(), None),
                    None => {
                        let words = cx.names.translit.words(surface);
                        let (who, new) = if words.len() < 2 {
                            single_words.push(words);
                            (Who::Single(single_words.len() - 1), None)
                        } else {
                            let who = match cx.gz.person(&words) {
                                Some(e) => Who::Known(e),
                                None => Who::New(Key::Owned(format!("per:{}", words.join(" ")))),
                            };
                            (who, Some(words))
                        };
                        people.insert(surface, who.clone());
                        (who, new)
                    }
                };
                let key = match who {
                    Who::Single(w) => {
                        singles.push((c, w));
                        continue;
                    }
                    Who::Known(e) => gz_proto(cx, &mut protos, e).0,
                    Who::New(k) => k,
                };
                let p = protos.entry(key.clone()).or_default();
                p.kind = Some(ActorKind::Person);
                // A name met again would add the same words and surface.
                if let Some(words) = new {
                    p.names.push(Cow::Owned(words));
                    p.surfaces.push(Cow::Owned(fold_key(surface)));
                }
                if let Some(r) = &c.role {
                    p.country = p.country.or(r.country);
                    if p.sector.is_none() {
                        p.sector = r.sector.clone();
                    }
                }
                key
            }
        };
        out.push(Resolved {
            span: c.span,
            key,
            role: c.role,
            metonym: c.metonym,
            descriptive: c.descriptive,
        });
    }

    // A description counts only for an actor the document also names.
    if out.iter().any(|r| r.descriptive) {
        // The few described actors, sorted, each marked when a mention
        // names it: cheaper than a set of every named actor's key.
        let mut described: Vec<(&str, bool)> = out
            .iter()
            .filter(|r| r.descriptive)
            .map(|r| (r.key.as_ref(), false))
            .collect();
        described.sort_unstable();
        described.dedup();
        for r in out.iter().filter(|r| !r.descriptive) {
            if let Ok(i) = described.binary_search_by(|(k, _)| (*k).cmp(r.key.as_ref())) {
                described[i].1 = true;
            }
        }
        let named = |key: &str| described.binary_search(&(key, true)).is_ok();
        let keep: Vec<bool> = out
            .iter()
            .map(|r| !r.descriptive || named(r.key.as_ref()))
            .collect();
        let mut keep = keep.into_iter();
        out.retain(|_| keep.next().unwrap_or(true));
    }
    merge_short_full_names(&mut protos, &mut out);
    for (c, w) in singles {
        if let Some(key) = link_single(cx, &mut protos, &c, &single_words[w]) {
            out.push(Resolved {
                span: c.span,
                key,
                role: c.role,
                metonym: false,
                descriptive: false,
            });
        }
    }
    recur(cx, &protos, &mut out);
    build(cx, protos, out, sentence_at, prefer_fr)
}

/// The proto of a gazetteer entry, created with the entry's facts.
fn gz_proto<'a, 'p>(
    cx: &Ctx<'a>,
    protos: &'p mut Protos<'a>,
    e: EntryIdx,
) -> (Key<'a>, &'p mut Proto<'a>) {
    let entry = cx.gz.get(e);
    let key = Key::Borrowed(entry.key());
    let p = protos.entry(key.clone()).or_insert_with(|| Proto {
        kind: Some(entry.kind),
        entry: Some(e),
        sector: entry.sector.clone(),
        names: entry
            .name_words
            .iter()
            .map(|w| Cow::Borrowed(&w[..]))
            .collect(),
        surfaces: entry
            .name_folds
            .iter()
            .map(|f| Cow::Borrowed(&f[..]))
            .collect(),
        ..Default::default()
    });
    (key, p)
}

/// `Bakary Sangaré` joins `Bakary Yaou Sangaré` when it is the only
/// longer unknown name with the same first and last words.
fn merge_short_full_names<'a>(protos: &mut Protos<'a>, out: &mut [Resolved<'a>]) {
    let mut remap: FnvMap<Key<'a>, Key<'a>> = FnvMap::default();
    {
        // In key order, so that merges happen in the same order whatever
        // the map's.
        let mut people: Vec<(&Key<'a>, &[String])> = protos
            .iter()
            .filter(|(k, p)| k.starts_with("per:") && !p.names.is_empty())
            .map(|(k, p)| (k, &p.names[0][..]))
            .collect();
        people.sort_unstable_by(|a, b| a.0.cmp(b.0));
        for &(k, w) in &people {
            if w.len() != 2 {
                continue;
            }
            let longer: Vec<&Key<'a>> = people
                .iter()
                .filter(|(k2, w2)| {
                    *k2 != k && w2.len() > 2 && w2[0] == w[0] && w2[w2.len() - 1] == w[1]
                })
                .map(|(k2, _)| *k2)
                .collect();
            if let [target] = longer.as_slice() {
                remap.insert(k.clone(), (*target).clone());
            }
        }
    }
    for (from, to) in &remap {
        if let Some(p) = protos.remove(from)
            && let Some(t) = protos.get_mut(to)
        {
            t.names.extend(p.names);
            t.surfaces.extend(p.surfaces);
            t.country = t.country.or(p.country);
            t.sector = t.sector.clone().or(p.sector);
        }
    }
    for r in out.iter_mut() {
        if let Some(to) = remap.get(&r.key) {
            r.key = to.clone();
        }
    }
}

/// People of the document whose name ends with `words`.
fn people_ending_with<'a>(protos: &Protos<'a>, words: &[String]) -> Vec<Key<'a>> {
    protos
        .iter()
        .filter(|(_, p)| p.kind == Some(ActorKind::Person))
        .filter(|(_, p)| {
            p.names
                .iter()
                .any(|n| n.len() > words.len() && n.ends_with(words))
        })
        .map(|(k, _)| k.clone())
        .collect()
}

/// Links a one-word name to the person it stands for, if that is certain.
fn link_single<'a>(
    cx: &Ctx<'a>,
    protos: &mut Protos<'a>,
    c: &Cand,
    words: &[String],
) -> Option<Key<'a>> {
    if words.is_empty() {
        return None;
    }
    let (cued, hint) = match c.what {
        What::Person { cued, hint } => (cued, hint),
        _ => (false, None),
    };
    let mut found = people_ending_with(protos, words);
    if let Some(e) = hint {
        let k = Key::Borrowed(cx.gz.get(e).key());
        if !found.contains(&k) {
            found.push(k);
        }
    }
    if found.len() > 1
        && let Some(sector) = c.role.as_ref().and_then(|r| r.sector.as_ref())
    {
        let same: Vec<Key<'a>> = found
            .iter()
            .filter(|k| protos.get(*k).and_then(|p| p.sector.as_ref()) == Some(sector))
            .cloned()
            .collect();
        if same.len() == 1 {
            found = same;
        }
    }
    match found.as_slice() {
        [k] if k.starts_with("gz:") && !protos.contains_key(k) => {
            let e = hint?;
            Some(gz_proto(cx, protos, e).0)
        }
        [k] => Some(k.clone()),
        [] if cued => {
            let key = Key::Owned(format!("per:{}", words.join(" ")));
            let p = protos.entry(key.clone()).or_default();
            p.kind = Some(ActorKind::Person);
            if let Some(r) = &c.role {
                p.country = p.country.or(r.country);
                p.sector = p.sector.clone().or(r.sector.clone());
            }
            Some(key)
        }
        _ => None,
    }
}

/// Finds the document's people again by their surname alone, and new
/// organisations by the acronym given after them in parentheses.
fn recur<'a>(cx: &Ctx<'a>, protos: &Protos<'a>, out: &mut Vec<Resolved<'a>>) {
    let tok_of = |pos: usize| cx.scan.tokens.partition_point(|t| (t.end as usize) <= pos);
    let is_covered = |out: &[Resolved], covered: &mut Vec<bool>| {
        covered.resize(cx.len(), false);
        for r in out {
            let mut t = tok_of(r.span.start);
            while t < cx.len() && cx.start(t) < r.span.end {
                covered[t] = true;
                t += 1;
            }
        }
    };
    let mut covered = Vec::new();
    is_covered(out, &mut covered);
    // The signs of every acronym and surname: most tokens are neither, and
    // a clear bit rules them out before any hashing.
    let mut known = 0u64;
    // Acronyms in parentheses right after a new organisation.
    let mut acronyms: FnvMap<&str, Key<'a>> = FnvMap::default();
    for r in out.iter().filter(|r| r.key.starts_with("org:")) {
        let t = tok_of(r.span.end);
        let initial = cx.text[r.span.start..].chars().next();
        let word = cx.scan.tokens.get(t + 1).copied();
        // `(MNLA)`, or a short capitalised word with the same initial: `(Parena)`.
        let acronym = word.is_some_and(|w| {
            w.is_upper()
                || (w.is_cap()
                    && cx.surface(t + 1).chars().count() <= 8
                    && cx.surface(t + 1).chars().next() == initial)
        });
        if cx.is_punct(t, &['(']) && acronym && cx.is_punct(t + 2, &[')']) && !covered[t + 1] {
            acronyms.insert(cx.surface(t + 1), r.key.clone());
            known |= sign(cx.surface(t + 1));
        }
    }
    // Folded last words of the people's names: a cheap test before any
    // transliteration.
    let mut surnames: FnvMap<&str, Vec<&Key<'a>>> = FnvMap::default();
    for (k, p) in protos
        .iter()
        .filter(|(_, p)| p.kind == Some(ActorKind::Person))
    {
        for n in &p.surfaces {
            if let Some(last) = n.rsplit(' ').next() {
                known |= sign(last);
                let keys = surnames.entry(last).or_default();
                if !keys.contains(&k) {
                    keys.push(k);
                }
            }
        }
    }
    if acronyms.is_empty() && surnames.is_empty() {
        return;
    }
    let mut added = Vec::new();
    // Acronyms are capitalised and names capitalised or hyphenated.
    for t in cx.name_like() {
        if covered[t] || known & (sign(cx.surface(t)) | sign(cx.fold(t))) == 0 {
            continue;
        }
        if cx.tok(t).is_cap()
            && let Some(k) = acronyms.get(cx.surface(t))
        {
            added.push((t, k.clone()));
            continue;
        }
        // The surname lookup is one hash; the name-word tests, several.
        let Some([k]) = surnames.get(cx.fold(t)).map(Vec::as_slice) else {
            continue;
        };
        if !cx.is_name_word(t)
            || (t > 0 && cx.is_name_word(t - 1) && cx.same_sentence(t - 1, t))
            || (cx.is_name_word(t + 1) && cx.same_sentence(t, t + 1))
        {
            continue;
        }
        added.push((t, (*k).clone()));
    }
    for (t, key) in added {
        out.push(Resolved {
            span: Span::new(cx.start(t), cx.end(t)),
            key,
            role: None,
            metonym: false,
            descriptive: false,
        });
    }
}

/// One bit of a word, from its length and first byte: a cheap, lossy
/// stand-in for the word in a set test.
fn sign(w: &str) -> u64 {
    let first = w.as_bytes().first().map_or(0, |&b| usize::from(b));
    1 << ((w.len() * 7 + first) % 64)
}

/// Numbers actors by first mention and writes the records.
fn build(
    cx: &Ctx,
    protos: Protos,
    mut out: Vec<Resolved>,
    sentence_at: impl Fn(usize) -> usize,
    prefer_fr: bool,
) -> (Vec<DocActor>, Vec<Mention>) {
    out.sort_by_key(|r| (r.span.start, r.span.end));
    out.dedup_by(|a, b| a.span.overlaps(b.span));
    // Actor number and proto of each key met: a repeated mention costs one
    // hash lookup instead of a tree search.
    let mut index: FnvMap<&str, (usize, &Proto)> = FnvMap::default();
    let mut actors: Vec<DocActor> = Vec::new();
    let mut mentions = Vec::with_capacity(out.len());
    let iso = |e: Option<EntryIdx>| e.and_then(|e| cx.gz.get(e).country.clone());
    for r in &out {
        let surface = &cx.text[r.span.start..r.span.end];
        let (idx, p) = match index.get(r.key.as_ref()) {
            Some(&known) => known,
            None => {
                let Some(p) = protos.get(&r.key) else {
                    continue;
                };
                let actor = match p.entry.map(|e| cx.gz.get(e)) {
                    Some(e) => DocActor {
                        actor_id: e.actor_id().to_string(),
                        key: r.key.to_string(),
                        name: e.name(prefer_fr).to_string(),
                        kind: e.kind,
                        country: e.country.clone().or(iso(p.country)),
                        sector: p.sector.clone(),
                        known_aliases: e.distinct_names().to_vec(),
                        wikidata: e.wikidata.clone(),
                    },
                    None => DocActor {
                        actor_id: actor_id(&r.key),
                        key: r.key.to_string(),
                        name: surface.to_string(),
                        kind: p.kind.unwrap_or(ActorKind::Organization),
                        country: iso(p.country),
                        sector: p.sector.clone(),
                        known_aliases: Vec::new(),
                        wikidata: None,
                    },
                };
                actors.push(actor);
                index.insert(r.key.as_ref(), (actors.len() - 1, p));
                (actors.len() - 1, p)
            }
        };
        let a = &mut actors[idx];
        if p.entry.is_none() && surface.chars().count() > a.name.chars().count() {
            a.name = surface.to_string();
        }
        mentions.push(Mention {
            span: r.span,
            sentence: sentence_at(r.span.start),
            actor: idx,
            role: r
                .role
                .as_ref()
                .map(|x| cx.text[x.span.start..x.span.end].to_string()),
            metonym: r.metonym,
        });
    }
    (actors, mentions)
}

#[cfg(test)]
mod tests {
    use super::super::testdata::{Case, L, P, check, describe, w};
    use crate::document::Document;

    #[test]
    fn french_resolution_and_shared_surnames() {
        check(vec![
            Case {
                name: "two Traorés stay two; the bare surname stays unlinked",
                lang: "fr",
                text: "Le capitaine Ibrahim Traoré a reçu la chanteuse Aminata Traoré. Traoré a souri.",
                want: vec![
                    w("Ibrahim Traoré", "Ibrahim Traoré", P).country("BFA"),
                    w("Aminata Traoré", "Aminata Traoré", P),
                ],
                absent: vec!["Traoré a"],
            },
            Case {
                name: "gazetteer person in two spellings",
                lang: "fr",
                text: "Sergueï Lavrov est à Bamako. Sergei Lavrov a promis de l'aide. Lavrov repart.",
                want: vec![
                    w("Sergueï Lavrov", "Sergueï Lavrov", P).country("RUS"),
                    w("Sergei Lavrov", "Sergueï Lavrov", P),
                    w("Lavrov", "Sergueï Lavrov", P),
                    w("Bamako", "Bamako", L),
                ],
                absent: vec![],
            },
            Case {
                name: "gazetteer spelling not listed, through the transliteration key",
                lang: "fr",
                text: "Sergueï Viktorovitch Lavrov a parlé.",
                want: vec![w("Sergueï Viktorovitch Lavrov", "Sergueï Lavrov", P)],
                absent: vec![],
            },
            Case {
                name: "unknown person in two transliterations",
                lang: "fr",
                text: "Iouri Ouchakov a parlé. Le conseiller Yuri Ushakov a ajouté un mot.",
                want: vec![
                    w("Iouri Ouchakov", "Iouri Ouchakov", P),
                    w("Yuri Ushakov", "Iouri Ouchakov", P),
                ],
                absent: vec![],
            },
        ]);
    }

    #[test]
    fn ids_follow_keys_across_documents() {
        let a = super::super::testdata::run("fr", "Le conseiller Iouri Ouchakov a parlé à Gao.");
        let b = super::super::testdata::run("en", "Adviser Yuri Ushakov spoke in Gao.");
        let id = |d: &Document, s: &str| {
            d.mentions
                .iter()
                .find(|m| d.slice(m.span) == s)
                .map(|m| d.actors[m.actor].actor_id.clone())
        };
        assert!(id(&a, "Iouri Ouchakov").is_some(), "{}", describe(&a));
        assert_eq!(
            id(&a, "Iouri Ouchakov"),
            id(&b, "Yuri Ushakov"),
            "{}",
            describe(&b)
        );
        assert_eq!(id(&a, "Gao"), id(&b, "Gao"));
    }
}
