import Foundation
import Testing

@testable import Parquet

struct RowBatchTests {
    static let schema = [
        ParquetField("id", .string), ParquetField("year", .int32, optional: true),
        ParquetField("value", .int64, optional: true), ParquetField("share", .double, optional: true),
        ParquetField("flag", .boolean), ParquetField("note", .string, optional: true), ParquetField("day", .date, optional: true),
    ]

    /// Row `i` of the test table; every optional column has nulls.
    static func cells(_ i: Int) -> (String, Int32?, Int64?, Double?, Bool, String?, Int32?) {
        ("r\(i % 7)", i % 3 == 0 ? nil : Int32(2000 + i % 5), i % 4 == 1 ? nil : Int64(i * 11), i % 5 == 2 ? nil : Double(i) / 4,
         i % 2 == 0, i % 3 == 1 ? nil : "注\(i % 4)", i % 6 == 5 ? nil : Int32(19_000 + i))
    }

    /// Rows `rows` of the test table as one batch.
    static func batch(rows: Range<Int>) -> ParquetRowBatch {
        var batch = ParquetRowBatch(schema: schema, rowCapacity: rows.count)
        for i in rows {
            let c = cells(i)
            batch.appendString(c.0)
            batch.appendInt32(c.1)
            batch.appendInt64(c.2)
            batch.appendDouble(c.3)
            batch.appendBool(c.4)
            batch.appendString(c.5)
            batch.appendDate(c.6)
            batch.endRow()
        }
        return batch
    }

    static func write(_ path: String, batches: [Range<Int>]?) throws -> [UInt8] {
        let writer = try ParquetFileWriter(
            path: path, schema: schema, options: ParquetWriterOptions(codec: .uncompressed, rowGroupRows: 4, createdBy: "t"))
        if let batches {
            for range in batches {
                try writer.append(batch(rows: range))
            }
        } else {
            for i in 0..<23 {
                let c = cells(i)
                writer.appendString(c.0)
                writer.appendInt32(c.1)
                writer.appendInt64(c.2)
                writer.appendDouble(c.3)
                writer.appendBool(c.4)
                writer.appendString(c.5)
                writer.appendDate(c.6)
                try writer.endRow()
            }
        }
        try writer.close()
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    @Test func batchesSplitAcrossRowGroupsWriteTheSameFileAsRows() throws {
        let directory = try makeTemporaryDirectory("batch")
        defer { try? FileManager.default.removeItem(at: directory) }
        let rows = try Self.write(directory.appendingPathComponent("rows.parquet").path, batches: nil)
        let batched = try Self.write(
            directory.appendingPathComponent("batches.parquet").path, batches: [0..<1, 1..<10, 10..<10, 10..<13, 13..<23])
        #expect(batched == rows)
    }

    @Test func batchWithARefusedCellIsNotAppended() throws {
        let directory = try makeTemporaryDirectory("batch-refused")
        defer { try? FileManager.default.removeItem(at: directory) }
        let writer = try ParquetFileWriter(
            path: directory.appendingPathComponent("t.parquet").path, schema: [ParquetField("id", .string)],
            options: ParquetWriterOptions(createdBy: "t"))
        var batch = ParquetRowBatch(schema: [ParquetField("id", .string)])
        batch.appendNull()
        batch.endRow()
        #expect(throws: ParquetError.self) { try writer.append(batch) }
        #expect(writer.rowCount == 0)
    }
}
