import Foundation
import Glibc
import Validate

/// What the last committed run knew about one source file.
struct FileState: Sendable, Equatable {
    var size: Int
    var mtime: Int64
    /// SHA-256 of the content; also the key of its cache entry.
    var hash: String
    /// Cross-report facts, kept here so unchanged files need not be reopened to run A7/D1.
    var facts: EncodedFacts?
}

/// Cross-report facts kept encoded: as Swift dictionaries they cost ~3 KB a file and made peak memory grow with
/// the archive (640 MB at 100,000 reports). Agency and year stay readable so facts are decoded one agency at a time.
struct EncodedFacts: Sendable, Equatable {
    var agency: String
    var reportYear: Int
    var bytes: [UInt8]

    init(_ facts: CrossReportFacts) {
        agency = facts.agency
        reportYear = facts.reportYear
        // Kept for every file of the archive: reserve little, or 100,000 files hold 16 KB buffers each.
        var w = ByteWriter(capacity: 64 * (facts.cells.count + 2))
        w.string(facts.reportID)
        w.string(facts.sourcePath)
        w.int(facts.cells.count)
        for key in facts.cells.keys.sorted() {
            w.string(key)
            w.double(facts.cells[key])
        }
        bytes = w.bytes
    }

    init(agency: String, reportYear: Int, bytes: [UInt8]) {
        self.agency = agency
        self.reportYear = reportYear
        self.bytes = bytes
    }

    var decoded: CrossReportFacts? {
        var r = ByteReader(bytes: bytes)
        guard let id = r.string(), let source = r.string(), let n = r.int() else { return nil }
        var cells: [String: Double] = [:]
        for _ in 0..<n {
            guard let key = r.string(), let value = r.optionalDouble(), let value else { return nil }
            cells[key] = value
        }
        return CrossReportFacts(reportID: id, sourcePath: source, agency: agency, reportYear: reportYear, cells: cells)
    }
}

/// The incremental state (`<state>/state.bin`), written atomically after outputs commit. Binary, like the cache:
/// a nightly run over 100,000 unchanged files must decide "nothing to do" in well under 3 seconds.
struct RunState: Sendable {
    var toolVersion: String
    var outputHash: String
    var files: [String: FileState]

    static let magic: [UInt8] = Array("NBS2".utf8)

    static func load(stateDir: String) -> RunState? {
        guard let bytes = readFile("\(stateDir)/state.bin") else { return nil }
        return decode(bytes)
    }

    func save(stateDir: String) throws {
        try AtomicFile.write(Data(encoded()), to: "\(stateDir)/state.bin")
    }

    func encoded() -> [UInt8] {
        var w = ByteWriter()
        w.bytes.append(contentsOf: RunState.magic)
        w.string(toolVersion)
        w.string(outputHash)
        w.int(files.count)
        // Sorted, so the same state always has the same bytes.
        for path in files.keys.sorted() {
            guard let f = files[path] else { continue }
            w.string(path)
            w.int(f.size)
            w.int(Int(f.mtime))
            w.string(f.hash)
            if let facts = f.facts {
                w.bool(true)
                w.string(facts.agency)
                w.int(facts.reportYear)
                w.int(facts.bytes.count)
                w.bytes.append(contentsOf: facts.bytes)
            } else {
                w.bool(false)
            }
        }
        return w.bytes
    }

    static func decode(_ bytes: [UInt8]) -> RunState? {
        var r = ByteReader(bytes: bytes)
        guard r.take(magic.count) == magic, let version = r.string(), let hash = r.string(), let count = r.int() else { return nil }
        var files: [String: FileState] = [:]
        files.reserveCapacity(count)
        for _ in 0..<count {
            guard let path = r.string(), let size = r.int(), let mtime = r.int(), let contentHash = r.string(), let hasFacts = r.bool()
            else { return nil }
            var facts: EncodedFacts?
            if hasFacts {
                guard let agency = r.string(), let year = r.int(), let n = r.int(), let bytes = r.take(n) else { return nil }
                facts = EncodedFacts(agency: agency, reportYear: year, bytes: bytes)
            }
            files[path] = FileState(size: size, mtime: Int64(mtime), hash: contentHash, facts: facts)
        }
        guard r.isAtEnd else { return nil }
        return RunState(toolVersion: version, outputHash: hash, files: files)
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
