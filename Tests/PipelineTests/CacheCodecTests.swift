import Foundation
import NianbaoCore
import Validate
import Testing

@testable import Pipeline

@Suite("extraction cache codec")
struct CacheCodecTests {
    static let entry: CachedReport = {
        var metadata = ReportMetadata(title: "2021年江夏区政府信息公开工作年度报告", agency: "江夏区人民政府", reportYear: 2021, template: .hybrid)
        metadata.publishedDate = CivilDate(year: 2022, month: 2, day: 18)
        let header = ReportHeader(
            reportID: "cbaa75f9e60907ca", sourcePath: "a/b.txt", sourceBytes: 12752, encoding: "utf-8", script: .traditional,
            metadata: metadata)
        let cells = [
            ValueCell(rowCode: "new_received", columnCode: "natural_person", value: 156, kind: .number, raw: "156", line: 38),
            ValueCell(rowCode: "total", columnCode: "total", value: 160, kind: .blank, raw: "", line: nil, derived: true),
            ValueCell(rowCode: "fees", columnCode: "amount_10k_yuan", value: 668.57, kind: .number, unit: "万元", raw: "668.57", line: 31),
            ValueCell(rowCode: "regulations", columnCode: "issued", value: nil, kind: .notApplicable, raw: "/", line: 27),
            ValueCell(rowCode: "regulations", columnCode: "repealed", value: nil, kind: .unreadable, raw: "见附件", line: 27),
        ]
        let figures = [
            Figure(metric: "website_visits", value: 1_388_887, unit: "次", qualifier: .moreThan, quote: "总浏览量 1388887余次", line: 17),
            Figure(metric: "processing_fee_yuan", value: 0, unit: "元", qualifier: nil, quote: "共计0元", line: nil),
        ]
        let reject = Reject(
            reportID: "cbaa75f9e60907ca", sourcePath: "a/b.txt", stage: .validate, ruleID: "A1", severity: .error,
            table: .applications, rowCode: "total", columnCode: "natural_person", expected: "157", actual: "156",
            message: "A1 natural_person: …", line: 59)
        return CachedReport(
            report: NormalizedReport(
                header: header, tables: [NormalizedTable(name: .applications, template: .t2019, cells: cells)], figures: figures,
                breakdowns: [FigureBreakdown(total: 0, parts: [1])]),
            rejects: [reject])
    }()

    @Test func roundTripKeepsEveryField() throws {
        let decoded = try #require(CacheCodec.decode(CacheCodec.encode(Self.entry)))
        #expect(decoded.report.header == Self.entry.report.header)
        #expect(decoded.report.tables == Self.entry.report.tables)
        #expect(decoded.report.figures == Self.entry.report.figures)
        #expect(decoded.report.breakdowns == Self.entry.report.breakdowns)
        #expect(decoded.rejects == Self.entry.rejects)
    }

    @Test func truncatedOrForeignBytesAreRefusedNotMisread() {
        let bytes = CacheCodec.encode(Self.entry)
        for cut in [0, 3, 4, 10, bytes.count / 2, bytes.count - 1] {
            #expect(CacheCodec.decode(Array(bytes.prefix(cut))) == nil, "prefix \(cut)")
        }
        #expect(CacheCodec.decode(Array("{\"report\":1}".utf8)) == nil)
        #expect(CacheCodec.decode(bytes + [0]) == nil)
    }
}

@Suite("incremental state codec")
struct RunStateCodecTests {
    @Test func roundTripIsExactAndDeterministic() throws {
        let facts = CrossReportFacts(
            reportID: "cbaa75f9e60907ca", sourcePath: "a.txt", agency: "江夏区人民政府", reportYear: 2021,
            cells: ["applications|carried_forward|total": 0, "active_disclosure|regulations|in_force": 22])
        let state = RunState(
            toolVersion: "0.1.0", outputHash: "f8279af5e13e5c48",
            files: [
                "b/2.txt": FileState(
                    size: 10, mtime: 1_700_000_000_123_456_789,
                    hash: ContentHash(hex: "cbaa75f9e60907ca0123456789abcdef00000000000000000fedcba987654321"), facts: EncodedFacts(facts)),
                "a/1.txt": FileState(size: 0, mtime: 0, hash: nil, facts: nil),
            ])
        let bytes = state.encoded()
        let decoded = try #require(RunState.decode(bytes))
        #expect(decoded.toolVersion == state.toolVersion)
        #expect(decoded.outputHash == state.outputHash)
        #expect(decoded.files == state.files)
        #expect(decoded.encoded() == bytes)
        #expect(RunState.decode(Array(bytes.dropLast())) == nil)
        let roundTripped = try #require(decoded.files["b/2.txt"]?.facts?.decoded(sourcePath: "a.txt"))
        #expect(roundTripped == facts)
    }

    @Test func theLastStateIsReadBesideTheScanInPathOrder() throws {
        let dir = try Harness.tempDir("match").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        func state(_ size: Int) -> FileState { FileState(size: size, mtime: 0, hash: nil, facts: nil) }
        func write(_ bytes: [UInt8]) throws { try Data(bytes).write(to: URL(fileURLWithPath: "\(dir)/state.bin")) }
        // Bytewise order puts "a/z" before "a/江" and "b" after both; "a/gone" is no longer in the archive.
        let listed = [("a/gone", state(1)), ("a/z", state(2)), ("a/江", state(3)), ("b", state(4))]
        let scanned = ["a/new", "a/z", "a/江", "b", "c"]
        let bytes = RunState.encoded(toolVersion: "v", outputHash: "h", files: listed)
        try write(bytes)
        let previous = try #require(PreviousState(stateDir: dir))
        #expect(previous.toolVersion == "v" && previous.outputHash == "h")
        #expect(scanned.map { previous.state(of: $0)?.size } == [nil, 2, 3, 4, nil])
        #expect(previous.finish())
        #expect(previous.removed == 1)

        // Out of order, cut short, or with bytes after the last record, a state is not trusted.
        for damaged in [RunState.encoded(toolVersion: "v", outputHash: "h", files: listed.reversed()), Array(bytes.dropLast()), bytes + [0]] {
            try write(damaged)
            let previous = try #require(PreviousState(stateDir: dir))
            _ = scanned.map { previous.state(of: $0) }
            #expect(!previous.finish())
        }
        // Names are matched by their bytes: a file saved in NFD is not the NFC file of the same spelling.
        try write(RunState.encoded(toolVersion: "v", outputHash: "h", files: [("cafe\u{301}.txt", state(5))]))
        let decomposed = try #require(PreviousState(stateDir: dir))
        #expect(decomposed.state(of: "caf\u{E9}.txt") == nil)
        #expect(decomposed.finish() && decomposed.removed == 1)

        try write(Array("NBS5 truncated".utf8))
        #expect(PreviousState(stateDir: dir) == nil)
        try FileManager.default.removeItem(atPath: "\(dir)/state.bin")
        #expect(PreviousState(stateDir: dir) == nil)
    }

    @Test func aStateOfManyMegabytesIsReadAcrossItsChunks() throws {
        let dir = try Harness.tempDir("chunks").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // ~3 MB of records, so some straddle the reader's 1 MB chunks.
        let paths = (0..<40_000).map { String(format: "机关/%05d/", $0) + String(repeating: "x", count: $0 % 97) + ".txt" }.sorted {
            $0.utf8.lexicographicallyPrecedes($1.utf8)
        }
        let files = paths.enumerated().map { ($0.element, FileState(size: $0.offset, mtime: Int64($0.offset), hash: nil, facts: nil)) }
        let bytes = RunState.encoded(toolVersion: "v", outputHash: "h", files: files)
        #expect(bytes.count > 2 << 20)
        try Data(bytes).write(to: URL(fileURLWithPath: "\(dir)/state.bin"))
        let previous = try #require(PreviousState(stateDir: dir))
        // Every other file is asked for; the rest count as removed.
        for (k, path) in paths.enumerated() where k % 2 == 0 { #expect(previous.state(of: path)?.size == k) }
        #expect(previous.finish())
        #expect(previous.removed == paths.count / 2)
    }

    @Test func contentHashesKeepTheirHexSpelling() throws {
        let hex = "00ff75f9e60907ca0123456789abcdef00000000000000000fedcba987654321"
        #expect(try #require(ContentHash(hex: hex)).hex == hex)
        #expect(ContentHash(hex: String(hex.dropLast())) == nil)
        #expect(ContentHash(hex: String(hex.dropLast()) + "g") == nil)
    }

    @Test func numberingFindsEachStringAtItsFirstPositionAndNothingElse() {
        let numbering = Numbering(["b", "a", "b", "", "江夏", "new_received", "new_receivee"])
        #expect(numbering.all == ["b", "a", "", "江夏", "new_received", "new_receivee"])
        for (position, string) in numbering.all.enumerated() { #expect(numbering.position(of: string) == position) }
        for missing in ["c", "new_receive", "new_received ", "江", "B"] { #expect(numbering.position(of: missing) == nil) }
        // Every catalogue code, in a table filled to a quarter, probes past its collisions.
        for (position, code) in knownCodes.all.enumerated() { #expect(knownCodes.position(of: code) == position) }
    }
}
