import Foundation
import Parquet

// Writes the same deterministic applications-shaped table as scripts/bench_writer.py with each codec
// and prints rows/s and bytes. Usage: parquet-bench [output-dir] [rows]
// Lines starting with RESULT are parsed by bench_writer.py; keep their format.

let arguments = CommandLine.arguments
let outputDirectory = arguments.count > 1 ? arguments[1] : NSTemporaryDirectory() + "parquet-bench"
let rowCount = arguments.count > 2 ? Int(arguments[2]) ?? 1_000_000 : 1_000_000
try FileManager.default.createDirectory(atPath: outputDirectory, withIntermediateDirectories: true)

/// One report contributes 26 row codes × 7 column codes.
let cellsPerReport = 26 * 7

/// Column arrays built before timing, as pyarrow gets a ready table.
struct BenchTable {
    var reportIDs: [String] = []
    var reportYears: [Int32?] = []
    var agencies: [String?] = []
    var rowCodes: [String] = []
    var columnCodes: [String] = []
    var values: [Int64?] = []
    var valueRaws: [String] = []
    var derived: [Bool] = []
    var lines: [Int32?] = []
}

/// Must stay identical to `make_rows` in scripts/bench_writer.py.
func makeTable(rows: Int) -> BenchTable {
    let agencyNames = (0..<200).map { "第\($0)区人民政府办公室" }
    let rowCodeNames = (0..<26).map { "row_" + ($0 < 10 ? "0" : "") + String($0) }
    let columnCodeNames = (0..<7).map { "col_\($0)" }
    var table = BenchTable()
    var state: UInt64 = 42
    var reportID = ""
    for index in 0..<rows {
        let report = index / cellsPerReport
        let cell = index % cellsPerReport
        if cell == 0 || reportID.isEmpty {
            let hex = String(UInt64(report) &* 0x9E37_79B9_7F4A_7C15, radix: 16)
            reportID = String(repeating: "0", count: 16 - hex.count) + hex
        }
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        let random = state >> 33
        let value: Int64? = random % 20 == 0 ? nil : Int64(random % 1000)
        table.reportIDs.append(reportID)
        table.reportYears.append(report % 50 == 0 ? nil : Int32(2015 + report % 10))
        table.agencies.append(report % 97 == 0 ? nil : agencyNames[report % 200])
        table.rowCodes.append(rowCodeNames[cell / 7])
        table.columnCodes.append(columnCodeNames[cell % 7])
        table.values.append(value)
        table.valueRaws.append(value.map { String($0) } ?? "—")
        table.derived.append(cell / 7 >= 20)
        table.lines.append(cell % 13 == 0 ? nil : Int32(10 + cell))
    }
    return table
}

let schema = [
    ParquetField("report_id", .string),
    ParquetField("report_year", .int32, optional: true),
    ParquetField("agency", .string, optional: true),
    ParquetField("row_code", .string),
    ParquetField("column_code", .string),
    ParquetField("value", .int64, optional: true),
    ParquetField("value_raw", .string),
    ParquetField("derived", .boolean),
    ParquetField("line", .int32, optional: true),
]

func write(_ table: BenchTable, codec: ParquetCodec, to path: String) throws -> Int64 {
    let writer = try ParquetFileWriter(
        path: path, schema: schema, options: ParquetWriterOptions(codec: codec, createdBy: "parquet-bench version 0"))
    for index in 0..<table.reportIDs.count {
        writer.appendString(table.reportIDs[index])
        writer.appendInt32(table.reportYears[index])
        writer.appendString(table.agencies[index])
        writer.appendString(table.rowCodes[index])
        writer.appendString(table.columnCodes[index])
        writer.appendInt64(table.values[index])
        writer.appendString(table.valueRaws[index])
        writer.appendBool(table.derived[index])
        writer.appendInt32(table.lines[index])
        try writer.endRow()
    }
    try writer.close()
    return writer.bytesWritten
}

let table = makeTable(rows: rowCount)
let codecs: [(name: String, codec: ParquetCodec)] = [
    ("uncompressed", .uncompressed), ("gzip-6", .gzip(level: 6)), ("gzip-1", .gzip(level: 1)), ("zstd-3", .zstd(level: 3)),
]
let clock = ContinuousClock()
for (name, codec) in codecs {
    let path = "\(outputDirectory)/swift-\(name).parquet"
    var best = Duration.seconds(1_000_000)
    var bytes: Int64 = 0
    for _ in 0..<3 {
        let elapsed = try clock.measure { bytes = try write(table, codec: codec, to: path) }
        best = min(best, elapsed)
    }
    let seconds = Double(best.components.seconds) + Double(best.components.attoseconds) / 1e18
    let rate = Double(rowCount) / seconds
    print("RESULT codec=\(name) rows=\(rowCount) seconds=\(String(format: "%.4f", seconds)) bytes=\(bytes) path=\(path)")
    print("  swift \(name): \(Int(rate)) rows/s, \(bytes) bytes")
}
