#!/usr/bin/env python3
"""Regenerates pipelines/lexicons/names/first_names_generated.txt.

Source: the first-name lists of the Faker package (MIT licence, PyPI),
for the locales that matter to French and English news about Africa,
Europe, Russia and the Middle East. Cyrillic names (ru_RU, uk_UA) are
transliterated twice, in French (Sergueï, Iouri) and English (Sergey, Yuri)
usage. Names that are also capitalised common words of either language
(pipelines/lexicons/{fr,en}/false_capitals.tsv), shorter than three letters,
or in Arabic/other non-Latin scripts are left out.

Usage:
    pip download --no-deps -d /tmp/faker faker && cd /tmp/faker && unzip -o faker-*.whl
    python3 tools/first_names.py /tmp/faker
"""
import importlib
import sys
import unicodedata
from pathlib import Path

LOCALES = [
    "fr_FR", "fr_BE", "fr_CH", "fr_CA", "fr_QC", "fr_DZ",
    "en_US", "en_GB", "en_IE", "en_NG", "en_KE", "ha_NG", "ig_NG", "yo_NG",
    "tw_GH", "sw", "zu_ZA", "tr_TR", "uz_UZ", "az_AZ",
    "de_DE", "es_ES", "it_IT", "pt_PT", "pt_BR", "pl_PL", "nl_NL",
    "ru_RU", "uk_UA",
]

# Cyrillic -> Latin, French press usage (Sergueï, Iouri, Evgueni).
FR = {"а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "io",
      "ж": "j", "з": "z", "и": "i", "й": "ï", "к": "k", "л": "l", "м": "m",
      "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "ou",
      "ф": "f", "х": "kh", "ц": "ts", "ч": "tch", "ш": "ch", "щ": "chtch",
      "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iou", "я": "ia",
      "і": "i", "ї": "ï", "є": "ie", "ґ": "g"}
# Cyrillic -> Latin, English press usage (Sergey, Yuri, Yevgeny).
EN = {"а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo",
      "ж": "zh", "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m",
      "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
      "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
      "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
      "і": "i", "ї": "yi", "є": "ye", "ґ": "g"}


def translit(name, table, initial_e):
    out = []
    for i, ch in enumerate(name.lower()):
        if i == 0 and ch == "е":
            out.append(initial_e)
        elif i > 0 and table is FR and ch == "г" and name.lower()[i + 1:i + 2] in ("е", "и", "ё"):
            out.append("gu")  # French keeps the hard g: Evgueni, Guennadi
        else:
            out.append(table.get(ch, ch))
    s = "".join(out)
    return s[:1].upper() + s[1:]


def names_of(locale):
    mod = importlib.import_module(f"faker.providers.person.{locale}")
    found = set()
    for attr in ("first_names", "first_names_male", "first_names_female"):
        v = getattr(mod.Provider, attr, None)
        if v:
            found.update(v.keys() if isinstance(v, dict) else v)
    return found


def latin(s):
    return all(unicodedata.name(c, "").startswith("LATIN") or c in "-'" for c in s)


def fold(s):
    s = unicodedata.normalize("NFKD", s.lower())
    return "".join(c for c in s if c.isalnum())


def main():
    sys.path.insert(0, sys.argv[1])
    root = Path(__file__).resolve().parent.parent
    stop = set()
    for lang in ("fr", "en"):
        for line in (root / f"pipelines/lexicons/{lang}/false_capitals.tsv").read_text().splitlines():
            if line and not line.startswith("#"):
                stop.add(fold(line.split("\t")[0]))
    out = set()
    for loc in LOCALES:
        for n in names_of(loc):
            n = n.strip()
            if loc in ("ru_RU", "uk_UA"):
                cands = [translit(n, FR, "E"), translit(n, EN, "Ye"), translit(n, EN, "E")]
            else:
                cands = [n]
            for c in cands:
                if len(c) >= 3 and latin(c) and fold(c) not in stop:
                    out.add(c)
    header = (__doc__.strip().splitlines())
    lines = ["# " + h if h else "#" for h in header[:9]]
    lines.append("# Generated: do not edit by hand; add names to first_names.txt instead.")
    target = root / "pipelines/lexicons/names/first_names_generated.txt"
    target.write_text("\n".join(lines + sorted(out)) + "\n")
    print(f"{len(out)} names -> {target}")


if __name__ == "__main__":
    main()
