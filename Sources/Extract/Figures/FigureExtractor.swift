import NianbaoCore

/// Extracts figures stated in running text (report-formats §2.5, §5.3) and their "其中" breakdowns (§5.4).
///
/// Each prose line is scanned once for numbers (`NumberScanner`); a number becomes a figure only when the words
/// before it name a catalogued metric (`MetricRules`), so dates, document numbers, phones and postcodes fall away.
/// Lines with "|" are table rows: the template tables belong to `TableExtractor`, and only pre-2019 statistics rows
/// are read here (`StatisticsTableReader`). See `FigureMetrics` for units, `.part`, `.share` and `.cumulative`.
enum FigureExtractor {
    static func extract(_ text: CleanText, metadata: ReportMetadata) -> (figures: [Figure], breakdowns: [FigureBreakdown]) {
        var figures: [Figure] = []
        var breakdowns: [FigureBreakdown] = []
        var statistics = StatisticsTableReader()
        // One scalar buffer for all lines: most lines are table rows or hold no figure, and are decided on their
        // UTF-8 bytes or on this buffer without allocating.
        var scalars: [Unicode.Scalar] = []
        var scratch: [Unicode.Scalar] = []
        var marks = FigureBytes.Marks()
        for textLine in text.lines {
            let line = textLine.text
            let isProse = line.withUTF8Bytes { bytes in
                if FigureBytes.containsPipe(bytes) { return false }
                FigureBytes.decode(bytes, into: &scalars, marks: &marks, scratch: &scratch)
                return true
            }
            guard isProse else {
                if line.withUTF8Bytes(StatisticsTableReader.mayBeStatisticsRow) {
                    figures += statistics.read(textLine.text, lineNumber: textLine.number)
                }
                continue
            }
            let tokens = marks.numerals.isEmpty ? [] : NumberScanner.scan(scalars, numerals: marks.numerals)
            // Without a number, only a zero said in words can come out of the line.
            if tokens.isEmpty && marks.negations.isEmpty { continue }
            let (placed, lists) = LineFigureReader(line: scalars, lineNumber: textLine.number)
                .read(tokens, negations: marks.negations)
            guard !lists.isEmpty else {
                figures.append(contentsOf: placed.lazy.map(\.figure))
                continue
            }
            var indexOfToken: [Int: Int] = [:]
            for p in placed {
                if let token = p.token { indexOfToken[token] = figures.count }
                figures.append(p.figure)
            }
            for list in lists {
                guard let total = indexOfToken[list.total] else { continue }
                let parts = list.parts.compactMap { indexOfToken[$0] }
                if parts.count == list.parts.count { breakdowns.append(FigureBreakdown(total: total, parts: parts)) }
            }
        }
        return (figures, breakdowns)
    }
}

/// Scalar tests inlined into the figure scanners (`ScalarText`'s are not inlined across files).
enum FigureScalars {
    /// `ScalarText.isClauseDelimiter`.
    @inline(__always)
    static func isClauseDelimiter(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 { return v == 0x2C || v == 0x3B || v == 0x3A || v == 0x21 || v == 0x3F || v == 0x09 }
        return v == 0xFF0C || v == 0x3002 || v == 0xFF1B || v == 0xFF1A || v == 0xFF01 || v == 0xFF1F
    }

    /// The String of `line[lo..<hi]`, encoded straight to UTF-8: appending scalars to a String one slice at a
    /// time costs thousands of instructions per quote.
    static func string(_ line: [Unicode.Scalar], _ lo: Int, _ hi: Int) -> String {
        guard lo < hi, lo >= 0, hi <= line.count else { return "" }
        return line.withUnsafeBufferPointer { s in
            String(knownValidUTF8Capacity: (hi - lo) * 4) { out in
                var n = 0
                for c in s[lo..<hi] {
                    let v = c.value
                    if v < 0x80 {
                        out[n] = UInt8(v)
                        n += 1
                    } else if v < 0x800 {
                        out[n] = UInt8(0xC0 | v >> 6)
                        out[n + 1] = UInt8(0x80 | v & 0x3F)
                        n += 2
                    } else if v < 0x10000 {
                        out[n] = UInt8(0xE0 | v >> 12)
                        out[n + 1] = UInt8(0x80 | v >> 6 & 0x3F)
                        out[n + 2] = UInt8(0x80 | v & 0x3F)
                        n += 3
                    } else {
                        out[n] = UInt8(0xF0 | v >> 18)
                        out[n + 1] = UInt8(0x80 | v >> 12 & 0x3F)
                        out[n + 2] = UInt8(0x80 | v >> 6 & 0x3F)
                        out[n + 3] = UInt8(0x80 | v & 0x3F)
                        n += 4
                    }
                }
                return n
            }
        }
    }
}

/// Which scalars (by `value & 127`) occur in a stretch of a line: a word whose scalars are not all in it cannot
/// occur there, which rules out most keyword scans before they start.
struct ScalarBloom: Sendable {
    private var low: UInt64 = 0
    private var high: UInt64 = 0

    init() {}

    init(_ scalars: some Sequence<Unicode.Scalar>) {
        for c in scalars { insert(c) }
    }

    @inline(__always)
    mutating func insert(_ c: Unicode.Scalar) {
        let bit = c.value & 127
        if bit < 64 { low |= 1 << UInt64(bit) } else { high |= 1 << UInt64(bit - 64) }
    }

    /// Whether every scalar of `word` may be here.
    @inline(__always)
    func mayContain(_ word: ScalarBloom) -> Bool {
        word.low & ~low == 0 && word.high & ~high == 0
    }
}

/// Byte-level helpers for the figure readers: every line of every report passes through them.
enum FigureBytes {
    /// Where numbers and negations can start in a decoded prose line, noted while decoding so that neither
    /// `NumberScanner` nor the zero reader walks the line again. Reused from line to line.
    struct Marks {
        /// Indices of every ASCII digit and Chinese numeral, ascending: no number starts elsewhere.
        var numerals: [Int] = []
        /// Indices of every `LineFigureReader.isNegationScalar`, ascending: zeros are said in words only there.
        var negations: [Int] = []
    }

    /// One bit per `v & 0xFFF` of the Chinese numerals and 未 没 无 免 不: one load and shift rules out all but
    /// about 1 in 200 other characters while decoding.
    private static let markBits: [UInt64] = {
        var bits = [UInt64](repeating: 0, count: 64)
        for c in "〇一二两三四五六七八九十百千万亿零未没无免不".unicodeScalars {
            bits[Int(c.value >> 6 & 63)] |= 1 << UInt64(c.value & 63)
        }
        return bits
    }()

    /// Replaces `scalars` with the scalars of `bytes` (valid UTF-8, as every String's storage is) and `marks` with
    /// where numbers and negations stand, so the line is walked once. The arrays' storage is reused from line to
    /// line: allocating fresh ones goes through the generic array allocator, hundreds of instructions per line.
    /// `scratch` only grows, so it is not refilled per line: the scalars are decoded into it and copied out.
    static func decode(
        _ bytes: UnsafeBufferPointer<UInt8>, into scalars: inout [Unicode.Scalar], marks: inout Marks,
        scratch: inout [Unicode.Scalar]
    ) {
        marks.numerals.removeAll(keepingCapacity: true)
        marks.negations.removeAll(keepingCapacity: true)
        if scratch.count < bytes.count {
            scratch.append(contentsOf: repeatElement(Unicode.Scalar(UInt8(0)), count: bytes.count - scratch.count))
        }
        var count = 0
        markBits.withUnsafeBufferPointer { markBits in
            scratch.withUnsafeMutableBufferPointer { out in
                var i = 0
                var n = 0
                let end = bytes.count
                while i < end {
                    let b0 = UInt32(bytes[i])
                    let v: UInt32
                    // Three-byte sequences first: Han characters and CJK punctuation make up most of the text.
                    if b0 & 0xF0 == 0xE0, i + 2 < end {
                        let u = (b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
                        i += 3
                        // A String's storage is valid UTF-8, so a three-byte sequence is a valid scalar (never a
                        // surrogate): the failable initialiser's checks cost a sixth of the loop.
                        out[n] = unsafeBitCast(u, to: Unicode.Scalar.self)
                        if markBits[Int(u >> 6 & 63)] >> UInt64(u & 63) & 1 != 0 {
                            switch u {
                            case 0x4E0D, 0x672A, 0x6CA1, 0x65E0, 0x514D:  // 不 未 没 无 免
                                marks.negations.append(n)
                            default:
                                if NumberScanner.isChineseNumeral(out[n]) { marks.numerals.append(n) }
                            }
                        }
                        n += 1
                        continue
                    }
                    if b0 < 0x80 {
                        v = b0
                        i += 1
                        if v &- 0x30 < 10 { marks.numerals.append(n) }
                    } else if b0 < 0xE0 {
                        guard i + 1 < end else { break }
                        v = (b0 & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
                        i += 2
                    } else {
                        guard i + 3 < end else { break }
                        v = (b0 & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6
                            | UInt32(bytes[i + 3] & 0x3F)
                        i += 4
                    }
                    out[n] = Unicode.Scalar(v) ?? "\u{FFFD}"
                    n += 1
                }
                count = n
            }
        }
        scalars.removeAll(keepingCapacity: true)
        scalars.append(contentsOf: scratch[..<count])
    }

    /// Whether the bytes hold a "|", eight at a time: every line of a report is tested.
    static func containsPipe(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = UnsafeRawPointer(bytes.baseAddress) else { return false }
        let n = bytes.count
        var i = 0
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let pipes = ones &* 0x7C
        while i + 8 <= n {
            // A zero byte in word ^ pipes is a "|" (the classic has-zero-byte test, exact when it says no).
            let x = base.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ pipes
            if (x &- ones) & ~x & highs != 0 { break }
            i += 8
        }
        while i < n {
            if bytes[i] == 0x7C { return true }
            i += 1
        }
        return false
    }

    /// Whether `bytes[i...]` starts with `word`.
    @inline(__always)
    static func hasPrefix(_ word: [UInt8], _ bytes: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> Bool {
        guard i + word.count <= end else { return false }
        for k in 0..<word.count where bytes[i + k] != word[k] { return false }
        return true
    }
}

/// Rules raised while reading figures: none; sums of breakdowns are checked by Validate.
enum FigureRules {
    static let all: [Rule] = []
}
