import Foundation
import Testing

@testable import Parquet

/// A packed batch is read in place by the writer, so the writer must refuse bytes that are not one of its schema.
struct PackedRowBatchTests {
    static func packed(_ batch: ParquetRowBatch) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try batch.pack(into: &bytes)
        #expect(bytes.count == batch.packedByteCount)
        return bytes
    }

    static func writer(_ directory: URL, schema: [ParquetField] = RowBatchTests.schema) throws -> ParquetFileWriter {
        try ParquetFileWriter(
            path: directory.appendingPathComponent("t-\(UUID().uuidString).parquet").path, schema: schema,
            options: ParquetWriterOptions(codec: .uncompressed, rowGroupRows: 4, createdBy: "t"))
    }

    @Test func everyRegionStartsOnAWord() throws {
        let bytes = try Self.packed(RowBatchTests.batch(rows: 0..<5))
        // 3 header words, then per column 5 words and padded regions: the whole block is whole words.
        #expect(bytes.count % 8 == 0)
    }

    @Test func aPackedBatchWritesTheSameFileAsTheBatch() throws {
        let directory = try makeTemporaryDirectory("packed")
        defer { try? FileManager.default.removeItem(at: directory) }
        let direct = try Self.writer(directory)
        let viaBytes = try Self.writer(directory)
        for rows in [0..<3, 3..<11, 11..<11, 11..<23] {
            try direct.append(RowBatchTests.batch(rows: rows))
            try Self.packed(RowBatchTests.batch(rows: rows)).withUnsafeBytes { try viaBytes.append(packed: $0) }
        }
        try direct.close()
        try viaBytes.close()
        #expect(try Data(contentsOf: URL(fileURLWithPath: direct.path)) == Data(contentsOf: URL(fileURLWithPath: viaBytes.path)))
    }

    @Test func bytesThatAreNotAPackedBatchOfTheSchemaAreRefused() throws {
        let directory = try makeTemporaryDirectory("packed-broken")
        defer { try? FileManager.default.removeItem(at: directory) }
        let good = try Self.packed(RowBatchTests.batch(rows: 0..<9))
        var truncated = good
        truncated.removeLast(8)
        var otherType = good
        // The first column's tag (word 3): a string column said to be an int64 one.
        withUnsafeBytes(of: 3 << 1) { otherType.replaceSubrange(24..<32, with: $0) }
        var moreRows = good
        withUnsafeBytes(of: 10) { moreRows.replaceSubrange(8..<16, with: $0) }
        for broken in [truncated, otherType, moreRows, [UInt8](repeating: 0, count: 40), []] {
            let writer = try Self.writer(directory)
            #expect(throws: ParquetError.self) { try broken.withUnsafeBytes { try writer.append(packed: $0) } }
            #expect(writer.rowCount == 0)
        }
        // A batch of another schema, however well formed.
        let narrow = try Self.writer(directory, schema: [ParquetField("id", .string)])
        #expect(throws: ParquetError.self) { try good.withUnsafeBytes { try narrow.append(packed: $0) } }
    }
}
