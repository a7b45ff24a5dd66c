import NianbaoCore

/// The signing office and date at the end of a report: "金台区人民政府办公室" / "2018年1月9日", or both on one line.
struct SignatureBlock: Equatable {
    var office: String?
    var date: ChineseDate

    /// Looks at the last non-empty lines from the end; the first that is nothing but a date (optionally after an
    /// office name) is the signature. Body sentences never qualify, so a year mentioned in the text cannot.
    static func find(in tail: [String]) -> SignatureBlock? {
        for (position, line) in tail.enumerated().reversed() {
            guard let (office, date) = dateLine(line) else { continue }
            if let office { return SignatureBlock(office: office, date: date) }
            let previous = position > 0 ? officeLine(tail[position - 1]) : nil
            return SignatureBlock(office: previous, date: date)
        }
        return nil
    }

    /// A line that is a date, possibly preceded by an office name: returns both.
    static func dateLine(_ line: String) -> (office: String?, date: ChineseDate)? {
        // More than 240 bytes is more than 60 scalars: body paragraphs stop here without a scalar copy.
        guard line.utf8.count <= 240 else { return nil }
        let s = ScalarText.scalars(line)
        guard !s.isEmpty, s.count <= 60 else { return nil }
        for start in s.indices {
            let startsRun = ScalarText.isASCIIDigit(s[start]) || ChineseDate.chineseDigit(s[start]) != nil
            guard startsRun else { continue }
            if start > 0, ScalarText.isASCIIDigit(s[start - 1]) { continue }
            guard let (date, end) = ChineseDate.parse(s, at: start) else { continue }
            guard ScalarText.trimmed(s[end...], also: [".", "。", ")"]).isEmpty else { continue }
            let prefix = ScalarText.string(ScalarText.trimmed(s[0..<start], also: [",", ":", "("]))
            if prefix.isEmpty { return (nil, date) }
            guard let office = officeLine(prefix) else { return nil }
            return (office, date)
        }
        return nil
    }

    /// A line that names an office: short, no sentence punctuation, ends like a body ("…办公室", "…管理委员会").
    static func officeLine(_ line: String) -> String? {
        var name = line
        for stamp in ["(盖章)", "(章)"] where ScalarText.hasSuffix(name, stamp) { name = String(name.dropLast(stamp.count)) }
        return AgencyName.looksLikeOrganName(name) ? name : nil
    }
}
