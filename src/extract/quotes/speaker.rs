//! Finding a cue's subject in the text and resolving it to an actor.
//!
//! A subject is a mention of a named actor, a pronoun or a speaker noun
//! (`le diplomate`, `the minister`). It is looked for right before the cue
//! (`Lavrov a déclaré`), right after it (`a affirmé Lavrov`, `said Mr. X`,
//! `selon lui`), glued to it (`a-t-il ajouté`), after `par`/`by` for a
//! passive, or at the head of the clause for a present participle. Pronouns
//! and nouns resolve to the most recent compatible actor named before,
//! outside quotations: a person for `il`/`he` (else, for `il`/`elle`, a
//! country or organisation of the previous sentences), the latest person
//! whose known role matches the noun for `le ministre` (else the latest
//! person with no known role), a named group for `ils`/`they`.

use crate::document::{ActorIdx, ActorKind};

use super::context::Ctx;
use super::cues::{Cue, CueForm};
use super::keys::KeyBuf;
use super::lexicon::{NounKind, PronounClass, role};
use crate::text::fold::fold;

/// A cue's subject as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Subject {
    /// A mention (index into `Document::mentions`).
    Mention(usize),
    /// A pronoun.
    Pronoun(PronounClass),
    /// A speaker noun, with the organisation it belongs to
    /// (`le porte-parole du Kremlin`) and whether it is indefinite (`un diplomate`).
    Noun {
        /// Index into `LangLexicon::nouns`.
        noun: usize,
        /// Mention of the organisation or country after `de`/`of`.
        of: Option<usize>,
        /// After an indefinite determiner: names nobody.
        indefinite: bool,
        /// `of` is a possessive (`China's envoy`): only a person of that
        /// country stands for it, else the owner itself speaks.
        owned: bool,
        /// First token of the noun, where a demonym is looked for.
        tok: usize,
    },
}

/// Punctuation a subject search may cross: commas, dashes and brackets of
/// appositions.
fn crossable(c: char) -> bool {
    matches!(c, ',' | '–' | '—' | '(' | ')')
}

/// Pronoun classes that can be a verb's subject (not `lui`, `him`).
fn subject_pronoun(ctx: &Ctx<'_>, i: usize) -> Option<PronounClass> {
    let w = ctx.text(i);
    ctx.lex.pronoun(w).filter(|_| !ctx.lex.is_object_pronoun(w))
}

/// The speaker noun ending at token `end`: its index and first token.
fn noun_ending_at(ctx: &Ctx<'_>, end: usize) -> Option<(usize, usize)> {
    let nouns = &ctx.lex.noun_index;
    if !ctx.folded_token_passes(end, |w| nouns.may_end_with(w)) {
        return None;
    }
    for len in (1..=nouns.max_words.min(end + 1)).rev() {
        let start = end + 1 - len;
        if !(start..=end).all(|i| ctx.toks[i].word) {
            continue;
        }
        if let Some(&n) = ctx.with_phrase(start, end, |p| nouns.get(p)) {
            return Some((n, start));
        }
    }
    None
}

/// The speaker noun starting at token `start`: its index and last token.
fn noun_starting_at(ctx: &Ctx<'_>, start: usize) -> Option<(usize, usize)> {
    let nouns = &ctx.lex.noun_index;
    if !ctx.folded_token_passes(start, |w| nouns.may_start_with(w)) {
        return None;
    }
    let max = nouns.max_words.min(ctx.toks.len() - start);
    for len in (1..=max).rev() {
        let end = start + len - 1;
        if !(start..=end).all(|i| ctx.toks[i].word) {
            continue;
        }
        if let Some(&n) = ctx.with_phrase(start, end, |p| nouns.get(p)) {
            return Some((n, end));
        }
    }
    None
}

fn is_indefinite(ctx: &Ctx<'_>, noun_start: usize) -> bool {
    noun_start > 0 && ctx.lex.is(ctx.text(noun_start - 1), role::INDEFINITE)
}

/// A noun whose organisation follows it: `le porte-parole du Kremlin`,
/// `le ministre des Affaires étrangères du Mali`, given the mention's first token.
fn noun_of(ctx: &Ctx<'_>, mention_first: usize) -> Option<(usize, usize)> {
    let mut j = mention_first.checked_sub(1)?;
    // a short determiner between `de` and the name (de la Russie, of the UN)
    if !ctx.lex.is(ctx.text(j), role::OF) && ctx.text(j).chars().count() <= 3 {
        j = j.checked_sub(1)?;
    }
    if !ctx.lex.is(ctx.text(j), role::OF) {
        return None;
    }
    for k in (j.saturating_sub(5)..j).rev() {
        if !ctx.toks[k].word {
            return None;
        }
        if let Some((n, start)) = noun_ending_at(ctx, k) {
            return Some((n, start));
        }
    }
    None
}

/// The subject a mention makes: the mention itself, or the noun whose
/// organisation it names (`le porte-parole du Kremlin`).
fn mention_subject(ctx: &Ctx<'_>, m: usize) -> Subject {
    let first = ctx
        .toks
        .partition_point(|t| t.end <= ctx.doc.mentions[m].span.start);
    // a title whose last words the actors stage took for a name (`le chef de l'État`)
    if let Some((noun, start)) = noun_ending_at(ctx, first).filter(|&(_, s)| s < first) {
        return Subject::Noun {
            noun,
            of: None,
            indefinite: is_indefinite(ctx, start),
            owned: false,
            tok: start,
        };
    }
    match noun_of(ctx, first) {
        Some((noun, start)) => Subject::Noun {
            noun,
            of: Some(m),
            indefinite: is_indefinite(ctx, start),
            owned: false,
            tok: start,
        },
        None => Subject::Mention(m),
    }
}

/// The subject at token `j`: a mention (not of a place) covering it, a
/// subject pronoun, or a speaker noun ending (`backward`) or starting there.
fn subject_at(ctx: &Ctx<'_>, j: usize, backward: bool) -> Option<Subject> {
    if let Some(m) = ctx.mention_at(j) {
        return (ctx.mention_kind(m) != ActorKind::Place).then(|| mention_subject(ctx, m));
    }
    if let Some(p) = subject_pronoun(ctx, j) {
        return Some(Subject::Pronoun(p));
    }
    let (noun, first) = if backward {
        noun_ending_at(ctx, j)?
    } else {
        (noun_starting_at(ctx, j)?.0, j)
    };
    Some(owned_noun(ctx, noun, first))
}

/// Given a comma at token `comma` closing a relative clause between commas
/// (`Smith, who heads the agency, said`), the comma opening it; else `comma`.
fn skip_relative_clause(ctx: &Ctx<'_>, comma: usize, floor: usize) -> usize {
    let lo = comma.saturating_sub(16);
    for k in (lo..comma).rev() {
        if ctx.toks[k].start < floor {
            break;
        }
        if !ctx.toks[k].word {
            let opens = ctx.ch(k) == ','
                && ctx
                    .toks
                    .get(k + 1)
                    .is_some_and(|t| t.word && ctx.lex.is(ctx.text(k + 1), role::RELATIVE));
            return if opens { k } else { comma };
        }
    }
    comma
}

/// Tokens an apposition between commas may have.
const APPOSITION_TOKENS: usize = 16;

/// Given a comma at token `comma` right before a cue, the name heading the
/// apposition it closes (`Massad Boulos, Trump's adviser for Africa, said`,
/// `Le chercheur X, du laboratoire Y à Bordeaux, estime`): the mention
/// right before the comma that opens it, when it names no place.
fn apposition_head(ctx: &Ctx<'_>, comma: usize, floor: usize) -> Option<usize> {
    let lo = comma.saturating_sub(APPOSITION_TOKENS);
    for k in (lo..comma).rev() {
        let t = ctx.toks[k];
        if t.start < floor || ctx.in_marked(t.start) {
            return None;
        }
        if t.word || ctx.is_abbreviation_period(k) || matches!(ctx.ch(k), '(' | ')') {
            continue;
        }
        if ctx.ch(k) != ',' || k + 1 == comma {
            return None;
        }
        let m = ctx.mention_at(k.checked_sub(1)?)?;
        return (ctx.mention_kind(m) != ActorKind::Place).then_some(m);
    }
    None
}

/// The subject right before a cue, not before byte `floor`.
pub(crate) fn before(ctx: &Ctx<'_>, cue: &Cue, floor: usize) -> Option<Subject> {
    let mut j = cue.first_tok;
    if j > 0 && ctx.lex.is(ctx.text(j - 1), role::COORD) {
        let s = ctx.sentence(cue.span.start);
        return clause_head(ctx, s.start.max(floor), cue.span.start);
    }
    let mut gap = 0;
    while j > 0 {
        j -= 1;
        let t = ctx.toks[j];
        if t.start < floor || ctx.in_marked(t.start) {
            return None;
        }
        if !t.word {
            if ctx.ch(j) == ',' {
                if gap == 0
                    && let Some(m) = apposition_head(ctx, j, floor)
                {
                    return Some(mention_subject(ctx, m));
                }
                j = skip_relative_clause(ctx, j, floor);
            }
            if crossable(ctx.ch(j)) || ctx.is_abbreviation_period(j) {
                continue;
            }
            return None;
        }
        if let Some(subject) = subject_at(ctx, j, true) {
            if !after_agent(ctx, subject) {
                return Some(subject);
            }
        }
        gap += 1;
        if gap > ctx.settings.max_subject_gap {
            return None;
        }
    }
    None
}

/// True when a mention subject follows `par`/`by`: the agent of a
/// participle (`sources quoted by Reuters said`, `Asked by RT, X said`),
/// not the subject of the verb after it.
fn after_agent(ctx: &Ctx<'_>, subject: Subject) -> bool {
    let Subject::Mention(m) = subject else {
        return false;
    };
    let first = ctx
        .toks
        .partition_point(|t| t.end <= ctx.doc.mentions[m].span.start);
    first
        .checked_sub(1)
        .is_some_and(|k| ctx.toks[k].word && ctx.lex.is(ctx.text(k), role::AGENT))
}

/// The subject right after a cue (inverted subject, source complement),
/// before byte `limit`.
pub(crate) fn after(ctx: &Ctx<'_>, cue: &Cue, limit: usize) -> Option<Subject> {
    if let Some(p) = cue.inverted {
        return Some(Subject::Pronoun(p));
    }
    let objects_ok = cue.form == CueForm::Source;
    let mut j = cue.last_tok + 1;
    let mut gap = 0;
    let mut addressee = false;
    // `said France's U.N. ambassador Jerome Bonnafont`: the owner speaks
    // only when no person or title follows it
    let mut owner: Option<usize> = None;
    let fallback = |owner: Option<usize>| owner.map(Subject::Mention);
    while j < ctx.toks.len() && ctx.toks[j].start < limit {
        let t = ctx.toks[j];
        if ctx.in_marked(t.start) {
            return fallback(owner);
        }
        if !t.word {
            if ctx.is_abbreviation_period(j) {
                j += 1;
                continue;
            }
            return fallback(owner);
        }
        if let Some(m) = ctx.mention_at(j) {
            let end = ctx.doc.mentions[m].span.end;
            let kind = ctx.mention_kind(m);
            let skip = owner.is_some() && kind != ActorKind::Person;
            if !addressee && kind != ActorKind::Place && !skip {
                let last = ctx.toks.partition_point(|t| t.start < end) - 1;
                if owner.is_none() && possessive(ctx, last) {
                    owner = Some(m);
                } else {
                    return Some(Subject::Mention(m));
                }
            }
            addressee = false;
            while j < ctx.toks.len() && ctx.toks[j].start < end {
                j += 1;
            }
            continue;
        }
        let w = ctx.text(j);
        if let Some(p) = ctx.lex.pronoun(w)
            && (objects_ok || !ctx.lex.is_object_pronoun(w))
        {
            return Some(Subject::Pronoun(p));
        }
        if let Some((noun, end)) = noun_starting_at(ctx, j) {
            return Some(match apposition(ctx, noun, j, end, limit) {
                Subject::Noun {
                    noun,
                    of: None,
                    indefinite,
                    tok,
                    ..
                } if owner.is_some() => Subject::Noun {
                    noun,
                    of: owner,
                    indefinite,
                    owned: true,
                    tok,
                },
                subject => subject,
            });
        }
        if ctx.lex.is(w, role::TO) {
            addressee = true;
        }
        gap += 1;
        if gap > ctx.settings.max_subject_gap {
            return fallback(owner);
        }
        j += 1;
    }
    fallback(owner)
}

/// True when word token `k` is a possessive (`China's`).
fn possessive(ctx: &Ctx<'_>, k: usize) -> bool {
    ctx.toks[k].word && ctx.lex.is_possessive(ctx.text(k))
}

/// Words a noun's complement may have before the name in apposition to it
/// (`le ministre de l'Administration territoriale et porte-parole du
/// gouvernement, le général X`).
const NOUN_COMPLEMENT_WORDS: usize = 12;

/// Words after the comma of an apposition before its name (`, le général`).
const APPOSITION_LEAD_WORDS: usize = 2;

/// A noun after a cue, or the name in apposition to it (`a déclaré le
/// ministre russe, Sergueï Lavrov`, `a précisé le ministre malien de la
/// Défense, le général X`): a person's name for a person noun, a name
/// that is no place for the others, within the noun's complement or right
/// after the one comma that opens the apposition.
fn apposition(ctx: &Ctx<'_>, noun: usize, start: usize, end: usize, limit: usize) -> Subject {
    let person = ctx.lex.nouns[noun].kind == NounKind::Person;
    let mut words = 0;
    let mut comma = false;
    let mut owned = None;
    for k in end + 1..ctx.toks.len() {
        let t = ctx.toks[k];
        if t.start >= limit {
            break;
        }
        if !t.word {
            if ctx.is_abbreviation_period(k) {
                continue;
            }
            if ctx.ch(k) != ',' || comma {
                break;
            }
            comma = true;
            words = 0;
            continue;
        }
        // `le porte-parole de X`: X is whom the noun belongs to, not its name
        let m = ctx.mention_at(k);
        if m.is_some() && m != owned && !comma && ctx.lex.is(ctx.text(k - 1), role::OF) {
            owned = m;
        }
        if let Some(m) = m.filter(|_| m != owned) {
            let kind = ctx.mention_kind(m);
            let fits = if person {
                kind == ActorKind::Person
            } else {
                kind != ActorKind::Place
            };
            if fits {
                return Subject::Mention(m);
            }
        }
        words += 1;
        let most = if comma {
            APPOSITION_LEAD_WORDS
        } else {
            NOUN_COMPLEMENT_WORDS
        };
        if words > most {
            break;
        }
    }
    owned_noun(ctx, noun, start)
}

/// A speaker noun starting at token `first`, owned by the name before it
/// when that name is a possessive (`China's envoy`, `Russia's foreign ministry`).
fn owned_noun(ctx: &Ctx<'_>, noun: usize, first: usize) -> Subject {
    let owner = first
        .checked_sub(1)
        .filter(|&k| possessive(ctx, k))
        .and_then(|k| ctx.mention_at(k))
        .filter(|&m| ctx.mention_kind(m) != ActorKind::Place);
    Subject::Noun {
        noun,
        of: owner,
        indefinite: is_indefinite(ctx, first),
        owned: owner.is_some(),
        tok: first,
    }
}

/// The first subject-like word of the clause `[from, to)`: the subject a
/// present participle or a coordinated verb shares.
pub(crate) fn clause_head(ctx: &Ctx<'_>, from: usize, to: usize) -> Option<Subject> {
    let mut j = ctx.toks.partition_point(|t| t.start < from);
    j = after_opening_phrase(ctx, j, to).unwrap_or(j);
    while j < ctx.toks.len() && ctx.toks[j].start < to {
        if ctx.in_marked(ctx.toks[j].start) || !ctx.toks[j].word {
            j += 1;
            continue;
        }
        if let Some(subject) = subject_at(ctx, j, false) {
            return Some(subject);
        }
        j += 1;
    }
    None
}

/// Tokens a clause's opening prepositional phrase may have.
const OPENING_PHRASE_TOKENS: usize = 12;

/// The token after the comma closing a prepositional phrase that opens the
/// clause at token `j` (`Dans un communiqué, le ministère …`), whose words
/// are not the clause's subject.
fn after_opening_phrase(ctx: &Ctx<'_>, j: usize, to: usize) -> Option<usize> {
    let first = ctx.toks.get(j).filter(|t| t.word)?;
    if first.start >= to || !ctx.lex.is(ctx.text(j), role::PREPOSITION | role::TO) {
        return None;
    }
    (j + 1..(j + OPENING_PHRASE_TOKENS).min(ctx.toks.len()))
        .take_while(|&k| ctx.toks[k].start < to && !ctx.in_marked(ctx.toks[k].start))
        .find(|&k| !ctx.toks[k].word && ctx.ch(k) == ',')
        .map(|k| k + 1)
}

/// The agent of a passive cue: the subject after `par`/`by` within a few words.
pub(crate) fn agent(ctx: &Ctx<'_>, cue: &Cue, limit: usize) -> Option<Subject> {
    for j in cue.last_tok + 1..cue.last_tok + 5 {
        if j >= ctx.toks.len() || ctx.toks[j].start >= limit || !ctx.toks[j].word {
            return None;
        }
        if ctx.lex.is(ctx.text(j), role::AGENT) {
            let pseudo = Cue {
                last_tok: j,
                inverted: None,
                form: CueForm::Source,
                ..*cue
            };
            return after(ctx, &pseudo, limit);
        }
    }
    None
}

/// A cue's subject, by its form: `floor`..`limit` bound the search; an
/// inverted subject after the verb is looked for only when `inverted` (the
/// cue follows a quotation or a comma, or precedes a colon), since elsewhere
/// the words after a verb are its object (`accuse l'organisation de …`).
pub(crate) fn subject(
    ctx: &Ctx<'_>,
    cue: &Cue,
    floor: usize,
    limit: usize,
    inverted: bool,
) -> Option<Subject> {
    match cue.form {
        CueForm::Source => after(ctx, cue, limit),
        CueForm::Gerund => {
            let s = ctx.sentence(cue.span.start);
            clause_head(ctx, s.start.max(floor), cue.span.start)
        }
        CueForm::Passive | CueForm::Bare => agent(ctx, cue, limit),
        _ if inverted => before(ctx, cue, floor).or_else(|| after(ctx, cue, limit)),
        _ => cue
            .inverted
            .map(Subject::Pronoun)
            .or_else(|| before(ctx, cue, floor)),
    }
}

/// True when mention `m` heads a plural group (`les pays de l'AES`).
fn in_plural_group(ctx: &Ctx<'_>, m: usize) -> bool {
    let first = ctx
        .toks
        .partition_point(|t| t.end <= ctx.doc.mentions[m].span.start);
    let lo = first.saturating_sub(5);
    let mut saw_of = false;
    for k in (lo..first).rev() {
        let w = ctx.text(k);
        if !ctx.toks[k].word {
            return false;
        }
        if ctx.lex.is(w, role::OF) {
            saw_of = true;
        } else if saw_of && ctx.lex.is(w, role::PLURAL_DET) {
            return true;
        }
    }
    false
}

/// Mentions before byte `pos`, latest first, outside quotations, from
/// sentence `min_sentence` on.
fn mentions_before<'c>(
    ctx: &'c Ctx<'_>,
    pos: usize,
    min_sentence: usize,
) -> impl Iterator<Item = usize> + 'c {
    let n = ctx
        .mention_order
        .partition_point(|&i| ctx.doc.mentions[i].span.start < pos);
    ctx.mention_order[..n]
        .iter()
        .rev()
        .copied()
        .take_while(move |&i| ctx.doc.mentions[i].sentence >= min_sentence)
        .filter(move |&i| !ctx.in_marked(ctx.doc.mentions[i].span.start))
}

/// Bytes of the shortest demonym worth looking up.
const MIN_DEMONYM_BYTES: usize = 4;

/// Words before a speaker noun where its demonym may stand (`the Russian embassy`).
const DEMONYM_BEFORE: usize = 2;

/// Tokens after a speaker noun where its demonym may stand (`le chef de
/// l'État nigérien`, `le ministre malien de la Défense`).
const DEMONYM_AFTER: usize = 6;

/// The country code of a demonym beside the speaker noun at token `tok`:
/// in the words right before it or in its complement, up to punctuation,
/// an auxiliary or a speech verb.
fn demonym_near<'a>(ctx: &'a Ctx<'_>, tok: usize) -> Option<&'a str> {
    let lookup = |k: usize| {
        // no demonym is shorter (`Dane`, `Finn`): skip function words unfolded
        if ctx.toks[k].end - ctx.toks[k].start < MIN_DEMONYM_BYTES {
            return None;
        }
        let mut key = KeyBuf::new();
        if !key.push_folded(ctx.text(k)) {
            return None;
        }
        ctx.lex.demonyms.get(key.as_str()).map(String::as_str)
    };
    for k in (tok.saturating_sub(DEMONYM_BEFORE)..tok).rev() {
        if !ctx.toks[k].word {
            break;
        }
        if let Some(code) = lookup(k) {
            return Some(code);
        }
    }
    let end = (tok + 1 + DEMONYM_AFTER).min(ctx.toks.len());
    for k in tok + 1..end {
        let starts_cue = ctx.cues.binary_search_by_key(&k, |c| c.first_tok).is_ok();
        if !ctx.toks[k].word || starts_cue || ctx.lex.is(ctx.text(k), role::AUX | role::PASSIVE) {
            break;
        }
        if let Some(code) = lookup(k) {
            return Some(code);
        }
    }
    None
}

/// A speaker noun with a demonym (`le chef de l'État français`, `le
/// ministère algérien`, `the Russian embassy`): a person of that country
/// whose role fits, else the latest person of that country named before;
/// for an institution, the country itself when the article names it.
fn by_demonym(ctx: &Ctx<'_>, noun: usize, tok: usize, pos: usize) -> Option<ActorIdx> {
    let code = demonym_near(ctx, tok)?;
    let doc = ctx.doc;
    let n = &ctx.lex.nouns[noun];
    let of_country = |a: ActorIdx| doc.actors[a].country.as_deref() == Some(code);
    match n.kind {
        NounKind::Group | NounKind::Document => None,
        NounKind::Person => {
            let person = |m: &usize| {
                ctx.mention_kind(*m) == ActorKind::Person && of_country(doc.mentions[*m].actor)
            };
            let fits = |m: &usize| {
                let roles = &ctx.actor_roles[doc.mentions[*m].actor];
                n.matches.iter().any(|k| roles.contains(k.as_str()))
            };
            mentions_before(ctx, pos, 0)
                .find(|m| person(m) && fits(m))
                .or_else(|| mentions_before(ctx, pos, 0).find(person))
                .map(|m| doc.mentions[m].actor)
        }
        NounKind::Organization | NounKind::Country => (0..doc.actors.len())
            .find(|&a| doc.actors[a].kind == ActorKind::Country && of_country(a)),
    }
}

/// True when sentence `sentence` names a document (`un communiqué`) with a
/// speaker noun of kind document other than the one at token `tok`.
fn introduces_document(ctx: &Ctx<'_>, sentence: usize, tok: usize) -> bool {
    let Some(span) = ctx.doc.sentences.get(sentence) else {
        return false;
    };
    let first = ctx.toks.partition_point(|t| t.start < span.start);
    (first..ctx.toks.len())
        .take_while(|&k| ctx.toks[k].start < span.end)
        .filter(|&k| k != tok && ctx.toks[k].word)
        .filter_map(|k| noun_starting_at(ctx, k))
        .any(|(n, _)| ctx.lex.nouns[n].kind == NounKind::Document)
}

/// Resolves a subject to an actor, from the point of view of byte `pos`.
pub(crate) fn resolve(ctx: &Ctx<'_>, subject: Subject, pos: usize) -> Option<ActorIdx> {
    let doc = ctx.doc;
    let here = doc.sentence_at(pos);
    let window = here.saturating_sub(ctx.settings.pronoun_window_sentences);
    let actor = |m: usize| doc.mentions[m].actor;
    let of_kind =
        |kinds: &'static [ActorKind]| move |m: &usize| kinds.contains(&ctx.mention_kind(*m));
    const PERSON: &[ActorKind] = &[ActorKind::Person];
    const COLLECTIVE: &[ActorKind] = &[ActorKind::Organization, ActorKind::Country];
    if let Subject::Noun {
        noun,
        tok,
        indefinite: false,
        ..
    } = subject
        && let Some(a) = by_demonym(ctx, noun, tok, pos)
    {
        return Some(a);
    }
    match subject {
        Subject::Mention(m) => (ctx.mention_kind(m) != ActorKind::Place).then(|| actor(m)),
        Subject::Pronoun(class) => match class {
            PronounClass::Person => mentions_before(ctx, pos, window).find(of_kind(PERSON)),
            PronounClass::PersonFirst => mentions_before(ctx, pos, window)
                .find(of_kind(PERSON))
                .or_else(|| {
                    mentions_before(ctx, pos, here.saturating_sub(1)).find(of_kind(COLLECTIVE))
                }),
            PronounClass::Thing => mentions_before(ctx, pos, window).find(of_kind(COLLECTIVE)),
            PronounClass::Plural => {
                mentions_before(ctx, pos, window).find(|&m| in_plural_group(ctx, m))
            }
            PronounClass::Nobody => None,
        }
        .map(actor),
        // `un responsable de MSF`: the organisation speaks
        Subject::Noun {
            indefinite: true,
            of,
            ..
        } => of.and_then(|m| (ctx.mention_kind(m) != ActorKind::Place).then(|| actor(m))),
        Subject::Noun {
            noun,
            of: Some(owner),
            owned: true,
            ..
        } if ctx.lex.nouns[noun].kind == NounKind::Person => {
            // `China's envoy`: a person of that country whose role fits, else China
            let n = &ctx.lex.nouns[noun];
            let country = doc.actors[actor(owner)].country.as_deref();
            let fits = |m: &usize| {
                let a = &doc.actors[actor(*m)];
                ctx.mention_kind(*m) == ActorKind::Person
                    && country.is_some()
                    && a.country.as_deref() == country
                    && n.matches
                        .iter()
                        .any(|k| ctx.actor_roles[actor(*m)].contains(k.as_str()))
            };
            mentions_before(ctx, pos, 0)
                .find(fits)
                .map(actor)
                .or(Some(actor(owner)))
        }
        Subject::Noun { noun, of, .. } => {
            let n = &ctx.lex.nouns[noun];
            match n.kind {
                NounKind::Group => None,
                // `Le texte assure que`: the issuer, an organisation of this
                // or the previous sentence, in a sentence that introduced a
                // document (`X a dénoncé dans un communiqué`), no news medium
                NounKind::Document => {
                    let tok = match subject {
                        Subject::Noun { tok, .. } => tok,
                        _ => usize::MAX,
                    };
                    mentions_before(ctx, pos, here.saturating_sub(1))
                        .find(|&m| {
                            let a = &doc.actors[actor(m)];
                            let media = a
                                .sector
                                .as_deref()
                                .is_some_and(|s| ctx.settings.media_sectors.iter().any(|x| x == s));
                            ctx.mention_kind(m) == ActorKind::Organization
                                && !media
                                && introduces_document(ctx, doc.mentions[m].sentence, tok)
                        })
                        .map(actor)
                }
                NounKind::Person => {
                    // a person whose known role fits, else one whose role is unknown
                    let person = |m: &usize| ctx.mention_kind(*m) == ActorKind::Person;
                    let roles = |m: &usize| &ctx.actor_roles[actor(*m)];
                    let fits = |m: &usize| {
                        n.matches.is_empty()
                            || n.matches.iter().any(|k| roles(m).contains(k.as_str()))
                    };
                    mentions_before(ctx, pos, 0)
                        .find(|m| person(m) && fits(m))
                        .or_else(|| {
                            of.is_none()
                                .then(|| {
                                    mentions_before(ctx, pos, 0)
                                        .find(|m| person(m) && roles(m).is_empty())
                                })
                                .flatten()
                        })
                        .map(actor)
                        .or_else(|| of.map(actor))
                }
                NounKind::Organization | NounKind::Country => {
                    let kind = if n.kind == NounKind::Country {
                        ActorKind::Country
                    } else {
                        ActorKind::Organization
                    };
                    // `le ministère` is a ministry named before, `le pays` any country
                    let named = |m: &usize| {
                        let name = fold(&doc.actors[actor(*m)].name);
                        ctx.mention_kind(*m) == kind
                            && (n.matches.is_empty()
                                || n.matches.iter().any(|k| name.contains(k.as_str())))
                    };
                    of.filter(|&m| ctx.mention_kind(m) == kind)
                        .or_else(|| mentions_before(ctx, pos, window).find(named))
                        .map(actor)
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testkit::{ActorSpec, Case, check, check_with_countries};
    use crate::document::ActorKind::{Country, Organization, Person, Place};
    use crate::document::QuoteKind::{Direct, Indirect, Partial};

    const LENOIR: ActorSpec = (
        "Pierre Lenoir",
        Person,
        &["Pierre Lenoir"],
        Some("ambassadeur de France"),
    );
    const SY: ActorSpec = ("Amadou Sy", Person, &["Amadou Sy"], Some("général"));
    const SILVA: ActorSpec = (
        "Ana Silva",
        Person,
        &["Ana Silva"],
        Some("Foreign Minister"),
    );
    const BROWN: ActorSpec = ("Tom Brown", Person, &["Tom Brown"], Some("army general"));

    #[test]
    fn demonyms_beside_a_speaker_noun() {
        const MACRON: ActorSpec = ("Emmanuel Macron", Person, &[], None);
        const DEBY: ActorSpec = ("Mahamat Déby", Person, &[], Some("président tchadien"));
        const ALGERIE: ActorSpec = ("Algérie", Country, &[], None);
        const RUSSIA: ActorSpec = ("Russia", Country, &["Russia", "Moscow"], None);
        let countries = [
            ("Emmanuel Macron", "FRA"),
            ("Mahamat Déby", "TCD"),
            ("Algérie", "DZA"),
            ("Mali", "MLI"),
            ("Russia", "RUS"),
        ];
        check_with_countries(
            &[
                Case {
                    name: "head_of_state_with_demonym_is_of_that_country",
                    lang: "fr",
                    text: "Emmanuel Macron a reçu Mahamat Déby. Le chef de l'État français a estimé que la coopération devait continuer.",
                    actors: &[MACRON, DEBY],
                    expect: &[(
                        "la coopération devait continuer",
                        Indirect,
                        Some("Emmanuel Macron"),
                        Some("a estimé"),
                    )],
                },
                Case {
                    name: "ministry_with_demonym_is_its_country",
                    lang: "fr",
                    text: "Le Mali accuse l'Algérie. Le ministère algérien des Affaires étrangères a dénoncé des « allégations sans fondement ».",
                    actors: &[("Mali", Country, &[], None), ALGERIE],
                    expect: &[(
                        "allégations sans fondement",
                        Partial,
                        Some("Algérie"),
                        Some("a dénoncé"),
                    )],
                },
                Case {
                    name: "opening_phrase_is_not_the_shared_subject",
                    lang: "fr",
                    text: "Dans un communiqué, le ministère algérien a regretté la décision et a dénoncé des « allégations sans fondement ».",
                    actors: &[ALGERIE],
                    expect: &[(
                        "allégations sans fondement",
                        Partial,
                        Some("Algérie"),
                        Some("a dénoncé"),
                    )],
                },
                Case {
                    name: "embassy_with_demonym_is_its_country",
                    lang: "en",
                    text: "Moscow protested. The Russian embassy said that the measures were illegal and unfriendly.",
                    actors: &[RUSSIA],
                    expect: &[(
                        "the measures were illegal and unfriendly",
                        Indirect,
                        Some("Russia"),
                        Some("said"),
                    )],
                },
                Case {
                    name: "demonym_after_the_verb_is_not_the_nouns",
                    lang: "fr",
                    text: "Emmanuel Macron a reçu Mahamat Déby. Le président a estimé que l'armée tchadienne restait solide.",
                    actors: &[MACRON, DEBY],
                    expect: &[(
                        "l'armée tchadienne restait solide",
                        Indirect,
                        Some("Mahamat Déby"),
                        Some("a estimé"),
                    )],
                },
                Case {
                    name: "indefinite_noun_with_demonym_names_nobody",
                    lang: "fr",
                    text: "L'Algérie a protesté. Un diplomate algérien a estimé que la crise allait durer.",
                    actors: &[ALGERIE],
                    expect: &[("la crise allait durer", Indirect, None, Some("a estimé"))],
                },
            ],
            &countries,
        );
    }

    #[test]
    fn a_document_stands_for_an_organisation_not_a_medium() {
        use super::super::testkit::{document, stage, with_actors};
        use crate::pipeline::Stage;
        let cases = [
            (
                "fr",
                "L'armée malienne a publié un texte relayé par l'AFP. Le texte affirme que la ville a été reprise hier.",
                Some("armée malienne"),
            ),
            (
                "fr",
                "L'armée malienne a repris la ville. Le communiqué affirme que la ville a été reprise hier.",
                None,
            ),
            (
                "fr",
                "L'AFP a obtenu le document dimanche. Le texte affirme que la ville a été reprise hier.",
                None,
            ),
            (
                "en",
                "Reuters obtained the document on Sunday. The statement said the town had been retaken.",
                None,
            ),
            (
                "en",
                "The army met Reuters. It rained. The statement said the town had been retaken.",
                None,
            ),
        ];
        for (lang, text, want) in cases {
            let mut doc = with_actors(
                document(lang, text),
                &[
                    (
                        "armée malienne",
                        Organization,
                        &["armée malienne", "army"],
                        None,
                    ),
                    ("AFP", Organization, &["AFP", "Reuters"], None),
                ],
            );
            doc.actors[1].sector = Some("JRN".into());
            stage().process(&mut doc);
            let got: Vec<Option<&str>> = doc
                .quotes
                .iter()
                .map(|q| q.speaker.map(|a| doc.actors[a].name.as_str()))
                .collect();
            assert_eq!(got, vec![want], "{text}");
        }
    }

    #[test]
    fn speakers_resolved_through_coreference() {
        check(&[
            Case {
                name: "role_noun_picks_the_matching_person",
                lang: "fr",
                text: "Pierre Lenoir a rencontré Amadou Sy à Niamey. « La coopération continue », a indiqué le diplomate.",
                actors: &[LENOIR, SY],
                expect: &[(
                    "La coopération continue",
                    Direct,
                    Some("Pierre Lenoir"),
                    Some("a indiqué"),
                )],
            },
            Case {
                name: "role_noun_without_known_roles_takes_the_latest_person",
                lang: "fr",
                text: "Le ministre Marc Garneau est arrivé à Bamako. « Nous sommes venus écouter », a souligné le ministre.",
                actors: &[("Marc Garneau", Person, &[], None)],
                expect: &[(
                    "Nous sommes venus écouter",
                    Direct,
                    Some("Marc Garneau"),
                    Some("a souligné"),
                )],
            },
            Case {
                name: "pronoun_skips_names_inside_quotes",
                lang: "fr",
                text: "Pierre Lenoir a pris la parole. « J'ai parlé avec Amadou Sy hier », a-t-il raconté.",
                actors: &[LENOIR, SY],
                expect: &[(
                    "J'ai parlé avec Amadou Sy hier",
                    Direct,
                    Some("Pierre Lenoir"),
                    Some("a-t-il raconté"),
                )],
            },
            Case {
                name: "elle_falls_back_to_a_country",
                lang: "fr",
                text: "La France a rappelé son ambassadeur. Elle estime que le dialogue est rompu.",
                actors: &[("France", Country, &[], None)],
                expect: &[(
                    "le dialogue est rompu",
                    Indirect,
                    Some("France"),
                    Some("estime"),
                )],
            },
            Case {
                name: "plural_pronoun_finds_the_group",
                lang: "fr",
                text: "Les dirigeants de la Cédéao ont tenu un sommet avec le Mali. Ils ont qualifié la situation de « très préoccupante ».",
                actors: &[
                    ("Cédéao", Organization, &[], None),
                    ("Mali", Country, &[], None),
                ],
                expect: &[(
                    "très préoccupante",
                    Partial,
                    Some("Cédéao"),
                    Some("ont qualifié"),
                )],
            },
            Case {
                name: "title_ending_in_a_name",
                lang: "fr",
                text: "Paul Biya, président du Cameroun, est arrivé. Le chef de l'État a plaidé pour « une paix durable ».",
                actors: &[
                    ("Paul Biya", Person, &[], Some("président du Cameroun")),
                    ("État", Country, &[], None),
                ],
                expect: &[(
                    "une paix durable",
                    Partial,
                    Some("Paul Biya"),
                    Some("a plaidé"),
                )],
            },
            Case {
                name: "known_role_beats_a_later_person_without_role",
                lang: "fr",
                text: "Paul Biya a reçu Karl Braun. Le chef de l'État a plaidé pour « une paix durable ».",
                actors: &[
                    ("Paul Biya", Person, &[], Some("président")),
                    ("Karl Braun", Person, &[], None),
                ],
                expect: &[(
                    "une paix durable",
                    Partial,
                    Some("Paul Biya"),
                    Some("a plaidé"),
                )],
            },
            Case {
                name: "indefinite_noun_names_nobody",
                lang: "fr",
                text: "Pierre Lenoir a quitté Niamey. « La situation est grave », a confié un diplomate.",
                actors: &[LENOIR],
                expect: &[("La situation est grave", Direct, None, Some("a confié"))],
            },
            Case {
                name: "noun_with_incompatible_roles_stays_unknown",
                lang: "fr",
                text: "Amadou Sy a inspecté les troupes. « Les négociations avancent », a déclaré l'ambassadeur.",
                actors: &[SY],
                expect: &[("Les négociations avancent", Direct, None, Some("a déclaré"))],
            },
            Case {
                name: "apposition_between_commas_keeps_its_head",
                lang: "en",
                text: "Tom Brown, Ana Silva's adviser on security, said that the army would withdraw by June.",
                actors: &[
                    ("Tom Brown", Person, &[], None),
                    ("Ana Silva", Person, &[], None),
                ],
                expect: &[(
                    "the army would withdraw by June",
                    Indirect,
                    Some("Tom Brown"),
                    Some("said"),
                )],
            },
            Case {
                name: "apposition_with_a_place_keeps_its_head",
                lang: "fr",
                text: "Le chercheur Pierre Lenoir, de l'université de Dakar, estime que la junte veut gagner du temps.",
                actors: &[
                    ("Pierre Lenoir", Person, &[], None),
                    ("Dakar", Place, &[], None),
                ],
                expect: &[(
                    "la junte veut gagner du temps",
                    Indirect,
                    Some("Pierre Lenoir"),
                    Some("estime"),
                )],
            },
            Case {
                name: "possessive_title_before_a_name_after_the_cue",
                lang: "en",
                text: "\"We have done our part,\" said Kenya's U.N. ambassador Ana Silva.",
                actors: &[
                    ("Kenya", Country, &[], None),
                    ("United Nations", Organization, &["U.N."], None),
                    ("Ana Silva", Person, &[], None),
                ],
                expect: &[(
                    "We have done our part",
                    Direct,
                    Some("Ana Silva"),
                    Some("said"),
                )],
            },
            Case {
                name: "possessive_title_alone_is_its_country",
                lang: "en",
                text: "Karl Braun, the special envoy, spoke first. China's envoy said that Beijing would abstain in the vote.",
                actors: &[
                    ("Karl Braun", Person, &[], Some("special envoy")),
                    ("China", Country, &[], None),
                ],
                expect: &[(
                    "Beijing would abstain in the vote",
                    Indirect,
                    Some("China"),
                    Some("said"),
                )],
            },
            Case {
                name: "long_title_then_name_in_apposition",
                lang: "fr",
                text: "Pierre Lenoir est arrivé. « Nous ne céderons pas », a déclaré le ministre de l'Administration territoriale et porte-parole du gouvernement, le général Amadou Sy.",
                actors: &[LENOIR, ("Amadou Sy", Person, &[], None)],
                expect: &[(
                    "Nous ne céderons pas",
                    Direct,
                    Some("Amadou Sy"),
                    Some("a déclaré"),
                )],
            },
            Case {
                name: "name_after_de_owns_the_title",
                lang: "fr",
                text: "« Nous ne céderons pas », a déclaré le porte-parole de Pierre Lenoir devant la presse.",
                actors: &[("Pierre Lenoir", Person, &[], Some("président"))],
                expect: &[("Nous ne céderons pas", Direct, None, Some("a déclaré"))],
            },
            Case {
                name: "agent_of_a_participle_is_not_the_subject",
                lang: "en",
                text: "Security sources quoted by Reuters said the convoy had been ambushed near the border.",
                actors: &[("Reuters", Organization, &[], None)],
                expect: &[(
                    "the convoy had been ambushed near the border",
                    Indirect,
                    None,
                    Some("said"),
                )],
            },
            Case {
                name: "agent_before_the_subject_is_skipped",
                lang: "fr",
                text: "Interrogé par RFI, Jean Dupont a affirmé que le dialogue restait possible.",
                actors: &[
                    ("RFI", Organization, &[], None),
                    ("Jean Dupont", Person, &[], None),
                ],
                expect: &[(
                    "le dialogue restait possible",
                    Indirect,
                    Some("Jean Dupont"),
                    Some("a affirmé"),
                )],
            },
            Case {
                name: "communique_stands_for_its_organisation",
                lang: "fr",
                text: "L'état-major des Forces armées maliennes a publié un communiqué dimanche. Le texte affirme que l'armée a repris le contrôle de la ville.",
                actors: &[("Forces armées maliennes", Organization, &[], None)],
                expect: &[(
                    "l'armée a repris le contrôle de la ville",
                    Indirect,
                    Some("Forces armées maliennes"),
                    Some("affirme"),
                )],
            },
            Case {
                name: "statement_without_an_organisation_names_nobody",
                lang: "en",
                text: "Ana Silva left Lisbon on Monday. The statement said the talks would resume in May.",
                actors: &[SILVA],
                expect: &[(
                    "the talks would resume in May",
                    Indirect,
                    None,
                    Some("said"),
                )],
            },
            Case {
                name: "minister_matches_role",
                lang: "en",
                text: "Ana Silva met Tom Brown in Lisbon. \"Our alliance is strong,\" the minister said.",
                actors: &[SILVA, BROWN],
                expect: &[(
                    "Our alliance is strong",
                    Direct,
                    Some("Ana Silva"),
                    Some("said"),
                )],
            },
            Case {
                name: "she_takes_the_latest_person",
                lang: "en",
                text: "Tom Brown left early. Ana Silva stayed. \"We have work to do,\" she said.",
                actors: &[SILVA, BROWN],
                expect: &[(
                    "We have work to do",
                    Direct,
                    Some("Ana Silva"),
                    Some("said"),
                )],
            },
            Case {
                name: "pronoun_too_far_back_is_unknown",
                lang: "en",
                text: "Tom Brown left. The rain stopped. The roads dried. The shops opened. The night fell. \"It is over,\" he said.",
                actors: &[BROWN],
                expect: &[("It is over", Direct, None, Some("said"))],
            },
        ]);
    }
}
