import Testing

@testable import Extract

/// The byte-level helpers the metadata reader uses in place of stdlib String calls must answer as those did.
@Suite("Metadata scan helpers")
struct MetadataScanHelperTests {
    @Test func firstIndexMatchesANaiveScan() {
        let texts = ["", "统", "统计", "本报告统计时限自2017年", "统计统计", "a统计b统", "::：:", "现将现公布", "abcab", "计统计"]
        let needles = ["统计", ":", "：", "统", "计", "现公布", "ab", "统计统计", "x"]
        for text in texts {
            let bytes = Array(text.utf8)
            for needle in needles {
                let word = Array(needle.utf8)
                for start in 0...(bytes.count + 1) {
                    var naive: Int?
                    if word.count <= bytes.count, start <= bytes.count - word.count {
                        for i in start...(bytes.count - word.count) where Array(bytes[i..<(i + word.count)]) == word {
                            naive = i
                            break
                        }
                    }
                    let found = bytes.withUnsafeBufferPointer { UTF8Scan.firstIndex(of: word, in: $0, from: start) }
                    #expect(found == naive, "\(needle) in \(text) from \(start)")
                }
                #expect(ScalarText.contains(text, word) == naiveContains(bytes, word))
            }
        }
    }

    private func naiveContains(_ bytes: [UInt8], _ word: [UInt8]) -> Bool {
        guard word.count <= bytes.count else { return false }
        return (0...(bytes.count - word.count)).contains { Array(bytes[$0..<($0 + word.count)]) == word }
    }

    @Test func stringAndDecimalValueMatchTheStdlib() {
        for text in ["", "2019", "江夏区人民政府", "0012", "a€😀", "+5", "99999999999999999999", "12a"] {
            let scalars = Array(text.unicodeScalars)[...]
            let built = ScalarText.string(scalars)
            #expect(built == text)
            #expect(Array(built.utf8) == Array(text.utf8))
            #expect(ScalarText.decimalValue(scalars) == Int(text))
            #expect(ScalarText.scalars(text) == Array(text.unicodeScalars))
        }
    }

    @Test func hasSuffixMatchesTheStdlib() {
        // U+F900 豈 is canonically U+8C48; "区\u{301}" is one character; U+0600 is a prepend mark.
        let texts = [
            "江夏区", "遂宁经济技术开发区", "区", "", "人民", "某某街道", "\u{F900}", "\u{8C48}", "江夏区\u{301}", "江夏\u{600}区",
            "(盖章)", "办公室(章)", "e\u{301}", "\u{E9}",
        ]
        let suffixes = ["区", "开发区", "人民", "街道", "\u{8C48}", "\u{F900}", "(章)", "", "\u{E9}", "e\u{301}", "\u{301}"]
        for text in texts {
            for suffix in suffixes {
                #expect(ScalarText.hasSuffix(text, suffix) == text.hasSuffix(suffix), "\(text) / \(suffix)")
                #expect(
                    ScalarText.hasSuffix(text, suffix, textIsPlain: ScalarText.isPlain(text)) == text.hasSuffix(suffix),
                    "\(text) / \(suffix)")
            }
        }
        #expect(ScalarText.isPlain("金台区人民政府办公室(盖章)—“2018”。,"))
        #expect(!ScalarText.isPlain("\u{F900}"))
        #expect(!ScalarText.isPlain("区\u{302A}"))
    }
}
