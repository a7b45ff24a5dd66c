import Foundation
import Testing

@testable import CSV

/// Reads the file with pandas and DuckDB (both as text, so nothing is re-typed) and compares with the
/// expected cells given on stdin as JSON: `[header, rows...]` with null for nil.
private let readerCheck = #"""
    import json, sys
    try:
        import duckdb, pandas
    except ImportError as error:
        print(f"missing Python module ({error}); run `make deps`"); sys.exit(2)
    path, expected_pandas, expected_duckdb = sys.argv[1], *json.load(sys.stdin)
    frame = pandas.read_csv(path, dtype=str, keep_default_na=False)
    got = [list(frame.columns)] + [list(row) for row in frame.itertuples(index=False)]
    if got != expected_pandas:
        print("pandas:", got); sys.exit(1)
    connection = duckdb.connect()
    relation = connection.execute(
        "SELECT * FROM read_csv(?, all_varchar=true, header=true, quote='\"', escape='\"')", [path])
    got = [[d[0] for d in relation.description]] + [list(row) for row in relation.fetchall()]
    if got != expected_duckdb:
        print("duckdb:", got); sys.exit(1)
    print("ok")
    """#

struct CSVReaderInteropTests {
    @Test(arguments: [false, true])
    func pandasAndDuckDBReadTheCellsBack(gzip: Bool) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("csv-interop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent(gzip ? "t.csv.gz" : "t.csv").path
        let header = ["机关", "说明", "数量"]
        let rows: [[String?]] = [
            ["北京市东城区人民政府", "含逗号,和\"引号\"", "12"],
            ["遂宁\"经开区\"", "第一行\n第二行", "-5"],
            ["金臺區", nil, nil],
            ["=HYPERLINK(\"x\")", " 前后空格 ", "0"],
        ]
        let writer = try CSVTableWriter(
            path: path, header: header, kinds: [.text, .text, .number], options: CSVOptions(gzip: gzip))
        for row in rows { try writer.append(row) }
        try writer.close()

        // pandas (keep_default_na=False) shows nil as ""; DuckDB shows an unquoted empty cell as NULL.
        // The formula cell carries the spreadsheet guard's quote; the number "-5" does not.
        let expectedRows: [[String?]] = [
            ["北京市东城区人民政府", "含逗号,和\"引号\"", "12"],
            ["遂宁\"经开区\"", "第一行\n第二行", "-5"],
            ["金臺區", nil, nil],
            ["'=HYPERLINK(\"x\")", " 前后空格 ", "0"],
        ]
        let pandasRows = [header] + expectedRows.map { $0.map { $0 ?? "" } }
        let duckdbRows: [[String?]] = [header] + expectedRows
        let input = try JSONEncoder().encode([pandasRows, duckdbRows])

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", readerCheck, path]
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stdout
        try process.run()
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        let output = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if process.terminationStatus == 2 { Issue.record("python3 lacks pandas/duckdb (run `make deps`): \(output)") }
        #expect(process.terminationStatus == 0, "\(output)")
    }
}
