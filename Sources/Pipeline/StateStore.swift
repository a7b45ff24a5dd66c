import Foundation
import Glibc
import Validate

/// What the last committed run knew about one source file.
struct FileState: Codable, Sendable, Equatable {
    var size: Int
    var mtime: Int64
    /// SHA-256 of the content; also the key of its cache entry.
    var hash: String
    /// Cross-report facts, kept here so unchanged files need not be reopened to run A7/D1.
    var facts: CrossReportFacts?
}

/// The incremental state (`<state>/state.json`), written atomically after outputs commit.
struct RunState: Codable, Sendable {
    var toolVersion: String
    var outputHash: String
    var files: [String: FileState]

    static func load(stateDir: String) -> RunState? {
        guard let data = FileManager.default.contents(atPath: "\(stateDir)/state.json") else { return nil }
        return try? JSONDecoder().decode(RunState.self, from: data)
    }

    func save(stateDir: String) throws {
        let data = try JSONEncoder().encode(self)
        try AtomicFile.write(data, to: "\(stateDir)/state.json")
    }
}

/// Write-to-temp then rename(2): readers see the old file or the new one, never half of one.
enum AtomicFile {
    static func write(_ data: Data, to path: String) throws {
        let temp = "\(path).tmp-\(getpid())"
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw PipelineError.outputNotWritable(path: path, reason: "cannot create \(temp): \(String(cString: strerror(errno)))")
        }
        let written = data.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                if n <= 0 { return false }
                offset += n
            }
            return true
        }
        let reason = String(cString: strerror(errno))
        close(fd)
        guard written else {
            unlink(temp)
            throw PipelineError.outputNotWritable(path: path, reason: reason)
        }
        guard rename(temp, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temp)
            throw PipelineError.outputNotWritable(path: path, reason: reason)
        }
    }
}
