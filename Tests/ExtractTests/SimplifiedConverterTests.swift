import NianbaoCore
import Testing

@testable import Extract

/// The Swift t2s against the OpenCC library it replaced (`ChineseConverter`): every dictionary entry, then text
/// where phrases overlap, run into each other and sit next to characters of every kind.
@Suite("Traditional → simplified without OpenCC")
struct SimplifiedConverterTests {
    private var pairs: [(String, String)] {
        var out: [(String, String)] = []
        var pending: Unicode.Scalar?
        for s in SimplifiedConverter.characterPairs.unicodeScalars {
            if let key = pending {
                out.append((String(key), String(s)))
                pending = nil
            } else {
                pending = s
            }
        }
        return out
    }

    @Test func everyCharacterAndPhraseMatchesOpenCC() throws {
        try #require(ChineseConverter.shared.isAvailable)
        for (key, _) in pairs + SimplifiedConverter.phrasePairs {
            #expect(SimplifiedConverter.shared.toSimplified(key) == ChineseConverter.shared.toSimplified(key), "\(key)")
        }
    }

    @Test func runningTextMatchesOpenCC() throws {
        try #require(ChineseConverter.shared.isAvailable)
        let phrases = SimplifiedConverter.phrasePairs.map(\.0)
        // Phrases glued to each other and to their own prefixes and suffixes, so longest match and segment ends count.
        var lines: [String] = []
        for (i, phrase) in phrases.enumerated() {
            let next = phrases[(i * 7 + 3) % phrases.count]
            let scalars = Array(phrase.unicodeScalars)
            let head = String(String.UnicodeScalarView(scalars.prefix(scalars.count - 1)))
            let tail = String(String.UnicodeScalarView(scalars.dropFirst()))
            lines.append("第\(i)條 \(phrase)\(next)\(head)\(phrase)\(tail)，於2021年 abc 𠀋 ｜\(next)")
        }
        let characters = pairs.map(\.0)
        lines.append(stride(from: 0, to: characters.count, by: 37).map { characters[$0] }.joined(separator: "x"))
        lines.append("政府資訊公開 最佳化 發展與改革 計畫 乾坤 乾隆")
        for line in lines {
            #expect(SimplifiedConverter.shared.toSimplified(line) == ChineseConverter.shared.toSimplified(line), "\(line)")
        }
    }

    /// 一 and 不 start phrases but have no mapping of their own: where no phrase follows they are copied once.
    @Test func phraseStartsWithoutAPhraseAreCopiedOnce() throws {
        try #require(ChineseConverter.shared.isAvailable)
        for line in ["一個與不會", "不一 與 一", "統一不"] {
            #expect(SimplifiedConverter.shared.toSimplified(line) == ChineseConverter.shared.toSimplified(line), "\(line)")
        }
        #expect(SimplifiedConverter.shared.toSimplified("一個與不會") == "一个与不会")
    }

    @Test func untouchedLinesComeBackAsTheyAre() {
        #expect(SimplifiedConverter.shared.toSimplified("") == "")
        #expect(SimplifiedConverter.shared.toSimplified("2021年政府信息公开 | 12 |") == "2021年政府信息公开 | 12 |")
    }

    /// OpenCC read the document as a C string: a U+0000 in a UTF-16 report used to leave every line unconverted.
    @Test func aNULNoLongerStopsConversion() {
        let lines = ["本機關2021年度報告", "申請\u{0}人數", "處理結果"].enumerated().map { TextLine(number: $0 + 1, text: $1) }
        let text = TextCleaner().clean(lines)
        #expect(text.lines.map(\.text) == ["本机关2021年度报告", "申请\u{0}人数", "处理结果"])
    }
}
