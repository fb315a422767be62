#!/usr/bin/env python3
"""Generate pipelines/gazetteer/countries.tsv from Debian's iso-codes data plus a hand-written supplement.

Sources:
  - /usr/share/iso-codes/json/iso_3166-1.json (Debian package `iso-codes`): alpha-3 codes and the
    English short, common and official names;
  - /usr/share/locale/fr/LC_MESSAGES/iso_3166-1.mo (same package): their French translations, read with
    Python's gettext module;
  - tools/data/countries_extra.tsv: short press names, aliases, capitals, demonyms, Wikidata ids, notes
    (one row per alpha-3 code, plus XKX for Kosovo which ISO does not list);
  - tools/data/country_status.tsv: the code written in the `country` column and the sector for
    dependencies and special cases (events.md section 6).

ISO names written in inverted form ("Russie, Fédération de", "Korea, Republic of") are turned back into
natural order when the part after the comma ends with a preposition or article ("Fédération de Russie");
other inverted names ("Syrienne, République arabe") are dropped, the supplement giving the usable forms.
Leading articles are stripped ("the State of Eritrea" -> "State of Eritrea"), parenthesised parts too.
Aliases are deduplicated on a folded key (case, accents), keeping the first spelling seen.

The output is deterministic: rows sorted by id, lists in source order.

Usage: python3 tools/gen_countries.py [--iso-json PATH] [--mo-dir DIR] [--out PATH]
Then run python3 tools/check_gazetteer.py.
"""

import argparse
import gettext
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gazlib import COLUMNS, COUNTRY_EXTRA_COLUMNS, fold, read_tsv, write_tsv  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_JSON = Path("/usr/share/iso-codes/json/iso_3166-1.json")
DEFAULT_MO_DIR = Path("/usr/share/locale")

# Trailing words after which an inverted ISO name can be put back in natural order.
TRAILING_LINKS = ("de", "d'", "d’", "du", "des", "de la", "la", "le", "les", "of", "of the", "the")
# Leading words that may open an inverted island name ("Salomon, Îles").
ISLAND_WORDS = ("île", "îles", "ile", "iles")
LEADING_ARTICLES = ("the ", "l'", "l’", "la ", "le ", "les ")


def uninvert(name):
    """Natural-order form of an ISO name, or None when it cannot be safely rebuilt."""
    if "(" in name:
        name = (name[: name.index("(")] + name[name.index(")") + 1:]).strip()
        name = " ".join(name.replace(" ,", ",").split())
    if "," in name:
        head, _, tail = name.partition(",")
        head, tail = head.strip(), tail.strip()
        low = tail.lower()
        if low.split(" ")[0] in ISLAND_WORDS and " " not in low:
            name = f"{tail} {head}"
        elif any(low == w or low.endswith(" " + w) for w in TRAILING_LINKS):
            joiner = "" if tail.endswith(("'", "’")) else " "
            name = f"{tail}{joiner}{head}"
        else:
            return None
    for art in LEADING_ARTICLES:
        if name.lower().startswith(art) and len(name) > len(art) + 3:
            name = name[len(art):]
            break
    return name[:1].upper() + name[1:]


def dash(value):
    """A supplement field, with `-` meaning empty."""
    return "" if value in ("-", None) else value.strip()


def split_list(value):
    return [x.strip() for x in dash(value).split("|") if x.strip()]


def build(iso_json, mo_dir, extra_path, status_path):
    iso = json.loads(Path(iso_json).read_text(encoding="utf-8"))["3166-1"]
    fr = gettext.translation("iso_3166-1", localedir=str(mo_dir), languages=["fr"])
    extra = {r["alpha3"]: r for r in read_tsv(extra_path)}
    status = {r["alpha3"]: r for r in read_tsv(status_path)}

    entries = {}
    for e in iso:
        code = e["alpha_3"]
        en_forms = [e.get("common_name"), e["name"], e.get("official_name")]
        # Only strings the French catalogue really holds (gettext echoes the English otherwise).
        fr_forms = [fr.gettext(x) if x and x in fr._catalog else None for x in en_forms]
        entries[code] = {
            "en": [uninvert(x) for x in en_forms if x],
            "fr": [uninvert(x) for x in fr_forms if x],
        }
    for code in extra:
        entries.setdefault(code, {"en": [], "fr": []})

    missing = sorted(set(entries) - set(extra))
    if missing:
        sys.exit(f"tools/data/countries_extra.tsv has no row for: {', '.join(missing)}")

    rows = []
    for code in sorted(entries):
        x = extra[code]
        en = [n for n in entries[code]["en"] if n]
        frn = [n for n in entries[code]["fr"] if n]
        name_en = dash(x["name_en"]) or (en[0] if en else "")
        name_fr = dash(x["name_fr"]) or (frn[0] if frn else name_en)
        if not name_en or not name_fr:
            sys.exit(f"{code}: no usable name; give name_fr and name_en in countries_extra.tsv")
        # `!form` in the supplement vetoes an ISO form that is also a common word (`!Réunion`).
        vetoed = {fold(a[1:]) for a in split_list(x["aliases"]) if a.startswith("!")}
        seen = {fold(name_fr), fold(name_en)} | vetoed
        aliases = []
        for a in [a for a in split_list(x["aliases"]) if not a.startswith("!")] + frn + en:
            if fold(a) not in seen:
                seen.add(fold(a))
                aliases.append(a)
        st = status.get(code, {})
        country = dash(st.get("country")) or code
        sector = dash(st.get("sector")) or "GOV"
        if sector == "none":
            sector = ""
        notes = [n for n in (dash(st.get("note")), dash(x["note"])) if n]
        rows.append({
            "id": f"country:{code}",
            "kind": "country",
            "name_fr": name_fr,
            "name_en": name_en,
            "country": country,
            "sector": sector,
            "aliases": "|".join(aliases),
            "wikidata": dash(x["wikidata"]),
            "note": "; ".join(notes),
            "capitals": "|".join(dedupe(split_list(x["capitals"]))),
            "demonyms": "|".join(dedupe(split_list(x["demonyms"]))),
            "adjective_phrases": "",
        })
    return rows


def dedupe(items):
    """Drops exact repeats, keeping order (case and accents are kept: `burkinabè|Burkinabè` differ)."""
    out = []
    for i in items:
        if i not in out:
            out.append(i)
    return out


HEADER = """countries.tsv: every country and territory of ISO 3166-1, plus Kosovo (XKX).
GENERATED by tools/gen_countries.py, do not edit by hand: edit tools/data/countries_extra.tsv or
tools/data/country_status.tsv, then run `python3 tools/gen_countries.py && python3 tools/check_gazetteer.py`.
Sources: Debian iso-codes {version} (iso_3166-1.json and its French translations iso_3166-1.mo) for codes
and English/French short, common and official names; tools/data/countries_extra.tsv (hand-written) for
press short forms, aliases, capitals, demonyms, Wikidata ids; tools/data/country_status.tsv for
dependencies (their `country` is the controlling state, as in events.md section 6).
Columns: see pipelines/gazetteer/README.md. capitals = capital names fr|en, used as metonyms for the
government; demonyms = French forms (lower case, all genders and numbers) and English forms;
adjective_phrases is reserved (empty). A note `ambiguous=A|B` lists forms that need a cue to match."""


def iso_codes_version():
    try:
        import subprocess
        out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "iso-codes"],
                             capture_output=True, text=True, check=False)
        return out.stdout.strip() or "(version unknown)"
    except OSError:
        return "(version unknown)"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--iso-json", default=DEFAULT_JSON)
    ap.add_argument("--mo-dir", default=DEFAULT_MO_DIR)
    ap.add_argument("--extra", default=ROOT / "tools/data/countries_extra.tsv")
    ap.add_argument("--status", default=ROOT / "tools/data/country_status.tsv")
    ap.add_argument("--out", default=ROOT / "pipelines/gazetteer/countries.tsv")
    args = ap.parse_args()
    rows = build(args.iso_json, args.mo_dir, args.extra, args.status)
    write_tsv(args.out, HEADER.format(version=iso_codes_version()), COLUMNS + COUNTRY_EXTRA_COLUMNS, rows)
    print(f"wrote {len(rows)} countries to {args.out}")


if __name__ == "__main__":
    main()
