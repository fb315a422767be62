//! Stage-level measurement: throughput on the seed articles. The rule
//! tests sit beside their rules (people, orgs, metonyms, resolve), on the
//! case runner of `testdata`.

/// Throughput of the stage on the seed articles, one core:
/// `cargo test --lib extract::actors::tests::throughput -- --ignored --nocapture`
/// (set `GAZETTE_CONFIG` to use another configuration than
/// `pipelines/default.toml`).
#[test]
#[ignore]
fn throughput() {
    use crate::pipeline::Stage;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let cfg_path = std::env::var("GAZETTE_CONFIG")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|_| root.join("pipelines/default.toml"));
    let cfg = crate::config::Config::load(&cfg_path).unwrap();
    let t = std::time::Instant::now();
    let stage = super::ActorsStage::build(&cfg).unwrap();
    let build = t.elapsed();
    let prep = crate::text::Preparer::build(&cfg).unwrap();
    let mut docs = Vec::new();
    for e in std::fs::read_dir(root.join("seeds")).unwrap().flatten() {
        let text = std::fs::read_to_string(e.path()).unwrap();
        docs.push(
            prep.prepare(crate::ingest::RawArticle {
                source: e.path().display().to_string(),
                title: None,
                text,
                published: None,
                lang: Some("fr".into()),
                url: None,
            })
            .unwrap(),
        );
    }
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let rounds = 200;
    let t = std::time::Instant::now();
    let mut mentions = 0;
    for _ in 0..rounds {
        for d in &docs {
            let mut d = d.clone();
            stage.process(&mut d);
            mentions += d.mentions.len();
        }
    }
    let secs = t.elapsed().as_secs_f64();
    let mb = (bytes * rounds) as f64 / 1e6;
    println!(
        "actors stage: built in {:.2}s (automaton {:.1} MB); {mb:.1} MB in {secs:.2}s = {:.2} MB/s ({mentions} mentions)",
        build.as_secs_f64(),
        stage.automaton_bytes() as f64 / 1e6,
        mb / secs
    );
}
