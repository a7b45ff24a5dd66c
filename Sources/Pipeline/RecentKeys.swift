/// A map that remembers only its last `capacity` insertions. Extraction finds files with the same content, and
/// the spool counts each cache entry's bytes once, through these: exact sets kept every file of the archive
/// (~150 bytes a file with their tables, 15 MB at 100,000 files, most of what extraction's memory grew by), while
/// copies in a crawl stand side by side (the same report posted twice in one folder). A copy seen further apart
/// only costs a second cache entry, or counts its bytes twice toward the compaction threshold.
struct RecentKeys<Key: Hashable, Value> {
    private var values: [Key: Value] = [:]
    private var order: [Key] = []
    private var oldest = 0
    let capacity: Int

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    subscript(key: Key) -> Value? { values[key] }

    /// Adds or replaces `key`; when full, forgets the key inserted longest ago. Returns whether `key` was new.
    @discardableResult
    mutating func insert(_ key: Key, _ value: Value) -> Bool {
        guard values.updateValue(value, forKey: key) == nil else { return false }
        if order.count < capacity {
            order.append(key)
        } else {
            values[order[oldest]] = nil
            order[oldest] = key
            oldest = (oldest + 1) % capacity
        }
        return true
    }
}

/// How many files back extraction looks for a copy, and the spool for an entry it has counted already.
let copySearchWindow = 4096
