import Foundation

@testable import Parquet

/// JSON with exact 64-bit integers (JSONSerialization would route them through Double).
enum JSONValue: Encodable {
    case null, bool(Bool), int(Int64), double(Double), string(String)
    case array([JSONValue]), object([String: JSONValue])

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    init(_ value: ParquetValue) {
        switch value {
        case .null: self = .null
        case .bool(let flag): self = .bool(flag)
        case .int32(let number), .date(let number): self = .int(Int64(number))
        case .int64(let number): self = .int(number)
        case .double(let number): self = .double(number)
        case .string(let text): self = .string(text)
        }
    }
}

/// One file for the reader check: what was fed to the writer and what every reader must report.
struct InteropCase {
    var file: String
    var schema: [ParquetField]
    var rows: [[ParquetValue]]
    var options: ParquetWriterOptions
    /// Whether each string column should carry a dictionary page (nil = not checked).
    var dictionary: [String: Bool] = [:]
    /// DuckDB SQL with `{path}` for the file, and the count it must return.
    var queries: [(sql: String, expect: Int)] = []

    var codecName: String {
        switch options.codec {
        case .uncompressed: return "uncompressed"
        case .gzip: return "gzip"
        case .zstd: return "zstd"
        }
    }

    func write(in directory: URL) throws {
        let writer = try ParquetFileWriter(
            path: directory.appendingPathComponent(file).path, schema: schema, options: options)
        for row in rows { try writer.append(row) }
        try writer.close()
    }

    /// Expectations derived from the input rows with the spec's rules, independently of the writer.
    var expectations: JSONValue {
        let groupSize = max(1, options.rowGroupRows)
        var groups: [JSONValue] = []
        var start = 0
        while start < rows.count {
            let slice = rows[start..<min(rows.count, start + groupSize)]
            var columns: [String: JSONValue] = [:]
            for (index, field) in schema.enumerated() {
                let cells = slice.map { $0[index] }
                var entry: [String: JSONValue] = [
                    "null_count": .int(Int64(cells.filter { $0 == .null }.count))
                ]
                if let (low, high) = Self.bounds(of: cells.filter { $0 != .null }) {
                    entry["min"] = JSONValue(low)
                    entry["max"] = JSONValue(high)
                }
                if let hasDictionary = dictionary[field.name] { entry["dictionary"] = .bool(hasDictionary) }
                columns[field.name] = .object(entry)
            }
            groups.append(.object(["num_rows": .int(Int64(slice.count)), "columns": .object(columns)]))
            start += groupSize
        }
        var keyValues: [String: JSONValue] = [:]
        for pair in options.keyValueMetadata { keyValues[pair.key] = .string(pair.value) }
        return .object([
            "file": .string(file),
            "codec": .string(codecName),
            "created_by": .string(options.createdBy),
            "key_value_metadata": .object(keyValues),
            "schema": .array(
                schema.map {
                    .object(["name": .string($0.name), "type": .string($0.type.displayName), "optional": .bool($0.isOptional)])
                }),
            "rows": .array(rows.map { .array($0.map(JSONValue.init)) }),
            "row_groups": .array(groups),
            "queries": .array(queries.map { .object(["sql": .string($0.sql), "expect": .int(Int64($0.expect))]) }),
        ])
    }

    /// Min and max in Parquet's order: signed numbers, false < true, strings as unsigned bytes;
    /// strings over 256 bytes have no bounds.
    static func bounds(of values: [ParquetValue]) -> (ParquetValue, ParquetValue)? {
        guard var low = values.first else { return nil }
        var high = low
        for value in values {
            if precedes(value, low) { low = value }
            if precedes(high, value) { high = value }
        }
        if case .string(let lowText) = low, case .string(let highText) = high,
            lowText.utf8.count > 256 || highText.utf8.count > 256
        {
            return nil
        }
        return (low, high)
    }

    private static func precedes(_ left: ParquetValue, _ right: ParquetValue) -> Bool {
        switch (left, right) {
        case (.bool(let a), .bool(let b)): return !a && b
        case (.int32(let a), .int32(let b)), (.date(let a), .date(let b)): return a < b
        case (.int64(let a), .int64(let b)): return a < b
        case (.double(let a), .double(let b)): return a < b
        case (.string(let a), .string(let b)): return Array(a.utf8).lexicographicallyPrecedes(Array(b.utf8))
        default: return false
        }
    }
}
