extension String {
    /// A String of bytes this program made from text that is already valid UTF-8: encoded from `Unicode.Scalar`s or
    /// tables of them, or cut out of valid text at scalar boundaries. libxml2's text events count as cut out: they are
    /// pieces of the valid UTF-8 it is given and character references it has checked. iconv's output does not (on
    /// random bytes glibc wrote code points beyond U+10FFFF), nor do bytes read back from a file.
    ///
    /// `String(decoding:as:)` and `String(unsafeUninitializedCapacity:initializingUTF8With:)` check every byte again:
    /// ~450 ns for 500 bytes of Chinese against ~45 ns to copy them, 3% of a report's instructions once summed
    /// over every line, cell and converted text. The input's bytes are checked where they enter (`TextDecoder`), so
    /// only a bug here could make a String of invalid bytes; debug builds, which run the tests, still check.
    init(knownValidUTF8 bytes: UnsafeBufferPointer<UInt8>) {
        assert(String(validating: bytes, as: UTF8.self) != nil, "not valid UTF-8: \(Array(bytes))")
        self = unsafe String(copying: UTF8Span(unchecked: bytes.span))
    }

    init(knownValidUTF8 bytes: ArraySlice<UInt8>) {
        self = bytes.withUnsafeBufferPointer { String(knownValidUTF8: $0) }
    }

    init(knownValidUTF8 bytes: [UInt8]) {
        self = bytes.withUnsafeBufferPointer { String(knownValidUTF8: $0) }
    }

    /// `String(unsafeUninitializedCapacity:initializingUTF8With:)` without the second look at the bytes: `body`
    /// writes at most `capacity` bytes of valid UTF-8 and returns how many.
    init(knownValidUTF8Capacity capacity: Int, initializingWith body: (UnsafeMutableBufferPointer<UInt8>) -> Int) {
        self = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Swift.max(capacity, 1)) { buffer in
            let count = body(buffer)
            return String(knownValidUTF8: UnsafeBufferPointer(rebasing: buffer[..<count]))
        }
    }
}
