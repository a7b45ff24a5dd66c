import Foundation
import Testing

@testable import Parquet

/// Writes files covering every type, nulls, Chinese text, an all-null column, 0 rows, several row
/// groups and pages and every codec, then has pyarrow, DuckDB and polars read them
/// (scripts/parquet_readers_check.py) against expectations derived from the input rows.
struct ReaderInteropTests {
    static let createdBy = "nianbao version 0.1.0 (build test)"

    static let agencies = ["北京市东城区人民政府", "金臺區", "遂宁\"经开区\"", "a,b 局", "Ünïcode"]

    static var allTypesSchema: [ParquetField] {
        [
            ParquetField("flag", .boolean, optional: true),
            ParquetField("small", .int32),
            ParquetField("big", .int64, optional: true),
            ParquetField("ratio", .double, optional: true),
            ParquetField("agency", .string, optional: true),
            ParquetField("note", .string),
            ParquetField("day", .date, optional: true),
            ParquetField("nothing", .string, optional: true),
            ParquetField("body", .string, optional: true),
        ]
    }

    /// 40 rows; every optional column has nulls, `nothing` is all null, `body` has one 300-byte value.
    static var allTypesRows: [[ParquetValue]] {
        (0..<40).map { index -> [ParquetValue] in
            let number = Int64(index)
            return [
                index % 5 == 4 ? .null : .bool(index % 3 == 0),
                .int32(Int32(index * 7 - 100)),
                index % 6 == 1 ? .null : .int64(index == 2 ? 9_007_199_254_740_993 : number * -1_000_003),
                index % 4 == 3 ? .null : .double(Double(index) * 1.25 - 10),
                index % 9 == 8 ? .null : .string(agencies[index % agencies.count]),
                .string("第\(index)条，说明\r\n“引号” \(index % 2 == 0 ? "" : " ")"),
                index % 7 == 6 ? .null : .date(Int32(18_000 + index * 11)),
                .null,
                index % 10 == 0 ? .string(String(repeating: "报", count: 100)) : index % 2 == 0 ? .null : .string("短文本\(index)"),
            ]
        }
    }

    static func allTypesCase(_ file: String, codec: ParquetCodec) -> InteropCase {
        var options = ParquetWriterOptions(
            codec: codec, createdBy: createdBy,
            keyValueMetadata: [(key: "nianbao.run_id", value: "run-1"), (key: "说明", value: "中文值")])
        options.dictionary = .automatic
        let rows = allTypesRows
        return InteropCase(
            file: file, schema: allTypesSchema, rows: rows, options: options,
            // 40 distinct values in 40 rows: far above the 50% share, so the integers stay PLAIN.
            dictionary: ["agency": true, "note": false, "nothing": false, "small": false, "big": false, "day": false],
            queries: [
                (sql: "SELECT count(*) FROM {path} WHERE agency = '金臺區'", expect: rows.filter { $0[4] == .string("金臺區") }.count),
                (sql: "SELECT count(*) FROM {path} WHERE day >= DATE '1970-01-01' + 18200", expect: rows.filter {
                    if case .date(let day) = $0[6] { return day >= 18_200 }
                    return false
                }.count),
            ])
    }

    /// 10,000 rows in row groups of 3,000 and pages of about 512 bytes.
    static func manyGroupsCase(_ file: String, codec: ParquetCodec) -> InteropCase {
        let schema = [
            ParquetField("id", .int64), ParquetField("agency", .string, optional: true),
            ParquetField("value", .int32, optional: true),
        ]
        let rows: [[ParquetValue]] = (0..<10_000).map { index in
            [
                .int64(Int64(index)),
                index % 7 == 0 ? .null : .string(agencies[(index / 3) % agencies.count]),
                index % 11 == 0 ? .null : .int32(Int32(index % 1000)),
            ]
        }
        let options = ParquetWriterOptions(codec: codec, rowGroupRows: 3_000, pageBytes: 512, createdBy: createdBy)
        return InteropCase(
            file: file, schema: schema, rows: rows, options: options, dictionary: ["agency": true],
            queries: [
                // Wrong max statistics make DuckDB skip row groups and undercount (engineering-notes §1.6).
                (sql: "SELECT count(*) FROM {path} WHERE id > 5000", expect: 4_999),
                (sql: "SELECT count(*) FROM {path} WHERE id BETWEEN 2990 AND 3010", expect: 21),
                (sql: "SELECT count(*) FROM {path} WHERE value = 999", expect: rows.filter { $0[2] == .int32(999) }.count),
            ])
    }

    /// Years, amounts and dates with few distinct values get dictionary pages like strings; a
    /// unique id beside them stays PLAIN.
    static var lowCardinalityIntegersCase: InteropCase {
        let schema = [
            ParquetField("id", .int64), ParquetField("year", .int32, optional: true),
            ParquetField("amount", .int64, optional: true), ParquetField("day", .date),
        ]
        let rows = (0..<500).map { (index: Int) -> [ParquetValue] in
            let year: ParquetValue = index % 13 == 0 ? .null : .int32(Int32(2015 + index % 10))
            let amount: ParquetValue = index % 5 == 0 ? .null : .int64(Int64(index % 7) * -1_000_000_007)
            return [.int64(Int64(index) * 7_919), year, amount, .date(Int32(19_000 + index % 3))]
        }
        return InteropCase(
            file: "integer_dictionaries.parquet", schema: schema, rows: rows,
            options: ParquetWriterOptions(codec: .zstd(level: 3), rowGroupRows: 200, createdBy: createdBy),
            dictionary: ["id": false, "year": true, "amount": true, "day": true],
            queries: [
                (sql: "SELECT count(*) FROM {path} WHERE year = 2020", expect: rows.filter { $0[1] == .int32(2020) }.count),
                (sql: "SELECT count(*) FROM {path} WHERE amount < -5000000000", expect: rows.filter {
                    if case .int64(let amount) = $0[2] { return amount < -5_000_000_000 }
                    return false
                }.count),
            ])
    }

    static var emptyCase: InteropCase {
        InteropCase(
            file: "empty.parquet",
            schema: [ParquetField("id", .int64), ParquetField("name", .string, optional: true), ParquetField("day", .date)],
            rows: [], options: ParquetWriterOptions(codec: .zstd(level: 3), createdBy: createdBy))
    }

    static var forcedDictionaryCase: InteropCase {
        var options = ParquetWriterOptions(codec: .gzip(level: 1), createdBy: createdBy)
        options.dictionary = .always
        let rows: [[ParquetValue]] = (0..<20).map { [.null, .string("唯一值\($0)")] }
        return InteropCase(
            file: "dictionary_always.parquet",
            schema: [ParquetField("empty", .string, optional: true), ParquetField("unique", .string)],
            rows: rows, options: options, dictionary: ["empty": true, "unique": true])
    }

    static var plainOnlyCase: InteropCase {
        var options = ParquetWriterOptions(codec: .uncompressed, createdBy: createdBy)
        options.dictionary = .never
        let rows: [[ParquetValue]] = (0..<20).map { [.string(agencies[$0 % 2])] }
        return InteropCase(
            file: "dictionary_never.parquet", schema: [ParquetField("agency", .string)], rows: rows, options: options,
            dictionary: ["agency": false])
    }

    /// 1,500 row groups: the footer's row groups go through the spill file one at a time and come back as one list.
    static var spilledFooterCase: InteropCase {
        let rows: [[ParquetValue]] = (0..<3_000).map { i in
            [.int64(Int64(i) * 7), i % 5 == 0 ? .null : .string(agencies[i % 2])]
        }
        return InteropCase(
            file: "spilled_footer.parquet", schema: [ParquetField("id", .int64), ParquetField("agency", .string, optional: true)],
            rows: rows, options: ParquetWriterOptions(codec: .zstd(level: 1), rowGroupRows: 2, createdBy: createdBy))
    }

    static var allCases: [InteropCase] {
        [
            allTypesCase("types_uncompressed.parquet", codec: .uncompressed),
            allTypesCase("types_gzip6.parquet", codec: .gzip(level: 6)),
            allTypesCase("types_zstd3.parquet", codec: .zstd(level: 3)),
            manyGroupsCase("groups_zstd.parquet", codec: .zstd(level: 1)),
            manyGroupsCase("groups_gzip.parquet", codec: .gzip(level: 9)),
            manyGroupsCase("groups_uncompressed.parquet", codec: .uncompressed),
            emptyCase, forcedDictionaryCase, plainOnlyCase, lowCardinalityIntegersCase, spilledFooterCase,
        ]
    }

    @Test func pyarrowDuckDBAndPolarsReadEveryFileAsWritten() throws {
        let directory = try makeTemporaryDirectory("interop")
        // PARQUET_KEEP_INTEROP=1 keeps the files for inspection with other readers.
        defer {
            if ProcessInfo.processInfo.environment["PARQUET_KEEP_INTEROP"] == nil {
                try? FileManager.default.removeItem(at: directory)
            }
        }
        let cases = Self.allCases
        for interopCase in cases { try interopCase.write(in: directory) }
        let expectations = JSONValue.object(["files": .array(cases.map(\.expectations))])
        try JSONEncoder().encode(expectations).write(to: directory.appendingPathComponent("expectations.json"))

        let result = try runPython(script: "parquet_readers_check.py", arguments: [directory.path])
        if result.status == 2 {
            Issue.record("python3 lacks pyarrow/duckdb/polars (run `make deps`): \(result.output)")
        }
        #expect(result.status == 0, "\(result.output)")
    }

    @Test func multiPageChunksReallyHaveSeveralPages() throws {
        let directory = try makeTemporaryDirectory("pages")
        defer { try? FileManager.default.removeItem(at: directory) }
        let interopCase = Self.manyGroupsCase("pages.parquet", codec: .uncompressed)
        try interopCase.write(in: directory)
        let bytes = try Data(contentsOf: directory.appendingPathComponent("pages.parquet"))
        // Each page header of this file starts with `15 00` (DATA_PAGE) then usize; 3,000 ids × 8 bytes
        // at 512 bytes a page is ≥ 47 pages per id chunk, so far more than one page header per chunk.
        var dataPageHeaders = 0
        for index in 0..<(bytes.count - 6) where bytes[index] == 0x15 && bytes[index + 1] == 0x00 && bytes[index + 2] == 0x15 {
            dataPageHeaders += 1
        }
        #expect(dataPageHeaders > 4 * 3 * 10)
    }
}

struct PythonResult {
    var status: Int32
    var output: String
}

/// Runs `python3 scripts/<script>` from the package root and captures stdout + stderr.
func runPython(script: String, arguments: [String]) throws -> PythonResult {
    let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", packageRoot.appendingPathComponent("scripts/\(script)").path] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return PythonResult(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
}

struct ReaderCheckSelfTests {
    /// The check must fire when a reader disagrees with the expectations (here: one row missing).
    @Test func readerCheckFailsWhenRowsDiffer() throws {
        let directory = try makeTemporaryDirectory("interop-broken")
        defer { try? FileManager.default.removeItem(at: directory) }
        var interopCase = ReaderInteropTests.plainOnlyCase
        try interopCase.write(in: directory)
        interopCase.rows.removeLast()
        let expectations = JSONValue.object(["files": .array([interopCase.expectations])])
        try JSONEncoder().encode(expectations).write(to: directory.appendingPathComponent("expectations.json"))
        let result = try runPython(script: "parquet_readers_check.py", arguments: [directory.path])
        #expect(result.status == 1, "\(result.output)")
        #expect(result.output.contains("20 rows, expected 19"))
    }
}
