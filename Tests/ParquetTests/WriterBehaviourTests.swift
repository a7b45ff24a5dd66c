import Foundation
import Testing

@testable import Parquet

struct SchemaCheckTests {
    private func makeWriter(_ directory: URL) throws -> ParquetFileWriter {
        try ParquetFileWriter(
            path: directory.appendingPathComponent("t.parquet").path,
            schema: [ParquetField("id", .int64), ParquetField("name", .string, optional: true)],
            options: ParquetWriterOptions(codec: .uncompressed, createdBy: "test"))
    }

    @Test func wrongTypeThrowsNamingTheColumn() throws {
        let directory = try makeTemporaryDirectory("mismatch")
        defer { try? FileManager.default.removeItem(at: directory) }
        let writer = try makeWriter(directory)
        #expect(throws: ParquetError.schemaMismatch(column: "id", reason: "expected int64, got string")) {
            try writer.append([.string("1"), .null])
        }
        #expect(throws: ParquetError.schemaMismatch(column: "id", reason: "null in a required column")) {
            try writer.append([.null, .null])
        }
        #expect(throws: (any Error).self) { try writer.append([.int64(1)]) }
        // Accepted rows: a required value with an optional null, and a full row.
        try writer.append([.int64(1), .null])
        try writer.append([.int64(2), .string("x")])
        #expect(writer.rowCount == 2)
        try writer.close()
    }

    @Test func rejectedRowLeavesNoPartialCells() throws {
        let directory = try makeTemporaryDirectory("atomic-row")
        defer { try? FileManager.default.removeItem(at: directory) }
        let writer = try ParquetFileWriter(
            path: directory.appendingPathComponent("t.parquet").path,
            schema: [ParquetField("name", .string), ParquetField("id", .int64)],
            options: ParquetWriterOptions(codec: .uncompressed, createdBy: "test"))
        // The first cell is fine, the second is not: the first must not be kept.
        #expect(throws: (any Error).self) { try writer.append([.string("a"), .int32(1)]) }
        try writer.append([.string("b"), .int64(2)])
        try writer.close()
        #expect(writer.rowCount == 1)
    }

    @Test func badSchemasAreRefused() throws {
        let directory = try makeTemporaryDirectory("schema")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("t.parquet").path
        let options = ParquetWriterOptions(codec: .uncompressed, createdBy: "test")
        #expect(throws: (any Error).self) { try ParquetFileWriter(path: path, schema: [], options: options) }
        #expect(throws: ParquetError.schemaMismatch(column: "a", reason: "duplicate column name")) {
            try ParquetFileWriter(path: path, schema: [ParquetField("a", .int32), ParquetField("a", .int64)], options: options)
        }
        var badLevel = options
        badLevel.codec = .zstd(level: 99)
        #expect(throws: ParquetError.invalidLevel(codec: "zstd", level: 99)) {
            try ParquetFileWriter(path: path, schema: [ParquetField("a", .int32)], options: badLevel)
        }
    }

    @Test func unwritablePathThrowsIOErrorNamingIt() {
        let path = "/nonexistent-dir-\(UUID().uuidString)/t.parquet"
        #expect {
            try ParquetFileWriter(
                path: path, schema: [ParquetField("a", .int32)], options: ParquetWriterOptions(createdBy: "test"))
        } throws: { error in
            guard case .io(let failedPath, _) = error as? ParquetError else { return false }
            return failedPath == path
        }
    }

    @Test func rowGroupsSplitAtRowGroupRows() throws {
        let directory = try makeTemporaryDirectory("groups")
        defer { try? FileManager.default.removeItem(at: directory) }
        let writer = try ParquetFileWriter(
            path: directory.appendingPathComponent("t.parquet").path, schema: [ParquetField("a", .int32)],
            options: ParquetWriterOptions(codec: .uncompressed, rowGroupRows: 4, createdBy: "test"))
        for value in 0..<10 { try writer.append([.int32(Int32(value))]) }
        try writer.close()
        #expect(writer.rowGroupCount == 3)  // 4 + 4 + 2
        let size = try FileManager.default.attributesOfItem(atPath: writer.path)[.size] as? Int
        #expect(size.map(Int64.init) == writer.bytesWritten)
    }

    @Test func rowGroupsAlsoEndAtRowGroupBytes() throws {
        let directory = try makeTemporaryDirectory("group-bytes")
        defer { try? FileManager.default.removeItem(at: directory) }
        var options = ParquetWriterOptions(codec: .uncompressed, rowGroupRows: 1_000, createdBy: "test")
        // Each row holds 100 bytes of text plus an 8-byte offset: the byte bound, not the row bound, ends groups.
        options.rowGroupBytes = 1_000
        let writer = try ParquetFileWriter(
            path: directory.appendingPathComponent("t.parquet").path, schema: [ParquetField("s", .string)], options: options)
        for value in 0..<30 { try writer.append([.string(String(repeating: "x", count: 99) + String(value % 10))]) }
        try writer.close()
        #expect(writer.rowGroupCount == 3)  // 108 bytes a row reach 1,000 at the tenth row: 10 + 10 + 10
        #expect(writer.rowCount == 30)
    }

    @Test func appendAfterCloseThrows() throws {
        let directory = try makeTemporaryDirectory("closed")
        defer { try? FileManager.default.removeItem(at: directory) }
        let writer = try ParquetFileWriter(
            path: directory.appendingPathComponent("t.parquet").path, schema: [ParquetField("a", .int32)],
            options: ParquetWriterOptions(createdBy: "test"))
        try writer.close()
        #expect(throws: (any Error).self) { try writer.append([.int32(1)]) }
    }
}

struct StatisticsTests {
    private func column(
        _ type: ParquetType, _ values: [ParquetValue], dictionary: ParquetDictionaryPolicy = .automatic
    ) -> ColumnBuffer {
        var buffer = ColumnBuffer(field: ParquetField("c", type, optional: true), dictionary: dictionary)
        for value in values { buffer.append(value) }
        if dictionary == .always { _ = buffer.buildStringDictionary(maxEntries: .max, maxBytes: .max) }
        return buffer
    }

    private func doubleBytes(_ value: Double) -> [UInt8] {
        withUnsafeBytes(of: value.bitPattern.littleEndian) { Array($0) }
    }

    @Test func nullCountIsAlwaysWritten() {
        let statistics = ColumnStatistics.make(for: column(.int64, [.null, .null]))
        #expect(statistics.nullCount == 2)
        #expect(statistics.minValue == nil && statistics.maxValue == nil)
    }

    @Test func integersAreLittleEndian() {
        let statistics = ColumnStatistics.make(for: column(.int32, [.int32(5), .null, .int32(-2)]))
        #expect(statistics.minValue == [0xfe, 0xff, 0xff, 0xff])
        #expect(statistics.maxValue == [5, 0, 0, 0])
    }

    @Test func doublesSkipNaN() {
        let withNaN = ColumnStatistics.make(for: column(.double, [.double(.nan), .double(2.5), .double(-1)]))
        #expect(withNaN.minValue == doubleBytes(-1))
        #expect(withNaN.maxValue == doubleBytes(2.5))
        let onlyNaN = ColumnStatistics.make(for: column(.double, [.double(.nan)]))
        #expect(onlyNaN.minValue == nil)
    }

    @Test func zeroBoundsAreSignedAsTheSpecAsks() {
        let statistics = ColumnStatistics.make(for: column(.double, [.double(0), .double(1)]))
        #expect(statistics.minValue == doubleBytes(-0.0))
    }

    @Test func stringsCompareAsUnsignedBytes() {
        // Bytewise: "Z" (5a) < "a" (61) < "é" (c3 a9) < "金" (e9 87 91). Swift's String order agrees here,
        // but "é" vs "e\u{301}" would not: bytes 65 cc 81 sort before c3 a9.
        let statistics = ColumnStatistics.make(
            for: column(.string, [.string("金"), .string("a"), .string("é"), .string("Z"), .string("e\u{301}")]))
        #expect(statistics.minValue == Array("Z".utf8))
        #expect(statistics.maxValue == Array("金".utf8))
    }

    @Test func plainStringsGiveTheSameBoundsAsDictionaryEntries() {
        let values: [ParquetValue] = [.string("金"), .string("a"), .null, .string("é"), .string("Z"), .string("a")]
        let plain = column(.string, values, dictionary: .never)
        let dictionary = column(.string, values, dictionary: .always)
        #expect(!plain.usesDictionary && dictionary.usesDictionary)
        for statistics in [ColumnStatistics.make(for: plain), ColumnStatistics.make(for: dictionary)] {
            #expect(statistics.minValue == Array("Z".utf8))
            #expect(statistics.maxValue == Array("金".utf8))
            #expect(statistics.nullCount == 1)
        }
    }

    @Test func longStringBoundsAreLeftOut() {
        let long = String(repeating: "报", count: 100)  // 300 bytes > 256
        let fires = ColumnStatistics.make(for: column(.string, [.string("a"), .string(long)]))
        #expect(fires.maxValue == nil && fires.minValue == nil && fires.nullCount == 0)
        let silent = ColumnStatistics.make(
            for: column(.string, [.string("a"), .string(String(repeating: "报", count: 85))]))
        #expect(silent.maxValue?.count == 255)
    }

    @Test func booleansBoundByPresence() {
        let statistics = ColumnStatistics.make(for: column(.boolean, [.bool(true), .bool(true)]))
        #expect(statistics.minValue == [1] && statistics.maxValue == [1])
    }
}

struct DeterminismTests {
    private func write(_ rows: [[ParquetValue]], to path: String, codec: ParquetCodec) throws -> [UInt8] {
        let writer = try ParquetFileWriter(
            path: path,
            schema: [ParquetField("code", .string), ParquetField("year", .int32, optional: true), ParquetField("n", .int64)],
            options: ParquetWriterOptions(codec: codec, rowGroupRows: 1_000, createdBy: "test"))
        for row in rows { try writer.append(row) }
        try writer.close()
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// Reused compression contexts and hash tables must not leak state from one file or page into the next.
    @Test func sameRowsGiveSameBytes() throws {
        let directory = try makeTemporaryDirectory("determinism")
        defer { try? FileManager.default.removeItem(at: directory) }
        let rows = (0..<2_500).map { (index: Int) -> [ParquetValue] in
            let year: ParquetValue = index % 9 == 0 ? .null : .int32(Int32(2015 + index % 10))
            return [.string("代码\(index % 37)"), year, .int64(Int64(index))]
        }
        for codec in [ParquetCodec.uncompressed, .gzip(level: 6), .zstd(level: 3)] {
            let first = try write(rows, to: directory.appendingPathComponent("a.parquet").path, codec: codec)
            let second = try write(rows, to: directory.appendingPathComponent("b.parquet").path, codec: codec)
            #expect(first == second, "\(codec)")
            var changed = rows
            changed[2_000][2] = .int64(-1)
            let third = try write(changed, to: directory.appendingPathComponent("c.parquet").path, codec: codec)
            #expect(first != third, "\(codec)")
        }
    }
}

struct SharedBufferTests {
    /// Two tables written turn about, row group by row group, as the loader writes its tables.
    private func writeTwoTables(in directory: URL, sharing: Bool) throws -> [[UInt8]] {
        let options = ParquetWriterOptions(codec: .zstd(level: 3), pageBytes: 4096, createdBy: "test")
        let first = try ParquetFileWriter(
            path: directory.appendingPathComponent("a.parquet").path,
            schema: [ParquetField("id", .int64), ParquetField("name", .string, optional: true)], options: options)
        let second = try ParquetFileWriter(
            path: directory.appendingPathComponent("b.parquet").path,
            schema: [ParquetField("text", .string), ParquetField("x", .double)], options: options,
            sharingBuffersWith: sharing ? first : nil)
        for group in 0..<3 {
            for i in 0..<2000 {
                try first.append([.int64(Int64(group * 2000 + i)), i % 7 == 0 ? .null : .string("名称 \(i % 300)")])
                try second.append([.string(String(repeating: "年报", count: i % 40) + "\(i)"), .double(Double(i) / 8)])
            }
            try second.endRowGroup()
            try first.endRowGroup()
        }
        try first.close()
        try second.close()
        return try ["a.parquet", "b.parquet"].map { try [UInt8](Data(contentsOf: directory.appendingPathComponent($0))) }
    }

    @Test func writersSharingBuffersWriteTheSameFilesAsWritersWithTheirOwn() throws {
        let directory = try makeTemporaryDirectory("shared")
        defer { try? FileManager.default.removeItem(at: directory) }
        let own = try writeTwoTables(in: directory, sharing: false)
        let shared = try writeTwoTables(in: directory, sharing: true)
        #expect(own[0].count > 10_000 && own[1].count > 10_000)
        #expect(shared == own)
    }
}
