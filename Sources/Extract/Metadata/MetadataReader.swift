import NianbaoCore

/// Reads title, agency, signing office, publishing unit, report year and dates (report-formats §6) from cleaned,
/// simplified lines. Only the first and last non-empty lines are parsed; the one whole-text pass is a byte scan for
/// the statistics-period sentence.
enum MetadataReader {
    /// Non-empty lines at the top that can hold page fields, the title and the opening sentence.
    static let headLineCount = 15
    /// Non-empty lines at the bottom that can hold the signature.
    static let tailLineCount = 10

    static func read(_ text: CleanText) -> ReportMetadata {
        let lines = text.lines
        var head: [String] = []
        head.reserveCapacity(headLineCount)
        for line in lines where !line.text.isEmpty {
            head.append(line.text)
            if head.count == headLineCount { break }
        }
        // Walked from the end by index: a reversed lazy filter was copied out through generic slices.
        var tail: [String] = []
        tail.reserveCapacity(tailLineCount)
        var index = lines.count
        while index > 0, tail.count < tailLineCount {
            index -= 1
            if !lines[index].text.isEmpty { tail.append(lines[index].text) }
        }
        tail.reverse()

        var metadata = ReportMetadata()
        let found = TitleFinder.findWithAgency(in: head)
        let title = found?.title
        metadata.title = title

        var published: ChineseDate?
        for line in head where ScalarText.contains(line, colon) || ScalarText.contains(line, fullWidthColon) {
            // Each value is kept from the first line that gives it, so once both are known no line can change them.
            if published != nil && metadata.publishingUnit != nil { break }
            let scalars = ScalarText.scalars(line)
            let fields = HeaderFields.fields(scalars)
            guard !fields.isEmpty else { continue }
            if published == nil { published = HeaderFields.publishedDate(in: scalars, fields: fields) }
            if metadata.publishingUnit == nil { metadata.publishingUnit = HeaderFields.publishingUnit(in: scalars, fields: fields) }
        }
        if case .day(let date) = published { metadata.publishedDate = date }

        let opening = OpeningSentence.find(in: head)
        let signature = SignatureBlock.find(in: tail)

        // Report year: statistics period > title > opening sentence > publication (or signature) year − 1.
        // Never from other body mentions: seed 000 says "2018年，区政府…" in a 2017 report.
        metadata.reportYear =
            statisticsPeriodYear(text.lines) ?? title.flatMap(titleYear) ?? opening?.year
            ?? (metadata.publishedDate?.year ?? signature?.date.year).map { $0 - 1 }

        if let signature {
            metadata.signedDate = resolve(signature.date, publishedDate: metadata.publishedDate, reportYear: metadata.reportYear)
        }

        metadata.agency = found?.agency ?? opening?.agency ?? signature?.office
        if let office = signature?.office, office != metadata.agency { metadata.signingOffice = office }
        return metadata
    }

    /// True when the text reads like an annual report even without tables or figures: a report title near the top,
    /// a statistics-period sentence, or repeated disclosure vocabulary with the report's own terms.
    static func looksLikeReport(_ text: CleanText) -> Bool {
        let head = text.lines.lazy.map(\.text).filter { !$0.isEmpty }.prefix(headLineCount)
        if TitleFinder.find(in: Array(head)) != nil { return true }
        if statisticsPeriodYear(text.lines) != nil { return true }
        var disclosureMentions = 0
        var reportTerms = 0
        for line in text.lines {
            if ScalarText.contains(line.text, disclosureBytes) { disclosureMentions += 1 }
            if reportTermBytes.contains(where: { ScalarText.contains(line.text, $0) }) { reportTerms += 1 }
        }
        return disclosureMentions >= 3 && reportTerms >= 1
    }

    private static let colon = Array(":".utf8)
    private static let fullWidthColon = Array("：".utf8)
    private static let disclosureBytes = Array("公开".utf8)
    private static let reportTermBytes = ["主动公开", "依申请", "年度报告", "工作报告", "政府信息公开条例"].map { Array($0.utf8) }

    // MARK: Report year

    private static let statisticsBytes = Array("统计".utf8)
    private static let periodWords = ["统计时限", "统计期限", "统计时间", "统计周期", "统计区间"]
        .map { (bytes: Array($0.utf8), scalarCount: $0.unicodeScalars.count) }

    /// "本报告中所列数据的统计时限自2017年1月1日至…", "统计期限从YYYY年…", "数据统计期限为YYYY年…": the first year
    /// within a few characters after the keyword.
    static func statisticsPeriodYear(_ lines: [TextLine]) -> Int? {
        for line in lines where ScalarText.contains(line.text, statisticsBytes) {
            let text = line.text
            let year: Int? = text.withUTF8Bytes { bytes in
                // The words are found in the UTF-8 (the first byte match is the first scalar match), and as
                // `firstYear` reads only from its start on, just the scalars from the word on are decoded.
                // Most 统计 lines ("统计数据", "统计表") hold no period word and decode nothing.
                for word in periodWords {
                    guard let byteIndex = UTF8Scan.firstIndex(of: word.bytes, in: bytes, from: 0) else { continue }
                    let s = ScalarText.scalars(bytes, from: byteIndex)
                    if let year = firstYear(in: s, from: word.scalarCount, within: 12) { return year }
                }
                return nil
            }
            if let year { return year }
        }
        return nil
    }

    static func titleYear(_ title: String) -> Int? {
        let s = ScalarText.scalars(title)
        return firstYear(in: s, from: 0, within: s.count)
    }

    /// The first "YYYY年" (or Chinese-numeral year) starting within `window` scalars of `start`.
    static func firstYear(in s: [Unicode.Scalar], from start: Int, within window: Int) -> Int? {
        var i = start
        while i < s.count, i < start + window {
            if ScalarText.isASCIIDigit(s[i]) {
                var j = i
                while j < s.count, ScalarText.isASCIIDigit(s[j]) { j += 1 }
                if j - i == 4, j < s.count, s[j] == "年", let year = ScalarText.decimalValue(s[i..<j]),
                    ChineseDate.plausibleYears.contains(year)
                {
                    return year
                }
                i = j
                continue
            }
            if ChineseDate.chineseDigit(s[i]) != nil, let year = chineseYear(s, i) { return year }
            i += 1
        }
        return nil
    }

    /// "二〇一九年" → 2019 (four numerals only: two-numeral years in running text are too easily something else).
    private static func chineseYear(_ s: [Unicode.Scalar], _ start: Int) -> Int? {
        guard start + 4 < s.count, s[start + 4] == "年" else { return nil }
        var year = 0
        for index in start..<(start + 4) {
            guard let digit = ChineseDate.chineseDigit(s[index]) else { return nil }
            year = year * 10 + digit
        }
        return ChineseDate.plausibleYears.contains(year) ? year : nil
    }

    // MARK: Signature date

    /// A digit run with lost separators reads as several days: the header date decides (the nearest reading;
    /// seed 003 "2016125" on a page dated 2016-01-28 is 2016-01-25, not 2016-12-05); without one, the only reading
    /// in January–March after the report year (when reports are due) wins; otherwise nothing is claimed.
    /// A month without day ("2017年3月") gives no date: a day would be invented.
    static func resolve(_ date: ChineseDate, publishedDate: CivilDate?, reportYear: Int?) -> CivilDate? {
        switch date {
        case .day(let day):
            return day
        case .month:
            return nil
        case .ambiguous(let candidates):
            if let publishedDate {
                return candidates.min {
                    abs($0.daysSinceEpoch - publishedDate.daysSinceEpoch) < abs($1.daysSinceEpoch - publishedDate.daysSinceEpoch)
                }
            }
            guard let reportYear else { return nil }
            let dueSeason = candidates.filter { $0.year == reportYear + 1 && $0.month <= 3 }
            return dueSeason.count == 1 ? dueSeason[0] : nil
        }
    }
}
