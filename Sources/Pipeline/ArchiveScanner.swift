import Foundation
import Glibc

/// Lists the archive with readdir and d_type (engineering-notes §4.4: 100× faster than URL enumeration), stat-ing
/// only files whose names match a pattern, and writes it in bytewise path order as it goes: each folder's names are
/// sorted, a folder's name counting as followed by "/", and the tree is walked depth first, which gives the paths in
/// the order a sort of them all would, without holding them all. Hidden files and folders are skipped.
/// Folders are listed by several threads ahead of the walk, the next ones in walking order first: once the kernel
/// has let the folder and inode blocks of a large archive go (after a night's writes, say), listing is bound by the
/// latency of those reads, not by the CPU. Memory is bounded by `window` listed folders and `queueLimit` queued ones,
/// not by the archive.
public enum ArchiveScanner {
    static let threads = 8
    /// Folders listed ahead of the walk, at most (but for those the walk is waiting for). Folders are listed in walking
    /// order as far as they are known, but a folder's subfolders become known only once it is listed, after its later
    /// siblings may have been: those wait in the window, so it must hold more than a folder's subfolders usually are
    /// (a few hundred agencies a province, say), or the walk waits on every few folders.
    static let window = 4096
    /// Folders waiting to be listed, at most (~100 bytes each), but for those the walk adds itself. Folders listed
    /// early queue their subfolders, so the queue holds about the archive's widest level: 124,000 agencies over a
    /// million reports, 12 MB. Past the limit the walk queues a folder's subfolders when it reaches it, which bounds
    /// memory at the cost of the look-ahead: a million reports with a limit of 16,384 took 30 s to list, not 8.
    static let queueLimit = 1 << 18

    /// `directory`: where the listing's file goes (the run's state folder).
    public static func scan(root: String, patterns: [String], directory: String) throws -> ArchiveListing {
        try scan(root: root, patterns: patterns, directory: directory, window: window, queueLimit: queueLimit)
    }

    /// `window` and `queueLimit` other than the run's, for the tests.
    static func scan(root: String, patterns: [String], directory: String, window: Int, queueLimit: Int) throws -> ArchiveListing {
        var isDir = stat()
        guard stat(root, &isDir) == 0, (isDir.st_mode & S_IFMT) == S_IFDIR else {
            throw PipelineError.inputMissing(root)
        }
        var builder = try ArchiveListing.Builder(directory: directory)
        let folders = FolderPrefetch(root: root, patterns: patterns, threads: threads, window: window, queueLimit: queueLimit)
        defer { folders.stop() }
        // The folders being walked, innermost last, each with the position of its next item.
        var walk: [(folder: ListedFolder, next: Int)] = [(folders.take(FolderPrefetch.rootID), 0)]
        while let (folder, next) = walk.last {
            guard next < folder.items.count else {
                walk.removeLast()
                continue
            }
            walk[walk.count - 1].next += 1
            let item = folder.items[next]
            if item.isFolder {
                walk.append((folders.take(item.id), 0))
            } else {
                try builder.append(folder: folder.path, name: folder.name(of: item), size: item.size, mtime: item.mtime)
            }
        }
        return try builder.finish()
    }

    /// One folder (`relative` to the root, "" for the root): its matching files and its folders, in walking order.
    fileprivate static func list(root: String, relative: [UInt8], patterns: [String]) -> ListedFolder {
        let dirPath = relative.isEmpty ? root : "\(root)/\(String(decoding: relative, as: UTF8.self))"
        var listed = ListedFolder(path: relative)
        guard let dir = opendir(dirPath) else { return listed }
        defer { closedir(dir) }
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
                    listed.append(name: nameBytes, isFolder: true, size: 0, mtime: 0)
                } else if type == UInt8(DT_REG), patterns.contains(where: { fnmatch($0, name, 0) == 0 }) {
                    guard fstatat(fd, name, &info, 0) == 0 else { return }
                    let mtime = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
                    listed.append(name: nameBytes, isFolder: false, size: Int(info.st_size), mtime: mtime)
                }
            }
        }
        listed.sortInWalkingOrder()
        return listed
    }
}

/// A folder's files and folders, sorted in walking order.
fileprivate struct ListedFolder: Sendable {
    struct Item: Sendable {
        /// Where the name is in `names`.
        var nameStart: Int
        var nameEnd: Int
        var isFolder: Bool
        var size: Int
        var mtime: Int64
        /// A folder's number for `FolderPrefetch.take`, given when it is queued to be listed.
        var id = 0
    }

    var path: [UInt8]
    /// Whether the folders among `items` are numbered and queued to be listed (`FolderPrefetch`).
    var subfoldersQueued = false
    /// The items' names end to end: an array each cost ~50 bytes more a file, 50 MB for a folder of a million
    /// (a crawl saved flat).
    private(set) var names: [UInt8] = []
    var items: [Item] = []

    init(path: [UInt8]) { self.path = path }

    func name(of item: Item) -> ArraySlice<UInt8> { names[item.nameStart..<item.nameEnd] }

    mutating func append(name: UnsafeRawBufferPointer, isFolder: Bool, size: Int, mtime: Int64) {
        names.append(contentsOf: name)
        items.append(Item(nameStart: names.count - name.count, nameEnd: names.count, isFolder: isFolder, size: size, mtime: mtime))
    }

    /// Bytewise by name, a folder's name followed by "/": "a.txt" (0x2E) before folder "a" before "a0.txt".
    mutating func sortInWalkingOrder() {
        names.withUnsafeBytes { names in
            items.sort { a, b in
                Self.precedes(
                    UnsafeRawBufferPointer(rebasing: names[a.nameStart..<a.nameEnd]), a.isFolder,
                    UnsafeRawBufferPointer(rebasing: names[b.nameStart..<b.nameEnd]), b.isFolder)
            }
        }
    }

    /// Bytewise order of `a` and `b`, each followed by "/" when its flag says so.
    static func precedes(_ a: UnsafeRawBufferPointer, _ aSlash: Bool, _ b: UnsafeRawBufferPointer, _ bSlash: Bool) -> Bool {
        let common = min(a.count, b.count)
        if common > 0, let x = a.baseAddress, let y = b.baseAddress {
            let order = memcmp(x, y, common)
            if order != 0 { return order < 0 }
        }
        // One is a prefix of the other: what follows it decides (names hold no "/", so these never tie but for
        // equal names).
        let nextA = a.count > common ? Int(a[common]) : (aSlash ? 0x2F : -1)
        let nextB = b.count > common ? Int(b[common]) : (bSlash ? 0x2F : -1)
        return nextA < nextB
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

/// Folders listed by threads of their own ahead of the walk. The folders still to list are kept in walking order
/// (their paths followed by "/", bytewise), and the threads take the first few: the one the walk needs next, or the
/// nearest after it. At most `window` listed folders wait for the walk, but the folder the walk is waiting for is
/// always listed: every folder before it in walking order has been walked, so it is the first still to list.
/// Past `queueLimit` queued folders, a folder's subfolders are queued when the walk takes it, on a stack of their own
/// (`urgent`) that the threads serve first and whatever the window, since the walk needs them next.
/// Threads take folders `batch` at a time and the walk takes every listed folder at once: an archive has about a
/// folder a file, and a lock and a wake-up per folder kept two cores busy with each other (1.2 s against 0.45 s
/// for the unordered scan over 100,000 files).
private final class FolderPrefetch: @unchecked Sendable {
    static let rootID = 0
    private static let batch = 16
    private let condition = NSCondition()
    private let root: String
    private let patterns: [String]
    private let window: Int
    private let queueLimit: Int
    /// Folders to list, last in walking order first, so the next to list is at the end.
    private var queued: [(path: [UInt8], id: Int)] = [([], rootID)]
    /// Folders the walk queued itself, the next it needs at the end.
    private var urgent: [(path: [UInt8], id: Int)] = []
    private var nextID = rootID + 1
    private var listing = 0
    /// Listed folders the walk has not taken into `local` yet, and all it has not walked (`ahead`).
    private var listed: [Int: ListedFolder] = [:]
    private var ahead = 0
    /// The folder the walk waits for, while it waits.
    private var wanted: Int?
    private var running: Int
    private var stopped = false
    /// The walk's own: folders it took from `listed`, and how many it walked since it last said so.
    private var local: [Int: ListedFolder] = [:]
    private var walked = 0

    init(root: String, patterns: [String], threads: Int, window: Int, queueLimit: Int) {
        self.root = root
        self.patterns = patterns
        self.window = window
        self.queueLimit = queueLimit
        running = threads
        for _ in 0..<threads { Thread.detachNewThread { self.work() } }
    }

    /// The folder numbered `id`, which must be the one the walk reaches next: the root, or a folder of a folder taken.
    /// Called by one thread only.
    func take(_ id: Int) -> ListedFolder {
        walked += 1
        // Said every few dozen folders, so the threads see the window open while the walk still has folders at hand.
        if walked < 4 * Self.batch, var folder = local.removeValue(forKey: id) {
            if !folder.subfoldersQueued {
                condition.lock()
                queueSubfolders(of: &folder, urgently: true)
                condition.unlock()
            }
            return folder
        }
        condition.lock()
        defer { condition.unlock() }
        ahead -= walked
        walked = 0
        if local[id] == nil && listed[id] == nil {
            wanted = id
            condition.broadcast()
            while local[id] == nil && listed[id] == nil && !stopped { condition.wait() }
            wanted = nil
        }
        condition.broadcast()
        local.merge(listed) { a, _ in a }
        listed = [:]
        var folder = local.removeValue(forKey: id) ?? ListedFolder(path: [])
        if !folder.subfoldersQueued { queueSubfolders(of: &folder, urgently: true) }
        return folder
    }

    /// Numbers `folder`'s subfolders and queues them to be listed; called with the lock held.
    private func queueSubfolders(of folder: inout ListedFolder, urgently: Bool) {
        let path = folder.path
        let firstUrgent = urgent.count
        for i in folder.items.indices where folder.items[i].isFolder {
            let name = folder.name(of: folder.items[i])
            let subfolder = path.isEmpty ? Array(name) : path + [UInt8(ascii: "/")] + name
            folder.items[i].id = nextID
            if urgently {
                urgent.append((subfolder, nextID))
            } else {
                queued.insert((subfolder, nextID), at: insertionPoint(of: subfolder))
            }
            nextID += 1
        }
        // Items are in walking order; the stack gives its last first.
        urgent[firstUrgent...].reverse()
        folder.subfoldersQueued = true
        condition.broadcast()
    }

    /// Ends the threads and waits for them.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        while running > 0 { condition.wait() }
        condition.unlock()
    }

    private func work() {
        condition.lock()
        while !stopped {
            var taken: [(path: [UInt8], id: Int)] = []
            while taken.count < Self.batch {
                if let next = urgent.popLast() {
                    taken.append(next)
                } else if let next = queued.last, ahead + listing + taken.count < window || next.id == wanted {
                    taken.append(queued.removeLast())
                } else {
                    break
                }
            }
            guard !taken.isEmpty else {
                condition.wait()
                continue
            }
            listing += taken.count
            condition.unlock()
            var done = taken.map { (id: $0.id, folder: ArchiveScanner.list(root: root, relative: $0.path, patterns: patterns)) }
            condition.lock()
            for k in done.indices {
                if queued.count < queueLimit { queueSubfolders(of: &done[k].folder, urgently: false) }
                listed[done[k].id] = done[k].folder
            }
            listing -= taken.count
            ahead += taken.count
            condition.broadcast()
        }
        running -= 1
        condition.broadcast()
        condition.unlock()
    }

    /// Where `path` goes in `queued`, which is in reverse walking order.
    private func insertionPoint(of path: [UInt8]) -> Int {
        var low = 0
        var high = queued.count
        while low < high {
            let mid = (low + high) / 2
            let earlier = path.withUnsafeBytes { a in queued[mid].path.withUnsafeBytes { b in ListedFolder.precedes(a, true, b, true) } }
            if earlier { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
