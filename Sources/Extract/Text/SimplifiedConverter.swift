/// Traditional → simplified exactly as OpenCC `t2s` does it, without OpenCC: its 277 phrases and 4,113 characters
/// are in `T2SDictionary.swift`. OpenCC ran at ~5 MB/s (a marisa trie lookup per character, twice) and was 15 % of
/// extraction although only a tenth of the reports are traditional; this is a table lookup per Han character.
///
/// What t2s does (config `t2s.json`, OpenCC 1.1): greedy longest-match segmentation on TSPhrases, then each segment
/// converted left to right by the first dictionary with a prefix match, TSPhrases before TSCharacters, taking each
/// entry's first value. That is the same as one left-to-right pass: at each position the longest phrase, else the
/// character's mapping, else the character. No key holds a line break, so lines convert independently.
struct SimplifiedConverter: Sendable {
    static let shared = SimplifiedConverter()

    private struct Phrase: Sendable {
        var key: [UInt8]
        var value: [UInt8]
    }

    /// Mapping for U+3400…U+9FFF (0 = unchanged), with `phraseFlag` set on characters that start a phrase.
    private let table: [UInt32]
    /// The same for keys outside the table (CJK Extension B and later).
    private let others: [UInt32: UInt32]
    /// Phrases by first character, longest first so the first match is the longest.
    private let phrases: [UInt32: [Phrase]]
    /// Bytes below the smallest lead byte of any key start characters that never convert.
    private let minimumLead: UInt8

    private static let tableStart: UInt32 = 0x3400
    private static let tableEnd: UInt32 = 0xA000
    private static let phraseFlag: UInt32 = 0x8000_0000

    private init() {
        var table = [UInt32](repeating: 0, count: Int(Self.tableEnd - Self.tableStart))
        var others: [UInt32: UInt32] = [:]
        var minimumLead: UInt8 = 0xFF
        func mark(_ key: Unicode.Scalar, _ bits: UInt32) {
            let v = key.value
            if v >= Self.tableStart && v < Self.tableEnd {
                table[Int(v - Self.tableStart)] |= bits
            } else {
                others[v, default: 0] |= bits
            }
            minimumLead = min(minimumLead, String(key).utf8.first ?? 0xFF)
        }
        var pending: Unicode.Scalar?
        for scalar in Self.characterPairs.unicodeScalars {
            guard let key = pending else {
                pending = scalar
                continue
            }
            pending = nil
            mark(key, scalar.value)
        }
        var phrases: [UInt32: [Phrase]] = [:]
        for (key, value) in Self.phrasePairs {
            guard let first = key.unicodeScalars.first else { continue }
            phrases[first.value, default: []].append(Phrase(key: Array(key.utf8), value: Array(value.utf8)))
            mark(first, Self.phraseFlag)
        }
        for first in phrases.keys { phrases[first]?.sort { $0.key.count > $1.key.count } }
        self.table = table
        self.others = others
        self.phrases = phrases
        self.minimumLead = minimumLead
    }

    /// The simplified line; the same String when nothing in it converts (most lines, even in traditional reports).
    func toSimplified(_ line: String) -> String {
        let converted = line.withUTF8Bytes { bytes in firstConvertible(bytes).map { convert(bytes, from: $0) } }
        return converted ?? line
    }

    /// Offset of the first character that is a dictionary key (or starts a phrase), or nil.
    private func firstConvertible(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        while i < bytes.count {
            if bytes[i] < minimumLead {
                i += 1
                continue
            }
            let (v, length) = UTF8Scan.scalar(at: i, in: bytes)
            if lookup(v) != 0 { return i }
            i += length
        }
        return nil
    }

    @inline(__always)
    private func lookup(_ v: UInt32) -> UInt32 {
        if v >= Self.tableStart && v < Self.tableEnd { return table[Int(v - Self.tableStart)] }
        return others.isEmpty ? 0 : others[v] ?? 0
    }

    private func convert(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        // Bytes that stay as they are are copied in runs, up to the next character that converts.
        var runStart = 0
        var i = start
        while i < bytes.count {
            if bytes[i] < minimumLead {
                i += 1
                continue
            }
            let (v, length) = UTF8Scan.scalar(at: i, in: bytes)
            let entry = lookup(v)
            if entry == 0 {
                i += length
                continue
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
            runStart = i
            if entry & Self.phraseFlag != 0, let phrase = longestPhrase(v, bytes, at: i) {
                out.append(contentsOf: phrase.value)
                i += phrase.key.count
                runStart = i
                continue
            }
            let mapped = entry & ~Self.phraseFlag
            if mapped >= 0x800 && mapped < 0x10000 {
                // Simplified characters are 3-byte (BMP Han) or, for a few, 4-byte (Extension B and later).
                out.append(UInt8(truncatingIfNeeded: 0xE0 | mapped >> 12))
                out.append(UInt8(truncatingIfNeeded: 0x80 | (mapped >> 6) & 0x3F))
                out.append(UInt8(truncatingIfNeeded: 0x80 | mapped & 0x3F))
                i += length
                runStart = i
            } else if mapped != 0, let scalar = Unicode.Scalar(mapped) {
                out.append(contentsOf: String(scalar).utf8)
                i += length
                runStart = i
            } else {
                // A phrase-starting character with no phrase here and no mapping of its own starts the next run.
                i += length
            }
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
        return String(knownValidUTF8: out)
    }

    private func longestPhrase(_ first: UInt32, _ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Phrase? {
        guard let candidates = phrases[first] else { return nil }
        for phrase in candidates where phrase.key.count <= bytes.count - start {
            var k = 0
            while k < phrase.key.count, bytes[start + k] == phrase.key[k] { k += 1 }
            if k == phrase.key.count { return phrase }
        }
        return nil
    }
}
