#!/usr/bin/env python3
"""Checks that DuckDB, pandas and pyarrow load every Parquet table of a gazette
output folder with the contract's types (dates as dates, lists as lists), and
that the CSV copies load too.

Usage: check_tables.py SCHEMA_JSON OUT_DIR [TABLE ...]
SCHEMA_JSON is the output of `gazette schema --json` (the contract as data);
extra tables present in OUT_DIR/parquet (aggregates) are checked for loading.
Exits 1 with one line per problem.
"""
import json
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

DUCKDB = {"string": "VARCHAR", "int32": "INTEGER", "int64": "BIGINT", "float32": "FLOAT",
          "date": "DATE", "list<string>": "VARCHAR[]"}
ARROW = {"string": (pa.types.is_string, pa.types.is_large_string),
         "int32": (pa.types.is_int32,), "int64": (pa.types.is_int64,),
         "float32": (pa.types.is_float32,), "date": (pa.types.is_date32,),
         "list<string>": (pa.types.is_list, pa.types.is_large_list)}


def main():
    schema = json.loads(Path(sys.argv[1]).read_text())
    out = Path(sys.argv[2])
    problems = []
    seen = set()
    for table in schema:
        name = table["name"]
        seen.add(name)
        path = out / "parquet" / f"{name}.parquet"
        if not path.exists():
            problems.append(f"{name}: {path} is missing")
            continue
        desc = duckdb.sql(f"describe select * from read_parquet('{path}')").fetchall()
        types = {row[0]: row[1] for row in desc}
        arrow = pq.read_table(path).schema
        df = pd.read_parquet(path)  # the call that fails on string_view lists
        for col in table["columns"]:
            c, ty = col["name"], col["type"]
            if c not in types:
                problems.append(f"{name}.{c}: missing")
                continue
            if types[c] != DUCKDB[ty]:
                problems.append(f"{name}.{c}: DuckDB sees {types[c]}, contract says {ty}")
            field = arrow.field(c)
            if not any(check(field.type) for check in ARROW[ty]):
                problems.append(f"{name}.{c}: pyarrow sees {field.type}, contract says {ty}")
            if ty == "list<string>" and not pa.types.is_string(field.type.value_type) and not pa.types.is_large_string(field.type.value_type):
                problems.append(f"{name}.{c}: list items are {field.type.value_type}")
            if len(df) and ty == "date":
                v = df[c].dropna()
                if len(v) and type(v.iloc[0]).__name__ != "date":
                    problems.append(f"{name}.{c}: pandas gives {type(v.iloc[0]).__name__}, not date")
            if len(df) and ty == "list<string>":
                v = df[c].dropna()
                if len(v) and not hasattr(v.iloc[0], "__len__"):
                    problems.append(f"{name}.{c}: pandas gives {type(v.iloc[0]).__name__}, not a list")
        csv = out / "csv" / f"{name}.csv"
        if csv.exists():
            n_csv = duckdb.sql(f"select count(*) from read_csv('{csv}', header=true, all_varchar=true)").fetchall()[0][0]
            if n_csv != len(df):
                problems.append(f"{name}: csv has {n_csv} rows, parquet {len(df)}")
        else:
            problems.append(f"{name}: {csv} is missing")
        print(f"ok {name}: {len(df)} rows, {len(table['columns'])} contract columns")
    for extra in sorted((out / "parquet").glob("*.parquet")):
        if extra.stem not in seen:
            pd.read_parquet(extra)
            duckdb.sql(f"select * from read_parquet('{extra}')").fetchall()
            print(f"ok {extra.stem}: loads in pandas and DuckDB")
    for p in problems:
        print("PROBLEM", p)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
