import Foundation
import Glibc
import NianbaoCore
import Validate

/// What the last committed run knew about one source file. A run holds one for every file of the archive, so
/// nothing in it that can be shared or held inline is given a heap allocation of its own.
struct FileState: Sendable, Equatable {
    var size: Int
    var mtime: Int64
    /// SHA-256 of the content; nil for a file that could not be read.
    var hash: ContentHash?
    /// Where the file's extraction is cached; nil until a run has stored it.
    var cache: CacheRef? = nil
    /// Cross-report facts, kept here so unchanged files need not be reopened to run A7/D1.
    var facts: EncodedFacts?
}

/// SHA-256 of a file's content as 32 bytes held inline: as 64 hex characters it was a heap allocation per file.
struct ContentHash: Hashable, Sendable {
    private var words: (UInt64, UInt64, UInt64, UInt64)

    /// `digest`: the 32 bytes `SHA256.digest` gives.
    init?(digest: [UInt8]) {
        guard digest.count == 32 else { return nil }
        func word(_ k: Int) -> UInt64 { (0..<8).reduce(0) { $0 << 8 | UInt64(digest[8 * k + $1]) } }
        words = (word(0), word(1), word(2), word(3))
    }

    /// `hex`: the digest as `SHA256.hex` spells it.
    init?(hex: String) {
        let utf8 = Array(hex.utf8)
        guard utf8.count == 64 else { return nil }
        var digest: [UInt8] = []
        digest.reserveCapacity(32)
        for i in stride(from: 0, to: 64, by: 2) {
            guard let high = Self.nibble(utf8[i]), let low = Self.nibble(utf8[i + 1]) else { return nil }
            digest.append(high << 4 | low)
        }
        self.init(digest: digest)
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        default: return nil
        }
    }

    var digest: [UInt8] {
        [words.0, words.1, words.2, words.3].flatMap { word in stride(from: 56, through: 0, by: -8).map { UInt8(truncatingIfNeeded: word >> UInt64($0)) } }
    }

    var hex: String { SHA256.hex(digest: digest) }

    static func == (a: ContentHash, b: ContentHash) -> Bool { a.words == b.words }

    func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
    }

    func write(to w: inout ByteWriter) { w.bytes.append(contentsOf: digest) }

    static func read(from r: inout ByteReader) -> ContentHash? { r.take(32).flatMap(ContentHash.init(digest:)) }
}

/// Cross-report facts kept encoded: as Swift dictionaries they cost ~3 KB a file and made peak memory grow with
/// the archive (640 MB at 100,000 reports). Agency and year stay readable so facts are decoded one agency at a time.
/// Cell keys are written as their position in `factKeys` and whole numbers as varints, and the source path is
/// not kept (it is the file's own path): ~100 bytes a file, most of the state a run keeps per file.
struct EncodedFacts: Sendable, Equatable {
    var agency: String
    var reportYear: Int
    var bytes: [UInt8]

    init(_ facts: CrossReportFacts) {
        agency = facts.agency
        reportYear = facts.reportYear
        // Kept for every file of the archive: reserve little, or 100,000 files hold 16 KB buffers each.
        var w = ByteWriter(capacity: 24 + 4 * facts.cells.count)
        w.string(facts.reportID)
        w.int(facts.cells.count)
        for key in facts.cells.keys.sorted() {
            guard let value = facts.cells[key] else { continue }
            let position = factKeys.position(of: key)
            let whole = value.rounded() == value && abs(value) < 0x1p52
            // Low bit: value is a double rather than a whole number; position 0 means the key follows as text.
            w.varint(UInt64((position.map { $0 + 1 } ?? 0) << 1 | (whole ? 0 : 1)))
            if position == nil { w.string(key) }
            if whole { w.int(Int(value)) } else { w.double(value) }
        }
        bytes = w.bytes
    }

    init(agency: String, reportYear: Int, bytes: [UInt8]) {
        self.agency = agency
        self.reportYear = reportYear
        self.bytes = bytes
    }

    /// `sourcePath`: the path of the file the facts are of.
    func decoded(sourcePath source: String) -> CrossReportFacts? {
        var r = ByteReader(bytes: bytes)
        guard let id = r.string(), let n = r.int(), n >= 0 else { return nil }
        var cells: [String: Double] = [:]
        cells.reserveCapacity(n)
        for _ in 0..<n {
            guard let tag = r.varint() else { return nil }
            let position = Int(tag >> 1) - 1
            let key: String
            if position < 0 {
                guard let text = r.string() else { return nil }
                key = text
            } else {
                guard position < factKeys.all.count else { return nil }
                key = factKeys.all[position]
            }
            if tag & 1 == 0 {
                guard let value = r.int() else { return nil }
                cells[key] = Double(value)
            } else {
                guard let value = r.optionalDouble(), let value else { return nil }
                cells[key] = value
            }
        }
        return CrossReportFacts(reportID: id, sourcePath: source, agency: agency, reportYear: reportYear, cells: cells)
    }
}

/// Cross-report fact keys numbered in catalogue order. A key outside the catalogue is still encoded, spelled out,
/// so a new code never loses a fact.
let factKeys = Numbering(CrossReportFacts.catalogueKeys)

/// The incremental state (`<state>/state.bin`), written atomically after outputs commit. Binary, like the cache:
/// a nightly run over 100,000 unchanged files must decide "nothing to do" in well under 3 seconds.
struct RunState: Sendable {
    var toolVersion: String
    var outputHash: String
    var files: [String: FileState]

    static let magic: [UInt8] = Array("NBS5".utf8)

    func encoded() -> [UInt8] {
        Self.encoded(toolVersion: toolVersion, outputHash: outputHash, files: files.keys.sorted().compactMap { path in files[path].map { (path, $0) } })
    }

    /// Files in the caller's order. A run writes its state record by record through `StateSpool`, in path order,
    /// so the same state always has the same bytes.
    static func encoded(toolVersion: String, outputHash: String, files: some Collection<(String, FileState)>) -> [UInt8] {
        var w = ByteWriter(capacity: 64 + 256 * files.count)
        encodeHeader(toolVersion: toolVersion, outputHash: outputHash, count: files.count, into: &w)
        for (path, file) in files { encode(path, file, into: &w) }
        return w.bytes
    }

    static func encodeHeader(toolVersion: String, outputHash: String, count: Int, into w: inout ByteWriter) {
        w.bytes.append(contentsOf: RunState.magic)
        w.string(toolVersion)
        w.string(outputHash)
        w.int(count)
    }

    static func encode(_ path: String, _ f: FileState, into w: inout ByteWriter) {
        w.string(path)
        w.int(f.size)
        w.int(Int(f.mtime))
        w.bool(f.hash != nil)
        f.hash?.write(to: &w)
        w.int(f.cache.map { $0.pack + 1 } ?? 0)
        if let ref = f.cache {
            w.int(ref.offset)
            w.int(ref.length)
        }
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

    static func decode(_ bytes: [UInt8]) -> RunState? {
        var r = ByteReader(bytes: bytes)
        guard let (version, hash, count) = readHeader(&r) else { return nil }
        var files: [String: FileState] = [:]
        files.reserveCapacity(count)
        for _ in 0..<count {
            guard let (path, file) = readRecord(&r) else { return nil }
            files[path] = file
        }
        guard r.isAtEnd else { return nil }
        return RunState(toolVersion: version, outputHash: hash, files: files)
    }

    static func readHeader(_ r: inout ByteReader) -> (version: String, outputHash: String, count: Int)? {
        guard r.take(magic.count) == magic, let version = r.string(), let hash = r.string(), let count = r.int(), count >= 0
        else { return nil }
        return (version, hash, count)
    }

    static func readRecord(_ r: inout ByteReader) -> (String, FileState)? {
        guard let path = r.string(), let size = r.int(), let mtime = r.int(), let hashed = r.bool() else { return nil }
        var contentHash: ContentHash?
        if hashed {
            guard let hash = ContentHash.read(from: &r) else { return nil }
            contentHash = hash
        }
        var cache: CacheRef? = nil
        guard let packPlusOne = r.int() else { return nil }
        if packPlusOne > 0 {
            guard let offset = r.int(), let length = r.int() else { return nil }
            cache = CacheRef(pack: packPlusOne - 1, offset: offset, length: length)
        }
        var facts: EncodedFacts?
        guard let hasFacts = r.bool() else { return nil }
        if hasFacts {
            guard let agency = r.string(), let year = r.int(), let n = r.int(), let bytes = r.take(n) else { return nil }
            facts = EncodedFacts(agency: agency, reportYear: year, bytes: bytes)
        }
        return (path, FileState(size: size, mtime: Int64(mtime), hash: contentHash, cache: cache, facts: facts))
    }
}

/// The last run's state (`state.bin`), read a record at a time beside this run's listing: both are in bytewise
/// path order, so they are merged as they go. Matched into an array of states, it held ~300 bytes a file and the
/// whole file while matching: a no-op run over 100,000 files peaked at 72 MB, against 35 MB over 10,000.
/// A run reads it twice: once to tell which files changed, once to spool the states of those that did not.
final class PreviousState {
    let toolVersion: String
    let outputHash: String
    /// Records passed over because this run's listing no longer has their file.
    private(set) var removed = 0
    /// The file ended early, went on after its last record, or was not in path order: it cannot be trusted.
    private(set) var isDamaged = false
    private let fd: Int32
    private var records: ChunkedReader
    private var unread: Int
    private var lastPath: String?
    /// The record read but not yet asked for: its file comes later in the listing, or is not there.
    private var waiting: (path: String, state: FileState)?

    /// Nil when there is no state or its header cannot be read.
    init?(stateDir: String) {
        fd = open("\(stateDir)/state.bin", O_RDONLY | O_CLOEXEC)
        var info = stat()
        guard fd >= 0 else { return nil }
        records = ChunkedReader(fd: fd, end: fstat(fd, &info) == 0 ? Int(info.st_size) : 0)
        guard let (version, hash, count) = records.next(RunState.readHeader) else {
            close(fd)
            return nil
        }
        toolVersion = version
        outputHash = hash
        unread = count
    }

    deinit { close(fd) }

    /// What the state knew of the file at `path`, nil for a file it does not list. Paths are asked in bytewise
    /// order, each after the one before.
    func state(of path: String) -> FileState? {
        while let (recordPath, state) = waiting ?? next() {
            // Bytes, not String's ==, which takes canonically equivalent spellings (NFC, NFD) as one name.
            if recordPath.utf8.elementsEqual(path.utf8) {
                waiting = nil
                return state
            }
            guard recordPath.utf8.lexicographicallyPrecedes(path.utf8) else {
                waiting = (recordPath, state)
                return nil
            }
            waiting = nil
            removed += 1
        }
        return nil
    }

    /// Reads what is left, counted as removed. False when the state turned out damaged.
    func finish() -> Bool {
        if waiting != nil {
            waiting = nil
            removed += 1
        }
        while next() != nil { removed += 1 }
        if !records.isAtEnd { isDamaged = true }
        return !isDamaged
    }

    private func next() -> (path: String, state: FileState)? {
        guard !isDamaged, unread > 0 else { return nil }
        // A record cut short by the file's end leaves the state damaged, as does one out of path order.
        guard let (path, state) = records.next(RunState.readRecord),
            lastPath.map({ $0.utf8.lexicographicallyPrecedes(path.utf8) }) ?? true
        else {
            isDamaged = true
            return nil
        }
        lastPath = path
        unread -= 1
        return (path, state)
    }
}

/// Write-to-temp then rename(2): readers see the old file or the new one, never half of one.
enum AtomicFile {
    static func write(_ data: Data, to path: String) throws {
        try write(to: path) { emit in try data.withUnsafeBytes { try emit($0) } }
    }

    /// `body` hands the content over in pieces, so a large file need not be held whole.
    static func write(to path: String, _ body: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws {
        let temp = "\(path).tmp-\(getpid())"
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw PipelineError.outputNotWritable(path: path, reason: "cannot create \(temp): \(String(cString: strerror(errno)))")
        }
        do {
            try body { try writeAll(fd, $0, path: path) }
        } catch {
            close(fd)
            unlink(temp)
            throw error
        }
        close(fd)
        guard rename(temp, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temp)
            throw PipelineError.outputNotWritable(path: path, reason: reason)
        }
    }
}
