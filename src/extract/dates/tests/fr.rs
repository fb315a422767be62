//! French cases: one table per pattern family, plus the non-dates.
//! 2025-04-03 is a Thursday; 2024-11-28 a Thursday.

use super::{Case, check};

const D: Option<&str> = Some("2025-04-03");

#[rustfmt::skip]
const ABSOLUTE_DATES: &[Case] = &[
    Case { name: "day month year with 1er", published: None,
        text: "La conférence s'est tenue le 1er décembre 2024 à Bamako.",
        want: &[("le 1er décembre 2024", Some("2024-12-01"))] },
    Case { name: "day month year", published: D,
        text: "Le traité a été signé 3 avril 2025, selon la presse.",
        want: &[("3 avril 2025", Some("2025-04-03"))] },
    Case { name: "numeric day/month/year", published: D,
        text: "Le décret daté du 03/04/2025 est paru.",
        want: &[("03/04/2025", Some("2025-04-03"))] },
    Case { name: "numeric with dots and a day over 12", published: D,
        text: "La loi du 14.07.2019 reste en vigueur.",
        want: &[("14.07.2019", Some("2019-07-14"))] },
    Case { name: "ISO date", published: D,
        text: "Le fichier porte la date 2024-02-29.",
        want: &[("2024-02-29", Some("2024-02-29"))] },
    Case { name: "abbreviated month", published: D,
        text: "Publié le 12 janv. 2024 par le ministère.",
        want: &[("le 12 janv. 2024", Some("2024-01-12"))] },
    Case { name: "month and year", published: D,
        text: "Les élections se sont tenues en mars 2024 dans le calme.",
        want: &[("en mars 2024", Some("2024-03"))] },
    Case { name: "invalid day is no date value", published: D,
        text: "Un rapport du 31 février 2023 circule.",
        want: &[("31 février 2023", None)] },
];

#[test]
fn absolute_dates() {
    check("fr", ABSOLUTE_DATES);
}

#[rustfmt::skip]
const YEARS_IN_CONTEXT: &[Case] = &[
    Case { name: "en + year", published: None,
        text: "L'alliance a été créée en 2023 par les trois pays.",
        want: &[("en 2023", Some("2023"))] },
    Case { name: "depuis + year", published: None,
        text: "Le pays est dirigé par une junte depuis 2022.",
        want: &[("depuis 2022", Some("2022"))] },
    Case { name: "l'année + year", published: None,
        text: "Un accord a été signé l'année 2019, puis abandonné.",
        want: &[("l'année 2019", Some("2019"))] },
    Case { name: "year range", published: None,
        text: "Entre 2020 et 2022, les attaques ont doublé.",
        want: &[("Entre 2020 et 2022", Some("2020/2022"))] },
    Case { name: "year range with de/à", published: None,
        text: "Il a été ministre de 2015 à 2019.",
        want: &[("de 2015 à 2019", Some("2015/2019"))] },
    Case { name: "year range with hyphen", published: None,
        text: "Le plan 2024-2026 a été adopté.",
        want: &[("2024-2026", Some("2024/2026"))] },
    Case { name: "list of years", published: None,
        text: "Des élections ont eu lieu en 2020, 2021 et 2023.",
        want: &[("en 2020, 2021 et 2023", Some("2020/2023"))] },
    Case { name: "jusqu'en + year", published: None,
        text: "Le mandat court jusqu'en 2027.",
        want: &[("jusqu'en 2027", Some("2027"))] },
];

#[test]
fn years_in_context() {
    check("fr", YEARS_IN_CONTEXT);
}

#[rustfmt::skip]
const DAY_MONTH_WITHOUT_YEAR: &[Case] = &[
    Case { name: "past day in the publication year", published: Some("2025-02-10"),
        text: "Le deuxième lot a été livré le 19 janvier.",
        want: &[("le 19 janvier", Some("2025-01-19"))] },
    Case { name: "December mention in a January article is last year", published: Some("2025-01-15"),
        text: "Les pourparlers ont commencé le 20 décembre.",
        want: &[("le 20 décembre", Some("2024-12-20"))] },
    Case { name: "January mention in a December article, future tense", published: Some("2024-12-20"),
        text: "Le sommet se tiendra le 10 janvier à Niamey.",
        want: &[("le 10 janvier", Some("2025-01-10"))] },
    Case { name: "dernier goes back a year when needed", published: Some("2023-12-04"),
        text: "C'est la première visite depuis le coup d'État du 26 juillet dernier.",
        want: &[("26 juillet dernier", Some("2023-07-26"))] },
    Case { name: "dernier without publication stays null", published: None,
        text: "C'est la première visite depuis le coup d'État du 26 juillet dernier.",
        want: &[("26 juillet dernier", None)] },
    Case { name: "same month with month-precision publication", published: Some("2024-11"),
        text: "Un cargo avait été envoyé au Mali le 10 novembre.",
        want: &[("le 10 novembre", Some("2024-11-10"))] },
    Case { name: "29 February after a leap year", published: Some("2025-03-10"),
        text: "Le 29 février, les troupes sont arrivées.",
        want: &[("Le 29 février", Some("2024-02-29"))] },
    Case { name: "29 February in a leap year", published: Some("2024-03-10"),
        text: "Les troupes sont arrivées le 29 février.",
        want: &[("le 29 février", Some("2024-02-29"))] },
    Case { name: "year from the text when no publication", published: None,
        text: "En 2019, la mission a commencé. Le 3 mars, elle a atteint Gao.",
        want: &[("En 2019", Some("2019")), ("Le 3 mars", Some("2019-03-03"))] },
    Case { name: "month with prochain", published: D,
        text: "Il annonce une visite à Moscou en juin prochain.",
        want: &[("en juin prochain", Some("2025-06"))] },
    Case { name: "month with dernier", published: D,
        text: "Les combats ont repris en mars dernier.",
        want: &[("en mars dernier", Some("2025-03"))] },
    Case { name: "month alone, nearest", published: Some("2025-01-20"),
        text: "Les combats ont repris en décembre.",
        want: &[("en décembre", Some("2024-12"))] },
    Case { name: "le mois de + month + dernier", published: D,
        text: "Le mois de janvier dernier a été sanglant.",
        want: &[("Le mois de janvier dernier", Some("2025-01"))] },
    Case { name: "month + dernier without preposition", published: D,
        text: "Février dernier a été le mois le plus meurtrier.",
        want: &[("Février dernier", Some("2025-02"))] },
];

#[test]
fn day_month_without_year() {
    check("fr", DAY_MONTH_WITHOUT_YEAR);
}

#[rustfmt::skip]
const WEEKDAYS: &[Case] = &[
    Case { name: "bare weekday, past tense", published: D,
        text: "Il a rencontré son homologue lundi à Bamako.",
        want: &[("lundi", Some("2025-03-31"))] },
    Case { name: "bare weekday, future tense", published: D,
        text: "Les ministres se réuniront vendredi.",
        want: &[("vendredi", Some("2025-04-04"))] },
    Case { name: "ce + weekday", published: D,
        text: "Le ministre s'exprimera ce vendredi.",
        want: &[("ce vendredi", Some("2025-04-04"))] },
    Case { name: "weekday dernier", published: D,
        text: "La délégation est arrivée vendredi dernier.",
        want: &[("vendredi dernier", Some("2025-03-28"))] },
    Case { name: "weekday prochain", published: D,
        text: "Le vote aura lieu mardi prochain.",
        want: &[("mardi prochain", Some("2025-04-08"))] },
    Case { name: "weekday alone without publication", published: None,
        text: "Lundi, le général a accueilli la délégation.",
        want: &[("Lundi", None)] },
    Case { name: "weekday + day + month fixes the year", published: None,
        text: "Il les a reçus ce jeudi 3 avril. L'alliance a été créée en 2023.",
        want: &[("ce jeudi 3 avril", Some("2025-04-03")), ("en 2023", Some("2023"))] },
    Case { name: "weekday + day + month with publication", published: Some("2023-02"),
        text: "Lors de sa visite le mardi 7 février à Bamako, il a promis son aide.",
        want: &[("le mardi 7 février", Some("2023-02-07"))] },
    Case { name: "weekday + day, month from publication", published: Some("2024-11-20"),
        text: "Il est arrivé le vendredi 15 à Niamey.",
        want: &[("le vendredi 15", Some("2024-11-15"))] },
    Case { name: "ce + weekday from the context day in a month-dated article", published: Some("2024-11"),
        text: "La délégation s'est rendue au Mali ces 28 et 29 novembre. Le ministre a parlé à Niamey ce vendredi.",
        want: &[("ces 28 et 29 novembre", Some("2024-11-28/2024-11-29")), ("ce vendredi", Some("2024-11-29"))] },
    Case { name: "conditional marks the future", published: Some("2025-04-05"),
        text: "Il a dit qu'il se rendrait à Gao lundi.",
        want: &[("lundi", Some("2025-04-07"))] },
    Case { name: "own clause decides the tense", published: Some("2024-03-15"),
        text: "Selon un communiqué publié jeudi soir, les discussions reprendront bientôt.",
        want: &[("jeudi", Some("2024-03-14"))] },
    Case { name: "a future date is no context", published: Some("2023-09"),
        text: "Le 3 septembre prochain, une réunion aura lieu. Depuis lundi, il est assigné à résidence.",
        want: &[("Le 3 septembre prochain", Some("2023-09-03")), ("Depuis lundi", None)] },
];

#[test]
fn weekdays() {
    check("fr", WEEKDAYS);
}

#[rustfmt::skip]
const RELATIVE_EXPRESSIONS: &[Case] = &[
    Case { name: "deictic days", published: D,
        text: "Hier, avant-hier, aujourd'hui, demain et après-demain.",
        want: &[("Hier", Some("2025-04-02")), ("avant-hier", Some("2025-04-01")), ("aujourd'hui", Some("2025-04-03")), ("demain", Some("2025-04-04")), ("après-demain", Some("2025-04-05"))] },
    Case { name: "curly apostrophe", published: D,
        text: "Le président l’a annoncé aujourd’hui.",
        want: &[("aujourd’hui", Some("2025-04-03"))] },
    Case { name: "deictic needs a day-precision publication", published: Some("2024-11"),
        text: "Le ministre est arrivé hier.",
        want: &[("hier", None)] },
    Case { name: "weeks", published: D,
        text: "La semaine dernière, cette semaine et la semaine prochaine.",
        want: &[("La semaine dernière", Some("2025-W13")), ("cette semaine", Some("2025-W14")), ("la semaine prochaine", Some("2025-W15"))] },
    Case { name: "months", published: D,
        text: "Le mois dernier, ce mois-ci et le mois prochain.",
        want: &[("Le mois dernier", Some("2025-03")), ("ce mois-ci", Some("2025-04")), ("le mois prochain", Some("2025-05"))] },
    Case { name: "years", published: D,
        text: "L'année dernière, l'an dernier, cette année et l'année prochaine.",
        want: &[("L'année dernière", Some("2024")), ("l'an dernier", Some("2024")), ("cette année", Some("2025")), ("l'année prochaine", Some("2026"))] },
    Case { name: "years from a month-precision publication", published: Some("2023-02"),
        text: "L'année dernière, la coopération a connu un nouveau développement.",
        want: &[("L'année dernière", Some("2022"))] },
    Case { name: "weekend", published: D,
        text: "Des manifestations sont prévues ce week-end.",
        want: &[("ce week-end", Some("2025-04-05/2025-04-06"))] },
    Case { name: "il y a N days", published: D,
        text: "L'attaque a eu lieu il y a trois jours.",
        want: &[("il y a trois jours", Some("2025-03-31"))] },
    Case { name: "il y a N weeks, years", published: D,
        text: "Il y a deux semaines, il y a 2 ans et il y a un an.",
        want: &[("Il y a deux semaines", Some("2025-W12")), ("il y a 2 ans", Some("2023")), ("il y a un an", Some("2024"))] },
    Case { name: "dans N days", published: D,
        text: "Le scrutin aura lieu dans trois jours.",
        want: &[("dans trois jours", Some("2025-04-06"))] },
    Case { name: "across the year boundary", published: Some("2025-01-02"),
        text: "Le mois dernier, la semaine dernière et il y a cinq jours.",
        want: &[("Le mois dernier", Some("2024-12")), ("la semaine dernière", Some("2024-W52")), ("il y a cinq jours", Some("2024-12-28"))] },
    Case { name: "l'année en cours", published: D,
        text: "Les objectifs de l'année en cours sont atteints.",
        want: &[("l'année en cours", Some("2025"))] },
    Case { name: "parts of today", published: D,
        text: "Ce matin, hier soir et la nuit dernière.",
        want: &[("Ce matin", Some("2025-04-03")), ("hier", Some("2025-04-02")),
                ("la nuit dernière", Some("2025-04-02"))] },
];

#[test]
fn relative_expressions() {
    check("fr", RELATIVE_EXPRESSIONS);
}

#[rustfmt::skip]
const PARTS_OF_PERIODS: &[Case] = &[
    Case { name: "début + month", published: D,
        text: "Les combats ont repris début mars.",
        want: &[("début mars", Some("2025-03"))] },
    Case { name: "mi- + month", published: D,
        text: "Les pluies sont attendues à la mi-juin.",
        want: &[("à la mi-juin", Some("2025-06"))] },
    Case { name: "fin + year", published: D,
        text: "L'accord a été signé fin 2024.",
        want: &[("fin 2024", Some("2024"))] },
    Case { name: "au début de cette année", published: Some("2023-02"),
        text: "L'année dernière et au début de cette année, la coopération s'est renforcée.",
        want: &[("L'année dernière", Some("2022")), ("au début de cette année", Some("2023"))] },
    Case { name: "fin de l'année", published: D,
        text: "Le retrait sera achevé d'ici la fin de l'année.",
        want: &[("d'ici la fin de l'année", Some("2025"))] },
    Case { name: "en fin d'année dernière", published: D,
        text: "Les troupes sont parties en fin d'année dernière.",
        want: &[("en fin d'année dernière", Some("2024"))] },
    Case { name: "mi-février with year", published: None,
        text: "Le sommet s'est tenu mi-février 2024.",
        want: &[("mi-février 2024", Some("2024-02"))] },
    Case { name: "depuis le début de l'année", published: D,
        text: "Depuis le début de l'année, 300 civils ont été tués.",
        want: &[("Depuis le début de l'année", Some("2025"))] },
    Case { name: "la fin du mois", published: D,
        text: "Les troupes partiront à la fin du mois.",
        want: &[("à la fin du mois", Some("2025-04"))] },
];

#[test]
fn parts_of_periods() {
    check("fr", PARTS_OF_PERIODS);
}

#[rustfmt::skip]
const LISTS_AND_RANGES: &[Case] = &[
    Case { name: "two days with et", published: Some("2024-11"),
        text: "La délégation s'est rendue au Niger ces 28 et 29 novembre.",
        want: &[("ces 28 et 29 novembre", Some("2024-11-28/2024-11-29"))] },
    Case { name: "three days", published: None,
        text: "Les réunions des 3, 4 et 5 mai 2023 ont échoué.",
        want: &[("3, 4 et 5 mai 2023", Some("2023-05-03/2023-05-05"))] },
    Case { name: "du ... au ...", published: D,
        text: "Le salon se tiendra du 3 au 5 mai.",
        want: &[("du 3 au 5 mai", Some("2025-05-03/2025-05-05"))] },
    Case { name: "range across the new year", published: None,
        text: "La trêve a duré du 28 décembre au 3 janvier 2025.",
        want: &[("du 28 décembre au 3 janvier 2025", Some("2024-12-28/2025-01-03"))] },
    Case { name: "range across months with years", published: None,
        text: "La mission a duré du 28 novembre 2024 au 2 janvier 2025.",
        want: &[("du 28 novembre 2024 au 2 janvier 2025", Some("2024-11-28/2025-01-02"))] },
    Case { name: "entre ... et ...", published: None,
        text: "Les combats ont eu lieu entre le 3 et le 5 mai 2024.",
        want: &[("entre le 3 et le 5 mai 2024", Some("2024-05-03/2024-05-05"))] },
    Case { name: "month range", published: None,
        text: "De mars à mai 2024, la production a chuté.",
        want: &[("De mars à mai 2024", Some("2024-03/2024-05"))] },
    Case { name: "hyphenated days", published: None,
        text: "Le forum des 28-29 novembre 2024 a réuni dix pays.",
        want: &[("28-29 novembre 2024", Some("2024-11-28/2024-11-29"))] },
];

#[test]
fn lists_and_ranges() {
    check("fr", LISTS_AND_RANGES);
}

#[rustfmt::skip]
const SEASONS: &[Case] = &[
    Case { name: "cet été", published: D,
        text: "Les élections auront lieu cet été.",
        want: &[("cet été", Some("2025-06/2025-08"))] },
    Case { name: "l'hiver dernier", published: D,
        text: "Les combats de l'hiver dernier ont été meurtriers.",
        want: &[("l'hiver dernier", Some("2024-12/2025-02"))] },
    Case { name: "été + year", published: None,
        text: "Le coup d'État de l'été 2023 a tout changé.",
        want: &[("l'été 2023", Some("2023-06/2023-08"))] },
    Case { name: "au printemps, nearest", published: Some("2025-01-15"),
        text: "Le retrait sera achevé au printemps.",
        want: &[("au printemps", Some("2025-03/2025-05"))] },
];

#[test]
fn seasons() {
    check("fr", SEASONS);
}

#[rustfmt::skip]
const NON_DATES: &[Case] = &[
    Case { name: "duration", published: D,
        text: "Le conflit dure depuis trois ans et la crise depuis deux mois.",
        want: &[] },
    Case { name: "age", published: D,
        text: "Le général, âgé de 45 ans, a 2 enfants.",
        want: &[] },
    Case { name: "time of day", published: D,
        text: "La réunion commence à 15h30 et finit à 18 heures.",
        want: &[] },
    Case { name: "counts", published: D,
        text: "Le départ de 1 500 soldats français et de 2023 civils.",
        want: &[] },
    Case { name: "year inside names and numbers", published: D,
        text: "Le rapport COP28, le code 12023 et l'Agenda 2063 de l'UA.",
        want: &[] },
    Case { name: "vague plural periods", published: D,
        text: "Les prochains jours seront décisifs, comme ces dernières semaines.",
        want: &[] },
    Case { name: "dernier before the noun", published: D,
        text: "Le dernier sommet et la dernière semaine de négociations.",
        want: &[] },
    Case { name: "été as a participle", published: D,
        text: "Il a été élu et les accords ont été signés.",
        want: &[] },
    Case { name: "percentages and money", published: D,
        text: "Une hausse de 2024 % et 2025 € de dons.",
        want: &[] },
    Case { name: "sept is a number", published: D,
        text: "Sept soldats ont été tués.",
        want: &[] },
    Case { name: "bare day number", published: D,
        text: "Le 28 est un chiffre, pas une date.",
        want: &[] },
];

#[test]
fn non_dates() {
    check("fr", NON_DATES);
}

/// Every table of this file, for the pattern coverage test.
pub(super) const TABLES: &[&[Case]] = &[
    ABSOLUTE_DATES,
    YEARS_IN_CONTEXT,
    DAY_MONTH_WITHOUT_YEAR,
    WEEKDAYS,
    RELATIVE_EXPRESSIONS,
    PARTS_OF_PERIODS,
    LISTS_AND_RANGES,
    SEASONS,
    NON_DATES,
];
