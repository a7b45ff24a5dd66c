import Foundation
import Glibc
import NianbaoCore

/// Every file's state between extraction and loading, written in path order beside `state.bin` and in its
/// format as extraction finishes each file, then read back a run of records at a time. Holding every file's entry
/// and state until loading made peak memory grow with the archive: at 100,000 files they were 40 of the 85 MB a
/// run held when loading began, and what they left behind in malloc's arenas stayed under loading's row groups.
/// Where each agency's facts are is kept in a file as well (`FactsTable`). When no cache entry moved, the spool becomes
/// the new state by a rename.
/// Written by one task (`append`, then `seal`); read by any number once sealed.
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
    private let expectedCount: Int
    private var factsTable: FactsTable
    /// Packs the records name, and the bytes of the entries they name, each counted once among the last
    /// `copySearchWindow`: what compaction compares the packs' size with.
    private(set) var packs: Set<Int> = []
    private(set) var liveBytes = 0
    /// The run id (`RunIdentifier`) of the files and their states, hashed as they are written; set by `seal`.
    private(set) var runID = ""

    private var buffer = ByteWriter(capacity: 1 << 20)
    /// Bytes of the file before `buffer`.
    private var flushed = 0
    private var runStart = 0
    private var distinct = RecentKeys<CacheRef, Void>(capacity: copySearchWindow)
    private var identifier: RunIdentifier

    /// Starts a spool of `count` files' states; state.bin names the count before the records.
    init(stateDir: String, toolVersion: String, outputHash: String, count: Int) throws {
        self.stateDir = stateDir
        expectedCount = count
        identifier = RunIdentifier(outputHash: outputHash)
        // A killed run leaves its spool behind; this run holds the lock, so no other is using one.
        for name in (try? FileManager.default.contentsOfDirectory(atPath: stateDir)) ?? [] where name.hasPrefix("state.spool-") {
            unlink("\(stateDir)/\(name)")
        }
        factsTable = try FactsTable(directory: stateDir, capacity: count)
        // Reserved once: grown by doubling, the index left its old copies as holes in the arena loading works in.
        runs.reserveCapacity(count / Self.runLength + 1)
        path = "\(stateDir)/state.spool-\(getpid())"
        fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            factsTable.close()
            throw PipelineError.outputNotWritable(path: path, reason: String(cString: strerror(errno)))
        }
        RunState.encodeHeader(toolVersion: toolVersion, outputHash: outputHash, count: count, into: &buffer)
        // A copy of its own: sharing the buffer's storage would keep the whole megabyte for the run.
        header = Array(buffer.bytes[...])
        runStart = header.count
    }

    deinit {
        factsTable.close()
        close(fd)
        unlink(path)
    }

    /// The next file's state, in path order.
    func append(path filePath: String, state: FileState) throws {
        identifier.add(path: filePath, state: state)
        let recordStart = flushed + buffer.bytes.count
        RunState.encode(filePath, state, into: &buffer)
        let recordEnd = flushed + buffer.bytes.count
        if let f = state.facts { try factsTable.add(agency: f.agency, year: f.reportYear, at: recordStart..<recordEnd) }
        if let ref = state.cache {
            packs.insert(ref.pack)
            if distinct.insert(ref, ()) { liveBytes += ref.length }
        }
        count += 1
        if count % Self.runLength == 0 {
            runs.append(runStart..<recordEnd)
            runStart = recordEnd
        }
        if buffer.bytes.count >= 1 << 20 { try flush() }
    }

    /// Ends the writing: every file was appended, and the records can be read.
    func seal() throws {
        guard count == expectedCount else {
            throw PipelineError.outputNotWritable(path: path, reason: "the run's state has \(count) files, not \(expectedCount)")
        }
        if runStart < flushed + buffer.bytes.count { runs.append(runStart..<(flushed + buffer.bytes.count)) }
        try flush()
        buffer = ByteWriter(capacity: 0)
        distinct = RecentKeys(capacity: 1)
        runID = identifier.value()
    }

    private func flush() throws {
        try buffer.bytes.withUnsafeBytes { try writeAll(fd, $0, path: path) }
        flushed += buffer.bytes.count
        buffer.bytes.removeAll(keepingCapacity: true)
    }

    /// The records of run `n`, each with its position among all records. Any number of tasks read at once.
    func records(ofRun n: Int) throws -> [(record: Int, path: String, state: FileState)] {
        var records: [(Int, String, FileState)] = []
        if let bytes = readRange(fd, runs[n]) {
            var r = ByteReader(bytes: bytes)
            while !r.isAtEnd, let (path, state) = RunState.readRecord(&r) {
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
        factsTable.ranges(agency: agency, year: year).compactMap { range in
            guard let bytes = readRange(fd, range) else { return nil }
            var r = ByteReader(bytes: bytes)
            guard let (path, state) = RunState.readRecord(&r), let f = state.facts,
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
