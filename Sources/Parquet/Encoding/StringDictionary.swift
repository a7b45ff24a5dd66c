/// The distinct strings of one column chunk, built when the chunk is flushed
/// (`ColumnBuffer.buildStringDictionary`), so a dictionary-encoded column writes an index per value.
///
/// Entries keep first-occurrence order, which is what the dictionary page holds; the hash only
/// decides where an entry sits in the table, so the output does not depend on it.
struct StringDictionary: Sendable {
    /// UTF-8 of every entry, concatenated; `ends[i]` is the end offset of entry i.
    private(set) var bytes: [UInt8] = []
    private(set) var ends: [Int] = []
    /// Open addressing: 0 = empty, else high 32 bits of the hash << 32 | (entry + 1). One load per
    /// probe checks both the tag and the entry, and most mismatches never touch the bytes.
    private var slots: [UInt64]
    private var mask: Int

    /// No table until the first insert: batches of rows carry a dictionary they never fill.
    init() {
        slots = []
        mask = 0
    }

    var count: Int { ends.count }

    /// Size of the PLAIN dictionary page: a 4-byte length plus the bytes of each entry.
    var pageByteCount: Int { 4 * ends.count + bytes.count }

    func range(of entry: Int) -> Range<Int> {
        (entry == 0 ? 0 : ends[entry - 1])..<ends[entry]
    }

    /// Entry of the previous insert: tables repeat a report's id, year and agency on every row of
    /// the report, and comparing with the last value is cheaper than hashing.
    private var lastEntry = -1

    /// The entry number of `value`, adding it when new.
    mutating func insert(_ value: UnsafeRawBufferPointer) -> UInt32 {
        if lastEntry >= 0 && matches(lastEntry, value) { return UInt32(truncatingIfNeeded: lastEntry) }
        let entry = lookUpOrAdd(value)
        lastEntry = entry
        return UInt32(truncatingIfNeeded: entry)
    }

    private mutating func lookUpOrAdd(_ value: UnsafeRawBufferPointer) -> Int {
        if slots.isEmpty {
            slots = [UInt64](repeating: 0, count: 64)
            mask = 63
        }
        let hash = Self.hash(value)
        let tag = hash & 0xFFFF_FFFF_0000_0000
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let stored = slots[slot]
            if stored == 0 { break }
            if stored & 0xFFFF_FFFF_0000_0000 == tag {
                let entry = Int(truncatingIfNeeded: stored & 0xFFFF_FFFF) - 1
                if matches(entry, value) { return entry }
            }
            slot = (slot + 1) & mask
        }
        let entry = ends.count
        bytes.append(contentsOf: value)
        ends.append(bytes.count)
        slots[slot] = tag | UInt64(entry + 1)
        if (entry + 1) * 2 > slots.count { grow() }
        return entry
    }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        lastEntry = -1
        for index in slots.indices { slots[index] = 0 }
    }

    /// Word-at-a-time compare: values are mostly short codes and names, for which a call to memcmp
    /// costs more than the comparison.
    @inline(__always)
    private func matches(_ entry: Int, _ value: UnsafeRawBufferPointer) -> Bool {
        let stored = range(of: entry)
        let count = stored.count
        guard count == value.count else { return false }
        guard count > 0, let other = value.baseAddress else { return true }
        return bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return false }
            let start = base + stored.lowerBound
            var offset = 0
            while offset + 8 <= count {
                if start.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                    != other.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                {
                    return false
                }
                offset += 8
            }
            while offset < count {
                if start.load(fromByteOffset: offset, as: UInt8.self) != other.load(fromByteOffset: offset, as: UInt8.self) {
                    return false
                }
                offset += 1
            }
            return true
        }
    }

    /// Doubles the table and re-inserts every entry; amortised over the inserts that filled it.
    private mutating func grow() {
        let capacity = slots.count * 2
        var grown = [UInt64](repeating: 0, count: capacity)
        let newMask = capacity - 1
        bytes.withUnsafeBytes { raw in
            var start = 0
            for entry in 0..<ends.count {
                let end = ends[entry]
                let hash = Self.hash(UnsafeRawBufferPointer(rebasing: raw[start..<end]))
                var slot = Int(truncatingIfNeeded: hash) & newMask
                while grown[slot] != 0 { slot = (slot + 1) & newMask }
                grown[slot] = hash & 0xFFFF_FFFF_0000_0000 | UInt64(entry + 1)
                start = end
            }
        }
        slots = grown
        mask = newMask
    }

    /// Eight bytes per step with a multiply-xorshift mix; the tail is read byte by byte so nothing
    /// past the value is touched.
    @inline(__always)
    static func hash(_ value: UnsafeRawBufferPointer) -> UInt64 {
        let count = value.count
        var hash = UInt64(truncatingIfNeeded: count) &* 0x9E37_79B9_7F4A_7C15
        guard let base = value.baseAddress else { return hash }
        var offset = 0
        while offset + 8 <= count {
            let word = base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            hash = (hash ^ word) &* 0xFF51_AFD7_ED55_8CCD
            hash ^= hash >> 32
            offset += 8
        }
        if offset < count {
            var word: UInt64 = 0
            var shift: UInt64 = 0
            while offset < count {
                word |= UInt64(base.load(fromByteOffset: offset, as: UInt8.self)) << shift
                shift += 8
                offset += 1
            }
            hash = (hash ^ word) &* 0xFF51_AFD7_ED55_8CCD
        }
        hash ^= hash >> 29
        hash = hash &* 0xBF58_476D_1CE4_E5B9
        hash ^= hash >> 32
        return hash
    }
}
