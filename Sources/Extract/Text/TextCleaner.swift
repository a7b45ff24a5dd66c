import Foundation
import NianbaoCore

/// Cleans lines before any matching (report-formats §4.1): NFKC, pinyin glosses and "?" debris removed,
/// traditional → simplified when the document needs it, page boilerplate dropped. Line numbers are kept.
struct TextCleaner: Sendable {
    init() {}

    func clean(_ lines: [TextLine]) -> CleanText {
        var cleaned: [TextLine] = []
        cleaned.reserveCapacity(lines.count)
        for line in lines {
            let text = Self.cleanLine(line.text)
            if Self.isBoilerplate(text) { continue }
            cleaned.append(TextLine(number: line.number, text: text))
        }
        let script = ScriptDetector.detect(cleaned.lazy.map(\.text).joined(separator: "\n"))
        if script != .simplified, ChineseConverter.shared.isAvailable {
            // Convert the whole document in one call (OpenCC segments phrases across the text) and split back:
            // t2s never adds or removes line breaks, so line numbers survive.
            let joined = cleaned.map(\.text).joined(separator: "\n")
            let converted = Self.localisedVocabulary(ChineseConverter.shared.toSimplified(joined))
            let parts = converted.split(separator: "\n", omittingEmptySubsequences: false)
            if parts.count == cleaned.count {
                for i in cleaned.indices { cleaned[i].text = String(parts[i]) }
            }
        }
        return CleanText(lines: cleaned, script: script)
    }

    /// NFKC where needed, pinyin glosses and "?" debris removed, ends trimmed.
    static func cleanLine(_ line: String) -> String {
        var text = needsCompatibilityMapping(line) ? line.precomposedStringWithCompatibilityMapping : line
        text = removePinyinGlosses(text)
        text = removeQuestionMarkDebris(text)
        return text.trimmingCharacters(in: .whitespaces)
    }

    /// NFKC is the identity on plain CJK and ASCII; only full-width forms, ideographic spaces, NBSP, circled numbers
    /// and compatibility ideographs change. Checking first avoids normalising every line of every report.
    static func needsCompatibilityMapping(_ line: String) -> Bool {
        line.unicodeScalars.contains { s in
            let v = s.value
            return v == 0x00A0 || v == 0x3000 || (0xFF00...0xFFEF).contains(v) || (0x2460...0x24FF).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0x2F00...0x2FDF).contains(v) || (0x2000...0x200B).contains(v)
        }
    }

    static func isHan(_ s: Unicode.Scalar) -> Bool {
        (0x4E00...0x9FFF).contains(s.value) || (0x3400...0x4DBF).contains(s.value) || (0xF900...0xFAFF).contains(s.value)
    }

    private static func isPinyinLetter(_ s: Unicode.Scalar) -> Bool {
        if ("a"..."z").contains(s) { return true }
        // Tone-marked vowels and ü (āáǎà ēéěè īíǐì ōóǒò ūúǔù ǖǘǚǜ ü ńňǹ ḿ).
        return "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿêếề".unicodeScalars.contains(s)
    }

    /// "報(bào)告" → "報告", "政(zheng)(zheng)府" → "政府"; "(一)", "(1)", "(本列…)" and acronyms are untouched
    /// because a gloss is 1–7 lower-case pinyin letters right after a Han character.
    static func removePinyinGlosses(_ line: String) -> String {
        guard line.contains("(") else { return line }
        let scalars = Array(line.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            out.append(scalars[i])
            if isHan(scalars[i]) {
                var j = i + 1
                while j < scalars.count, scalars[j] == "(" {
                    var k = j + 1
                    while k < scalars.count, k - j <= 8, isPinyinLetter(scalars[k]) { k += 1 }
                    let letters = k - j - 1
                    guard k < scalars.count, scalars[k] == ")", (1...7).contains(letters) else { break }
                    j = k + 1
                }
                i = j
            } else {
                i += 1
            }
        }
        return String(out)
    }

    /// "?" (and U+FFFD) stands for a lost space-like character around numbers and labels ("? ? 0", "?0", "? 總計"):
    /// drop it. Between two Han characters it marks a lost character and is kept for fuzzy matching.
    static func removeQuestionMarkDebris(_ line: String) -> String {
        guard line.contains("?") || line.contains("\u{FFFD}") else { return line }
        let scalars = Array(line.unicodeScalars)
        var out = String.UnicodeScalarView()
        for (i, s) in scalars.enumerated() {
            if s == "?" || s == "\u{FFFD}" {
                let before = i > 0 ? scalars[i - 1] : nil
                let after = i + 1 < scalars.count ? scalars[i + 1] : nil
                if let before, let after, isHan(before), isHan(after) || isPinyinLetter(after) {
                    out.append(s)
                }
                continue
            }
            out.append(s)
        }
        return String(out)
    }

    /// Page furniture that is never report content (report-formats §4.1 item 6).
    static func isBoilerplate(_ line: String) -> Bool {
        if line.isEmpty { return false }
        if line.hasPrefix("当前位置") || line.hasPrefix("當前位置") || line.hasPrefix("您的位置") || line.hasPrefix("您现在的位置") {
            return true
        }
        if (line.hasPrefix("首页 >") || line.hasPrefix("首頁 >") || line.hasPrefix("首页>") || line.hasPrefix("首頁>")) { return true }
        if line.contains("℃") && (line.contains("空气质量") || line.contains("空氣質量")) { return true }
        if line.contains("字号") && line.contains("大") && line.contains("中") && line.contains("小") && line.count < 30 { return true }
        let furniture = ["打印本页", "关闭窗口", "分享到", "【打印】", "【关闭】", "打印本頁", "關閉窗口"]
        return line.count < 40 && furniture.contains { line.contains($0) }
    }

    /// Big5-gateway pages localise vocabulary as well as characters (report-formats §4.1 item 3).
    static func localisedVocabulary(_ text: String) -> String {
        guard text.contains("资讯") || text.contains("最佳化") else { return text }
        return text.replacingOccurrences(of: "资讯", with: "信息").replacingOccurrences(of: "最佳化", with: "优化")
    }
}
