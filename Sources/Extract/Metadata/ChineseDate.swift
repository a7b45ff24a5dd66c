import NianbaoCore

/// A date as written in a report: a day, a month without day, or a digit run whose 年/月 were lost and that
/// reads as more than one day ("2016125" = 2016-01-25 or 2016-12-05).
enum ChineseDate: Equatable {
    case day(CivilDate)
    case month(year: Int, month: Int)
    case ambiguous([CivilDate])

    var year: Int {
        switch self {
        case .day(let date): return date.year
        case .month(let year, _): return year
        case .ambiguous(let dates): return dates.first?.year ?? 0
        }
    }

    /// Years a report could plausibly carry; anything else is a phone number or a count.
    static let plausibleYears = 1990...2099

    /// Reads the date that starts at `start`: "2018年1月9日", "2022-02-18", "2013/3/1", "2017.1.21",
    /// "2019年03月04日", "2017年3月", "2016125", "2018年1231日", "一七年一月八日", "二〇一八年…", "二○一一年十二月二日",
    /// "二O一八年…". Returns the date and the index after it, or nil.
    static func parse(_ s: [Unicode.Scalar], at start: Int) -> (date: ChineseDate, end: Int)? {
        guard start < s.count else { return nil }
        if ScalarText.isASCIIDigit(s[start]) { return parseArabic(s, start) }
        return parseChineseNumerals(s, start)
    }

    // MARK: Arabic digits

    private static func parseArabic(_ s: [Unicode.Scalar], _ start: Int) -> (date: ChineseDate, end: Int)? {
        var i = start
        let yearDigits = digits(s, &i)
        if (5...8).contains(yearDigits.count) {
            // Separators lost entirely: YYYY then month and day run together.
            guard let year = ScalarText.decimalValue(yearDigits.prefix(4)[...]), plausibleYears.contains(year),
                let date = splitMonthDay(year: year, Array(yearDigits.dropFirst(4)))
            else { return nil }
            return (date, skipDaySuffix(s, i))
        }
        var year: Int
        if yearDigits.count == 4, let value = ScalarText.decimalValue(yearDigits[...]) {
            year = value
        } else if yearDigits.count == 2, i < s.count, s[i] == "年", let value = ScalarText.decimalValue(yearDigits[...]) {
            year = 2000 + value
        } else {
            return nil
        }
        guard plausibleYears.contains(year) else { return nil }
        skipSpaces(s, &i)
        guard i < s.count, "-/.年".unicodeScalars.contains(s[i]) else { return nil }
        let separator = s[i]
        i += 1
        skipSpaces(s, &i)
        let monthDigits = digits(s, &i)
        skipSpaces(s, &i)
        if separator == "年" && (3...4).contains(monthDigits.count) && (i == s.count || s[i] != "月") {
            // 月 lost: "2018年1231日".
            guard let date = splitMonthDay(year: year, monthDigits) else { return nil }
            return (date, skipDaySuffix(s, i))
        }
        guard (1...2).contains(monthDigits.count), let month = ScalarText.decimalValue(monthDigits[...]),
            i < s.count, s[i] == (separator == "年" ? "月" : separator)
        else { return nil }
        i += 1
        skipSpaces(s, &i)
        let dayDigits = digits(s, &i)
        if dayDigits.isEmpty {
            guard separator == "年", (1...12).contains(month) else { return nil }
            return (.month(year: year, month: month), i)
        }
        guard dayDigits.count <= 2, let day = ScalarText.decimalValue(dayDigits[...]),
            let date = CivilDate(year: year, month: month, day: day)
        else { return nil }
        return (.day(date), skipDaySuffix(s, i))
    }

    /// Every valid (month, day) reading of 2–4 digits: "125" → 1-25 or 12-5.
    private static func splitMonthDay(year: Int, _ digits: [Unicode.Scalar]) -> ChineseDate? {
        guard (2...4).contains(digits.count) else { return nil }
        var dates: [CivilDate] = []
        for monthLength in 1...2 where digits.count - monthLength >= 1 && digits.count - monthLength <= 2 {
            guard let month = ScalarText.decimalValue(digits.prefix(monthLength)[...]),
                let day = ScalarText.decimalValue(digits.dropFirst(monthLength)[...]),
                let date = CivilDate(year: year, month: month, day: day)
            else { continue }
            dates.append(date)
        }
        switch dates.count {
        case 0: return nil
        case 1: return .day(dates[0])
        default: return .ambiguous(dates)
        }
    }

    // MARK: Chinese numerals

    /// 〇 U+3007, ○ U+25CB, 零 and the letter O all stand for zero in written years.
    static func chineseDigit(_ s: Unicode.Scalar) -> Int? {
        switch s {
        case "〇", "○", "零", "O", "o", "\u{039F}", "\u{041E}": return 0
        case "一": return 1
        case "二": return 2
        case "三": return 3
        case "四": return 4
        case "五": return 5
        case "六": return 6
        case "七": return 7
        case "八": return 8
        case "九": return 9
        default: return nil
        }
    }

    private static func parseChineseNumerals(_ s: [Unicode.Scalar], _ start: Int) -> (date: ChineseDate, end: Int)? {
        var i = start
        var year = 0
        var yearLength = 0
        var hasRealDigit = false
        // Each character is one digit of the year; ASCII 0 also turns up ("二0一八年").
        while i < s.count, yearLength < 4 {
            if let digit = chineseDigit(s[i]) {
                if s[i] != "O" && s[i] != "o" { hasRealDigit = true }
                year = year * 10 + digit
            } else if s[i] == "0" {
                year *= 10
            } else {
                break
            }
            yearLength += 1
            i += 1
        }
        guard hasRealDigit, yearLength == 2 || yearLength == 4, i < s.count, s[i] == "年" else { return nil }
        if yearLength == 2 { year += 2000 }
        guard plausibleYears.contains(year) else { return nil }
        i += 1
        skipSpaces(s, &i)
        guard let month = smallNumber(s, &i), i < s.count, s[i] == "月" else { return nil }
        i += 1
        skipSpaces(s, &i)
        guard let day = smallNumber(s, &i) else {
            guard (1...12).contains(month) else { return nil }
            return (.month(year: year, month: month), i)
        }
        guard let date = CivilDate(year: year, month: month, day: day) else { return nil }
        return (.day(date), skipDaySuffix(s, i))
    }

    /// 1–31 in Chinese numerals ("八", "十", "十二", "二十", "三十一", "廿五") or ASCII digits.
    private static func smallNumber(_ s: [Unicode.Scalar], _ i: inout Int) -> Int? {
        let arabic = digits(s, &i)
        if !arabic.isEmpty { return arabic.count <= 2 ? ScalarText.decimalValue(arabic[...]) : nil }
        var value = 0
        var read = false
        if i < s.count, let digit = chineseDigit(s[i]), digit > 0 {
            value = digit
            read = true
            i += 1
        }
        if i < s.count, s[i] == "十" || s[i] == "廿" || s[i] == "卅" {
            let tens = s[i] == "十" ? (read ? value : 1) : (s[i] == "廿" ? 2 : 3)
            guard s[i] == "十" || !read else { return nil }
            i += 1
            value = tens * 10
            read = true
            if i < s.count, let digit = chineseDigit(s[i]), digit > 0 {
                value += digit
                i += 1
            }
        }
        return read ? value : nil
    }

    // MARK: Helpers

    private static func digits(_ s: [Unicode.Scalar], _ i: inout Int) -> [Unicode.Scalar] {
        let start = i
        while i < s.count, ScalarText.isASCIIDigit(s[i]) { i += 1 }
        return Array(s[start..<i])
    }

    private static func skipSpaces(_ s: [Unicode.Scalar], _ i: inout Int) {
        while i < s.count, ScalarText.isSpace(s[i]) { i += 1 }
    }

    private static func skipDaySuffix(_ s: [Unicode.Scalar], _ i: Int) -> Int {
        i < s.count && (s[i] == "日" || s[i] == "号") ? i + 1 : i
    }
}
