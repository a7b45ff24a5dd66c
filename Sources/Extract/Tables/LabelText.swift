import NianbaoCore

/// Scalar-level matching of table labels after `TextCleaner` (report-formats §4.1–4.2). Labels are compared
/// with whitespace and quote marks removed, and a "?" in the text stands for one lost character.
enum LabelText {
    /// The text without whitespace and quote marks: "3.危及 “三安全一稳定”" → "3.危及三安全一稳定".
    static func compact<S: StringProtocol>(_ text: S) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        // The UTF-8 length bounds the scalar count and is O(1); counting scalars was a second pass over the text.
        out.reserveCapacity(text.utf8.count)
        for s in text.unicodeScalars {
            switch s.value {
            case 0x20, 0x09, 0x0A, 0x0D, 0xA0, 0x3000, 0x22, 0x27, 0x201C, 0x201D, 0x2018, 0x2019, 0x300C, 0x300D,
                0x300E, 0x300F, 0x200B, 0xFEFF:
                continue
            default:
                out.append(s)
            }
        }
        return out
    }

    /// `compact` of a String through its UTF-8: a hand-rolled decode is several times faster than the generic
    /// scalar view. (Table zones write compact forms straight into shared buffers with `writeCompact`.)
    static func compact(_ text: String) -> [Unicode.Scalar] {
        return text.withUTF8Bytes { compact(utf8: $0) }
    }

    /// `compact` of UTF-8 bytes cut at scalar boundaries (a String's, or a slice of them).
    static func compact(utf8 b: UnsafeBufferPointer<UInt8>) -> [Unicode.Scalar] {
        // Filled then cut rather than `init(unsafeUninitializedCapacity:)`, which is not specialised and looks up
        // generic metadata on every call.
        var out = [Unicode.Scalar](repeating: "\0", count: b.count)
        let count = out.withUnsafeMutableBufferPointer { writeCompact(b, to: $0, at: 0) }
        out.removeLast(out.count - count)
        return out
    }

    /// Writes the compact scalars of `b` into `out` from index `k` and returns the index after the last one;
    /// `out` has room for `b.count` scalars from `k` (a scalar takes at least one byte).
    @inline(__always)
    static func writeCompact(_ b: UnsafeBufferPointer<UInt8>, to out: UnsafeMutableBufferPointer<Unicode.Scalar>, at start: Int) -> Int {
        var k = start
        var i = 0
        let n = b.count
        while i < n {
            // Fast paths for ASCII and for lead bytes E4–E9 (U+4000–U+9FFF, the Han block, none of it dropped):
            // between them nearly every scalar of a report.
            let b0 = b[i]
            if b0 < 0x80 {
                i += 1
                if b0 < 64 && (ignoredASCII >> UInt64(b0)) & 1 != 0 { continue }
                out[k] = Unicode.Scalar(b0)
                k += 1
                continue
            }
            if b0 &- 0xE4 < 6, i + 2 < n {
                let v = (UInt32(b0) & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F)
                i += 3
                // U+4000–U+9FFF are all scalars: no surrogate lies there.
                out[k] = unsafeBitCast(v, to: Unicode.Scalar.self)
                k += 1
                continue
            }
            guard let v = decode(b, &i) else { break }
            if isIgnored(v) { continue }
            guard let scalar = Unicode.Scalar(v) else { continue }
            out[k] = scalar
            k += 1
        }
        return k
    }

    /// The first two scalars of `compact(utf8: b)`, without building it.
    static func compactHead(_ b: UnsafeBufferPointer<UInt8>) -> (Unicode.Scalar?, Unicode.Scalar?) {
        var first: Unicode.Scalar?
        var i = 0
        while i < b.count {
            guard let v = decode(b, &i) else { break }
            if isIgnored(v) { continue }
            guard let scalar = Unicode.Scalar(v) else { continue }
            if first == nil {
                first = scalar
            } else {
                return (first, scalar)
            }
        }
        return (first, nil)
    }

    /// The scalar value starting at `b[i]`, moving `i` past it; nil when the bytes end inside it.
    @inline(__always)
    private static func decode(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> UInt32? {
        let n = b.count
        let b0 = UInt32(b[i])
        if b0 < 0x80 {
            i += 1
            return b0
        } else if b0 < 0xE0 {
            guard i + 1 < n else { return nil }
            defer { i += 2 }
            return (b0 & 0x1F) << 6 | UInt32(b[i + 1] & 0x3F)
        } else if b0 < 0xF0 {
            guard i + 2 < n else { return nil }
            defer { i += 3 }
            return (b0 & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F)
        } else {
            guard i + 3 < n else { return nil }
            defer { i += 4 }
            return (b0 & 0x07) << 18 | UInt32(b[i + 1] & 0x3F) << 12 | UInt32(b[i + 2] & 0x3F) << 6 | UInt32(b[i + 3] & 0x3F)
        }
    }

    /// Bit c set for the ASCII scalars `isIgnored` drops: tab, LF, CR, space, '"' and "'".
    private static let ignoredASCII: UInt64 = 1 << 0x09 | 1 << 0x0A | 1 << 0x0D | 1 << 0x20 | 1 << 0x22 | 1 << 0x27

    /// The scalars `compact` drops; Han and most text are above U+300F, so one comparison settles them.
    @inline(__always)
    private static func isIgnored(_ v: UInt32) -> Bool {
        if v > 0x300F { return v == 0xFEFF }
        switch v {
        case 0x20, 0x09, 0x0A, 0x0D, 0xA0, 0x3000, 0x22, 0x27, 0x201C, 0x201D, 0x2018, 0x2019, 0x300C, 0x300D,
            0x300E, 0x300F, 0x200B:
            return true
        default:
            return false
        }
    }

    static func scalars(_ text: String) -> [Unicode.Scalar] { Array(text.unicodeScalars) }

    static func isHan(_ s: Unicode.Scalar) -> Bool { TextCleaner.isHan(s) }

    static func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 0x30 && s.value <= 0x39 }

    /// End (exclusive) of the rightmost occurrence of `needle` in `hay`; a "?" in `hay` matches any scalar.
    static func lastMatchEnd(_ hay: [Unicode.Scalar], _ needle: [Unicode.Scalar]) -> Int? {
        lastMatchEnd(hay, needle, endingAfter: needle.count - 1)
    }

    /// As `lastMatchEnd(_:_:)`, only for matches that end after index `minimumEnd` (the newest label of a buffer).
    static func lastMatchEnd(_ hay: [Unicode.Scalar], _ needle: [Unicode.Scalar], endingAfter minimumEnd: Int) -> Int? {
        guard !needle.isEmpty, hay.count >= needle.count else { return nil }
        let lowest = max(0, minimumEnd - needle.count + 1)
        // Unsafe buffers: this runs for every label against every buffered line, and array bounds checks
        // were most of its cost.
        return hay.withUnsafeBufferPointer { h in
            needle.withUnsafeBufferPointer { n in
                let m = n.count
                let wildcardAllowed = m > 2
                let first = n[0]
                var start = h.count - m
                while start >= lowest {
                    let head = h[start]
                    if head != first && (head != "?" || !wildcardAllowed) {
                        start -= 1
                        continue
                    }
                    var wildcards = head == first ? 0 : 1
                    var ok = true
                    var j = 1
                    while j < m {
                        let c = h[start + j]
                        if c != n[j] {
                            // One lost character per keyword is tolerated, never a keyword made of "?" alone.
                            if c == "?" && wildcards == 0 && wildcardAllowed {
                                wildcards += 1
                            } else {
                                ok = false
                                break
                            }
                        }
                        j += 1
                    }
                    if ok { return start + m }
                    start -= 1
                }
                return nil
            }
        }
    }

    static func contains(_ hay: [Unicode.Scalar], _ needle: [Unicode.Scalar]) -> Bool {
        lastMatchEnd(hay, needle) != nil
    }

    private static let chineseDigits: [Unicode.Scalar] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]

    /// Value 1–10 of a Chinese numeral scalar.
    static func chineseNumeral(_ s: Unicode.Scalar) -> Int? {
        chineseDigits.firstIndex(of: s).map { $0 + 1 }
    }

    /// A leading ordinal: "一、" → (.section, 1); "(三)" → (.paren, 3); "2." "2、" "(2)" → (.arabic, 2).
    enum OrdinalKind { case section, paren, arabic }

    static func leadingOrdinal(_ c: [Unicode.Scalar]) -> (kind: OrdinalKind, value: Int)? {
        guard let first = c.first else { return nil }
        if let n = chineseNumeral(first), c.count >= 2, c[1] == "、" || c[1] == "." || c[1] == "," {
            return (.section, n)
        }
        if first == "(" || first == "（", c.count >= 3, c[2] == ")" || c[2] == "）" {
            if let n = chineseNumeral(c[1]) { return (.paren, n) }
            if isDigit(c[1]) { return (.arabic, Int(c[1].value - 0x30)) }
        }
        if isDigit(first), c.count >= 2, c[1] == "." || c[1] == "、" || c[1] == "," {
            return (.arabic, Int(first.value - 0x30))
        }
        return nil
    }
}
