#!/usr/bin/env python3
"""Writes the parquet-bench table with pyarrow and, given the Swift binary, runs it too and prints
both side by side.

    swift build -c release --product parquet-bench
    python3 scripts/bench_writer.py .build/release/parquet-bench [rows]

Rows come from the same LCG as Sources/parquet-bench/main.swift; the script checks that pyarrow reads
the Swift files back equal to its own table, so both sides really wrote the same data.
Timings are the best of 3 runs of write_table (the table is built before timing, as in Swift).
"""
import os
import re
import subprocess
import sys
import tempfile
import time

import pyarrow as pa
import pyarrow.parquet as pq

CELLS_PER_REPORT = 26 * 7
CODECS = [("uncompressed", "none", None), ("gzip-6", "gzip", 6), ("gzip-1", "gzip", 1), ("zstd-3", "zstd", 3)]
MASK = (1 << 64) - 1


def make_rows(rows):
    """Must stay identical to makeTable in Sources/parquet-bench/main.swift."""
    agency_names = [f"第{k}区人民政府办公室" for k in range(200)]
    row_code_names = [f"row_{k:02d}" for k in range(26)]
    column_code_names = [f"col_{k}" for k in range(7)]
    columns = {name: [] for name in
               ("report_id", "report_year", "agency", "row_code", "column_code", "value", "value_raw", "derived", "line")}
    state = 42
    report_id = ""
    for index in range(rows):
        report, cell = divmod(index, CELLS_PER_REPORT)
        if cell == 0 or not report_id:
            report_id = f"{(report * 0x9E3779B97F4A7C15) & MASK:016x}"
        state = (state * 6364136223846793005 + 1442695040888963407) & MASK
        random = state >> 33
        value = None if random % 20 == 0 else random % 1000
        columns["report_id"].append(report_id)
        columns["report_year"].append(None if report % 50 == 0 else 2015 + report % 10)
        columns["agency"].append(None if report % 97 == 0 else agency_names[report % 200])
        columns["row_code"].append(row_code_names[cell // 7])
        columns["column_code"].append(column_code_names[cell % 7])
        columns["value"].append(value)
        columns["value_raw"].append("—" if value is None else str(value))
        columns["derived"].append(cell // 7 >= 20)
        columns["line"].append(None if cell % 13 == 0 else 10 + cell)
    schema = pa.schema([
        pa.field("report_id", pa.string(), nullable=False), ("report_year", pa.int32()), ("agency", pa.string()),
        pa.field("row_code", pa.string(), nullable=False), pa.field("column_code", pa.string(), nullable=False),
        ("value", pa.int64()), pa.field("value_raw", pa.string(), nullable=False),
        pa.field("derived", pa.bool_(), nullable=False), ("line", pa.int32()),
    ])
    return pa.table(columns, schema=schema)


def run_swift(binary, directory, rows):
    output = subprocess.run([binary, directory, str(rows)], check=True, capture_output=True, text=True).stdout
    results = {}
    for match in re.finditer(r"RESULT codec=(\S+) rows=\d+ seconds=([\d.]+) bytes=(\d+) path=(\S+)", output):
        results[match[1]] = (float(match[2]), int(match[3]), match[4])
    return results


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else None
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    table = make_rows(rows)
    directory = tempfile.mkdtemp(prefix="parquet-bench-")
    swift = run_swift(binary, directory, rows) if binary else {}
    print(f"{rows:,} rows, pyarrow {pa.__version__}, row groups of 131,072 rows on both sides")
    print(f"{'codec':<13}{'swift rows/s':>14}{'swift bytes':>13}{'pyarrow rows/s':>16}{'pyarrow bytes':>15}{'speed ratio':>13}")
    for name, compression, level in CODECS:
        path = os.path.join(directory, f"pyarrow-{name}.parquet")
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            pq.write_table(table, path, compression=compression, compression_level=level, row_group_size=131_072)
            best = min(best, time.perf_counter() - start)
        arrow_rate = rows / best
        arrow_bytes = os.path.getsize(path)
        if name in swift:
            seconds, swift_bytes, swift_path = swift[name]
            written = pq.read_table(swift_path)
            for column in table.column_names:
                if not written.column(column).equals(table.column(column)):
                    print(f"  MISMATCH: Swift {name} column {column} differs from the pyarrow table")
            swift_rate = rows / seconds
            print(f"{name:<13}{swift_rate:>14,.0f}{swift_bytes:>13,}{arrow_rate:>16,.0f}{arrow_bytes:>15,}"
                  f"{swift_rate / arrow_rate:>12.2f}x")
        else:
            print(f"{name:<13}{'-':>14}{'-':>13}{arrow_rate:>16,.0f}{arrow_bytes:>15,}{'-':>13}")


if __name__ == "__main__":
    main()
