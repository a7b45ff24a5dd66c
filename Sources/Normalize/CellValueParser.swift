import NianbaoCore

/// What was wrong with a token, beyond its kind.
public enum CellIssue: Sendable, Hashable {
    /// "00", "0 0", "05": read without the stray zero (report-formats §3.4, seed 001).
    case leadingZero
    /// A letter stands where a digit should ("1O", "l2"); not guessed.
    case suspiciousChar
    /// No number, dash, blank or zero word; the reason says what did not fit.
    case unreadable(String)
}

/// A cell token read for one column kind.
public struct ParsedCell: Sendable, Hashable {
    public var kind: CellKind
    /// The number in the column's unit (yuan for `amount`, 万元 for `amount_10k_yuan`); nil unless `.number`.
    public var value: Double?
    public var issue: CellIssue?

    public init(kind: CellKind, value: Double? = nil, issue: CellIssue? = nil) {
        self.kind = kind
        self.value = value
        self.issue = issue
    }
}

/// Reads the cell tokens of report-formats §4.4 by hand over Unicode scalars: it runs for every cell of
/// every report, so it allocates one small scalar buffer and uses no regular expressions.
public enum CellValueParser {
    public static func parse(_ raw: String, as column: ColumnKind) -> ParsedCell {
        if let plain = plainDigits(raw) { return plain }
        let s = cleanedScalars(raw)
        if s.isEmpty { return ParsedCell(kind: .blank) }
        if isNotApplicable(s) { return ParsedCell(kind: .notApplicable) }
        if s.count == 1, zeroWords.contains(s[0].value) { return ParsedCell(kind: .number, value: 0) }

        var index = 0
        let negative = readSign(s, &index)
        skipSpaces(s, &index)
        if column.isAmount, index < s.count, s[index].value == 0xFFE5 || s[index].value == 0xA5 {
            index += 1  // ￥ / ¥ before an amount
            skipSpaces(s, &index)
        }
        guard let number = readNumber(s, &index) else { return failure(s, "no number") }
        skipSpaces(s, &index)
        guard let exponent = unitExponent(s[index...], column) else {
            return failure(s, "unit \"\(String(String.UnicodeScalarView(s[index...])))\" does not fit the column")
        }
        var value = scaled(number.mantissa, by: exponent - number.scale)
        if negative { value = -value }
        if value == 0 { value = 0 }  // no "-0" in the output for "减少0"
        return ParsedCell(kind: .number, value: value, issue: number.hasLeadingZero ? .leadingZero : nil)
    }

    /// Most cells are blank or plain ASCII digits ("12", "0", "00"): read from the UTF-8 without building scalars,
    /// with exactly the result of the general path (at most 15 digits, as `readNumber` allows).
    private static func plainDigits(_ raw: String) -> ParsedCell? {
        return raw.withUTF8Bytes { bytes in
            if bytes.isEmpty { return ParsedCell(kind: .blank) }
            guard bytes.count <= 15 else { return nil }
            var mantissa = 0
            for byte in bytes {
                guard byte &- 0x30 < 10 else { return nil }
                mantissa = mantissa * 10 + Int(byte &- 0x30)
            }
            let leadingZero = bytes.count > 1 && bytes[0] == 0x30
            return ParsedCell(kind: .number, value: Double(mantissa), issue: leadingZero ? .leadingZero : nil)
        }
    }

    // MARK: Clean-up

    /// Full-width ASCII folded to ASCII, space-like characters to a space, "?" debris and stray pipes dropped
    /// (report-formats §4.1 step 4: in numeric cells "?" stands for a lost space), ends trimmed.
    static func cleanedScalars(_ raw: String) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(raw.unicodeScalars.count)
        for scalar in raw.unicodeScalars {
            var v = scalar.value
            if v >= 0xFF01 && v <= 0xFF5E { v -= 0xFEE0 }
            switch v {
            case 0x3F, 0x7C: continue  // "?", "|"
            case 0x09, 0x0A, 0x0D, 0xA0, 0x3000, 0x2000...0x200B: v = 0x20
            default: break
            }
            if let folded = Unicode.Scalar(v) { out.append(folded) }
        }
        if out.contains(where: { $0 == "&" }) { removeEntity(&out) }
        while let last = out.last, last == " " { out.removeLast() }
        let leading = out.prefix { $0 == " " }.count
        if leading > 0 { out.removeFirst(leading) }
        return out
    }

    /// "&nbsp;" left over from HTML means a blank.
    private static func removeEntity(_ s: inout [Unicode.Scalar]) {
        let entity = Array("&nbsp;".unicodeScalars)
        var i = 0
        while i + entity.count <= s.count {
            if Array(s[i..<(i + entity.count)]) == entity {
                s.replaceSubrange(i..<(i + entity.count), with: [" "])
            }
            i += 1
        }
    }

    // MARK: Words

    /// "无", "零", "〇", "○" mean 0 (report-formats §4.4).
    private static let zeroWords: Set<UInt32> = [0x65E0, 0x7121, 0x96F6, 0x3007, 0x25CB]

    private static let dashes: Set<UInt32> = [0x2D, 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0x2500, 0x2501]

    /// Dashes of every width, a slash, "空" and "N/A" mean "not applicable" (report-formats §3.4).
    static func isNotApplicable(_ s: [Unicode.Scalar]) -> Bool {
        if s.allSatisfy({ dashes.contains($0.value) }) { return true }
        if s.allSatisfy({ $0 == "/" || $0 == "\\" }) { return true }
        switch s.count {
        case 1: return s[0] == "空"
        case 2: return (s[0] == "N" || s[0] == "n") && (s[1] == "A" || s[1] == "a")
        case 3: return (s[0] == "N" || s[0] == "n") && s[1] == "/" && (s[2] == "A" || s[2] == "a")
        default: return false
        }
    }

    /// "+3", "-2", "增加1", "减少2" (also 增/减 alone and traditional 減). Returns true for a minus.
    private static func readSign(_ s: [Unicode.Scalar], _ index: inout Int) -> Bool {
        guard index < s.count else { return false }
        switch s[index] {
        case "+":
            index += 1
            return false
        case "-", "\u{2212}":
            index += 1
            return true
        case "增":
            index += 1
            if index < s.count, s[index] == "加" { index += 1 }
            return false
        case "减", "減":
            index += 1
            if index < s.count, s[index] == "少" { index += 1 }
            return true
        default:
            return false
        }
    }

    private static func skipSpaces(_ s: [Unicode.Scalar], _ index: inout Int) {
        while index < s.count, s[index] == " " { index += 1 }
    }

    // MARK: Numbers

    struct Number {
        var mantissa: Int
        /// Digits after the decimal point.
        var scale: Int
        var hasLeadingZero: Bool
    }

    /// Digits with optional thousands separators ("1,234", "1，234", "1 234") and one decimal point.
    /// A first digit group starting with 0 followed by more digits is the "00" typo, not a separator.
    static func readNumber(_ s: [Unicode.Scalar], _ index: inout Int) -> Number? {
        var mantissa = 0
        var digits = 0
        var scale = 0
        var groupCount = 0
        var firstGroup = 0
        var laterGroupsAreThousands = true
        var current = 0
        var integerDigits = 0
        var firstDigitIsZero = false
        var inFraction = false
        func isDigit(_ i: Int) -> Bool { i < s.count && s[i].value >= 0x30 && s[i].value <= 0x39 }
        func closeGroup() {
            if groupCount == 0 { firstGroup = current } else if current != 3 { laterGroupsAreThousands = false }
            groupCount += 1
            integerDigits += current
            current = 0
        }

        while index < s.count {
            let v = s[index].value
            if v >= 0x30 && v <= 0x39 {
                // 15 digits keep every integer exact in a Double.
                guard digits < 15 else { return nil }
                if digits == 0 { firstDigitIsZero = v == 0x30 }
                mantissa = mantissa * 10 + Int(v - 0x30)
                digits += 1
                if inFraction { scale += 1 } else { current += 1 }
                index += 1
            } else if !inFraction, current > 0, v == 0x2C || v == 0x20, isDigit(index + 1) {
                closeGroup()
                index += 1
            } else if !inFraction, current > 0, v == 0x2E, isDigit(index + 1) {
                closeGroup()
                inFraction = true
                index += 1
            } else {
                break
            }
        }
        guard digits > 0 else { return nil }
        if !inFraction { closeGroup() }
        let hasLeadingZero = firstDigitIsZero && integerDigits > 1
        if groupCount > 1, !hasLeadingZero {
            guard (1...3).contains(firstGroup), laterGroupsAreThousands else { return nil }
        }
        return Number(mantissa: mantissa, scale: scale, hasLeadingZero: hasLeadingZero)
    }

    private static let powersOfTen: [Double] = (0...22).map { n in (0..<n).reduce(1.0) { acc, _ in acc * 10 } }

    /// mantissa × 10^exponent, exact for the integers and 2–4 decimal amounts the tables hold
    /// (66857 × 10² for "668.57万元" rather than 668.57 × 10000, which is not exact in binary).
    static func scaled(_ mantissa: Int, by exponent: Int) -> Double {
        let magnitude = min(abs(exponent), powersOfTen.count - 1)
        return exponent >= 0 ? Double(mantissa) * powersOfTen[magnitude] : Double(mantissa) / powersOfTen[magnitude]
    }

    // MARK: Units

    private static let countUnits: Set<String> = ["件", "条", "項", "项", "个", "個", "宗", "起", "次", "份", "篇", "人次"]

    /// Power of ten that turns the cell's unit into the column's unit; nil when the unit does not belong.
    static func unitExponent(_ suffix: ArraySlice<Unicode.Scalar>, _ column: ColumnKind) -> Int? {
        if suffix.isEmpty { return 0 }  // the common case: a bare number
        let text = String(String.UnicodeScalarView(suffix.filter { $0 != " " }))
        switch column {
        case .count, .signedCount:
            if text.isEmpty || countUnits.contains(text) { return 0 }
            if let first = text.unicodeScalars.first, first == "万" || first == "萬" {
                let rest = String(text.unicodeScalars.dropFirst())
                return rest.isEmpty || countUnits.contains(rest) ? 4 : nil
            }
            return nil
        case .amountYuan:
            return yuanExponent(text)
        case .amountTenThousandYuan:
            // The header already says 万元, so a bare number is 万元; "6685700元" is converted.
            return text.isEmpty ? 0 : yuanExponent(text).map { $0 - 4 }
        }
    }

    /// A bare number in a yuan column is yuan; 万 and 亿 scale it.
    private static func yuanExponent(_ text: String) -> Int? {
        switch text {
        case "", "元": return 0
        case "万", "萬", "万元", "萬元": return 4
        case "亿", "億", "亿元", "億元": return 8
        default: return nil
        }
    }

    // MARK: Failures

    /// Digits mixed only with letters that look like digits ("1O", "l2", "O") are flagged for a person to read.
    private static func failure(_ s: [Unicode.Scalar], _ reason: String) -> ParsedCell {
        let lookalikes: Set<Unicode.Scalar> = ["O", "o", "l", "I"]
        let hasLookalike = s.contains { lookalikes.contains($0) }
        let onlyDigitish = s.allSatisfy { lookalikes.contains($0) || ("0"..."9").contains($0) || $0 == "," || $0 == "." }
        let issue: CellIssue = hasLookalike && onlyDigitish ? .suspiciousChar : .unreadable(reason)
        return ParsedCell(kind: .unreadable, issue: issue)
    }
}

extension CellValueParser.Number: Sendable {}
