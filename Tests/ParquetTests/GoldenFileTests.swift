import Foundation
import Testing

@testable import Parquet

/// engineering-notes §1.10: a 291-byte file from an independent writer that pyarrow, DuckDB and
/// polars read identically. Copied verbatim from the notes, not from this writer's output.
private let goldenDump = """
    0000: 50 41 52 31 15 00 15 30 15 30 2c 15 06 15 00 15
    0010: 06 15 06 00 00 01 00 00 00 00 00 00 00 02 00 00
    0020: 00 00 00 00 00 03 00 00 00 00 00 00 00 15 04 15
    0030: 1a 15 1a 4c 15 02 15 00 00 00 09 00 00 00 e9 87
    0040: 91 e8 87 ba e5 8d 80 15 00 15 12 15 12 2c 15 06
    0050: 15 10 15 06 15 06 00 00 02 00 00 00 03 05 01 03
    0060: 00 15 02 19 3c 48 06 73 63 68 65 6d 61 15 04 00
    0070: 15 04 25 00 18 02 69 64 00 15 0c 25 02 18 04 6e
    0080: 61 6d 65 25 00 4c 1c 00 00 00 16 06 19 1c 19 2c
    0090: 26 00 1c 15 04 19 15 00 19 18 02 69 64 15 00 16
    00a0: 06 16 52 16 52 26 08 3c 36 00 28 08 03 00 00 00
    00b0: 00 00 00 00 18 08 01 00 00 00 00 00 00 00 00 00
    00c0: 00 26 00 1c 15 0c 19 35 00 06 10 19 18 04 6e 61
    00d0: 6d 65 15 00 16 06 16 68 16 68 26 8e 01 26 5a 1c
    00e0: 36 02 28 09 e9 87 91 e8 87 ba e5 8d 80 18 09 e9
    00f0: 87 91 e8 87 ba e5 8d 80 00 00 00 16 ba 01 16 06
    0100: 00 28 0f 70 72 6f 62 65 20 76 65 72 73 69 6f 6e
    0110: 20 30 19 2c 1c 00 00 1c 00 00 00 ba 00 00 00 50
    0120: 41 52 31
    """

@Test func goldenDumpParsesTo291Bytes() {
    let golden = bytes(fromHexDump: goldenDump)
    #expect(golden.count == 291)
    // "The trailing `ba 00 00 00` is footer length 186."
    #expect(Array(golden[283..<287]) == [0xba, 0x00, 0x00, 0x00])
}

@Test func writerReproducesGoldenFileExactly() throws {
    let directory = try makeTemporaryDirectory("golden")
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("golden.parquet").path
    // Default options on purpose: the automatic dictionary choice (1 distinct of 2 values) must pick
    // a dictionary for `name` and PLAIN for `id`, as the golden file does.
    let options = ParquetWriterOptions(codec: .uncompressed, createdBy: "probe version 0")
    let writer = try ParquetFileWriter(
        path: path, schema: [ParquetField("id", .int64), ParquetField("name", .string, optional: true)],
        options: options)
    try writer.append([.int64(1), .string("金臺區")])
    try writer.append([.int64(2), .null])
    try writer.append([.int64(3), .string("金臺區")])
    try writer.close()

    let written = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    let golden = bytes(fromHexDump: goldenDump)
    if written != golden {
        let firstDifference = zip(written, golden).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        Issue.record("differs at \(firstDifference ?? min(written.count, golden.count)): \(hex(written))")
    }
    #expect(written == golden)
    #expect(writer.bytesWritten == 291)
    #expect(writer.rowGroupCount == 1)
    #expect(writer.rowCount == 3)
}
