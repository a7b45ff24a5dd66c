#!/usr/bin/env python3
"""Reads every Parquet file listed in <dir>/expectations.json with pyarrow, DuckDB and polars and
checks schema, types, values, row counts, null counts, statistics and statistic-driven queries.

The expectations are written by Tests/ParquetTests/ReaderInteropTests.swift from the rows it fed the
writer (never from the writer's output). Exit status 0 = all readers agree, 1 = mismatch, 2 = missing
modules (install them with `make deps` or `pip install pyarrow duckdb polars`).
"""
import datetime
import json
import os
import sys

try:
    import duckdb
    import polars as pl
    import pyarrow as pa
    import pyarrow.parquet as pq
except ImportError as error:  # the Swift test prints this message
    print(f"parquet_readers_check: missing Python module ({error}); run `make deps` "
          "or `pip install pyarrow duckdb polars`", file=sys.stderr)
    sys.exit(2)

EPOCH = datetime.date(1970, 1, 1)
PYARROW_TYPES = {
    "boolean": [pa.bool_()], "int32": [pa.int32()], "int64": [pa.int64()], "double": [pa.float64()],
    "string": [pa.string(), pa.large_string()] + ([pa.string_view()] if hasattr(pa, "string_view") else []),
    "date": [pa.date32()],
}
DUCKDB_TYPES = {"boolean": "BOOLEAN", "int32": "INTEGER", "int64": "BIGINT", "double": "DOUBLE",
                "string": "VARCHAR", "date": "DATE"}
POLARS_TYPES = {"boolean": pl.Boolean, "int32": pl.Int32, "int64": pl.Int64, "double": pl.Float64,
                "string": pl.String, "date": pl.Date}

failures = []


def fail(reader, name, message):
    failures.append(f"[{reader}] {name}: {message}")


def normalise(value):
    """Reader values → the JSON vocabulary of the expectations (dates as days since 1970-01-01)."""
    if isinstance(value, datetime.date):
        return (value - EPOCH).days
    if isinstance(value, bytes):
        return value.decode("utf-8")
    return value


def same(expected, actual):
    """Exact equality; booleans must stay booleans (True == 1 in Python)."""
    actual = normalise(actual)
    if isinstance(expected, bool) or isinstance(actual, bool):
        return type(expected) is type(actual) and expected == actual
    return expected == actual


def compare_rows(reader, name, columns, expected_rows, actual_rows):
    if len(expected_rows) != len(actual_rows):
        fail(reader, name, f"{len(actual_rows)} rows, expected {len(expected_rows)}")
        return
    for index, (expected, actual) in enumerate(zip(expected_rows, actual_rows)):
        for column, want, got in zip(columns, expected, actual):
            if not same(want, got):
                fail(reader, name, f"row {index} column {column['name']}: {got!r}, expected {want!r}")
                return


def check_pyarrow(spec, path):
    name = spec["file"]
    columns = spec["schema"]
    table = pq.read_table(path)
    for column in columns:
        field = table.schema.field(column["name"])
        if field.type not in PYARROW_TYPES[column["type"]]:
            fail("pyarrow", name, f"{column['name']} read as {field.type}, expected {column['type']}")
        if field.nullable != column["optional"]:
            fail("pyarrow", name, f"{column['name']} nullable={field.nullable}")
    rows = [tuple(row[c["name"]] for c in columns) for row in table.to_pylist()]
    compare_rows("pyarrow", name, columns, spec["rows"], rows)

    metadata = pq.ParquetFile(path).metadata
    if metadata.num_rows != len(spec["rows"]):
        fail("pyarrow", name, f"metadata num_rows {metadata.num_rows}")
    if metadata.created_by != spec["created_by"]:
        fail("pyarrow", name, f"created_by {metadata.created_by!r}")
    key_values = {k.decode(): v.decode() for k, v in (metadata.metadata or {}).items()}
    if key_values != spec["key_value_metadata"]:
        fail("pyarrow", name, f"key-value metadata {key_values!r}")
    if metadata.num_row_groups != len(spec["row_groups"]):
        fail("pyarrow", name, f"{metadata.num_row_groups} row groups, expected {len(spec['row_groups'])}")
        return
    for group_index, group in enumerate(spec["row_groups"]):
        row_group = metadata.row_group(group_index)
        if row_group.num_rows != group["num_rows"]:
            fail("pyarrow", name, f"row group {group_index} has {row_group.num_rows} rows")
        for column_index, column in enumerate(columns):
            want = group["columns"][column["name"]]
            chunk = row_group.column(column_index)
            where = f"row group {group_index} column {column['name']}"
            statistics = chunk.statistics
            if statistics is None:
                fail("pyarrow", name, f"{where}: no statistics")
                continue
            if statistics.null_count != want["null_count"]:
                fail("pyarrow", name, f"{where}: null_count {statistics.null_count}, expected {want['null_count']}")
            has_bounds = want.get("min") is not None
            if statistics.has_min_max != has_bounds:
                fail("pyarrow", name, f"{where}: has_min_max {statistics.has_min_max}, expected {has_bounds}")
            elif has_bounds:
                if not same(want["min"], statistics.min) or not same(want["max"], statistics.max):
                    fail("pyarrow", name, f"{where}: min/max {statistics.min!r}/{statistics.max!r}, "
                                          f"expected {want['min']!r}/{want['max']!r}")
            if want.get("dictionary") is not None:
                has_dictionary = chunk.has_dictionary_page
                if has_dictionary != want["dictionary"]:
                    fail("pyarrow", name, f"{where}: dictionary page {has_dictionary}, expected {want['dictionary']}")
            if chunk.compression.lower() != spec["codec"]:
                fail("pyarrow", name, f"{where}: codec {chunk.compression}")


def check_duckdb(spec, path):
    name = spec["file"]
    columns = spec["schema"]
    connection = duckdb.connect()
    described = connection.execute("DESCRIBE SELECT * FROM read_parquet(?)", [path]).fetchall()
    types = {row[0]: row[1] for row in described}
    for column in columns:
        if types.get(column["name"]) != DUCKDB_TYPES[column["type"]]:
            fail("duckdb", name, f"{column['name']} read as {types.get(column['name'])}")
    select = ", ".join(f'"{c["name"]}"' for c in columns)
    rows = connection.execute(f"SELECT {select} FROM read_parquet(?)", [path]).fetchall()
    compare_rows("duckdb", name, columns, spec["rows"], rows)
    for column in columns:
        nulls = connection.execute(
            f'SELECT count(*) - count("{column["name"]}") FROM read_parquet(?)', [path]).fetchone()[0]
        want = sum(group["columns"][column["name"]]["null_count"] for group in spec["row_groups"])
        if nulls != want:
            fail("duckdb", name, f"{column['name']}: {nulls} nulls, expected {want}")
    for query in spec.get("queries", []):
        got = connection.execute(query["sql"].replace("{path}", "read_parquet(?)"), [path]).fetchone()[0]
        if got != query["expect"]:
            fail("duckdb", name, f"query {query['sql']!r} returned {got}, expected {query['expect']}")


def check_polars(spec, path):
    name = spec["file"]
    columns = spec["schema"]
    frame = pl.read_parquet(path)
    for column in columns:
        dtype = frame.schema[column["name"]]
        if dtype != POLARS_TYPES[column["type"]]:
            fail("polars", name, f"{column['name']} read as {dtype}")
    rows = frame.select([c["name"] for c in columns]).rows()
    compare_rows("polars", name, columns, spec["rows"], rows)
    for column in columns:
        want = sum(group["columns"][column["name"]]["null_count"] for group in spec["row_groups"])
        got = frame[column["name"]].null_count()
        if got != want:
            fail("polars", name, f"{column['name']}: {got} nulls, expected {want}")
    lazy_count = pl.scan_parquet(path).select(pl.len()).collect().item()
    if lazy_count != len(spec["rows"]):
        fail("polars", name, f"scan count {lazy_count}")


def main():
    if len(sys.argv) != 2:
        print("usage: parquet_readers_check.py <dir with expectations.json>", file=sys.stderr)
        return 2
    directory = sys.argv[1]
    with open(os.path.join(directory, "expectations.json"), encoding="utf-8") as handle:
        expectations = json.load(handle)
    for spec in expectations["files"]:
        path = os.path.join(directory, spec["file"])
        for check in (check_pyarrow, check_duckdb, check_polars):
            try:
                check(spec, path)
            except Exception as error:  # a reader refusing the file is a failure, not a crash of the check
                fail(check.__name__.removeprefix("check_"), spec["file"], f"{type(error).__name__}: {error}")
    if failures:
        print("\n".join(failures))
        return 1
    print(f"parquet_readers_check: {len(expectations['files'])} files read identically by pyarrow, DuckDB and polars")
    return 0


if __name__ == "__main__":
    sys.exit(main())
