//! One synthetic article: a cast (people, countries, towns, organisations),
//! a topic, and paragraphs of sentences drawn from the templates and filled
//! in. Everything comes from one seeded random generator, so the same seed
//! gives the same article on any machine and thread.

use chrono::{Datelike, Duration, NaiveDate};
use fastrand::Rng;

use super::data::{Data, LangData, Title, upper_first};
use super::template::{
    Calc, CityForm, CountryForm, Local, OrgForm, OrgKind, PersonForm, Piece, Slot, Template,
};

/// A generated article.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// Language index (0 French, 1 English; see `data::LANGS`).
    pub lang: usize,
    /// Headline.
    pub title: String,
    /// Body paragraphs.
    pub paragraphs: Vec<String>,
    /// Publication day.
    pub published: NaiveDate,
    /// Web site it "comes from" (for URLs and HTML pages).
    pub site: String,
    /// A slug for its URL.
    pub slug: String,
}

impl Article {
    /// Number of words of the body.
    pub fn words(&self) -> usize {
        self.paragraphs
            .iter()
            .map(|p| p.split_whitespace().count())
            .sum()
    }
}

/// A cast person, ready to be written in any form.
#[derive(Debug, Clone, Default)]
struct Person {
    name: String,
    last: String,
    female: bool,
    rank: bool,
    titled: bool,
    title: String,
    title_rest: String,
}

/// Values of [`Local`] placeholders while rendering a person or a title.
type Locals<'s> = [&'s str; 8];

const NO_LOCALS: Locals<'static> = [""; 8];

/// Probability that a sentence is drawn from each kind of section.
const SECTION_WEIGHTS: [(Kind, f64); 5] = [
    (Kind::Body, 0.34),
    (Kind::Quote, 0.20),
    (Kind::Reported, 0.14),
    (Kind::Context, 0.24),
    (Kind::Reaction, 0.08),
];

#[derive(Debug, Clone, Copy)]
enum Kind {
    Body,
    Quote,
    Reported,
    Context,
    Reaction,
}

/// Generates the article of `seed` in language `lang`, published on `published`.
pub fn generate(data: &Data, seed: u64, lang: usize, published: NaiveDate) -> Article {
    let mut r = Render::new(data, seed, lang, published);
    r.article()
}

struct Render<'a> {
    data: &'a Data,
    li: usize,
    lang: &'a LangData,
    rng: Rng,
    published: NaiveDate,
    cur: NaiveDate,
    day2: u32,
    people: [Person; 3],
    person_mentions: [u32; 3],
    countries: [usize; 3],
    cities: [usize; 2],
    orgs: [usize; 4],
    org_mentions: [u32; 4],
    used: Vec<Vec<bool>>,
}

impl<'a> Render<'a> {
    fn new(data: &'a Data, seed: u64, li: usize, published: NaiveDate) -> Self {
        let lang = &data.langs[li];
        let mut r = Render {
            data,
            li,
            lang,
            rng: Rng::with_seed(seed),
            published,
            cur: published,
            day2: published.day(),
            people: Default::default(),
            person_mentions: [0; 3],
            countries: [0; 3],
            cities: [0; 2],
            orgs: [0; 4],
            org_mentions: [0; 4],
            used: vec![Vec::new(); lang.sections.len()],
        };
        r.cast();
        r
    }

    fn cast(&mut self) {
        let d = self.data;
        let c1 = d.home[self.rng.usize(..d.home.len())];
        let mut c2 = d.partner[self.rng.usize(..d.partner.len())];
        while c2 == c1 {
            c2 = d.partner[self.rng.usize(..d.partner.len())];
        }
        let mut c3 = self.rng.usize(..d.countries.len());
        while c3 == c1 || c3 == c2 {
            c3 = self.rng.usize(..d.countries.len());
        }
        self.countries = [c1, c2, c3];
        self.people[0] = self.person(c1, &["gov", "gov", "mil"], 0.35);
        self.people[1] = self.person(c2, &["gov", "dip"], 0.4);
        let c = if self.rng.f64() < 0.8 { c1 } else { c2 };
        self.people[2] = self.person(c, &["civ"], 0.0);
        for (i, c) in [c1, c2].into_iter().enumerate() {
            let towns = &d.countries[c].cities;
            self.cities[i] = towns[self.rng.usize(..towns.len())];
        }
        for k in OrgKind::ALL {
            self.orgs[k as usize] = self.rng.usize(..d.orgs[k as usize].len());
        }
    }

    /// A known person of `country` (with probability `p_known`, when there
    /// is one) or an invented one with a title of one of `kinds`.
    fn person(&mut self, country: usize, kinds: &[&str], p_known: f64) -> Person {
        let d = self.data;
        let known: Vec<usize> = (0..d.people.len())
            .filter(|&i| d.people[i].country == country)
            .collect();
        if !known.is_empty() && self.rng.f64() < p_known {
            let k = &d.people[known[self.rng.usize(..known.len())]];
            let variants = &k.names[self.li];
            let (first, last) = &variants[self.rng.usize(..variants.len())];
            let mut p = Person {
                name: join_name(first, last),
                last: last.clone(),
                female: k.female.unwrap_or(false),
                rank: k.rank,
                ..Default::default()
            };
            if let Some(t) = &k.titles[self.li] {
                self.set_title(&mut p, t, country);
            }
            return p;
        }
        let kind = kinds[self.rng.usize(..kinds.len())];
        let pool = &d.pools[&d.countries[country].pool];
        let lang = self.lang;
        let titles = &lang.titles;
        let female_key = format!("{kind}_f");
        let female =
            !pool.f.is_empty() && titles.contains_key(&female_key) && self.rng.f64() < 0.22;
        let key = if female {
            female_key
        } else {
            format!("{kind}_m")
        };
        let firsts = if female { &pool.f } else { &pool.m };
        let first = &firsts[self.rng.usize(..firsts.len())];
        let last = pool.last[self.rng.usize(..pool.last.len())].clone();
        let mut p = Person {
            name: join_name(first, &last),
            last,
            female,
            rank: kind == "mil",
            ..Default::default()
        };
        if let Some(list) = titles.get(&key) {
            let t = &list[self.rng.usize(..list.len())];
            self.set_title(&mut p, t, country);
        }
        p
    }

    fn set_title(&mut self, p: &mut Person, t: &Title, country: usize) {
        let f = &self.data.countries[country].forms[self.li];
        let mut locals = NO_LOCALS;
        locals[Local::Adj as usize] = &f.adj[0];
        locals[Local::AdjF as usize] = &f.adj[1];
        locals[Local::Of as usize] = &f.of;
        let mut rest = String::new();
        self.render(&t.rest, &mut rest, &locals, 0);
        p.title = join_det(&t.det, &rest);
        p.title_rest = rest;
        p.titled = true;
    }

    fn article(&mut self) -> Article {
        let lang = self.lang;
        let topic = lang.topics[self.rng.usize(..lang.topics.len())];
        let title = self.sentence(topic.title);
        // The headline does not introduce anyone: the lead does.
        self.person_mentions = [0; 3];
        self.org_mentions = [0; 4];
        let target = self.rng.usize(300..=1500);
        let mut paragraphs = Vec::new();
        let mut lead = self.sentence(topic.lead);
        for _ in 0..self.rng.usize(0..=2) {
            lead.push(' ');
            lead.push_str(&self.sentence(topic.body));
        }
        let mut words = count_words(&lead);
        paragraphs.push(lead);
        while words < target {
            if paragraphs.len() >= 2 && self.rng.f64() < 0.08 {
                paragraphs.push(self.sentence(lang.shared.subhead));
            }
            let mut p = String::new();
            for _ in 0..self.rng.usize(2..=5) {
                let sec = match self.kind() {
                    Kind::Body => topic.body,
                    Kind::Quote => lang.shared.quote,
                    Kind::Reported => lang.shared.reported,
                    Kind::Context => lang.shared.context,
                    Kind::Reaction => lang.shared.reaction,
                };
                if !p.is_empty() {
                    p.push(' ');
                }
                p.push_str(&self.sentence(sec));
            }
            words += count_words(&p);
            paragraphs.push(p);
        }
        if self.rng.f64() < 0.25 {
            paragraphs.push(self.sentence(lang.shared.closing));
        }
        let curly = self.rng.bool();
        let fix = |s: String| -> String {
            let s = match &lang.contractions {
                Some((ac, to)) => ac.replace_all(&s, to),
                None => s,
            };
            let s = tidy_punctuation(s);
            if curly {
                s.replace('\'', "\u{2019}")
            } else {
                s
            }
        };
        let title = fix(title);
        let slug = slugify(&title);
        Article {
            lang: self.li,
            title,
            paragraphs: paragraphs.into_iter().map(fix).collect(),
            published: self.published,
            site: lang.sites[self.rng.usize(..lang.sites.len())].clone(),
            slug,
        }
    }

    fn kind(&mut self) -> Kind {
        let mut x = self.rng.f64();
        for (k, w) in SECTION_WEIGHTS {
            if x < w {
                return k;
            }
            x -= w;
        }
        Kind::Context
    }

    /// Renders a template of section `sec` not used yet in this article
    /// (until all have been), with its first letter upper-cased.
    fn sentence(&mut self, sec: usize) -> String {
        let lang = self.lang;
        let n = lang.sections[sec].len();
        let used = &mut self.used[sec];
        if used.is_empty() {
            *used = vec![false; n];
        }
        if used.iter().all(|&u| u) {
            used.fill(false);
        }
        let i = loop {
            let i = self.rng.usize(..n);
            if !used[i] {
                used[i] = true;
                break i;
            }
        };
        let mut s = String::new();
        self.render(&lang.sections[sec][i], &mut s, &NO_LOCALS, 0);
        if s.starts_with(|c: char| c.is_lowercase()) {
            s = upper_first(&s);
        }
        s
    }

    fn filler(&mut self, slot: usize, out: &mut String, locals: &Locals, depth: u8) {
        let lang = self.lang;
        let values = &lang.fillers[slot];
        if values.is_empty() {
            return;
        }
        let t = &values[self.rng.usize(..values.len())];
        self.render(t, out, locals, depth + 1);
    }

    fn render(&mut self, t: &Template, out: &mut String, locals: &Locals, depth: u8) {
        if depth > 8 {
            return; // a filler that refers to itself: stop rather than loop
        }
        for piece in &t.0 {
            match piece {
                Piece::Lit(s) => out.push_str(s),
                Piece::Slot(slot) => self.slot(*slot, out, locals, depth),
            }
        }
    }

    fn slot(&mut self, slot: Slot, out: &mut String, locals: &Locals, depth: u8) {
        let d = self.data;
        let li = self.li;
        match slot {
            Slot::Person(i, form) => self.person_mention(i, form, out, depth),
            Slot::Country(i, form) => {
                let c = &d.countries[self.countries[i]];
                let f = &c.forms[li];
                out.push_str(match form {
                    CountryForm::Name => &f.name,
                    CountryForm::In => &f.in_,
                    CountryForm::Of => &f.of,
                    CountryForm::Adj => &f.adj[0],
                    CountryForm::AdjF => &f.adj[1],
                    CountryForm::AdjMp => &f.adj[2],
                    CountryForm::AdjFp => &f.adj[3],
                    CountryForm::Capital => &d.cities[c.capital].name[li],
                    CountryForm::Bare => &f.bare,
                });
            }
            Slot::City(i, form) => {
                let c = &d.cities[self.cities[i]];
                out.push_str(match form {
                    CityForm::Name => &c.name[li],
                    CityForm::In => &c.in_[li],
                });
            }
            Slot::Org(kind, form) => {
                let k = kind as usize;
                let org = &d.orgs[k][self.orgs[k]];
                let full = match form {
                    OrgForm::Full => true,
                    OrgForm::Short => false,
                    OrgForm::Auto => self.org_mentions[k] == 0 || self.rng.f64() < 0.3,
                };
                self.org_mentions[k] += 1;
                out.push_str(if full { &org.full[li] } else { &org.short[li] });
            }
            Slot::Date(future) => {
                self.pick_date(future);
                let s = self.lang.special;
                let slot = if future { s.date_future } else { s.date_past };
                self.filler(slot, out, locals, depth);
            }
            Slot::Calc(c) => self.calc(c, out),
            Slot::Filler(f) => self.filler(f, out, locals, depth),
            Slot::Local(l) => out.push_str(locals[l as usize]),
        }
    }

    fn person_mention(&mut self, i: usize, form: PersonForm, out: &mut String, depth: u8) {
        let p = std::mem::take(&mut self.people[i]);
        let g = usize::from(p.female);
        let lang = self.lang;
        let mut locals = NO_LOCALS;
        locals[Local::Name as usize] = &p.name;
        locals[Local::Last as usize] = &p.last;
        locals[Local::Hon as usize] = &lang.hon[g];
        locals[Local::Title as usize] = &p.title;
        locals[Local::TitleRest as usize] = &p.title_rest;
        let sp = lang.special;
        let first = self.person_mentions[i] == 0;
        let template = match form {
            PersonForm::Pron => {
                out.push_str(&lang.pron[g]);
                None
            }
            PersonForm::Agree => {
                out.push_str(&lang.agree[g]);
                None
            }
            PersonForm::Full => {
                out.push_str(&p.name);
                None
            }
            PersonForm::Title if p.titled => {
                out.push_str(&p.title);
                None
            }
            _ if !p.titled => {
                // Without a title only the name and surname read naturally.
                let full = form == PersonForm::Title || first || self.rng.f64() < 0.4;
                out.push_str(if full { &p.name } else { &p.last });
                None
            }
            PersonForm::Short if p.rank => Some(sp.short_rank),
            PersonForm::Short => Some(sp.short),
            _ if first && p.rank => Some(sp.intro_rank),
            _ if first => Some(sp.intro),
            _ if p.rank => Some(sp.later_rank),
            _ => Some(sp.later),
        };
        if let Some(slot) = template {
            self.filler(slot, out, &locals, depth);
        }
        if !matches!(form, PersonForm::Pron | PersonForm::Agree) {
            self.person_mentions[i] += 1;
        }
        self.people[i] = p;
    }

    /// Draws the day that the next date expression refers to.
    fn pick_date(&mut self, future: bool) {
        let days = if future {
            self.rng.i64(1..=90)
        } else {
            -self.rng.i64(0..=45)
        };
        let mut d = self.published + Duration::days(days);
        let span = self.rng.u32(1..=4);
        let last = month_days(d);
        if d.day() + span > last {
            d -= Duration::days(i64::from(span));
        }
        self.cur = d;
        self.day2 = d.day() + span;
    }

    fn calc(&mut self, c: Calc, out: &mut String) {
        use std::fmt::Write;
        let lang = self.lang;
        let d = self.cur;
        let _ = match c {
            Calc::Day => match (&lang.day_first, d.day()) {
                (Some(first), 1) => write!(out, "{first}"),
                (_, n) => write!(out, "{n}"),
            },
            Calc::Day2 => write!(out, "{}", self.day2),
            Calc::Month => write!(out, "{}", lang.months[d.month0() as usize]),
            Calc::Mm => write!(out, "{:02}", d.month()),
            Calc::Year => write!(out, "{}", d.year()),
            Calc::Weekday => write!(
                out,
                "{}",
                lang.weekdays[d.weekday().num_days_from_monday() as usize]
            ),
            Calc::Weekday2 => write!(
                out,
                "{}",
                lang.weekdays[d.weekday().succ().num_days_from_monday() as usize]
            ),
            Calc::YearPast => write!(out, "{}", self.published.year() - self.rng.i32(1..=12)),
            Calc::N => write!(out, "{}", self.rng.u32(2..=12)),
            Calc::Big => {
                let n = self.rng.u32(10..=950) * 10;
                if n >= 1000 {
                    write!(out, "{}{}{:03}", n / 1000, lang.thousands_sep, n % 1000)
                } else {
                    write!(out, "{n}")
                }
            }
            Calc::Pct => write!(out, "{}", self.rng.u32(5..=95)),
        };
    }
}

/// Removes the doubled punctuation an appositive leaves before a full stop
/// or a colon ("Sadio Camara, ministre de la Défense,." → "...Défense.").
fn tidy_punctuation(s: String) -> String {
    const PAIRS: [(&str, &str); 5] = [
        (",.", "."),
        (",,", ","),
        (", ,", ","),
        (", :", " :"),
        (",:", ":"),
    ];
    if !PAIRS.iter().any(|(from, _)| s.contains(from)) {
        return s;
    }
    let mut s = s;
    for (from, to) in PAIRS {
        s = s.replace(from, to);
    }
    s
}

fn join_name(first: &str, last: &str) -> String {
    if first.is_empty() {
        last.to_string()
    } else {
        format!("{first} {last}")
    }
}

/// "le" + "ministre" → "le ministre"; "l'" + "ambassadeur" → "l'ambassadeur".
fn join_det(det: &str, rest: &str) -> String {
    if det.is_empty() {
        rest.to_string()
    } else if det.ends_with('\'') || det.ends_with('\u{2019}') {
        format!("{det}{rest}")
    } else {
        format!("{det} {rest}")
    }
}

fn month_days(d: NaiveDate) -> u32 {
    let (y, m) = (d.year(), d.month());
    let next = if m == 12 {
        NaiveDate::from_ymd_opt(y + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(y, m + 1, 1)
    };
    next.and_then(|n| n.pred_opt()).map_or(28, |l| l.day())
}

fn count_words(s: &str) -> usize {
    s.split_whitespace().count()
}

/// A URL slug: lower-case ASCII letters and digits joined by dashes, at most 60 bytes.
pub fn slugify(title: &str) -> String {
    let ascii = deunicode::deunicode(title).to_lowercase();
    let mut out = String::new();
    for w in ascii.split(|c: char| !c.is_ascii_alphanumeric()) {
        if w.is_empty() {
            continue;
        }
        if out.len() + w.len() + 1 > 60 {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(w);
    }
    if out.is_empty() {
        out.push_str("article");
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::synth::data::load;

    fn data() -> Data {
        load(Path::new("pipelines/synth"), None).unwrap()
    }

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 3, 1).unwrap()
    }

    #[test]
    fn same_seed_same_article_and_seeds_differ() {
        let d = data();
        for lang in 0..2 {
            assert_eq!(generate(&d, 7, lang, day()), generate(&d, 7, lang, day()));
            assert_ne!(generate(&d, 7, lang, day()), generate(&d, 8, lang, day()));
        }
    }

    #[test]
    fn articles_are_well_formed_in_both_languages() {
        // (language, text that must never appear: leftovers of templates
        // or of grammar the contraction rules should have fixed)
        let cases: [(usize, &[&str]); 2] = [
            (
                0,
                &[
                    "{", "}", "  ", " de le ", " à le ", " de les ", " à les ", ",.", "|",
                ],
            ),
            (1, &["{", "}", "  ", " the the ", ",.", "|", " a American "]),
        ];
        let d = data();
        for (lang, bad) in cases {
            for seed in 0..120 {
                let a = generate(&d, seed, lang, day());
                let text = format!("{}\n{}", a.title, a.paragraphs.join("\n"));
                for b in bad {
                    assert!(
                        !text.contains(b),
                        "lang {lang} seed {seed}: {b:?} in:\n{text}"
                    );
                }
                let w = a.words();
                assert!(
                    (300..1900).contains(&w),
                    "lang {lang} seed {seed}: {w} words"
                );
                assert!(a.paragraphs.len() >= 3, "lang {lang} seed {seed}");
                assert!(!a.title.is_empty() && !a.slug.is_empty());
            }
        }
    }

    #[test]
    fn sentences_start_with_a_capital_or_a_quote() {
        let d = data();
        for lang in 0..2 {
            let a = generate(&d, 3, lang, day());
            for p in &a.paragraphs {
                let c = p.chars().next().unwrap();
                assert!(
                    c.is_uppercase() || c.is_ascii_digit() || "«“\"(".contains(c),
                    "lang {lang}: {p}"
                );
            }
        }
    }

    #[test]
    fn tidy_punctuation_cases() {
        let cases = [
            ("Sadio Camara, ministre,.", "Sadio Camara, ministre."),
            ("a déclaré X, ministre, :", "a déclaré X, ministre :"),
            ("nothing to do.", "nothing to do."),
        ];
        for (input, want) in cases {
            assert_eq!(tidy_punctuation(input.to_string()), want, "{input}");
        }
    }

    #[test]
    fn slugify_cases() {
        let cases = [
            (
                "Mali : la Russie livre des drones",
                "mali-la-russie-livre-des-drones",
            ),
            (
                "« Événement historique » à Niamey",
                "evenement-historique-a-niamey",
            ),
            ("!!!", "article"),
        ];
        for (title, want) in cases {
            assert_eq!(slugify(title), want, "{title}");
        }
    }
}
