import NianbaoCore

/// Detects the encoding of a file and decodes it (report-formats §4, engineering-notes §3.2–3.3).
/// Order: byte-order mark → binary check → declared charset → strict UTF-8 → GB18030 or Big5 that reads as
/// Chinese → uchardet, then glibc iconv.
enum TextDecoder {
    /// More invalid bytes than this share means the guess was wrong or the file is not text.
    static let maximumInvalidShare = 0.05

    /// nil when the bytes are binary or cannot be decoded; a reject has then been added.
    static func decode(_ bytes: [UInt8], findings: inout Findings) -> DecodedText? {
        guard !bytes.isEmpty else {
            findings.add(DecodeRules.undecodable, "the file is empty")
            return nil
        }
        let decoded: DecodedText?
        switch ByteSniffer.byteOrderMark(bytes) {
        case .utf16LittleEndian:
            decoded = convert(bytes.dropFirst(2), encoding: "utf-16le")
        case .utf16BigEndian:
            decoded = convert(bytes.dropFirst(2), encoding: "utf-16be")
        case .utf8:
            // The BOM settles the encoding; invalid bytes after it are damage, not a different charset.
            let body = bytes.dropFirst(3)
            decoded = String(validating: body, as: UTF8.self).map { DecodedText(encoding: "utf-8", text: $0) }
                ?? convert(body, encoding: "utf-8")
        case nil:
            let counts = ByteSniffer.ControlCounts(bytes)
            if let utf16 = ByteSniffer.bomlessUTF16(byteCount: bytes.count, counts) {
                decoded = convert(bytes[...], encoding: utf16)
            } else if ByteSniffer.looksBinary(byteCount: bytes.count, counts) {
                findings.add(DecodeRules.undecodable, "the file holds binary data (NUL or control bytes)")
                return nil
            } else {
                decoded = decodeUnicodeOrLegacy(bytes[...], declared: ByteSniffer.declaredEncoding(bytes))
            }
        }
        guard let decoded else {
            if !findings.rejects.contains(where: { $0.ruleID == DecodeRules.undecodable.id }) {
                findings.add(DecodeRules.undecodable, "no supported text encoding reads the bytes")
            }
            return nil
        }
        return accept(decoded, byteCount: bytes.count, findings: &findings)
    }

    /// Applies the invalid-byte budget: a few skipped bytes are a warning, many mean the file is not this text.
    private static func accept(_ decoded: DecodedText, byteCount: Int, findings: inout Findings) -> DecodedText? {
        let invalid = decoded.invalidByteCount
        guard invalid > 0 else { return decoded }
        if Double(invalid) > Double(byteCount) * maximumInvalidShare {
            findings.add(
                DecodeRules.undecodable,
                "\(invalid) of \(byteCount) bytes are not valid \(decoded.encoding)",
                expected: "at most \(Int(Double(byteCount) * maximumInvalidShare)) invalid bytes", actual: String(invalid))
            return nil
        }
        findings.add(
            DecodeRules.decodeReplacedBytes, "\(invalid) bytes invalid in \(decoded.encoding) were skipped",
            expected: "0", actual: String(invalid))
        return decoded
    }

    /// Bytes without a UTF-16 BOM: valid UTF-8 wins (a page re-saved as UTF-8 often keeps its old
    /// `charset=gb2312`, while multi-byte GBK or Big5 text is never valid UTF-8 by chance); otherwise the declared
    /// charset, then GB18030 and Big5, then uchardet.
    private static func decodeUnicodeOrLegacy(_ bytes: ArraySlice<UInt8>, declared: String?) -> DecodedText? {
        if let text = String(validating: bytes, as: UTF8.self) {
            return DecodedText(encoding: "utf-8", text: text)
        }
        // A declaration is trusted when the file reads as Chinese by it; pages are sometimes mislabelled.
        if let declared, declared != "utf-8", let decoded = convert(bytes, encoding: declared),
            readsAsChinese(decoded, byteCount: bytes.count)
        {
            return decoded
        }
        // The two encodings of Chinese reports are tried before uchardet, which costs 50–80 µs even on a 256-byte
        // sample (most of it in settling its probers), more than the conversion itself: whichever cleanly decodes into
        // ordinary Chinese is the answer, since GB18030 read as Big5 (or the reverse) is mojibake of rare characters.
        // Texts too short for that test (under 30 Han characters) are left to uchardet, as before.
        for encoding in ["gb18030", "big5"] where encoding != declared {
            if let decoded = convert(bytes, encoding: encoding), readsAsChinese(decoded, byteCount: bytes.count, requiringHan: 30) {
                return decoded
            }
        }
        // uchardet costs up to 2 ms on a 2 KB report before its probers settle, but ~50 µs on a short sample. A quick
        // answer is kept when the whole file then decodes cleanly into ordinary Chinese; otherwise it sees everything.
        let firstNonASCII = bytes.firstIndex { $0 >= 0x80 } ?? bytes.startIndex
        let sample = bytes[firstNonASCII...].prefix(quickSampleLength)
        if let quick = CharsetDetector.guess(sample).flatMap(contractName(forDetectorAnswer:)), quick != "utf-8",
            let decoded = convert(bytes, encoding: quick), readsAsChinese(decoded, byteCount: bytes.count)
        {
            return decoded
        }
        switch CharsetDetector.guess(bytes).flatMap(contractName(forDetectorAnswer:)) {
        case let encoding?:
            return convert(bytes, encoding: encoding)
        case nil:
            return bestOfChineseEncodings(bytes)
        }
    }

    /// Bytes of text from the first non-ASCII byte that uchardet sees first (it is right from 128 bytes on the seeds).
    static let quickSampleLength = 256

    /// Clean decoding (≤ 0.5 % bad bytes) whose Han characters are at least 10 % very common ones: real report text
    /// has 34–38 %, Big5 read as GB18030 (or the reverse) under 0.4 %. Short texts are judged on validity alone.
    /// `requiringHan` makes a short text fail instead.
    static func readsAsChinese(_ decoded: DecodedText, byteCount: Int, requiringHan minimumHan: Int = 0) -> Bool {
        guard decoded.invalidByteCount * 200 <= byteCount else { return false }
        let (han, common) = hanCounts(decoded.text, stoppingOnceCommon: minimumHan)
        guard han >= minimumHan else { return false }
        return han < 30 || common * 10 >= han
    }

    /// Han characters (U+4E00…U+9FFF) and the common ones among them, on the UTF-8 bytes. With `minimumHan`, stops
    /// once the rest of the text cannot turn `readsAsChinese`'s yes into a no: at least `minimumHan` Han characters,
    /// and enough common ones to stay over a tenth were every byte left an uncommon Han character (three bytes
    /// each). Real text gets there about a third of the way in.
    static func hanCounts(_ text: String, stoppingOnceCommon minimumHan: Int? = nil) -> (han: Int, common: Int) {
        var han = 0
        var common = 0
        isCommonHan.withUnsafeBufferPointer { isCommon in
            text.withUTF8Bytes { bytes in
                var i = 0
                var nextCheck = minimumHan == nil ? Int.max : 1024
                while i < bytes.count {
                    if i >= nextCheck {
                        nextCheck = i + 1024
                        if let minimumHan, han >= minimumHan, common * 10 >= han + (bytes.count - i) / 3 { return }
                    }
                    // Lead bytes E4–E9 start U+4000…U+9FFF.
                    let lead = bytes[i]
                    guard lead >= 0xE4 && lead <= 0xE9 else {
                        i += 1
                        continue
                    }
                    let (v, length) = UTF8Scan.scalar(at: i, in: bytes)
                    i += length
                    guard v >= 0x4E00 else { continue }
                    han += 1
                    if isCommon[Int(v - 0x4E00)] { common += 1 }
                }
            }
        }
        return (han, common)
    }

    /// uchardet answers with iconv names; only Chinese encodings and UTF-8 are ours. Latin, Japanese or Korean
    /// guesses on a Chinese report are misses (a Big5-HKSCS sample came back as WINDOWS-1252).
    static func contractName(forDetectorAnswer answer: String) -> String? {
        switch answer {
        case "UTF-8": return "utf-8"
        case "GB18030", "GB2312", "GBK", "EUC-CN", "HZ-GB-2312", "CP936": return "gb18030"
        case "BIG5", "BIG5-HKSCS", "EUC-TW", "CP950": return "big5"
        default: return nil
        }
    }

    /// When uchardet has no usable answer: decode both ways and keep the one that reads as Chinese, judged by how
    /// many very common characters (both scripts) appear; mojibake is made of rare characters.
    private static func bestOfChineseEncodings(_ bytes: ArraySlice<UInt8>) -> DecodedText? {
        let candidates = ["gb18030", "big5", "utf-8"].compactMap { convert(bytes, encoding: $0) }
        func score(_ decoded: DecodedText) -> Int { hanCounts(decoded.text).common - decoded.invalidByteCount }
        return candidates.max { score($0) < score($1) }
    }

    /// Very common characters of report text in both scripts, as a table over U+4E00…U+9FFF (all of them are there).
    private static let isCommonHan: [Bool] = {
        var table = [Bool](repeating: false, count: 0x9FFF - 0x4E00 + 1)
        for s in "的一是在不了有和人中大为為上个個年月日政府信息公开開工作报報告申请請区區市县縣公民件条條情况況关關于於本规規定依法条例"
            .unicodeScalars where (0x4E00...0x9FFF).contains(s.value)
        {
            table[Int(s.value - 0x4E00)] = true
        }
        return table
    }()

    /// iconv source names for the contract encodings: GBK and GB2312 are subsets of GB18030, Big5 of Big5-HKSCS.
    private static func convert(_ bytes: ArraySlice<UInt8>, encoding: String) -> DecodedText? {
        let iconvName: String
        switch encoding {
        case "gb18030": iconvName = "GB18030"
        case "big5": iconvName = "BIG5-HKSCS"
        case "utf-16le": iconvName = "UTF-16LE"
        case "utf-16be": iconvName = "UTF-16BE"
        default: iconvName = "UTF-8"
        }
        guard let result = IconvConverter.convert(bytes, from: iconvName) else { return nil }
        return DecodedText(encoding: encoding, text: result.text, invalidByteCount: result.invalidByteCount)
    }
}
