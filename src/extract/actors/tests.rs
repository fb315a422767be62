//! End-to-end cases for the actors stage, French and English, on the
//! fixture gazetteer: each case lists mentions that must be found (surface
//! → actor name, kind, country, role) and surfaces that must not be actors.

use super::testdata;
use crate::document::{ActorKind, Document};

/// What one mention must look like.
struct Want {
    surface: &'static str,
    name: &'static str,
    kind: ActorKind,
    country: Option<&'static str>,
    role: Option<&'static str>,
}

const P: ActorKind = ActorKind::Person;
const O: ActorKind = ActorKind::Organization;
const C: ActorKind = ActorKind::Country;
const L: ActorKind = ActorKind::Place;

fn w(surface: &'static str, name: &'static str, kind: ActorKind) -> Want {
    Want {
        surface,
        name,
        kind,
        country: None,
        role: None,
    }
}

impl Want {
    fn country(mut self, c: &'static str) -> Self {
        self.country = Some(c);
        self
    }
    fn role(mut self, r: &'static str) -> Self {
        self.role = Some(r);
        self
    }
}

struct Case {
    name: &'static str,
    lang: &'static str,
    text: &'static str,
    want: Vec<Want>,
    absent: Vec<&'static str>,
}

fn describe(doc: &Document) -> String {
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

fn check(cases: Vec<Case>) {
    let mut failures = Vec::new();
    for c in cases {
        let doc = testdata::run(c.lang, c.text);
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

#[test]
fn french_people_from_titles_honorifics_and_first_names() {
    check(vec![
        Case {
            name: "rank before the name",
            lang: "fr",
            text: "Le colonel Sadio Camara a inspecté les troupes.",
            want: vec![w("Sadio Camara", "Sadio Camara", P).role("colonel")],
            absent: vec!["Le colonel"],
        },
        Case {
            name: "apposition with demonym and complement",
            lang: "fr",
            text: "Le ministre nigérien des Affaires étrangères, Bakary Yaou Sangaré, a salué l'accord.",
            want: vec![
                w("Bakary Yaou Sangaré", "Bakary Yaou Sangaré", P)
                    .country("NER")
                    .role("ministre nigérien des Affaires étrangères"),
            ],
            absent: vec!["Affaires"],
        },
        Case {
            name: "counterpart with demonym",
            lang: "fr",
            text: "Il a reçu son homologue malien Abdoulaye Diop mardi.",
            want: vec![w("Abdoulaye Diop", "Abdoulaye Diop", P).country("MLI")],
            absent: vec![],
        },
        Case {
            name: "title after the name",
            lang: "fr",
            text: "Hier, Moussa Kanté Diarra, chef du gouvernement malien, a démissionné.",
            want: vec![w("Moussa Kanté Diarra", "Moussa Kanté Diarra", P).country("MLI")],
            absent: vec!["Hier"],
        },
        Case {
            name: "first name without title",
            lang: "fr",
            text: "Pour le juriste, Mamadou Ismaïla Konaté, rien ne change.",
            want: vec![w("Mamadou Ismaïla Konaté", "Mamadou Ismaïla Konaté", P)],
            absent: vec![],
        },
        Case {
            name: "honorific short form links to the full name",
            lang: "fr",
            text: "Piotr Malinine est arrivé à Gao. Selon M. Malinine, la route est ouverte. Malinine repart demain.",
            want: vec![
                w("Piotr Malinine", "Piotr Malinine", P),
                w("Malinine", "Piotr Malinine", P),
            ],
            absent: vec![],
        },
        Case {
            name: "rank chain keeps the nearest title",
            lang: "fr",
            text: "La délégation était menée par le vice-ministre russe de la Défense, le colonel-général Iounous Bek-Evkourov.",
            want: vec![
                w("Iounous Bek-Evkourov", "Iounous Bek-Evkourov", P).role("colonel-général"),
            ],
            absent: vec!["Défense"],
        },
        Case {
            name: "vice-prime minister with complement",
            lang: "fr",
            text: "Le vice-Premier ministre en charge de l'Énergie, Alexandre Novak, a signé.",
            want: vec![w("Alexandre Novak", "Alexandre Novak", P)],
            absent: vec!["Énergie"],
        },
        Case {
            name: "titles without a name are not actors",
            lang: "fr",
            text: "Le ministre russe de la Défense a rencontré le chef de la diplomatie.",
            want: vec![],
            absent: vec!["ministre", "Défense", "chef"],
        },
    ]);
}

#[test]
fn french_resolution_and_shared_surnames() {
    check(vec![
        Case {
            name: "two Traorés stay two; the bare surname stays unlinked",
            lang: "fr",
            text: "Le capitaine Ibrahim Traoré a reçu la chanteuse Aminata Traoré. Traoré a souri.",
            want: vec![
                w("Ibrahim Traoré", "Ibrahim Traoré", P).country("BFA"),
                w("Aminata Traoré", "Aminata Traoré", P),
            ],
            absent: vec!["Traoré a"],
        },
        Case {
            name: "gazetteer person in two spellings",
            lang: "fr",
            text: "Sergueï Lavrov est à Bamako. Sergei Lavrov a promis de l'aide. Lavrov repart.",
            want: vec![
                w("Sergueï Lavrov", "Sergueï Lavrov", P).country("RUS"),
                w("Sergei Lavrov", "Sergueï Lavrov", P),
                w("Lavrov", "Sergueï Lavrov", P),
                w("Bamako", "Bamako", L),
            ],
            absent: vec![],
        },
        Case {
            name: "gazetteer spelling not listed, through the transliteration key",
            lang: "fr",
            text: "Sergueï Viktorovitch Lavrov a parlé.",
            want: vec![w("Sergueï Viktorovitch Lavrov", "Sergueï Lavrov", P)],
            absent: vec![],
        },
        Case {
            name: "unknown person in two transliterations",
            lang: "fr",
            text: "Iouri Ouchakov a parlé. Le conseiller Yuri Ushakov a ajouté un mot.",
            want: vec![
                w("Iouri Ouchakov", "Iouri Ouchakov", P),
                w("Yuri Ushakov", "Iouri Ouchakov", P),
            ],
            absent: vec![],
        },
    ]);
}

#[test]
fn french_places_countries_and_metonyms() {
    check(vec![
        Case {
            name: "Niger and Nigeria",
            lang: "fr",
            text: "Le Niger et le Nigeria ont signé un accord sur le fleuve.",
            want: vec![
                w("Niger", "Niger", C).country("NER"),
                w("Nigeria", "Nigeria", C).country("NGA"),
            ],
            absent: vec![],
        },
        Case {
            name: "Guinea family",
            lang: "fr",
            text: "La Guinée, la Guinée-Bissau et la Guinée équatoriale ont voté.",
            want: vec![
                w("Guinée", "Guinée", C),
                w("Guinée-Bissau", "Guinée-Bissau", C),
                w("Guinée équatoriale", "Guinée équatoriale", C),
            ],
            absent: vec![],
        },
        Case {
            name: "capital as government, then as place",
            lang: "fr",
            text: "Moscou a envoyé des armes. L'aide de Moscou est arrivée. Le ministre est arrivé à Moscou.",
            want: vec![w("Moscou", "Russie", C)],
            absent: vec![],
        },
        Case {
            name: "sentence-initial capitals, months and weekdays",
            lang: "fr",
            text: "Dans la soirée, rien. Cette décision surprend. Objectif : gagner. Lundi 3 mars, Défense, sécurité et santé.",
            want: vec![],
            absent: vec!["Dans", "Cette", "Objectif", "Lundi", "mars", "Défense"],
        },
    ]);
    // The two readings of one capital in one document.
    let doc = testdata::run(
        "fr",
        "Moscou a envoyé des armes. Le ministre est arrivé à Moscou.",
    );
    let kinds: Vec<(ActorKind, bool)> = doc
        .mentions
        .iter()
        .map(|m| (doc.actors[m.actor].kind, m.metonym))
        .collect();
    assert_eq!(
        kinds,
        vec![(ActorKind::Country, true), (ActorKind::Place, false)],
        "{}",
        describe(&doc)
    );
}

#[test]
fn french_organisations_from_heads_and_descriptors() {
    check(vec![
        Case {
            name: "head with lowercase word and country",
            lang: "fr",
            text: "L'Armée nationale du Mali a repris la ville.",
            want: vec![w("Armée nationale du Mali", "Armée nationale du Mali", O).country("MLI")],
            absent: vec![],
        },
        Case {
            name: "head with demonym",
            lang: "fr",
            text: "Les Forces armées maliennes ont riposté.",
            want: vec![w("Forces armées maliennes", "Forces armées maliennes", O).country("MLI")],
            absent: vec![],
        },
        Case {
            name: "acronym in parentheses recurs",
            lang: "fr",
            text: "Le Mouvement national de libération de l'Azawad (MNLA) a attaqué. Le MNLA dément.",
            want: vec![
                w(
                    "Mouvement national de libération de l'Azawad",
                    "Mouvement national de libération de l'Azawad",
                    O,
                ),
                w("MNLA", "Mouvement national de libération de l'Azawad", O),
            ],
            absent: vec![],
        },
        Case {
            name: "head naming its inner actor",
            lang: "fr",
            text: "L'État du Mali et la Confédération de l'Alliance des États du Sahel ont signé.",
            want: vec![
                w("État du Mali", "Mali", C),
                w(
                    "Confédération de l'Alliance des États du Sahel",
                    "Alliance des États du Sahel",
                    O,
                ),
            ],
            absent: vec![],
        },
        Case {
            name: "descriptors",
            lang: "fr",
            text: "Selon le site d'information Mondafrique et la page Telegram officielle du groupe, la localité malienne de Tessalit est tombée.",
            want: vec![
                w("Mondafrique", "Mondafrique", O),
                w("Telegram", "Telegram", O),
                w("Tessalit", "Tessalit", L).country("MLI"),
            ],
            absent: vec![],
        },
        Case {
            name: "elided gazetteer names",
            lang: "fr",
            text: "Les pays de l'AES ont accueilli des membres d'Africa Corps.",
            want: vec![
                w("AES", "Alliance des États du Sahel", O),
                w("Africa Corps", "Africa Corps", O),
            ],
            absent: vec![],
        },
        Case {
            name: "a gazetteer description needs the actor to be named",
            lang: "fr",
            text: "L'armée malienne a riposté.",
            want: vec![],
            absent: vec!["armée"],
        },
        Case {
            name: "a gazetteer description links to the named actor",
            lang: "fr",
            text: "Les FAMa ont annoncé un bilan. Selon l'armée malienne, dix assaillants sont morts.",
            want: vec![
                w("FAMa", "Forces armées maliennes", O),
                w("armée malienne", "Forces armées maliennes", O),
            ],
            absent: vec![],
        },
        Case {
            name: "lowercase head is not a name",
            lang: "fr",
            text: "Le ministère russe a publié une photo.",
            want: vec![],
            absent: vec!["ministère"],
        },
    ]);
}

#[test]
fn english_people_titles_and_resolution() {
    check(vec![
        Case {
            name: "capitalised title with demonym",
            lang: "en",
            text: "Russian Foreign Minister Sergei Lavrov arrived on Tuesday.",
            want: vec![
                w("Sergei Lavrov", "Sergueï Lavrov", P)
                    .country("RUS")
                    .role("Russian Foreign Minister"),
            ],
            absent: vec!["Tuesday", "Russian"],
        },
        Case {
            name: "lowercase title with demonym",
            lang: "en",
            text: "He met the Malian foreign minister Abdoulaye Diop in Bamako.",
            want: vec![
                w("Abdoulaye Diop", "Abdoulaye Diop", P)
                    .country("MLI")
                    .role("Malian foreign minister"),
                w("Bamako", "Bamako", L),
            ],
            absent: vec![],
        },
        Case {
            name: "possessive country",
            lang: "en",
            text: "Mali's defence minister Sadio Camara visited the base.",
            want: vec![
                w("Sadio Camara", "Sadio Camara", P)
                    .country("MLI")
                    .role("Mali's defence minister"),
                w("Mali", "Mali", C),
            ],
            absent: vec![],
        },
        Case {
            name: "apposition after the name",
            lang: "en",
            text: "Tiemoko Sangare Coulibaly, Mali's energy minister, said the deal was signed.",
            want: vec![
                w("Tiemoko Sangare Coulibaly", "Tiemoko Sangare Coulibaly", P).country("MLI"),
            ],
            absent: vec![],
        },
        Case {
            name: "abbreviated rank and honorific",
            lang: "en",
            text: "Gen. Abdourahamane Tiani received Alexander Novak. Mr. Novak said the plant would be built.",
            want: vec![
                w("Abdourahamane Tiani", "Abdourahamane Tiani", P).country("NER"),
                w("Alexander Novak", "Alexander Novak", P),
                w("Novak", "Alexander Novak", P),
            ],
            absent: vec![],
        },
        Case {
            name: "shared surname",
            lang: "en",
            text: "Captain Ibrahim Traore met singer Aminata Traore. Traore smiled.",
            want: vec![
                w("Ibrahim Traore", "Ibrahim Traoré", P),
                w("Aminata Traore", "Aminata Traore", P),
            ],
            absent: vec!["Traore smiled"],
        },
        Case {
            name: "sentence openers and months",
            lang: "en",
            text: "However, the talks stalled. On Monday, officials met. In March, The Defence and Interior portfolios changed.",
            want: vec![],
            absent: vec!["However", "Monday", "March", "Defence", "Interior"],
        },
    ]);
}

#[test]
fn english_places_and_organisations() {
    check(vec![
        Case {
            name: "metonym and place",
            lang: "en",
            text: "Moscow said it would help. The delegation stayed in Moscow.",
            want: vec![w("Moscow", "Russie", C)],
            absent: vec![],
        },
        Case {
            name: "closing heads and of-complements",
            lang: "en",
            text: "The Malian Armed Forces and the Ministry of Defence denied it, as did the Wagner Group.",
            want: vec![
                w("Malian Armed Forces", "Forces armées maliennes", O).country("MLI"),
                w("Ministry of Defence", "Ministry of Defence", O),
                w("Wagner Group", "Wagner", O),
            ],
            absent: vec![],
        },
        Case {
            name: "place descriptor and head naming the inner country",
            lang: "en",
            text: "Fighting hit the town of Menaka, in the Republic of Niger, not Nigeria.",
            want: vec![
                w("Menaka", "Menaka", L),
                w("Republic of Niger", "Niger", C),
                w("Nigeria", "Nigeria", C),
            ],
            absent: vec![],
        },
        Case {
            name: "acronyms are case-sensitive",
            lang: "en",
            text: "The UN and ECOWAS met; un-named aes were not.",
            want: vec![
                w("UN", "Organisation des Nations unies", O),
                w(
                    "ECOWAS",
                    "Communauté économique des États de l'Afrique de l'Ouest",
                    O,
                ),
            ],
            absent: vec!["un-named", "aes"],
        },
    ]);
}

#[test]
fn ids_follow_keys_across_documents() {
    let a = testdata::run("fr", "Le conseiller Iouri Ouchakov a parlé à Gao.");
    let b = testdata::run("en", "Adviser Yuri Ushakov spoke in Gao.");
    let id = |d: &Document, s: &str| {
        d.mentions
            .iter()
            .find(|m| d.slice(m.span) == s)
            .map(|m| d.actors[m.actor].actor_id.clone())
    };
    assert!(id(&a, "Iouri Ouchakov").is_some(), "{}", describe(&a));
    assert_eq!(
        id(&a, "Iouri Ouchakov"),
        id(&b, "Yuri Ushakov"),
        "{}",
        describe(&b)
    );
    assert_eq!(id(&a, "Gao"), id(&b, "Gao"));
}

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
