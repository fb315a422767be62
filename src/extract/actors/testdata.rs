//! Test helpers: the stage built on the small fixture gazetteer in
//! `testdata/` (same format as `pipelines/gazetteer/`) and the real
//! lexicons of `pipelines/lexicons/`.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::document::Document;
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

/// The fixture gazetteer, the lexicons and the automaton.
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
    let mut doc = prep
        .prepare(RawArticle {
            source: "test.txt".into(),
            title: None,
            text: text.into(),
            published: None,
            lang: Some(lang.into()),
            url: None,
        })
        .unwrap();
    stage().process(&mut doc);
    doc
}
