import Foundation
import NianbaoCore
import Testing

@testable import Extract

/// The byte-level replacements of Foundation calls in text clean-up must agree with what they replaced.
@Suite("Text clean-up fast paths (issue 8)")
struct TextFastPathTests {
    @Test func linesSplitOnLFCRLFAndCR() {
        // Splitting by Character never matched "\r\n" (one grapheme), so CRLF files came out as a single line.
        let lines = TextLines.split("一、总体情况\r\n二、主动公开\n三、申请\r四")
        #expect(lines.map(\.text) == ["一、总体情况", "二、主动公开", "三、申请", "四"])
        #expect(lines.map(\.number) == [1, 2, 3, 4])
        #expect(TextLines.split("a\n").map(\.text) == ["a", ""])
        #expect(TextLines.split("").map(\.text) == [""])
    }

    @Test func simpleCompatibilityMappingAgreesWithFoundationNFKC() {
        var checked = 0
        for range in [0x00...0x7F, 0xA0...0xB7, 0x2000...0x2030, 0x3000...0x3040, 0x3400...0x3500, 0x4E00...0x9FFF, 0xFF00...0xFF65] {
            for value in range {
                guard let scalar = Unicode.Scalar(value), let mapped = TextCleaner.simpleCompatibilityMapping(UInt32(value)) else { continue }
                let expected = String(Character(scalar)).precomposedStringWithCompatibilityMapping
                #expect(String(Character(Unicode.Scalar(mapped) ?? "\u{0}")) == expected, "U+\(String(value, radix: 16))")
                checked += 1
            }
        }
        #expect(checked > 20_000)
        // Outside the simple set the line goes to Foundation: the horizontal ellipsis becomes "...", ① becomes "1".
        #expect(TextCleaner.simpleCompatibilityMapping(0x2026) == nil)
        #expect(TextCleaner.compatibilityMapped("（一）共①件…") == "(一)共1件...")
        #expect(TextCleaner.compatibilityMapped("（一）予以公开　１２") == "(一)予以公开 12")
    }

    @Test func factsAfterSimpleMappingEqualAFreshScan() {
        let samples = [
            "（一）予以公开　１２", "报（ｂａｏ）告", "報（bao）告？", "？　０件", "打印本页　【关闭】", "（ａ", "分享到：", "全角（（ｚ）",
            "字号：大　中　小", "资讯（zi）", "\u{00A0}發佈日期：２０２２",
            // A "(" before a digit, then one before a letter; one at the very end; "?" after the last "(".
            "（１）报（ｂａｏ）告", "（１）（２）报告（", "（（（", "（１）公开？",
        ]
        for line in samples {
            var facts = TextCleaner.LineFacts(line)
            #expect(facts.flags & TextCleaner.LineFacts.needsMapping != 0, "\(line)")
            guard let mapped = TextCleaner.simplyMapped(line) else {
                Issue.record("not in the simple set: \(line)")
                continue
            }
            facts.rescanASCII(of: mapped)
            #expect(facts == TextCleaner.LineFacts(mapped), "\(line)")
        }
        #expect(TextCleaner.simplyMapped("①件") == nil)
    }

    @Test func localisedVocabularyMatchesFoundation() {
        let samples = [
            "资讯", "政府资讯公开", "资讯资讯最佳化", "最佳化资讯,2019年", "资资讯讯", "最佳最佳化化。", "资讯\u{302A}", "①资讯",
            "资讯𠀀", "无", "ok 资讯 最佳化 | 2", "最佳化\u{3099}",
        ]
        for line in samples {
            let expected = line.replacingOccurrences(of: "资讯", with: "信息").replacingOccurrences(of: "最佳化", with: "优化")
            #expect(TextCleaner.localisedVocabulary(line) == expected, "\(line)")
        }
    }

    @Test func trimmingMatchesFoundationWhitespaceSet() {
        let samples = ["  a b  ", "\t\u{3000}公开\u{00A0}", "\u{202F}x\u{205F}", "   ", "", "无需修剪", " \u{200B}x", "x\r"]
        // Every scalar up to U+FFFF as a leading character: U+200B is in Linux Foundation's set although it is not Zs.
        for value in 0..<0x10000 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let sample = String(Character(scalar)) + "a"
            if TextCleaner.trimmingWhitespace(sample) != sample.trimmingCharacters(in: .whitespaces) {
                Issue.record("U+\(String(value, radix: 16)) trims differently")
            }
        }
        for sample in samples {
            #expect(TextCleaner.trimmingWhitespace(sample) == sample.trimmingCharacters(in: .whitespaces), "\(Array(sample.unicodeScalars))")
        }
    }

    @Test func furnitureOnlyOnShortLines() {
        #expect(TextCleaner.isBoilerplate("【打印】【关闭】"))
        #expect(TextCleaner.isBoilerplate("字号:大 中 小"))
        // The same words inside a long sentence are content.
        #expect(!TextCleaner.isBoilerplate("本机关通过政府网站、政务新媒体等渠道发布信息，网页提供打印本页功能，累计访问量达到十二万余次，较上年增长百分之二十"))
        #expect(!TextCleaner.isBoilerplate("字号"))
        #expect(!TextCleaner.isBoilerplate("今日气温 27℃"))
    }

    @Test func pinyinPrecheckKeepsToneMarkedGlosses() {
        // "ǎ" (U+01CE) starts with byte C7, "ḿ" (U+1E3F) with E1.
        #expect(TextCleaner.removePinyinGlosses("報(bǎo)告(ḿ)") == "報告")
        #expect(TextCleaner.removePinyinGlosses("(一)予以公开(二)") == "(一)予以公开(二)")
    }

    @Test func htmlMarkersAreCaseInsensitiveAndOnlyInTheHead() {
        #expect(HTMLText.looksLikeHTML("<!DOCTYPE HTML><P>x"))
        #expect(HTMLText.looksLikeHTML("\n<TR><td>1</td>"))
        #expect(!HTMLText.looksLikeHTML("一、总体情况 a < b"))
        #expect(!HTMLText.looksLikeHTML(String(repeating: "x", count: 4095) + "<html>"))
    }

    @Test func scriptTallyCountsLineByLine() {
        func script(_ text: String) -> Script { TextCleaner().clean(TextLines.split(text)).script }
        #expect(script("政府信息公開工作年度報告\n區 國 開 關") == .traditional)
        #expect(script("政府信息公开工作年度报告") == .simplified)
        // Traditional characters with many simplified ones: mixed.
        #expect(script("於與為這個\n于与为这个们会发") == .mixed)
    }
}
