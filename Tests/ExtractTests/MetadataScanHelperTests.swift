import NianbaoCore
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
            var copy = text
            copy.withUTF8 { bytes in
                var start = 0
                while start < bytes.count {
                    #expect(ScalarText.scalars(bytes, from: start) == Array(String(decoding: bytes[start...], as: UTF8.self).unicodeScalars))
                    start += UTF8Scan.scalar(at: start, in: bytes).length
                }
            }
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

/// The opening sentence and statistics period are read from windows of the line; long lines must read as short ones.
@Suite("Metadata windows of long lines")
struct MetadataWindowTests {
    @Test func compiledByLooksBackThirtyCharacters() {
        let filler = String(repeating: "各", count: 40)
        // A name of 30 characters between 由 and 编制 is read; one of 31 is not.
        let name29 = "金台区人民政府办公室" + String(repeating: "办", count: 19) + "室"
        #expect(name29.unicodeScalars.count == 30)
        let near = OpeningSentence.find(in: [filler + "由" + name29 + "编制的2019年度报告"])
        #expect(near?.year == 2019)
        let far = OpeningSentence.find(in: [filler + "由办" + name29 + "编制的2019年度报告"])
        #expect(far == nil)
        let atStart = OpeningSentence.find(in: ["由金台区人民政府编制的2019年度报告"])
        #expect(atStart == OpeningSentence(agency: "金台区人民政府", year: 2019))
    }

    @Test func leadAfterALongPrefix() {
        let prefix = String(repeating: "根据条例要求,", count: 50)
        let found = OpeningSentence.find(in: [prefix + "现将金台区人民政府2017年度政府信息公开工作情况报告如下"])
        #expect(found == OpeningSentence(agency: "金台区人民政府", year: 2017))
    }

    @Test func statisticsPeriodAfterALongPrefix() {
        let prefix = String(repeating: "统计数据,", count: 50)
        let lines = [TextLine(number: 1, text: prefix + "本报告统计期限自2018年1月1日起")]
        #expect(MetadataReader.statisticsPeriodYear(lines) == 2018)
        let late = [TextLine(number: 1, text: "统计时限为今年统计期限自2018年1月1日起")]
        // The first word without a year gives nothing; the next word is tried.
        #expect(MetadataReader.statisticsPeriodYear(late) == 2018)
    }
}

@Suite("Agency name regions")
struct AgencyRegionTests {
    @Test func bareRegionsAgreeOnPlainAndOtherNames() {
        #expect(AgencyName.isBareRegion("江夏区"))
        #expect(AgencyName.isBareRegion("恩施土家族苗族自治州"))
        #expect(!AgencyName.isBareRegion("遂宁经济技术开发区"))
        #expect(!AgencyName.isBareRegion("区"))
        #expect(!AgencyName.isBareRegion("江夏区人民政府"))
        // Not plain: decided by String.hasSuffix, where 区 followed by a combining mark is another character.
        #expect(!AgencyName.isBareRegion("江夏区\u{301}"))
        #expect(AgencyName.isBareRegion("\u{F900}市"))
    }

    /// A prepended mark joins the label's first Han character into one character, so the stdlib says the label
    /// does not end with "发布日期"; the byte comparison is kept for labels of plain characters only.
    @Test func dateLabelsEndLikeTheStdlibSays() {
        #expect(HeaderFields.isDateLabel("信息发布日期"))
        #expect(HeaderFields.isDateLabel("发布日期"))
        #expect(!HeaderFields.isDateLabel("截止日期"))
        #expect(!"\u{0600}发布日期".hasSuffix("发布日期"))
        #expect(!HeaderFields.isDateLabel("\u{0600}发布日期"))
    }
}
