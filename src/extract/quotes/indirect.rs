//! Indirect speech: SPEAKER + speech verb + que/that + clause.
//!
//! Only the clear pattern is taken: a cue outside quotation marks whose
//! verb takes que/that, not negated (`n'a dit que` is restrictive), with a
//! subject (a name, pronoun or speaker noun), followed by `que`/`that` after
//! at most adverbs, an addressee (`à la presse`, `to reporters`) or, for
//! verbs such as `tell`, a short object. The quote is the clause after
//! `que`/`that` up to the end of the sentence; a clause that opens with a
//! quotation mark is left to the quotation rules.

use crate::document::{Quote, QuoteKind, Span};

use super::context::Ctx;
use super::cues::{Cue, CueForm};
use super::lexicon::{Frame, Use, role};
use super::speaker;

/// Words a clause needs to be reported speech.
const MIN_CLAUSE_WORDS: usize = 3;

/// The token index of the complementizer after a cue.
fn complementizer(ctx: &Ctx<'_>, cue: &Cue, limit: usize) -> Option<usize> {
    let mut free = if cue.frame == Frame::Object { 3 } else { 0 };
    let mut j = cue.last_tok + 1;
    for _ in 0..8 {
        let t = ctx.toks.get(j)?;
        if t.start >= limit {
            return None;
        }
        let w = ctx.text(j);
        if t.word && ctx.lex.is(w, role::COMPLEMENTIZER) {
            return Some(j);
        }
        if !t.word {
            if ctx.ch(j) != ',' {
                return None;
            }
        } else if ctx.lex.is(w, role::TO) {
            free = free.max(3);
        } else if !ctx.lex.is_adverb(w) {
            if free == 0 {
                return None;
            }
            free -= 1;
        }
        j += 1;
    }
    None
}

/// The reported clause starting at byte `start`, up to the sentence end.
fn clause(ctx: &Ctx<'_>, start: usize, sentence_end: usize) -> Option<Span> {
    let s = &ctx.doc.text[start..sentence_end];
    let body = s
        .trim_end()
        .trim_end_matches(['.', '!', '?', '…', ';', ':'])
        .trim_end();
    (!body.is_empty()).then(|| Span::new(start, start + body.len()))
}

/// The indirect quotations of a document.
pub(crate) fn quotes(ctx: &Ctx<'_>) -> Vec<Quote> {
    let mut out = Vec::new();
    for cue in &ctx.cues {
        let usable = !cue.in_marked
            && !cue.negated
            && cue.frame != Frame::None
            && matches!(cue.use_, Use::Any | Use::Que)
            && !matches!(
                cue.form,
                CueForm::Passive | CueForm::Bare | CueForm::Source
            );
        if !usable {
            continue;
        }
        let sentence = ctx.sentence(cue.span.start);
        let Some(k) = complementizer(ctx, cue, sentence.end) else {
            continue;
        };
        let Some(first) = ctx.toks.get(k + 1).filter(|t| t.start < sentence.end) else {
            continue;
        };
        if !first.word && ctx.marked_at(first.start).is_some() {
            continue; // `a déclaré que « … »`: a quotation
        }
        let subject = match cue.inverted {
            Some(p) => Some(speaker::Subject::Pronoun(p)),
            None if cue.form == CueForm::Gerund => {
                speaker::clause_head(ctx, sentence.start, cue.span.start)
            }
            None => speaker::before(ctx, cue, sentence.start),
        };
        let Some(subject) = subject else { continue };
        let Some(span) = clause(ctx, first.start, sentence.end) else {
            continue;
        };
        let words = ctx.toks[k + 1..]
            .iter()
            .take_while(|t| t.start < span.end)
            .filter(|t| t.word)
            .count();
        if words < MIN_CLAUSE_WORDS {
            continue;
        }
        out.push(Quote {
            span,
            sentence: ctx.doc.sentence_at(span.start),
            kind: QuoteKind::Indirect,
            speaker: speaker::resolve(ctx, subject, cue.span.start),
            cue: Some(ctx.doc.slice(cue.span).to_string()),
        });
    }
    out
}
