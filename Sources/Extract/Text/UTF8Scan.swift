/// Byte-level helpers over the UTF-8 of a String for the per-line hot paths of text clean-up. Foundation's
/// `contains`/`hasPrefix`/`range(of:)` fold character clusters through CFString and cost microseconds per call;
/// these are plain loops over the native UTF-8 and allocate nothing.
enum UTF8Scan {
    /// Whether `bytes` holds `needle` anywhere.
    static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        firstIndex(of: needle, in: bytes, from: 0) != nil
    }

    /// Start of the first occurrence of `needle` at or after `start`.
    static func firstIndex(of needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let first = needle.first, needle.count <= bytes.count else { return nil }
        let last = bytes.count - needle.count
        var index = max(0, start)
        while index <= last {
            if bytes[index] == first {
                var offset = 1
                while offset < needle.count, bytes[index + offset] == needle[offset] { offset += 1 }
                if offset == needle.count { return index }
            }
            index += 1
        }
        return nil
    }

    static func hasPrefix(_ bytes: UnsafeBufferPointer<UInt8>, _ prefix: [UInt8]) -> Bool {
        guard prefix.count <= bytes.count else { return false }
        for offset in 0..<prefix.count where bytes[offset] != prefix[offset] { return false }
        return true
    }

    /// Whether `word` occurs at `index`.
    @inline(__always)
    static func hasWord(_ bytes: UnsafeBufferPointer<UInt8>, _ word: [UInt8], at index: Int) -> Bool {
        guard index >= 0, word.count <= bytes.count - index else { return false }
        for offset in 0..<word.count where bytes[index + offset] != word[offset] { return false }
        return true
    }

    /// Whether the byte occurs (an ASCII byte never occurs inside a multi-byte UTF-8 sequence).
    static func contains(_ bytes: UnsafeBufferPointer<UInt8>, byte: UInt8) -> Bool {
        for b in bytes where b == byte { return true }
        return false
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
