import Foundation
import Glibc
import NianbaoCore

/// Every file's state between extraction and loading, written once in path order beside `state.bin` and in its
/// format, then read back a run of records at a time. Holding every file's entry and state through loading made
/// peak memory grow with the archive: at 100,000 files they were 40 of the 85 MB a run held when loading began,
/// and loading added its row groups on top. Loading keeps only where each agency's facts are (`FactsIndex`).
/// When no cache entry moved, the spool becomes the new state by a rename.
final class StateSpool: @unchecked Sendable {
    /// Records a task of the loading phase validates and prepares at once.
    static let runLength = 16

    let stateDir: String
    private let path: String
    private let fd: Int32
    private let header: [UInt8]
    /// Byte ranges of consecutive runs of `runLength` records, the last one shorter.
    private(set) var runs: [Range<Int>] = []
    private(set) var count = 0
    private(set) var facts = FactsIndex()
    /// Packs the records name, and the bytes of the distinct entries they name.
    private(set) var packs: Set<Int> = []
    private(set) var liveBytes = 0
    /// The run id (`RunIdentifier`) of the scan and its states, hashed as they are written.
    private(set) var runID = ""

    /// Writes the records of the files that have a state, in the order of `entries`.
    init(
        stateDir: String, toolVersion: String, outputHash: String, entries: [ArchiveEntry], states: [FileState?]
    ) throws {
        self.stateDir = stateDir
        // A killed run leaves its spool behind; this run holds the lock, so no other is using one.
        for name in (try? FileManager.default.contentsOfDirectory(atPath: stateDir)) ?? [] where name.hasPrefix("state.spool-") {
            unlink("\(stateDir)/\(name)")
        }
        path = "\(stateDir)/state.spool-\(getpid())"
        fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw PipelineError.outputNotWritable(path: path, reason: String(cString: strerror(errno))) }
        var w = ByteWriter(capacity: 1 << 20)
        RunState.encodeHeader(toolVersion: toolVersion, outputHash: outputHash, count: states.count { $0 != nil }, into: &w)
        header = w.bytes
        var position = 0
        var runStart = header.count
        var distinct: Set<CacheRef> = []
        var runID = RunIdentifier(outputHash: outputHash)
        for (i, entry) in entries.enumerated() {
            runID.add(path: entry.relativePath, state: states[i])
            guard let state = states[i] else { continue }
            let recordStart = position + w.bytes.count
            RunState.encode(entry.relativePath, state, into: &w)
            let recordEnd = position + w.bytes.count
            if let f = state.facts { facts.add(agency: f.agency, year: f.reportYear, at: recordStart..<recordEnd) }
            if let ref = state.cache {
                packs.insert(ref.pack)
                if distinct.insert(ref).inserted { liveBytes += ref.length }
            }
            count += 1
            if count % Self.runLength == 0 {
                runs.append(runStart..<recordEnd)
                runStart = recordEnd
            }
            if w.bytes.count >= 1 << 20 {
                try write(w.bytes)
                position += w.bytes.count
                w.bytes.removeAll(keepingCapacity: true)
            }
        }
        if runStart < position + w.bytes.count { runs.append(runStart..<(position + w.bytes.count)) }
        try write(w.bytes)
        facts.seal()
        self.runID = runID.value()
    }

    deinit {
        close(fd)
        unlink(path)
    }

    private func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try writeAll(fd, $0, path: path) }
    }

    /// The records of run `n`, each with its position among all records. Any number of tasks read at once.
    func records(ofRun n: Int) throws -> [(record: Int, path: String, state: FileState)] {
        var records: [(Int, String, FileState)] = []
        var agencies = AgencyNames()
        if let bytes = readRange(fd, runs[n]) {
            var r = ByteReader(bytes: bytes)
            while !r.isAtEnd, let (path, state) = RunState.readRecord(&r, agencies: &agencies) {
                records.append((n * Self.runLength + records.count, path, state))
            }
        }
        // The spool was written by this run moments ago; a short read is a failing disk, not a file to skip.
        guard records.count == min(Self.runLength, count - n * Self.runLength) else {
            throw PipelineError.outputNotWritable(path: path, reason: "the run's state could not be read back")
        }
        return records
    }

    /// The facts of `agency`'s reports of `year`, each with its file's path, in path order.
    func facts(agency: String, year: Int) -> [(path: String, facts: EncodedFacts)] {
        facts.ranges(agency: agency, year: year).compactMap { range in
            guard let bytes = readRange(fd, range) else { return nil }
            var r = ByteReader(bytes: bytes)
            var agencies = AgencyNames()
            guard let (path, state) = RunState.readRecord(&r, agencies: &agencies), let f = state.facts,
                f.agency == agency && f.reportYear == year
            else { return nil }
            return (path, f)
        }
    }

    /// Makes the spool `state.bin`, with the entries that moved during loading (`moved`, by record, in record
    /// order) at their new places. Returns the packs the new state names.
    func commit(moved: [(record: Int, cache: CacheRef)]) throws -> Set<Int> {
        let target = "\(stateDir)/state.bin"
        if moved.isEmpty {
            guard rename(path, target) == 0 else {
                throw PipelineError.outputNotWritable(path: target, reason: String(cString: strerror(errno)))
            }
            return packs
        }
        var live: Set<Int> = []
        try AtomicFile.write(to: target) { emit in
            try header.withUnsafeBytes { try emit($0) }
            var next = 0
            for n in runs.indices {
                var w = ByteWriter(capacity: runs[n].count + 256)
                for (record, path, state) in try records(ofRun: n) {
                    var state = state
                    if next < moved.count && moved[next].record == record {
                        state.cache = moved[next].cache
                        next += 1
                    }
                    if let ref = state.cache { live.insert(ref.pack) }
                    RunState.encode(path, state, into: &w)
                }
                try w.bytes.withUnsafeBytes { try emit($0) }
            }
        }
        return live
    }
}

/// Where the spool holds each agency's reports of each year: 24 bytes a report, sorted by agency and year.
/// Keyed by a number per agency rather than by name, so the index does not hold a string per report.
struct FactsIndex: Sendable {
    private var agencies: [String: UInt32] = [:]
    private var locations: [(key: UInt64, range: Range<Int>)] = []

    private static func key(_ agency: UInt32, _ year: Int) -> UInt64 {
        UInt64(agency) << 32 | UInt64(UInt32(truncatingIfNeeded: year))
    }

    mutating func add(agency: String, year: Int, at range: Range<Int>) {
        let id = agencies[agency] ?? {
            let id = UInt32(agencies.count)
            agencies[agency] = id
            return id
        }()
        locations.append((Self.key(id, year), range))
    }

    mutating func seal() {
        locations.sort { ($0.key, $0.range.lowerBound) < ($1.key, $1.range.lowerBound) }
    }

    /// Ranges of the records in path order. A year is kept as 32 bits, so callers check the year they read.
    func ranges(agency: String, year: Int) -> [Range<Int>] {
        guard let id = agencies[agency] else { return [] }
        let key = Self.key(id, year)
        var lo = 0
        var hi = locations.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if locations[mid].key < key { lo = mid + 1 } else { hi = mid }
        }
        var ranges: [Range<Int>] = []
        while lo < locations.count && locations[lo].key == key {
            ranges.append(locations[lo].range)
            lo += 1
        }
        return ranges
    }
}
