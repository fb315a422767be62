#!/usr/bin/env python3
"""Consistency checks for the held-out dev set (tests/dev): every gold quote,
date, evidence and alias is found in its article; speakers and event actors
are gold actors; a date text listed n times occurs at least n times.
Usage: python3 tools/check_dev_gold.py [tests/dev]"""
import glob, json, os, re, sys, unicodedata

def fold(s):
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    for a, b in [("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("«", '"'), ("»", '"'), ("\u00a0", " ")]:
        s = s.replace(a, b)
    return re.sub(r"\s+", " ", s).lower()

def count(text, needle):
    return len(re.findall(r"(?<!\w)" + re.escape(fold(needle)) + r"(?!\w)", text))

root = sys.argv[1] if len(sys.argv) > 1 else "tests/dev"
bad = 0
for gp in sorted(glob.glob(os.path.join(root, "gold", "*.json"))):
    g = json.load(open(gp))
    name = os.path.basename(gp)
    art = open(os.path.join(root, "articles", g["file"])).read()
    t = fold(art)
    def err(msg):
        global bad
        bad += 1
        print(f"{name}: {msg}")
    names = {a["name"] for a in g["actors"]}
    for a in g["actors"]:
        if a["name"] not in a["aliases"]:
            err(f"actor name not in aliases: {a['name']}")
        for al in a["aliases"]:
            if count(t, al) == 0:
                err(f"alias not in text: {al}")
        if a["kind"] not in ("person", "organization", "country", "place"):
            err(f"bad kind {a['kind']}")
    for q in g["quotes"]:
        if count(t, q["text"]) == 0:
            err(f"quote not in text: {q['text'][:60]}")
        if q["speaker"] is not None and q["speaker"] not in names:
            err(f"speaker not an actor: {q['speaker']}")
        if q["kind"] not in ("direct", "partial", "indirect"):
            err(f"bad quote kind {q['kind']}")
    for iq in g["ignore_quotes"]:
        if count(t, iq) == 0:
            err(f"ignore quote not in text: {iq}")
    seen = {}
    for d in g["dates"]:
        k = fold(d["text"])
        seen[k] = seen.get(k, 0) + 1
        v = d["value"]
        if v is not None and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?|-W\d{2})?(/\d{4}(-\d{2}(-\d{2})?)?)?", v):
            err(f"bad date value {v}")
    for k, n in seen.items():
        c = count(t, k)
        if c < n:
            err(f"date text '{k}' listed {n}x, found {c}x")
    for e in g["events"]:
        for p in e["source"] + e["target"]:
            if p not in names:
                err(f"event actor not an actor: {p}")
        if count(t, e["evidence"]) == 0:
            err(f"evidence not in text: {e['evidence'][:60]}")
        if e["status"] not in ("asserted", "planned"):
            err(f"bad status {e['status']}")
        if e["type"] not in "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN PROTEST SANCTION MOBILIZE COERCE ASSAULT".split():
            err(f"bad type {e['type']}")
    if g["publication_date"] is not None and not art.lstrip().startswith("date " + g["publication_date"]):
        err("publication_date does not match the header")
    if g["publication_date"] is None and art.lstrip().startswith("date "):
        err("article has a date header but publication_date is null")
print(f"{bad} problem(s)")
sys.exit(1 if bad else 0)
