/// Small scanners over Unicode scalars and UTF-8 bytes. Metadata lines are short, but the statistics-period scan
/// touches every line of every report, so it avoids Foundation and Regex.
enum ScalarText {
    static func isASCIIDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 0x30 && s.value <= 0x39 }

    static func isHan(_ s: Unicode.Scalar) -> Bool {
        (0x4E00...0x9FFF).contains(s.value) || (0x3400...0x4DBF).contains(s.value)
    }

    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        s == " " || s == "\t" || s == "\u{3000}" || s == "\u{00A0}"
    }

    /// Index of the first occurrence of `needle` at or after `start`.
    static func firstIndex(of needle: [Unicode.Scalar], in scalars: [Unicode.Scalar], from start: Int = 0) -> Int? {
        guard let first = needle.first, needle.count <= scalars.count else { return nil }
        var index = max(0, start)
        while index + needle.count <= scalars.count {
            if scalars[index] == first {
                var matched = true
                for offset in 1..<needle.count where scalars[index + offset] != needle[offset] {
                    matched = false
                    break
                }
                if matched { return index }
            }
            index += 1
        }
        return nil
    }

    /// Byte-level containment on the UTF-8 of `text` (no allocation when the string is native).
    static func contains(_ text: String, _ needle: [UInt8]) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard let first = needle.first, needle.count <= bytes.count else { return false }
            var index = 0
            let last = bytes.count - needle.count
            while index <= last {
                if bytes[index] == first {
                    var matched = true
                    for offset in 1..<needle.count where bytes[index + offset] != needle[offset] {
                        matched = false
                        break
                    }
                    if matched { return true }
                }
                index += 1
            }
            return false
        }
    }

    static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    /// Drops spaces and the given punctuation from both ends.
    static func trimmed(_ scalars: ArraySlice<Unicode.Scalar>, also extra: Set<Unicode.Scalar> = []) -> ArraySlice<Unicode.Scalar> {
        var slice = scalars
        while let first = slice.first, isSpace(first) || extra.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, isSpace(last) || extra.contains(last) { slice = slice.dropLast() }
        return slice
    }
}
