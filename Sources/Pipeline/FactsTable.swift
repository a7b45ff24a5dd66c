import Glibc

/// Where the spool holds each agency's reports of each year, for the cross-year rules: an open-addressing hash
/// table kept in a file, read and written with pread/pwrite, so its slots live in the page cache and not in the
/// run's memory. The run keeps only which slots are taken, 2 bits a file. Held as sorted pairs in memory it was 24
/// bytes a file plus a string per agency, and those strings, made during extraction, stayed scattered through
/// malloc's arenas under loading's buffers: most of what peak memory still grew by with the archive.
/// The file is unlinked as soon as it is open, so a killed run leaves nothing behind.
/// Filled by one task (`add`), then read by any number at once (`ranges`).
struct FactsTable: Sendable {
    private static let slotBytes = 24
    private let fd: Int32
    private let path: String
    private let mask: Int
    /// A bit per slot: taken or not. Slots are never freed, so a probe ends at the first free one.
    private var taken: [UInt64]

    /// A table for up to `capacity` reports, in a file of `directory`; kept at most half full.
    init(directory: String, capacity: Int) throws {
        var slots = 64
        while slots < 2 * capacity { slots *= 2 }
        mask = slots - 1
        taken = [UInt64](repeating: 0, count: slots / 64)
        path = "\(directory)/facts.spool-\(getpid())"
        fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw PipelineError.outputNotWritable(path: path, reason: String(cString: strerror(errno))) }
        unlink(path)
    }

    func close() { _ = Glibc.close(fd) }

    /// The key of an agency's year: FNV-1a over the name's UTF-8, then mixed with the year. Two agencies or years
    /// may share a key; readers check the agency and year of the records they are given.
    static func key(agency: String, year: Int) -> UInt64 {
        var z = fnv1a(agency) ^ UInt64(bitPattern: Int64(year)) &* 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    private func isTaken(_ slot: Int) -> Bool { taken[slot >> 6] & (1 << UInt64(slot & 63)) != 0 }

    /// Records the spool's bytes `range` as a report of `agency` in `year`.
    mutating func add(agency: String, year: Int, at range: Range<Int>) throws {
        let key = Self.key(agency: agency, year: year)
        var slot = Int(truncatingIfNeeded: key) & mask
        var probes = 0
        while isTaken(slot) {
            slot = (slot + 1) & mask
            probes += 1
            // Sized for the spool's count at twice that, so a full table is a caller's bug, not bad input.
            guard probes <= mask else { throw PipelineError.outputNotWritable(path: path, reason: "the facts table is full") }
        }
        taken[slot >> 6] |= 1 << UInt64(slot & 63)
        let entry: (UInt64, UInt64, UInt64) = (key, UInt64(range.lowerBound), UInt64(range.upperBound))
        let written = withUnsafeBytes(of: entry) { pwrite(fd, $0.baseAddress, Self.slotBytes, off_t(slot * Self.slotBytes)) }
        guard written == Self.slotBytes else {
            throw PipelineError.outputNotWritable(path: path, reason: String(cString: strerror(errno)))
        }
    }

    /// The spool ranges added for `agency` in `year` (and any that share their key), in the order they were added.
    func ranges(agency: String, year: Int) -> [Range<Int>] {
        let key = Self.key(agency: agency, year: year)
        var ranges: [Range<Int>] = []
        var slot = Int(truncatingIfNeeded: key) & mask
        // The taken slots from the key's own up to the first free one, read a stretch at a time: a stretch ends
        // where the file does, and the probe goes on from slot 0.
        var visited = 0
        while isTaken(slot) && visited <= mask {
            var end = slot
            while end <= mask && isTaken(end) && visited + end - slot <= mask { end += 1 }
            var entries = [(UInt64, UInt64, UInt64)](repeating: (0, 0, 0), count: end - slot)
            let length = entries.count * Self.slotBytes
            let read = entries.withUnsafeMutableBytes { pread(fd, $0.baseAddress, length, off_t(slot * Self.slotBytes)) }
            guard read == length else { break }
            for (entryKey, lower, upper) in entries where entryKey == key && lower <= upper && upper <= UInt64(Int.max) {
                ranges.append(Int(lower)..<Int(upper))
            }
            visited += end - slot
            slot = end & mask
        }
        return ranges.sorted { $0.lowerBound < $1.lowerBound }
    }
}
