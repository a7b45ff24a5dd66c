import NianbaoCore

/// A number stated in a line, with what surrounds it: "超过22.6万次" → 226000, 次, more_than.
struct NumberToken: Sendable, Hashable {
    /// First scalar of the token including a leading qualifier word ("超过").
    var start: Int
    var numberStart: Int
    /// Index after the unit and trailing qualifier word.
    var end: Int
    var value: Double
    /// Normalised unit (money in 元); "%" for a percentage; nil when the number stands alone.
    var unit: String?
    /// `MetricRule.unitBit(unit)`: units are compared as bits, since comparing two different non-ASCII Strings
    /// goes through Unicode normalisation.
    var unitBit: UInt32
    var qualifier: FigureQualifier?
    /// "每镇23项": a per-item factor of a product, never a figure by itself.
    var perEach: Bool

    var isPercent: Bool { unitBit == NumberScanner.percentBit }
}

/// Finds numbers in one line of clean text by scanning scalars once: ASCII digit runs (with decimals and thousands
/// commas) and Chinese numeral runs ("两千余条"), followed by 万/亿 multipliers, 余/多 and a unit.
/// Document numbers, dates, phones, postcodes, URLs, street numbers and list ordinals are dropped here: they either
/// touch a character no count touches ("〔2019〕", "0917-", "@126", "第711号") or lack a unit and a keyword.
enum NumberScanner {
    /// Longest first so "人次" wins over "人" and "万元" is seen before "元".
    static let units: [(word: ScalarText.Word, unit: String, factor: Double, bit: UInt32)] = [
        ("人次", "人次", 1), ("万元", "元", 10_000), ("亿元", "元", 100_000_000), ("元", "元", 1),
        ("条", "条", 1), ("件", "件", 1), ("起", "起", 1), ("宗", "宗", 1), ("个", "个", 1), ("篇", "篇", 1),
        ("次", "次", 1), ("期", "期", 1), ("人", "人", 1), ("名", "名", 1), ("项", "项", 1), ("份", "份", 1),
        ("家", "家", 1), ("处", "处", 1), ("场", "场", 1), ("%", "%", 1),
    ].map { (ScalarText.word($0.0), $0.1, $0.2, MetricRule.unitBit($0.1)) }

    static let percentBit = MetricRule.unitBit("%")
    static let geBit = MetricRule.unitBit("个")

    /// "15个工作日", "3个月": a 个 followed by these is a duration or an aside, not a count.
    static let notCountAfterGe: [ScalarText.Word] = ["工作日", "月", "季度", "小时", "百分点", "星期", "年", "自然日"].map(ScalarText.word)

    static let leadingQualifiers: [(word: ScalarText.Word, qualifier: FigureQualifier)] = [
        ("超过", FigureQualifier.moreThan), ("多达", .moreThan), ("逾", .moreThan), ("大约", .about), ("约", .about),
        ("近", .nearly), ("将近", .nearly), ("接近", .nearly),
    ].map { (ScalarText.word($0.0), $0.1) }

    static let moreThanAfterUnit = ScalarText.word("以上")
    static let aboutAfterUnit = ScalarText.word("左右")

    /// `numerals`: the indices of every digit and Chinese numeral of `s`, ascending (`FigureBytes.Marks`); no
    /// number starts anywhere else, so the scalars between them are never looked at.
    static func scan(_ s: [Unicode.Scalar], numerals: [Int]) -> [NumberToken] {
        var tokens: [NumberToken] = []
        var next = 0
        var i = 0
        while true {
            while next < numerals.count, numerals[next] < i { next += 1 }
            guard next < numerals.count else { break }
            i = numerals[next]
            let c = s[i]
            if isDigit(c) {
                var j = i
                while j < s.count, isDigit(s[j]) { j += 1 }
                // Thousands separators: exactly three digits after each comma.
                while j + 3 < s.count, s[j] == ",", isDigit(s[j + 1]), isDigit(s[j + 2]), isDigit(s[j + 3]),
                    j + 4 >= s.count || !isDigit(s[j + 4])
                {
                    j += 4
                }
                var isDecimal = false
                if j + 1 < s.count, s[j] == ".", isDigit(s[j + 1]) {
                    isDecimal = true
                    j += 1
                    while j < s.count, isDigit(s[j]) { j += 1 }
                }
                if !touchesNonCount(s, i, j), let value = decimalValue(s, i, j),
                    let token = finish(s, numberStart: i, numberEnd: j, value: value, isDecimal: isDecimal)
                {
                    tokens.append(token)
                    i = token.end
                } else {
                    i = j
                }
            } else if isChineseNumeral(c) {
                var j = i
                while j < s.count, isChineseNumeral(s[j]) { j += 1 }
                if acceptsChineseRun(s, i, j), let value = chineseValue(s, i, j),
                    let token = finish(s, numberStart: i, numberEnd: j, value: value, isDecimal: false, chinese: true)
                {
                    tokens.append(token)
                    i = token.end
                } else {
                    i = j
                }
            } else {
                i += 1
            }
        }
        return tokens
    }

    // MARK: - Exclusions

    /// Characters that never touch a count: "〔2019〕43号", "第711号", "0917-3520789", "10:24", "A09",
    /// "www.014817.cn", "jtq12345@126.com", "1.进一步", "1、存在", "2017年", "12月31日".
    static func touchesNonCount(_ s: [Unicode.Scalar], _ lo: Int, _ hi: Int) -> Bool {
        if lo > 0 {
            let p = s[lo - 1]
            if isASCIILetter(p) { return true }
            switch p {
            case ".", "/", "@", "-", "—", "–", "_", "#", "〔", "[", "〕", "]", "第", "~", "=", "\\": return true
            case ":":
                if lo >= 2, isDigit(s[lo - 2]) { return true }
            default: break
            }
        }
        if hi < s.count {
            let n = s[hi]
            if isASCIILetter(n) { return true }
            switch n {
            case ".", "/", "@", "-", "—", "–", "_", "〕", "]", "号", "年", "月", "日", "时", "、", "~", "=": return true
            case ":":
                if hi + 1 < s.count, isDigit(s[hi + 1]) { return true }
            default: break
            }
        }
        return false
    }

    /// Chinese numerals are everywhere in prose ("一是", "四个方面", "一次性"), so a run counts only when it has a
    /// place-value character ("十余件", "一千二百条"), or is a lone 十/百/千 with 近/约/逾 or 余/多 ("近千条").
    static func acceptsChineseRun(_ s: [Unicode.Scalar], _ lo: Int, _ hi: Int) -> Bool {
        if lo > 0, s[lo - 1] == "第" || s[lo - 1] == "期" { return false }
        let run = s[lo..<hi]
        let hasPlace = run.contains { $0 == "十" || $0 == "百" || $0 == "千" || $0 == "万" || $0 == "亿" }
        guard hasPlace else { return false }
        if run.count >= 2 { return run.first != "万" && run.first != "亿" }
        guard let only = run.first, only == "十" || only == "百" || only == "千" else { return false }
        let before = lo > 0 ? s[lo - 1] : " "
        let after = hi < s.count ? s[hi] : " "
        return before == "近" || before == "约" || before == "逾" || after == "余" || after == "多"
    }

    // MARK: - Unit and qualifiers

    static func finish(
        _ s: [Unicode.Scalar], numberStart: Int, numberEnd: Int, value: Double, isDecimal: Bool, chinese: Bool = false
    ) -> NumberToken? {
        var value = value
        var qualifier: FigureQualifier?
        var k = numberEnd
        if !chinese, k < s.count {
            let multiplier: Double? = switch s[k] {
            case "万": 10_000
            case "亿": 100_000_000
            default: nil
            }
            // "1112万元" is left to the unit table (万元 → 元); "22.6万次" is a rounded figure, "6万人" exact.
            if let multiplier, !(k + 1 < s.count && s[k + 1] == "元") {
                value *= multiplier
                if isDecimal { qualifier = .about }
                k += 1
            }
        }
        if k < s.count, s[k] == "余" || s[k] == "多" {
            qualifier = .moreThan
            k += 1
            if !chinese, k < s.count, s[k] == "万" {
                value *= 10_000
                k += 1
            }
        }
        while k < s.count, ScalarText.isSpace(s[k]) { k += 1 }
        var unit: String?
        var unitBit: UInt32 = 0
        for u in units where ScalarText.hasWord(u.word, in: s, at: k) {
            unit = u.unit
            unitBit = u.bit
            value *= u.factor
            k += u.word.count
            break
        }
        if unitBit == geBit, notCountAfterGe.contains(where: { ScalarText.hasWord($0, in: s, at: k) }) { return nil }
        if unitBit != 0, unitBit != percentBit {
            if ScalarText.hasWord(moreThanAfterUnit, in: s, at: k) {
                qualifier = .moreThan
                k += moreThanAfterUnit.count
            } else if ScalarText.hasWord(aboutAfterUnit, in: s, at: k) {
                qualifier = .about
                k += aboutAfterUnit.count
            }
        }
        if unitBit == 0 {
            // A bare number is kept only where a clause ends ("微博粉丝数2318,"), never inside a word ("2016版").
            if k < s.count, !ScalarText.isClauseDelimiter(s[k]) { return nil }
            if chinese { return nil }
        }
        var start = numberStart
        var p = numberStart
        while p > 0, ScalarText.isSpace(s[p - 1]) { p -= 1 }
        for q in leadingQualifiers where p >= q.word.count && ScalarText.hasWord(q.word, in: s, at: p - q.word.count) {
            // A stated bound outranks the rounding of "22.6万": "超过22.6万次" is more_than.
            qualifier = q.qualifier
            start = p - q.word.count
            break
        }
        let perEach = (numberStart >= 1 && s[numberStart - 1] == "每") || (numberStart >= 2 && s[numberStart - 2] == "每")
        return NumberToken(
            start: start, numberStart: numberStart, end: k, value: value, unit: unit, unitBit: unitBit, qualifier: qualifier,
            perEach: perEach)
    }

    // MARK: - Values

    static func decimalValue(_ s: [Unicode.Scalar], _ lo: Int, _ hi: Int) -> Double? {
        // Up to 15 digits the mantissa and 10^scale are exact Doubles and one IEEE division rounds correctly,
        // exactly as Double(String) does; longer runs take the String path.
        var mantissa = 0
        var digits = 0
        var scale = 0
        var inFraction = false
        for c in s[lo..<hi] {
            if c == "," { continue }
            if c == "." {
                inFraction = true
                continue
            }
            mantissa = mantissa &* 10 &+ Int(c.value &- 0x30)
            digits += 1
            if inFraction { scale += 1 }
        }
        if digits <= 15 {
            return scale == 0 ? Double(mantissa) : Double(mantissa) / exactPowersOfTen[scale]
        }
        var text = ""
        text.unicodeScalars.reserveCapacity(hi - lo)
        for c in s[lo..<hi] where c != "," { text.unicodeScalars.append(c) }
        return Double(text)
    }

    private static let exactPowersOfTen: [Double] = (0...15).map { n in (0..<n).reduce(1.0) { acc, _ in acc * 10 } }

    /// "一千二百" → 1200, "两千" → 2000, "十" → 10, "二十三万" → 230000.
    static func chineseValue(_ s: [Unicode.Scalar], _ lo: Int, _ hi: Int) -> Double? {
        var total = 0.0
        var section = 0.0
        var digit = -1.0
        for c in s[lo..<hi] {
            if let d = chineseDigit(c) {
                digit = d
                continue
            }
            switch c {
            case "十", "百", "千":
                let place: Double = c == "十" ? 10 : c == "百" ? 100 : 1000
                section += (digit < 0 ? 1 : digit) * place
                digit = -1
            case "万", "亿":
                let place: Double = c == "万" ? 10_000 : 100_000_000
                section += max(digit, 0)
                total = (total + section) * place
                section = 0
                digit = -1
            default:
                return nil
            }
        }
        return total + section + max(digit, 0)
    }

    static func chineseDigit(_ c: Unicode.Scalar) -> Double? {
        switch c {
        case "零", "〇": 0
        case "一": 1
        case "二", "两": 2
        case "三": 3
        case "四": 4
        case "五": 5
        case "六": 6
        case "七": 7
        case "八": 8
        case "九": 9
        default: nil
        }
    }

    /// Bit `v & 63` is set for every numeral `v`: one shift rules out most Han characters.
    private static let numeralBloom: UInt64 = 0xC040_2810_2810_128B

    @inline(__always)
    static func isChineseNumeral(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        guard v >= 0x3007, v <= 0x96F6, numeralBloom >> UInt64(v & 63) & 1 != 0 else { return false }
        return chineseDigit(c) != nil || c == "十" || c == "百" || c == "千" || c == "万" || c == "亿"
    }

    @inline(__always)
    static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 0x30 && c.value <= 0x39 }

    static func isASCIILetter(_ c: Unicode.Scalar) -> Bool {
        (c.value >= 0x41 && c.value <= 0x5A) || (c.value >= 0x61 && c.value <= 0x7A)
    }
}
