#!/usr/bin/env python3
"""Throughput benchmark of a gazette build on generated corpora (`make bench`).

For each size: generates a corpus with `gazette synth` (cached under
BENCH_DIR/corpus-sSEED-nSIZE), runs `gazette run CORPUS --out BENCH_DIR/out-SIZE
--quiet` under `/usr/bin/time -v`, and prints one table with, per size: the
corpus (articles, MB on disk), wall seconds, articles/s, MB/s per core
(MB / (user+sys CPU seconds)), MB/s wall, peak RSS, and the time of each step
from OUT/manifest.json `timings`: top-level steps (ingest, prepare, dedup,
extract, resolve, write, ...) as a share of the run's wall time, and the
extraction stages (`stage.*`, thread-seconds summed over worker threads, so
they include time a thread waited for a core) as a share of all stages.

Python 3 standard library only.

    python3 tools/bench.py [--sizes 10000,100000] [--seed 42]
        [--gazette target/release/gazette] [--bench-dir target/bench]
        [--hostile 8] [--json results.json] [--no-run] [--incremental-size 10000]

It then checks issue 8's targets and prints them as a second table: MB/s per
core on the largest corpus, peak RSS of the largest against the smallest, the
largest share of any serial step (steps that run on one thread while no
extraction overlaps them), and an incremental re-run over the unchanged
smallest corpus (`--incremental` twice into the same folder: the second run
must add no table file and take under 5% of the first).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

TIME = "/usr/bin/time"


def corpus_stats(corpus: Path) -> tuple[int, int, int]:
    """(generated articles, files, bytes on disk) of a corpus, hidden files excluded."""
    files = size = 0
    for root, dirs, names in os.walk(corpus):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for n in names:
            if not n.startswith("."):
                files += 1
                size += (Path(root) / n).stat().st_size
    meta = json.loads((corpus / ".synth.json").read_text())
    return meta["articles"], files, size


def ensure_corpus(gazette: str, bench_dir: Path, size: int, seed: int, hostile: int) -> tuple[Path, float | None]:
    """The cached corpus for (seed, size), generating it when missing."""
    corpus = bench_dir / f"corpus-s{seed}-n{size}-h{hostile}"
    if (corpus / ".synth.json").exists():
        return corpus, None
    bench_dir.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    subprocess.run([gazette, "synth", "--articles", str(size), "--seed", str(seed),
                    "--hostile", str(hostile), "--force", "--quiet", str(corpus)], check=True)
    return corpus, time.perf_counter() - t


def parse_time_v(text: str) -> dict:
    """User/system CPU seconds, wall seconds and peak RSS (KiB) from `time -v`."""
    fields = {}
    for line in text.splitlines():
        k, sep, v = line.strip().rpartition(": ")
        if sep:
            fields[k] = v.strip()
    wall = 0.0
    for part in fields["Elapsed (wall clock) time (h:mm:ss or m:ss)"].split(":"):
        wall = wall * 60 + float(part)
    return {"user": float(fields["User time (seconds)"]),
            "sys": float(fields["System time (seconds)"]),
            "wall": wall,
            "rss_kb": int(fields["Maximum resident set size (kbytes)"])}


def run_gazette(gazette: str, corpus: Path, out: Path, extra: list[str], rerun: bool = True) -> dict:
    """Runs gazette under /usr/bin/time -v (unless `rerun` is false and a
    previous run's figures are there); returns time figures and the manifest."""
    tfile = out.parent / f".{out.name}.time"
    out.parent.mkdir(parents=True, exist_ok=True)
    if rerun or not (tfile.exists() and (out / "manifest.json").exists()):
        cmd = [TIME, "-v", "-o", str(tfile), gazette, "run", str(corpus), "--out", str(out), "--quiet", *extra]
        proc = subprocess.run(cmd, stderr=subprocess.PIPE, text=True)
        if proc.returncode != 0:
            sys.stderr.write(proc.stderr[-4000:])
            raise SystemExit(f"bench: gazette run failed ({proc.returncode}): {' '.join(cmd)}")
    figures = parse_time_v(tfile.read_text())
    figures["manifest"] = json.loads((out / "manifest.json").read_text())
    return figures


# Steps of a run that do not overlap extraction and use one thread (see
# src/run/mod.rs): each must stay under 10% of the run's wall time.
SERIAL_STEPS = ("build", "discover", "state", "dedup", "wait_writer", "finish", "aggregate")


def table_files(out: Path) -> set[str]:
    """Every table file (Parquet or CSV) under an output folder, relative."""
    return {str(p.relative_to(out)) for p in out.rglob("*")
            if p.is_file() and p.suffix in (".parquet", ".csv")}


def incremental_rerun(gazette: str, corpus: Path, out: Path, extra: list[str]) -> dict:
    """Two `--incremental` runs into a fresh folder: the full first run, then
    the re-run over the unchanged corpus; their wall times and the table
    files the second one added."""
    import shutil
    shutil.rmtree(out, ignore_errors=True)
    first = run_gazette(gazette, corpus, out, ["--incremental", *extra])
    before = table_files(out)
    second = run_gazette(gazette, corpus, out, ["--incremental", *extra])
    added = sorted(table_files(out) - before)
    return {"full_wall": first["wall"], "rerun_wall": second["wall"], "added_files": added,
            "rerun_articles": second["manifest"]["articles"],
            "skipped_files": second["manifest"].get("skipped_files", 0)}


def targets(results: list[dict], inc: dict | None) -> str:
    """Issue 8's done-when figures, each with its target and PASS/FAIL."""
    small, large = results[0], results[-1]
    checks = []
    mbs = large["mb"] / (large["user"] + large["sys"])
    checks.append((f"MB/s per core ({large['size']:,} articles)", f"{mbs:.2f}", ">= 20", mbs >= 20))
    ratio = large["rss_kb"] / max(small["rss_kb"], 1)
    checks.append((f"peak RSS {large['size']:,} / {small['size']:,}", f"{ratio:.2f}x", "<= 1.5x",
                   ratio <= 1.5 or large is small))
    rss_mb = large["rss_kb"] / 1024
    checks.append((f"peak RSS ({large['size']:,} articles)", f"{rss_mb:,.0f} MB", "< 1024 MB", rss_mb < 1024))
    for r in results:
        t = r["manifest"]["timings"]
        total = t.get("total", r["wall"])
        step, secs = max(((k, t.get(k, 0.0)) for k in SERIAL_STEPS), key=lambda kv: kv[1])
        share = 100 * secs / max(total, 1e-9)
        checks.append((f"largest serial step ({r['size']:,} articles)", f"{step} {share:.1f}%", "<= 10%", share <= 10))
    if inc is not None:
        share = 100 * inc["rerun_wall"] / max(inc["full_wall"], 1e-9)
        checks.append(("incremental re-run / full run (wall)",
                       f"{inc['rerun_wall']:.2f} s / {inc['full_wall']:.2f} s = {share:.1f}%", "< 5%", share < 5))
        checks.append(("table files added by the re-run", str(len(inc["added_files"])), "0",
                       not inc["added_files"] and inc["rerun_articles"] == 0))
    w = [max(len(c[i]) for c in checks) for i in range(3)]
    lines = ["| target | measured | wanted | |", "|---|--:|--:|---|"]
    for label, got, want, ok in checks:
        lines.append(f"| {label.ljust(w[0])} | {got.rjust(w[1])} | {want.rjust(w[2])} | {'PASS' if ok else 'FAIL'} |")
    return "\n".join(lines)


def fmt(x: float, digits: int = 1) -> str:
    return f"{x:,.{digits}f}"


def table(results: list[dict]) -> str:
    """One table: a row per measure, a column per corpus size."""
    rows: list[tuple[str, list[str]]] = []

    def row(label: str, f) -> None:
        rows.append((label, [f(r) for r in results]))

    row("corpus articles (generated)", lambda r: f"{r['generated']:,}")
    row("articles read by gazette", lambda r: f"{r['manifest']['articles']:,}")
    row("corpus files", lambda r: f"{r['files']:,}")
    row("corpus MB", lambda r: fmt(r["mb"]))
    row("rejected inputs", lambda r: f"{len(r['manifest'].get('rejects', [])):,}")
    row("wall s", lambda r: fmt(r["wall"], 2))
    row("CPU s (user+sys)", lambda r: fmt(r["user"] + r["sys"], 2))
    row("articles/s (wall)", lambda r: fmt(r["manifest"]["articles"] / r["wall"], 0))
    row("articles/s per core", lambda r: fmt(r["manifest"]["articles"] / (r["user"] + r["sys"]), 0))
    row("MB/s per core", lambda r: fmt(r["mb"] / (r["user"] + r["sys"]), 2))
    row("MB/s wall", lambda r: fmt(r["mb"] / r["wall"], 2))
    row("peak RSS MB", lambda r: fmt(r["rss_kb"] / 1024, 0))
    row("threads", lambda r: str(r["manifest"].get("threads", "?")))
    keys = sorted({k for r in results for k in r["manifest"]["timings"]},
                  key=lambda k: (k == "total", k.startswith("stage."), k))
    for k in keys:
        if k.startswith("stage."):
            label = f"{k} (% of stages)"
            share = lambda r, k=k: r["manifest"]["timings"].get(k, 0.0) / max(
                sum(v for s, v in r["manifest"]["timings"].items() if s.startswith("stage.")), 1e-9)
        else:
            label = f"{k} (% of wall)"
            share = lambda r, k=k: r["manifest"]["timings"].get(k, 0.0) / max(r["manifest"]["timings"].get("total", r["wall"]), 1e-9)
        row(label, lambda r, k=k, share=share: (
            f"{fmt(r['manifest']['timings'][k], 2)} s {100 * share(r):5.1f}%"
            if k in r["manifest"]["timings"] else "-"))
    width = max(len(label) for label, _ in rows)
    cols = [max(len(v[i]) for _, v in rows) for i in range(len(results))]
    heads = [f"{r['size']:,} articles" for r in results]
    cols = [max(c, len(h)) for c, h in zip(cols, heads)]
    lines = ["| " + "measure".ljust(width) + " | " + " | ".join(h.rjust(c) for h, c in zip(heads, cols)) + " |",
             "|" + "-" * (width + 2) + "|" + "|".join("-" * (c + 1) + ":" for c in cols) + "|"]
    for label, vals in rows:
        lines.append("| " + label.ljust(width) + " | " + " | ".join(v.rjust(c) for v, c in zip(vals, cols)) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,100000", help="comma-separated article counts")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--hostile", type=int, default=8, help="hostile files per corpus")
    ap.add_argument("--gazette", default="target/release/gazette")
    ap.add_argument("--bench-dir", type=Path, default=Path("target/bench"))
    ap.add_argument("--threads", type=int, default=0, help="gazette run --threads (0: all cores)")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    ap.add_argument("--no-run", action="store_true", help="print the table of the last runs without running again")
    ap.add_argument("--incremental-size", type=int, default=None,
                    help="corpus size for the incremental re-run check (default: the smallest; 0: skip)")
    a = ap.parse_args(argv)
    if not Path(TIME).exists():
        raise SystemExit(f"bench: {TIME} is missing (apt-get install -y time)")
    results = []
    for size in [int(s) for s in a.sizes.split(",") if s]:
        corpus, gen_s = ensure_corpus(a.gazette, a.bench_dir, size, a.seed, a.hostile)
        generated, files, nbytes = corpus_stats(corpus)
        if gen_s is not None:
            print(f"bench: generated {corpus} ({generated:,} articles, {nbytes / 1e6:,.1f} MB) "
                  f"in {gen_s:.1f} s ({nbytes / 1e6 / gen_s:,.1f} MB/s)", file=sys.stderr)
        extra = ["--threads", str(a.threads)] if a.threads else []
        if not a.no_run:
            print(f"bench: gazette run {corpus} ...", file=sys.stderr)
        r = run_gazette(a.gazette, corpus, a.bench_dir / f"out-{size}", extra, rerun=not a.no_run)
        r.update(size=size, generated=generated, files=files, mb=nbytes / 1e6)
        results.append(r)
    print(table(results))
    print("MB = corpus bytes on disk / 1e6; per core = divided by the user+sys CPU seconds of the whole "
          "process; stage.* = thread-seconds summed over workers, as a share of all stages.")
    inc = None
    sizes = [r["size"] for r in results]
    inc_size = min(sizes) if a.incremental_size is None else a.incremental_size
    if inc_size and not a.no_run:
        corpus, _ = ensure_corpus(a.gazette, a.bench_dir, inc_size, a.seed, a.hostile)
        print(f"bench: incremental runs over {corpus} ...", file=sys.stderr)
        inc = incremental_rerun(a.gazette, corpus, a.bench_dir / f"out-{inc_size}-incremental", extra)
    print()
    print(targets(results, inc))
    if a.json:
        a.json.write_text(json.dumps({"runs": results, "incremental": inc}, indent=1, default=str))


if __name__ == "__main__":
    main()
