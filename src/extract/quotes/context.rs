//! What the quotes stage computes once per document and every rule reads:
//! tokens, quoted spans, the token → mention map, the actors' known roles
//! and the speech cues.

use std::cell::Cell;

use crate::document::{ActorKind, Document, Span};
use crate::text::fold::fold;

use super::Settings;
use super::cue_scan::{Candidates, CueScan};
use super::cues::{self, Cue};
use super::keys::KeyBuf;
use super::lexicon::{LangLexicon, PhraseSet, role};
use super::marks::{self, Marked};
use super::tokens::{self, Tok, TokenSink};

const NO_MENTION: u32 = u32::MAX;

/// A token's role bits not looked up yet (no word has every role).
const UNKNOWN_ROLE: u32 = u32::MAX;

/// Per-document state shared by the quote rules.
pub(crate) struct Ctx<'a> {
    /// The document.
    pub doc: &'a Document,
    /// Its language's data.
    pub lex: &'a LangLexicon,
    /// Stage settings.
    pub settings: &'a Settings,
    /// All tokens of the text.
    pub toks: Vec<Tok>,
    /// Outermost quoted spans, in text order.
    pub marked: Vec<Marked>,
    /// Speech cues, in text order.
    pub cues: Vec<Cue>,
    /// For each token, the mention covering it (`NO_MENTION` when none).
    mention_of_tok: Vec<u32>,
    /// Mention indices sorted by start.
    pub mention_order: Vec<usize>,
    /// Per actor, its mentions' roles, folded and joined.
    pub actor_roles: Vec<String>,
    /// Per token, its role bits once looked up: the rules ask about the
    /// same few words around each cue many times.
    roles: Vec<Cell<u32>>,
    /// The sentence [`Ctx::sentence_index`] found last: the rules ask
    /// about the same sentence many times in a row.
    last_sentence: Cell<usize>,
}

impl<'a> Ctx<'a> {
    /// Computes the shared state of one document.
    pub fn new(doc: &'a Document, lex: &'a LangLexicon, settings: &'a Settings) -> Ctx<'a> {
        let mut sink = Filed {
            scan: &lex.scan,
            cues: Candidates::with_capacity(doc.text.len()),
            marks: Vec::with_capacity(doc.text.len() / 128),
        };
        let toks = tokens::tokenize_with(&doc.text, &mut sink);
        let marked = marks::find(doc, &toks, &sink.marks, settings.max_quote_paragraphs);
        let (mention_order, mention_of_tok) = mention_map(doc, &toks);
        let actor_roles = actor_roles(doc);
        let mut ctx = Ctx {
            doc,
            lex,
            settings,
            toks,
            marked,
            cues: Vec::new(),
            mention_of_tok,
            mention_order,
            actor_roles,
            roles: Vec::new(),
            last_sentence: Cell::new(0),
        };
        ctx.roles = vec![Cell::new(UNKNOWN_ROLE); ctx.toks.len()];
        ctx.cues = cues::find(&ctx, &sink.cues);
        ctx
    }
}

/// The tokens that the cue scan and the mark pairing must read, filed
/// while tokenizing: they are few, and walking every token again for them
/// cost as much as tokenizing.
struct Filed<'a> {
    scan: &'a CueScan,
    cues: Candidates,
    /// Tokens that may be quotation marks ([`marks::may_be_mark`]).
    marks: Vec<u32>,
}

impl TokenSink for Filed<'_> {
    #[inline(always)]
    fn seen(&mut self, bytes: &[u8], i: usize, t: &Tok) {
        self.scan.visit(bytes, i, t, &mut self.cues);
        if marks::may_be_mark(bytes, t) {
            self.marks.push(i as u32);
        }
    }
}

#[inline(never)]
fn mention_map(doc: &Document, toks: &[Tok]) -> (Vec<usize>, Vec<u32>) {
    let mut mention_order: Vec<usize> = (0..doc.mentions.len())
        .filter(|&i| doc.mentions[i].actor < doc.actors.len())
        .collect();
    // the actors stage gives its mentions in text order, mostly
    let key = |i: usize| (doc.mentions[i].span.start, i);
    if !mention_order.is_sorted_by_key(|&i| key(i)) {
        mention_order.sort_by_key(|&i| key(i));
    }
    let mut mention_of_tok = vec![NO_MENTION; toks.len()];
    // mentions by start: the first token each covers moves only forward
    let mut first = 0;
    for &i in &mention_order {
        let span = doc.mentions[i].span;
        first += toks[first..].partition_point(|t| t.end <= span.start);
        for (k, t) in toks.iter().enumerate().skip(first) {
            if t.start >= span.end {
                break;
            }
            mention_of_tok[k] = i as u32;
        }
    }
    (mention_order, mention_of_tok)
}

#[inline(never)]
fn actor_roles(doc: &Document) -> Vec<String> {
    let mut actor_roles = vec![String::new(); doc.actors.len()];
    for m in &doc.mentions {
        if let (Some(role), Some(r)) = (&m.role, actor_roles.get_mut(m.actor)) {
            r.push_str(&fold(role));
            r.push('|');
        }
    }
    actor_roles
}

impl<'a> Ctx<'a> {
    /// The text of token `i`.
    pub fn text(&self, i: usize) -> &'a str {
        let t = self.toks[i];
        &self.doc.text[t.start..t.end]
    }

    /// The role bits of token `i` ([`LangLexicon::role`]).
    #[inline]
    pub fn role(&self, i: usize) -> u32 {
        match self.roles[i].get() {
            UNKNOWN_ROLE => self.look_up_role(i),
            cached => cached,
        }
    }

    /// [`Ctx::role`] the first time: kept out of line, so that the many
    /// asks answered from the cache stay a load and a test.
    #[inline(never)]
    fn look_up_role(&self, i: usize) -> u32 {
        let r = self.lex.role(self.text(i));
        self.roles[i].set(r);
        r
    }

    /// True when token `i` has role `bit`.
    pub fn is(&self, i: usize, bit: u32) -> bool {
        self.role(i) & bit != 0
    }

    /// The first character of token `i`.
    pub fn ch(&self, i: usize) -> char {
        self.text(i).chars().next().unwrap_or(' ')
    }

    /// The mention covering token `i`.
    pub fn mention_at(&self, i: usize) -> Option<usize> {
        match self.mention_of_tok.get(i) {
            Some(&m) if m != NO_MENTION => Some(m as usize),
            _ => None,
        }
    }

    /// The quoted span whose content or marks contain byte `pos`.
    pub fn marked_at(&self, pos: usize) -> Option<usize> {
        let i = self.marked.partition_point(|m| m.open.start <= pos);
        let m = self.marked.get(i.checked_sub(1)?)?;
        let end = m.end();
        (pos < end).then_some(i - 1)
    }

    /// True when byte `pos` lies inside a quoted span (marks included).
    pub fn in_marked(&self, pos: usize) -> bool {
        self.marked_at(pos).is_some()
    }

    /// [`Document::sentence_at`] of byte `pos`, answered without a search
    /// when `pos` lies in the sentence asked about last.
    pub fn sentence_index(&self, pos: usize) -> usize {
        let s = &self.doc.sentences;
        let i = self.last_sentence.get();
        // the binary search's answer when `pos` falls in `i`'s range and no
        // other sentence starts where `i` does
        let hit = s.get(i).is_some_and(|cur| {
            cur.start <= pos
                && s.get(i + 1).is_none_or(|next| pos < next.start)
                && (i == 0 || s[i - 1].start < cur.start)
        });
        if hit {
            return i;
        }
        let i = self.doc.sentence_at(pos);
        self.last_sentence.set(i);
        i
    }

    /// The sentence span containing byte `pos`.
    pub fn sentence(&self, pos: usize) -> Span {
        self.doc
            .sentences
            .get(self.sentence_index(pos))
            .copied()
            .unwrap_or(Span::new(0, self.doc.text.len()))
    }

    /// True when token `i` is a short capitalised word followed by a period
    /// (an honorific or initial: `M.`, `Mr.`), so the period does not end a phrase.
    pub fn is_abbreviation_period(&self, i: usize) -> bool {
        if self.ch(i) != '.' || i == 0 || !self.toks[i - 1].word {
            return false;
        }
        let w = self.text(i - 1);
        w.chars().count() <= 3 && w.chars().next().is_some_and(char::is_uppercase)
    }

    /// The actor kind of mention `m`, a metonym counting as a country.
    pub fn mention_kind(&self, m: usize) -> ActorKind {
        let mention = &self.doc.mentions[m];
        match self.doc.actors[mention.actor].kind {
            ActorKind::Place if mention.metonym => ActorKind::Country,
            k => k,
        }
    }

    /// Calls `f` with the folded phrase made of tokens `a..=b` (elided
    /// words glued to the next), the key of [`PhraseSet`] and speaker nouns.
    pub fn with_phrase<R>(&self, a: usize, b: usize, f: impl FnOnce(&str) -> R) -> R {
        let mut k = KeyBuf::new();
        if (a..=b).all(|i| self.push_phrase_word(&mut k, a, i)) {
            f(k.as_str())
        } else {
            f(&self.phrase(a, b))
        }
    }

    /// Appends word `i` of the phrase starting at token `a` to `k`; false
    /// when it does not fit.
    fn push_phrase_word(&self, k: &mut KeyBuf, a: usize, i: usize) -> bool {
        // `fold` drops the space before a word when nothing came before it
        let glued = i == a || k.is_empty() || self.text(i - 1).ends_with(['\'', '\u{2019}']);
        (glued || k.push_str(" ")) && k.push_folded(self.text(i))
    }

    /// True when token `i`, folded, passes `test` (or is too long to fold
    /// on the stack): a cheap test before looking phrases up.
    pub fn folded_token_passes(&self, i: usize, test: impl FnOnce(&str) -> bool) -> bool {
        let mut k = KeyBuf::new();
        !k.push_folded(self.text(i)) || test(k.as_str())
    }

    /// [`Ctx::with_phrase`] on the heap, for phrases too long for the stack.
    fn phrase(&self, a: usize, b: usize) -> String {
        let mut s = String::new();
        for i in a..=b {
            if i > a && !self.text(i - 1).ends_with(['\'', '\u{2019}']) {
                s.push(' ');
            }
            s.push_str(self.text(i));
        }
        fold(&s)
    }

    /// True when tokens `a..=b` lie in one paragraph.
    pub fn same_paragraph(&self, a: usize, b: usize) -> bool {
        !self.doc.text[self.toks[a].start..self.toks[b].end].contains('\n')
    }

    /// The first token of a phrase of `set` ending at token `end`.
    pub fn phrase_ending_at(&self, set: &PhraseSet, end: usize) -> Option<usize> {
        if set.cannot_end_with(self.text(end))
            || !self.folded_token_passes(end, |w| set.may_end_with(w))
        {
            return None;
        }
        (1..=set.max_words.min(end + 1))
            .map(|len| end + 1 - len)
            .take_while(|&start| self.toks[start].word)
            .find(|&start| {
                // a phrase's first word is one of the set's heads
                !set.cannot_start_with(self.text(start))
                    && self.with_phrase(start, end, |p| set.contains(p))
            })
    }

    /// The last token of a phrase of `set` starting at token `start`.
    pub fn phrase_starting_at(&self, set: &PhraseSet, start: usize) -> Option<usize> {
        if start >= self.toks.len()
            || set.cannot_start_with(self.text(start))
            || !self.folded_token_passes(start, |w| set.may_start_with(w))
        {
            return None;
        }
        // each phrase is the previous one and one more word
        let mut k = KeyBuf::new();
        let mut on_stack = true;
        for end in start..(start + set.max_words).min(self.toks.len()) {
            if !self.toks[end].word {
                return None;
            }
            on_stack = on_stack && self.push_phrase_word(&mut k, start, end);
            let found = if on_stack {
                set.contains(k.as_str())
            } else {
                set.contains(&self.phrase(start, end))
            };
            if found {
                return Some(end);
            }
        }
        None
    }

    /// The other end of the adverb or adverbial phrase (`pour sa part`)
    /// that ends (`backward`) or starts at token `j`.
    pub fn adverb_at(&self, j: usize, backward: bool) -> Option<usize> {
        if !self.toks[j].word {
            return None;
        }
        if self.is(j, role::ADVERB) || self.lex.has_adverb_suffix(self.text(j)) {
            return Some(j);
        }
        let set = &self.lex.adverb_phrases;
        if backward {
            self.phrase_ending_at(set, j)
        } else {
            self.phrase_starting_at(set, j)
        }
    }
}
