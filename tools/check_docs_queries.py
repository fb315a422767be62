#!/usr/bin/env python3
"""Runs every example query of docs/queries/ against a gazette output folder,
the way docs/analysts.md tells analysts to run them, and checks each result
has the columns its header announces.

- docs/queries/duckdb/*.sql: one DuckDB statement each, run in-process;
- docs/queries/{pandas,polars}/*.py: scripts run with runpy; each leaves its
  answer in a variable named `result` (a pandas or Polars DataFrame).

Queries read `output/parquet/...`: they run from a scratch folder where
`output` links to OUT_DIR. Each file announces its result's columns in a line
`columns: a, b, c` (in a `--` comment or the docstring).

Usage: check_docs_queries.py OUT_DIR [--require-rows]
--require-rows also fails a query that returns no row (use it on outputs
that have actors, quotes and events). Exits 1 with one line per problem.
"""
import contextlib
import io
import os
import re
import runpy
import sys
import tempfile
from pathlib import Path

import duckdb

QUERIES = Path(__file__).resolve().parent.parent / "docs" / "queries"
COLUMNS = re.compile(r"^\s*(?:--\s*)?columns:\s*(.+)$", re.MULTILINE)


def announced(path):
    m = COLUMNS.search(path.read_text(encoding="utf-8"))
    return [c.strip() for c in m.group(1).split(",")] if m else None


def run_sql(path):
    con = duckdb.connect()
    try:
        rel = con.sql(path.read_text(encoding="utf-8"))
        return rel.columns, len(rel.fetchall())
    finally:
        con.close()


def run_py(path):
    with contextlib.redirect_stdout(io.StringIO()):
        env = runpy.run_path(str(path), run_name="__main__")
    if "result" not in env:
        raise RuntimeError("leaves no `result` variable")
    result = env["result"]
    return list(result.columns), len(result)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    require_rows = "--require-rows" in sys.argv[1:]
    if len(args) != 1:
        sys.exit(__doc__)
    out = Path(args[0]).resolve()
    if not (out / "parquet").is_dir():
        sys.exit(f"{out}: no parquet/ folder (give a `gazette run --out` folder)")
    files = sorted(QUERIES.glob("duckdb/*.sql")) + sorted(QUERIES.glob("pandas/*.py")) + sorted(
        QUERIES.glob("polars/*.py")
    )
    if not files:
        sys.exit(f"no queries under {QUERIES}")
    problems = []
    cwd = os.getcwd()
    with tempfile.TemporaryDirectory() as scratch:
        os.symlink(out, Path(scratch) / "output")
        os.chdir(scratch)
        try:
            for f in files:
                name = f.relative_to(QUERIES)
                want = announced(f)
                if want is None:
                    problems.append(f"{name}: no `columns:` line announcing its result")
                    continue
                try:
                    got, rows = run_sql(f) if f.suffix == ".sql" else run_py(f)
                except Exception as e:  # any failure is a broken example
                    problems.append(f"{name}: {type(e).__name__}: {e}")
                    continue
                before = len(problems)
                if list(got) != want:
                    problems.append(f"{name}: columns {list(got)}, announced {want}")
                if require_rows and rows == 0:
                    problems.append(f"{name}: no row")
                if len(problems) == before:
                    print(f"ok {name}: {rows} rows")
        finally:
            os.chdir(cwd)
    for p in problems:
        print(f"check_docs_queries: {p}", file=sys.stderr)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
