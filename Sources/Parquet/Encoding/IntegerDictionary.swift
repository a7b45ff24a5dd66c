/// Dictionary of an INT32 or INT64 column chunk, built when the chunk is flushed (the values are
/// already contiguous then, so one pass over them is cheap). Parquet dictionary-encodes any
/// physical type; for codes, years and amounts with few distinct values it is what makes the
/// column small (a 10-bit index instead of 64 bits).
struct IntegerDictionary<Value: FixedWidthInteger> {
    /// Distinct values in first-occurrence order: the dictionary page.
    private(set) var entries: [Value] = []
    /// Entry number of every value.
    private(set) var indices: [UInt32] = []

    /// Returns nil when distinct values exceed `maxEntries` or the PLAIN page would exceed `maxBytes`.
    init?(_ values: UnsafeBufferPointer<Value>, maxEntries: Int, maxBytes: Int) {
        let limit = min(maxEntries, maxBytes / MemoryLayout<Value>.size)
        var capacity = 64
        while capacity < (min(values.count, limit) + 1) * 2 { capacity <<= 1 }
        let shift = UInt64(UInt64.bitWidth - capacity.trailingZeroBitCount)
        let mask = capacity - 1
        // Entry + 1 per slot, 0 = empty.
        var slots = [Int32](repeating: 0, count: capacity)
        indices.reserveCapacity(values.count)
        let built: Bool = slots.withUnsafeMutableBufferPointer { table in
            for value in values {
                let key = UInt64(truncatingIfNeeded: value)
                var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
                while true {
                    let stored = Int(table[slot])
                    if stored == 0 {
                        if entries.count >= limit { return false }
                        entries.append(value)
                        table[slot] = Int32(truncatingIfNeeded: entries.count)
                        indices.append(UInt32(truncatingIfNeeded: entries.count - 1))
                        break
                    }
                    if entries[stored - 1] == value {
                        indices.append(UInt32(truncatingIfNeeded: stored - 1))
                        break
                    }
                    slot = (slot + 1) & mask
                }
            }
            return true
        }
        guard built else { return nil }
    }
}
