//! The events stage's language data, compiled once: word classes
//! ([`super::classes`]), trigger patterns (`event_triggers.tsv`) expanded
//! through the inflector, and one word index: for every word, its grammar
//! classes and the patterns anchored on it.
//!
//! A pattern is a sequence of space-separated elements: a literal word or
//! words (`coup d'état`; `_` joins the words of one alternative in a `|`
//! list), `V:lemma` (every inflected form of a verb),
//! `N:noun` (singular and plural), `@class` (a grammar class), alternatives
//! joined by `|`, and `*N` (a gap of up to N words). The anchor (the first
//! verb or noun element, else the first literal) is what the word index
//! finds (its first word is one token); the rest is checked around it by
//! [`super::matcher`].

use std::collections::BTreeMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::path::Path;

pub use super::classes::{C, Class, WordMap, load_classes};
use super::index::{ClassIndex, ShortWords};
use super::inflect::{Inflector, Tenses};
use super::tokens::{fold_entry, tokenize_str};
use crate::lexicon::{LexiconError, read_table};

/// One alternative of a pattern element: a word sequence and, for verb
/// forms, the tenses it expresses.
#[derive(Debug, Clone)]
pub struct Alt {
    /// Folded words.
    pub words: Vec<String>,
    /// Tenses of a verb form (0 for other words).
    pub tenses: Tenses,
    /// The word ids of `words` ([`WordInfo::id`]), so that matching
    /// compares numbers.
    pub ids: Vec<u32>,
}

/// A pattern element.
#[derive(Debug, Clone)]
pub enum Elem {
    /// Any of these word sequences, and the bit sets of their first and
    /// of their last words' ids modulo 128 ([`Elem::may_start`]).
    Alts(Vec<Alt>, u128, u128),
    /// Up to this many skipped words.
    Gap(usize),
}

impl Elem {
    /// False when no alternative of the element can start (or end, with
    /// the bit set of last words) with the word whose id is `id`: a quick
    /// test before comparing each alternative.
    pub fn may_start(firsts: u128, id: u32) -> bool {
        id != u32::MAX && firsts >> (id % 128) & 1 != 0
    }
}

/// How a trigger's arguments map to source and target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frame {
    /// Subject (or genitive, or `par` agent) is the source; object,
    /// dative or `contre` phrase is the target.
    Default,
    /// Travel: the subject is the source; the destination's country is the
    /// target (one event per destination) and the place the location.
    Move,
    /// `visit X`: the subject is the source, the object the host.
    Visit,
    /// `receive X`, `host X`: the subject is the host (target), the object
    /// the visitor (source).
    Host,
    /// Meetings, talks, clashes: every participant is a source.
    Recip,
    /// `X said Y must ...`: the speaker is the source, Y the target.
    Must,
}

/// What a trigger does besides (or instead of) coding an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A plain event trigger.
    Event,
    /// Promise, offer, agreement to do something: embedded acts become AGREE
    /// (tense rule).
    Agree,
    /// Threat to do something: THREATEN, mode from the embedded act.
    Threaten,
    /// Refusal to do something: REJECT, mode from the embedded act.
    Reject,
    /// Demand that someone do something: REQUEST, mode from the embedded act.
    Request,
    /// Plan, announcement, scheduling: the embedded act is planned.
    Planned,
    /// Wish, intention: the embedded act is planned, nothing without one.
    Intent,
    /// `continue to`, `resume`: passes the embedded act through unchanged.
    Aspect,
}

/// A condition a trigger needs in its clause.
#[derive(Debug, Clone)]
pub enum Need {
    /// A destination phrase (`à`, `au`, `in`, `to` + place or country).
    Dest,
    /// A word of the class after the trigger in its clause (within 8 words).
    Obj(C),
    /// A word of the class before the trigger in its clause (within 8 words).
    Subj(C),
    /// A word of the class right after the trigger.
    Next(C),
    /// An actor mention as the direct object.
    ObjActor,
    /// An organisation among the actors after the trigger (`quitter la CEDEAO`).
    OrgObj,
    /// A visitor: an actor as the direct object, or a passive agent.
    Visitor,
    /// Only as an act governed by a controller or light verb (`poursuivre son aide`).
    Governed,
    /// The negation of a need.
    Not(Box<Need>),
}

/// One trigger pattern.
#[derive(Debug, Clone)]
pub struct Trigger {
    /// PLOVER category, or `None` for a pure cue (planned, intent, aspect).
    pub event_type: Option<String>,
    /// PLOVER mode.
    pub mode: Option<String>,
    /// Pattern elements.
    pub elems: Vec<Elem>,
    /// Index of the anchor element.
    pub anchor: usize,
    /// Argument frame.
    pub frame: Frame,
    /// Controller or cue role.
    pub role: Role,
    /// Conditions on the clause.
    pub needs: Vec<Need>,
    /// True when the anchor is a noun (needs eventive context).
    pub noun: bool,
    /// For nouns: the first `de`/`of` phrase is the patient (target), not the agent.
    pub gen_patient: bool,
    /// Line in the data file, for messages and tests.
    pub line: usize,
}

impl Trigger {
    /// True when the pattern's last element is a verb (`N:attack *8
    /// V:kill`): its words after the noun are a predicate, not a name.
    pub fn ends_in_verb(&self) -> bool {
        matches!(self.elems.last(), Some(Elem::Alts(alts, _, _)) if alts.iter().any(|a| a.tenses != 0))
    }
}

/// Everything the stage knows about one language.
#[derive(Debug)]
pub struct LangLex {
    /// Trigger patterns.
    pub triggers: Vec<Trigger>,
    /// Grammar classes by name (for `@class` in patterns).
    pub classes: BTreeMap<String, Class>,
    /// The classes the code reads, indexed by [`C`].
    fixed: Vec<Class>,
    /// Everything known about a single word (classes, anchored patterns):
    /// one hash lookup per token of a sentence instead of one per question.
    words: WordIndex,
    /// For each anchor word: the patterns anchored on it.
    anchors: Vec<Vec<Anchored>>,
    /// The entries of the one-byte ASCII words (punctuation, `a`, `y`):
    /// about a fifth of all tokens, read from a table instead of hashed.
    bytes: Vec<WordInfo>,
    /// The entries of the words of up to sixteen bytes (nearly all).
    short: ShortWords,
    /// The entries of the classes the code reads, by word id.
    class_ids: ClassIndex,
    /// Plural suffix rules of nouns, to inflect demonyms.
    pub inflector: Inflector,
}

/// One pattern anchored on a word: the trigger and the alternative of its
/// anchor element, with what rules most candidates out without reading
/// the pattern (the triggers are far apart in memory, the anchor lists
/// of a sentence's words close).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchored {
    /// Index in [`LangLex::triggers`].
    pub trigger: usize,
    /// Index of the alternative in the anchor element.
    pub alt: usize,
    /// The number of words of the alternative.
    pub len: usize,
    /// When the element after the anchor is a word element: the bit set
    /// of its first words ([`Elem::may_start`]), which the token after
    /// the anchor must be in.
    pub next: Option<u128>,
}

/// What the lexicon knows about one word, looked up once per token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordInfo {
    /// The classes the word is a one-word entry of (bit `1 << C`).
    pub mask: u64,
    /// The classes with an entry starting with the word.
    pub starts: u64,
    /// The classes with an entry ending with the word.
    pub ends: u64,
    /// The patterns anchored on the word, as an index into
    /// [`LangLex::anchored`] (`u32::MAX`: none).
    anchor: u32,
    /// The word's number among the words of trigger patterns
    /// ([`Alt::ids`]) and grammar classes; `u32::MAX` for any other word.
    pub id: u32,
    /// True when the word is a demonym of the country gazetteer
    /// ([`LangLex::mark_demonyms`]): only those are looked up there.
    pub demonym: bool,
}

/// The entry of an unknown word: no class, no pattern.
static UNKNOWN: WordInfo = WordInfo {
    mask: 0,
    starts: 0,
    ends: 0,
    anchor: u32::MAX,
    id: u32::MAX,
    demonym: false,
};

impl Default for WordInfo {
    /// An unknown word: no class, no pattern.
    fn default() -> Self {
        UNKNOWN
    }
}

impl WordInfo {
    /// True when some trigger pattern is anchored on the word.
    pub fn is_anchor(&self) -> bool {
        self.anchor != u32::MAX
    }
}

/// The word index: looked up once per token of every sentence, so hashed
/// eight bytes at a time ([`WordHasher`]).
type WordIndex = std::collections::HashMap<String, WordInfo, BuildHasherDefault<WordHasher>>;

/// A multiplicative hash over eight-byte chunks (the FxHash step): a few
/// instructions for a typical word, where a byte-wise hash takes one
/// multiplication per byte.
#[derive(Default)]
pub struct WordHasher(u64);

impl WordHasher {
    fn add(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(0xf135_7aea_2e62_a9c5);
    }
}

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        // the multiplication leaves its entropy in the high bits; the table
        // indexes with the low ones
        self.0.rotate_left(26)
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        let mut w = [0u8; 8];
        w[..rest.len()].copy_from_slice(rest);
        self.add(u64::from_le_bytes(w) ^ ((rest.len() as u64) << 56));
    }

    fn write_u8(&mut self, b: u8) {
        self.add(u64::from(b));
    }
}

/// A format error at a line of a data file.
pub fn format_err(path: &Path, line: usize, message: String) -> LexiconError {
    LexiconError::Format {
        path: path.to_path_buf(),
        line,
        message,
    }
}

fn parse_elem(
    spec: &str,
    lang: &str,
    infl: &Inflector,
    classes: &BTreeMap<String, Class>,
) -> Result<(Elem, bool, bool), String> {
    if let Some(n) = spec.strip_prefix('*') {
        let n: usize = n.parse().map_err(|_| format!("bad gap '{spec}'"))?;
        return Ok((Elem::Gap(n), false, false));
    }
    let (mut alts, mut lemma, mut literal) = (Vec::new(), false, false);
    for alt in spec.split('|') {
        // `_` joins the words of a multi-word alternative (`N:état_d'urgence`)
        let joined;
        let alt = if alt.starts_with('@') || !alt.contains('_') {
            alt
        } else {
            joined = alt.replace('_', " ");
            joined.as_str()
        };
        if let Some(v) = alt.strip_prefix("V:") {
            lemma = true;
            // the first word conjugates (`mettre en garde`)
            let words = tokenize_str(&fold_entry(v));
            let forms = infl.verb_forms(&words[0]);
            let (be, have) = (&classes[C::AuxBe.name()], &classes[C::AuxHave.name()]);
            let aux = |f: &str| be.has(f) || have.has(f);
            // a form that is also an auxiliary (`sommes` of `sommer`) is the
            // auxiliary, unless the verb is the auxiliary itself (`V:be`)
            // (only a one-word verb's forms can be dropped as auxiliaries)
            let is_aux: Vec<bool> = if words.len() == 1 {
                forms.iter().map(|(f, _)| aux(f)).collect()
            } else {
                vec![false; forms.len()]
            };
            let is_aux_verb = is_aux.iter().filter(|a| **a).count() * 2 > forms.len();
            for ((form, tenses), is_aux) in forms.into_iter().zip(is_aux) {
                if words.len() == 1 && !is_aux_verb && is_aux {
                    continue;
                }
                // built with the form in place: cloning `words` would copy
                // the lemma only to drop it
                let mut w = Vec::with_capacity(words.len());
                w.push(form);
                w.extend_from_slice(&words[1..]);
                alts.push(Alt {
                    words: w,
                    tenses,
                    ids: Vec::new(),
                });
            }
        } else if let Some(n) = alt.strip_prefix("N:") {
            lemma = true;
            let words = tokenize_str(&fold_entry(n));
            // French plurals mark the head (first word), English the last
            let head = if lang == "fr" { 0 } else { words.len() - 1 };
            for form in infl.noun_forms(&words[head]) {
                let mut w = Vec::with_capacity(words.len());
                w.extend_from_slice(&words[..head]);
                w.push(form);
                w.extend_from_slice(&words[head + 1..]);
                alts.push(Alt {
                    words: w,
                    tenses: 0,
                    ids: Vec::new(),
                });
            }
        } else if let Some(c) = alt.strip_prefix('@') {
            let class = classes
                .get(c)
                .ok_or_else(|| format!("unknown class '@{c}'"))?;
            // longest entries first, in a fixed order (the class is a hash map)
            let mut seqs: Vec<&Vec<String>> = class.sequences().collect();
            seqs.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
            for s in seqs {
                alts.push(Alt {
                    words: s.clone(),
                    tenses: 0,
                    ids: Vec::new(),
                });
            }
        } else {
            literal = true;
            alts.push(Alt {
                words: tokenize_str(&fold_entry(alt)),
                tenses: 0,
                ids: Vec::new(),
            });
        }
    }
    alts.retain(|a| !a.words.is_empty());
    if alts.is_empty() {
        return Err(format!("element '{spec}' matches nothing"));
    }
    Ok((Elem::Alts(alts, 0, 0), lemma, literal))
}

fn parse_need(spec: &str) -> Result<Need, String> {
    if let Some(rest) = spec.strip_prefix('!') {
        return Ok(Need::Not(Box::new(parse_need(rest)?)));
    }
    match spec.split_once('=') {
        None if spec == "dest" => Ok(Need::Dest),
        None if spec == "objactor" => Ok(Need::ObjActor),
        None if spec == "orgobj" => Ok(Need::OrgObj),
        None if spec == "visitor" => Ok(Need::Visitor),
        None if spec == "governed" => Ok(Need::Governed),
        Some(("obj", c)) => C::named(c.trim_start_matches('@'))
            .map(Need::Obj)
            .ok_or_else(|| format!("unknown class in need '{spec}'")),
        Some(("next", c)) => C::named(c.trim_start_matches('@'))
            .map(Need::Next)
            .ok_or_else(|| format!("unknown class in need '{spec}'")),
        Some(("subj", c)) => C::named(c.trim_start_matches('@'))
            .map(Need::Subj)
            .ok_or_else(|| format!("unknown class in need '{spec}'")),
        _ => Err(format!(
            "unknown need '{spec}' (use dest, objactor, orgobj, visitor, governed, obj=@class, subj=@class, !need)"
        )),
    }
}

fn parse_frame(s: Option<&str>) -> Result<Frame, String> {
    Ok(match s.unwrap_or("default") {
        "default" => Frame::Default,
        "move" => Frame::Move,
        "visit" => Frame::Visit,
        "host" => Frame::Host,
        "recip" => Frame::Recip,
        "must" => Frame::Must,
        other => return Err(format!("unknown frame '{other}'")),
    })
}

fn parse_role(s: Option<&str>) -> Result<Role, String> {
    Ok(match s.unwrap_or("event") {
        "event" => Role::Event,
        "agree" => Role::Agree,
        "threaten" => Role::Threaten,
        "reject" => Role::Reject,
        "request" => Role::Request,
        "planned" => Role::Planned,
        "intent" => Role::Intent,
        "aspect" => Role::Aspect,
        other => return Err(format!("unknown role '{other}'")),
    })
}

/// The entry of word `w` in the index, added when missing (the key is
/// copied only then: most words of the patterns and classes are already
/// there).
fn entry<'w>(words: &'w mut WordIndex, w: &str) -> &'w mut WordInfo {
    if !words.contains_key(w) {
        words.insert(w.to_string(), WordInfo::default());
    }
    words.get_mut(w).expect("inserted above")
}

/// Numbers the words of the patterns' alternatives ([`Alt::ids`]) and
/// fills each element's bit sets of first and last words.
fn assign_ids(triggers: &mut [Trigger], words: &mut WordIndex, ids: &mut u32) {
    for t in triggers {
        for e in &mut t.elems {
            let Elem::Alts(alts, firsts, lasts) = e else {
                continue;
            };
            for a in alts.iter_mut() {
                a.ids = a
                    .words
                    .iter()
                    .map(|w| {
                        let info = entry(words, w);
                        if info.id == u32::MAX {
                            info.id = *ids;
                            *ids += 1;
                        }
                        info.id
                    })
                    .collect();
                *firsts |= 1 << (a.ids[0] % 128);
                *lasts |= 1 << (a.ids[a.ids.len() - 1] % 128);
            }
        }
    }
}

/// For each anchor word, the patterns anchored on it (and the word's
/// [`WordInfo::anchor`] pointing there).
fn anchor_lists(triggers: &[Trigger], words: &mut WordIndex) -> Vec<Vec<Anchored>> {
    let mut anchors: Vec<Vec<Anchored>> = Vec::new();
    for (ti, t) in triggers.iter().enumerate() {
        let Elem::Alts(alts, _, _) = &t.elems[t.anchor] else {
            continue;
        };
        let next = match t.elems.get(t.anchor + 1) {
            Some(Elem::Alts(_, firsts, _)) => Some(*firsts),
            _ => None,
        };
        for (ai, alt) in alts.iter().enumerate() {
            let info = entry(words, &alt.words[0]);
            if !info.is_anchor() {
                info.anchor = u32::try_from(anchors.len()).unwrap_or(u32::MAX - 1);
                anchors.push(Vec::new());
            }
            anchors[info.anchor as usize].push(Anchored {
                trigger: ti,
                alt: ai,
                len: alt.ids.len(),
                next,
            });
        }
    }
    anchors
}

/// Numbers the words of the classes the code reads and sets their class
/// bits ([`WordInfo::mask`], `starts`, `ends`).
fn index_classes(fixed: &[Class], words: &mut WordIndex, ids: &mut u32) {
    for (i, class) in fixed.iter().enumerate() {
        for seq in class.sequences() {
            for w in seq {
                let info = entry(words, w);
                if info.id == u32::MAX {
                    info.id = *ids;
                    *ids += 1;
                }
            }
            if seq.len() == 1 {
                entry(words, &seq[0]).mask |= 1 << i;
            }
            entry(words, &seq[0]).starts |= 1 << i;
            entry(words, &seq[seq.len() - 1]).ends |= 1 << i;
        }
    }
}

impl LangLex {
    /// Loads and compiles one language's grammar, inflection and triggers.
    /// [`LangLex::mark_demonyms`] must run before the first lookup: it
    /// fills the word tables.
    pub fn load(
        lang: &str,
        grammar: &Path,
        triggers: &Path,
        verbs: &Path,
        nouns: &Path,
    ) -> Result<Self, LexiconError> {
        let classes = load_classes(grammar)?;
        let inflector = Inflector::load(verbs, nouns)?;
        let table = read_table(triggers)?;
        let mut out = Vec::new();
        for row in &table.rows {
            let err = |m: String| format_err(triggers, row.line, m);
            let event_type = row.get("type").filter(|t| *t != "-").map(str::to_string);
            if let Some(t) = &event_type
                && crate::plover::quad_class(t).is_none()
            {
                return Err(err(format!("unknown PLOVER category '{t}'")));
            }
            let mut elems = Vec::new();
            // the anchor: the first verb or noun, else the literal whose
            // shortest alternative is longest (the rarest word)
            let (mut anchor_lemma, mut anchor_lit, mut noun) =
                (None, None::<(usize, usize)>, false);
            for spec in row.require("pattern", triggers)?.split_whitespace() {
                let (elem, lemma, literal) =
                    parse_elem(spec, lang, &inflector, &classes).map_err(&err)?;
                if lemma && anchor_lemma.is_none() {
                    anchor_lemma = Some(elems.len());
                    noun = spec.starts_with("N:");
                }
                if literal && let Elem::Alts(alts, _, _) = &elem {
                    let len = alts.iter().map(|a| a.words[0].len()).min().unwrap_or(0);
                    if anchor_lit.is_none_or(|(_, l)| len > l) {
                        anchor_lit = Some((elems.len(), len));
                    }
                }
                elems.push(elem);
            }
            let anchor = anchor_lemma
                .or(anchor_lit.map(|(i, _)| i))
                .ok_or_else(|| err("pattern has no word, verb or noun to anchor on".into()))?;
            if anchor_lemma.is_none() {
                noun = row.get("pos") == Some("n");
            }
            let needs = row
                .list("needs")
                .into_iter()
                .map(parse_need)
                .collect::<Result<Vec<_>, _>>()
                .map_err(&err)?;
            out.push(Trigger {
                event_type,
                mode: row.get("mode").map(str::to_string),
                anchor,
                frame: parse_frame(row.get("frame")).map_err(&err)?,
                role: parse_role(row.get("role")).map_err(&err)?,
                needs,
                noun,
                gen_patient: match row.get("gen") {
                    None | Some("agent") => false,
                    Some("patient") => true,
                    Some(other) => {
                        return Err(err(format!("unknown gen '{other}' (use agent or patient)")));
                    }
                },
                elems,
                line: row.line,
            });
        }
        let mut words = WordIndex::default();
        let mut ids = 0;
        assign_ids(&mut out, &mut words, &mut ids);
        let anchors = anchor_lists(&out, &mut words);
        let fixed: Vec<Class> = C::ALL
            .iter()
            .map(|c| classes.get(c.name()).cloned().unwrap_or_default())
            .collect();
        index_classes(&fixed, &mut words, &mut ids);
        let class_ids = ClassIndex::new(&fixed, |w| words[w].id, ids as usize);
        // the lookup tables are filled by `mark_demonyms`, which the stage
        // calls once the country gazetteer is read (filling them here too
        // would build them twice)
        Ok(LangLex {
            triggers: out,
            fixed,
            words,
            classes,
            anchors,
            bytes: Vec::new(),
            short: ShortWords::default(),
            class_ids,
            inflector,
        })
    }

    /// What the lexicon knows about the word `text[start..end]` (all zero
    /// for an unknown word): a table read for one byte, a probe of the
    /// short-word table up to sixteen bytes.
    #[inline]
    pub fn word_at(&self, text: &str, start: usize, end: usize) -> &WordInfo {
        let bytes = text.as_bytes();
        let found = match end - start {
            1 => self.bytes.get(usize::from(bytes[start])),
            2..=16 => self.short.get(bytes, start, end),
            _ => self.words.get(&text[start..end]),
        };
        found.unwrap_or(&UNKNOWN)
    }

    /// [`LangLex::word_at`], for a token whose first eight bytes the
    /// tokenizer read (`first8`, see [`super::tokens::tokenize_words`]):
    /// a word of up to eight bytes is keyed from them.
    #[inline]
    pub fn word_from(
        &self,
        text: &str,
        start: usize,
        end: usize,
        first8: Option<u64>,
    ) -> &WordInfo {
        match (end - start, first8) {
            (2..=8, Some(w)) => self.short.get_short(w, end - start).unwrap_or(&UNKNOWN),
            _ => self.word_at(text, start, end),
        }
    }

    /// Fills the tables of one-byte and short words from the word index
    /// (after any change to the index).
    fn index_bytes(&mut self) {
        self.bytes = (0..128u8)
            .map(|b| {
                let key = [b];
                let key = std::str::from_utf8(&key).unwrap_or_default();
                self.words.get(key).copied().unwrap_or_default()
            })
            .collect();
        self.short = ShortWords::new(self.words.iter());
    }

    /// Length of the longest entry of class `c` starting at token `i` of a
    /// sentence whose tokens have the entries `info`.
    pub fn class_at(&self, info: &[WordInfo], i: usize, c: C) -> Option<usize> {
        self.class_ids.at(info, i, c)
    }

    /// For each class of `mask` (bits `1 << C`) with an entry ending just
    /// before token `end`, `f(class, start of its longest entry)`.
    pub fn each_class_ending_at(
        &self,
        info: &[WordInfo],
        end: usize,
        mask: u64,
        f: impl FnMut(u8, usize),
    ) {
        self.class_ids.each_ending_at(info, end, mask, f);
    }

    /// Flags the words that are demonyms (the keys of the country
    /// gazetteer's demonym map), and only those.
    pub fn mark_demonyms<'k>(&mut self, keys: impl Iterator<Item = &'k String>) {
        for info in self.words.values_mut() {
            info.demonym = false;
        }
        for k in keys {
            entry(&mut self.words, k).demonym = true;
        }
        self.index_bytes();
    }

    /// The patterns anchored on a word.
    pub fn anchored(&self, info: &WordInfo) -> &[Anchored] {
        self.anchors
            .get(info.anchor as usize)
            .map_or(&[], Vec::as_slice)
    }

    /// A class the code reads (loading checked that it exists).
    pub fn c(&self, c: C) -> &Class {
        &self.fixed[c as usize]
    }
}
