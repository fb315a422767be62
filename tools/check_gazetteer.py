#!/usr/bin/env python3
"""Sanity checks for the gazetteer files of pipelines/gazetteer/ (format: its README.md).

Errors (exit status 1):
  - a file lacks its columns, or a row has more fields than the header;
  - a required field (id, kind, name_fr, name_en) is empty; kind differs from the file's kind;
  - an id is not unique across all files, lacks its kind's prefix, or is not an ASCII slug;
  - a country code is not one of countries.tsv (countries need one; so do places, organisations and
    people when given); a sector is not a PLOVER sector (places must have none);
  - a Wikidata id is malformed or given to two entries;
  - an alias is empty, repeated in its entry, or starts with a lower-case article (`la Russie`);
  - a name or alias (not written as an acronym in capitals) is a common French or English word of
    tools/data/common_words.txt and the entry's note does not mark it `ambiguous` or `ambiguous=...`;
  - two entries of one file share a surface form (names and aliases; for countries also capitals and
    demonyms), unless one of them marks it ambiguous;
  - a person whose note says `common surname` has that surname alone as an alias.
Warnings: surface forms shared across files, persons without roles, aliases redundant once folded,
acronyms that are common words once lower-cased (the matcher must compare them case-sensitively), and
names or aliases found among the lower-case words of /usr/share/dict/{french,american-english} (Debian
wfrench, wamerican: these lists also hold rare words and lower-cased place names, so a human reviews them).
Only some warning kinds are printed without -v; the count covers all.

Usage: python3 tools/check_gazetteer.py [--dir pipelines/gazetteer] [--no-dict] [-v]
"""

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gazlib import COLUMNS, COUNTRY_EXTRA_COLUMNS, PEOPLE_EXTRA_COLUMNS, fold, read_header, read_tsv  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FILES = {  # file -> (kind, id prefix, extra columns)
    "countries.tsv": ("country", "country:", COUNTRY_EXTRA_COLUMNS),
    "places.tsv": ("place", "place:", []),
    "organizations.tsv": ("organization", "org:", []),
    "people.tsv": ("person", "person:", PEOPLE_EXTRA_COLUMNS),
}
# events.md section 6: sectors, and the non-state international codes used as sectors here.
SECTORS = set("""COP GOV JUD LEG MIL PRM PTY REB SPY UAF UNK AGR BUS CRM CVL EDU ELI JRN LAB MED REF OPP
PRE REL SOC IGO UNO EUR NGO ISM IMG MNC""".split())
ARTICLES = ("la ", "le ", "les ", "l'", "l’", "the ", "un ", "une ")
ACRONYM = re.compile(r"^[A-Z0-9][A-Z0-9.&+\-]*[A-Z0-9.+]$")
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
DICTS = [Path("/usr/share/dict/french"), Path("/usr/share/dict/american-english")]


def is_acronym(form):
    """All-capital forms (UN, AU, UE, CSP-PSD, U.S.) are acronyms: matched case-sensitively."""
    return bool(ACRONYM.match(form)) and any(c.isalpha() for c in form)


def load_common_words(use_dicts=True):
    """(curated common words, dictionary words, dictionaries used). The curated list is strict; the
    dictionaries also hold rare words and lower-case forms of place names (mali, chine, canada), so
    they only raise warnings for a human to review."""
    words = set()
    path = ROOT / "tools/data/common_words.txt"
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.strip() and not line.startswith("#"):
            words.add(fold(line.strip()))
    dict_words, used = set(), []
    if use_dicts:
        for d in DICTS:
            if d.exists():
                used.append(str(d))
                for w in d.read_text(encoding="utf-8", errors="replace").split("\n"):
                    if w and w[0].islower() and "'" not in w:
                        dict_words.add(fold(w))
    return words, dict_words, used


def ambiguity(note):
    """(whole entry marked ambiguous, set of folded forms marked ambiguous) from a note."""
    whole, forms = False, set()
    for token in [t.strip() for t in note.split(";")]:
        if token == "ambiguous" or token.startswith("ambiguous "):
            whole = True
        elif token.startswith("ambiguous="):
            value = token[len("ambiguous="):]
            value = value.split(" (")[0]
            forms |= {fold(v) for v in value.split("|") if v.strip()}
    return whole, forms


def surface_forms(row, kind):
    """(column, form) pairs a matcher will look for."""
    out = [("name_fr", row["name_fr"]), ("name_en", row["name_en"])]
    out += [("aliases", a) for a in row["aliases"].split("|")] if row["aliases"] else []
    if kind == "country":
        for col in ("capitals", "demonyms"):
            out += [(col, a) for a in row.get(col, "").split("|")] if row.get(col) else []
    return out


def check(directory, use_dicts=True):
    """Runs every check; returns (errors, warnings, stats)."""
    errors, warnings, stats = [], [], {}
    words, dict_words, dicts_used = load_common_words(use_dicts)
    stats["dictionaries"] = dicts_used
    tables = {}
    for name, (kind, prefix, extra) in FILES.items():
        path = Path(directory) / name
        if not path.exists():
            errors.append(f"{name}: missing")
            continue
        header = read_header(path)
        want = COLUMNS + extra
        if header[: len(want)] != want:
            errors.append(f"{name}: header {header} should start with {want}")
            continue
        try:
            tables[name] = read_tsv(path)
        except ValueError as e:
            errors.append(str(e))
    country_codes = {r["id"].split(":", 1)[1] for r in tables.get("countries.tsv", [])}

    ids = {}
    wikidata = {}
    cross = defaultdict(set)  # folded form -> {(file, id)}
    for name, rows in tables.items():
        kind, prefix, _ = FILES[name]
        stats[name] = len(rows)
        per_file = defaultdict(list)  # folded form -> [(id, marked ambiguous)]
        for r in rows:
            where = f"{name}:{r['_line']} {r['id']}"
            for col in ("id", "kind", "name_fr", "name_en"):
                if not r.get(col):
                    errors.append(f"{where}: empty {col}")
            if r["kind"] != kind:
                errors.append(f"{where}: kind '{r['kind']}' in {name} (expected {kind})")
            if not r["id"].startswith(prefix):
                errors.append(f"{where}: id should start with '{prefix}'")
            slug = r["id"][len(prefix):]
            if kind == "country":
                if not re.fullmatch(r"[A-Z]{3}", slug):
                    errors.append(f"{where}: country id must be country:ALPHA3")
            elif not SLUG.match(slug):
                errors.append(f"{where}: id must be an ASCII slug (a-z, 0-9, hyphens)")
            if r["id"] in ids:
                errors.append(f"{where}: id already used at {ids[r['id']]}")
            ids[r["id"]] = where
            c = r["country"]
            if c and c not in country_codes:
                errors.append(f"{where}: country '{c}' is not a code of countries.tsv")
            if kind == "country" and not c:
                errors.append(f"{where}: a country needs its country code")
            s = r["sector"]
            if kind == "place" and s:
                errors.append(f"{where}: places have no sector (got {s})")
            elif s and s not in SECTORS:
                errors.append(f"{where}: sector '{s}' is not a PLOVER sector")
            elif kind in ("organization", "person") and not s:
                errors.append(f"{where}: missing sector")
            q = r["wikidata"]
            if q:
                if not re.fullmatch(r"Q[1-9][0-9]*", q):
                    errors.append(f"{where}: malformed Wikidata id '{q}'")
                elif q in wikidata:
                    errors.append(f"{where}: Wikidata {q} already given to {wikidata[q]}")
                wikidata[q] = r["id"]
            whole, marked = ambiguity(r["note"])
            seen, exact = set(), set()
            for col, form in surface_forms(r, kind):
                f = fold(form)
                if not form.strip():
                    errors.append(f"{where}: empty item in {col}")
                    continue
                if col in ("aliases", "name_fr", "name_en") and form.startswith(ARTICLES):
                    errors.append(f"{where}: '{form}' starts with an article (drop it)")
                if col == "aliases" and (col, form) in exact:
                    errors.append(f"{where}: alias '{form}' repeated")
                elif col == "aliases" and (col, f) in seen and not is_acronym(form):
                    warnings.append(f"{where}: alias '{form}' is redundant once folded (case, accents)")
                seen.add((col, f))
                exact.add((col, form))
                if is_acronym(form):
                    if f in words or f in dict_words:
                        warnings.append(f"{where}: acronym '{form}' is a word in lower case: match it case-sensitively")
                elif col != "demonyms" and not whole and f not in marked:
                    if f in words:
                        errors.append(f"{where}: '{form}' ({col}) is a common word: drop it or add `ambiguous={form}` to the note")
                    elif f in dict_words and kind != "place":
                        warnings.append(f"dictionary word: {where}: '{form}' ({col})")
                # Acronyms are matched case-sensitively, so they only clash with the same capitals.
                key = "=" + form if is_acronym(form) else f
                per_file[key].append((r["id"], whole or f in marked))
                cross[f].add((name, r["id"]))
            if kind == "person":
                if not r.get("roles"):
                    warnings.append(f"{where}: no roles")
                if "common surname" in r["note"]:
                    surname = r["name_fr"].split()[-1]
                    for a in r["aliases"].split("|"):
                        if a and fold(a) == fold(surname):
                            errors.append(f"{where}: common surname '{a}' listed as an alias")
        for f, owners in sorted(per_file.items()):
            distinct = sorted({o for o, _ in owners})
            if len(distinct) > 1 and not any(m for _, m in owners):
                errors.append(f"{name}: '{f}' is a surface form of several entries: {', '.join(distinct)}")
    shared = {f: o for f, o in cross.items() if len({n for n, _ in o}) > 1}
    for f, owners in sorted(shared.items()):
        warnings.append(f"shared across files: '{f}': {', '.join(sorted(i for _, i in owners))}")
    stats["shared_forms_across_files"] = len(shared)
    stats["surface_forms"] = len(cross)
    return errors, warnings, stats


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dir", default=ROOT / "pipelines/gazetteer")
    ap.add_argument("--no-dict", action="store_true", help="only tools/data/common_words.txt")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every warning")
    args = ap.parse_args()
    errors, warnings, stats = check(args.dir, use_dicts=not args.no_dict)
    for name in FILES:
        if name in stats:
            print(f"{name}: {stats[name]} entries")
    print(f"distinct surface forms: {stats.get('surface_forms', 0)}; shared across files: "
          f"{stats.get('shared_forms_across_files', 0)}")
    print("common-word dictionaries: " + (", ".join(stats["dictionaries"]) or "none (tools/data/common_words.txt only)"))
    quiet = ("shared across files", "dictionary word", "acronym")  # and "redundant once folded"
    shown = warnings if args.verbose else [w for w in warnings if not w.startswith(quiet) and "acronym '" not in w
             and "redundant once folded" not in w]
    for w in shown:
        print("warning:", w)
    for e in errors:
        print("ERROR:", e)
    print(f"{len(errors)} errors, {len(warnings)} warnings")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
