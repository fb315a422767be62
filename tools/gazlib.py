"""Shared helpers for the gazetteer scripts in tools/: the column layout, TSV reading and writing,
and a Python copy of the pipeline's folding key (src/text/fold.rs) used for duplicate checks."""

import unicodedata
from pathlib import Path

# Columns shared by every file of pipelines/gazetteer/ (see its README.md), in order.
COLUMNS = ["id", "kind", "name_fr", "name_en", "country", "sector", "aliases", "wikidata", "note"]
# Extra columns of countries.tsv, after `note`.
COUNTRY_EXTRA_COLUMNS = ["capitals", "demonyms", "adjective_phrases"]
# Extra column of people.tsv, after `note`.
PEOPLE_EXTRA_COLUMNS = ["roles"]

# Letters that Unicode decomposition does not reduce to ASCII (deunicode does, in the Rust fold).
_SPECIAL = {
    "ø": "o", "Ø": "o", "ß": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ł": "l", "Ł": "l",
    "đ": "d", "Đ": "d", "ı": "i", "ð": "d", "þ": "th", "ʻ": "'", "ʼ": "'", "’": "'", "‘": "'",
    "`": "'", "´": "'", "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-",
}


def fold(text):
    """Case-, accent- and apostrophe-insensitive key, close to src/text/fold.rs."""
    out = []
    for c in text:
        c = _SPECIAL.get(c, c)
        for d in unicodedata.normalize("NFKD", c):
            if not unicodedata.combining(d):
                out.append(d.lower())
    return " ".join("".join(out).split())


def read_tsv(path):
    """Rows of a TSV data file (`#` comments and blank lines skipped) as dicts keyed by the header."""
    rows = []
    header = None
    for lineno, line in enumerate(Path(path).read_text(encoding="utf-8").split("\n"), 1):
        line = line.rstrip("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = line.split("\t")
        if header is None:
            header = [f.strip() for f in fields]
            continue
        if len(fields) > len(header):
            raise ValueError(f"{path}:{lineno}: {len(fields)} fields, header has {len(header)}")
        row = {h: (fields[i].strip() if i < len(fields) else "") for i, h in enumerate(header)}
        row["_line"] = lineno
        rows.append(row)
    return rows


def read_header(path):
    """The column names of a TSV data file."""
    for line in Path(path).read_text(encoding="utf-8").split("\n"):
        if line.strip() and not line.lstrip().startswith("#"):
            return [f.strip() for f in line.split("\t")]
    return []


def write_tsv(path, comment, columns, rows):
    """Writes `# comment` lines, the header line, then one line per row (fields must hold no tab)."""
    lines = ["# " + c if c else "#" for c in comment.split("\n")]
    lines.append("\t".join(columns))
    for r in rows:
        vals = [str(r.get(c, "") or "") for c in columns]
        for v in vals:
            if "\t" in v or "\n" in v:
                raise ValueError(f"tab or newline inside a field of {r.get('id')}: {v!r}")
        lines.append("\t".join(vals))
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")
