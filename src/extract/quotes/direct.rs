//! Quotations in marks: direct, partial, or not a quotation at all.
//!
//! A quoted span right after a title word (`conférence intitulée`,
//! `l'opération`, `so-called`) is a title or name. One with no speech cue
//! attached that is short (a word or two held at a distance) or written like
//! a title (capitalised words) is a scare quote or name. The rest is a
//! quotation: direct when it reads as a sentence (capital first letter,
//! sentence start, after a colon), partial when it is a few words inside
//! the sentence (`qualifié d'« événement historique »`).
//!
//! The attribution is searched, in order: right after the closing mark
//! (`», a déclaré X`, `," he said`), inside the quotation between commas
//! (`« …, a-t-il ajouté, … »`), earlier in the sentence (`X a déclaré : « … »`,
//! `selon lui « … »`), in the sentence ending with the colon before it, later
//! in the sentence, in the next sentence when it points back at the quotation
//! (`C'est ce qu'a déclaré X`); a quotation with none that follows an attributed one
//! closely (`"…," he said. "…"`) inherits its speaker.
//!
//! A quotation interrupted by its attribution inside one pair of marks
//! (`« A, a-t-il déclaré, B »`) gives two quotes, A and B, with the same
//! speaker and cue, so that no quote contains the attribution; two pairs of
//! marks (`"A," he said, "B."`) give two quotes the same way.

use crate::document::{ActorKind, Quote, QuoteKind, Span};

use super::context::Ctx;
use super::cues::{self, Cue, CueForm};
use super::lexicon::{Frame, Use, role};
use super::marks::Marked;
use super::speaker::{self, Subject};
use super::tokens::first_at;

/// A cue chosen for a quotation and its subject.
#[derive(Debug, Clone, Copy)]
struct Attribution {
    /// The cue; `None` for a name heading the quotation (`Lavrov : « … »`).
    cue: Option<usize>,
    subject: Option<Subject>,
}

/// Tokens an attribution may start after a closing mark.
const AFTER_WINDOW: usize = 6;

/// Tokens from an attribution to the next quotation that inherits it
/// (`"A," said Amina Mohammed, the deputy secretary-general. "B."`).
const INHERIT_WINDOW: usize = 14;

/// Whether a cue can stand without a subject: a lone finite verb or bare
/// participle with no subject is more likely a noun or adjective
/// (`l'annonce`, `la guerre déclarée`).
fn firm(ctx: &Ctx<'_>, cue: &Cue, subject: Option<Subject>) -> bool {
    match cue.form {
        _ if subject.is_some() => true,
        CueForm::Bare => false,
        CueForm::Finite => cue.first_tok > 0 && !ctx.is(cue.first_tok - 1, role::DETERMINER),
        _ => true,
    }
}

fn attribution(
    ctx: &Ctx<'_>,
    cue: usize,
    floor: usize,
    limit: usize,
    inverted: bool,
) -> Option<Attribution> {
    let c = &ctx.cues[cue];
    let subject = speaker::subject(ctx, c, floor, limit, inverted);
    firm(ctx, c, subject).then_some(Attribution {
        cue: Some(cue),
        subject,
    })
}

/// True when the words right before the opening mark name a title or name.
fn after_title_word(ctx: &Ctx<'_>, opener_tok: usize) -> bool {
    opener_tok > 0
        && ctx
            .phrase_ending_at(&ctx.lex.titles, opener_tok - 1)
            .is_some_and(|start| ctx.same_paragraph(start, opener_tok))
}

/// The tokens of a quoted span's content: `first_at` of its start and
/// end, found by walking from its marks (a few tokens away).
fn content_toks(ctx: &Ctx<'_>, q: &Marked) -> (usize, usize) {
    let toks = &ctx.toks;
    let mut a = q.open_tok;
    while toks.get(a).is_some_and(|t| t.start < q.content.start) {
        a += 1;
    }
    let b = match q.close_tok {
        Some(mut b) => {
            while b > a && toks[b - 1].start >= q.content.end {
                b -= 1;
            }
            b
        }
        None => first_at(toks, q.content.end),
    };
    (a, b)
}

/// Word tokens of a quoted span's content.
fn word_count(ctx: &Ctx<'_>, q: &Marked) -> usize {
    let (a, b) = content_toks(ctx, q);
    ctx.toks[a..b].iter().filter(|t| t.word).count()
}

/// Written like a title or name: every word longer than three letters is
/// capitalised, and it does not end like a sentence.
fn title_like(ctx: &Ctx<'_>, q: &Marked) -> bool {
    let text = ctx.doc.slice(q.content);
    if text.ends_with(['.', '!', '?', '…']) {
        return false;
    }
    let (a, b) = content_toks(ctx, q);
    let mut capitals = 0;
    for i in a..b {
        if !ctx.toks[i].word {
            continue;
        }
        let w = ctx.text(i);
        let first = w.chars().next().unwrap_or(' ');
        if first.is_uppercase() {
            capitals += 1;
        } else if first.is_lowercase() && w.chars().count() > 3 {
            return false;
        }
    }
    capitals > 0
}

/// True when the quotation opening at `opener_tok` starts the sentence
/// right after the one of token `cue_tok`, however long the attribution
/// (`"A," said X, a farmer from Y, as he stood near Z. "B."`).
fn opens_next_sentence(ctx: &Ctx<'_>, cue_tok: usize, opener_tok: usize) -> bool {
    let sentence_of = |k: usize| ctx.sentence_index(ctx.toks[k].start);
    sentence_of(opener_tok) == sentence_of(cue_tok) + 1
        && ctx.sentence(ctx.toks[opener_tok].start).start == ctx.toks[opener_tok].start
}

/// True when the quotation opens its sentence or follows a colon.
fn opens_sentence(ctx: &Ctx<'_>, opener_tok: usize) -> bool {
    let open = ctx.toks[opener_tok].start;
    let sentence = ctx.sentence(open);
    let before = first_at(&ctx.toks, sentence.start);
    let colon = opener_tok > 0 && ctx.ch(opener_tok - 1) == ':';
    colon || !ctx.toks[before..opener_tok].iter().any(|t| t.word)
}

fn first_letter_upper(ctx: &Ctx<'_>, span: Span) -> bool {
    ctx.doc
        .slice(span)
        .chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_uppercase)
}

/// The end of a quoted span, closing mark included.
fn end_of(q: &Marked) -> usize {
    q.end()
}

/// The attribution right after the closing mark.
fn after_quote(ctx: &Ctx<'_>, q: &Marked, next_open: usize) -> Option<Attribution> {
    let from = end_of(q);
    let limit = ctx.sentence(from.saturating_sub(1)).end.min(next_open);
    let mut j = match q.close_tok {
        // the token after the closing mark (two for a doubled apostrophe)
        Some(mut j) => {
            while ctx.toks.get(j).is_some_and(|t| t.start < from) {
                j += 1;
            }
            j
        }
        None => first_at(&ctx.toks, from),
    };
    while j < ctx.toks.len() && !ctx.toks[j].word && matches!(ctx.ch(j), ',' | '–' | '—' | '-')
    {
        j += 1;
    }
    let floor = ctx.toks.get(j)?.start;
    let first = ctx.cues.partition_point(|c| c.first_tok < j);
    (first..ctx.cues.len())
        .take_while(|&c| {
            ctx.cues[c].first_tok <= j + AFTER_WINDOW && ctx.cues[c].span.start < limit
        })
        .filter(|&c| !ctx.cues[c].in_marked)
        .find_map(|c| {
            let cue = &ctx.cues[c];
            // words between the mark and the cue must be its subject (`, he said`),
            // and a passive needs its agent (`« … » a été observée` is no attribution)
            if cue.first_tok > j {
                speaker::before(ctx, cue, floor)?;
            }
            let subject = speaker::subject(ctx, cue, floor, limit, true);
            let passive = matches!(cue.form, CueForm::Passive | CueForm::Bare);
            (firm(ctx, cue, subject) && !(passive && subject.is_none())).then_some(Attribution {
                cue: Some(c),
                subject,
            })
        })
}

/// The rightmost usable cue in `[floor, end)`, the quotation opening at `opener_tok`.
fn before_quote(ctx: &Ctx<'_>, floor: usize, end: usize, opener_tok: usize) -> Option<Attribution> {
    let hi = ctx.cues.partition_point(|c| c.span.start < end);
    let colon = opener_tok > 0 && ctx.ch(opener_tok - 1) == ':';
    (0..hi)
        .rev()
        .take_while(|&c| ctx.cues[c].span.start >= floor)
        .filter(|&c| {
            let cue = &ctx.cues[c];
            !cue.in_marked
                && cue.span.end <= end
                && (cue.use_ == Use::Any
                    || (colon && opener_tok - cue.last_tok <= 5)
                    || (cue.use_ == Use::Que && reports(ctx, cue, opener_tok)))
        })
        .find_map(|c| {
            // `a déclaré le ministre : « … »`: an inverted subject right before the colon
            let inverted = colon && opener_tok - ctx.cues[c].last_tok <= 6;
            attribution(ctx, c, floor, end, inverted)
        })
}

/// True when the quotation opening at `opener_tok` lies in the clause the
/// cue reports (`a assuré que Paris respecterait « … »`).
fn reports(ctx: &Ctx<'_>, cue: &Cue, opener_tok: usize) -> bool {
    cue.frame != Frame::None
        && cues::complementizer(ctx, cue, ctx.toks[opener_tok].start)
            .is_some_and(|k| k < opener_tok)
}

/// The first usable cue later in the sentence, with a subject.
fn later_in_sentence(ctx: &Ctx<'_>, from: usize) -> Option<Attribution> {
    let limit = ctx.sentence(from.saturating_sub(1)).end;
    let first = ctx.cues.partition_point(|c| c.span.start < from);
    (first..ctx.cues.len())
        .take_while(|&c| ctx.cues[c].span.start < limit)
        .filter(|&c| !ctx.cues[c].in_marked && ctx.cues[c].use_ == Use::Any)
        .find_map(|c| {
            // `…, a déclaré X.`: an inverted subject after a comma
            let first = ctx.cues[c].first_tok;
            let inverted = first > 0 && ctx.ch(first - 1) == ',';
            attribution(ctx, c, from, limit, inverted).filter(|a| a.subject.is_some())
        })
}

/// The attribution of the next sentence when it opens by pointing back at
/// the quotation (`« … » C'est ce qu'a déclaré X.`, `"…" That is what X said.`).
fn next_sentence_refers_back(ctx: &Ctx<'_>, q: &Marked) -> Option<Attribution> {
    let end = end_of(q);
    let j = first_at(&ctx.toks, end);
    let head = ctx.toks.get(j)?;
    let sentence = ctx.sentence(head.start);
    if sentence.start != head.start || ctx.sentence(end.saturating_sub(1)) == sentence {
        return None;
    }
    let phrase_end = ctx.phrase_starting_at(&ctx.lex.refers_back, j)?;
    let first = ctx.cues.partition_point(|c| c.first_tok <= phrase_end);
    (first..ctx.cues.len())
        .take_while(|&c| ctx.cues[c].span.start < sentence.end)
        .find_map(|c| attribution(ctx, c, sentence.start, sentence.end, true))
}

/// Trims spaces and a trailing comma; `None` when no word is left.
fn trimmed(ctx: &Ctx<'_>, start: usize, end: usize) -> Option<Span> {
    let s = &ctx.doc.text[start..end];
    let lead = s.len() - s.trim_start().len();
    let body = s.trim().trim_end_matches([',', '–', '—']).trim_end();
    body.chars()
        .any(char::is_alphanumeric)
        .then(|| Span::new(start + lead, start + lead + body.len()))
}

/// An attribution between commas inside the quotation: the two parts and
/// the attribution.
fn incise(ctx: &Ctx<'_>, q: &Marked) -> Option<(Span, Option<Span>, Attribution)> {
    let content = q.content;
    let lo = ctx.cues.partition_point(|c| c.span.start < content.start);
    for (c, cue) in ctx.cues.iter().enumerate().skip(lo) {
        if cue.span.end > content.end {
            break;
        }
        if !matches!(cue.form, CueForm::Finite | CueForm::Compound) {
            continue;
        }
        // a comma or dash before the cue, with at most a short subject between
        let Some(k) = (cue.first_tok.saturating_sub(4)..cue.first_tok)
            .rev()
            .find(|&k| !ctx.toks[k].word)
        else {
            continue;
        };
        if !matches!(ctx.ch(k), ',' | '–' | '—') || ctx.toks[k].start <= content.start {
            continue;
        }
        // the incise ends at the next comma, dash or sentence end
        let mut e = cue.last_tok + 1;
        while e < ctx.toks.len()
            && ctx.toks[e].start < content.end
            && (ctx.toks[e].word || ctx.is_abbreviation_period(e))
            && e <= cue.last_tok + 6
        {
            e += 1;
        }
        let incise_end = ctx
            .toks
            .get(e)
            .map_or(content.end, |t| t.start.min(content.end));
        let ends_ok = incise_end >= content.end
            || matches!(ctx.ch(e), ',' | '–' | '—' | '.' | ';' | '!' | '?');
        if !ends_ok {
            continue;
        }
        let subject = if k + 1 < cue.first_tok {
            speaker::before(ctx, cue, ctx.toks[k].end)
        } else {
            speaker::after(ctx, cue, incise_end)
        };
        if subject.is_none() {
            continue;
        }
        let first = trimmed(ctx, content.start, ctx.toks[k].start)?;
        let second = if incise_end < content.end {
            trimmed(ctx, ctx.toks[e].end, content.end)
        } else {
            None
        };
        return Some((
            first,
            second,
            Attribution {
                cue: Some(c),
                subject,
            },
        ));
    }
    None
}

/// What the previous quotation left for the next one.
#[derive(Debug, Clone, Copy)]
struct Previous {
    /// Last token of its attribution cue.
    cue_last_tok: usize,
    kind: QuoteKind,
    attribution: Attribution,
}

/// A name alone before a colon heads the quotation, as in subheads
/// (`Sergueï Lavrov : « … »`).
fn headline_name(ctx: &Ctx<'_>, opener_tok: usize) -> Option<Attribution> {
    let colon = opener_tok.checked_sub(1).filter(|&k| ctx.ch(k) == ':')?;
    let head = first_at(&ctx.toks, ctx.sentence(ctx.toks[colon].start).start);
    let m = ctx.mention_at(head)?;
    ((head..colon).all(|k| ctx.mention_at(k) == Some(m))
        && head < colon
        && ctx.mention_kind(m) != ActorKind::Place)
        .then_some(Attribution {
            cue: None,
            subject: Some(Subject::Mention(m)),
        })
}

/// What a quoted span turned out to be: its kind, its parts (two when an
/// attribution interrupts it) and its attribution.
struct Reading {
    kind: QuoteKind,
    parts: Vec<Span>,
    found: Option<Attribution>,
}

/// Reads quoted span `i`, given what the previous quotation left.
fn read(ctx: &Ctx<'_>, i: usize, previous: Option<Previous>) -> Reading {
    let q = &ctx.marked[i];
    let opener_tok = q.open_tok;
    let next_open = ctx.marked.get(i + 1).map_or(usize::MAX, |n| n.open.start);
    // cues inside quotations are skipped, so the search may run back over an
    // earlier quotation of the sentence (`X a qualifié A de « a » et B de « b »`)
    let floor = ctx.sentence(q.open.start).start;
    let starts = opens_sentence(ctx, opener_tok);
    let mut kind = if starts || first_letter_upper(ctx, q.content) {
        QuoteKind::Direct
    } else {
        QuoteKind::Partial
    };
    let mut parts = vec![q.content];
    let before = || {
        before_quote(ctx, floor, q.open.start, opener_tok).or_else(|| {
            // `X a déclaré :` ending the previous sentence or paragraph
            if opener_tok == 0 || ctx.ch(opener_tok - 1) != ':' || !starts {
                return None;
            }
            let prev = ctx.sentence(ctx.toks[opener_tok - 1].start);
            (prev.end <= q.open.start)
                .then(|| before_quote(ctx, prev.start, q.open.start, opener_tok))
                .flatten()
                .or_else(|| headline_name(ctx, opener_tok))
        })
    };
    // `"A," he said, "B."` and `"A," he said. "B."`: B follows A's attribution
    let follows = previous.filter(|p| {
        let between = ctx.cues.partition_point(|c| c.first_tok <= p.cue_last_tok);
        opener_tok > p.cue_last_tok
            && (opener_tok - p.cue_last_tok <= INHERIT_WINDOW
                || opens_next_sentence(ctx, p.cue_last_tok, opener_tok))
            && ctx.same_paragraph(p.cue_last_tok, opener_tok)
            && ctx
                .cues
                .get(between)
                .is_none_or(|c| c.first_tok > opener_tok)
    });
    let continues = follows
        .filter(|p| !(p.cue_last_tok..opener_tok).any(|k| matches!(ctx.ch(k), '.' | '!' | '?')));
    let found = if let Some(p) = continues {
        kind = p.kind;
        Some(p.attribution)
    } else if kind == QuoteKind::Direct {
        after_quote(ctx, q, next_open)
            .or_else(|| {
                incise(ctx, q).map(|(a, b, att)| {
                    parts = std::iter::once(a).chain(b).collect();
                    att
                })
            })
            .or_else(before)
    } else {
        before().or_else(|| after_quote(ctx, q, next_open))
    }
    .or_else(|| later_in_sentence(ctx, end_of(q)))
    .or_else(|| next_sentence_refers_back(ctx, q))
    .or(follows.map(|p| p.attribution));
    Reading { kind, parts, found }
}

/// The direct and partial quotations of a document.
pub(crate) fn quotes(ctx: &Ctx<'_>) -> Vec<Quote> {
    let mut out = Vec::new();
    let mut previous: Option<Previous> = None;
    for (i, q) in ctx.marked.iter().enumerate() {
        if after_title_word(ctx, q.open_tok) {
            previous = None;
            continue;
        }
        let Reading { kind, parts, found } = read(ctx, i, previous);
        let words = word_count(ctx, q);
        if found.is_none() && (words <= ctx.settings.scare_max_words || title_like(ctx, q)) {
            previous = None;
            continue;
        }
        let speaker = found.and_then(|a| speaker::resolve(ctx, a.subject?, q.open.start));
        let mut cue = found
            .and_then(|a| a.cue)
            .map(|c| ctx.doc.slice(ctx.cues[c].span).to_string());
        let last = parts.len().saturating_sub(1);
        for (k, span) in parts.into_iter().enumerate() {
            out.push(Quote {
                span,
                sentence: ctx.sentence_index(span.start),
                kind,
                speaker,
                // the last part takes the string, the others a copy
                cue: if k == last { cue.take() } else { cue.clone() },
            });
        }
        previous = found.and_then(|a| {
            let c = &ctx.cues[a.cue?];
            (c.span.start >= end_of(q)).then_some(Previous {
                cue_last_tok: c.last_tok,
                kind,
                attribution: a,
            })
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testkit::{ActorSpec, Case, check};
    use crate::document::ActorKind::{Country, Organization, Person};
    use crate::document::QuoteKind::{Direct, Partial};

    const DUPONT: ActorSpec = ("Jean Dupont", Person, &["Jean Dupont", "Dupont"], None);
    const NDIAYE: ActorSpec = ("Awa Ndiaye", Person, &["Awa Ndiaye", "Mme Ndiaye"], None);
    const TRAORE: ActorSpec = (
        "Ali Traoré",
        Person,
        &["Ali Traoré"],
        Some("ministre de la Justice"),
    );
    const SILVA: ActorSpec = (
        "Ana Silva",
        Person,
        &["Ana Silva", "Silva"],
        Some("Foreign Minister"),
    );
    const SMITH: ActorSpec = ("John Smith", Person, &["John Smith", "Smith"], None);

    #[test]
    fn french_direct_quotes_and_their_attribution() {
        check(&[
            Case {
                name: "after_inverted_name",
                lang: "fr",
                text: "« Nous renforcerons notre présence dans la région », a déclaré Jean Dupont mardi à Dakar.",
                actors: &[DUPONT],
                expect: &[(
                    "Nous renforcerons notre présence dans la région",
                    Direct,
                    Some("Jean Dupont"),
                    Some("a déclaré"),
                )],
            },
            Case {
                name: "after_complex_inversion_pronoun",
                lang: "fr",
                text: "Awa Ndiaye a visité le chantier lundi. « Le travail avance bien », a-t-elle ajouté.",
                actors: &[NDIAYE],
                expect: &[(
                    "Le travail avance bien",
                    Direct,
                    Some("Awa Ndiaye"),
                    Some("a-t-elle ajouté"),
                )],
            },
            Case {
                name: "after_simple_inversion",
                lang: "fr",
                text: "Jean Dupont dirige la mission depuis mars. «Rien n'est encore décidé», explique-t-il.",
                actors: &[DUPONT],
                expect: &[(
                    "Rien n'est encore décidé",
                    Direct,
                    Some("Jean Dupont"),
                    Some("explique-t-il"),
                )],
            },
            Case {
                name: "after_addressee_then_name",
                lang: "fr",
                text: "« Les discussions se poursuivront », a déclaré à Reuters Awa Ndiaye.",
                actors: &[NDIAYE, ("Reuters", Organization, &[], None)],
                expect: &[(
                    "Les discussions se poursuivront",
                    Direct,
                    Some("Awa Ndiaye"),
                    Some("a déclaré"),
                )],
            },
            Case {
                name: "before_with_colon",
                lang: "fr",
                text: "Le président ghanéen John Mahama a déclaré : « Le Ghana ne quittera pas la Cédéao. »",
                actors: &[
                    ("John Mahama", Person, &[], None),
                    ("Ghana", Country, &[], None),
                    ("Cédéao", Organization, &[], None),
                ],
                expect: &[(
                    "Le Ghana ne quittera pas la Cédéao.",
                    Direct,
                    Some("John Mahama"),
                    Some("a déclaré"),
                )],
            },
            Case {
                name: "colon_ends_previous_paragraph",
                lang: "fr",
                text: "Devant les députés, Awa Ndiaye a lancé :\n« Nous ne reculerons devant aucune menace. »",
                actors: &[NDIAYE],
                expect: &[(
                    "Nous ne reculerons devant aucune menace.",
                    Direct,
                    Some("Awa Ndiaye"),
                    Some("a lancé"),
                )],
            },
            Case {
                name: "name_heading_the_quotation",
                lang: "fr",
                text: "Jean Dupont : « Nous ne signerons rien sans garanties »\nLe ministre a quitté la salle.",
                actors: &[DUPONT],
                expect: &[(
                    "Nous ne signerons rien sans garanties",
                    Direct,
                    Some("Jean Dupont"),
                    None,
                )],
            },
            Case {
                name: "selon_after_quote_with_title",
                lang: "fr",
                text: "Karim Diallo a réuni son gouvernement. « Les élections auront lieu en juillet », selon le Premier ministre.",
                actors: &[("Karim Diallo", Person, &[], Some("Premier ministre"))],
                expect: &[(
                    "Les élections auront lieu en juillet",
                    Direct,
                    Some("Karim Diallo"),
                    Some("selon"),
                )],
            },
            Case {
                name: "incise_splits_the_quote",
                lang: "fr",
                text: "Karim Diallo s'est exprimé jeudi. « Nous sommes prêts, a-t-il assuré, à soutenir le processus de paix. »",
                actors: &[("Karim Diallo", Person, &[], None)],
                expect: &[
                    (
                        "Nous sommes prêts",
                        Direct,
                        Some("Karim Diallo"),
                        Some("a-t-il assuré"),
                    ),
                    (
                        "à soutenir le processus de paix.",
                        Direct,
                        Some("Karim Diallo"),
                        Some("a-t-il assuré"),
                    ),
                ],
            },
            Case {
                name: "several_sentences",
                lang: "fr",
                text: "« Nous avons signé l'accord. Il entrera en vigueur en janvier », a précisé Awa Ndiaye.",
                actors: &[NDIAYE],
                expect: &[(
                    "Nous avons signé l'accord. Il entrera en vigueur en janvier",
                    Direct,
                    Some("Awa Ndiaye"),
                    Some("a précisé"),
                )],
            },
            Case {
                name: "several_paragraphs",
                lang: "fr",
                text: "Awa Ndiaye a pris la parole.\n« Nous avons signé l'accord.\n« Il entrera en vigueur en janvier », a-t-elle précisé.",
                actors: &[NDIAYE],
                expect: &[(
                    "Nous avons signé l'accord.\n« Il entrera en vigueur en janvier",
                    Direct,
                    Some("Awa Ndiaye"),
                    Some("a-t-elle précisé"),
                )],
            },
            Case {
                name: "nested_marks_stay_inside",
                lang: "fr",
                text: "« Notre devise ‘unité et progrès’ guide notre action », a lancé Awa Ndiaye.",
                actors: &[NDIAYE],
                expect: &[(
                    "Notre devise ‘unité et progrès’ guide notre action",
                    Direct,
                    Some("Awa Ndiaye"),
                    Some("a lancé"),
                )],
            },
            Case {
                name: "straight_marks_inner_spaces",
                lang: "fr",
                text: "\" Nous ne céderons pas \" a martelé Jean Dupont.",
                actors: &[DUPONT],
                expect: &[(
                    "Nous ne céderons pas",
                    Direct,
                    Some("Jean Dupont"),
                    Some("a martelé"),
                )],
            },
            Case {
                name: "next_sentence_points_back",
                lang: "fr",
                text: "« Nous ne partirons pas. » C'est ce qu'a affirmé Awa Ndiaye devant la presse.",
                actors: &[NDIAYE],
                expect: &[(
                    "Nous ne partirons pas.",
                    Direct,
                    Some("Awa Ndiaye"),
                    Some("a affirmé"),
                )],
            },
            Case {
                name: "incise_verb_right_after",
                lang: "fr",
                text: "Awa Ndiaye ne cède pas. « On ne lâchera rien », lance-t-elle.",
                actors: &[NDIAYE],
                expect: &[(
                    "On ne lâchera rien",
                    Direct,
                    Some("Awa Ndiaye"),
                    Some("lance-t-elle"),
                )],
            },
            Case {
                name: "verb_inside_quote_is_not_an_attribution",
                lang: "fr",
                text: "« Il a déclaré que tout allait bien, mais c'est faux », a répondu Awa Ndiaye.",
                actors: &[NDIAYE],
                expect: &[(
                    "Il a déclaré que tout allait bien, mais c'est faux",
                    Direct,
                    Some("Awa Ndiaye"),
                    Some("a répondu"),
                )],
            },
            Case {
                name: "repeated_quote_kept_once",
                lang: "fr",
                text: "Lundi, « Nous resterons au Sahel », a affirmé Jean Dupont.\nLe ministre l'a redit : « Nous resterons au Sahel ».",
                actors: &[DUPONT],
                expect: &[(
                    "Nous resterons au Sahel",
                    Direct,
                    Some("Jean Dupont"),
                    Some("a affirmé"),
                )],
            },
            Case {
                name: "unknown_speaker_stays_null",
                lang: "fr",
                text: "« La situation est grave », a confié un diplomate sous couvert d'anonymat.",
                actors: &[],
                expect: &[("La situation est grave", Direct, None, Some("a confié"))],
            },
        ]);
    }

    #[test]
    fn french_partial_quotes() {
        check(&[
            Case {
                name: "qualifier_de_then_selon_lui",
                lang: "fr",
                text: "Le ministre Ali Traoré a qualifié l'accord d'« étape décisive », y voyant selon lui « un signal fort ».",
                actors: &[TRAORE],
                expect: &[
                    (
                        "étape décisive",
                        Partial,
                        Some("Ali Traoré"),
                        Some("a qualifié"),
                    ),
                    ("un signal fort", Partial, Some("Ali Traoré"), Some("selon")),
                ],
            },
            Case {
                name: "double_apostrophe_marks",
                lang: "fr",
                text: "Ali Traoré a dénoncé un ’’complot contre la nation’’ devant les députés.",
                actors: &[TRAORE],
                expect: &[(
                    "complot contre la nation",
                    Partial,
                    Some("Ali Traoré"),
                    Some("a dénoncé"),
                )],
            },
            Case {
                name: "two_partials_share_the_cue_before",
                lang: "fr",
                text: "Le chancelier Karl Braun a répondu qu'il partageait « l'objectif » mais pas « la méthode ».",
                actors: &[("Karl Braun", Person, &[], Some("chancelier"))],
                expect: &[
                    (
                        "il partageait « l'objectif » mais pas « la méthode »",
                        crate::document::QuoteKind::Indirect,
                        Some("Karl Braun"),
                        Some("a répondu"),
                    ),
                    ("l'objectif", Partial, Some("Karl Braun"), Some("a répondu")),
                    ("la méthode", Partial, Some("Karl Braun"), Some("a répondu")),
                ],
            },
            Case {
                name: "a_later_verb_without_subject_is_no_attribution",
                lang: "fr",
                text: "Le texte défend « une Europe de la défense commune », tandis que son voisin a insisté sur le budget.",
                actors: &[],
                expect: &[("une Europe de la défense commune", Partial, None, None)],
            },
            Case {
                name: "passive_without_named_agent",
                lang: "fr",
                text: "Le sommet a été présenté comme « une réussite » par les organisateurs.",
                actors: &[],
                expect: &[("une réussite", Partial, None, Some("a été présenté"))],
            },
            Case {
                name: "partial_inside_a_reported_clause",
                lang: "fr",
                text: "Ali Traoré a assuré que Paris respecterait « la souveraineté du pays » sans condition.",
                actors: &[TRAORE],
                expect: &[
                    (
                        "Paris respecterait « la souveraineté du pays » sans condition",
                        crate::document::QuoteKind::Indirect,
                        Some("Ali Traoré"),
                        Some("a assuré"),
                    ),
                    (
                        "la souveraineté du pays",
                        Partial,
                        Some("Ali Traoré"),
                        Some("a assuré"),
                    ),
                ],
            },
            Case {
                name: "pour_x_comma_names_the_source",
                lang: "fr",
                text: "Pour l'analyste Seidou Kane, la mesure relève d'« une logique de contrôle ».",
                actors: &[("Seidou Kane", Person, &[], Some("analyste"))],
                expect: &[(
                    "une logique de contrôle",
                    Partial,
                    Some("Seidou Kane"),
                    Some("Pour"),
                )],
            },
            Case {
                name: "object_after_the_verb_is_not_the_speaker",
                lang: "fr",
                text: "Médecins sans frontières travaille au Niger. Le ministère accuse l'organisation de « mener des activités illégales ».",
                actors: &[("Médecins sans frontières", Organization, &[], None)],
                expect: &[(
                    "mener des activités illégales",
                    Partial,
                    None,
                    Some("accuse"),
                )],
            },
            Case {
                name: "official_of_an_organisation",
                lang: "fr",
                text: "Un responsable de Médecins sans frontières a jugé la décision « incompréhensible ».",
                actors: &[("Médecins sans frontières", Organization, &[], None)],
                expect: &[(
                    "incompréhensible",
                    Partial,
                    Some("Médecins sans frontières"),
                    Some("a jugé"),
                )],
            },
            Case {
                name: "long_partial_without_speaker",
                lang: "fr",
                text: "L'envoi d'armes témoigne de « la solidité du partenariat entre les deux armées ».",
                actors: &[],
                expect: &[(
                    "la solidité du partenariat entre les deux armées",
                    Partial,
                    None,
                    None,
                )],
            },
        ]);
    }

    #[test]
    fn french_titles_names_and_scare_quotes_are_not_quotes() {
        check(&[
            Case {
                name: "conference_title",
                lang: "fr",
                text: "Une conférence intitulée « La Chine et l'Afrique face aux défis communs » s'est tenue à Dakar.",
                actors: &[],
                expect: &[],
            },
            Case {
                name: "operation_name",
                lang: "fr",
                text: "Les soldats de l'opération « Sentinelle » patrouillent dans la ville.",
                actors: &[],
                expect: &[],
            },
            Case {
                name: "scare_quote_without_speech",
                lang: "fr",
                text: "Une « forte présence » militaire a été observée dans le nord.",
                actors: &[],
                expect: &[],
            },
            Case {
                name: "quoted_name",
                lang: "fr",
                text: "Les mercenaires « Wagner » restent actifs dans la région.",
                actors: &[],
                expect: &[],
            },
            Case {
                name: "noun_homograph_of_a_verb_is_no_speech",
                lang: "fr",
                text: "La menace d'une « guerre totale » plane sur la région.",
                actors: &[],
                expect: &[],
            },
            Case {
                name: "title_case_name_without_speech",
                lang: "fr",
                text: "Le rapport de « Human Rights Watch Afrique » circule depuis lundi.",
                actors: &[],
                expect: &[],
            },
        ]);
    }

    #[test]
    fn english_direct_and_partial_quotes() {
        check(&[
            Case {
                name: "he_said_after",
                lang: "en",
                text: "John Smith arrived in Kyiv on Monday. \"We will stand with Ukraine,\" he said.",
                actors: &[SMITH],
                expect: &[(
                    "We will stand with Ukraine",
                    Direct,
                    Some("John Smith"),
                    Some("said"),
                )],
            },
            Case {
                name: "said_mr_name",
                lang: "en",
                text: "\"The talks were productive,\" said Mr. Smith.",
                actors: &[SMITH],
                expect: &[(
                    "The talks were productive",
                    Direct,
                    Some("John Smith"),
                    Some("said"),
                )],
            },
            Case {
                name: "told_reporters",
                lang: "en",
                text: "“There is no alternative to dialogue,” Ana Silva told reporters.",
                actors: &[SILVA],
                expect: &[(
                    "There is no alternative to dialogue",
                    Direct,
                    Some("Ana Silva"),
                    Some("told"),
                )],
            },
            Case {
                name: "according_to_before",
                lang: "en",
                text: "According to Ana Silva, “The ceasefire is holding.”",
                actors: &[SILVA],
                expect: &[(
                    "The ceasefire is holding.",
                    Direct,
                    Some("Ana Silva"),
                    Some("According to"),
                )],
            },
            Case {
                name: "split_by_attribution",
                lang: "en",
                text: "Ana Silva met her counterpart. \"We are ready,\" the minister said, \"to resume talks.\"",
                actors: &[SILVA],
                expect: &[
                    ("We are ready", Direct, Some("Ana Silva"), Some("said")),
                    ("to resume talks.", Direct, Some("Ana Silva"), Some("said")),
                ],
            },
            Case {
                name: "next_sentence_inherits",
                lang: "en",
                text: "\"We are ready,\" said Ana Silva. \"We have always been ready.\"",
                actors: &[SILVA],
                expect: &[
                    ("We are ready", Direct, Some("Ana Silva"), Some("said")),
                    (
                        "We have always been ready.",
                        Direct,
                        Some("Ana Silva"),
                        Some("said"),
                    ),
                ],
            },
            Case {
                name: "next_sentence_inherits_after_a_long_attribution",
                lang: "en",
                text: "\"We cannot wait,\" said Ana Silva, the deputy foreign minister. \"The time to act is now.\"",
                actors: &[SILVA],
                expect: &[
                    ("We cannot wait", Direct, Some("Ana Silva"), Some("said")),
                    (
                        "The time to act is now.",
                        Direct,
                        Some("Ana Silva"),
                        Some("said"),
                    ),
                ],
            },
            Case {
                name: "two_sentences_one_quote",
                lang: "en",
                text: "Ana Silva spoke in Geneva. \"We are ready. We have always been ready,\" she added.",
                actors: &[SILVA],
                expect: &[(
                    "We are ready. We have always been ready",
                    Direct,
                    Some("Ana Silva"),
                    Some("added"),
                )],
            },
            Case {
                name: "nested_single_marks",
                lang: "en",
                text: "“Our motto is ‘never again’ and we mean it,” said Ana Silva.",
                actors: &[SILVA],
                expect: &[(
                    "Our motto is ‘never again’ and we mean it",
                    Direct,
                    Some("Ana Silva"),
                    Some("said"),
                )],
            },
            Case {
                name: "relative_clause_between_subject_and_verb",
                lang: "en",
                text: "Ana Silva met the UN envoy. “Progress is real,” Silva, who chairs the council, said on Monday.",
                actors: &[SILVA, ("UN", Organization, &[], None)],
                expect: &[("Progress is real", Direct, Some("Ana Silva"), Some("said"))],
            },
            Case {
                name: "this_is_what_points_back",
                lang: "en",
                text: "“We will rebuild.” That is what Ana Silva told the crowd on Friday.",
                actors: &[SILVA],
                expect: &[("We will rebuild.", Direct, Some("Ana Silva"), Some("told"))],
            },
            Case {
                name: "colon_previous_paragraph",
                lang: "en",
                text: "Ana Silva told the assembly:\n“Our region deserves peace.”",
                actors: &[SILVA],
                expect: &[(
                    "Our region deserves peace.",
                    Direct,
                    Some("Ana Silva"),
                    Some("told"),
                )],
            },
            Case {
                name: "described_as_partial",
                lang: "en",
                text: "Ana Silva described the vote as “a turning point for the region”.",
                actors: &[SILVA],
                expect: &[(
                    "a turning point for the region",
                    Partial,
                    Some("Ana Silva"),
                    Some("described"),
                )],
            },
            Case {
                name: "title_after_titled",
                lang: "en",
                text: "A documentary titled “The Last Frontier” was screened in Accra.",
                actors: &[],
                expect: &[],
            },
            Case {
                name: "so_called",
                lang: "en",
                text: "The so-called “peace plan” was rejected by both sides.",
                actors: &[],
                expect: &[],
            },
            Case {
                name: "scare_quote_without_speech",
                lang: "en",
                text: "Critics see the visit as a “charm offensive” in the region.",
                actors: &[],
                expect: &[],
            },
            Case {
                name: "long_attribution_then_next_sentence_inherits",
                lang: "en",
                text: "\"The first strike came at night,\" said Ana Silva, a teacher from the border town, as she stood by her school. \"We thought the war was over.\"",
                actors: &[SILVA],
                expect: &[
                    (
                        "The first strike came at night",
                        Direct,
                        Some("Ana Silva"),
                        Some("said"),
                    ),
                    (
                        "We thought the war was over.",
                        Direct,
                        Some("Ana Silva"),
                        Some("said"),
                    ),
                ],
            },
            Case {
                name: "a_sentence_between_breaks_the_inheritance",
                lang: "en",
                text: "\"The first strike came at night,\" said Ana Silva, a teacher from the border town, as she stood by her school. The army has not commented. \"We thought the war was over.\"",
                actors: &[SILVA],
                expect: &[
                    (
                        "The first strike came at night",
                        Direct,
                        Some("Ana Silva"),
                        Some("said"),
                    ),
                    ("We thought the war was over.", Direct, None, None),
                ],
            },
        ]);
    }
}
