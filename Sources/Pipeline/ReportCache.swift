import Foundation
import NianbaoCore
import Extract
import Normalize

/// What extraction and normalisation produced for one file content: the expensive part of a run, cached so
/// unchanged files are never re-extracted and `--from-stage validate` re-checks without re-reading reports.
struct CachedReport: Sendable {
    var report: NormalizedReport
    /// Extract and normalize findings; validation adds its own each run.
    var rejects: [Reject]

    /// Extracts and normalizes one file, timing each stage. Every path that reads a report (a run, a cache miss,
    /// `nianbao one`) goes through here, so they cannot drift apart.
    static func make(from file: SourceFile, extractor: Extractor, normalizer: Normalizer)
        -> (entry: CachedReport, extractSeconds: Double, normalizeSeconds: Double)
    {
        let clock = ContinuousClock()
        let t0 = clock.now
        var findings = Findings(reportID: file.reportID, sourcePath: file.relativePath)
        let extracted = extractor.extract(file, findings: &findings)
        let t1 = clock.now
        let normalized = normalizer.normalize(extracted, findings: &findings)
        let t2 = clock.now
        return (CachedReport(report: normalized, rejects: findings.rejects), seconds(t1 - t0), seconds(t2 - t1))
    }

    /// The entry as it is for the file at `path`. Files with the same content share one cache entry, made from
    /// whichever was read first; every table must still name each file by its own path.
    func relabelled(as path: String) -> CachedReport {
        guard report.header.sourcePath != path else { return self }
        var entry = self
        entry.report.header.sourcePath = path
        for index in entry.rejects.indices { entry.rejects[index].sourcePath = path }
        return entry
    }

    /// The findings to validate this entry with.
    var findings: Findings {
        Findings(reportID: report.header.reportID, sourcePath: report.header.sourcePath, rejects: rejects)
    }
}

/// Where one file's cache entry is: a byte range of one pack.
struct CacheRef: Sendable, Hashable {
    var pack: Int
    var offset: Int
    var length: Int
}

/// `<state>/cache/<version>/p<number>.pack`: the encoded entries (CacheCodec format) of one run's new and changed
/// files, end to end; the state says which byte range belongs to which file. One small file per entry cost ~80 µs of
/// create, write and rename per report, an eighth of the whole per-report budget, and a hundred thousand inodes.
struct ReportCache: Sendable {
    let root: String

    init(stateDir: String) {
        root = "\(stateDir)/cache/\(NianbaoVersion.string)"
    }

    func packPath(_ number: Int) -> String {
        "\(root)/p\(number).pack"
    }

    /// This run's pack, numbered past every pack on disk (a crashed run's leftover is never appended to) and every
    /// pack the state names (a stale reference to a deleted pack must never point into the new one).
    func writer(above referenced: Int) -> PackWriter {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        let highest = max(names.compactMap(Self.packNumber).max() ?? 0, referenced)
        return PackWriter(cache: self, number: highest + 1)
    }

    /// Opens the packs the entries live in; a missing pack reads as cache misses.
    func reader(packs: Set<Int>) -> PackReader {
        var descriptors: [Int: Int32] = [:]
        for pack in packs {
            let fd = open(packPath(pack), O_RDONLY | O_CLOEXEC)
            if fd >= 0 { descriptors[pack] = fd }
        }
        return PackReader(descriptors: descriptors)
    }

    /// Total bytes of these packs, to decide whether they hold so much dead space that the run should rewrite them.
    func size(of packs: Set<Int>) -> Int {
        packs.reduce(0) { total, pack in
            var info = stat()
            return total + (stat(packPath(pack), &info) == 0 ? Int(info.st_size) : 0)
        }
    }

    /// Deletes everything under the cache but the live packs: dead packs, a crashed run's pack, older cache layouts
    /// and other tool versions' caches, which can never be read again.
    func collectGarbage(keeping live: Set<Int>) {
        let fm = FileManager.default
        for name in (try? fm.contentsOfDirectory(atPath: root)) ?? [] where !(Self.packNumber(name).map(live.contains) ?? false) {
            try? fm.removeItem(atPath: "\(root)/\(name)")
        }
        let parent = (root as NSString).deletingLastPathComponent
        let mine = (root as NSString).lastPathComponent
        for name in (try? fm.contentsOfDirectory(atPath: parent)) ?? [] where name != mine {
            try? fm.removeItem(atPath: "\(parent)/\(name)")
        }
    }

    private static func packNumber(_ name: String) -> Int? {
        guard name.hasPrefix("p"), name.hasSuffix(".pack") else { return nil }
        return Int(name.dropFirst().dropLast(5))
    }
}

/// Appends entries to this run's pack. Used by the one task that collects results, so it needs no lock;
/// the file is created on the first append, so a run with nothing new leaves no empty pack.
final class PackWriter {
    let cache: ReportCache
    let number: Int
    private var fd: Int32 = -1
    private var buffer: [UInt8] = []
    private var written = 0

    init(cache: ReportCache, number: Int) {
        self.cache = cache
        self.number = number
    }

    func append(_ entry: [UInt8]) throws -> CacheRef {
        if fd < 0 {
            try FileManager.default.createDirectory(atPath: cache.root, withIntermediateDirectories: true)
            let path = cache.packPath(number)
            fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard fd >= 0 else {
                throw PipelineError.outputNotWritable(path: path, reason: String(cString: strerror(errno)))
            }
        }
        if buffer.capacity == 0 { buffer.reserveCapacity(Self.flushSize + (1 << 16)) }
        let ref = CacheRef(pack: number, offset: written + buffer.count, length: entry.count)
        buffer.append(contentsOf: entry)
        if buffer.count >= Self.flushSize { try flush() }
        return ref
    }

    /// Everything appended is on disk (in the page cache) once this returns.
    func close() throws {
        guard fd >= 0 else { return }
        try flush()
        Glibc.close(fd)
        fd = -1
    }

    /// Writes what is buffered, so readers opened now see every entry appended so far. `releasing`: hand the
    /// buffer's 4 MB back until the next append (extraction is done, and loading appends only when it compacts).
    func flush(releasing: Bool = false) throws {
        guard fd >= 0 else { return }
        try buffer.withUnsafeBytes { try writeAll(fd, $0, path: cache.packPath(number)) }
        written += buffer.count
        if releasing { buffer = [] } else { buffer.removeAll(keepingCapacity: true) }
    }

    private static let flushSize = 4 << 20
}

/// Reads entries by byte range with pread(2), so any number of tasks read at once.
struct PackReader: Sendable {
    let descriptors: [Int: Int32]

    func bytes(at ref: CacheRef) -> [UInt8]? {
        guard let fd = descriptors[ref.pack], ref.length > 0, ref.offset >= 0 else { return nil }
        return readRange(fd, ref.offset..<(ref.offset + ref.length))
    }

    func close() {
        for fd in descriptors.values { Glibc.close(fd) }
    }
}
