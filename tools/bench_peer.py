#!/usr/bin/env python3
"""Side-by-side throughput of gazette and the reference Python stack (`make bench-peer`).

The baseline (../shared/peers/baseline.py: spaCy NER, dateparser, a quote
regex) reads a flat folder of .txt articles with the ` date YYYY-MM-DD `
header and manages about 20 articles/s, so this script takes a subset of a
`gazette synth` corpus: every few .txt articles, their front matter turned
into that header, written flat with an index.tsv giving each file's language
and date (from the corpus's .synth-index.tsv). Both tools then process the
same folder:

- the baseline with `--model sm --lean` (its fastest setting), run inside its
  venv through a wrapper that measures CPU time (all threads) with model
  loading excluded, beside the wall `processing_s` of its timings.json;
- gazette (`gazette run SUBSET --out ... --quiet`) under `/usr/bin/time -v`,
  CPU time including its start-up (lexicon loading); its run lasts about a
  second, so it is repeated (five times by default: on a shared VM its CPU
  time varies by a third from run to run) and the run with the median CPU
  time counts.

It prints articles/s and MB/s per core (per CPU second) and per wall second
for both, and the ratio gazette / baseline. Python 3 standard library only
(the baseline's own venv is made by ../shared/peers/setup.sh).

    python3 tools/bench_peer.py [--articles 1000] [--seed 42] [--corpus-size 10000]
        [--gazette target/release/gazette] [--peers ../shared/peers]
        [--venv $TMPDIR/peers-venv] [--bench-dir target/bench] [--gazette-runs 5]
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve()


def wrapper(argv: list[str]) -> None:
    """Runs baseline.main() in this (venv) interpreter and records CPU seconds,
    with the time spent in load_nlp (model loading) kept apart."""
    peers_dir, cpu_json, *baseline_args = argv
    sys.path.insert(0, peers_dir)
    import baseline  # noqa: E402  (the peers' script, imported as a module)

    load_cpu = 0.0
    original = baseline.load_nlp

    def timed_load(*a, **k):
        nonlocal load_cpu
        t = time.process_time()
        try:
            return original(*a, **k)
        finally:
            load_cpu += time.process_time() - t

    baseline.load_nlp = timed_load
    t0, w0 = time.process_time(), time.perf_counter()
    baseline.main(baseline_args)
    cpu = time.process_time() - t0
    Path(cpu_json).write_text(json.dumps({
        "cpu_total_s": cpu, "cpu_model_load_s": load_cpu,
        "cpu_processing_s": cpu - load_cpu, "wall_total_s": time.perf_counter() - w0}))


def split_front_matter(text: str) -> tuple[dict, str]:
    """YAML front matter (the simple `key: value` lines gazette synth writes) and the body."""
    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---\n", 4)
    if end < 0:
        return {}, text
    meta = {}
    for line in text[4:end].splitlines():
        k, _, v = line.partition(":")
        meta[k.strip()] = v.strip()
    return meta, text[end + 5:].lstrip("\n")


def make_subset(corpus: Path, dest: Path, n: int) -> dict:
    """Writes n .txt articles of `corpus` flat into `dest` with index.tsv; returns its figures."""
    index = {}
    with open(corpus / ".synth-index.tsv", newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            if row["file"].endswith(".txt"):
                index[row["file"]] = row
    files = sorted(index)
    if len(files) < n:
        raise SystemExit(f"bench-peer: {corpus} has only {len(files)} .txt articles, {n} wanted")
    step = len(files) // n
    chosen = files[::step][:n]
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    nbytes = 0
    with open(dest / "index.tsv", "w", newline="", encoding="utf-8") as out:
        w = csv.writer(out, delimiter="\t", lineterminator="\n")
        w.writerow(["file", "publication_date", "lang"])
        for rel in chosen:
            text = (corpus / rel).read_text(encoding="utf-8")
            meta, body = split_front_matter(text)
            if meta:
                text = f" date {index[rel]['published']} {body}"
            name = Path(rel).name
            (dest / name).write_text(text, encoding="utf-8")
            nbytes += len(text.encode("utf-8"))
            w.writerow([name, index[rel]["published"], index[rel]["lang"]])
    langs = {}
    for rel in chosen:
        langs[index[rel]["lang"]] = langs.get(index[rel]["lang"], 0) + 1
    return {"articles": len(chosen), "bytes": nbytes, "langs": langs}


def time_v(path: Path) -> dict:
    fields = {}
    for line in path.read_text().splitlines():
        k, _, v = line.strip().rpartition(": ")
        fields[k] = v
    return {"user": float(fields["User time (seconds)"]), "sys": float(fields["System time (seconds)"]),
            "rss_kb": int(fields["Maximum resident set size (kbytes)"])}


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--as-wrapper"]:
        return wrapper(argv[1:])
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=1000, help="articles in the shared subset")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--corpus-size", type=int, default=10000, help="generated corpus the subset is taken from")
    ap.add_argument("--hostile", type=int, default=8, help="its hostile files (as make bench, to share the cache)")
    ap.add_argument("--gazette", default="target/release/gazette")
    ap.add_argument("--peers", type=Path, default=Path("../shared/peers"))
    ap.add_argument("--venv", type=Path,
                    default=Path(os.environ.get("PEERS_VENV", Path(os.environ.get("TMPDIR", "/tmp")) / "peers-venv")))
    ap.add_argument("--bench-dir", type=Path, default=Path("target/bench"))
    ap.add_argument("--gazette-runs", type=int, default=5,
                    help="gazette runs (its median CPU time counts; the baseline runs once, for minutes)")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    a = ap.parse_args(argv)

    corpus = a.bench_dir / f"corpus-s{a.seed}-n{a.corpus_size}-h{a.hostile}"
    if not (corpus / ".synth-index.tsv").exists():
        a.bench_dir.mkdir(parents=True, exist_ok=True)
        subprocess.run([a.gazette, "synth", "--articles", str(a.corpus_size), "--seed", str(a.seed),
                        "--hostile", str(a.hostile), "--force", "--quiet", str(corpus)], check=True)
    subset = a.bench_dir / f"peer-subset-s{a.seed}-n{a.articles}"
    sub = make_subset(corpus, subset, a.articles)
    mb = sub["bytes"] / 1e6
    print(f"bench-peer: subset {subset}: {sub['articles']} articles, {mb:.2f} MB, languages {sub['langs']}",
          file=sys.stderr)

    # Baseline.
    py = a.venv / "bin" / "python"
    if not py.exists():
        raise SystemExit(f"bench-peer: no baseline venv at {a.venv} (run: bash {a.peers}/setup.sh)")
    bout = a.bench_dir / "peer-out-baseline"
    timings, cpu_json = bout / "timings.json", a.bench_dir / ".peer-baseline-cpu.json"
    print("bench-peer: running the baseline (spaCy sm --lean + dateparser) ...", file=sys.stderr)
    subprocess.run([str(py), str(HERE), "--as-wrapper", str(a.peers.resolve()), str(cpu_json),
                    str(subset), "--out", str(bout), "--index", str(subset / "index.tsv"),
                    "--model", "sm", "--lean", "--timings", str(timings)], check=True)
    bt = json.loads(timings.read_text())
    bc = json.loads(cpu_json.read_text())

    # gazette.
    # gazette's run lasts about a second, inside this kind of machine's
    # noise, so it is repeated and the run with the median CPU time counts
    # (every run's CPU time is printed).
    gout, tfile = a.bench_dir / "peer-out-gazette", a.bench_dir / ".peer-gazette.time"
    runs = []
    for k in range(a.gazette_runs):
        print(f"bench-peer: running gazette ({k + 1}/{a.gazette_runs}) ...", file=sys.stderr)
        t = time.perf_counter()
        subprocess.run(["/usr/bin/time", "-v", "-o", str(tfile), a.gazette, "run", str(subset),
                        "--out", str(gout), "--quiet"], check=True)
        wall = time.perf_counter() - t
        gt = time_v(tfile)
        runs.append((gt["user"] + gt["sys"], wall, gt))
    runs.sort(key=lambda r: r[0])
    g_cpu, g_wall, gt = runs[len(runs) // 2]
    print("bench-peer: gazette CPU s per run: " + ", ".join(f"{r[0]:.2f}" for r in runs)
          + f" (median {g_cpu:.2f})", file=sys.stderr)
    g_articles = json.loads((gout / "manifest.json").read_text())["articles"]

    n = sub["articles"]
    rows = [
        ("articles processed", f"{bt['n_articles']:,}", f"{g_articles:,}", ""),
        ("MB (subset)", f"{mb:.2f}", f"{mb:.2f}", ""),
        ("CPU s (baseline: models excluded)", f"{bc['cpu_processing_s']:.2f}", f"{g_cpu:.2f}", ""),
        ("wall s (baseline: processing_s)", f"{bt['processing_s']:.2f}", f"{g_wall:.2f}", ""),
        ("baseline model loading, wall s", f"{bt['model_load_s']:.2f}", "-", ""),
    ]
    per = [
        ("articles/s per core", n / bc["cpu_processing_s"], g_articles / g_cpu),
        ("MB/s per core", mb / bc["cpu_processing_s"], mb / g_cpu),
        ("articles/s wall", n / bt["processing_s"], g_articles / g_wall),
        ("MB/s wall", mb / bt["processing_s"], mb / g_wall),
    ]
    for label, b, g in per:
        rows.append((label, f"{b:,.3f}", f"{g:,.2f}", f"{g / b:,.0f}x"))
    w = max(len(r[0]) for r in rows)
    print(f"| {'measure'.ljust(w)} | baseline (spaCy sm) |   gazette | gazette / baseline |")
    print(f"|{'-' * (w + 2)}|--------------------:|----------:|-------------------:|")
    for label, b, g, ratio in rows:
        print(f"| {label.ljust(w)} | {b:>19} | {g:>9} | {ratio:>18} |")
    models = ", ".join(f"{v['model']} {v['version']}" for v in bt.get("pipeline", {}).values())
    print(f"Same {n} .txt articles ({sub['langs']}); baseline: spaCy {models} (--lean) with dateparser; "
          f"gazette: {a.gazette}. Per core = per CPU second (user+sys, all threads).")
    if a.json:
        a.json.write_text(json.dumps({"subset": sub, "baseline": {**bt, **bc},
                                      "gazette": {**gt, "wall": g_wall, "articles": g_articles}}, indent=1))


if __name__ == "__main__":
    main()
