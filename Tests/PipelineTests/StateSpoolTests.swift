import Foundation
import NianbaoCore
import Validate
import Testing

@testable import Pipeline

@Suite("state spool between extraction and loading")
struct StateSpoolTests {
    /// 40 files in path order: agencies alternate, years cycle 2019…2021, every fifth has no facts and each has
    /// its own cache entry in pack 1.
    static let files: [(path: String, state: FileState)] = (0..<40).map { i in
        let facts = CrossReportFacts(
            reportID: "r\(i)", sourcePath: "", agency: i % 2 == 0 ? "甲局" : "乙局", reportYear: 2019 + i % 3,
            cells: ["applications|carried_forward|total": Double(i)])
        let state = FileState(
            size: i, mtime: Int64(i), hash: ContentHash(digest: SHA256.digest(Array("file \(i)".utf8))),
            cache: CacheRef(pack: 1, offset: 100 * i, length: 100), facts: i % 5 == 0 ? nil : EncodedFacts(facts))
        return (String(format: "a/%02d.txt", i), state)
    }

    static func withStateDir(_ body: (String) throws -> Void) throws {
        let dir = try Harness.tempDir("spool").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try body(dir)
    }

    static func spool(in dir: String) throws -> StateSpool {
        let spool = try StateSpool(stateDir: dir, toolVersion: "v", outputHash: "h", count: files.count)
        for (path, state) in files { try spool.append(path: path, state: state) }
        try spool.seal()
        return spool
    }

    @Test func runsGiveBackEveryFileInPathOrder() throws {
        try Self.withStateDir { dir in
            let spool = try Self.spool(in: dir)
            #expect(spool.count == Self.files.count)
            #expect(spool.runs.count == (Self.files.count + StateSpool.runLength - 1) / StateSpool.runLength)
            let read = try spool.runs.indices.flatMap { try spool.records(ofRun: $0) }
            #expect(read.map(\.record) == Array(0..<Self.files.count))
            #expect(read.map(\.path) == Self.files.map(\.path))
            #expect(read.map(\.state) == Self.files.map(\.state))
            #expect(spool.packs == [1])
            #expect(spool.liveBytes == 100 * Self.files.count)
        }
    }

    @Test func anAgencysFactsOfAYearAreFoundAndNoOthers() throws {
        try Self.withStateDir { dir in
            let spool = try Self.spool(in: dir)
            let expected = Self.files.filter { $0.state.facts?.agency == "乙局" && $0.state.facts?.reportYear == 2020 }.map(\.path)
            #expect(!expected.isEmpty)
            #expect(spool.facts(agency: "乙局", year: 2020).map(\.path) == expected)
            #expect(spool.facts(agency: "乙局", year: 2020).allSatisfy { $0.facts.agency == "乙局" && $0.facts.reportYear == 2020 })
            #expect(spool.facts(agency: "乙局", year: 2018).isEmpty)
            #expect(spool.facts(agency: "丙局", year: 2020).isEmpty)
        }
    }

    @Test func withNothingMovedTheSpoolBecomesTheStateAsRunStateEncodesIt() throws {
        try Self.withStateDir { dir in
            let spool = try Self.spool(in: dir)
            #expect(try spool.commit(moved: []) == [1])
            let written = try #require(FileManager.default.contents(atPath: "\(dir)/state.bin"))
            #expect([UInt8](written) == RunState.encoded(toolVersion: "v", outputHash: "h", files: Self.files.map { ($0.path, $0.state) }))
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
            for (k, (path, file)) in Self.files.enumerated() {
                let expected = moved.first { $0.record == k }?.cache ?? file.cache
                #expect(state.files[path]?.cache == expected, "\(path)")
            }
        }
    }

    @Test func theRunIDIsTheOneTheWholeScanGives() throws {
        try Self.withStateDir { dir in
            var whole = RunIdentifier(outputHash: "h")
            for (path, state) in Self.files { whole.add(path: path, state: state) }
            let spool = try Self.spool(in: dir)
            #expect(spool.runID == whole.value())
        }
    }

    @Test func aSpoolMissingAFileIsNotSealed() throws {
        try Self.withStateDir { dir in
            let spool = try StateSpool(stateDir: dir, toolVersion: "v", outputHash: "h", count: Self.files.count)
            for (path, state) in Self.files.dropLast() { try spool.append(path: path, state: state) }
            #expect(throws: PipelineError.self) { try spool.seal() }
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
