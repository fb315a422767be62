//! Table-driven tests of the structural rules, each with French and
//! English cases written for the tests, positive and negative: anaphora,
//! noun agents and patients, word usage (noun/verb homographs,
//! participles, gerunds), clauses (relative, conditional, background,
//! purpose), controllers, dates and repeated mentions.

use super::testkit::*;

#[test]
#[rustfmt::skip]
fn anaphora_and_groups() {
    check(&[
        Case { name: "fr pronoun subject is the earlier subject of the sentence", lang: "fr", text: "Le Mali a affirmé qu'il livrera des armes au Niger.", actors: &[MALI, NIGER], dates: &[], want: &["AGREE MLI>NER planned"] },
        Case { name: "en pronoun subject from the previous sentence", lang: "en", text: "Russia is isolated. It delivered weapons to Mali.", actors: &[RUSSIA, MALI_EN], dates: &[], want: &["AID RUS>MLI asserted"] },
        Case { name: "fr son pays is the country of the subject", lang: "fr", text: "Sergueï Lavrov a dit que son pays livrera des avions au Mali.", actors: &[LAVROV, MALI], dates: &[], want: &["AGREE RUS>MLI planned"] },
        Case { name: "fr le pays is the last other country named", lang: "fr", text: "La France a condamné le Niger. Les soldats français ont quitté le pays.", actors: &[FRANCE, NIGER], dates: &[], want: &["ACCUSE FRA>NER asserted", "RETREAT FRA>NER asserted"] },
        Case { name: "en the two countries are the last pair", lang: "en", text: "Niger hosted a Russian delegation. Talks followed between the two countries.", actors: &[NIGER_EN], dates: &[], want: &["CONSULT RUS,NER> asserted", "CONSULT RUS>NER asserted"] },
        Case { name: "fr ces pays are the last recipients", lang: "fr", text: "La Russie a livré des armes au Mali. Moscou propose son aide aux forces de ces pays.", actors: &[RUSSIE, MALI], dates: &[], want: &["AGREE RUS>MLI planned", "AID RUS>MLI asserted"] },
    ]);
}

#[test]
#[rustfmt::skip]
fn nouns_agents_and_patients() {
    check(&[
        Case { name: "fr genitive agent and destination", lang: "fr", text: "La visite d'État du président malien à Moscou a eu lieu lundi.", actors: &[RUSSIE], dates: &[("lundi", "2025-06-02")], want: &["CONSULT MLI>RUS asserted @2025-06-02"] },
        Case { name: "fr patient noun: arrestation de X", lang: "fr", text: "L'arrestation de Abdoulaye Diop par les Forces armées maliennes a surpris Paris.", actors: &[DIOP, ARMY_ML], dates: &[], want: &["COERCE MLI>MLI asserted"] },
        Case { name: "en possessive agent", lang: "en", text: "Russia's attack on Mali was condemned.", actors: &[RUSSIA, MALI_EN], dates: &[], want: &["ACCUSE >RUS asserted", "ASSAULT RUS>MLI asserted"] },
        Case { name: "en patient noun: arrest of X", lang: "en", text: "The arrest of Abdoulaye Diop angered Mali.", actors: &[DIOP, MALI_EN], dates: &[], want: &["COERCE >MLI asserted"] },
        Case { name: "fr bare de makes a modifier", lang: "fr", text: "Le Mali a acheté des hélicoptères de combat.", actors: &[MALI], dates: &[], want: &[] },
        Case { name: "en compound modifier", lang: "en", text: "Mali bought the attack helicopters.", actors: &[MALI_EN], dates: &[], want: &[] },
        Case { name: "fr demonstrative refers back", lang: "fr", text: "Cette visite au Mali reste symbolique pour la Russie.", actors: &[MALI, RUSSIE], dates: &[], want: &[] },
        Case { name: "en demonstrative refers back", lang: "en", text: "This visit to Mali remains symbolic for Russia.", actors: &[MALI_EN, RUSSIA], dates: &[], want: &[] },
        Case { name: "fr noun inside another act is part of it", lang: "fr", text: "Le Niger a rejeté l'appel de la CEDEAO à des négociations avec la France.", actors: &[NIGER, CEDEAO, FRANCE], dates: &[], want: &["REJECT NER>CEDEAO asserted"] },
    ]);
}

#[test]
#[rustfmt::skip]
fn word_usage() {
    check(&[
        Case { name: "en the wounded is a noun", lang: "en", text: "Mali evacuated the wounded to France.", actors: &[MALI_EN, FRANCE_EN], dates: &[], want: &[] },
        Case { name: "en ousted is an adjective", lang: "en", text: "Ousted President Bazoum criticized Mali.", actors: &[MALI_EN], dates: &[], want: &["ACCUSE >MLI asserted"] },
        Case { name: "en gerund after a preposition", lang: "en", text: "Mali accused France of arming rebels.", actors: &[MALI_EN, FRANCE_EN], dates: &[], want: &["ACCUSE MLI>FRA asserted"] },
        Case { name: "en gerund modifying a noun", lang: "en", text: "Niger expelled soldiers fighting for France.", actors: &[NIGER_EN, FRANCE_EN], dates: &[], want: &["COERCE NER>FRA asserted"] },
        Case { name: "fr participle describing a noun", lang: "fr", text: "Les soldats français déployés au Mali sont rentrés.", actors: &[MALI], dates: &[], want: &[] },
        Case { name: "fr participle with its agent", lang: "fr", text: "Les armes livrées par la Russie sont arrivées au Mali.", actors: &[RUSSIE, MALI], dates: &[], want: &["AID RUS>MLI asserted"] },
        Case { name: "fr gerund telling how", lang: "fr", text: "La Russie aide le Mali en livrant des armes.", actors: &[RUSSIE, MALI], dates: &[], want: &["AID RUS>MLI asserted"] },
        Case { name: "en month name is no march", lang: "en", text: "Mali praised Russia last March.", actors: &[MALI_EN, RUSSIA], dates: &[("last March", "2024-03")], want: &["SUPPORT MLI>RUS asserted @2024-03"] },
    ]);
}

#[test]
#[rustfmt::skip]
fn clauses() {
    check(&[
        Case { name: "fr relative passive clause is background", lang: "fr", text: "Le Mali exige le retour des armes qui ont été saisies par la France.", actors: &[MALI, FRANCE], dates: &[], want: &["REQUEST MLI> asserted"] },
        Case { name: "en relative clause with its own subject is kept", lang: "en", text: "Mali, which Russia armed, attacked JNIM.", actors: &[MALI_EN, RUSSIA, JNIM], dates: &[], want: &["ASSAULT MLI>JNIM asserted"] },
        Case { name: "fr background clause", lang: "fr", text: "Le Mali a salué la Russie après que la France a quitté le pays.", actors: &[MALI, RUSSIE, FRANCE], dates: &[], want: &["SUPPORT MLI>RUS asserted"] },
        Case { name: "en background phrase", lang: "en", text: "Thousands marched in Bamako in protest against the arrest of Diop.", actors: &[BAMAKO, MALI_EN, DIOP], dates: &[], want: &["PROTEST >MLI asserted"] },
        Case { name: "fr purpose infinitive is no event", lang: "fr", text: "Le Mali a rencontré la Russie pour signer des accords.", actors: &[MALI, RUSSIE], dates: &[], want: &["CONSULT MLI,RUS> asserted"] },
        Case { name: "en purpose infinitive is no event", lang: "en", text: "Mali met Russia to sign agreements.", actors: &[MALI_EN, RUSSIA], dates: &[], want: &["CONSULT MLI,RUS> asserted"] },
        Case { name: "fr premier pays à", lang: "fr", text: "La Russie, premier pays à reconnaître la CEDEAO, reste discrète.", actors: &[RUSSIE, CEDEAO], dates: &[], want: &["SUPPORT RUS>CEDEAO asserted"] },
        Case { name: "fr bare infinitive heading", lang: "fr", text: "Objectif : renforcer les relations entre Moscou et Bamako.", actors: &[RUSSIE, BAMAKO], dates: &[], want: &[] },
        Case { name: "en protest demands are not coded apart", lang: "en", text: "Protesters demonstrated in Niamey, demanding that France leave.", actors: &[NIAMEY, NIGER_EN, FRANCE_EN], dates: &[], want: &["PROTEST >NER asserted"] },
    ]);
}

#[test]
#[rustfmt::skip]
fn controllers_and_dates() {
    check(&[
        Case { name: "fr promise with incise", lang: "fr", text: "Lavrov a promis, lors de sa visite à Bamako, l'aide de Moscou au Mali.", actors: &[LAVROV, BAMAKO, MALI, RUSSIE], dates: &[], want: &["AGREE RUS>MLI planned", "CONSULT RUS>MLI asserted"] },
        Case { name: "en demand that: target is the that-clause subject", lang: "en", text: "Mali demanded that France withdraw its troops.", actors: &[MALI_EN, FRANCE_EN], dates: &[], want: &["REQUEST MLI>FRA asserted"] },
        Case { name: "fr announced visit of someone else", lang: "fr", text: "La Russie a annoncé une visite du président malien à Moscou.", actors: &[RUSSIE], dates: &[], want: &["AGREE MLI>RUS planned"] },
        Case { name: "en refusal of a meeting", lang: "en", text: "Niger declined to meet Russia.", actors: &[NIGER_EN, RUSSIA], dates: &[], want: &["REJECT NER>RUS asserted"] },
        Case { name: "fr date of the clause, not of another clause", lang: "fr", text: "Le Mali, qui a signé un accord en 2022, a expulsé l'ambassadeur français le 3 mai.", actors: &[MALI], dates: &[("2022", "2022"), ("le 3 mai", "2024-05-03")], want: &["SANCTION MLI>FRA asserted @2024-05-03", "SUPPORT MLI> asserted @2022"] },
        Case { name: "en no date in the sentence gives none", lang: "en", text: "Mali expelled the French ambassador.", actors: &[MALI_EN], dates: &[], want: &["SANCTION MLI>FRA asserted"] },
    ]);
}

#[test]
#[rustfmt::skip]
fn repeated_mentions() {
    check(&[
        Case { name: "fr statements in different words stay apart", lang: "fr", text: "La Russie a promis des armes au Mali. La Russie propose aussi son aide au Mali.", actors: &[RUSSIE, MALI], dates: &[], want: &["AGREE RUS>MLI planned", "AGREE RUS>MLI planned"] },
        Case { name: "en a visit and its later mention are one", lang: "en", text: "Lavrov visited Mali. During his visit to Mali, he met students.", actors: &[LAVROV, MALI_EN], dates: &[], want: &["CONSULT RUS>MLI asserted"] },
        Case { name: "fr two meetings of the same parties on two days", lang: "fr", text: "Le Mali et la Russie se sont réunis lundi. Le Mali et la Russie se sont entretenus mardi.", actors: &[MALI, RUSSIE], dates: &[("lundi", "2025-06-02"), ("mardi", "2025-06-03")], want: &["CONSULT MLI,RUS> asserted @2025-06-02", "CONSULT MLI,RUS> asserted @2025-06-03"] },
        Case { name: "fr passive with no agent: the sender of the last such act", lang: "fr", text: "Moscou a envoyé des armes au Niger. Un autre lot d'armes a été envoyé au Mali.", actors: &[RUSSIE, NIGER, MALI], dates: &[], want: &["AID RUS>MLI asserted", "AID RUS>NER asserted"] },
    ]);
}

#[test]
#[rustfmt::skip]
fn more_structures() {
    check(&[
        Case { name: "fr auxiliary homograph: nous sommes", lang: "fr", text: "« Nous sommes prêts », a dit la Russie au Mali.", actors: &[RUSSIE, MALI], dates: &[], want: &[] },
        Case { name: "fr container noun: session de négociations", lang: "fr", text: "Une session de négociations entre le Mali et la CEDEAO a eu lieu à Accra.", actors: &[MALI, CEDEAO], dates: &[], want: &["CONSULT MLI,CEDEAO> asserted"] },
        Case { name: "en container noun: a wave of attacks", lang: "en", text: "JNIM launched a wave of attacks against Mali.", actors: &[JNIM, MALI_EN], dates: &[], want: &["ASSAULT JNIM>MLI asserted"] },
        Case { name: "fr se rendre with no destination is a surrender", lang: "fr", text: "Les combattants du JNIM se sont rendus.", actors: &[JNIM], dates: &[], want: &["RETREAT JNIM> asserted"] },
        Case { name: "fr acronym aside keeps the subject", lang: "fr", text: "La Communauté économique (CEDEAO) a condamné le Mali.", actors: &[CEDEAO, MALI], dates: &[], want: &["ACCUSE CEDEAO>MLI asserted"] },
        Case { name: "fr coordinated verb shares the subject", lang: "fr", text: "La CEDEAO a condamné le coup et exigé la libération du président.", actors: &[CEDEAO], dates: &[], want: &["ACCUSE CEDEAO> asserted", "REQUEST CEDEAO> asserted"] },
        Case { name: "en coordinated verb shares the subject", lang: "en", text: "ECOWAS condemned the coup and demanded the release of the president.", actors: &[ECOWAS], dates: &[], want: &["ACCUSE ECOWAS> asserted", "REQUEST ECOWAS> asserted"] },
        Case { name: "fr will not go back on it is a refusal", lang: "fr", text: "Le Mali a dit qu'il ne reviendrait pas sur sa décision de quitter la CEDEAO.", actors: &[MALI, CEDEAO], dates: &[], want: &["REJECT MLI>CEDEAO asserted"] },
        Case { name: "en will not reverse is a refusal", lang: "en", text: "Mali said it would not reverse its decision.", actors: &[MALI_EN], dates: &[], want: &["REJECT MLI> asserted"] },
        Case { name: "fr curfew noun", lang: "fr", text: "Le Niger a annoncé l'instauration d'un couvre-feu à Niamey.", actors: &[NIGER, NIAMEY], dates: &[], want: &["COERCE NER>NER asserted"] },
        Case { name: "en convened summit is planned", lang: "en", text: "ECOWAS convened a summit with Mali for Sunday.", actors: &[ECOWAS, MALI_EN], dates: &[("Sunday", "2025-06-01")], want: &["AGREE ECOWAS>MLI planned @2025-06-01"] },
        Case { name: "en personnel's country sends them", lang: "en", text: "Russian instructors have been deployed in Mali.", actors: &[MALI_EN], dates: &[], want: &["AID RUS>MLI asserted"] },
        Case { name: "fr the place left stands for its country", lang: "fr", text: "Les soldats français ont quitté la base de Niamey.", actors: &[NIAMEY, NIGER], dates: &[], want: &["RETREAT FRA>NER asserted"] },
        Case { name: "fr object relative: que is no subject", lang: "fr", text: "La France, que le Mali accuse d'espionnage, proteste.", actors: &[FRANCE, MALI], dates: &[], want: &["ACCUSE FRA> asserted", "ACCUSE MLI>FRA asserted"] },
    ]);
}

#[test]
#[rustfmt::skip]
fn reported_clauses() {
    check(&[
        Case { name: "fr announced act of the that-clause subject", lang: "fr", text: "Lavrov a annoncé que la Russie formerait des soldats maliens.", actors: &[LAVROV, RUSSIE], dates: &[], want: &["AGREE RUS>MLI planned"] },
        Case { name: "en announced act of the that-clause subject", lang: "en", text: "Lavrov announced that Russia would train Malian soldiers.", actors: &[LAVROV, RUSSIA], dates: &[], want: &["AGREE RUS>MLI planned"] },
        Case { name: "fr perfect infinitive is the content of an accusation", lang: "fr", text: "La France a accusé le Mali d'avoir tué des civils.", actors: &[FRANCE, MALI], dates: &[], want: &["ACCUSE FRA>MLI asserted"] },
        Case { name: "en perfect gerund is the content of an accusation", lang: "en", text: "France accused Mali of having killed civilians.", actors: &[FRANCE_EN, MALI_EN], dates: &[], want: &["ACCUSE FRA>MLI asserted"] },
        Case { name: "fr the two delegations", lang: "fr", text: "Sergueï Lavrov a reçu Abdoulaye Diop. Les deux délégations ont signé un accord.", actors: &[LAVROV, DIOP], dates: &[], want: &["CONSULT MLI>RUS asserted", "SUPPORT MLI,RUS> asserted"] },
    ]);
}

#[test]
#[rustfmt::skip]
fn noun_events_and_their_arguments() {
    check(&[
        // nouns of measures reported by a reporting or decision verb: the verb's subject acts
        Case { name: "fr rappel de son ambassadeur, announced", lang: "fr", text: "Le Mali a annoncé lundi le rappel de son ambassadeur en France.", actors: &[MALI, FRANCE], dates: &[], want: &["SANCTION MLI>FRA planned"] },
        Case { name: "fr fermeture ordered is the subject's act", lang: "fr", text: "Le Niger a ordonné la fermeture de son ambassade en France.", actors: &[NIGER, FRANCE], dates: &[], want: &["SANCTION NER>FRA asserted"] },
        Case { name: "fr suspension de la coopération", lang: "fr", text: "Le Burkina Faso a annoncé la suspension de sa coopération militaire avec la France.", actors: &[BURKINA, FRANCE], dates: &[], want: &["SANCTION BFA>FRA planned"] },
        Case { name: "fr possessive is the agent, de phrase what is left", lang: "fr", text: "Le Mali a annoncé son retrait de la CEDEAO.", actors: &[MALI, CEDEAO], dates: &[], want: &["SANCTION MLI>CEDEAO planned"] },
        Case { name: "fr de phrase without possessive is the agent", lang: "fr", text: "Le retrait du Niger de la CEDEAO a pris effet mardi.", actors: &[NIGER, CEDEAO], dates: &[], want: &["SANCTION NER>CEDEAO asserted"] },
        Case { name: "fr a listed noun's complements are not the first noun's", lang: "fr", text: "Le Niger a annoncé la suspension de sa coopération avec la France et la fermeture de son ambassade au Mali.", actors: &[NIGER, FRANCE, MALI], dates: &[], want: &["SANCTION NER>FRA planned"] },
        Case { name: "en a listed noun's complements are not the first noun's", lang: "en", text: "Niger announced the suspension of aid to France and the closure of its embassy in Mali.", actors: &[NIGER_EN, FRANCE_EN, MALI_EN], dates: &[], want: &["SANCTION NER>FRA planned"] },
        Case { name: "fr generic mention is no event", lang: "fr", text: "La fermeture des frontières pèse sur le commerce.", actors: &[], dates: &[], want: &[] },
        Case { name: "fr lifting demanded is a request, not a concession", lang: "fr", text: "Le Niger a appelé à la levée des sanctions de la CEDEAO.", actors: &[NIGER, CEDEAO], dates: &[], want: &["REQUEST NER>CEDEAO asserted"] },
        Case { name: "en recall of its ambassador, announced", lang: "en", text: "Mali announced the recall of its ambassador to France.", actors: &[MALI_EN, FRANCE_EN], dates: &[], want: &["SANCTION MLI>FRA planned"] },
        Case { name: "en ordered closure is the subject's act", lang: "en", text: "Niger ordered the closure of its embassy in France.", actors: &[NIGER_EN, FRANCE_EN], dates: &[], want: &["SANCTION NER>FRA asserted"] },
        Case { name: "en order someone to act is a request", lang: "en", text: "Niger ordered France to withdraw its troops.", actors: &[NIGER_EN, FRANCE_EN], dates: &[], want: &["REQUEST NER>FRA asserted"] },
        Case { name: "en possessive is the agent of withdrawal", lang: "en", text: "Niger announced its withdrawal from ECOWAS.", actors: &[NIGER_EN, ECOWAS], dates: &[], want: &["SANCTION NER>ECOWAS planned"] },
        Case { name: "en expulsion of an envoy with a by agent", lang: "en", text: "The expulsion of the French ambassador by Mali angered Paris.", actors: &[MALI_EN], dates: &[], want: &["SANCTION MLI>FRA asserted"] },
        Case { name: "en lifting demanded is a request", lang: "en", text: "Mali demanded the lifting of the sanctions imposed by ECOWAS.", actors: &[MALI_EN, ECOWAS], dates: &[], want: &["REQUEST MLI>ECOWAS asserted"] },
    ]);
}

#[test]
#[rustfmt::skip]
fn strike_senses() {
    check(&[
        Case { name: "en strikes that kill are military", lang: "en", text: "Israeli strikes killed ten people in Mali.", actors: &[MALI_EN], dates: &[], want: &["ASSAULT ISR>MLI asserted"] },
        Case { name: "en strikes on a target are military", lang: "en", text: "Russia carried out strikes on JNIM positions.", actors: &[RUSSIA, JNIM], dates: &[], want: &["ASSAULT RUS>JNIM asserted"] },
        Case { name: "en strikes carried out are military", lang: "en", text: "Russia carried out strikes in Mali on Monday.", actors: &[RUSSIA, MALI_EN], dates: &[("on Monday", "2025-06-02")], want: &["ASSAULT RUS>MLI asserted @2025-06-02"] },
        Case { name: "en workers' strike against a government is no assault", lang: "en", text: "Workers held a strike against the government of Niger.", actors: &[NIGER_EN], dates: &[], want: &[] },
        Case { name: "en workers on strike on a day is no assault", lang: "en", text: "Teachers in Mali went on strike on Monday.", actors: &[MALI_EN], dates: &[], want: &[] },
        Case { name: "fr frappes are military", lang: "fr", text: "Des frappes russes ont tué dix civils au Mali.", actors: &[MALI], dates: &[], want: &["ASSAULT RUS>MLI asserted"] },
        Case { name: "fr grève contre is no assault", lang: "fr", text: "Les enseignants ont lancé une grève contre le Mali.", actors: &[MALI], dates: &[], want: &["PROTEST >MLI asserted"] },
    ]);
}

#[test]
#[rustfmt::skip]
fn compounds_and_tolls() {
    check(&[
        Case { name: "en hyphen compound is an adjective", lang: "en", text: "Mali's Russia-backed junta expelled the French ambassador.", actors: &[RUSSIA, MALI_EN], dates: &[], want: &["SANCTION MLI>FRA asserted"] },
        Case { name: "en spaced dash is no compound", lang: "en", text: "BAMAKO (Reuters) - Russia backed Mali on Monday.", actors: &[RUSSIA, MALI_EN, BAMAKO], dates: &[], want: &["SUPPORT RUS>MLI asserted"] },
        Case { name: "en attack and its toll are one event", lang: "en", text: "Russian airstrikes on villages in Mali killed ten people.", actors: &[MALI_EN], dates: &[], want: &["ASSAULT RUS>MLI asserted"] },
        Case { name: "en the toll verb's object is the victim", lang: "en", text: "A roadside bombing near Gao killed three Malian soldiers.", actors: &[], dates: &[], want: &["ASSAULT >MLI asserted"] },
        Case { name: "fr l'objet du verbe de bilan est la victime", lang: "fr", text: "Une embuscade près de Gao a tué trois soldats russes.", actors: &[], dates: &[], want: &["ASSAULT >RUS asserted"] },
        Case { name: "en toll verb alone is still an event", lang: "en", text: "JNIM fighters killed ten soldiers in Mali.", actors: &[JNIM, MALI_EN], dates: &[], want: &["ASSAULT JNIM>MLI asserted"] },
        Case { name: "fr attaque et bilan sont un seul événement", lang: "fr", text: "Une attaque du JNIM contre l'armée malienne a tué vingt soldats.", actors: &[JNIM, MALI], dates: &[], want: &["ASSAULT JNIM>MLI asserted"] },
        Case { name: "fr verbe de bilan seul", lang: "fr", text: "Le JNIM a tué vingt soldats maliens.", actors: &[JNIM], dates: &[], want: &["ASSAULT JNIM>MLI asserted"] },
    ]);
}

#[test]
#[rustfmt::skip]
fn embedded_acts_are_not_asserted() {
    check(&[
        Case { name: "en a resolution demanding that X withdraw: a demand", lang: "en", text: "ECOWAS adopted a resolution demanding that Russia withdraw from Mali.", actors: &[ECOWAS, RUSSIA, MALI_EN], dates: &[], want: &["REQUEST ECOWAS>RUS asserted"] },
        Case { name: "en a statement calling on X to leave: a demand", lang: "en", text: "Mali issued a statement calling on France to withdraw its troops.", actors: &[MALI_EN, FRANCE_EN], dates: &[], want: &["REQUEST MLI>FRA asserted"] },
        Case { name: "fr un communiqué appelant X à partir", lang: "fr", text: "Le Mali a publié un communiqué appelant la France à retirer ses troupes.", actors: &[MALI, FRANCE], dates: &[], want: &["REQUEST MLI>FRA asserted"] },
        Case { name: "en coordinated purpose infinitive", lang: "en", text: "Russia sent instructors to Mali to train soldiers and fight JNIM.", actors: &[RUSSIA, MALI_EN, JNIM], dates: &[], want: &["AID RUS>MLI asserted"] },
        Case { name: "fr infinitifs de but coordonnés", lang: "fr", text: "La Russie a envoyé des instructeurs au Mali pour former les soldats et combattre le JNIM.", actors: &[RUSSIE, MALI, JNIM], dates: &[], want: &["AID RUS>MLI asserted"] },
        Case { name: "en help X fight: the fight is not reported as done", lang: "en", text: "Mali asked Russia to help its army fight JNIM.", actors: &[MALI_EN, RUSSIA, JNIM], dates: &[], want: &["REQUEST MLI>RUS asserted"] },
        Case { name: "fr verbes finis coordonnés, chacun ses compléments", lang: "fr", text: "La Russie a livré des armes au Mali et a attaqué le JNIM.", actors: &[RUSSIE, MALI, JNIM], dates: &[], want: &["AID RUS>MLI asserted", "ASSAULT RUS>JNIM asserted"] },
        Case { name: "en coordinated finite verbs stay events", lang: "en", text: "Russia sent weapons to Mali and attacked JNIM.", actors: &[RUSSIA, MALI_EN, JNIM], dates: &[], want: &["AID RUS>MLI asserted", "ASSAULT RUS>JNIM asserted"] },
        Case { name: "en a protest calling for something is one protest", lang: "en", text: "Thousands marched in Niamey on Sunday calling for the departure of French troops.", actors: &[NIAMEY, NIGER_EN], dates: &[], want: &["PROTEST >FRA asserted"] },
        Case { name: "en crowd gerund is part of the protest", lang: "en", text: "Protesters demanding elections marched in Niamey.", actors: &[NIAMEY, NIGER_EN], dates: &[], want: &["PROTEST >NER asserted"] },
        Case { name: "fr l'interpellé est la cible de la demande", lang: "fr", text: "Le Mali a appelé la France à retirer ses troupes.", actors: &[MALI, FRANCE], dates: &[], want: &["REQUEST MLI>FRA asserted"] },
    ]);
}

#[test]
#[rustfmt::skip]
fn coordinated_clauses() {
    check(&[
        Case { name: "en a coordinated clause has its own subject", lang: "en", text: "Russia supplied the vehicles, and in March Niger signed a deal with Mali.", actors: &[RUSSIA, NIGER_EN, MALI_EN], dates: &[("March", "2025-03")], want: &["AID RUS> asserted @2025-03", "SUPPORT NER,MLI> asserted @2025-03"] },
        Case { name: "fr une proposition coordonnée a son propre sujet", lang: "fr", text: "La Russie a livré des blindés et le Niger a signé un accord avec le Mali.", actors: &[RUSSIE, NIGER, MALI], dates: &[], want: &["AID RUS> asserted", "SUPPORT NER,MLI> asserted"] },
        Case { name: "en a coordinated verb shares the subject", lang: "en", text: "Mali accused France of lying and urged Russia to send troops.", actors: &[MALI_EN, FRANCE_EN, RUSSIA], dates: &[], want: &["ACCUSE MLI>FRA asserted", "REQUEST MLI>RUS asserted"] },
        Case { name: "fr un verbe coordonné partage le sujet", lang: "fr", text: "Le Mali a condamné la France et a expulsé l'ambassadeur français.", actors: &[MALI, FRANCE], dates: &[], want: &["ACCUSE MLI>FRA asserted", "SANCTION MLI>FRA asserted"] },
    ]);
}
