//! Test helpers: the stage built on the small fixture gazetteer in
//! `testdata/` (same format as `pipelines/gazetteer/`) and the real
//! lexicons of `pipelines/lexicons/`.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::document::{ActorKind, Document};
use crate::ingest::RawArticle;
use crate::pipeline::Stage;
use crate::text::Preparer;

use super::gazetteer::Gazetteer;
use super::lexicon::LangLexicon;
use super::matcher::Matcher;
use super::names::Names;
use super::{ActorsConfig, ActorsStage};

fn pipelines() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("pipelines")
}

/// The fixture gazetteer files.
pub fn gazetteer_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/extract/actors/testdata");
    ["countries", "places", "organizations", "people"]
        .map(|f| dir.join(format!("{f}.tsv")))
        .to_vec()
}

/// The test configuration: default lexicons, fixture gazetteer.
pub fn config() -> ActorsConfig {
    ActorsConfig {
        gazetteer: gazetteer_files()
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect(),
        ..ActorsConfig::default()
    }
}

/// Names, particles and transliteration rules.
pub fn names() -> Names {
    let c = config();
    let base = pipelines();
    let first: Vec<_> = c.first_names.iter().map(|p| base.join(p)).collect();
    Names::load(
        &first,
        &base.join(&c.name_particles),
        &base.join(&c.transliteration),
    )
    .unwrap()
}

/// Index of a language in the default configuration's order.
pub fn lang_index(lang: &str) -> u8 {
    config().lexicons.keys().position(|l| l == lang).unwrap() as u8
}

/// The fixture gazetteer, the lexicons and the matcher.
pub fn matcher() -> &'static (Gazetteer, Vec<LangLexicon>, Matcher) {
    static M: OnceLock<(Gazetteer, Vec<LangLexicon>, Matcher)> = OnceLock::new();
    M.get_or_init(|| {
        let names = names();
        let gz = Gazetteer::load(&gazetteer_files(), &names.translit).unwrap();
        let base = pipelines();
        let langs: Vec<LangLexicon> = config()
            .lexicons
            .values()
            .map(|f| LangLexicon::load(f, |p| base.join(p)).unwrap())
            .collect();
        let m = Matcher::build(&gz, &langs).unwrap();
        (gz, langs, m)
    })
}

/// The stage built on the fixture gazetteer.
pub fn stage() -> &'static ActorsStage {
    static S: OnceLock<ActorsStage> = OnceLock::new();
    S.get_or_init(|| {
        let base = pipelines();
        ActorsStage::from_config(&config(), |p| base.join(p)).unwrap()
    })
}

/// A prepared document in `lang`, run through the stage.
pub fn run(lang: &str, text: &str) -> Document {
    let abbreviations = ["fr", "en"]
        .iter()
        .flat_map(|l| {
            crate::lexicon::read_list(&pipelines().join(format!("lexicons/{l}/abbreviations.txt")))
                .unwrap()
        })
        .collect();
    let prep = Preparer::with_abbreviations(abbreviations, 40);
    let mut doc = prep.prepare(RawArticle::for_test(lang, text)).unwrap();
    stage().process(&mut doc);
    doc
}

/// What one mention must look like (for the case tables of each rule).
pub struct Want {
    pub surface: &'static str,
    pub name: &'static str,
    pub kind: ActorKind,
    pub country: Option<&'static str>,
    pub role: Option<&'static str>,
}

pub const P: ActorKind = ActorKind::Person;
pub const O: ActorKind = ActorKind::Organization;
pub const C: ActorKind = ActorKind::Country;
pub const L: ActorKind = ActorKind::Place;

/// A mention that must be found: surface, actor name, kind.
pub fn w(surface: &'static str, name: &'static str, kind: ActorKind) -> Want {
    Want {
        surface,
        name,
        kind,
        country: None,
        role: None,
    }
}

impl Want {
    pub fn country(mut self, c: &'static str) -> Self {
        self.country = Some(c);
        self
    }
    pub fn role(mut self, r: &'static str) -> Self {
        self.role = Some(r);
        self
    }
}

/// One case: a text in a language, the mentions it must give, and the
/// surfaces that must not be actors.
pub struct Case {
    pub name: &'static str,
    pub lang: &'static str,
    pub text: &'static str,
    pub want: Vec<Want>,
    pub absent: Vec<&'static str>,
}

/// The mentions of a document, one per line, for failure messages.
pub fn describe(doc: &Document) -> String {
    doc.mentions
        .iter()
        .map(|m| {
            let a = &doc.actors[m.actor];
            format!(
                "  {:?} -> {} ({:?}, {:?}, role {:?}, metonym {})\n",
                doc.slice(m.span),
                a.name,
                a.kind,
                a.country,
                m.role,
                m.metonym
            )
        })
        .collect()
}

/// Runs every case and fails listing each case that went wrong.
pub fn check(cases: Vec<Case>) {
    let mut failures = Vec::new();
    for c in cases {
        let doc = run(c.lang, c.text);
        for want in &c.want {
            let found = doc
                .mentions
                .iter()
                .find(|m| doc.slice(m.span) == want.surface);
            let ok = found.is_some_and(|m| {
                let a = &doc.actors[m.actor];
                a.name == want.name
                    && a.kind == want.kind
                    && (want.country.is_none() || a.country.as_deref() == want.country)
                    && (want.role.is_none() || m.role.as_deref() == want.role)
            });
            if !ok {
                failures.push(format!(
                    "case '{}' ({}): want {:?} -> {} {:?} {:?} role {:?}\n got:\n{}",
                    c.name,
                    c.lang,
                    want.surface,
                    want.name,
                    want.kind,
                    want.country,
                    want.role,
                    describe(&doc)
                ));
            }
        }
        for surface in &c.absent {
            if doc
                .mentions
                .iter()
                .any(|m| doc.slice(m.span).contains(surface))
            {
                failures.push(format!(
                    "case '{}' ({}): {:?} must not be an actor\n got:\n{}",
                    c.name,
                    c.lang,
                    surface,
                    describe(&doc)
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
