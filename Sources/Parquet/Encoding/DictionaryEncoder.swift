#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Builds a string dictionary for one column chunk, or gives up when it would not pay off.
///
/// Works on the chunk's concatenated UTF-8 bytes with an open-addressing table of value indices,
/// so no per-value `String` or `Array` is created.
struct DictionaryEncoder {
    /// Index (into the chunk's values) of the first occurrence of each entry, in entry order.
    private(set) var entries: [Int] = []
    /// Entry number of every value.
    private(set) var indices: [UInt32] = []
    /// Size of the PLAIN dictionary page: 4-byte length + bytes per entry.
    private(set) var dictionaryByteCount = 0

    /// Returns nil when distinct values exceed `maxEntries` or the dictionary page would exceed `maxBytes`.
    init?(bytes: [UInt8], ends: [Int], maxEntries: Int, maxBytes: Int) {
        let count = ends.count
        var capacity = 16
        while capacity < (min(count, maxEntries) + 1) * 2 { capacity <<= 1 }
        let mask = capacity - 1
        var slots = [Int32](repeating: -1, count: capacity)
        var slotHashes = [UInt64](repeating: 0, count: capacity)
        indices.reserveCapacity(count)
        let built: Bool = bytes.withUnsafeBytes { raw in
            var start = 0
            for valueIndex in 0..<count {
                let end = ends[valueIndex]
                let length = end - start
                let hash = Self.hash(raw, from: start, count: length)
                var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
                while true {
                    let entry = slots[slot]
                    if entry < 0 {
                        if entries.count >= maxEntries { return false }
                        dictionaryByteCount += 4 + length
                        if dictionaryByteCount > maxBytes { return false }
                        slots[slot] = Int32(entries.count)
                        slotHashes[slot] = hash
                        indices.append(UInt32(entries.count))
                        entries.append(valueIndex)
                        break
                    }
                    if slotHashes[slot] == hash
                        && Self.equal(raw, ends: ends, valueIndex: entries[Int(entry)], start: start, length: length)
                    {
                        indices.append(UInt32(entry))
                        break
                    }
                    slot = (slot + 1) & mask
                }
                start = end
            }
            return true
        }
        guard built else { return nil }
    }

    private static func equal(
        _ raw: UnsafeRawBufferPointer, ends: [Int], valueIndex: Int, start: Int, length: Int
    ) -> Bool {
        let otherStart = valueIndex == 0 ? 0 : ends[valueIndex - 1]
        guard ends[valueIndex] - otherStart == length else { return false }
        guard length > 0, let base = raw.baseAddress else { return true }
        return memcmp(base + otherStart, base + start, length) == 0
    }

    /// FNV-1a: cheap, and good enough for short codes and names.
    private static func hash(_ raw: UnsafeRawBufferPointer, from start: Int, count: Int) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for offset in start..<(start + count) {
            hash = (hash ^ UInt64(raw[offset])) &* 0x100_0000_01b3
        }
        return hash
    }
}
