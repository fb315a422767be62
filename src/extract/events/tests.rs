//! Table-driven tests of the events stage: one French and one English case
//! (at least) per PLOVER category and per status, written for the tests,
//! plus negative cases (background mentions, plain statements, purpose
//! clauses). Each case lists the events expected as `TYPE SRC>TGT status
//! [@date]` (sources and targets by country code); a case fails when the
//! stage finds a different set.

use super::testkit::*;

#[test]
#[rustfmt::skip]
fn categories_in_french() {
    check(&[
        Case { name: "visit with place and date", lang: "fr", text: "Le ministre Sergueï Lavrov s'est rendu jeudi à Bamako.", actors: &[LAVROV, BAMAKO, MALI], dates: &[("jeudi", "2024-05-02")], want: &["CONSULT RUS>MLI asserted @2024-05-02"] },
        Case { name: "visit to three countries", lang: "fr", text: "Une délégation russe s'est rendue au Mali, au Burkina Faso et au Niger.", actors: &[MALI, BURKINA, NIGER], dates: &[], want: &[ "CONSULT RUS>BFA asserted", "CONSULT RUS>MLI asserted", "CONSULT RUS>NER asserted", ] },
        Case { name: "host receives visitor", lang: "fr", text: "Abdoulaye Diop a reçu Sergueï Lavrov à Bamako.", actors: &[DIOP, LAVROV, BAMAKO], dates: &[], want: &["CONSULT RUS>MLI asserted"] },
        Case { name: "passive reception", lang: "fr", text: "Les ministres du Mali et du Niger ont été reçus par Sergueï Lavrov.", actors: &[MALI, NIGER, LAVROV], dates: &[], want: &["CONSULT MLI,NER>RUS asserted"] },
        Case { name: "talks between two", lang: "fr", text: "Des discussions ont eu lieu entre la Russie et le Mali.", actors: &[RUSSIE, MALI], dates: &[], want: &["CONSULT RUS,MLI> asserted"] },
        Case { name: "signing", lang: "fr", text: "Le Niger et la Russie ont signé un accord de défense.", actors: &[NIGER, RUSSIE], dates: &[], want: &["SUPPORT NER,RUS> asserted"] },
        Case { name: "recognition", lang: "fr", text: "La Russie reconnaît officiellement la CEDEAO.", actors: &[RUSSIE, CEDEAO], dates: &[], want: &["SUPPORT RUS>CEDEAO asserted"] },
        Case { name: "promise to deliver", lang: "fr", text: "La Russie a promis au Mali de livrer des hélicoptères.", actors: &[RUSSIE, MALI], dates: &[], want: &["AGREE RUS>MLI planned"] },
        Case { name: "delivery", lang: "fr", text: "Moscou a livré des avions de combat au Mali.", actors: &[RUSSIE, MALI], dates: &[], want: &["AID RUS>MLI asserted"] },
        Case { name: "passive delivery with agent", lang: "fr", text: "Des drones livrés par la Russie sont arrivés au Niger.", actors: &[RUSSIE, NIGER], dates: &[], want: &["AID RUS>NER asserted"] },
        Case { name: "troops leave", lang: "fr", text: "Les soldats français ont quitté le Niger.", actors: &[NIGER], dates: &[], want: &["RETREAT FRA>NER asserted"] },
        Case { name: "announced withdrawal", lang: "fr", text: "La France annonce le retrait de ses troupes du Mali.", actors: &[FRANCE, MALI], dates: &[], want: &["CONCEDE FRA>MLI planned"] },
        Case { name: "leaving ECOWAS", lang: "fr", text: "Le Mali et le Niger ont quitté la CEDEAO.", actors: &[MALI, NIGER, CEDEAO], dates: &[], want: &["SANCTION MLI,NER>CEDEAO asserted"] },
        Case { name: "joint exercises", lang: "fr", text: "Le Mali et le Niger ont mené des exercices militaires conjoints.", actors: &[MALI, NIGER], dates: &[], want: &["COOPERATE MLI,NER> asserted"] },
        Case { name: "lifting a curfew", lang: "fr", text: "Le Niger a levé le couvre-feu.", actors: &[NIGER], dates: &[], want: &["CONCEDE NER> asserted"] },
        Case { name: "demand", lang: "fr", text: "Le Mali exige le départ des troupes françaises.", actors: &[MALI], dates: &[], want: &["REQUEST MLI>FRA asserted"] },
        Case { name: "condemnation", lang: "fr", text: "La CEDEAO a condamné le Mali.", actors: &[CEDEAO, MALI], dates: &[], want: &["ACCUSE CEDEAO>MLI asserted"] },
        Case { name: "accusation", lang: "fr", text: "Le Mali accuse la France d'espionnage.", actors: &[MALI, FRANCE], dates: &[], want: &["ACCUSE MLI>FRA asserted"] },
        Case { name: "rejection", lang: "fr", text: "Le Niger a rejeté la proposition de la CEDEAO.", actors: &[NIGER, CEDEAO], dates: &[], want: &["REJECT NER>CEDEAO asserted"] },
        Case { name: "threat", lang: "fr", text: "La CEDEAO menace le Niger de sanctions.", actors: &[CEDEAO, NIGER], dates: &[], want: &["THREATEN CEDEAO>NER asserted"] },
        Case { name: "demonstration", lang: "fr", text: "Des milliers de manifestants ont manifesté à Niamey contre la France.", actors: &[NIAMEY, FRANCE], dates: &[], want: &["PROTEST >FRA asserted"] },
        Case { name: "sanctions", lang: "fr", text: "La CEDEAO a imposé des sanctions au Niger.", actors: &[CEDEAO, NIGER], dates: &[], want: &["SANCTION CEDEAO>NER asserted"] },
        Case { name: "deployment", lang: "fr", text: "Le Mali a déployé des troupes à la frontière.", actors: &[MALI], dates: &[], want: &["MOBILIZE MLI> asserted"] },
        Case { name: "arrest", lang: "fr", text: "Les Forces armées maliennes ont arrêté un journaliste français.", actors: &[ARMY_ML], dates: &[], want: &["COERCE MLI>FRA asserted"] },
        Case { name: "attack", lang: "fr", text: "Le JNIM a attaqué une position des FAMa.", actors: &[JNIM, ARMY_ML], dates: &[], want: &["ASSAULT JNIM>MLI asserted"] },
        Case { name: "coup", lang: "fr", text: "Le coup d'État du 26 juillet au Niger a surpris la France.", actors: &[NIGER, FRANCE], dates: &[("26 juillet", "2023-07-26")], want: &["COERCE >NER asserted @2023-07-26"] },
    ]);
}

#[test]
#[rustfmt::skip]
fn categories_in_english() {
    check(&[
        Case { name: "visit", lang: "en", text: "Sergei Lavrov visited Mali on Tuesday.", actors: &[LAVROV, MALI_EN], dates: &[("Tuesday", "2023-02-07")], want: &["CONSULT RUS>MLI asserted @2023-02-07"] },
        Case { name: "arrival", lang: "en", text: "The Russian foreign minister arrived in Bamako.", actors: &[BAMAKO], dates: &[], want: &["CONSULT RUS>MLI asserted"] },
        Case { name: "meeting", lang: "en", text: "Sergei Lavrov met Abdoulaye Diop in Moscow.", actors: &[LAVROV, DIOP, RUSSIA], dates: &[], want: &["CONSULT RUS,MLI> asserted"] },
        Case { name: "phone call", lang: "en", text: "Sergei Lavrov telephoned Abdoulaye Diop.", actors: &[LAVROV, DIOP], dates: &[], want: &["CONSULT RUS,MLI> asserted"] },
        Case { name: "praise", lang: "en", text: "Russia praised Mali for its courage.", actors: &[RUSSIA, MALI_EN], dates: &[], want: &["SUPPORT RUS>MLI asserted"] },
        Case { name: "agreement to cooperate", lang: "en", text: "Russia and Mali agreed to hold joint exercises.", actors: &[RUSSIA, MALI_EN], dates: &[], want: &["AGREE RUS,MLI> planned"] },
        Case { name: "offer", lang: "en", text: "Russia offered to train Malian soldiers.", actors: &[RUSSIA], dates: &[], want: &["AGREE RUS>MLI planned"] },
        Case { name: "aid given", lang: "en", text: "The United States gave Niger 5 million dollars of aid.", actors: &[USA, NIGER_EN], dates: &[], want: &["AID USA>NER asserted"] },
        Case { name: "extradition", lang: "en", text: "Mali extradited a French citizen to France.", actors: &[MALI_EN, FRANCE_EN], dates: &[], want: &["COOPERATE MLI>FRA asserted"] },
        Case { name: "release", lang: "en", text: "Niger released two French hostages.", actors: &[NIGER_EN], dates: &[], want: &["RETREAT NER>FRA asserted"] },
        Case { name: "pardon", lang: "en", text: "Mali pardoned the opposition leaders.", actors: &[MALI_EN], dates: &[], want: &["CONCEDE MLI> asserted"] },
        Case { name: "urge", lang: "en", text: "ECOWAS urged Niger to release the president.", actors: &[ECOWAS, NIGER_EN], dates: &[], want: &["REQUEST ECOWAS>NER asserted"] },
        Case { name: "must after speech", lang: "en", text: "France said Mali must hold elections.", actors: &[FRANCE_EN, MALI_EN], dates: &[], want: &["REQUEST FRA>MLI asserted"] },
        Case { name: "accuse", lang: "en", text: "Mali accused France of spying.", actors: &[MALI_EN, FRANCE_EN], dates: &[], want: &["ACCUSE MLI>FRA asserted"] },
        Case { name: "refusal", lang: "en", text: "Niger refused to meet the ECOWAS envoys.", actors: &[NIGER_EN, ECOWAS], dates: &[], want: &["REJECT NER>ECOWAS asserted"] },
        Case { name: "threat", lang: "en", text: "ECOWAS threatened to impose sanctions on Niger.", actors: &[ECOWAS, NIGER_EN], dates: &[], want: &["THREATEN ECOWAS>NER asserted"] },
        Case { name: "strike", lang: "en", text: "Thousands of workers went on strike in Bamako.", actors: &[BAMAKO, MALI_EN], dates: &[], want: &["PROTEST >MLI asserted"] },
        Case { name: "protesters", lang: "en", text: "Protesters demonstrated against France in Niamey.", actors: &[FRANCE_EN, NIAMEY], dates: &[], want: &["PROTEST >FRA asserted"] },
        Case { name: "expel diplomats", lang: "en", text: "Mali expelled the French ambassador.", actors: &[MALI_EN], dates: &[], want: &["SANCTION MLI>FRA asserted"] },
        Case { name: "mobilize", lang: "en", text: "Russia mobilized reservists near the border.", actors: &[RUSSIA], dates: &[], want: &["MOBILIZE RUS> asserted"] },
        Case { name: "arrest", lang: "en", text: "Israeli soldiers arrested 20 Palestinians.", actors: &[], dates: &[], want: &["COERCE ISR>PSE asserted"] },
        Case { name: "attack", lang: "en", text: "JNIM fighters attacked a Malian army post.", actors: &[JNIM], dates: &[], want: &["ASSAULT JNIM>MLI asserted"] },
        Case { name: "passive killing", lang: "en", text: "Three American soldiers were killed by JNIM in Mali.", actors: &[JNIM, MALI_EN], dates: &[], want: &["ASSAULT JNIM>USA asserted"] },
    ]);
}

#[test]
#[rustfmt::skip]
fn statuses() {
    check(&[
        Case { name: "fr planned visit is AGREE", lang: "fr", text: "Sergueï Lavrov doit se rendre au Mali en juin.", actors: &[LAVROV, MALI], dates: &[("juin", "2025-06")], want: &["AGREE RUS>MLI planned @2025-06"] },
        Case { name: "fr future tense", lang: "fr", text: "La Russie livrera des avions au Niger.", actors: &[RUSSIE, NIGER], dates: &[], want: &["AGREE RUS>NER planned"] },
        Case { name: "fr negated", lang: "fr", text: "La Russie n'a pas livré d'avions au Niger.", actors: &[RUSSIE, NIGER], dates: &[], want: &["AID RUS>NER negated"] },
        Case { name: "fr hypothetical", lang: "fr", text: "La CEDEAO pourrait imposer des sanctions au Niger.", actors: &[CEDEAO, NIGER], dates: &[], want: &["SANCTION CEDEAO>NER hypothetical"] },
        Case { name: "fr reported future", lang: "fr", text: "Lavrov a précisé que la Russie apporterait son soutien au Mali.", actors: &[LAVROV, RUSSIE, MALI], dates: &[], want: &["AGREE RUS>MLI planned"] },
        Case { name: "fr will not sign is REJECT", lang: "fr", text: "Le Mali ne signera pas l'accord avec la France.", actors: &[MALI, FRANCE], dates: &[], want: &["REJECT MLI,FRA> asserted"] },
        Case { name: "en planned", lang: "en", text: "Sergei Lavrov will visit Mali next week.", actors: &[LAVROV, MALI_EN], dates: &[], want: &["AGREE RUS>MLI planned"] },
        Case { name: "en negated", lang: "en", text: "Russia did not deliver the helicopters to Mali.", actors: &[RUSSIA, MALI_EN], dates: &[], want: &["AID RUS>MLI negated"] },
        Case { name: "en hypothetical", lang: "en", text: "ECOWAS could attack Niger.", actors: &[ECOWAS, NIGER_EN], dates: &[], want: &["THREATEN ECOWAS>NER hypothetical"] },
        Case { name: "en conditional force is a threat", lang: "en", text: "If talks fail, ECOWAS could attack Niger.", actors: &[ECOWAS, NIGER_EN], dates: &[], want: &["THREATEN ECOWAS>NER asserted"] },
        Case { name: "fr conditional sanction is a threat", lang: "fr", text: "La CEDEAO imposera des sanctions au Niger si la junte ne libère pas le président.", actors: &[CEDEAO, NIGER], dates: &[], want: &["THREATEN CEDEAO>NER asserted"] },
        Case { name: "en condition is no event", lang: "en", text: "Russia will send troops unless Mali pays its debt.", actors: &[RUSSIA, MALI_EN], dates: &[], want: &["THREATEN RUS> asserted"] },
        Case { name: "en would after said", lang: "en", text: "Russia said it would send wheat to Mali.", actors: &[RUSSIA, MALI_EN], dates: &[], want: &["AGREE RUS>MLI planned"] },
        Case { name: "en will not accept", lang: "en", text: "Mali will not accept the ECOWAS plan.", actors: &[MALI_EN, ECOWAS], dates: &[], want: &["REJECT MLI>ECOWAS asserted"] },
        Case { name: "en announced withdrawal", lang: "en", text: "France announced the withdrawal of its troops from Niger.", actors: &[FRANCE_EN, NIGER_EN], dates: &[], want: &["CONCEDE FRA>NER planned"] },
    ]);
}

#[test]
#[rustfmt::skip]
fn non_events_are_not_coded() {
    check(&[
        Case { name: "fr plain statement", lang: "fr", text: "Sergueï Lavrov a déclaré que la situation était stable.", actors: &[LAVROV], dates: &[], want: &[] },
        Case { name: "fr background cooperation noun", lang: "fr", text: "La coopération militaire entre la Russie et le Mali est ancienne.", actors: &[RUSSIE, MALI], dates: &[], want: &[] },
        Case { name: "fr purpose clause", lang: "fr", text: "Le Mali cherche des partenaires pour renforcer la coopération.", actors: &[MALI], dates: &[], want: &[] },
        Case { name: "fr press conference", lang: "fr", text: "Sergueï Lavrov a tenu une conférence de presse à Bamako.", actors: &[LAVROV, BAMAKO], dates: &[], want: &[] },
        Case { name: "fr under sanctions", lang: "fr", text: "La Russie, sous sanctions occidentales, reste active.", actors: &[RUSSIE], dates: &[], want: &[] },
        Case { name: "en statement", lang: "en", text: "Sergei Lavrov said the situation was calm.", actors: &[LAVROV], dates: &[], want: &[] },
        Case { name: "en press conference", lang: "en", text: "Sergei Lavrov held a press conference in Bamako.", actors: &[LAVROV, BAMAKO], dates: &[], want: &[] },
        Case { name: "en background after", lang: "en", text: "Mali praised Russia after Russia delivered helicopters.", actors: &[MALI_EN, RUSSIA], dates: &[], want: &["SUPPORT MLI>RUS asserted"] },
    ]);
}

#[test]
fn repeated_mentions_give_one_event() {
    let st = stage();
    let d = doc(
        "fr",
        "Sergueï Lavrov s'est rendu au Mali. Durant sa visite au Mali, le ministre a rencontré des étudiants. La visite de Sergueï Lavrov au Mali a eu lieu mardi.",
        &[LAVROV, MALI],
        &[("mardi", "2023-02-07")],
        &[],
    );
    let (got, _) = run(&st, d);
    assert_eq!(got, vec!["CONSULT RUS>MLI asserted @2023-02-07"]);
}

#[test]
fn quoted_we_is_the_speaker() {
    let st = stage();
    let d = doc(
        "fr",
        "« Nous livrerons des avions au Mali », a déclaré Sergueï Lavrov.",
        &[LAVROV, MALI],
        &[],
        &[("Nous livrerons des avions au Mali", "Sergueï Lavrov")],
    );
    let (got, d) = run(&st, d);
    assert_eq!(got, vec!["AGREE RUS>MLI planned"]);
    assert!(
        d.events[0].confidence < 0.9,
        "quoted events get lower confidence"
    );
}

/// Throughput of the events stage alone (CPU time of this thread) on the
/// seed articles and this file's English case texts, with actors, dates
/// and quotes filled by the configured stages first:
/// `cargo test --lib extract::events::tests::throughput -- --ignored --nocapture`
/// (the number depends on the build profile).
#[test]
#[ignore]
fn throughput() {
    use crate::pipeline::{Stage, build_stage};
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let cfg = crate::config::Config::load(&root.join("pipelines/default.toml")).unwrap();
    let prep = crate::text::Preparer::build(&cfg).unwrap();
    let before: Vec<Box<dyn Stage>> = ["actors", "dates", "quotes"]
        .iter()
        .map(|n| build_stage(n, &cfg).unwrap())
        .collect();
    let t = std::time::Instant::now();
    let stage = super::EventsStage::build(&cfg).unwrap();
    let build = t.elapsed();
    let mut texts: Vec<(String, String)> = std::fs::read_dir(root.join("seeds"))
        .unwrap()
        .map(|e| {
            (
                "fr".to_string(),
                std::fs::read_to_string(e.unwrap().path()).unwrap(),
            )
        })
        .collect();
    let english = include_str!("tests.rs")
        .lines()
        .filter(|l| l.contains("lang: \"en\""))
        .filter_map(|l| {
            l.split("text: \"")
                .nth(1)?
                .split('"')
                .next()
                .map(str::to_string)
        })
        .collect::<Vec<_>>()
        .join("\n");
    texts.push(("en".into(), english));
    let docs: Vec<crate::document::Document> = texts
        .iter()
        .map(|(lang, text)| {
            let mut d = prep
                .prepare(crate::ingest::RawArticle {
                    source: "bench".into(),
                    title: None,
                    text: text.clone(),
                    published: None,
                    lang: Some(lang.clone()),
                    url: None,
                })
                .unwrap();
            for s in &before {
                s.process(&mut d);
            }
            d
        })
        .collect();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let cpu = || {
        std::fs::read_to_string("/proc/thread-self/schedstat")
            .ok()
            .and_then(|s| s.split_whitespace().next()?.parse::<u64>().ok())
    };
    let rounds: usize = std::env::var("EV_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(100);
    let (cpu0, t) = (cpu(), std::time::Instant::now());
    let mut events = 0;
    for _ in 0..rounds {
        for d in &docs {
            let mut d = d.clone();
            stage.process(&mut d);
            events += d.events.len();
        }
    }
    let secs = match (cpu0, cpu()) {
        (Some(a), Some(b)) => (b - a) as f64 / 1e9,
        _ => t.elapsed().as_secs_f64(),
    };
    let mb = (bytes * rounds) as f64 / 1e6;
    println!(
        "events stage: built in {build:.2?}; {mb:.1} MB in {secs:.2} s CPU = {:.2} MB/s on one core ({events} events)",
        mb / secs
    );
    assert!(events > 0);
}
