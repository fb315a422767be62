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
    // CPU time of this thread (Linux), so that a loaded machine does not
    // skew the number; wall time elsewhere.
    let cpu = || {
        std::fs::read_to_string("/proc/thread-self/schedstat")
            .ok()
            .and_then(|s| s.split_whitespace().next()?.parse::<u64>().ok())
    };
    let cpu0 = cpu();
    let t = std::time::Instant::now();
    let mut mentions = 0;
    for _ in 0..rounds {
        for d in &docs {
            let mut d = d.clone();
            stage.process(&mut d);
            mentions += d.mentions.len();
        }
    }
    let secs = match (cpu0, cpu()) {
        (Some(a), Some(b)) => (b - a) as f64 / 1e9,
        _ => t.elapsed().as_secs_f64(),
    };
    let mb = (bytes * rounds) as f64 / 1e6;
    println!(
        "actors stage: built in {:.2}s (automaton {:.1} MB); {mb:.1} MB in {secs:.2} s of CPU = {:.2} MB/s ({mentions} mentions)",
        build.as_secs_f64(),
        stage.automaton_bytes() as f64 / 1e6,
        mb / secs
    );
}

/// Truncated cues, stray punctuation and odd scripts never make the stage
/// panic, and every mention lies on character boundaries.
#[test]
fn hostile_texts_do_not_panic() {
    let fixed = [
        "le ministre de",
        "M.",
        "Mr",
        "le ministre russe des Affaires étrangères,",
        "La République du",
        "(AES",
        "Abdoulaye Diop (",
        "l'",
        "Moscou",
        "Sergueï Lavrov, ministre",
        "ÉTATS-UNIS — 中国 Россия Лавров 🇲🇱 ‍ ",
        "Le Parti pour la (Parena)",
        "N'",
        "Forces armées et",
    ];
    let vocab = [
        "le",
        "la",
        "de",
        "l'",
        "d'",
        "ministre",
        "général",
        "M.",
        "Mme",
        "Mr.",
        "President",
        "Sergueï",
        "Lavrov",
        "Abdoulaye",
        "Diop",
        "Traoré",
        "Niger",
        "Nigeria",
        "Guinée-Bissau",
        "Moscou",
        "à",
        "in",
        ",",
        ".",
        "(",
        ")",
        "–",
        "AES",
        "Ministère",
        "Forces",
        "armées",
        "maliennes",
        "Group",
        "of",
        "the",
        "République",
        "du",
        "N'Diaye",
        "al-Baghdadi",
        "ould",
        "Лавров",
        "É",
        "'",
        "\n",
        "« ",
        " »",
        "Confédération",
        "site",
        "ville",
    ];
    let mut texts: Vec<String> = fixed.iter().map(|s| s.to_string()).collect();
    // A deterministic pseudo-random walk over the vocabulary.
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..400 {
        let mut t = String::new();
        for _ in 0..(x % 17) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            t.push_str(vocab[(x % vocab.len() as u64) as usize]);
            if !x.is_multiple_of(3) {
                t.push(' ');
            }
        }
        x = x.wrapping_add(1);
        texts.push(t);
    }
    for t in texts.iter().filter(|t| !t.trim().is_empty()) {
        for lang in ["fr", "en"] {
            let doc = super::testdata::run(lang, t);
            for m in &doc.mentions {
                assert!(
                    doc.text.is_char_boundary(m.span.start)
                        && doc.text.is_char_boundary(m.span.end),
                    "{t:?}"
                );
                assert!(m.actor < doc.actors.len(), "{t:?}");
            }
        }
    }
}
