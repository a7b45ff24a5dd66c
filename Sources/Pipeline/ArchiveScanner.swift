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

/// The files of an archive, sorted bytewise by relative path. The paths are kept end to end in one buffer: as a
/// String each, 100,000 paths were 15 MB of small allocations that lived through extraction and left holes in
/// malloc's arenas under loading's buffers.
public struct ArchiveListing: RandomAccessCollection, Sendable {
    private var pathBytes: [UInt8] = []
    private var pathEnds: [Int] = []
    private var sizes: [Int] = []
    private var mtimes: [Int64] = []

    public init() {}

    /// `entries` in the order given.
    public init(_ entries: some Sequence<ArchiveEntry>) {
        for entry in entries { append(path: entry.relativePath.utf8, size: entry.size, mtime: entry.mtime) }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { sizes.count }

    public subscript(index: Int) -> ArchiveEntry {
        ArchiveEntry(relativePath: path(at: index), size: sizes[index], mtime: mtimes[index])
    }

    public func path(at index: Int) -> String {
        String(decoding: pathBytes[pathStart(index)..<pathEnds[index]], as: UTF8.self)
    }

    private func pathStart(_ index: Int) -> Int { index == 0 ? 0 : pathEnds[index - 1] }

    mutating func append(path: some Collection<UInt8>, size: Int, mtime: Int64) {
        pathBytes.append(contentsOf: path)
        pathEnds.append(pathBytes.count)
        sizes.append(size)
        mtimes.append(mtime)
    }

    mutating func append(contentsOf other: ArchiveListing) {
        for index in other.indices {
            append(path: other.pathBytes[other.pathStart(index)..<other.pathEnds[index]], size: other.sizes[index], mtime: other.mtimes[index])
        }
    }

    /// The listing in bytewise path order, so every run sees the same order.
    func sorted() -> ArchiveListing {
        let fileCount = sizes.count
        let order = pathBytes.withUnsafeBufferPointer { bytes -> [Int] in
            guard let base = bytes.baseAddress else { return Array(0..<fileCount) }
            return (0..<fileCount).sorted { a, b in
                let (startA, startB) = (pathStart(a), pathStart(b))
                let (lengthA, lengthB) = (pathEnds[a] - startA, pathEnds[b] - startB)
                let common = memcmp(base + startA, base + startB, Swift.min(lengthA, lengthB))
                return common != 0 ? common < 0 : lengthA < lengthB
            }
        }
        var sorted = ArchiveListing()
        sorted.pathBytes.reserveCapacity(pathBytes.count)
        sorted.pathEnds.reserveCapacity(fileCount)
        sorted.sizes.reserveCapacity(fileCount)
        sorted.mtimes.reserveCapacity(fileCount)
        for index in order { sorted.append(path: pathBytes[pathStart(index)..<pathEnds[index]], size: sizes[index], mtime: mtimes[index]) }
        return sorted
    }
}

/// Lists the archive with readdir and d_type (engineering-notes §4.4: 100× faster than URL enumeration),
/// stat-ing only files whose names match a pattern. Hidden files and folders are skipped.
/// Folders are read by several threads at once: once the kernel has let the folder and inode blocks of a large
/// archive go (after a night's writes, say), listing is bound by the latency of those reads, not by the CPU.
public enum ArchiveScanner {
    static let threads = 8

    public static func scan(root: String, patterns: [String]) throws -> ArchiveListing {
        var isDir = stat()
        guard stat(root, &isDir) == 0, (isDir.st_mode & S_IFMT) == S_IFDIR else {
            throw PipelineError.inputMissing(root)
        }
        let work = FolderQueue(first: "")
        let done = DispatchGroup()
        for _ in 0..<threads {
            done.enter()
            Thread.detachNewThread {
                var found = ArchiveListing()
                while let folder = work.next() {
                    var subfolders: [String] = []
                    list(root: root, relative: folder, patterns: patterns, into: &found, subfolders: &subfolders)
                    work.finished(adding: subfolders)
                }
                work.collect(found)
                done.leave()
            }
        }
        done.wait()
        return work.found.sorted()
    }

    /// One folder: its matching files into `listing`, its folders into `subfolders`.
    private static func list(
        root: String, relative: String, patterns: [String], into listing: inout ArchiveListing, subfolders: inout [String]
    ) {
        let dirPath = relative.isEmpty ? root : "\(root)/\(relative)"
        guard let dir = opendir(dirPath) else { return }
        defer { closedir(dir) }
        let prefix = relative.isEmpty ? [] : Array(relative.utf8) + [UInt8(ascii: "/")]
        // stat relative to the open folder: a full-path stat walks every component again (3× slower on 100,000 files).
        let fd = dirfd(dir)
        while let entry = readdir(dir) {
            withUnsafeBytes(of: entry.pointee.d_name) { raw in
                let nameBytes = UnsafeRawBufferPointer(rebasing: raw.prefix { $0 != 0 })
                guard let first = nameBytes.first, first != UInt8(ascii: "."), let name = raw.baseAddress?.assumingMemoryBound(to: CChar.self)
                else { return }
                var type = entry.pointee.d_type
                var info = stat()
                if type == UInt8(DT_UNKNOWN) || type == UInt8(DT_LNK) {
                    guard fstatat(fd, name, &info, 0) == 0 else { return }
                    type = (info.st_mode & S_IFMT) == S_IFDIR ? UInt8(DT_DIR) : ((info.st_mode & S_IFMT) == S_IFREG ? UInt8(DT_REG) : 0)
                    // Following linked folders could loop; linked files are fine.
                    if entry.pointee.d_type == UInt8(DT_LNK) && type == UInt8(DT_DIR) { return }
                }
                if type == UInt8(DT_DIR) {
                    subfolders.append(String(decoding: prefix + nameBytes, as: UTF8.self))
                } else if type == UInt8(DT_REG), patterns.contains(where: { fnmatch($0, name, 0) == 0 }) {
                    guard fstatat(fd, name, &info, 0) == 0 else { return }
                    let mtime = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
                    listing.append(path: prefix + nameBytes, size: Int(info.st_size), mtime: mtime)
                }
            }
        }
    }
}

/// Reads a whole file with POSIX calls; nil when it cannot be read.
/// `dropCache`: let the page cache go of the file once read. A run reads each archive file once and writes about
/// as many bytes of tables as it reads; on this machine kind memory the guest has not touched lately costs a host
/// fault per page (a first 1.5 GB write: 4.3 s of system time, a second: 0.3 s), so pages the run has finished
/// with are handed back for its writes to reuse. A nightly run also leaves the cache to what is used again.
func readFile(_ path: String, dropCache: Bool = false) -> [UInt8]? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer {
        if dropCache { _ = posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED) }
        close(fd)
    }
    var info = stat()
    guard fstat(fd, &info) == 0 else { return nil }
    var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
    var offset = 0
    while offset < bytes.count {
        let n = bytes.withUnsafeMutableBytes { buffer in
            read(fd, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
        }
        if n < 0 { return nil }
        if n == 0 { break }
        offset += n
    }
    return offset == bytes.count ? bytes : Array(bytes[0..<offset])
}

/// The bytes of `range` of the open file `fd` (pread(2), so threads read at once); nil on a short read.
func readRange(_ fd: Int32, _ range: Range<Int>) -> [UInt8]? {
    var bytes = [UInt8](repeating: 0, count: range.count)
    let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, range.count, off_t(range.lowerBound)) }
    return n == range.count ? bytes : nil
}

/// Writes all of `bytes` to `fd`, or throws naming `path` (disk full, I/O error).
func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws {
    var offset = 0
    while offset < bytes.count {
        let n = write(fd, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
        if n <= 0 { throw PipelineError.outputNotWritable(path: path, reason: String(cString: strerror(errno))) }
        offset += n
    }
}

/// Folders still to list, shared by the scanning threads; the scan ends when none is queued and none is being listed.
private final class FolderQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var queued: [String]
    private var listing = 0
    private var listed = ArchiveListing()

    init(first: String) {
        queued = [first]
    }

    /// The next folder to list, or nil once the whole tree is listed.
    func next() -> String? {
        condition.lock()
        defer { condition.unlock() }
        while queued.isEmpty {
            if listing == 0 { return nil }
            condition.wait()
        }
        listing += 1
        return queued.removeLast()
    }

    func finished(adding subfolders: [String]) {
        condition.lock()
        queued.append(contentsOf: subfolders)
        listing -= 1
        condition.broadcast()
        condition.unlock()
    }

    func collect(_ listing: ArchiveListing) {
        condition.lock()
        listed.append(contentsOf: listing)
        condition.unlock()
    }

    var found: ArchiveListing {
        condition.lock()
        defer { condition.unlock() }
        return listed
    }
}
