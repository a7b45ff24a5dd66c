import Foundation
import Testing

/// Locations and helpers for tests that drive the built `nianbao` binary, as cron and make do.
enum Harness {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let seedsDir = packageRoot.appendingPathComponent("data/reports")

    /// The debug binary `swift build --build-tests` leaves beside the tests.
    static var binary: String {
        let candidates = [".build/debug/nianbao", ".build/x86_64-unknown-linux-gnu/debug/nianbao", ".build/aarch64-unknown-linux-gnu/debug/nianbao"]
        return candidates.map { packageRoot.appendingPathComponent($0).path }.first { FileManager.default.isExecutableFile(atPath: $0) }
            ?? packageRoot.appendingPathComponent(".build/debug/nianbao").path
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// A fresh folder under the system temp folder, removed by the caller.
    static func tempDir(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-test-\(name)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A copy of the bundled seeds as an archive.
    static func seedArchive(in dir: URL) throws -> URL {
        let archive = dir.appendingPathComponent("archive")
        try FileManager.default.createDirectory(at: archive, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: seedsDir.path) where name.hasSuffix(".txt") {
            try FileManager.default.copyItem(at: seedsDir.appendingPathComponent(name), to: archive.appendingPathComponent(name))
        }
        return archive
    }

    @discardableResult
    static func run(_ arguments: [String], in dir: URL, launched: ((Process) -> Void)? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = dir
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        launched?(process)
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }

    /// `nianbao run` with the usual folders inside `dir`.
    static func runPipeline(_ dir: URL, archive: URL, extra: [String] = []) throws -> Result {
        try run(["run", "--input", archive.path, "--output", dir.appendingPathComponent("out").path,
                 "--state", dir.appendingPathComponent("state").path, "--quiet"] + extra, in: dir)
    }

    /// Runs a DuckDB query with python3 and returns the rows as strings (NULL as "∅").
    static func duckdb(_ sql: String) throws -> [[String]] {
        let script = """
            import duckdb, json, sys
            rows = duckdb.sql(sys.argv[1]).fetchall()
            print(json.dumps([[("∅" if v is None else str(v)) for v in r] for r in rows], ensure_ascii=False))
            """
        let result = try python(["-c", script, sql])
        #expect(result.status == 0, "duckdb failed: \(result.stderr)")
        let rows = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String]]
        return rows ?? []
    }

    static func python(_ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }

    /// scripts/verify_outputs.py: every table read with pyarrow, DuckDB and polars against the contract.
    static func verifyOutputs(_ out: URL) throws -> Result {
        try python([packageRoot.appendingPathComponent("scripts/verify_outputs.py").path, out.path])
    }

    /// Bytes of every table file (Parquet and CSV) under `out`, keyed by relative path; run.json excluded.
    static func tableBytes(_ out: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: out.path)
        while let path = enumerator?.nextObject() as? String {
            guard path.hasSuffix(".parquet") || path.hasSuffix(".csv") || path.hasSuffix(".jsonl") else { continue }
            files[path] = try Data(contentsOf: out.appendingPathComponent(path))
        }
        return files
    }
}
