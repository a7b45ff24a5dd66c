import Foundation
import NianbaoCore

/// Cleans lines before any matching (report-formats §4.1): NFKC, pinyin glosses and "?" debris removed,
/// traditional → simplified when the document needs it, page boilerplate dropped. Line numbers are kept.
struct TextCleaner: Sendable {
    init() {}

    func clean(_ lines: [TextLine]) -> CleanText {
        var cleaned: [TextLine] = []
        cleaned.reserveCapacity(lines.count)
        var tally = ScriptDetector.Tally()
        for line in lines {
            // One scan tells whether the line needs more than trimming (rare) and, when it does not, already holds
            // what boilerplate detection and the script tally need: trimming removes only spaces.
            var facts = LineFacts(line.text)
            var text = line.text
            if facts.changesText {
                // `cleanLine` step by step, each check answered by the scan of the text it applies to. Full-width
                // punctuation makes NFKC the common case in prose; glosses and debris are rare.
                if facts.flags & LineFacts.needsMapping != 0 {
                    if let mapped = Self.simplyMapped(text) {
                        text = mapped
                        facts.rescanASCII(of: text)
                    } else {
                        text = text.precomposedStringWithCompatibilityMapping
                        facts = LineFacts(text)
                    }
                }
                let removesMore = facts.mayHoldPinyinGloss || facts.flags & LineFacts.debris != 0
                if facts.mayHoldPinyinGloss { text = Self.removePinyinGlosses(text) }
                if facts.flags & LineFacts.debris != 0 { text = Self.removeQuestionMarkDebris(text) }
                text = Self.trimmingWhitespace(text)
                if removesMore { facts = LineFacts(text) }
            } else {
                text = Self.trimmingWhitespace(text)
            }
            if Self.isBoilerplate(text, facts) { continue }
            tally.add(traditional: facts.traditional, simplified: facts.simplified)
            cleaned.append(TextLine(number: line.number, text: text))
        }
        let script = tally.script
        if script != .simplified { Self.simplify(&cleaned) }
        return CleanText(lines: cleaned, script: script)
    }

    /// What one pass over a line's UTF-8 finds: whether NFKC, gloss or debris removal could change it, the
    /// script-distinguishing characters, and the first characters of boilerplate words.
    struct LineFacts: Equatable {
        private(set) var flags: UInt8 = 0
        private(set) var traditional = 0
        private(set) var simplified = 0
        /// `(` followed by a possible pinyin letter.
        private(set) var mayHoldPinyinGloss = false
        /// A furniture word ("打印本页", "【关闭】" …) occurs.
        private(set) var hasFurnitureWord = false

        static let traditionalChar: UInt8 = 1
        static let simplifiedChar: UInt8 = 2
        static let degree: UInt8 = 4
        static let fontSize: UInt8 = 8
        static let furnitureLead: UInt8 = 16
        static let needsMapping: UInt8 = 32
        static let debris: UInt8 = 64

        var changesText: Bool { flags & (Self.needsMapping | Self.debris) != 0 || mayHoldPinyinGloss }

        /// The facts of `mapped`, the simple-set NFKC image of the line these facts were read from. That mapping keeps
        /// every non-ASCII scalar it does not turn into ASCII, and what it maps (full-width forms, spaces) is neither
        /// Han, ℃, a furniture word's character nor U+FFFD (those outside the set go to Foundation), so only what
        /// the ASCII bytes tell, "?" and "(" before a pinyin letter, is read again; no candidate is left.
        mutating func rescanASCII(of mapped: String) {
            flags &= ~(Self.needsMapping | Self.debris)
            mayHoldPinyinGloss = false
            mapped.withUTF8Bytes { bytes in
                // What `noteASCII` would find byte by byte, found by memchr: most prose has no "?" and few "(".
                if UTF8Scan.contains(bytes, byte: UInt8(ascii: "?")) { flags |= Self.debris }
                var from = 0
                while let open = UTF8Scan.firstIndex(of: UInt8(ascii: "("), in: bytes, from: from) {
                    if Self.mayOpenGloss(at: open, in: bytes) {
                        mayHoldPinyinGloss = true
                        return
                    }
                    from = open + 1
                }
            }
        }

        /// What an ASCII byte tells: "?" is debris, "(" before a pinyin letter may open a gloss. Other bytes,
        /// non-ASCII ones included, tell nothing here.
        @inline(__always)
        private mutating func noteASCII(at i: Int, in bytes: UnsafeBufferPointer<UInt8>) {
            let byte = bytes[i]
            if byte == UInt8(ascii: "?") {
                flags |= Self.debris
            } else if byte == UInt8(ascii: "("), Self.mayOpenGloss(at: i, in: bytes) {
                mayHoldPinyinGloss = true
            }
        }

        /// Whether the "(" at `i` is followed by a byte a pinyin letter may start with.
        @inline(__always)
        private static func mayOpenGloss(at i: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            i + 1 < bytes.count && TextCleaner.mayStartPinyinLetter(bytes[i + 1])
        }

        init(_ line: String) {
            let furniture = TextCleaner.furnitureBytes
            TextCleaner.characterFlags.withUnsafeBufferPointer { table in
                line.withUTF8Bytes { bytes in
                    var i = 0
                    let count = bytes.count
                    while i < count {
                        let byte = bytes[i]
                        if byte < 0x80 {
                            noteASCII(at: i, in: bytes)
                            i += 1
                            continue
                        }
                        let (v, length) = UTF8Scan.scalar(at: i, in: bytes)
                        if v < 0x10000 {
                            let f = table[Int(v)]
                            if f != 0 {
                                flags |= f
                                traditional &+= Int(f & Self.traditionalChar)
                                simplified &+= Int((f & Self.simplifiedChar) >> 1)
                                if f & Self.furnitureLead != 0 && !hasFurnitureWord {
                                    hasFurnitureWord = furniture.contains { UTF8Scan.hasWord(bytes, $0, at: i) }
                                }
                            }
                        }
                        i += length
                    }
                }
            }
        }
    }

    /// `LineFacts` flags for U+0000…U+FFFF (non-ASCII; ASCII is tested inline).
    static let characterFlags: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 0x10000)
        for (offset, kind) in ScriptDetector.kinds.enumerated() where kind != 0 {
            table[0x4E00 + offset] = kind == 1 ? LineFacts.traditionalChar : LineFacts.simplifiedChar
        }
        table[0x2103] |= LineFacts.degree  // ℃
        table[0x5B57] |= LineFacts.fontSize  // 字
        for lead in "打关分【關".unicodeScalars { table[Int(lead.value)] |= LineFacts.furnitureLead }
        for v in 0x80..<0x10000 where isCompatibilityCandidate(UInt32(v)) { table[v] |= LineFacts.needsMapping }
        table[0xFFFD] |= LineFacts.debris
        return table
    }()

    /// t2s line by line, which equals converting the joined document (no dictionary key holds a line break).
    /// OpenCC got the document in one piece as a C string and stopped at the first NUL, which left a whole document
    /// unconverted when a UTF-16 file held U+0000; lines are now converted whatever they hold.
    private static func simplify(_ lines: inout [TextLine]) {
        let converter = SimplifiedConverter.shared
        for i in lines.indices {
            lines[i].text = localisedVocabulary(converter.toSimplified(lines[i].text))
        }
    }

    /// NFKC where needed, pinyin glosses and "?" debris removed, ends trimmed.
    static func cleanLine(_ line: String) -> String {
        var text = needsCompatibilityMapping(line) ? compatibilityMapped(line) : line
        text = removePinyinGlosses(text)
        text = removeQuestionMarkDebris(text)
        return trimmingWhitespace(text)
    }

    /// NFKC is the identity on plain CJK and ASCII; only full-width forms, ideographic spaces, NBSP, circled numbers
    /// and compatibility ideographs change. Checking first avoids normalising every line of every report.
    static func needsCompatibilityMapping(_ line: String) -> Bool {
        return line.withUTF8Bytes { bytes in
            var i = 0
            while i < bytes.count {
                if bytes[i] < 0x80 {
                    i += 1
                    continue
                }
                let (v, length) = UTF8Scan.scalar(at: i, in: bytes)
                if isCompatibilityCandidate(v) { return true }
                i += length
            }
            return false
        }
    }

    private static func isCompatibilityCandidate(_ v: UInt32) -> Bool {
        v == 0x00A0 || v == 0x3000 || (0xFF00...0xFFEF).contains(v) || (0x2460...0x24FF).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0x2F00...0x2FDF).contains(v) || (0x2000...0x200B).contains(v)
    }

    /// NFKC of the line. Foundation's NFKC costs ~10 µs a line and full-width brackets make it frequent, so lines made
    /// only of characters whose NFKC is a single known character (ASCII, Han, CJK punctuation, full-width ASCII,
    /// space-likes; all starters that never compose) are mapped here, and anything else goes to Foundation.
    static func compatibilityMapped(_ line: String) -> String {
        simplyMapped(line) ?? line.precomposedStringWithCompatibilityMapping
    }

    /// The NFKC of a line made only of the simple set (see `compatibilityMapped`), or nil for any other line.
    static func simplyMapped(_ line: String) -> String? {
        var outsideSimpleSet = false
        let mapped = line.withUTF8Bytes { bytes in
            // Every image in the simple set is the scalar itself or ASCII, so the result is never longer.
            String(knownValidUTF8Capacity: bytes.count) { out in
                var count = 0
                var i = 0
                while i < bytes.count {
                    if bytes[i] < 0x80 {
                        out[count] = bytes[i]
                        count += 1
                        i += 1
                        continue
                    }
                    let (v, length) = UTF8Scan.scalar(at: i, in: bytes)
                    guard let m = simpleCompatibilityMapping(v), m == v || m < 0x80 else {
                        outsideSimpleSet = true
                        return 0
                    }
                    if m == v {
                        for k in 0..<length { out[count + k] = bytes[i + k] }
                        count += length
                    } else {
                        out[count] = UInt8(truncatingIfNeeded: m)
                        count += 1
                    }
                    i += length
                }
                return count
            }
        }
        return outsideSimpleSet ? nil : mapped
    }

    /// The NFKC image of a scalar from the simple set, or nil when the scalar is outside it.
    static func simpleCompatibilityMapping(_ v: UInt32) -> UInt32? {
        switch v {
        case 0x00...0x7F, 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x3001...0x3029, 0x3030...0x3035, 0x00B7, 0x2010,
            0x2012...0x2016, 0x2018...0x2023, 0x2027:
            return v
        case 0x00A0, 0x3000, 0x2000...0x200A: return 0x20
        case 0xFF01...0xFF5E: return v - 0xFEE0
        default: return nil
        }
    }

    /// `trimmingCharacters(in: .whitespaces)` without Foundation (the set checked scalar by scalar in the tests).
    static func trimmingWhitespace(_ line: String) -> String {
        // Every trimmed scalar starts with 09, 20, C2, E1, E2 or E3, so most lines are answered by two bytes.
        let untouched = line.withUTF8Bytes { bytes in
            guard let first = bytes.first else { return true }
            let lastLead = bytes[UTF8Scan.scalarStart(before: bytes.count, in: bytes)]
            return !mayStartWhitespace(first) && !mayStartWhitespace(lastLead)
        }
        if untouched { return line }
        let scalars = line.unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, isWhitespace(scalars[start]) { start = scalars.index(after: start) }
        if start == end { return start == scalars.startIndex ? line : "" }
        while isWhitespace(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        if start == scalars.startIndex && end == scalars.endIndex { return line }
        return String(scalars[start..<end])
    }

    @inline(__always)
    private static func mayStartWhitespace(_ lead: UInt8) -> Bool {
        lead == 0x09 || lead == 0x20 || lead == 0xC2 || (lead >= 0xE1 && lead <= 0xE3)
    }

    private static func isWhitespace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        // Foundation's `.whitespaces` on Linux: tab, Zs, and also U+200B ZERO WIDTH SPACE.
        case 0x09, 0x20, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    static func isHan(_ s: Unicode.Scalar) -> Bool { isHan(s.value) }

    static func isPinyinLetter(_ s: Unicode.Scalar) -> Bool { isPinyinLetter(s.value) }

    /// a–z, tone-marked vowels and ü (āáǎà ēéěè īíǐì ōóǒò ūúǔù ǖǘǚǜ ü ńňǹ ḿ êếề).
    @inline(__always)
    private static func isPinyinLetter(_ v: UInt32) -> Bool {
        switch v {
        case 0x61...0x7A: return true
        case 0x80...: return pinyinMarkedLetters.contains(v)
        default: return false
        }
    }

    private static let pinyinMarkedLetters = Set("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿêếề".unicodeScalars.map(\.value))

    @inline(__always)
    private static func isHan(_ v: UInt32) -> Bool {
        (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) || (0xF900...0xFAFF).contains(v)
    }

    /// "報(bào)告" → "報告", "政(zheng)(zheng)府" → "政府"; "(一)", "(1)", "(本列…)" and acronyms are untouched
    /// because a gloss is 1–7 lower-case pinyin letters right after a Han character.
    /// On the line's UTF-8 (a scalar array and a scalar-by-scalar String were ~45,000 instructions a line, 2% of
    /// extraction); a line without a gloss comes back as it is.
    static func removePinyinGlosses(_ line: String) -> String {
        return line.withUTF8Bytes { bytes in
            // The first gloss decides whether a copy is made at all.
            var i = 0
            var firstGloss: Range<Int>?
            while i < bytes.count {
                let (v, length) = UTF8Scan.scalar(at: i, in: bytes)
                i += length
                if isHan(v) {
                    let end = glossesEnd(from: i, in: bytes)
                    if end > i {
                        firstGloss = i..<end
                        break
                    }
                }
            }
            guard let firstGloss else { return line }
            return String(knownValidUTF8Capacity: bytes.count) { out in
                var count = firstGloss.lowerBound
                for k in 0..<count { out[k] = bytes[k] }
                var i = firstGloss.upperBound
                while i < bytes.count {
                    let (v, length) = UTF8Scan.scalar(at: i, in: bytes)
                    for k in 0..<length { out[count + k] = bytes[i + k] }
                    count += length
                    i += length
                    if isHan(v) { i = glossesEnd(from: i, in: bytes) }
                }
                return count
            }
        }
    }

    /// Where the glosses that follow a Han character ending at `start` end ("(zheng)(zheng)"); `start` when none
    /// does.
    private static func glossesEnd(from start: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var j = start
        while j < bytes.count, bytes[j] == UInt8(ascii: "(") {
            var k = j + 1
            var letters = 0
            while k < bytes.count, letters < 8 {
                let (v, length) = UTF8Scan.scalar(at: k, in: bytes)
                guard isPinyinLetter(v) else { break }
                k += length
                letters += 1
            }
            guard k < bytes.count, bytes[k] == UInt8(ascii: ")"), (1...7).contains(letters) else { break }
            j = k + 1
        }
        return j
    }

    /// Whether a byte can be the first UTF-8 byte of a pinyin letter: a–z, or the lead bytes C3, C4, C5, C7 (Latin-1
    /// and Latin Extended tone vowels) and E1 (ḿ ế ề).
    @inline(__always)
    static func mayStartPinyinLetter(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x61...0x7A, 0xC3, 0xC4, 0xC5, 0xC7, 0xE1: return true
        default: return false
        }
    }

    /// "?" (and U+FFFD) stands for a lost space-like character around numbers and labels ("? ? 0", "?0", "? 總計"):
    /// drop it. Between two Han characters it marks a lost character and is kept for fuzzy matching.
    /// On the line's UTF-8, like `removePinyinGlosses`.
    static func removeQuestionMarkDebris(_ line: String) -> String {
        return line.withUTF8Bytes { bytes in
            guard UTF8Scan.contains(bytes, byte: UInt8(ascii: "?")) || UTF8Scan.contains(bytes, replacementBytes) else { return line }
            return String(knownValidUTF8Capacity: bytes.count) { out in
                var count = 0
                var i = 0
                var before: UInt32?
                while i < bytes.count {
                    let (v, length) = UTF8Scan.scalar(at: i, in: bytes)
                    var keep = true
                    if v == 0x3F || v == 0xFFFD {
                        keep = false
                        if let before, isHan(before), i + length < bytes.count {
                            let after = UTF8Scan.scalar(at: i + length, in: bytes).value
                            keep = isHan(after) || isPinyinLetter(after)
                        }
                    }
                    if keep {
                        for k in 0..<length { out[count + k] = bytes[i + k] }
                        count += length
                    }
                    before = v
                    i += length
                }
                return count
            }
        }
    }

    private static let replacementBytes = Array("\u{FFFD}".utf8)

    private static let breadcrumbPrefixes = ["当前位置", "當前位置", "您的位置", "您现在的位置", "首页 >", "首頁 >", "首页>", "首頁>"]
        .map { Array($0.utf8) }
    private static let airQualityBytes = [Array("空气质量".utf8), Array("空氣質量".utf8)]
    private static let fontSizeBytes = Array("字号".utf8)
    private static let fontSizeWordBytes = [Array("大".utf8), Array("中".utf8), Array("小".utf8)]
    static let furnitureBytes = ["打印本页", "关闭窗口", "分享到", "【打印】", "【关闭】", "打印本頁", "關閉窗口"].map { Array($0.utf8) }

    /// Page furniture that is never report content (report-formats §4.1 item 6).
    static func isBoilerplate(_ line: String) -> Bool {
        isBoilerplate(line, LineFacts(line))
    }

    /// `facts` come from the line or from the same line before trimming spaces (no word below starts or ends with one).
    private static func isBoilerplate(_ line: String, _ facts: LineFacts) -> Bool {
        if line.isEmpty { return false }
        return line.withUTF8Bytes { bytes in
            // Breadcrumbs start with 当 當 您 首, whose UTF-8 lead bytes are E5–E9.
            if bytes[0] >= 0xE5 && bytes[0] <= 0xE9, breadcrumbPrefixes.contains(where: { UTF8Scan.hasPrefix(bytes, $0) }) {
                return true
            }
            if facts.flags & LineFacts.degree != 0 && airQualityBytes.contains(where: { UTF8Scan.contains(bytes, $0) }) {
                return true
            }
            if facts.flags & LineFacts.fontSize != 0 && UTF8Scan.contains(bytes, fontSizeBytes)
                && fontSizeWordBytes.allSatisfy({ UTF8Scan.contains(bytes, $0) }) && line.count < 30
            {
                return true
            }
            // The character count is only needed when a furniture word occurs (the common case has none).
            return facts.hasFurnitureWord && line.count < 40
        }
    }

    private static let informationBytes = Array("资讯".utf8)
    private static let optimiseBytes = Array("最佳化".utf8)

    /// Big5-gateway pages localise vocabulary as well as characters (report-formats §4.1 item 3).
    static func localisedVocabulary(_ text: String) -> String {
        let (holdsWord, replaced) = text.withUTF8Bytes { bytes -> (Bool, String?) in
            guard UTF8Scan.contains(bytes, informationBytes) || UTF8Scan.contains(bytes, optimiseBytes) else { return (false, nil) }
            return (true, replacedOnBytes(bytes))
        }
        guard holdsWord else { return text }
        return replaced ?? text.replacingOccurrences(of: "资讯", with: "信息").replacingOccurrences(of: "最佳化", with: "优化")
    }

    /// Both replacements on bytes, or nil when the line holds a scalar outside ASCII, U+4000…U+9FFF and the
    /// non-combining part of U+3000…U+303F. Foundation matches by Character: with only those scalars every scalar is
    /// its own Character and none has a canonical equivalent, so a byte match is exactly a Character match.
    private static func replacedOnBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var i = 0
        while i < bytes.count {
            let lead = bytes[i]
            if lead < 0x80 {
                i += 1
            } else if lead >= 0xE4 && lead <= 0xE9 {
                i += 3
            } else if lead == 0xE3, i + 2 < bytes.count, bytes[i + 1] == 0x80, !(0xAA...0xAF).contains(bytes[i + 2]) {
                i += 3
            } else {
                return nil
            }
        }
        // 资讯 → 信息 (same length), then 最佳化 → 优化 on the result, as the two Foundation calls did in turn.
        var out = Array(bytes)
        var start = 0
        while let found = UTF8Scan.firstIndex(of: informationBytes, in: bytes, from: start) {
            out.replaceSubrange(found..<(found + informationBytes.count), with: informationReplacement)
            start = found + informationBytes.count
        }
        var result: [UInt8] = []
        result.reserveCapacity(out.count)
        out.withUnsafeBufferPointer { out in
            var copied = 0
            var from = 0
            while let found = UTF8Scan.firstIndex(of: optimiseBytes, in: out, from: from) {
                result.append(contentsOf: out[copied..<found])
                result.append(contentsOf: optimiseReplacement)
                copied = found + optimiseBytes.count
                from = copied
            }
            result.append(contentsOf: out[copied..<out.count])
        }
        return String(knownValidUTF8: result)
    }

    private static let informationReplacement = Array("信息".utf8)
    private static let optimiseReplacement = Array("优化".utf8)
}
