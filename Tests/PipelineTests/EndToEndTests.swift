import Foundation
import Glibc
import Testing

@testable import Pipeline

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

    @Test func filesWithTheSameContentAreEachNamedByTheirOwnPath() throws {
        let dir = try Harness.tempDir("copies")
        defer { try? FileManager.default.removeItem(at: dir) }
        let archive = try Harness.seedArchive(in: dir)
        let copies = archive.appendingPathComponent("copies")
        try FileManager.default.createDirectory(at: copies, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: archive.path) where name.hasSuffix(".txt") {
            try FileManager.default.copyItem(at: archive.appendingPathComponent(name), to: copies.appendingPathComponent(name))
        }
        let out = dir.appendingPathComponent("out").path
        // Twice: the first run shares one cache entry between copies, the second reads them all from the cache.
        for _ in 0..<2 {
            let result = try Harness.runPipeline(dir, archive: archive, extra: ["--from-stage", "validate"])
            #expect(result.status == 0, "stderr: \(result.stderr)")
            let paths = try Harness.duckdb("select count(distinct source_path), count(*) from read_parquet('\(out)/reports/*.parquet')")
            #expect(paths == [["10", "10"]])
            let rejects = try Harness.duckdb(
                "select source_path from read_parquet('\(out)/rejects/*.parquet') where rule_id = 'typo_leading_zero' order by 1")
            #expect(rejects.count == 2)
            #expect(Set(rejects.compactMap { $0.first?.hasPrefix("copies/") }) == [true, false])
        }
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

        // Touching without changing content is not a change, and the state takes the new mtime, so later runs do
        // not read the file again to hash it.
        let touched = archive.appendingPathComponent("003_bcaed67771fabe68.txt")
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 60)], ofItemAtPath: touched.path)
        #expect(try Harness.runPipeline(dir, archive: archive).status == 0)
        #expect((try manifest(out)["files"] as? [String: Int])?["changed"] == 0)
        var info = stat()
        #expect(stat(touched.path, &info) == 0)
        let mtime = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        let state = try #require(RunState.decode([UInt8](try Data(contentsOf: dir.appendingPathComponent("state/state.bin")))))
        #expect(state.files["003_bcaed67771fabe68.txt"]?.mtime == mtime)
        #expect(state.files.count == 5)

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

    @Test func aLostCacheIsRebuiltAndAMostlyDeadPackIsCompacted() throws {
        let dir = try Harness.tempDir("cache")
        defer { try? FileManager.default.removeItem(at: dir) }
        let archive = try Harness.seedArchive(in: dir)
        let out = dir.appendingPathComponent("out")
        let cache = dir.appendingPathComponent("state/cache")
        #expect(try Harness.runPipeline(dir, archive: archive).status == 0)
        let first = try Harness.tableBytes(out)
        func packs() throws -> [String: Int] {
            let version = try #require(try FileManager.default.contentsOfDirectory(atPath: cache.path).first)
            let folder = cache.appendingPathComponent(version)
            var sizes: [String: Int] = [:]
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
                sizes[name] = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(name).path)[.size] as? Int
            }
            return sizes
        }
        #expect(try packs().keys.sorted() == ["p1.pack"])

        // A cache deleted by hand costs re-extraction, never a report.
        try FileManager.default.removeItem(at: cache)
        #expect(try Harness.runPipeline(dir, archive: archive, extra: ["--from-stage", "validate"]).status == 0)
        #expect(try Harness.tableBytes(out) == first)
        // Numbered past the pack the state still names, so no stale reference can point into it.
        let rebuilt = try packs()
        #expect(rebuilt.keys.sorted() == ["p2.pack"])

        // Four of five files gone: the pack is mostly dead, so the live entry moves to a new pack and the old one goes.
        for name in try FileManager.default.contentsOfDirectory(atPath: archive.path) where !name.hasPrefix("002_") {
            try FileManager.default.removeItem(at: archive.appendingPathComponent(name))
        }
        #expect(try Harness.runPipeline(dir, archive: archive).status == 0)
        let compacted = try packs()
        #expect(compacted.keys.sorted() == ["p3.pack"])
        #expect((compacted["p3.pack"] ?? 0) * 2 < (rebuilt["p2.pack"] ?? 0))
        let rows = try Harness.duckdb("select count(*) from read_parquet('\(out.path)/reports/*.parquet')")
        #expect(rows == [["1"]])

        // And the next run reads it from there: a no-op.
        #expect(try Harness.runPipeline(dir, archive: archive, extra: ["--from-stage", "validate"]).status == 0)
        #expect(try packs().keys.sorted() == ["p3.pack"])
        let again = try Harness.duckdb("select count(*) from read_parquet('\(out.path)/reports/*.parquet')")
        #expect(again == [["1"]])
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

/// Hand-written expectations for the bundled seeds, read from the reports themselves (issue 2, issue 5).
@Suite("seed reports through the whole pipeline", .serialized)
struct SeedRunTests {
    @Test func reportsTableHoldsTheMetadataAReaderWouldWriteDown() throws {
        let dir = try Harness.tempDir("seed-meta")
        defer { try? FileManager.default.removeItem(at: dir) }
        let archive = try Harness.seedArchive(in: dir)
        #expect(try Harness.runPipeline(dir, archive: archive).status == 0)
        let rows = try Harness.duckdb("""
            select source_path, encoding, script, template, agency, report_year, published_date, status, n_errors
            from read_parquet('\(dir.path)/out/reports/*.parquet') order by source_path
            """)
        #expect(rows == [
            // 000: traditional; "現將金臺區人民政府2017年度…"; "統計時限自2017年1月1日"; signed "2018年1月9日", no page date.
            ["000_9f31b223519cc5ad.txt", "utf-8", "traditional", "pre2019", "金台区人民政府", "2017", "2018-01-09", "ok", "0"],
            // 001: title "遂宁经济技术开发区管理委员会"; 2019 template (本年新制作数量); signed "2020年1月20日".
            ["001_21879049c23c2b1b.txt", "utf-8", "simplified", "2019", "遂宁经济技术开发区管理委员会", "2019", "2020-01-20", "flagged", "0"],
            // 002: 2021 active columns with the single （六） row (hybrid); "發布日期:2022-02-18 15:15".
            ["002_cbaa75f9e60907ca.txt", "utf-8", "traditional", "hybrid", "江夏区人民政府", "2021", "2022-02-18", "ok", "0"],
            // 003: "2015年度铁山区政府信息公开工作报告", "发布时间:2016-01-28".
            ["003_bcaed67771fabe68.txt", "utf-8", "simplified", "pre2019", "铁山区人民政府", "2015", "2016-01-28", "ok", "0"],
            // 004: "威海市文登区政务服务中心2016年…", "发布日期:2017-01-21 10:24:00".
            ["004_860089b39a16652d.txt", "utf-8", "simplified", "pre2019", "威海市文登区政务服务中心", "2016", "2017-01-21", "ok", "0"],
        ])
        // Seed 001's only findings are what the report really gets wrong: the "00" cell and 679 of 915 listed.
        let rejects = try Harness.duckdb("select source_path, rule_id, severity from read_parquet('\(dir.path)/out/rejects/*.parquet') order by all")
        #expect(rejects == [
            ["001_21879049c23c2b1b.txt", "partial_breakdown", "warning"], ["001_21879049c23c2b1b.txt", "typo_leading_zero", "warning"],
        ])
        // Seed 002 line 38: "一、本年新收政府信息公开申请数量 | 156 | 2 | 0 | 0 | 2 | 0 | 160".
        let received = try Harness.duckdb("""
            select column_code, value, line from read_parquet('\(dir.path)/out/applications/*.parquet') a
            join read_parquet('\(dir.path)/out/reports/*.parquet') r using (report_id)
            where r.source_path like '002_%' and row_code = 'new_received' order by line, column_code
            """)
        #expect(Set(received.map { "\($0[0])=\($0[1])" }) == [
            "natural_person=156", "commercial=2", "research=0", "social_welfare=0", "legal_service=2", "other_org=0", "total=160",
        ])
        // Seed 002 appeals line: "5 | 0 | 5 | 3 | 13 | 0 | 0 | 0 | 3 | 3 | 0 | 0 | 0 | 0 | 0".
        let review = try Harness.duckdb("""
            select outcome_code, value from read_parquet('\(dir.path)/out/appeals/*.parquet') a
            join read_parquet('\(dir.path)/out/reports/*.parquet') r using (report_id)
            where r.source_path like '002_%' and group_code = 'review'
            """)
        #expect(review == [["upheld", "5"], ["corrected", "0"], ["other", "5"], ["pending", "3"], ["total", "13"]])
    }

    @Test func gb18030AndBig5CopiesAreDecodedAndRecorded() throws {
        let dir = try Harness.tempDir("encodings")
        defer { try? FileManager.default.removeItem(at: dir) }
        let archive = try Harness.seedArchive(in: dir)
        let fixtures = Harness.packageRoot.appendingPathComponent("Tests/ExtractTests/Fixtures/encodings")
        for name in try FileManager.default.contentsOfDirectory(atPath: fixtures.path) where name.contains("gb18030") || name.contains("big5") {
            try FileManager.default.copyItem(at: fixtures.appendingPathComponent(name), to: archive.appendingPathComponent("legacy-\(name)"))
        }
        #expect(try Harness.runPipeline(dir, archive: archive).status == 0)
        let rows = try Harness.duckdb("""
            select encoding, status from read_parquet('\(dir.path)/out/reports/*.parquet') where source_path like 'legacy-%' order by encoding
            """)
        #expect(rows.map(\.[0]) == ["big5", "gb18030"])
        #expect(rows.allSatisfy { $0[1] != "failed" })
    }

    @Test func oneChangedCellQuarantinesThatReportsApplicationsOnly() throws {
        let dir = try Harness.tempDir("quarantine")
        defer { try? FileManager.default.removeItem(at: dir) }
        let archive = try Harness.seedArchive(in: dir)
        let seed = archive.appendingPathComponent("002_cbaa75f9e60907ca.txt")
        var text = try String(contentsOf: seed, encoding: .utf8)
        let original = "數(shù)量 | 156 | 2 |"
        #expect(text.contains(original))
        text = text.replacingOccurrences(of: original, with: "數(shù)量 | 157 | 2 |")
        try Data(text.utf8).write(to: seed)
        #expect(try Harness.runPipeline(dir, archive: archive).status == 0)
        let out = dir.appendingPathComponent("out").path
        let rules = try Harness.duckdb("select distinct rule_id from read_parquet('\(out)/rejects/*.parquet') where source_path like '002_%' and severity = 'error' order by 1")
        #expect(rules == [["A1"], ["A4"]])
        let status = try Harness.duckdb("select status from read_parquet('\(out)/reports/*.parquet') where source_path like '002_%'")
        #expect(status == [["rejected"]])
        let quarantined = try Harness.duckdb("""
            select count(*), count(distinct report_id) from read_parquet('\(out)/quarantine/applications/*.parquet')
            """)
        #expect(quarantined == [["161", "1"]])
        // The other template report (001) keeps its clean applications table; 002's active and appeals tables stay clean too.
        let clean = try Harness.duckdb("""
            select r.source_path, count(*) from read_parquet('\(out)/applications/*.parquet') a
            join read_parquet('\(out)/reports/*.parquet') r using (report_id) group by 1 order by 1
            """)
        #expect(clean == [["001_21879049c23c2b1b.txt", "161"]])
        let appeals = try Harness.duckdb("select count(*) from read_parquet('\(out)/appeals/*.parquet')")
        #expect(appeals == [["30"]])
    }

    /// Cross-year rules run across reports of one agency (issue 5): seed 001 (2019, nothing carried forward) and a
    /// 2020 copy that claims one application carried over from 2019 (and, to stay balanced, one carried forward)
    /// must give A7 on the 2020 report, as a warning only.
    @Test func carriedOverThatDoesNotMatchLastYearIsACrossYearWarning() throws {
        let dir = try Harness.tempDir("cross-year")
        defer { try? FileManager.default.removeItem(at: dir) }
        let archive = try Harness.seedArchive(in: dir)
        var text = try String(contentsOf: archive.appendingPathComponent("001_21879049c23c2b1b.txt"), encoding: .utf8)
        text = text.replacingOccurrences(of: "2020年1月20日", with: "2021年1月20日").replacingOccurrences(of: "2019", with: "2020")
        let zeros = "\n0 |\n0 |\n0 |\n0 |\n0 |\n0 |\n0 |"
        let ones = "\n1 |\n0 |\n0 |\n0 |\n0 |\n0 |\n1 |"
        for label in ["| 二、上年结转政府信息公开申请数量 |", "| 四、结转下年度继续办理 |"] {
            #expect(text.contains(label + zeros))
            text = text.replacingOccurrences(of: label + zeros, with: label + ones)
        }
        try Data(text.utf8).write(to: archive.appendingPathComponent("001_next_year.txt"))
        #expect(try Harness.runPipeline(dir, archive: archive).status == 0)
        let a7 = try Harness.duckdb("""
            select source_path, severity, column_code from read_parquet('\(dir.path)/out/rejects/*.parquet') where rule_id = 'A7'
            """)
        #expect(Set(a7.map { $0[0] }) == ["001_next_year.txt"])
        #expect(a7.allSatisfy { $0[1] == "warning" })
        #expect(Set(a7.map { $0[2] }) == ["natural_person", "total"])
        let status = try Harness.duckdb("select status from read_parquet('\(dir.path)/out/reports/*.parquet') where source_path = '001_next_year.txt'")
        #expect(status == [["flagged"]])
    }

    @Test func theLoggedPeakMemoryIsTheRunsOwnNotItsParents() throws {
        let dir = try Harness.tempDir("peak")
        defer { try? FileManager.default.removeItem(at: dir) }
        let archive = try Harness.seedArchive(in: dir)
        // A parent of 300 MB starts the run: getrusage's ru_maxrss would carry its size into the child.
        let script = """
            import json, resource, subprocess, sys
            ballast = bytearray(300 << 20)
            for i in range(0, len(ballast), 4096): ballast[i] = 1
            run = subprocess.run(sys.argv[1:], capture_output=True, text=True)
            events = [json.loads(l) for l in run.stdout.splitlines() if l.startswith("{")]
            peak = [e["peak_rss_mb"] for e in events if e.get("event") == "run_end"]
            print(json.dumps({"status": run.returncode, "peak": peak, "parent": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss >> 10}))
            """
        let result = try Harness.python([
            "-c", script, Harness.binary, "run", "--input", archive.path, "--output", dir.appendingPathComponent("out").path,
            "--state", dir.appendingPathComponent("state").path, "--log-format", "json",
        ])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stderr)")
        #expect(report["status"] as? Int == 0)
        #expect((report["parent"] as? Int ?? 0) >= 300)
        let peak = try #require((report["peak"] as? [Int])?.first)
        #expect(peak > 0 && peak < 200)
    }
}
