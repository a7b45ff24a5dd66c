#!/usr/bin/env python3
"""Reads every table of a nianbao output folder with pyarrow, DuckDB and polars and checks it against the
output contract and run.json. Optional expectations (JSON) pin row counts and selected values.

usage: verify_outputs.py OUT_DIR [--expect FILE]
Exit 0 when every reader agrees with the contract; otherwise prints what differs and exits 1.
"""
import json
import sys
from pathlib import Path

import duckdb
import polars as pl
import pyarrow.parquet as pq

CONTRACT = {
    "reports": ["report_id", "source_path", "source_bytes", "encoding", "script", "template", "title", "agency",
                "report_year", "published_date", "status", "n_values", "n_errors", "n_warnings"],
    "applications": ["report_id", "report_year", "agency", "row_code", "column_code", "value", "value_raw", "derived", "line"],
    "active_disclosure": ["report_id", "report_year", "agency", "template", "item_code", "column_code", "value", "unit",
                          "value_raw", "line"],
    "appeals": ["report_id", "report_year", "agency", "group_code", "outcome_code", "value", "value_raw", "line"],
    "figures": ["report_id", "report_year", "agency", "metric", "value", "unit", "qualifier", "quote", "line"],
    "rejects": ["report_id", "source_path", "stage", "rule_id", "severity", "table", "row_code", "column_code",
                "expected", "actual", "message", "line"],
    "codes": ["kind", "code", "label", "gloss"],
}
TYPES = {  # contract logical types as DuckDB names them
    ("reports", "source_bytes"): "BIGINT", ("reports", "report_year"): "INTEGER", ("reports", "published_date"): "DATE",
    ("applications", "value"): "BIGINT", ("applications", "derived"): "BOOLEAN", ("applications", "line"): "INTEGER",
    ("active_disclosure", "value"): "DOUBLE", ("appeals", "value"): "BIGINT", ("figures", "value"): "DOUBLE",
    ("rejects", "line"): "INTEGER", ("reports", "agency"): "VARCHAR",
}


def main() -> int:
    out = Path(sys.argv[1])
    expect = {}
    if "--expect" in sys.argv:
        expect = json.loads(Path(sys.argv[sys.argv.index("--expect") + 1]).read_text(encoding="utf-8"))
    problems = []
    run = json.loads((out / "run.json").read_text(encoding="utf-8"))
    tables = list(CONTRACT) + [f"quarantine/{t}" for t in ("applications", "active_disclosure", "appeals", "figures")]
    con = duckdb.connect()
    for table in tables:
        files = sorted((out / table).glob("*.parquet"))
        if not files:
            problems.append(f"{table}: no parquet file")
            continue
        base = table.split("/")[-1]
        columns = CONTRACT.get(base, [])
        pa_table = pq.read_table(out / table)
        pl_frame = pl.read_parquet(str(out / table / "*.parquet"))
        duck = con.execute(f"select * from read_parquet('{out / table}/*.parquet')")
        duck_columns = [d[0] for d in duck.description]
        duck_rows = duck.fetchall()
        for name, found in (("pyarrow", pa_table.column_names), ("polars", pl_frame.columns), ("duckdb", duck_columns)):
            if found[: len(columns)] != columns:
                problems.append(f"{table}: {name} columns {found} do not start with the contract's {columns}")
        counts = {pa_table.num_rows, pl_frame.height, len(duck_rows)}
        if len(counts) != 1:
            problems.append(f"{table}: readers disagree on row count {counts}")
        if base != "codes" and run.get("rows", {}).get(table) not in counts:
            problems.append(f"{table}: run.json says {run.get('rows', {}).get(table)} rows, readers found {counts}")
        if pa_table.to_pylist() != pl_frame.to_dicts():
            problems.append(f"{table}: pyarrow and polars values differ")
        if [tuple(r.values()) for r in pa_table.to_pylist()] != [tuple(r) for r in duck_rows]:
            problems.append(f"{table}: pyarrow and DuckDB values differ")
        for (t, column), duck_type in TYPES.items():
            if t == base:
                got = con.execute(
                    f"select column_type from (describe select * from read_parquet('{out / table}/*.parquet')) where column_name = '{column}'"
                ).fetchone()
                if not got or got[0] != duck_type:
                    problems.append(f"{table}.{column}: DuckDB type {got} but the contract says {duck_type}")
        csv_name = table.replace("quarantine/", "quarantine_")
        csv_path = out / "csv" / f"{csv_name}.csv"
        if csv_path.exists():
            raw = csv_path.read_bytes()
            if not raw.startswith(b"\xef\xbb\xbf"):
                problems.append(f"{csv_path}: no UTF-8 byte-order mark")
            n = con.execute(f"select count(*) from read_csv('{csv_path}', header=true, all_varchar=true)").fetchone()[0]
            if n not in counts:
                problems.append(f"{csv_path}: {n} rows, parquet has {counts}")
        elif run.get("rows") is not None and (out / "csv").exists():
            problems.append(f"{csv_path}: missing")
    for table, n in expect.get("rows", {}).items():
        found = con.execute(f"select count(*) from read_parquet('{out / table}/*.parquet')").fetchone()[0]
        if found != n:
            problems.append(f"{table}: expected {n} rows, found {found}")
    for query, expected in expect.get("queries", []):
        got = [list(r) for r in con.execute(query.replace("$OUT", str(out))).fetchall()]
        got = json.loads(json.dumps(got, default=str))
        if got != expected:
            problems.append(f"query {query!r}: expected {expected}, got {got}")
    for p in problems:
        print(p)
    print(f"verify_outputs: {len(tables)} tables checked with pyarrow, DuckDB and polars; {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
