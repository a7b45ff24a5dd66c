import CZlib
import Foundation
import Testing

@testable import CSV

private func temporaryPath(_ name: String) throws -> (directory: URL, path: String) {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("csv-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return (directory, directory.appendingPathComponent(name).path)
}

/// Writes `rows` and returns the file's text (BOM kept, so tests can see it).
private func writeCSV(
    header: [String], kinds: [CSVColumnKind], rows: [[String?]], options: CSVOptions = CSVOptions()
) throws -> (text: String, bytes: [UInt8], escaped: Int) {
    let (directory, path) = try temporaryPath("t.csv")
    defer { try? FileManager.default.removeItem(at: directory) }
    let writer = try CSVTableWriter(path: path, header: header, kinds: kinds, options: options)
    for row in rows { try writer.append(row) }
    try writer.close()
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    return (String(decoding: bytes, as: UTF8.self), bytes, writer.escapedCellCount)
}

struct CSVFormatTests {
    @Test func startsWithBOMAndEndsRecordsWithCRLF() throws {
        let result = try writeCSV(header: ["地区", "数量"], kinds: [.text, .number], rows: [["金臺區", "5"]])
        #expect(Array(result.bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(result.text == "\u{FEFF}地区,数量\r\n金臺區,5\r\n")
    }

    @Test func byteOrderMarkCanBeLeftOut() throws {
        let result = try writeCSV(
            header: ["a"], kinds: [.text], rows: [["x"]], options: CSVOptions(byteOrderMark: false))
        #expect(result.text == "a\r\nx\r\n")
    }

    @Test func quotesOnlyWhatRFC4180Needs() throws {
        let result = try writeCSV(
            header: ["v"], kinds: [.text],
            rows: [
                ["北京,东城"], ["遂宁\"经开区\""], ["第一行\n第二行"], ["回车\r"], [" 前空格"], ["尾空格 "], ["普通"], [""], [nil],
            ])
        let expected =
            "\u{FEFF}v\r\n"
            + "\"北京,东城\"\r\n"
            + "\"遂宁\"\"经开区\"\"\"\r\n"  // inner quotes doubled
            + "\"第一行\n第二行\"\r\n"
            + "\"回车\r\"\r\n"
            + "\" 前空格\"\r\n"
            + "\"尾空格 \"\r\n"
            + "普通\r\n"
            + "\"\"\r\n"  // empty string stays distinct from nil
            + "\r\n"  // nil is an empty cell
        #expect(result.text == expected)
    }

    /// The eight-bytes-at-a-time search for bytes that need quotes: each of them, and bytes just beside them in value
    /// (`+` `-` `!` tab, space inside, high bytes), at every position of fields from 1 to 40 bytes.
    @Test func quotesAreNeededWhereverTheByteStands() throws {
        let needing: [UInt8] = [0x2C, 0x22, 0x0D, 0x0A]
        let harmless: [UInt8] = [0x2B, 0x2D, 0x21, 0x09, 0x20, 0x2E, 0x2F, 0x30, 0x5F, 0x80, 0xAC, 0xE4]
        for length in 1...40 {
            for position in 0..<length {
                for byte in needing + harmless {
                    var field = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                    field[position] = byte
                    var records = CSVRecords(kinds: [.text], guardsFormulas: false)
                    field.withUnsafeBufferPointer { records.appendText(utf8: $0) }
                    try records.endRecord()
                    let written = records.withFinishedBytes { Array($0) }
                    let edgeSpace = (position == 0 || position == length - 1) && (byte == 0x20 || byte == 0x09)
                    let quoted = needing.contains(byte) || edgeSpace
                    var expected = quoted ? [UInt8(ascii: "\"")] : []
                    for b in field { expected += b == 0x22 ? [0x22, 0x22] : [b] }
                    if quoted { expected.append(UInt8(ascii: "\"")) }
                    #expect(written == expected + [0x0D, 0x0A], "byte \(byte) at \(position) of \(length)")
                }
            }
        }
    }

    @Test func booleansAreWrittenAsTheirWords() throws {
        for guarding in [false, true] {
            for kinds: [CSVColumnKind] in [[.boolean, .boolean], [.text, .text]] {
                var direct = CSVRecords(kinds: kinds, guardsFormulas: guarding)
                var asText = CSVRecords(kinds: kinds, guardsFormulas: guarding)
                for (first, second) in [(true, false), (false, true)] {
                    direct.appendBoolean(first)
                    direct.appendBoolean(second)
                    try direct.endRecord()
                    asText.appendText(first ? "true" : "false")
                    asText.appendText(second ? "true" : "false")
                    try asText.endRecord()
                }
                let written = direct.withFinishedBytes { Array($0) }
                #expect(written == asText.withFinishedBytes { Array($0) })
                #expect(String(decoding: written, as: UTF8.self) == "true,false\r\nfalse,true\r\n")
            }
        }
    }

    @Test func wrongRowWidthThrows() throws {
        let (directory, path) = try temporaryPath("t.csv")
        defer { try? FileManager.default.removeItem(at: directory) }
        let writer = try CSVTableWriter(path: path, header: ["a", "b"], kinds: [.text, .text], options: CSVOptions())
        #expect(throws: CSVError.rowWidth(expected: 2, found: 1)) { try writer.append(["x"]) }
        try writer.close()
        #expect(throws: (any Error).self) {
            try CSVTableWriter(path: path, header: ["a", "b"], kinds: [.text], options: CSVOptions())
        }
    }

    @Test func unwritablePathThrowsIOError() {
        let path = "/nonexistent-\(UUID().uuidString)/t.csv"
        #expect {
            try CSVTableWriter(path: path, header: ["a"], kinds: [.text], options: CSVOptions())
        } throws: { error in
            guard case .io(let failedPath, _) = error as? CSVError else { return false }
            return failedPath == path
        }
    }
}

struct FormulaGuardTests {
    @Test func textCellsStartingAFormulaGetAQuotePrefix() throws {
        let result = try writeCSV(
            header: ["text"], kinds: [.text],
            rows: [["=SUM(A1:A2)"], ["+86-10-1234"], ["-5"], ["@cmd"], ["\tx"], ["\rx"], ["安全"], ["a=b"]])
        let expected =
            "\u{FEFF}text\r\n" + "'=SUM(A1:A2)\r\n" + "'+86-10-1234\r\n" + "'-5\r\n" + "'@cmd\r\n" + "'\tx\r\n"
            + "\"'\rx\"\r\n"  // CR still forces quoting after the prefix
            + "安全\r\n" + "a=b\r\n"
        #expect(result.text == expected)
        #expect(result.escaped == 6)
    }

    @Test func numberBooleanAndDateColumnsAreNeverTouched() throws {
        let result = try writeCSV(
            header: ["n", "b", "d"], kinds: [.number, .boolean, .date], rows: [["-5", "true", "2021-03-04"]])
        #expect(result.text == "\u{FEFF}n,b,d\r\n-5,true,2021-03-04\r\n")
        #expect(result.escaped == 0)
    }

    @Test func rawProfileWritesTextVerbatim() throws {
        let result = try writeCSV(
            header: ["text"], kinds: [.text], rows: [["=SUM(A1)"], ["-5"]], options: CSVOptions(profile: .raw))
        #expect(result.text == "\u{FEFF}text\r\n=SUM(A1)\r\n-5\r\n")
        #expect(result.escaped == 0)
    }
}

struct CSVGzipTests {
    /// Inflates a gzip stream with zlib (windowBits 15+16 accepts only gzip framing).
    private func gunzip(_ input: [UInt8]) -> [UInt8]? {
        var stream = z_stream()
        guard inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var input = input
        return input.withUnsafeMutableBufferPointer { source -> [UInt8]? in
            stream.next_in = source.baseAddress
            stream.avail_in = UInt32(source.count)
            while true {
                let (result, produced) = chunk.withUnsafeMutableBufferPointer { target in
                    stream.next_out = target.baseAddress
                    stream.avail_out = UInt32(target.count)
                    let result = inflate(&stream, Z_NO_FLUSH)
                    return (result, target.count - Int(stream.avail_out))
                }
                output.append(contentsOf: chunk[0..<produced])
                if result == Z_STREAM_END { return output }
                if result != Z_OK { return nil }
            }
        }
    }

    @Test func gzipRoundTripsManyRows() throws {
        let rows: [[String?]] = (0..<20_000).map { ["第\($0)行，\"引号\"", $0 % 3 == 0 ? nil : String($0 - 100)] }
        let plain = try writeCSV(header: ["text", "n"], kinds: [.text, .number], rows: rows)
        let zipped = try writeCSV(header: ["text", "n"], kinds: [.text, .number], rows: rows, options: CSVOptions(gzip: true))
        #expect(Array(zipped.bytes.prefix(3)) == [0x1f, 0x8b, 0x08])
        #expect(zipped.bytes.count < plain.bytes.count / 3)
        #expect(gunzip(zipped.bytes) == plain.bytes)
    }

    /// Blocks larger than the file's 68 KB buffer are written through after what is buffered, not buffered whole.
    @Test(arguments: [false, true]) func blocksLargerThanTheBufferKeepTheirOrder(gzip: Bool) throws {
        let kinds: [CSVColumnKind] = [.text, .number]
        let options = CSVOptions(byteOrderMark: false, gzip: gzip)
        // Blocks below and above the buffer's size, in turn (a row is ~17 bytes).
        let blockSizes = [3, 4_000, 7, 1_500, 9_000, 1]
        var expected = "text,n\r\n"
        var next = 0
        let (directory, path) = try temporaryPath(gzip ? "t.csv.gz" : "t.csv")
        defer { try? FileManager.default.removeItem(at: directory) }
        let writer = try CSVTableWriter(path: path, header: ["text", "n"], kinds: kinds, options: options)
        for size in blockSizes {
            var records = CSVRecords(kinds: kinds, options: options)
            for _ in 0..<size {
                records.appendText("第\(next)行")
                records.appendInteger(Int64(next))
                try records.endRecord()
                expected += "第\(next)行,\(next)\r\n"
                next += 1
            }
            try writer.append(records)
        }
        try writer.close()
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect((gzip ? gunzip(bytes) : bytes) == Array(expected.utf8))
        #expect(writer.rowCount == next)
    }
}

struct CSVFieldByFieldTests {
    @Test func integersAreWrittenAsStringSpellsThem() throws {
        let (directory, path) = try temporaryPath("t.csv")
        defer { try? FileManager.default.removeItem(at: directory) }
        let writer = try CSVTableWriter(
            path: path, header: ["n", "t", "d"], kinds: [.number, .text, .date], options: CSVOptions(byteOrderMark: false))
        for value: Int64 in [0, -5, .max, .min] {
            writer.appendInteger(value)
            writer.appendInteger(value)
            writer.appendText("-01")
            try writer.endRecord()
        }
        writer.appendNull()
        #expect(throws: CSVError.rowWidth(expected: 3, found: 1)) { try writer.endRecord() }
        try writer.close()
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        // A negative number in a text column gets the formula guard, as text would; other kinds never do.
        #expect(text == "n,t,d\r\n0,0,-01\r\n-5,'-5,-01\r\n"
            + "9223372036854775807,9223372036854775807,-01\r\n-9223372036854775808,'-9223372036854775808,-01\r\n")
        #expect(writer.escapedCellCount == 2 && writer.rowCount == 4)
    }
}

struct CSVRecordsTests {
    @Test func recordsAppendedInOneCopyMatchFieldByField() throws {
        let kinds: [CSVColumnKind] = [.text, .number, .text]
        let rows: [(String?, Int64, String?)] = [("=1+1", -5, "a,b"), (nil, 12, " x"), ("普通", 0, nil)]
        var outputs: [String] = []
        var escapes: [Int] = []
        for batched in [false, true] {
            let (directory, path) = try temporaryPath("t.csv")
            defer { try? FileManager.default.removeItem(at: directory) }
            let writer = try CSVTableWriter(path: path, header: ["a", "b", "c"], kinds: kinds, options: CSVOptions())
            var records = CSVRecords(kinds: kinds, options: CSVOptions())
            for row in rows {
                if batched {
                    records.appendText(row.0)
                    records.appendInteger(row.1)
                    records.appendText(row.2)
                    try records.endRecord()
                } else {
                    writer.appendText(row.0)
                    writer.appendInteger(row.1)
                    writer.appendText(row.2)
                    try writer.endRecord()
                }
            }
            // A record left unfinished is not appended.
            records.appendText("half")
            if batched { try writer.append(records) }
            try writer.close()
            outputs.append(try String(contentsOfFile: path, encoding: .utf8))
            escapes.append(writer.escapedCellCount)
            #expect(writer.rowCount == rows.count)
        }
        #expect(outputs[0] == outputs[1])
        #expect(escapes == [1, 1])
    }
}

struct PackedRecordsTests {
    static func records(_ kinds: [CSVColumnKind]) throws -> CSVRecords {
        var records = CSVRecords(kinds: kinds, options: CSVOptions())
        for row in [("=1+1", Int64(-5)), ("a,b", 12)] {
            records.appendText(row.0)
            records.appendInteger(row.1)
            for _ in 2..<kinds.count { records.appendNull() }
            try records.endRecord()
        }
        return records
    }

    @Test func packedRecordsWriteWhatTheRecordsWrite() throws {
        let kinds: [CSVColumnKind] = [.text, .number]
        var texts: [String] = []
        for packed in [false, true] {
            let (directory, path) = try temporaryPath("t.csv")
            defer { try? FileManager.default.removeItem(at: directory) }
            let writer = try CSVTableWriter(path: path, header: ["a", "b"], kinds: kinds, options: CSVOptions())
            let records = try Self.records(kinds)
            if packed {
                var bytes: [UInt8] = []
                records.pack(into: &bytes)
                #expect(bytes.count == records.packedByteCount && bytes.count % 8 == 0)
                try bytes.withUnsafeBytes { try writer.append(packed: $0) }
            } else {
                try writer.append(records)
            }
            try writer.close()
            #expect(writer.rowCount == 2 && writer.escapedCellCount == 1)
            texts.append(try String(contentsOfFile: path, encoding: .utf8))
        }
        #expect(texts[0] == texts[1])
    }

    @Test func bytesThatAreNotPackedRecordsOfTheColumnsAreRefused() throws {
        let (directory, path) = try temporaryPath("t.csv")
        defer { try? FileManager.default.removeItem(at: directory) }
        let writer = try CSVTableWriter(path: path, header: ["a", "b"], kinds: [.text, .number], options: CSVOptions())
        var good: [UInt8] = []
        try Self.records([.text, .number]).pack(into: &good)
        var truncated = good
        truncated.removeLast(8)
        var longer = good
        withUnsafeBytes(of: 4096) { longer.replaceSubrange(32..<40, with: $0) }
        var threeColumns: [UInt8] = []
        try Self.records([.text, .number, .text]).pack(into: &threeColumns)
        for broken in [truncated, longer, threeColumns, []] {
            #expect(throws: CSVError.self) { try broken.withUnsafeBytes { try writer.append(packed: $0) } }
        }
        #expect(writer.rowCount == 0)
    }
}
