import Foundation
import Glibc

/// A file of the archive as listed, before it is read.
public struct ArchiveEntry: Sendable, Hashable {
    /// Path relative to the input folder, `/`-separated.
    public var relativePath: String
    public var size: Int
    /// Modification time in nanoseconds since the epoch.
    public var mtime: Int64
}

/// The files of an archive in bytewise path order, kept in a file rather than in memory: even packed end to end in
/// one buffer the listing was ~60 bytes a file, and a run holds it through extraction (6 MB at 100,000 files, 60 MB
/// at a million). In memory stays where every `blockLength`-th entry starts, half a byte a file.
/// Read whole with `forEach` (a chunk at a time) or an entry at a time by position (one small read each); any
/// number of threads read at once. The file is unlinked as soon as it is open, so a killed run leaves nothing.
public struct ArchiveListing: Sendable {
    static let blockLength = 16
    private let store: Store?
    public let count: Int
    private let byteCount: Int
    private let blockStarts: [Int]

    /// No files.
    public init() {
        store = nil
        count = 0
        byteCount = 0
        blockStarts = []
    }

    fileprivate init(store: Store, count: Int, byteCount: Int, blockStarts: [Int]) {
        self.store = store
        self.count = count
        self.byteCount = byteCount
        self.blockStarts = blockStarts
    }

    /// `entries` in the order given, kept in a file of `directory`.
    public init(_ entries: some Sequence<ArchiveEntry>, directory: String = NSTemporaryDirectory()) throws {
        var builder = try Builder(directory: directory)
        for entry in entries { try builder.append(path: entry.relativePath.utf8, size: entry.size, mtime: entry.mtime) }
        self = try builder.finish()
    }

    /// The entry at `index`; throws when the listing's file cannot be read back.
    public func entry(at index: Int) throws -> ArchiveEntry {
        guard let store, index >= 0, index < count else { throw store?.unreadable ?? PipelineError.usage("no entry \(index)") }
        let block = index / Self.blockLength
        let end = block + 1 < blockStarts.count ? blockStarts[block + 1] : byteCount
        guard let bytes = readRange(store.fd, blockStarts[block]..<end) else { throw store.unreadable }
        var reader = ByteReader(bytes: bytes)
        for _ in 0..<(index % Self.blockLength) {
            guard Self.skipRecord(&reader) else { throw store.unreadable }
        }
        guard let entry = Self.readRecord(&reader) else { throw store.unreadable }
        return entry
    }

    /// Every entry in order, with its position, read a chunk at a time.
    public func forEach(_ body: (Int, ArchiveEntry) throws -> Void) throws {
        var cursor = Cursor(self)
        for index in 0..<count { try body(index, try cursor.entry(at: index)) }
    }

    /// Reads the listing forward, a chunk at a time: entries at rising positions, skipping those between.
    struct Cursor {
        private let listing: ArchiveListing
        private var records: ChunkedReader?
        /// The position of the next record `records` gives.
        private var position = 0
        private var last: ArchiveEntry?

        init(_ listing: ArchiveListing) {
            self.listing = listing
            records = listing.store.map { ChunkedReader(fd: $0.fd, end: listing.byteCount) }
        }

        /// The entry at `index`, which is not before the last one asked for (it may be that one again).
        mutating func entry(at index: Int) throws -> ArchiveEntry {
            if index == position - 1, let last { return last }
            guard let store = listing.store, index >= position, index < listing.count else {
                throw listing.store?.unreadable ?? PipelineError.usage("no entry \(index)")
            }
            while position < index {
                guard records?.next({ ArchiveListing.skipRecord(&$0) ? () : nil }) != nil else { throw store.unreadable }
                position += 1
            }
            guard let entry = records?.next(ArchiveListing.readRecord) else { throw store.unreadable }
            position += 1
            last = entry
            return entry
        }
    }

    private static func readRecord(_ r: inout ByteReader) -> ArchiveEntry? {
        guard let length = r.varint(), let pathBytes = r.take(Int(length)), let size = r.int(), let mtime = r.int() else { return nil }
        return ArchiveEntry(relativePath: String(decoding: pathBytes, as: UTF8.self), size: size, mtime: Int64(mtime))
    }

    private static func skipRecord(_ r: inout ByteReader) -> Bool {
        guard let length = r.varint(), r.skip(Int(length)), r.int() != nil, r.int() != nil else { return false }
        return true
    }

    /// The listing's file, closed when the last listing sharing it goes (or a builder that never finished).
    fileprivate final class Store: Sendable {
        let fd: Int32
        let path: String

        init(directory: String) throws {
            path = "\(directory)/listing-\(getpid())"
            fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw PipelineError.outputNotWritable(path: path, reason: String(cString: strerror(errno))) }
            unlink(path)
        }

        deinit { close(fd) }

        var unreadable: PipelineError { .outputNotWritable(path: path, reason: "the archive's listing could not be read back") }
    }

    /// Writes a listing entry by entry, in the order it is to have.
    struct Builder {
        private let store: Store
        private var buffer = ByteWriter(capacity: 1 << 20)
        private var flushed = 0
        private var count = 0
        private var blockStarts: [Int] = []

        init(directory: String) throws {
            store = try Store(directory: directory)
        }

        mutating func append(path pathBytes: some Collection<UInt8>, size: Int, mtime: Int64) throws {
            try append(folder: [], name: ArraySlice(pathBytes), size: size, mtime: mtime)
        }

        /// The file `name` of `folder` ("" for the archive's own folder).
        mutating func append(folder: [UInt8], name: ArraySlice<UInt8>, size: Int, mtime: Int64) throws {
            if count % ArchiveListing.blockLength == 0 { blockStarts.append(flushed + buffer.bytes.count) }
            buffer.varint(UInt64(folder.isEmpty ? name.count : folder.count + 1 + name.count))
            if !folder.isEmpty {
                buffer.bytes.append(contentsOf: folder)
                buffer.bytes.append(UInt8(ascii: "/"))
            }
            buffer.bytes.append(contentsOf: name)
            buffer.int(size)
            buffer.int(Int(mtime))
            count += 1
            if buffer.bytes.count >= 1 << 20 { try flush() }
        }

        private mutating func flush() throws {
            try buffer.bytes.withUnsafeBytes { try writeAll(store.fd, $0, path: store.path) }
            flushed += buffer.bytes.count
            buffer.bytes.removeAll(keepingCapacity: true)
        }

        /// The listing written so far.
        mutating func finish() throws -> ArchiveListing {
            try flush()
            buffer = ByteWriter(capacity: 0)
            return ArchiveListing(store: store, count: count, byteCount: flushed, blockStarts: blockStarts)
        }
    }
}
