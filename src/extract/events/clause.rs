//! One sentence as the events stage sees it: folded word tokens, the actor
//! mentions, demonyms and dates over them, clause bounds, and the
//! preposition that governs a phrase.
//!
//! There is no parser: a phrase's grammatical role is read from the nearest
//! preposition before it (walking back over determiners, titles and
//! adjectives), and clauses end at strong punctuation and at the words of
//! the `clause_break` class (relative pronouns, `que`/`that`, `mais`/`but`,
//! background conjunctions such as `after`).

use crate::document::{ActorIdx, ActorKind, Document, Span};

use super::lexicon::C;
use super::lexicon::{LangLex, WordInfo};
use super::tokens::{Folded, Token};

/// An actor mention over tokens `first..=last`.
#[derive(Debug, Clone, Copy)]
pub struct Ment {
    /// First token.
    pub first: usize,
    /// Last token.
    pub last: usize,
    /// The actor.
    pub actor: ActorIdx,
    /// First token of its title when the title is written just before it
    /// (`le ministre russe des Affaires étrangères, Sergueï Lavrov`): the
    /// phrase's preposition is looked for before the title.
    pub head: usize,
}

/// Where the title `role` (as the actors stage attached it) starts when
/// it is written just before token `first`, possibly with a comma between.
/// `scratch` holds the folded title and its tokens (reused buffers).
fn title_start(
    words: &[&str],
    first: usize,
    role: &str,
    scratch: &mut (String, Vec<Token>),
) -> Option<usize> {
    let (text, toks) = scratch;
    super::tokens::fold_into(role, text);
    toks.clear();
    super::tokens::tokenize(text, 0, text.len(), toks);
    let mut end = first;
    if end > 0 && words[end - 1] == "," {
        end -= 1;
    }
    let n = toks.len();
    (n > 0
        && n <= end
        && words[end - n..end]
            .iter()
            .zip(toks.iter())
            .all(|(a, t)| *a == &text[t.start..t.end]))
    .then(|| end - n)
}

/// `le pays`, `the country`: the last country the article named before
/// the sentence that is not named again in it (`soldats français déployés
/// dans le pays`: not France), as a mention over the phrase.
#[allow(clippy::too_many_arguments)]
fn country_anaphors(
    doc: &Document,
    folded: &Folded,
    lex: &LangLex,
    toks: &[Token],
    info: &[WordInfo],
    words: &[&str],
    ments: &[Ment],
    demonyms: &super::lexicon::WordMap<String>,
) -> Vec<Ment> {
    let mut out = Vec::new();
    for i in 0..words.len() {
        if info[i].starts & (1 << C::TheCountry as u64) == 0 {
            continue;
        }
        let Some(len) = lex.class_at(info, i, C::TheCountry) else {
            continue;
        };
        let code_of = |a: usize| {
            doc.actors
                .get(a)
                .filter(|x| x.kind == ActorKind::Country)
                .and_then(|x| x.country.clone())
        };
        let named_here: Vec<String> = ments
            .iter()
            .filter_map(|m| code_of(m.actor))
            .chain(words[..i].iter().filter_map(|w| demonyms.get(*w).cloned()))
            .collect();
        let before = folded.orig(toks[i].start);
        let found = doc.mentions[..doc.mentions.partition_point(|m| m.span.start < before)]
            .iter()
            .rev()
            .find(|m| code_of(m.actor).is_some_and(|c| !named_here.contains(&c)));
        if let Some(m) = found {
            out.push(Ment {
                first: i,
                last: i + len - 1,
                actor: m.actor,
                head: i,
            });
        }
    }
    out
}

/// A demonym (`russe`, `Malian`) standing for its country.
#[derive(Debug, Clone)]
pub struct Demonym {
    /// The token.
    pub tok: usize,
    /// ISO alpha-3 code.
    pub code: String,
}

/// The phrase role a preposition gives (see [`Sent::governor`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gov {
    /// Subject or direct object: no preposition.
    Core,
    /// `de`, `du`, `of`: complement of a noun.
    Gen,
    /// `à`, `au`, `en`, `to`: destination, place or recipient.
    Dest,
    /// `dans`, `in`, `at`: where it happens.
    Loc,
    /// `avec`, `with`.
    With,
    /// `entre`, `between`.
    Between,
    /// `par`, `by`: passive agent.
    Agent,
    /// `contre`, `against`.
    Against,
    /// `from`.
    From,
    /// Other prepositions (`selon`, `according to`, `pour`): not a participant.
    Oblique,
    /// Background adjuncts (`après`, `following`, `in the wake of`).
    Background,
    /// Event adjuncts (`lors de`, `during`): the phrase is an event of the clause subject.
    EventAdjunct,
}

/// A sentence prepared for event analysis. One is kept per document and
/// refilled for each sentence ([`Sent::tokenize`], then [`Sent::analyse`]
/// when some trigger is anchored in it), so that its buffers are reused.
#[derive(Default)]
pub struct Sent<'a> {
    /// Index of the sentence in the document.
    pub index: usize,
    /// Folded word of each token (filled by [`Sent::analyse`]: the
    /// sentences that are only tokenised are read through their tokens).
    pub words: Vec<&'a str>,
    /// The whole folded text the tokens index.
    pub ftext: &'a [u8],
    /// The tokens whose word is an anchor word ([`Sent::anchor_words`]).
    anchor_words: Vec<usize>,
    /// The tokens (folded offsets).
    pub toks: Vec<Token>,
    /// The document's text and its folded copy, for [`Sent::cap`] (read
    /// for a few tokens only, so not computed for all).
    text: &'a str,
    /// See `text`.
    folded: Option<&'a Folded>,
    /// The lexicon entry of each token (its classes, its word id).
    pub info: Vec<WordInfo>,
    /// Tokens that end a clause (`hard_break`), computed once.
    breaks: Vec<bool>,
    /// Relative clauses set off by commas (see [`Sent::incises`]).
    incises: Vec<(usize, usize)>,
    /// Actor mentions, in order.
    pub ments: Vec<Ment>,
    /// Demonyms, in order.
    pub demonyms: Vec<Demonym>,
    /// Dates: (first token, last token, index into `Document::dates`).
    pub dates: Vec<(usize, usize, usize)>,
    /// The `if`/`unless` clauses ([`Sent::conditions`]).
    conditions: Vec<(usize, usize)>,
    /// The classes some entry of which starts at a word of the sentence,
    /// or that some word is a one-word entry of (bits `1 << C`): a class
    /// absent here needs no walk over the words.
    classes_here: u64,
    /// A mention's folded title and its tokens ([`title_start`]).
    title: (String, Vec<Token>),
    /// The first folded byte of the sentence.
    start: usize,
}

/// The punctuation that may end a clause (`;` `:` `.` `!` `?` and
/// brackets), by byte.
static BREAK_PUNCT: [bool; 256] = {
    let mut t = [false; 256];
    let marks = *b";:.!?[]()";
    let mut k = 0;
    while k < marks.len() {
        t[marks[k] as usize] = true;
        k += 1;
    }
    t
};

/// The first and last tokens of a sentence that a document span covers.
fn span_tokens(toks: &[Token], folded: &Folded, s: Span) -> Option<(usize, usize)> {
    tok_range(toks, folded.folded(s.start), folded.folded(s.end))
}

/// Tokens covering folded span `[s, e)`: (first, last) inclusive.
fn tok_range(toks: &[Token], s: usize, e: usize) -> Option<(usize, usize)> {
    let first = toks.partition_point(|t| t.end <= s);
    let end = toks.partition_point(|t| t.start < e);
    (first < end).then(|| (first, end - 1))
}

impl<'a> Sent<'a> {
    /// Tokenises folded text `[start, end)`, reads each token's word and
    /// looks it up once, in one pass: enough to tell whether any trigger
    /// is anchored in the sentence ([`Sent::anchor_words`]) before the rest
    /// of it is analysed.
    pub fn tokenize(&mut self, folded: &'a Folded, start: usize, end: usize, lex: &LangLex) {
        self.start = start;
        self.toks.clear();
        self.info.clear();
        self.words.clear();
        self.anchor_words.clear();
        let text: &'a str = &folded.text;
        self.ftext = text.as_bytes();
        let (toks, info, anchor_words) = (&mut self.toks, &mut self.info, &mut self.anchor_words);
        super::tokens::tokenize_words(text, start, end, |t, first8| {
            let w = lex.word_from(text, t.start, t.end, first8);
            if w.is_anchor() {
                anchor_words.push(toks.len());
            }
            toks.push(t);
            info.push(*w);
        });
    }

    /// The tokens whose words some trigger pattern is anchored on (after
    /// [`Sent::tokenize`]).
    pub fn anchor_words(&self) -> &[usize] {
        &self.anchor_words
    }

    /// Fills the view of sentence `index` of `doc`, whose tokens and
    /// words [`Sent::tokenize`] read.
    pub fn analyse(
        &mut self,
        doc: &'a Document,
        folded: &'a Folded,
        index: usize,
        lex: &LangLex,
        demonyms: &super::lexicon::WordMap<String>,
    ) {
        let span = doc.sentences[index];
        self.index = index;
        let text: &'a str = &folded.text;
        self.words.clear();
        self.words
            .extend(self.toks.iter().map(|t| &text[t.start..t.end]));
        self.classes_here = self.info.iter().fold(0, |a, w| a | w.starts | w.mask);
        self.text = &doc.text;
        self.folded = Some(folded);
        self.fill_ments(doc, folded, span, lex, demonyms);
        self.fill_dates(doc, folded, span);
        self.fill_demonyms(demonyms);
        let mut breaks = std::mem::take(&mut self.breaks);
        breaks.clear();
        breaks.resize(self.toks.len(), false);
        // (only strong punctuation, brackets and clause-break words can
        // end a clause; a word token is never punctuation, and punctuation
        // is one byte: a tight pass finds those few, then each is judged)
        let (toks, info, text) = (&self.toks, &self.info, self.ftext);
        for (i, slot) in breaks.iter_mut().enumerate() {
            let (Some(t), Some(w)) = (toks.get(i), info.get(i)) else {
                break;
            };
            let punct = !t.word
                && text
                    .get(t.start)
                    .is_some_and(|&b| BREAK_PUNCT[usize::from(b)]);
            *slot = punct || w.mask & (1 << C::ClauseBreak as u64) != 0;
        }
        for (i, b) in breaks.iter_mut().enumerate() {
            if *b {
                *b = self.compute_hard_break(lex, i);
            }
        }
        self.breaks = breaks;
        let mut incises = std::mem::take(&mut self.incises);
        self.compute_incises(&mut incises);
        self.incises = incises;
        let mut conditions = std::mem::take(&mut self.conditions);
        super::status::find_conditions(self, lex, &mut conditions);
        self.conditions = conditions;
    }

    /// The `if`/`unless` clauses: from the conjunction to the next comma
    /// (or the sentence end), as token ranges.
    pub fn conditions(&self) -> &[(usize, usize)] {
        &self.conditions
    }

    /// True when token `i` starts with a capital in the original text
    /// (false past the end).
    pub fn cap(&self, i: usize) -> bool {
        let (Some(t), Some(folded)) = (self.toks.get(i), self.folded) else {
            return false;
        };
        let o = folded.orig(t.start);
        match self.text.as_bytes().get(o) {
            Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
            Some(_) => self.text[o..]
                .chars()
                .next()
                .is_some_and(char::is_uppercase),
            None => false,
        }
    }

    /// The actor mentions of the sentence, and the country anaphors.
    #[inline(never)]
    fn fill_ments(
        &mut self,
        doc: &Document,
        folded: &Folded,
        span: Span,
        lex: &LangLex,
        demonyms: &super::lexicon::WordMap<String>,
    ) {
        let toks = &self.toks;
        let to_toks = |s: Span| span_tokens(toks, folded, s);
        let lo = doc.mentions.partition_point(|m| m.span.start < span.start);
        self.ments.clear();
        for m in doc.mentions[lo..]
            .iter()
            .take_while(|m| m.span.start < span.end)
        {
            let Some((first, last)) = to_toks(m.span) else {
                continue;
            };
            let head = m
                .role
                .as_deref()
                .and_then(|r| title_start(&self.words, first, r, &mut self.title))
                .unwrap_or(first);
            self.ments.push(Ment {
                first,
                last,
                actor: m.actor,
                head,
            });
        }
        if !self.has_class(C::TheCountry) {
            self.ments.sort_by_key(|m| m.first);
            return;
        }
        let anaphors = country_anaphors(
            doc,
            folded,
            lex,
            &self.toks,
            &self.info,
            &self.words,
            &self.ments,
            demonyms,
        );
        self.ments.extend(anaphors);
        self.ments.sort_by_key(|m| m.first);
    }

    /// The dates of the sentence; they come in text order.
    #[inline(never)]
    fn fill_dates(&mut self, doc: &Document, folded: &Folded, span: Span) {
        let toks = &self.toks;
        let to_toks = |s: Span| span_tokens(toks, folded, s);
        let first_date = doc.dates.partition_point(|d| d.span.start < span.start);
        self.dates.clear();
        self.dates.extend(
            doc.dates
                .iter()
                .enumerate()
                .skip(first_date)
                .take_while(|(_, d)| d.span.start < span.end)
                .filter(|(_, d)| span.contains(d.span))
                .filter_map(|(i, d)| to_toks(d.span).map(|(a, b)| (a, b, i))),
        );
    }

    /// The demonyms outside mentions.
    #[inline(never)]
    fn fill_demonyms(&mut self, demonyms: &super::lexicon::WordMap<String>) {
        self.demonyms.clear();
        if demonyms.is_empty() || !self.info.iter().any(|w| w.demonym) {
            return;
        }
        let (info, ments) = (&self.info, &self.ments);
        self.demonyms.extend(
            self.words
                .iter()
                .enumerate()
                .filter(|(i, _)| info[*i].demonym)
                .filter(|(i, _)| !ments.iter().any(|m| m.first <= *i && *i <= m.last))
                .filter_map(|(i, w)| {
                    demonyms.get(*w).map(|c| Demonym {
                        tok: i,
                        code: c.clone(),
                    })
                }),
        );
    }

    /// Relative clauses set off by commas (`, qui a signé un accord en 2022,`),
    /// as token ranges from the pronoun to the closing comma.
    pub fn incises(&self) -> &[(usize, usize)] {
        &self.incises
    }

    /// Length of the longest entry of class `c` starting at token `i`.
    #[inline]
    pub fn at(&self, lex: &LangLex, i: usize, c: C) -> Option<usize> {
        if self.info.get(i)?.starts & (1 << c as u64) == 0 {
            return None;
        }
        lex.class_at(&self.info, i, c)
    }

    /// True when token `i` is a one-word entry of class `c`.
    #[inline]
    pub fn is(&self, i: usize, c: C) -> bool {
        self.info
            .get(i)
            .is_some_and(|w| w.mask & (1 << c as u64) != 0)
    }

    /// True for punctuation that ends a phrase (not hyphens, apostrophes or quotes).
    pub fn is_punct(&self, i: usize) -> bool {
        self.words[i]
            .as_bytes()
            .first()
            .is_some_and(|c| !c.is_ascii_alphanumeric() && !matches!(c, b'\'' | b'-' | b'"'))
    }

    /// True when token `i` ends a clause (strong punctuation, a clause
    /// opener that is not part of a longer phrase).
    fn hard_break(&self, i: usize) -> bool {
        self.breaks[i]
    }

    #[inline(never)]
    fn compute_hard_break(&self, lex: &LangLex, i: usize) -> bool {
        if let &[b] = self.words[i].as_bytes() {
            match b {
                b';' | b':' | b'.' | b'!' | b'?' | b'[' | b']' => return true,
                // `la Cedeao (Communauté ...)`, `(UA)`: a short aside, not a clause
                b'(' => {
                    return !(i + 1..(i + 6).min(self.words.len())).any(|k| self.words[k] == ")");
                }
                b')' => return !(i.saturating_sub(5)..i).any(|k| self.words[k] == "("),
                _ => {}
            }
        }
        if !self.is(i, C::ClauseBreak) {
            return false;
        }
        // not when the word belongs to a longer phrase (`as well as`, `such
        // as`, `as part of`) that is not itself a clause opener (`parce que`)
        let covers = |c: C| {
            (i.saturating_sub(3)..=i)
                .any(|s| self.at(lex, s, c).is_some_and(|len| len > 1 && s + len > i))
        };
        if covers(C::ClauseBreak) {
            return true;
        }
        ![
            C::Conj,
            C::PrepOblique,
            C::PrepDest,
            C::AdjunctEvent,
            C::AdjunctBackground,
        ]
        .iter()
        .any(|c| covers(*c))
    }

    /// First token of the clause containing token `i`.
    pub fn clause_start(&self, i: usize) -> usize {
        let mut end = i;
        loop {
            let Some(j) = (0..end).rev().find(|&j| self.hard_break(j)) else {
                return 0;
            };
            // `Mali, which Russia armed, attacked`: a relative clause closed by
            // a comma before `i` is an incise of the clause around it
            let incise = self.is(j, C::Relative)
                && j > 0
                && self.words[j - 1] == ","
                && self.words[j + 1..i].contains(&",");
            if !incise {
                return j + 1;
            }
            end = j - 1;
        }
    }

    fn compute_incises(&self, out: &mut Vec<(usize, usize)>) {
        out.clear();
        if !self.has_class(C::Relative) {
            return;
        }
        out.extend(
            (1..self.words.len())
                .filter(|&j| {
                    self.is(j, C::Relative) && self.words[j - 1] == "," && self.hard_break(j)
                })
                .filter_map(|j| {
                    (j + 1..self.words.len())
                        .find(|&k| self.words[k] == ",")
                        .map(|k| (j, k))
                }),
        );
    }

    /// The antecedent of a relative pronoun at token `j`: the mention
    /// right before it (`le Mali, qui ...`).
    pub fn antecedent(&self, j: usize) -> Option<&Ment> {
        let end = if j > 0 && self.words[j - 1] == "," {
            j - 1
        } else {
            j
        };
        self.mention_ending(end)
    }

    /// One past the last token of the clause containing token `i`.
    pub fn clause_end(&self, i: usize) -> usize {
        (i + 1..self.words.len())
            .find(|&j| self.hard_break(j))
            .unwrap_or(self.words.len())
    }

    /// The mention ending at token `end - 1`, if any.
    pub fn mention_ending(&self, end: usize) -> Option<&Ment> {
        self.ments.iter().find(|m| m.last + 1 == end)
    }

    /// The role the nearest preposition gives the phrase starting at token
    /// `first`. `stops` are tokens (triggers) the walk may not cross.
    pub fn governor(&self, lex: &LangLex, first: usize, stops: &[usize]) -> Gov {
        self.governor_depth(lex, first, stops, 0)
    }

    fn governor_depth(&self, lex: &LangLex, first: usize, stops: &[usize], depth: usize) -> Gov {
        let first = self
            .ments
            .iter()
            .find(|m| m.first == first)
            .map_or(first, |m| m.head);
        const PREPS: [(C, Gov); 12] = [
            (C::AdjunctBackground, Gov::Background),
            (C::AdjunctEvent, Gov::EventAdjunct),
            (C::PrepOblique, Gov::Oblique),
            (C::PrepBetween, Gov::Between),
            (C::PrepWith, Gov::With),
            (C::PrepAgent, Gov::Agent),
            (C::PrepAgainst, Gov::Against),
            (C::PrepFrom, Gov::From),
            (C::PrepDest, Gov::Dest),
            (C::PrepLoc, Gov::Loc),
            (C::PrepGen, Gov::Gen),
            (C::LedBy, Gov::Core),
        ];
        // the classes of PREPS, as a bit set of `WordInfo::ends`
        const PREP_ENDS: u64 = {
            let mut m = 0;
            let mut k = 0;
            while k < PREPS.len() {
                m |= 1 << PREPS[k].0 as u64;
                k += 1;
            }
            m
        };
        let mut i = first;
        let mut skipped = 0;
        while i > 0 && skipped <= 6 {
            if stops.contains(&(i - 1)) {
                return Gov::Core;
            }
            // the longest preposition ending here
            // (only the classes the word ends an entry of)
            let ends = self.info.get(i - 1).map_or(0, |w| w.ends & PREP_ENDS);
            // (the earliest start, then the first in PREPS)
            let mut best: Option<(usize, usize, Gov)> = None;
            if ends != 0 {
                lex.each_class_ending_at(&self.info, i, ends, |c, s| {
                    let Some(k) = PREPS.iter().position(|(pc, _)| *pc as u8 == c) else {
                        return;
                    };
                    if best.is_none_or(|(bs, bk, _)| (s, k) < (bs, bk)) {
                        best = Some((s, k, PREPS[k].1));
                    }
                });
            }
            let best = best.map(|(s, _, g)| (s, g));
            if let Some((s, g)) = best {
                // `des Affaires étrangères`: a capitalised complement inside a title
                let title = g == Gov::Gen
                    && self.cap(i)
                    && i != first
                    && !self.ments.iter().any(|m| m.first == i);
                // French `a` is also `has`: a preposition only before a phrase
                let auxiliary = s + 1 == i
                    && self.is(s, C::AuxHave)
                    && i != first
                    && !self.is(i, C::Det)
                    && !self.cap(i);
                if auxiliary {
                    return Gov::Core;
                }
                if !title {
                    return g;
                }
                i = s;
                skipped += 1;
                continue;
            }
            let w = self.words[i - 1];
            if w == "," || self.is(i - 1, C::Conj) {
                // a list: the phrase shares the role of the previous item
                if depth < 6
                    && let Some(m) = (i.saturating_sub(3)..i)
                        .rev()
                        .find_map(|e| self.mention_ending(e))
                        .copied()
                {
                    return self.governor_depth(lex, m.first, stops, depth + 1);
                }
                if let Some(d) = self
                    .demonyms
                    .iter()
                    .find(|d| d.tok + 2 >= i - 1 && d.tok < i - 1)
                {
                    return self.governor_depth(lex, d.tok, stops, depth + 1);
                }
                return Gov::Core;
            }
            // (a verb or a pronoun ends the phrase before too: `grâce à
            // cela l'armée`)
            const ENDS_PHRASE: u64 = 1 << C::ClauseBreak as u64
                | 1 << C::AuxBe as u64
                | 1 << C::AuxHave as u64
                | 1 << C::Pronoun as u64;
            if self.info[i - 1].mask & ENDS_PHRASE != 0
                || self.is_punct(i - 1)
                || self.mention_ending(i).is_some()
            {
                return Gov::Core;
            }
            i -= 1;
            skipped += 1;
        }
        Gov::Core
    }

    /// True when token `i` is an auxiliary verb (`a`, `ont`, `was`); French
    /// `a` is also the preposition `à` when a phrase follows (`à Moscou`).
    pub fn is_auxiliary(&self, i: usize) -> bool {
        if !self.is(i, C::AuxBe) && !self.is(i, C::AuxHave) {
            return false;
        }
        let prep = self.is(i, C::PrepDest);
        let phrase_follows = self
            .words
            .get(i + 1)
            .is_some_and(|x| self.is(i + 1, C::Det) || x.as_bytes()[0].is_ascii_digit())
            || self.cap(i + 1)
            || self.ments.iter().any(|m| m.first == i + 1);
        !(prep && phrase_follows)
    }

    /// Mentions starting in tokens `[from, to)`.
    pub fn ments_in(&self, from: usize, to: usize) -> impl Iterator<Item = &Ment> {
        self.ments
            .iter()
            .filter(move |m| m.first >= from && m.first < to)
    }

    /// Demonyms in tokens `[from, to)`.
    pub fn demonyms_in(&self, from: usize, to: usize) -> impl Iterator<Item = &Demonym> {
        self.demonyms
            .iter()
            .filter(move |d| d.tok >= from && d.tok < to)
    }

    /// True when a word of `class` starts in the `n` tokens before token `i`,
    /// not before the clause start `cs`.
    pub fn class_before(&self, lex: &LangLex, class: C, cs: usize, i: usize, n: usize) -> bool {
        self.class_in(lex, class, cs.max(i.saturating_sub(n)), i)
            .is_some()
    }

    /// False when no entry of class `c` starts at any word of the
    /// (analysed) sentence.
    pub fn has_class(&self, c: C) -> bool {
        self.classes_here & (1 << c as u64) != 0
    }

    /// True when a word of `class` starts in tokens `[from, to)`.
    pub fn class_in(&self, lex: &LangLex, class: C, from: usize, to: usize) -> Option<usize> {
        // the class bit of each word first: most words start no entry
        let bit = 1 << class as u64;
        if self.classes_here & bit == 0 {
            return None;
        }
        let to = to.min(self.info.len());
        (from..to).find(|&i| {
            self.info[i].starts & bit != 0 && lex.class_at(&self.info, i, class).is_some()
        })
    }
}
