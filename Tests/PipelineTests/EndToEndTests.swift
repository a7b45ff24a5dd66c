import Foundation
import Glibc
import Testing

/// The binary on real folders, as the README, cron and make use it (issue 2, issue 7).
@Suite("nianbao run end to end", .serialized)
struct EndToEndTests {
    static let contractTables = [
        "reports", "applications", "active_disclosure", "appeals", "figures", "rejects", "codes",
        "quarantine/applications", "quarantine/active_disclosure", "quarantine/appeals", "quarantine/figures",
    ]

    @Test func seedsProduceEveryContractTableReadableByRealReaders() throws {
        let dir = try Harness.tempDir("seeds")
        defer { try? FileManager.default.removeItem(at: dir) }
        let archive = try Harness.seedArchive(in: dir)
        let result = try Harness.runPipeline(dir, archive: archive)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let out = dir.appendingPathComponent("out")
        for table in Self.contractTables {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("\(table)/part-00000.parquet").path), "\(table) missing")
        }
        for file in ["rejects.jsonl", "run.json", "csv/reports.csv", "csv/applications.csv", "csv/summary.csv"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(file).path), "\(file) missing")
        }
        let verified = try Harness.verifyOutputs(out)
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        let reports = try Harness.duckdb("select source_path, encoding from read_parquet('\(out.path)/reports/*.parquet') order by source_path")
        #expect(reports.map(\.[0]) == [
            "000_9f31b223519cc5ad.txt", "001_21879049c23c2b1b.txt", "002_cbaa75f9e60907ca.txt", "003_bcaed67771fabe68.txt",
            "004_860089b39a16652d.txt",
        ])
        #expect(reports.allSatisfy { $0[1] == "utf-8" })
    }

    @Test func badFilesBecomeRejectsAndTheRestIsProcessed() throws {
        let dir = try Harness.tempDir("bad")
        defer { try? FileManager.default.removeItem(at: dir) }
        let archive = try Harness.seedArchive(in: dir)
        let binary: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D] + (0..<600).map { UInt8(truncatingIfNeeded: $0 &* 37) }
        try Data(binary).write(to: archive.appendingPathComponent("image.txt"))
        try Data().write(to: archive.appendingPathComponent("empty.txt"))
        let result = try Harness.runPipeline(dir, archive: archive)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let out = dir.appendingPathComponent("out").path
        let rows = try Harness.duckdb("select source_path, status, encoding from read_parquet('\(out)/reports/*.parquet') where status = 'failed' order by 1")
        #expect(rows == [["empty.txt", "failed", "∅"], ["image.txt", "failed", "∅"]])
        let rejects = try Harness.duckdb("select source_path, rule_id, severity from read_parquet('\(out)/rejects/*.parquet') where rule_id = 'undecodable' order by 1")
        #expect(rejects == [["empty.txt", "undecodable", "error"], ["image.txt", "undecodable", "error"]])
        let total = try Harness.duckdb("select count(*) from read_parquet('\(out)/reports/*.parquet')")
        #expect(total == [["7"]])
    }

    @Test func invalidConfigurationExits64NamingTheKey() throws {
        let dir = try Harness.tempDir("config")
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = dir.appendingPathComponent("pipeline.json")
        try Data(#"{"output": {"dir": "out", "compresion": "zstd"}}"#.utf8).write(to: config)
        let unknown = try Harness.run(["run", "--config", config.path], in: dir)
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("output.compresion"))
        #expect(unknown.stderr.split(separator: "\n").count == 1)
        try Data(#"{"workers": "two"}"#.utf8).write(to: config)
        let wrongType = try Harness.run(["run", "--config", config.path], in: dir)
        #expect(wrongType.status == 64)
        #expect(wrongType.stderr.contains("'workers'"))
        try Data(#"{"rules": {"Z9": {"enabled": false}}}"#.utf8).write(to: config)
        let unknownRule = try Harness.run(["run", "--config", config.path], in: dir)
        #expect(unknownRule.status == 64)
        #expect(unknownRule.stderr.contains("rules.Z9"))
    }

    @Test func incrementalRunsDoOnlyTheNewWork() throws {
        let dir = try Harness.tempDir("incremental")
        defer { try? FileManager.default.removeItem(at: dir) }
        let archive = try Harness.seedArchive(in: dir)
        let out = dir.appendingPathComponent("out")
        #expect(try Harness.runPipeline(dir, archive: archive).status == 0)
        let first = try Harness.tableBytes(out)

        #expect(try Harness.runPipeline(dir, archive: archive).status == 0)
        let second = try manifest(out)
        #expect(second["up_to_date"] as? Bool == true)
        #expect((second["files"] as? [String: Int])?["unchanged"] == 5)
        #expect(try Harness.tableBytes(out) == first)

        // Touching without changing content is not a change.
        let touched = archive.appendingPathComponent("003_bcaed67771fabe68.txt")
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 60)], ofItemAtPath: touched.path)
        #expect(try Harness.runPipeline(dir, archive: archive).status == 0)
        #expect((try manifest(out)["files"] as? [String: Int])?["changed"] == 0)

        // Changing content reprocesses exactly that file.
        let handle = try FileHandle(forWritingTo: touched)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("\n附:本报告共计3页。\n".utf8))
        try handle.close()
        #expect(try Harness.runPipeline(dir, archive: archive).status == 0)
        let changed = try manifest(out)["files"] as? [String: Int]
        #expect(changed?["changed"] == 1)
        #expect(changed?["unchanged"] == 4)

        // Deleting a file removes its rows.
        try FileManager.default.removeItem(at: archive.appendingPathComponent("001_21879049c23c2b1b.txt"))
        #expect(try Harness.runPipeline(dir, archive: archive).status == 0)
        #expect((try manifest(out)["files"] as? [String: Int])?["deleted"] == 1)
        let paths = try Harness.duckdb("select count(*) from read_parquet('\(out.path)/reports/*.parquet') where source_path like '001_%'")
        #expect(paths == [["0"]])
        let ids = try Harness.duckdb("select count(*) from read_parquet('\(out.path)/applications/*.parquet') where report_id = '428cdab7a89603e0'")
        #expect(ids == [["0"]])
    }

    @Test func aSecondRunWhileOneHoldsTheLockExits75() throws {
        let dir = try Harness.tempDir("lock")
        defer { try? FileManager.default.removeItem(at: dir) }
        let archive = try Harness.seedArchive(in: dir)
        let state = dir.appendingPathComponent("state")
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        let fd = open(state.appendingPathComponent("lock").path, O_RDWR | O_CREAT, 0o644)
        #expect(fd >= 0)
        defer { close(fd) }
        #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
        let note = "pid 4242, started 2026-11-21T02:00:00Z\n"
        _ = note.withCString { write(fd, $0, strlen($0)) }
        let result = try Harness.runPipeline(dir, archive: archive)
        #expect(result.status == 75)
        #expect(result.stderr.contains("pid 4242"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path))
    }

    @Test func sameInputsGiveIdenticalBytesWhateverTheWorkerCount() throws {
        let dir = try Harness.tempDir("determinism")
        defer { try? FileManager.default.removeItem(at: dir) }
        let archive = try Harness.seedArchive(in: dir)
        try Self.addVariants(of: archive, count: 40)
        let one = dir.appendingPathComponent("one")
        let two = dir.appendingPathComponent("two")
        #expect(try Harness.run(["run", "--input", archive.path, "--output", one.appendingPathComponent("out").path, "--state", one.appendingPathComponent("state").path, "--workers", "1", "--quiet"], in: dir).status == 0)
        #expect(try Harness.run(["run", "--input", archive.path, "--output", two.appendingPathComponent("out").path, "--state", two.appendingPathComponent("state").path, "--workers", "4", "--quiet"], in: dir).status == 0)
        let a = try Harness.tableBytes(one.appendingPathComponent("out"))
        let b = try Harness.tableBytes(two.appendingPathComponent("out"))
        #expect(!a.isEmpty)
        #expect(a == b)
    }

    @Test func killedRunsLeaveThePreviousOutputsReadable() throws {
        let dir = try Harness.tempDir("kill")
        defer { try? FileManager.default.removeItem(at: dir) }
        let archive = try Harness.seedArchive(in: dir)
        let out = dir.appendingPathComponent("out")
        #expect(try Harness.runPipeline(dir, archive: archive).status == 0)
        let committed = try Harness.tableBytes(out)
        try Self.addVariants(of: archive, count: 300)
        for delay in [0.02, 0.08, 0.2, 0.4, 0.8] {
            let result = try Harness.run(
                ["run", "--input", archive.path, "--output", out.path, "--state", dir.appendingPathComponent("state").path, "--quiet", "--full-refresh"],
                in: dir
            ) { process in
                usleep(useconds_t(delay * 1_000_000))
                kill(process.processIdentifier, SIGKILL)
            }
            if result.status == 0 { continue }  // finished before the kill: nothing to check
            #expect(try Harness.tableBytes(out) == committed, "outputs changed after SIGKILL at \(delay) s")
            #expect(try Harness.verifyOutputs(out).status == 0)
        }
        let final = try Harness.runPipeline(dir, archive: archive)
        #expect(final.status == 0, "stderr: \(final.stderr)")
        #expect(try Harness.verifyOutputs(out).status == 0)
        let count = try Harness.duckdb("select count(*) from read_parquet('\(out.path)/reports/*.parquet')")
        #expect(count == [["305"]])
    }

    @Test func unwritableOutputExits73() throws {
        let dir = try Harness.tempDir("unwritable")
        defer { try? FileManager.default.removeItem(at: dir) }
        let archive = try Harness.seedArchive(in: dir)
        let blocker = dir.appendingPathComponent("not-a-folder")
        try Data("x".utf8).write(to: blocker)
        let result = try Harness.run(["run", "--input", archive.path, "--output", blocker.appendingPathComponent("out").path, "--state", dir.appendingPathComponent("state").path, "--quiet"], in: dir)
        #expect(result.status == 73, "stderr: \(result.stderr)")
        #expect(result.stderr.contains("cannot write"))
    }

    /// Distinct files made from the seeds (a note appended), so an archive is big enough to interrupt.
    static func addVariants(of archive: URL, count: Int) throws {
        let seeds = try FileManager.default.contentsOfDirectory(atPath: archive.path).filter { $0.hasSuffix(".txt") }.sorted()
        let nested = archive.appendingPathComponent("more/2020")
        try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
        for i in 0..<count {
            var data = try Data(contentsOf: archive.appendingPathComponent(seeds[i % seeds.count]))
            data.append(Data("\n（本页编号 \(i)）\n".utf8))
            try data.write(to: nested.appendingPathComponent("copy-\(i).txt"))
        }
    }

    private func manifest(_ out: URL) throws -> [String: Any] {
        let data = try Data(contentsOf: out.appendingPathComponent("run.json"))
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
    }
}
