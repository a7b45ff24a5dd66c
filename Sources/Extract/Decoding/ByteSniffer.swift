/// Cheap looks at raw bytes before any decoding: byte-order marks, a declared charset, binary content.
enum ByteSniffer {
    enum ByteOrderMark {
        case utf8, utf16LittleEndian, utf16BigEndian

        var length: Int { self == .utf8 ? 3 : 2 }
    }

    static func byteOrderMark(_ bytes: [UInt8]) -> ByteOrderMark? {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { return .utf8 }
        if bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE { return .utf16LittleEndian }
        if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF { return .utf16BigEndian }
        return nil
    }

    /// NUL bytes by position parity and C0 controls other than tab, line breaks, form feed and escape: what
    /// `bomlessUTF16` and `looksBinary` judge by, counted in one pass over the file.
    struct ControlCounts {
        var evenNULs = 0
        var oddNULs = 0
        var controls = 0

        init(_ bytes: [UInt8]) {
            ByteSniffer.byteClasses.withUnsafeBufferPointer { classes in
                bytes.withUnsafeBufferPointer { bytes in
                    func classify(_ index: Int) {
                        // Text almost never holds either kind, so the branch is almost never taken.
                        let kind = classes[Int(bytes[index])]
                        if kind != 0 {
                            if kind == 2 {
                                if index % 2 == 0 { evenNULs += 1 } else { oddNULs += 1 }
                            } else {
                                controls += 1
                            }
                        }
                    }
                    let count = bytes.count
                    var index = 0
                    if let base = bytes.baseAddress {
                        // Eight bytes at a time: only a byte below 0x20 or 0x7F can count, and a word without one
                        // (the bit tricks are exact about whether any byte qualifies) is skipped whole.
                        let raw = UnsafeRawPointer(base)
                        let ones: UInt64 = 0x0101_0101_0101_0101
                        let highs: UInt64 = 0x8080_8080_8080_8080
                        while index + 8 <= count {
                            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                            let below20 = (word &- ones &* 0x20) & ~word & highs
                            let delete = word ^ (ones &* 0x7F)
                            let is7F = (delete &- ones) & ~delete & highs
                            if below20 | is7F != 0 {
                                for i in index..<(index + 8) { classify(i) }
                            }
                            index += 8
                        }
                    }
                    while index < count {
                        classify(index)
                        index += 1
                    }
                }
            }
        }
    }

    /// 2 = NUL, 1 = a control that text does not hold, 0 = anything else.
    private static let byteClasses: [UInt8] = (0...255).map { byte in
        switch byte {
        case 0x00: return 2
        case 0x09, 0x0A, 0x0C, 0x0D, 0x1B: return 0
        case 0x01...0x1F, 0x7F: return 1
        default: return 0
        }
    }

    /// UTF-16 without a BOM shows itself by NUL bytes on one parity only (the high byte of ASCII characters);
    /// binary data has NULs on both. A few on the other parity are Han characters like 开 U+5F00.
    /// Returns the contract name `utf-16le`/`utf-16be`, or nil.
    static func bomlessUTF16(_ bytes: [UInt8]) -> String? {
        bomlessUTF16(byteCount: bytes.count, ControlCounts(bytes))
    }

    static func bomlessUTF16(byteCount: Int, _ counts: ControlCounts) -> String? {
        guard byteCount >= 4, byteCount % 2 == 0 else { return nil }
        let pairs = byteCount / 2
        // A report has a line break or digit at least every few dozen characters, so ≥ 2 % of pairs hold ASCII.
        let enough = max(2, pairs / 50)
        if counts.oddNULs >= enough && counts.evenNULs * 8 <= counts.oddNULs { return "utf-16le" }
        if counts.evenNULs >= enough && counts.oddNULs * 8 <= counts.evenNULs { return "utf-16be" }
        return nil
    }

    /// NUL bytes never occur in text outside UTF-16, and text has almost no C0 controls besides tab and line
    /// breaks; random or compressed data has about 10 % of them.
    static func looksBinary(_ bytes: [UInt8]) -> Bool {
        looksBinary(byteCount: bytes.count, ControlCounts(bytes))
    }

    static func looksBinary(byteCount: Int, _ counts: ControlCounts) -> Bool {
        counts.evenNULs + counts.oddNULs > 0 || counts.controls * 20 > byteCount
    }

    /// The charset a page declares in its first 2 KB (`<meta charset="gbk">`,
    /// `content="text/html; charset=gb2312"`, `<?xml … encoding="…"?>`), mapped to a contract encoding name.
    /// nil when nothing is declared or the name is not one we decode.
    static func declaredEncoding(_ bytes: [UInt8]) -> String? {
        let head = bytes.prefix(2048)
        for keyword in declarationKeywords {
            var start = head.startIndex
            while let found = head.withUnsafeBufferPointer({ firstIndex(of: keyword, in: $0, from: start) }) {
                start = found + keyword.count
                if let name = valueAfter(head, start), let encoding = contractName(forCharset: name) {
                    return encoding
                }
            }
        }
        return nil
    }

    private static let declarationKeywords = [Array("charset".utf8), Array("encoding".utf8)]

    /// Maps a charset label to the contract name of the decoder that reads it.
    static func contractName(forCharset label: String) -> String? {
        switch label.lowercased() {
        case "utf-8", "utf8": return "utf-8"
        case "gb2312", "gbk", "gb18030", "cp936", "x-gbk", "euc-cn", "x-euc-cn", "windows-936", "hz-gb-2312",
            "chinese", "csgb2312", "iso-ir-58":
            return "gb18030"
        case "big5", "big5-hkscs", "cp950", "x-big5", "csbig5", "euc-tw", "x-x-big5":
            return "big5"
        default: return nil
        }
    }

    /// Case-insensitive ASCII search. Words of eight bytes without the needle's first letter are skipped whole: a
    /// byte at a time this cost ~9 instructions a byte, 1% of extraction for the 4 KB looked at.
    private static func firstIndex(of needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = haystack.baseAddress, let first = needle.first, start >= 0 else { return nil }
        let lastStart = haystack.count - needle.count
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let target = ones &* UInt64(first)
        var index = start
        while index <= lastStart {
            if index + 8 <= haystack.count {
                let word = UnsafeRawPointer(base).loadUnaligned(fromByteOffset: index, as: UInt64.self) | (ones &* 0x20)
                let difference = word ^ target
                // Non-zero exactly when some byte of the word, lower-cased, is the first letter.
                if (difference &- ones) & ~difference & highs == 0 {
                    index += 8
                    continue
                }
            }
            let end = min(index + 8, lastStart + 1)
            while index < end {
                if haystack[index] | 0x20 == first {
                    var matched = true
                    for offset in 1..<needle.count where haystack[index + offset] | 0x20 != needle[offset] {
                        matched = false
                        break
                    }
                    if matched { return index }
                }
                index += 1
            }
        }
        return nil
    }

    /// The token after `charset` or `encoding`: optional spaces, `=`, optional spaces and quotes, then
    /// letters, digits, `-`, `_`.
    private static func valueAfter(_ bytes: ArraySlice<UInt8>, _ start: Int) -> String? {
        var index = start
        func skip(_ set: Set<UInt8>) { while index < bytes.endIndex, set.contains(bytes[index]) { index += 1 } }
        skip([0x20, 0x09])
        guard index < bytes.endIndex, bytes[index] == UInt8(ascii: "=") else { return nil }
        index += 1
        skip([0x20, 0x09, UInt8(ascii: "\""), UInt8(ascii: "'")])
        let tokenStart = index
        while index < bytes.endIndex, index - tokenStart < 32 {
            let byte = bytes[index]
            let isTokenByte = (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
            guard isTokenByte else { break }
            index += 1
        }
        guard index > tokenStart else { return nil }
        return String(decoding: bytes[tokenStart..<index], as: UTF8.self)
    }
}
