import COpenCC

/// Traditional → simplified conversion through OpenCC `t2s` (characters only, vocabulary kept:
/// engineering-notes §3.1). Extraction uses `SimplifiedConverter`, a table copy of the same dictionaries that is
/// hundreds of times faster; this stays as the reference it is tested against, so a changed dictionary shows.
final class ChineseConverter: @unchecked Sendable {
    // One handle per process: opening costs 2 ms and the converter is documented thread-safe (OpenCC#231).
    static let shared = ChineseConverter()

    private let handle: UnsafeMutableRawPointer?

    private init() {
        let h = opencc_open("t2s.json")
        handle = (h == UnsafeMutableRawPointer(bitPattern: -1)) ? nil : h
    }

    deinit {
        if let handle { opencc_close(handle) }
    }

    /// True when OpenCC and its t2s dictionary could be loaded.
    var isAvailable: Bool { handle != nil }

    /// The simplified text, or the input unchanged when OpenCC is unavailable or refuses the input.
    func toSimplified(_ text: String) -> String {
        guard let handle, !text.isEmpty else { return text }
        // A Swift String is always valid UTF-8, which matters: OpenCC 1.1.6 reads out of bounds on truncated UTF-8.
        return text.withUTF8Bytes { buffer -> String in
            guard let base = buffer.baseAddress,
                let out = base.withMemoryRebound(to: CChar.self, capacity: buffer.count, { opencc_convert_utf8(handle, $0, buffer.count) })
            else { return text }
            defer { opencc_convert_utf8_free(out) }
            return String(cString: out)
        }
    }
}
