/// Small scanners over Unicode scalars and UTF-8 bytes, shared by the metadata and figure readers. They run on
/// every line of every report, so they avoid Foundation searches and Regex; contexts are a few dozen scalars,
/// so naive scans beat building Strings per number.
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

    /// Byte-level containment on the UTF-8 of `text` (no allocation when the string is native; memchr-driven).
    static func contains(_ text: String, _ needle: [UInt8]) -> Bool {
        return text.withUTF8Bytes { UTF8Scan.contains($0, needle) }
    }

    /// One UTF-8 write into the new String's own storage: `UnicodeScalarView.append(contentsOf:)` grew the
    /// string scalar by scalar and was a quarter of the metadata reader's instructions.
    static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        guard !scalars.isEmpty else { return "" }
        return String(knownValidUTF8Capacity: scalars.count * 4) { buffer in
            var count = 0
            for scalar in scalars {
                for byte in scalar.utf8 {
                    buffer[count] = byte
                    count += 1
                }
            }
            return count
        }
    }

    /// `Int(string(digits))` without building the String: callers pass runs of ASCII digits, which are added up
    /// directly; anything else (a sign, a run long enough to overflow) is left to `Int(_:)`.
    static func decimalValue(_ digits: ArraySlice<Unicode.Scalar>) -> Int? {
        guard !digits.isEmpty, digits.count <= 18 else { return Int(string(digits)) }
        var value = 0
        for digit in digits {
            guard isASCIIDigit(digit) else { return Int(string(digits)) }
            value = value * 10 + Int(digit.value - 0x30)
        }
        return value
    }

    /// Scalars that are a whole character (grapheme cluster) wherever they stand among one another and have no
    /// canonical decomposition: printable ASCII, Han, CJK and general punctuation (without the combining tone
    /// marks U+302A–302F and the format characters), full-width ASCII. Between strings made only of these,
    /// character comparison is scalar comparison, so it is UTF-8 comparison.
    static func isPlain(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x20...0x7E, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0x3000...0x3029, 0x3030...0x303F, 0x2010...0x2027,
            0x2030...0x205E, 0xFF01...0xFF5E:
            return true
        default:
            return false
        }
    }

    static func isPlain(_ text: String) -> Bool {
        return text.withUTF8Bytes { bytes in
            var index = 0
            while index < bytes.count {
                let (value, length) = UTF8Scan.scalar(at: index, in: bytes)
                guard let scalar = Unicode.Scalar(value), isPlain(scalar) else { return false }
                index += length
            }
            return true
        }
    }

    /// `text.hasSuffix(suffix)`, compared by UTF-8 when both are plain: the stdlib's character-wise comparison
    /// (grapheme breaking and canonical equivalence) was a fifth of the metadata reader's instructions.
    /// `textIsPlain` is `isPlain(text)` when the caller tries several suffixes on one text.
    static func hasSuffix(_ text: String, _ suffix: String, textIsPlain: Bool? = nil) -> Bool {
        guard textIsPlain ?? isPlain(text), isPlain(suffix) else { return text.hasSuffix(suffix) }
        return text.withUTF8Bytes { textBytes in
            suffix.withUTF8Bytes { suffixBytes in
                guard suffixBytes.count <= textBytes.count else { return false }
                let start = textBytes.count - suffixBytes.count
                for offset in 0..<suffixBytes.count where textBytes[start + offset] != suffixBytes[offset] { return false }
                return true
            }
        }
    }

    /// The scalars of `text`, decoded from its UTF-8 in one pass (`Array(text.unicodeScalars)` counts them first,
    /// then copies through the generic sequence path).
    static func scalars(_ text: String) -> [Unicode.Scalar] {
        return text.withUTF8Bytes { scalars($0, from: 0) }
    }

    /// The scalars of valid UTF-8 from byte `start`, which must begin a scalar, up to the first scalar for which
    /// `isEnd` holds (not included) or the end.
    static func scalars(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, upTo isEnd: (Unicode.Scalar) -> Bool = { _ in false }
    ) -> [Unicode.Scalar] {
        [Unicode.Scalar](unsafeUninitializedCapacity: max(0, bytes.count - start)) { buffer, count in
            var index = start
            while index < bytes.count {
                let (value, length) = UTF8Scan.scalar(at: index, in: bytes)
                // A String's UTF-8 is valid, so the replacement is never taken.
                let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
                if isEnd(scalar) { break }
                buffer[count] = scalar
                count += 1
                index += length
            }
        }
    }

    /// Drops spaces and the given punctuation from both ends.
    static func trimmed(_ scalars: ArraySlice<Unicode.Scalar>, also extra: Set<Unicode.Scalar> = []) -> ArraySlice<Unicode.Scalar> {
        var slice = scalars
        while let first = slice.first, isSpace(first) || extra.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, isSpace(last) || extra.contains(last) { slice = slice.dropLast() }
        return slice
    }

    // MARK: Backward searches for figure contexts

    typealias Word = [Unicode.Scalar]

    static func word(_ s: String) -> Word { Array(s.unicodeScalars) }

    /// End index of the last occurrence of `needle` lying fully inside `lo..<hi`.
    static func lastEnd(of needle: Word, in hay: [Unicode.Scalar], from lo: Int, to hi: Int) -> Int? {
        let m = needle.count
        guard m > 0, lo >= 0, hi <= hay.count, hi - lo >= m else { return nil }
        let first = needle[0]
        var start = hi - m
        while start >= lo {
            if hay[start] == first {
                var k = 1
                while k < m, hay[start + k] == needle[k] { k += 1 }
                if k == m { return start + m }
            }
            start -= 1
        }
        return nil
    }

    /// The latest end among all alternatives, or nil when none occurs.
    static func lastEnd(ofAny needles: [Word], in hay: [Unicode.Scalar], from lo: Int, to hi: Int) -> Int? {
        var best: Int?
        for n in needles {
            if let e = lastEnd(of: n, in: hay, from: lo, to: hi), e > (best ?? -1) { best = e }
        }
        return best
    }

    static func contains(_ needles: [Word], in hay: [Unicode.Scalar], from lo: Int, to hi: Int) -> Bool {
        needles.contains { lastEnd(of: $0, in: hay, from: lo, to: hi) != nil }
    }

    /// Whether `word` starts exactly at `at`.
    static func hasWord(_ word: Word, in hay: [Unicode.Scalar], at: Int) -> Bool {
        guard at >= 0, at + word.count <= hay.count else { return false }
        for k in 0..<word.count where hay[at + k] != word[k] { return false }
        return true
    }

    /// Marks that end a clause: commas, full stops, semicolons, colons (ASCII after NFKC, CJK kept as-is).
    static func isClauseDelimiter(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case ",", "，", "。", ";", "；", ":", "：", "!", "！", "?", "？", "\t": return true
        default: return false
        }
    }

    /// Marks that end a sentence for context purposes (a semicolon starts a new item in lists of channels).
    static func isSentenceDelimiter(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "。", ";", "；", "!", "！", "?", "？": return true
        default: return false
        }
    }

    /// Index just after the last delimiter before `index` (or `floor`).
    static func start(before index: Int, in hay: [Unicode.Scalar], floor: Int = 0, isDelimiter: (Unicode.Scalar) -> Bool) -> Int {
        var i = index - 1
        while i >= floor {
            if isDelimiter(hay[i]) { return i + 1 }
            i -= 1
        }
        return floor
    }

    /// Index of the first delimiter at or after `index` (or the end).
    static func end(after index: Int, in hay: [Unicode.Scalar], isDelimiter: (Unicode.Scalar) -> Bool) -> Int {
        var i = index
        while i < hay.count {
            if isDelimiter(hay[i]) { return i }
            i += 1
        }
        return hay.count
    }


    static func string(_ hay: [Unicode.Scalar], _ lo: Int, _ hi: Int) -> String {
        lo < hi ? string(hay[lo..<hi]) : ""
    }
}
