//! Speech cues: the verb forms and source phrases of the lexicon found in
//! the text, each with the auxiliary it follows (`a déclaré`, `a-t-il
//! ajouté`, `has said`), a subject pronoun glued to it by inversion
//! (`ajoute-t-elle`), its voice (passive `a été qualifiée`) and negation.

use crate::document::Span;

use super::context::Ctx;
use super::cue_scan::Candidates;
use super::lexicon::{FormKind, Frame, Pattern, PronounClass, Use, role};
use super::tokens::first_at;

/// How a cue's speaker is found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CueForm {
    /// A finite verb alone (`déclare`, `said`): subject before or after.
    Finite,
    /// Auxiliary + verb (`a déclaré`, `has said`): subject before or after.
    Compound,
    /// Passive (`a été qualifiée`, `was described`): the agent after `par`/`by`.
    Passive,
    /// A participle without auxiliary (`qualifiée par X`): only with an agent.
    Bare,
    /// An infinitive after a modal chain (`n'a cessé de marteler`).
    Infinitive,
    /// A present participle (`soulignant`): the clause's subject.
    Gerund,
    /// A source phrase (`selon`, `according to`): its complement.
    Source,
}

/// One speech cue.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cue {
    /// The cue as written, auxiliary and glued pronoun included.
    pub span: Span,
    /// First token of `span`.
    pub first_tok: usize,
    /// Last token of `span` (inclusive).
    pub last_tok: usize,
    /// How its speaker is found.
    pub form: CueForm,
    /// Where it counts as a cue.
    pub use_: Use,
    /// Whether it introduces reported speech.
    pub frame: Frame,
    /// The pronoun glued by inversion (`a-t-il` → `il`) and its class.
    pub inverted: Option<PronounClass>,
    /// Preceded by a negation (`n'a pas dit`, `did not say`).
    pub negated: bool,
    /// Inside a quoted span.
    pub in_marked: bool,
}

/// Finds every cue of the document, in text order, from the tokens the
/// cue scan filed while tokenizing.
pub(crate) fn find(ctx: &Ctx<'_>, candidates: &Candidates) -> Vec<Cue> {
    let text = &ctx.doc.text;
    let toks = &ctx.toks;
    let lex = ctx.lex;
    let matches = lex
        .scan
        .matches_among(&lex.automata(), text, toks, candidates);
    let mut out = Vec::with_capacity(matches.len());
    // matches come in text order and quoted spans by opening mark: the
    // quoted span before each match is found by walking, not searching
    let mut after_open = 0;
    for found in matches {
        let m = found.m;
        let first = match found.tok {
            Some(first) => first,
            None => {
                let first = first_at(toks, m.start());
                if first >= toks.len() || toks[first].start != m.start() {
                    continue; // starts inside a word
                }
                first
            }
        };
        // the last token starting before the match end: a match spans few tokens
        let mut last = first;
        while toks.get(last + 1).is_some_and(|t| t.start < m.end()) {
            last += 1;
        }
        let last_tok = toks[last];
        if last_tok.end < m.end() {
            continue;
        }
        let mut inverted = None;
        let mut end = m.end();
        if last_tok.end > m.end() {
            // the match stops inside a word: only an inverted pronoun may follow
            let word = ctx.text(last);
            match ctx.lex.split_inverted(word) {
                Some((head, pron)) if last_tok.start + head == m.end() => {
                    inverted = Some(
                        ctx.lex
                            .pronoun(&word[pron..])
                            .unwrap_or(PronounClass::Nobody),
                    );
                    end = last_tok.end;
                }
                _ => continue,
            }
        }
        if (first..=last).any(|i| ctx.mention_at(i).is_some()) {
            continue; // a word of a name
        }
        let pattern = ctx.lex.patterns[m.pattern().as_usize()];
        let (form, use_, frame) = match pattern {
            Pattern::Source => (CueForm::Source, Use::Any, Frame::None),
            Pattern::SourceInitial if heads_sentence(ctx, first) && comma_follows(ctx, last) => {
                (CueForm::Source, Use::Any, Frame::None)
            }
            Pattern::SourceInitial => continue,
            Pattern::Verb { verb, form } => {
                let v = &ctx.lex.verbs[verb];
                let f = match form {
                    FormKind::Finite => CueForm::Finite,
                    FormKind::Participle => CueForm::Bare,
                    FormKind::Infinitive => CueForm::Infinitive,
                    FormKind::Gerund => CueForm::Gerund,
                };
                (f, v.use_, v.frame)
            }
        };
        let mut cue = Cue {
            span: Span::new(m.start(), end),
            first_tok: first,
            last_tok: last,
            form,
            use_,
            frame,
            inverted,
            negated: false,
            in_marked: {
                while ctx
                    .marked
                    .get(after_open)
                    .is_some_and(|q| q.open.start <= m.start())
                {
                    after_open += 1;
                }
                after_open
                    .checked_sub(1)
                    .is_some_and(|i| m.start() < ctx.marked[i].end())
            },
        };
        if matches!(form, CueForm::Finite | CueForm::Bare) {
            absorb_auxiliary(ctx, &mut cue);
        }
        if cue.form == CueForm::Bare && shares_auxiliary(ctx, &cue) {
            cue.form = CueForm::Compound;
        }
        if cue.first_tok > 0 && ctx.is(cue.first_tok - 1, role::NEGATION) {
            cue.negated = true;
        }
        out.push(cue);
    }
    out
}

/// Tokens looked back over for the auxiliary a coordinated participle shares.
const SHARED_AUX_REACH: usize = 40;

/// True when a participle without auxiliary follows a conjunction and an
/// active compound verb earlier in its sentence, whose auxiliary and subject
/// it shares (`a salué « … » et assuré que`, `a annoncé X et indiqué que`);
/// not when it has an agent (`a été reçu et salué par`).
fn shares_auxiliary(ctx: &Ctx<'_>, cue: &Cue) -> bool {
    let Some(prev) = cue.first_tok.checked_sub(1) else {
        return false;
    };
    if !ctx.toks[prev].word || !ctx.is(prev, role::COORD) {
        return false;
    }
    let agent = ctx
        .toks
        .get(cue.last_tok + 1)
        .is_some_and(|t| t.word && ctx.is(cue.last_tok + 1, role::AGENT));
    if agent {
        return false;
    }
    let start = first_at(&ctx.toks, ctx.sentence(cue.span.start).start);
    (start..prev)
        .rev()
        .take(SHARED_AUX_REACH)
        .find(|&k| ctx.toks[k].word && !ctx.in_marked(ctx.toks[k].start) && ctx.is(k, role::AUX))
        .is_some_and(|k| {
            !ctx.toks
                .get(k + 1)
                .is_some_and(|t| t.word && ctx.is(k + 1, role::PASSIVE))
        })
}

/// True when token `i` is the first word of its sentence.
fn heads_sentence(ctx: &Ctx<'_>, i: usize) -> bool {
    let start = ctx.sentence(ctx.toks[i].start).start;
    ctx.toks[first_at(&ctx.toks, start)..i]
        .iter()
        .all(|t| !t.word)
}

/// True when a comma closes the few words after token `i` (`Pour l'analyste X,`).
fn comma_follows(ctx: &Ctx<'_>, i: usize) -> bool {
    (i + 1..(i + 8).min(ctx.toks.len()))
        .take_while(|&k| ctx.toks[k].word || ctx.ch(k) == ',' || ctx.is_abbreviation_period(k))
        .any(|k| ctx.ch(k) == ',')
}

/// Extends a finite or participle cue over the auxiliary before it (with
/// adverbs and negation in between) and sets its voice.
fn absorb_auxiliary(ctx: &Ctx<'_>, cue: &mut Cue) {
    let lex = ctx.lex;
    let mut j = cue.first_tok;
    let mut skipped = 0;
    while j > 0 && skipped <= 3 {
        let k = j - 1;
        if !ctx.toks[k].word {
            return;
        }
        let w = ctx.text(k);
        if let Some((head, pron)) = lex.split_inverted(w) {
            let r = lex.role(&w[..head]);
            if r & (role::AUX | role::PASSIVE) != 0 {
                cue.inverted = Some(lex.pronoun(&w[pron..]).unwrap_or(PronounClass::Nobody));
                set_start(ctx, cue, k);
                cue.form = if r & role::AUX != 0 {
                    CueForm::Compound
                } else {
                    CueForm::Passive
                };
                return;
            }
        }
        let r = ctx.role(k);
        if r & role::PASSIVE != 0 {
            let before = k.checked_sub(1).map(|b| (b, ctx.role(b)));
            match before {
                Some((b, rb)) if rb & role::REFLEXIVE != 0 => {
                    set_start(ctx, cue, b);
                    cue.form = CueForm::Compound;
                }
                Some((b, rb)) if rb & role::AUX != 0 => {
                    set_start(ctx, cue, b);
                    cue.form = CueForm::Passive;
                }
                _ => {
                    set_start(ctx, cue, k);
                    cue.form = CueForm::Passive;
                }
            }
            return;
        }
        if r & role::AUX != 0 {
            set_start(ctx, cue, k);
            cue.form = CueForm::Compound;
            return;
        }
        if r & role::NEGATION != 0 {
            cue.negated = true;
            j = k;
        } else if let Some(start) = ctx.adverb_at(k, true) {
            j = start;
        } else {
            return;
        }
        skipped += 1;
    }
}

/// The token index of the complementizer after a cue: adverbs, commas, an
/// addressee or a short prepositional phrase (`à la presse`, `in a
/// statement`) and, for verbs such as `tell`, a short object may come between.
pub(crate) fn complementizer(ctx: &Ctx<'_>, cue: &Cue, limit: usize) -> Option<usize> {
    let mut free = if cue.frame == Frame::Object { 3 } else { 0 };
    let mut j = cue.last_tok + 1;
    for _ in 0..10 {
        let t = ctx.toks.get(j)?;
        if t.start >= limit {
            return None;
        }
        let starts_cue = ctx.cues.binary_search_by_key(&j, |c| c.first_tok).is_ok();
        if !t.word {
            if ctx.ch(j) != ',' {
                return None;
            }
        } else if starts_cue {
            return None; // another verb's que (`said in a statement, adding that`)
        } else if ctx.is(j, role::COMPLEMENTIZER) {
            return Some(j);
        } else if let Some(end) = ctx.adverb_at(j, false) {
            j = end;
        } else if ctx.is(j, role::TO | role::PREPOSITION) {
            free = free.max(3);
        } else if free == 0 {
            return None;
        } else {
            free -= 1;
        }
        j += 1;
    }
    None
}

fn set_start(ctx: &Ctx<'_>, cue: &mut Cue, tok: usize) {
    cue.first_tok = tok;
    cue.span.start = ctx.toks[tok].start;
}
