import Glibc

/// Byte-level helpers over the UTF-8 of a String for the per-line hot paths of text clean-up. Foundation's
/// `contains`/`hasPrefix`/`range(of:)` fold character clusters through CFString and cost microseconds per call;
/// these are plain loops over the native UTF-8 and allocate nothing.
enum UTF8Scan {
    /// Whether `bytes` holds `needle` anywhere.
    static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        firstIndex(of: needle, in: bytes, from: 0) != nil
    }

    /// Start of the first occurrence of `needle` at or after `start`.
    ///
    /// memchr finds candidates by the needle's last byte: for Han words that is a continuation byte, about one
    /// byte in a hundred of Chinese text, where the lead byte (E4–E9) is one in six. Hits come in increasing order
    /// of end, so of start too, and the first verified one is the first occurrence.
    static func firstIndex(of needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        let count = needle.count
        guard count > 0, count <= bytes.count, let base = bytes.baseAddress else { return nil }
        let lastByte = Int32(needle[count - 1])
        // Index of the needle's last byte in the earliest candidate.
        var end = max(0, start) + count - 1
        while end < bytes.count {
            guard let hit = memchr(base + end, lastByte, bytes.count - end) else { return nil }
            let found = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            let candidate = found - (count - 1)
            var offset = 0
            while offset < count - 1, bytes[candidate + offset] == needle[offset] { offset += 1 }
            if offset == count - 1 { return candidate }
            end = found + 1
        }
        return nil
    }

    static func hasPrefix(_ bytes: UnsafeBufferPointer<UInt8>, _ prefix: [UInt8]) -> Bool {
        guard prefix.count <= bytes.count else { return false }
        for offset in 0..<prefix.count where bytes[offset] != prefix[offset] { return false }
        return true
    }

    /// Whether `bytes` ends with `suffix`.
    static func hasSuffix(_ bytes: UnsafeBufferPointer<UInt8>, _ suffix: [UInt8]) -> Bool {
        suffix.count <= bytes.count && hasWord(bytes, suffix, at: bytes.count - suffix.count)
    }

    /// Whether `word` occurs at `index`.
    @inline(__always)
    static func hasWord(_ bytes: UnsafeBufferPointer<UInt8>, _ word: [UInt8], at index: Int) -> Bool {
        guard index >= 0, word.count <= bytes.count - index else { return false }
        for offset in 0..<word.count where bytes[index + offset] != word[offset] { return false }
        return true
    }

    /// Index of the first `byte` at or after `start`, found with memchr (32 bytes a step).
    static func firstIndex(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = bytes.baseAddress, start < bytes.count,
            let found = memchr(base + start, Int32(byte), bytes.count - start)
        else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// Whether the byte occurs (an ASCII byte never occurs inside a multi-byte UTF-8 sequence).
    static func contains(_ bytes: UnsafeBufferPointer<UInt8>, byte: UInt8) -> Bool {
        firstIndex(of: byte, in: bytes, from: 0) != nil
    }

    /// The scalar starting at `index` and its length; `index` must be a scalar boundary of valid UTF-8.
    @inline(__always)
    static func scalar(at index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (value: UInt32, length: Int) {
        let b0 = UInt32(bytes[index])
        if b0 < 0x80 { return (b0, 1) }
        if b0 < 0xE0 { return ((b0 & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F), 2) }
        if b0 < 0xF0 {
            return ((b0 & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F), 3)
        }
        return (
            (b0 & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12 | UInt32(bytes[index + 2] & 0x3F) << 6
                | UInt32(bytes[index + 3] & 0x3F), 4
        )
    }

    /// Start of the scalar that ends just before `end` (valid UTF-8: skip continuation bytes backwards).
    @inline(__always)
    static func scalarStart(before end: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var index = end - 1
        while index > 0, bytes[index] & 0xC0 == 0x80 { index -= 1 }
        return index
    }
}
