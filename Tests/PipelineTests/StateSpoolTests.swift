import Foundation
import NianbaoCore
import Validate
import Testing

@testable import Pipeline

@Suite("state spool between extraction and loading")
struct StateSpoolTests {
    /// 40 scanned files: every seventh has no state, agencies alternate, years cycle 2019…2021, and each has its own
    /// cache entry in pack 1.
    static let entries = (0..<40).map { ArchiveEntry(relativePath: String(format: "a/%02d.txt", $0), size: $0, mtime: Int64($0)) }
    static let states: [FileState?] = (0..<40).map { i in
        guard i % 7 != 3 else { return nil }
        let facts = CrossReportFacts(
            reportID: "r\(i)", sourcePath: "", agency: i % 2 == 0 ? "甲局" : "乙局", reportYear: 2019 + i % 3,
            cells: ["applications|carried_forward|total": Double(i)])
        return FileState(
            size: i, mtime: Int64(i), hash: ContentHash(digest: SHA256.digest(Array("file \(i)".utf8))),
            cache: CacheRef(pack: 1, offset: 100 * i, length: 100), facts: i % 5 == 0 ? nil : EncodedFacts(facts))
    }
    static var kept: [(String, FileState)] { zip(entries, states).compactMap { entry, state in state.map { (entry.relativePath, $0) } } }

    static func withStateDir(_ body: (String) throws -> Void) throws {
        let dir = try Harness.tempDir("spool").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try body(dir)
    }

    static func spool(in dir: String) throws -> StateSpool {
        try StateSpool(stateDir: dir, toolVersion: "v", outputHash: "h", entries: entries, states: states)
    }

    @Test func runsGiveBackEveryFileWithAStateInPathOrder() throws {
        try Self.withStateDir { dir in
            let spool = try Self.spool(in: dir)
            #expect(spool.count == Self.kept.count)
            #expect(spool.runs.count == (Self.kept.count + StateSpool.runLength - 1) / StateSpool.runLength)
            let read = try spool.runs.indices.flatMap { try spool.records(ofRun: $0) }
            #expect(read.map(\.record) == Array(0..<Self.kept.count))
            #expect(read.map(\.path) == Self.kept.map(\.0))
            #expect(read.map(\.state) == Self.kept.map(\.1))
            #expect(spool.packs == [1])
            #expect(spool.liveBytes == 100 * Self.kept.count)
        }
    }

    @Test func anAgencysFactsOfAYearAreFoundAndNoOthers() throws {
        try Self.withStateDir { dir in
            let spool = try Self.spool(in: dir)
            let expected = Self.kept.filter { $0.1.facts?.agency == "乙局" && $0.1.facts?.reportYear == 2020 }.map(\.0)
            #expect(!expected.isEmpty)
            #expect(spool.facts(agency: "乙局", year: 2020).map(\.path) == expected)
            #expect(spool.facts(agency: "乙局", year: 2020).allSatisfy { $0.facts.agency == "乙局" && $0.facts.reportYear == 2020 })
            #expect(spool.facts(agency: "乙局", year: 2018).isEmpty)
            #expect(spool.facts(agency: "丙局", year: 2020).isEmpty)
        }
    }

    @Test func withNothingMovedTheSpoolBecomesTheStateAsASaveWouldWriteIt() throws {
        try Self.withStateDir { dir in
            let spool = try Self.spool(in: dir)
            #expect(try spool.commit(moved: []) == [1])
            let written = try #require(FileManager.default.contents(atPath: "\(dir)/state.bin"))
            #expect([UInt8](written) == RunState.encoded(toolVersion: "v", outputHash: "h", files: Self.kept))
            let left = try FileManager.default.contentsOfDirectory(atPath: dir)
            #expect(left == ["state.bin"])
        }
    }

    @Test func movedEntriesAreWrittenAtTheirNewPlaces() throws {
        try Self.withStateDir { dir in
            let spool = try Self.spool(in: dir)
            let moved = [(record: 2, cache: CacheRef(pack: 9, offset: 0, length: 100)), (record: 20, cache: CacheRef(pack: 9, offset: 100, length: 100))]
            #expect(try spool.commit(moved: moved) == [1, 9])
            let written = try #require(FileManager.default.contents(atPath: "\(dir)/state.bin"))
            let state = try #require(RunState.decode([UInt8](written)))
            for (k, (path, file)) in Self.kept.enumerated() {
                let expected = moved.first { $0.record == k }?.cache ?? file.cache
                #expect(state.files[path]?.cache == expected, "\(path)")
            }
        }
    }

    @Test func theRunIDIsTheOneTheWholeScanGives() throws {
        try Self.withStateDir { dir in
            var whole = RunIdentifier(outputHash: "h")
            for (entry, state) in zip(Self.entries, Self.states) { whole.add(path: entry.relativePath, state: state) }
            let spool = try Self.spool(in: dir)
            #expect(spool.runID == whole.value())
        }
    }

    @Test func aKilledRunsSpoolIsRemoved() throws {
        try Self.withStateDir { dir in
            try Data("left".utf8).write(to: URL(fileURLWithPath: "\(dir)/state.spool-1"))
            let spool = try Self.spool(in: dir)
            #expect(!FileManager.default.fileExists(atPath: "\(dir)/state.spool-1"))
            _ = try spool.commit(moved: [])
        }
    }
}
